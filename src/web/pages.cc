#include "web/pages.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string_view>

#include "base/pdf_signature.h"
#include "text/dates.h"
#include "web/html.h"
#include "web/json_views.h"
#include "web/lists.h"
#include "web/unit_pages.h"

namespace congvan::web {
namespace {

using registry::TaskState;
using registry::TaskView;

std::string Id(std::int64_t id) { return std::to_string(id); }

// <a href="…">text</a> with both escaped.
std::string Link(const std::string& href, const std::string& text) {
  return "<a href=\"" + Escape(href) + "\">" + Escape(text) + "</a>";
}

std::string Or(const std::string& value, const std::string& fallback) {
  return value.empty() ? fallback : value;
}

std::string StateClass(TaskState state) { return "state-" + registry::StateSlug(state); }

std::string Deadline(const registry::TaskRecord& t) {
  if (t.due_date.empty()) return t.recurrence.empty() ? "Không có hạn" : "Định kỳ: " + t.recurrence;
  return VnDate(t.due_date) + (t.due_time.empty() ? "" : " " + t.due_time);
}

// "2026-12-06T00:25:27Z" (UTC, as the registry stores times) → "07:25 06/12/2026", Viet Nam
// time; anything else unchanged.
std::string VnTime(const std::string& utc) {
  if (utc.size() < 16 || utc[10] != 'T' || !text::IsIsoDate(utc.substr(0, 10)) ||
      !text::IsTimeOfDay(utc.substr(11, 5))) {
    return utc;
  }
  int minutes = std::stoi(utc.substr(11, 2)) * 60 + std::stoi(utc.substr(14, 2)) +
                static_cast<int>(std::chrono::minutes(registry::kVietnamOffset).count());
  int days = registry::DaysFromIso(utc.substr(0, 10)) + minutes / (24 * 60);
  minutes %= 24 * 60;
  char hhmm[8];
  std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", minutes / 60, minutes % 60);
  return std::string(hhmm) + " " + VnDate(registry::IsoFromDays(days));
}

bool IsDone(TaskState s) { return s == TaskState::kDoneOnTime || s == TaskState::kDoneLate; }

// The mark-done / reopen form of a task (assets/app.js posts it to /api/tasks/ID/done|reopen).
std::string StatusForm(std::int64_t task_id, TaskState state) {
  const bool done = IsDone(state);
  return "<form class=\"task-status\" data-task=\"" + Id(task_id) + "\" data-action=\"" +
         (done ? "reopen" : "done") +
         "\"><input name=\"note\" aria-label=\"Ghi chú\" placeholder=\"Ghi chú (không bắt buộc)\">"
         "<button type=\"submit\">" + (done ? "Mở lại" : "Đánh dấu hoàn thành") +
         "</button></form>";
}

const char kEmpty[] = "<em class=\"empty\">(trống)</em>";

// One editable value: `shown_html` (already escaped) and the correction form holding
// `control_html`, the form element named "value" (assets/app.js posts its value to
// /api/documents/ID/corrections). The form shows when its section is put in editing mode by the
// section's one "Sửa" button (EditScope), not by a button per value.
std::string EditableBox(std::int64_t doc_id, std::optional<std::int64_t> task_id,
                        const std::string& field, const std::string& shown_html,
                        const std::string& control_html) {
  const std::string task_attr = task_id ? " data-task=\"" + Id(*task_id) + "\"" : "";
  // A list is a block (<ul>), which a <span> may not hold.
  const char* tag = registry::IsListField(field) ? "div" : "span";
  return "<div class=\"editable\"><" + std::string(tag) + " class=\"value\" data-field=\"" +
         Escape(field) + "\">" + shown_html + "</" + tag + "><form class=\"correct\" data-doc=\"" +
         Id(doc_id) + "\"" + task_attr + " data-field=\"" + Escape(field) + "\">" + control_html +
         "<button type=\"submit\">Lưu</button></form></div>";
}

// A section whose values are corrected together: one "Sửa" button (assets/app.js) shows every
// correction form of `body_html` at once, "Xong" hides them again.
std::string EditScope(const std::string& label, const std::string& heading_html,
                      const std::string& body_html) {
  return "<div class=\"edit-scope\"><div class=\"scope-head\">" + heading_html +
         "<button type=\"button\" class=\"edit\" aria-label=\"Sửa " + Escape(label) +
         "\" aria-expanded=\"false\">Sửa</button></div>" + body_html + "</div>";
}

// One editable value shown as text, corrected in a one-line input.
std::string Editable(std::int64_t doc_id, std::optional<std::int64_t> task_id,
                     const std::string& field, const std::string& value,
                     const std::string& input_hint = "") {
  // A task's text is long (the whole paragraph): a box of several lines, and on the page its
  // first lines with "xem thêm".
  if (field == "action") {
    const std::string area = "<textarea name=\"value\" rows=\"" +
                             std::to_string(std::clamp<std::size_t>(value.size() / 90 + 1, 2, 10)) +
                             "\" aria-label=\"" + Escape(FieldLabel(field)) + "\">" + Escape(value) +
                             "</textarea>";
    return EditableBox(doc_id, task_id, field, value.empty() ? kEmpty : TaskTextHtml(value), area);
  }
  // A task's unit is completed from the directory's <datalist> (unit_pages.h).
  const std::string input =
      "<input name=\"value\" value=\"" + Escape(value) + "\" aria-label=\"" +
      Escape(FieldLabel(field)) + "\"" +
      (field == "assignee" ? std::string(" list=\"") + kUnitListId + "\" autocomplete=\"off\"" : "") +
      (input_hint.empty() ? "" : " placeholder=\"" + Escape(input_hint) + "\"") + ">";
  return EditableBox(doc_id, task_id, field, value.empty() ? kEmpty : Escape(value), input);
}

// An editable list: `items_html` (one escaped <li> per item) shown as a list, corrected in a
// textarea holding `lines`, one item per line (registry::IsListField).
std::string EditableList(std::int64_t doc_id, std::optional<std::int64_t> task_id,
                         const std::string& field, const std::string& items_html,
                         const std::vector<std::string>& lines, const std::string& hint) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  const std::string textarea =
      "<textarea name=\"value\" rows=\"" +
      std::to_string(std::clamp<std::size_t>(lines.size() + 1, 3, 12)) + "\" aria-label=\"" + Escape(FieldLabel(field)) + " (mỗi dòng một mục)\" placeholder=\"" +
      Escape(hint) + "\">" + Escape(text) + "</textarea><p class=\"hint\">Mỗi dòng một mục; để trống "
      "để xóa hết.</p>";
  return EditableBox(doc_id, task_id, field,
                     items_html.empty() ? kEmpty : "<ul class=\"items\">" + items_html + "</ul>",
                     textarea);
}

std::string EscapedItems(const std::vector<std::string>& items) {
  std::string h;
  for (const std::string& item : items) h += "<li>" + Escape(item) + "</li>";
  return h;
}

std::string DocumentLine(std::int64_t id, const std::string& doc_ref, const std::string& doc_type,
                         const std::string& issuer, const std::string& date,
                         const std::string& subject) {
  std::string h = "<div class=\"doc-line\"><a class=\"doc-title\" href=\"/documents/" + Id(id) +
                  "\">" + Escape(Or(doc_type, "Văn bản")) + " " +
                  Escape(Or(doc_ref, "(chưa rõ số)")) + "</a>";
  h += "<div class=\"meta\">" + Escape(Or(issuer, "(chưa rõ cơ quan)")) +
       (date.empty() ? "" : " · " + Escape(VnDate(date))) + "</div>";
  if (!subject.empty()) h += "<div class=\"subject\">" + Escape(subject) + "</div>";
  return h + "</div>";
}

std::string TaskRow(const TaskView& v, const std::string& snippet_html = "") {
  const registry::TaskRecord& t = v.task;
  std::string h = "<tr class=\"task " + StateClass(v.state) + "\" data-task=\"" + Id(t.id) + "\">";
  h += "<td class=\"due\" data-label=\"Hạn\">" + Escape(Deadline(t)) + "</td>";
  h += "<td class=\"state\" data-label=\"Trạng thái\"><span class=\"badge\">" +
       Escape(registry::StateLabel(v.state)) + "</span></td>";
  h += "<td data-label=\"Đơn vị\">" + Escape(Or(t.assignee, "(chưa rõ)")) +
       (t.source == "assigned" ? " <span class=\"assigned-mark\">Giao việc</span>" : "") + "</td>";
  h += "<td class=\"action\" data-label=\"Nội dung\">" + TaskTextHtml(t.action) +
       (snippet_html.empty() ? "" : "<div class=\"snippet\">" + snippet_html + "</div>") + "</td>";
  h += "<td data-label=\"Văn bản\">" + Link("/documents/" + Id(v.document_id),
                                            Or(v.doc_ref, "(chưa rõ số)")) +
       "<div class=\"meta\">" + Escape(v.issuer) + "</div></td>";
  h += "<td data-label=\"Cập nhật\">" + StatusForm(t.id, v.state) + AssignLink(v.document_id, t.id) +
       "</td></tr>";
  return h;
}

std::string TextInput(const char* name, const char* label, const std::string& value,
                      const char* placeholder = "") {
  return std::string("<label>") + label + "<input name=\"" + name + "\" value=\"" +
         Escape(value) + "\" placeholder=\"" + placeholder + "\"></label>";
}

std::string FlagList(const std::vector<std::string>& flags) {
  if (flags.empty()) return "";
  std::string h = "<ul class=\"flags\">";
  for (const std::string& f : flags) h += "<li>" + Escape(VietnameseRemark(f)) + "</li>";
  return h + "</ul>";
}

std::string FieldValueJson(const std::string& fields_json, const char* key) {
  nlohmann::json fields = nlohmann::json::parse(fields_json, nullptr, false);
  if (fields.is_object() && fields.contains(key) && fields[key].is_string()) {
    return fields[key].get<std::string>();
  }
  return "";
}

// The stamps read from the first page, shown as read (not editable): the received stamp ("Đến":
// the office that received the letter, its arrival number and date) and the urgency.
std::string StampFields(const std::string& fields_json) {
  const nlohmann::json fields = nlohmann::json::parse(fields_json, nullptr, false);
  if (!fields.is_object()) return "";
  auto text = [](const nlohmann::json& j, const char* key) -> std::string {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
  };
  std::string h;
  auto row = [&h](const char* label, const std::string& value) {
    if (!value.empty()) h += "<dt>" + Escape(label) + "</dt><dd class=\"stamp\">" + Escape(value) + "</dd>";
  };
  row("Độ khẩn", text(fields, "urgency"));
  if (fields.contains("received")) {
    const nlohmann::json& r = fields["received"];
    const std::string date = text(r, "date");
    row("Dấu đến: nơi nhận", text(r, "office"));
    row("Dấu đến: số đến", text(r, "number"));
    row("Dấu đến: ngày đến", date.empty() ? "" : VnDate(date));
  }
  return h;
}

std::string DocumentFields(const registry::DocumentRecord& doc) {
  const std::pair<std::string, std::string> fields[] = {
      {"doc_ref", doc.doc_ref},
      {"doc_type", doc.doc_type},
      {"issuer", doc.issuer},
      {"issuer_parent", FieldValueJson(doc.fields_json, "issuer_parent")},
      {"place", FieldValueJson(doc.fields_json, "place")},
      {"date", doc.date.empty() ? "" : VnDate(doc.date)},
      {"subject", doc.subject},
  };
  std::string h = "<dl class=\"fields\">";
  for (const auto& [field, value] : fields) {
    h += "<dt>" + Escape(FieldLabel(field)) + "</dt><dd>" +
         Editable(doc.id, std::nullopt, field, value, field == "date" ? "dd/mm/yyyy" : "") +
         "</dd>";
  }
  return h + StampFields(doc.fields_json) + "</dl>";
}

// "2025-02-07T17:12:11+07:00" → "17:12 07/02/2025" (the time is already Vietnam's).
std::string SigningTimeText(const std::string& iso) {
  if (iso.size() < 16 || iso[10] != 'T') return iso;
  return iso.substr(11, 5) + " " + VnDate(iso.substr(0, 10));
}

// One line per verified digital signature, and the verdict over them; red when the file was
// changed after signing.
std::string SignatureSection(const registry::DocumentRecord& doc) {
  const nlohmann::json fields = nlohmann::json::parse(doc.fields_json, nullptr, false);
  if (!fields.is_object() || !fields.contains("signatures") || !fields["signatures"].is_array()) {
    return "";
  }
  std::string h = "<h3>Chữ ký số</h3><ul class=\"signatures\">";
  for (const nlohmann::json& s : fields["signatures"]) {
    if (!s.is_object()) continue;
    const bool valid = s.value("valid", false);
    const std::string signer = s.value("signer", std::string());
    const std::string at = s["signed_at"].is_string() ? s["signed_at"].get<std::string>() : "";
    std::string line = valid ? "Chữ ký số hợp lệ" : "Văn bản đã bị thay đổi sau khi ký";
    if (!signer.empty()) line += " — " + signer;
    if (!at.empty()) line += ", " + SigningTimeText(at);
    const std::string email = s.value("email", std::string());
    if (!email.empty()) line += ", " + email;
    const std::string trust = s.value("trust", std::string());
    std::string note;
    if (trust == SignatureTrustName(SignatureTrust::kIssuerUnknown)) {
      note = "chưa xác định được tổ chức cấp chứng thư";
    } else if (trust == SignatureTrustName(SignatureTrust::kTrusted)) {
      note = "chứng thư do tổ chức tin cậy cấp";
    } else {
      note = "chứng thư không hợp lệ";
    }
    if (valid && !s.value("covers_whole_file", true)) note += "; tệp có phần thêm sau chữ ký này";
    h += std::string("<li class=\"") + (valid ? "sig-valid" : "sig-invalid") + "\">" +
         Escape(line) + " <span class=\"meta\">(" + Escape(note) + ")</span></li>";
  }
  return h + "</ul>";
}

// "2025-01-07T10:09:57+07:00" → "10:09:57 07/01/2025 (+07:00)"; anything else as it is.
std::string SigningTime(const std::string& iso) {
  if (iso.size() < 19 || iso[10] != 'T') return iso;
  const std::string zone = iso.substr(19);
  return iso.substr(11, 8) + " " + VnDate(iso.substr(0, 10)) +
         (zone.empty() ? "" : " (" + zone + ")");
}

// The digital signatures the letter's PDF carries (fields_json's digital_signature and
// countersignatures), one block each: who signed, when, and the e-mail shown. Empty when none.
std::string DigitalSignatures(const registry::DocumentRecord& doc) {
  nlohmann::json fields = nlohmann::json::parse(doc.fields_json, nullptr, false);
  if (!fields.is_object()) return "";
  const std::vector<nlohmann::json> signatures = StampedSignatures(fields);
  if (signatures.empty()) return "";
  auto text = [](const nlohmann::json& s, const char* key) {
    return s.contains(key) && s[key].is_string() ? s[key].get<std::string>() : std::string();
  };
  std::string h = "<h3>Chữ ký số</h3>";
  for (const nlohmann::json& s : signatures) {
    h += "<dl class=\"fields signature\"><dt>Ký bởi</dt><dd>" + Escape(Or(text(s, "signed_by"), "—")) +
         "</dd><dt>Thời gian ký</dt><dd>" + Escape(Or(SigningTime(text(s, "signed_at")), "—")) +
         "</dd>";
    const std::string email = text(s, "email");
    if (!email.empty()) h += "<dt>Thư điện tử</dt><dd>" + Escape(email) + "</dd>";
    h += "</dl>";
  }
  return h;
}

std::string DocumentTask(const registry::DocumentRecord& doc, std::size_t index,
                         const DocumentPageData& data) {
  const registry::TaskRecord& t = doc.tasks[index];
  const TaskState state = registry::ComputeState(t, data.now);
  std::string h = "<li class=\"task-card " + StateClass(state) + "\" data-task=\"" + Id(t.id) +
                  "\"><div class=\"task-head\"><span class=\"badge\">" +
                  Escape(registry::StateLabel(state)) + "</span> <span class=\"due\">" +
                  Escape(Deadline(t)) + "</span></div>";
  std::string body = "<dl class=\"fields\">";
  const std::pair<std::string, std::string> fields[] = {
      {"assignee", t.assignee},
      {"action", t.action},
      {"due_date", t.due_date.empty() ? "" : VnDate(t.due_date)},
      {"due_time", t.due_time},
      {"deadline_text", t.deadline_text},
      {"recurrence", t.recurrence},
  };
  for (const auto& [field, value] : fields) {
    const char* hint = field == "due_date" ? "dd/mm/yyyy" : field == "due_time" ? "HH:MM" : "";
    body += "<dt>" + Escape(FieldLabel(field)) + "</dt><dd>" + Editable(doc.id, t.id, field, value, hint) +
         "</dd>";
  }
  body += "<dt>" + Escape(FieldLabel("cooperating")) + "</dt><dd>" +
       EditableList(doc.id, t.id, "cooperating", EscapedItems(t.cooperating), t.cooperating,
                    "Phòng Tư pháp") +
       "</dd>";
  h += EditScope("nhiệm vụ " + std::to_string(index + 1), "", body + "</dl>") + FlagList(t.flags) +
       AssignmentFacts(t);
  auto history = data.history.find(t.id);
  if (history != data.history.end() && !history->second.empty()) {
    h += "<ul class=\"history\">";
    for (const registry::TaskEvent& e : history->second) {
      h += "<li>" + Escape(VnTime(e.at)) + " · " + Escape(e.who) + " · " +
           (e.kind == "assigned" ? "giao việc" : e.status == "done" ? "hoàn thành" : "mở lại") +
           (e.note.empty() ? "" : " · " + Escape(e.note)) + "</li>";
    }
    h += "</ul>";
  }
  return h + StatusForm(t.id, state) + AssignLink(doc.id, t.id) + "</li>";
}

// A value in the history, escaped; a list's items as a list, so wrapped items stay apart.
std::string CorrectionValue(const std::string& field, const std::string& value) {
  if (!registry::IsListField(field)) return Escape(value);
  if (value.empty()) return kEmpty;
  return "<ul class=\"items\">" + EscapedItems(registry::ListItems(value)) + "</ul>";
}

std::string CorrectionsTable(const std::vector<registry::Correction>& corrections) {
  if (corrections.empty()) return "<p class=\"meta\">Chưa có sửa đổi nào.</p>";
  std::string h = "<table class=\"corrections\"><thead><tr><th>Lúc</th><th>Người sửa</th>"
                  "<th>Trường</th><th>Giá trị cũ</th><th>Giá trị mới</th></tr></thead><tbody>";
  for (const registry::Correction& c : corrections) {
    const std::string where = c.task_position == registry::kLetterField
                                  ? FieldLabel(c.field)
                                  : "Nhiệm vụ " + std::to_string(c.task_position + 1) + ": " +
                                        FieldLabel(c.field);
    h += "<tr><td data-label=\"Lúc\">" + Escape(VnTime(c.at)) + "</td><td data-label=\"Người sửa\">" +
         Escape(c.who) + "</td><td data-label=\"Trường\">" + Escape(where) +
         "</td><td data-label=\"Giá trị cũ\">" + CorrectionValue(c.field, c.old_value) +
         "</td><td data-label=\"Giá trị mới\">" + CorrectionValue(c.field, c.new_value) +
         "</td></tr>";
  }
  return h + "</tbody></table>";
}

// The letters `doc` cites, linked when registered, with the form that corrects the list.
std::string References(const registry::DocumentRecord& doc) {
  std::string items;
  std::vector<std::string> lines;
  for (const registry::ReferenceRecord& r : doc.references) {
    const std::string label = Or(r.type, "Văn bản") + " " + r.ref +
                              (r.date.empty() ? "" : " ngày " + VnDate(r.date));
    items += "<li>" + (r.cited_document_id != 0 ? Link("/documents/" + Id(r.cited_document_id), label)
                                                : Escape(label) + " <span class=\"meta\">(chưa có trong sổ)</span>") +
             "</li>";
    lines.push_back(registry::ReferenceLine(r));
  }
  return EditableList(doc.id, std::nullopt, "references", items, lines,
                      "Kế hoạch số 67-KH/HU ngày 10/01/2022");
}

// The letter's own actions: download and print the original, delete (assets/app.js asks
// first, then posts to /api/documents/ID/delete).
std::string DocumentActions(const DocumentPageData& data) {
  const std::string id = Id(data.doc.id);
  return "<div class=\"doc-actions no-print\"><a class=\"button\" href=\"/documents/" + id +
         "/ban-goc\">Tải bản gốc</a> <a class=\"button\" href=\"/documents/" + id +
         "/in\">In bản gốc</a> <form class=\"delete-letter\" data-doc=\"" + id +
         "\"><button type=\"submit\" class=\"danger\">Xóa văn bản</button></form></div>";
}

// The last component of a recorded path ("(tải lên) cv.pdf" stays as it is).
std::string BaseName(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The files the letter was received as, each with its download link.
std::string FilesSection(const DocumentPageData& data) {
  const registry::DocumentRecord& doc = data.doc;
  std::vector<registry::LetterFile> files = data.files;
  if (files.empty()) files.push_back(registry::RegisteredFile(doc));
  std::string h = "<h2>Tệp (" + std::to_string(files.size()) + ")</h2><ul class=\"files\">";
  for (const registry::LetterFile& f : files) {
    const std::string href = "/documents/" + Id(doc.id) + "/ban-goc" + (f.first ? "" : "/" + f.sha256);
    h += "<li>" + Link(href, BaseName(f.path)) + " <span class=\"meta\">" + Escape(f.file_type) +
         " · " + std::to_string(f.page_count) + " trang · " + (f.first ? "đăng ký" : "nhận thêm") +
         " lúc " + Escape(VnTime(f.added_at)) + "</span></li>";
  }
  return h + "</ul>";
}

std::string ScanColumn(const DocumentPageData& data) {
  const registry::DocumentRecord& doc = data.doc;
  std::string h = "<section class=\"scan\" aria-label=\"Bản gốc\"><h2>Bản gốc</h2>";
  if (data.page_images) {
    for (int p = 1; p <= doc.page_count; ++p) {
      const std::string src = "/documents/" + Id(doc.id) + "/pages/" + std::to_string(p) + ".png";
      h += "<figure><img src=\"" + src + "\" alt=\"Trang " + std::to_string(p) +
           "\" loading=\"lazy\"><figcaption>Trang " + std::to_string(p) + "/" +
           std::to_string(doc.page_count) + "</figcaption></figure>";
    }
  } else {
    h += "<p class=\"meta\">Bản gốc là tệp chữ; nội dung:</p>";
  }
  // The text read from the pages, for checking the fields against it.
  h += "<details" + std::string(data.page_images ? "" : " open") +
       "><summary>Văn bản đọc được</summary><pre class=\"text\">" + Escape(doc.text) +
       "</pre></details></section>";
  return h;
}


// The "Đã kiểm tra" button of a letter (assets/app.js posts it to /api/documents/ID/reviewed).
std::string ReviewedForm(std::int64_t doc_id) {
  return "<form class=\"reviewed\" data-doc=\"" + Id(doc_id) +
         "\"><button type=\"submit\">Đã kiểm tra</button></form>";
}

// The review queue of the start page: the letters to check first, each with its reasons.
std::string ReviewSection(const std::vector<registry::ReviewItem>& items, std::int64_t count) {
  std::string h = "<section class=\"review-queue\"><h2>Cần kiểm tra (" + std::to_string(count) +
                  ")</h2>";
  if (count == 0) return h + "<p class=\"meta\">Không có văn bản nào cần kiểm tra.</p></section>";
  h += "<ol class=\"results\">";
  for (const registry::ReviewItem& r : items) {
    h += "<li class=\"review\" data-doc=\"" + Id(r.document_id) + "\">" +
         DocumentLine(r.document_id, r.doc_ref, r.doc_type, r.issuer, r.date, r.subject) +
         FlagList(r.reasons) + ReviewedForm(r.document_id) + "</li>";
  }
  h += "</ol>";
  if (count > static_cast<std::int64_t>(items.size())) {
    h += "<p class=\"meta\">Còn " + std::to_string(count - static_cast<std::int64_t>(items.size())) +
         " văn bản nữa; kiểm tra xong các văn bản trên thì các văn bản tiếp theo hiện ra.</p>";
  }
  return h + "</section>";
}

// The register's filter form and download links.
std::string BookFilters(const BookPageData& data) {
  std::string h = "<form class=\"filters no-print\" method=\"get\" action=\"/so-den\">" +
                  TextInput("nam", "Năm", data.year, "2026") +
                  TextInput("tu", "Từ ngày", data.from, "dd/mm/yyyy") +
                  TextInput("den", "Đến ngày", data.to, "dd/mm/yyyy") +
                  "<button type=\"submit\">Xem</button> <a href=\"/so-den\">Bỏ lọc</a></form>";
  const std::string q = data.query.empty() ? "" : "?" + data.query;
  h += "<p class=\"calendar no-print\"><a class=\"button\" href=\"" + Escape("/so-den.xlsx" + q) +
       "\" download>Tải Excel (.xlsx)</a> <a class=\"button\" href=\"" + Escape("/so-den.csv" + q) +
       "\" download>Tải CSV</a> <span class=\"meta\">In trang này (Ctrl+P) để có sổ khổ A4 "
       "ngang.</span></p>";
  return h;
}

// "Trang 2/55" with the links to the pages before and after and to the whole book.
std::string BookPager(const BookPageData& data) {
  if (data.all || data.pages <= 1) return "";
  const std::string base = "/so-den?" + (data.query.empty() ? "" : data.query + "&");
  std::string h = "<p class=\"pager no-print\">";
  if (data.page > 1) h += Link(base + "trang=" + std::to_string(data.page - 1), "‹ Trang trước") + " ";
  h += "Trang " + std::to_string(data.page) + "/" + std::to_string(data.pages);
  if (data.page < data.pages) h += " " + Link(base + "trang=" + std::to_string(data.page + 1), "Trang sau ›");
  return h + " · " + Link(base + "tat-ca=1", "Xem cả sổ trên một trang (để in)") + "</p>";
}

}  // namespace

Result<registry::BookFilter> BookFilterFromQuery(const std::string& year, const std::string& from,
                                                 const std::string& to) {
  int y = 0;
  if (!year.empty()) {
    const bool digits = year.size() <= 4 &&
                        std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) return Status::InvalidInput("Năm \"" + year + "\" không hợp lệ.");
    y = std::stoi(year);
    if (y == 0) return Status::InvalidInput("Năm \"" + year + "\" không hợp lệ.");
  }
  return registry::MakeBookFilter(y, from, to);
}

