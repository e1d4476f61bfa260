// Sổ công văn: the page's actions. The pages are rendered (and escaped) by the server; this
// script only sends the clerk's actions to /api/ with the page's CSRF token and shows answers
// with textContent, never as HTML.
"use strict";

(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const FLASH_KEY = "congvan-flash";

  function flash(message, bad) {
    const box = document.getElementById("flash");
    if (!box) return;
    box.textContent = message;
    box.classList.toggle("bad", !!bad);
  }

  // Shows after the reload the message of what was just done.
  function reloadWith(message) {
    sessionStorage.setItem(FLASH_KEY, message);
    location.reload();
  }

  async function send(url, options) {
    const response = await fetch(url, Object.assign({ credentials: "same-origin" }, options));
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      throw new Error((body && body.error) || ("Lỗi máy chủ (HTTP " + response.status + ")"));
    }
    return body;
  }

  function postJson(url, data) {
    return send(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(data),
    });
  }

  function busy(form, on) {
    form.querySelectorAll("button, input").forEach((el) => { el.disabled = on; });
  }

  // Mark done / reopen.
  document.querySelectorAll("form.task-status").forEach((form) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const action = form.dataset.action;
      busy(form, true);
      try {
        await postJson("/api/tasks/" + form.dataset.task + "/" + action, { note: form.note.value });
        reloadWith(action === "done" ? "Đã đánh dấu hoàn thành." : "Đã mở lại nhiệm vụ.");
      } catch (e) {
        busy(form, false);
        flash(e.message, true);
      }
    });
  });

  // Forms that post their fields as JSON to data-post (the directory of units, "Giao việc"):
  // a name used by several fields (the co-operating units) is sent as an array of the filled ones.
  document.querySelectorAll("form[data-post]").forEach((form) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const data = {};
      const repeated = {};
      form.querySelectorAll("[name]").forEach((el) => {
        repeated[el.name] = (repeated[el.name] || 0) + 1;
      });
      form.querySelectorAll("[name]").forEach((el) => {
        if (repeated[el.name] > 1) {
          if (!data[el.name]) data[el.name] = [];
          if (el.value.trim() !== "") data[el.name].push(el.value);
        } else {
          data[el.name] = el.value;
        }
      });
      busy(form, true);
      try {
        await postJson(form.dataset.post, data);
        reloadWith(form.dataset.done || "Đã lưu.");
      } catch (e) {
        busy(form, false);
        flash(e.message, true);
        // Also beside the form, which may be far down the page from the message above.
        const near = form.querySelector(".form-error");
        if (near) near.textContent = e.message;
      }
    });
  });

  // "Đã kiểm tra": the letter leaves the review queue; the record shows in its history.
  document.querySelectorAll("form.reviewed").forEach((form) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      busy(form, true);
      try {
        await postJson("/api/documents/" + form.dataset.doc + "/reviewed", {});
        reloadWith("Đã ghi nhận: văn bản đã được kiểm tra.");
      } catch (e) {
        busy(form, false);
        flash(e.message, true);
      }
    });
  });

  // Corrections: one "Sửa" per section shows every correction form of the section at once
  // ("Xong" hides them); "Lưu" records the one correction it belongs to.
  document.querySelectorAll(".edit-scope").forEach((scope) => {
    const edit = scope.querySelector(".scope-head button.edit");
    if (!edit) return;
    edit.addEventListener("click", () => {
      const editing = scope.classList.toggle("editing");
      edit.textContent = editing ? "Xong" : "Sửa";
      edit.setAttribute("aria-expanded", editing ? "true" : "false");
      const first = scope.querySelector("form.correct [name=value]");
      if (editing && first) first.focus();
    });
  });
  document.querySelectorAll("form.correct").forEach((form) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const data = { field: form.dataset.field, value: form.value.value };
      if (form.dataset.task) data.task_id = Number(form.dataset.task);
      busy(form, true);
      try {
        await postJson("/api/documents/" + form.dataset.doc + "/corrections", data);
        reloadWith("Đã lưu sửa đổi.");
      } catch (e) {
        busy(form, false);
        flash(e.message, true);
      }
    });
  });

  // Delete a letter registered by mistake (an administrator can restore it: congvan restore).
  document.querySelectorAll("form.delete-letter").forEach((form) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!window.confirm("Xóa văn bản này khỏi sổ? Bản gốc vẫn được giữ; quản trị viên có thể khôi phục.")) return;
      busy(form, true);
      try {
        const r = await postJson("/api/documents/" + form.dataset.doc + "/delete", {});
        sessionStorage.setItem(FLASH_KEY, "Đã xóa văn bản " + (r.doc_ref || r.deleted) + ".");
        location.href = "/";
      } catch (e) {
        busy(form, false);
        flash(e.message, true);
      }
    });
  });

  // The print view's button.
  document.querySelectorAll("button.print").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });

  // Upload.
  const upload = document.getElementById("upload-form");
  if (upload) {
    const result = document.getElementById("upload-result");
    upload.addEventListener("submit", async (event) => {
      event.preventDefault();
      const file = upload.file.files[0];
      if (!file) return;
      const max = Number(upload.dataset.maxBytes);
      if (file.size > max) {
        result.textContent = "Tệp quá lớn: tối đa " + Math.floor(max / 1048576) + " MB.";
        return;
      }
      const data = new FormData();
      data.append("file", file);
      busy(upload, true);
      result.classList.remove("error");
      result.textContent = "Đang đọc văn bản…";
      try {
        const r = await send("/api/upload", { method: "POST", headers: { "X-CSRF-Token": csrf }, body: data });
        result.textContent = (r.attached ? (r.already_registered ? "Tệp này đã được gộp vào văn bản: "
                                                                 : "Cùng một văn bản đã có trong sổ; đã thêm tệp này vào: ")
                              : r.already_registered ? "Văn bản đã có trong sổ: " : "Đã đăng ký: ") +
          (r.doc_ref || "(chưa rõ số)") + " — " + r.tasks + " nhiệm vụ. ";
        const link = document.createElement("a");
        link.href = r.url;
        link.textContent = "Mở văn bản";
        result.appendChild(link);
        result.classList.remove("error");
      } catch (e) {
        result.textContent = e.message;
        result.classList.add("error");
      } finally {
        busy(upload, false);
      }
    });
  }

  const pending = sessionStorage.getItem(FLASH_KEY);
  if (pending) {
    sessionStorage.removeItem(FLASH_KEY);
    flash(pending, false);
  }
})();