std::string BookQueryString(const std::string& year, const std::string& from, const std::string& to) {
  std::string q;
  for (const auto& [key, value] :
       {std::pair{"nam", &year}, std::pair{"tu", &from}, std::pair{"den", &to}}) {
    if (!value->empty()) q += (q.empty() ? "" : "&") + std::string(key) + "=" + UrlEncode(*value);
  }
  return q;
}

std::string RenderBookPage(const PageFrame& frame, const BookPageData& data) {
  std::string h = "<div class=\"book\"><h1>" + Escape(registry::BookTitle(data.filter)) + "</h1>" +
                  BookFilters(data);
  if (!data.error.empty()) h += "<p class=\"error\" role=\"alert\">" + Escape(data.error) + "</p>";
  if (data.entries.empty()) {
    h += "<p class=\"meta\">Không có văn bản đến nào.</p>";
    return RenderLayout(frame, h + "</div>");
  }
  h += "<table class=\"book\"><thead><tr>";
  const std::vector<std::string>& columns = registry::BookColumns();
  for (const std::string& c : columns) h += "<th>" + Escape(c) + "</th>";
  h += "</tr></thead><tbody>";
  for (const registry::BookEntry& e : data.entries) {
    const std::vector<std::string> cells = registry::BookCells(e);
    h += "<tr>";
    for (std::size_t i = 0; i < cells.size(); ++i) {
      // The arrival number links to the letter while it is in the registry.
      const std::string cell = i == 1 && e.document_id != 0
                                   ? Link("/documents/" + Id(e.document_id), cells[i])
                                   : Escape(cells[i]);
      h += "<td data-label=\"" + Escape(columns[i]) + "\">" + cell + "</td>";
    }
    h += "</tr>";
  }
  h += "</tbody></table><p class=\"meta\">" + std::to_string(data.total) + " văn bản.</p>" +
       BookPager(data) + "</div>";
  return RenderLayout(frame, h);
}

std::string TaskRowHtml(const registry::TaskView& v, const std::string& snippet_html) {
  return TaskRow(v, snippet_html);
}

std::string UploadErrorText(Code code, const std::string& m) {
  static constexpr std::pair<const char*, const char*> kKnown[] = {
      {"unrecognised content", "Không nhận ra loại tệp: chỉ nhận PDF, TIFF, PNG, JPEG, PNM, WebP "
                               "hoặc tệp chữ."},
      {"PDF is encrypted", "Tệp PDF có mật khẩu; hãy gỡ mật khẩu rồi tải lên lại."},
      {"corrupt PDF", "Tệp PDF bị hỏng, không đọc được."},
      {"PDF has no pages", "Tệp PDF không có trang nào."},
      {"corrupt or truncated", "Tệp ảnh bị hỏng hoặc không đầy đủ."},
      {"has no pixels", "Tệp ảnh không có điểm ảnh nào."},
      {"empty file", "Tệp rỗng."},
      {"undecodable text", "Không nhận ra bảng mã của tệp chữ (hãy lưu tệp dưới dạng UTF-8)."},
      {"not valid", "Không nhận ra bảng mã của tệp chữ (hãy lưu tệp dưới dạng UTF-8)."},
  };
  for (const auto& [english, vietnamese] : kKnown) {
    if (m.find(english) != std::string::npos) return vietnamese;
  }
  if (code == Code::kTooLarge) return "Tệp quá lớn hoặc quá nhiều trang (" + m + ").";
  return "Không đọc được tệp (" + m + ").";
}

std::string VnDate(const std::string& iso) {
  if (!text::IsIsoDate(iso)) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string FieldLabel(const std::string& field) {
  static const std::pair<const char*, const char*> kLabels[] = {
      {"doc_ref", "Số, ký hiệu"},           {"doc_type", "Loại văn bản"},
      {"issuer", "Cơ quan ban hành"},      {"issuer_parent", "Cơ quan chủ quản"},
      {"place", "Địa danh"},               {"date", "Ngày ban hành"},
      {"subject", "Trích yếu"},            {"assignee", "Đơn vị thực hiện"},
      {"action", "Nội dung"},              {"due_date", "Hạn (ngày)"},
      {"due_time", "Hạn (giờ)"},           {"deadline_text", "Hạn như ghi trong văn bản"},
      {"recurrence", "Định kỳ"},           {"addressees", "Kính gửi"},
      {"references", "Văn bản được dẫn chiếu"}, {"cooperating", "Phối hợp"},
      {"reviewed", "Kiểm tra"},
  };
  for (const auto& [key, label] : kLabels) {
    if (field == key) return label;
  }
  return field;
}

std::string RenderLayout(const PageFrame& frame, const std::string& main_html) {
  auto nav = [&](const char* key, const char* href, const char* label) {
    return std::string("<a href=\"") + href + "\"" +
           (frame.nav == key ? " aria-current=\"page\"" : "") + ">" + label + "</a>";
  };
  return "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<meta name=\"csrf-token\" content=\"" + Escape(frame.csrf_token) + "\">"
         "<title>" + Escape(frame.title) + " · Sổ công văn</title>"
         "<link rel=\"icon\" href=\"/assets/icon.svg\" type=\"image/svg+xml\">"
         "<link rel=\"stylesheet\" href=\"/assets/app.css\">"
         "<script src=\"/assets/app.js\" defer></script></head><body>"
         "<header class=\"top\"><a class=\"brand\" href=\"/\">Sổ công văn</a><nav>" +
         nav("search", "/", "Tìm kiếm") + nav("tasks", "/tasks", "Nhiệm vụ") +
         nav("dashboard", "/tong-quan", "Tổng quan") + nav("units", "/don-vi", "Đơn vị") +
         nav("book", "/so-den", "Sổ văn bản đến") + nav("upload", "/upload", "Tải lên") + "</nav><span class=\"who\">" +
         Escape(frame.who) + "</span>" +
         (frame.signed_in
              ? "<form class=\"sign-out\" method=\"post\" action=\"/dang-xuat\"><input "
                "type=\"hidden\" name=\"csrf\" value=\"" + Escape(frame.csrf_token) +
                    "\"><button type=\"submit\">Đăng xuất</button></form>"
              : std::string()) +
         "</header>"
         "<div id=\"flash\" role=\"status\" aria-live=\"polite\"></div><main>" + main_html +
         "</main>" + frame.units_datalist_html + "</body></html>\n";
}

std::string RenderSearchPage(const PageFrame& frame, const SearchPageData& data) {
  std::string h =
      "<h1>Tìm công văn</h1><form class=\"search\" method=\"get\" action=\"/\" role=\"search\">"
      "<input type=\"search\" name=\"q\" value=\"" + Escape(data.query) +
      "\" aria-label=\"Từ khóa\" placeholder=\"Ví dụ: nâng cao chỉ số  don-vi:&quot;Phòng Nội vụ&quot;  "
      "han&lt;2023-07-01\" autofocus><button type=\"submit\">Tìm</button></form>"
      "<p class=\"hint\">Gõ có dấu hoặc không dấu. Bộ lọc: <code>don-vi:</code>, <code>co-quan:</code>, "
      "<code>so:</code>, <code>han&lt;</code>, <code>trang-thai:qua-han</code>.</p>";
  if (!data.error.empty()) h += "<p class=\"error\" role=\"alert\">" + Escape(data.error) + "</p>";
  if (data.results) {
    const registry::SearchResults& r = *data.results;
    for (const std::string& part : r.ignored) {
      h += "<p class=\"meta\">Đã bỏ qua \"" + Escape(part) + "\" (không có gì để tìm).</p>";
    }
    h += "<section><h2>Văn bản (" + std::to_string(r.documents.size()) + ")</h2><ol class=\"results\">";
    for (const registry::DocumentHit& d : r.documents) {
      h += "<li class=\"hit\">" +
           DocumentLine(d.id, d.doc_ref, d.doc_type, d.issuer, d.date, d.subject) +
           "<p class=\"snippet\">" + HighlightSnippet(d.snippet) + "</p></li>";
    }
    h += "</ol></section><section><h2>Nhiệm vụ (" + std::to_string(r.tasks.size()) + ")</h2>";
    if (!r.tasks.empty()) {
      h += "<table class=\"tasks\"><thead><tr><th>Hạn</th><th>Trạng thái</th><th>Đơn vị thực hiện</th>"
           "<th>Nội dung</th><th>Văn bản</th><th>Cập nhật</th></tr></thead><tbody>";
      for (const registry::TaskHit& t : r.tasks) h += TaskRow(t.view, HighlightSnippet(t.snippet));
      h += "</tbody></table>";
    }
    h += "</section>" + data.pager_html;
  } else if (data.error.empty()) {
    h += ReviewSection(data.review, data.review_count);
    h += "<p class=\"book-link\">" + Link("/so-den", "Sổ đăng ký văn bản đến") +
         " · " + Link("/tasks", "Nhiệm vụ theo hạn") + "</p>";
    h += data.letters_html;
  }
  return RenderLayout(frame, h);
}

std::string RenderDocumentPage(const PageFrame& frame, const DocumentPageData& data) {
  const registry::DocumentRecord& doc = data.doc;
  std::string h = "<h1>" + Escape(Or(doc.doc_type, "Văn bản")) + " " +
                  Escape(Or(doc.doc_ref, "(chưa rõ số)")) + "</h1><div class=\"document\">" +
                  ScanColumn(data) + "<section class=\"details\">" + DocumentActions(data) +
                  EditScope("thông tin văn bản", "<h2>Thông tin đọc được</h2>", DocumentFields(doc));
  // The verified signatures when the PDF carries any; else what the visible stamps say.
  const std::string verified = SignatureSection(doc);
  h += verified.empty() ? DigitalSignatures(doc) : verified;
  if (data.arrival) {
    h += "<p class=\"arrival\">Số đến <strong>" + std::to_string(data.arrival->number) +
         "</strong> · ngày đến " + Escape(VnDate(data.arrival->arrival_date)) + " · " +
         Link("/so-den?nam=" + std::to_string(data.arrival->year), "Sổ văn bản đến") + "</p>";
  }
  const std::vector<std::string> flags = LetterFlags(doc);
  if (!flags.empty()) {
    h += "<h3>Cần kiểm tra</h3>" + FlagList(flags) +
         (data.reviewed ? "<p class=\"meta reviewed\">Đã kiểm tra (xem lịch sử sửa đổi).</p>"
                        : ReviewedForm(doc.id));
  }
  h += EditScope("Kính gửi", "<h3>Kính gửi</h3>",
                 EditableList(doc.id, std::nullopt, "addressees", EscapedItems(doc.addressees),
                              doc.addressees, "UBND các xã, thị trấn"));
  h += "<h2>Nhiệm vụ (" + std::to_string(doc.tasks.size()) + ")</h2><ol class=\"task-cards\">";
  for (std::size_t i = 0; i < doc.tasks.size(); ++i) h += DocumentTask(doc, i, data);
  h += "</ol>" + AssignSection(doc, data.assign_task);
  h += EditScope("văn bản được dẫn chiếu", "<h2>Văn bản được dẫn chiếu</h2>", References(doc));
  h += "<h2>Lịch sử sửa đổi</h2>" + CorrectionsTable(data.corrections);
  h += FilesSection(data);
  h += "</section></div>";
  return RenderLayout(frame, h);
}

std::string RenderUploadPage(const PageFrame& frame, std::uint64_t max_upload_bytes) {
  const std::string mb = std::to_string(max_upload_bytes / (1024 * 1024));
  std::string h =
      "<h1>Tải lên văn bản</h1><p>Bản quét (PDF, TIFF, PNG, JPEG) hoặc tệp chữ; tối đa " + mb +
      " MB. Văn bản được đọc và đăng ký vào sổ ngay.</p>"
      "<form id=\"upload-form\" data-max-bytes=\"" + std::to_string(max_upload_bytes) + "\">"
      "<input type=\"file\" name=\"file\" required aria-label=\"Tệp\">"
      "<button type=\"submit\">Tải lên</button></form>"
      "<p id=\"upload-result\" role=\"status\" aria-live=\"polite\"></p>";
  return RenderLayout(frame, h);
}

std::string RenderErrorPage(const PageFrame& frame, int http_status, const std::string& message) {
  return RenderLayout(frame, "<h1>Lỗi " + std::to_string(http_status) +
                                 "</h1><p class=\"error\" role=\"alert\">" + Escape(message) +
                                 "</p><p><a href=\"/\">Về trang tìm kiếm</a></p>");
}

}  // namespace congvan::web
