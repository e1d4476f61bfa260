// End-to-end test of `congvan serve` in Debian's headless Chromium, driven by playwright-core
// (installed from package-lock.json by `npm ci --prefix tests/browser`; no browser download).
//
// A real registry is filled with `congvan ingest` from real letters, the real binary serves it
// on a free loopback port, and a clerk's session is played: search "nang cao chi so", find
// Công văn 1138/UBND-NC, open it, mark a task done, correct a field, download the calendar,
// upload a letter; a letter containing <script> must show it as text; confirm a letter of the
// review queue; open the register of incoming letters and print it; add units on the directory
// page and assign a task and a letter to them (both window sizes). Screenshots at 1366×768 and at a phone's
// 390×844 are kept under --artifacts.
//
//   node tests/browser/e2e.mjs --congvan build/congvan --artifacts build/browser-artifacts
//
// Exit 0: passed; 1: failed (the reason on stderr); 77: skipped, because Chromium or
// tests/browser/node_modules is missing (CTest's SKIP_RETURN_CODE).
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const SKIP = 77;
const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.resolve(here, "..", "..");

function argument(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const congvan = path.resolve(argument("--congvan", path.join(source, "build", "congvan")));
const artifacts = path.resolve(argument("--artifacts", path.join(source, "build", "browser-artifacts")));

function findChromium() {
  const candidates = [process.env.CHROMIUM, "/usr/lib/chromium/chromium", "/usr/bin/chromium"];
  return candidates.find((p) => p && fs.existsSync(p));
}

class Failure extends Error {}
function check(condition, message) {
  if (!condition) throw new Failure(message);
}

// Starts `congvan serve` on a free port and resolves with its URL once it listens.
function startServer(db) {
  const child = spawn(congvan, ["serve", "--db", db, "--listen", "127.0.0.1:0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Failure("congvan serve did not start: " + stderr)), 20000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[0-9.]+:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.on("exit", (code) => reject(new Failure("congvan serve exited with " + code + ": " + stderr)));
  });
}

// Fills a registry with real letters: 1138/UBND-NC (the letter about "nâng cao chỉ số"),
// 4464/UBND-NC, a text-layer PDF (page images), and a letter with <script> in its text.
function fillRegistry(dir) {
  const restored = path.join(source, "tests", "data", "devset", "restored");
  const hostile = path.join(dir, "hostile-letter.txt");
  const letter = fs.readFileSync(path.join(restored, "001_b8c21598dec75cc1.txt"), "utf8");
  fs.writeFileSync(hostile, letter.replace("V/v nghiêm túc", "V/v <script>window.__xss=1</script> nghiêm túc"));
  const db = path.join(dir, "registry.db");
  execFileSync(congvan, ["ingest", "--db", db,
    path.join(restored, "002_aaae76cc2c3d2f2a.txt"),
    path.join(restored, "004_7112368be621d645.txt"),
    path.join(source, "corpus", "samples", "nd-249-2025-text-layer.pdf"),
    hostile], { stdio: ["ignore", "ignore", "inherit"] });
  return db;
}

async function shoot(page, name) {
  await page.screenshot({ path: path.join(artifacts, name), fullPage: true });
}

// No element sticks out sideways: the page fits the window it is shown in.
async function checkFitsWidth(page, label) {
  const { scroll, inner, wide } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    wide: [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.className ? "." + e.className : "")),
  }));
  check(scroll <= inner + 1, `${label}: page is ${scroll}px wide in a ${inner}px window (${wide.join(", ")})`);
}

// Clicks a button whose action ends in a reload of the page, and waits for that reload: the
// message of an earlier action is still on the page until then, so waiting for the message
// alone would go on while the page is being replaced.
async function clickAndAwaitReload(page, button) {
  await Promise.all([page.waitForEvent("load", { timeout: 10000 }), button.click()]);
}

async function waitForFlash(page, text) {
  await page.waitForFunction((t) => document.getElementById("flash").textContent.includes(t), text,
                             { timeout: 10000 });
}

async function clerkSession(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));

  // Search without diacritics; the letter about "nâng cao chỉ số" comes first.
  await page.goto(url + "/");
  await page.fill('input[name="q"]', "nang cao chi so");
  await Promise.all([page.waitForURL(/\?q=/), page.press('input[name="q"]', "Enter")]);
  const first = page.locator("li.hit").first();
  check((await first.locator("a.doc-title").textContent()).includes("1138/UBND-NC"),
        "the first hit for 'nang cao chi so' is not 1138/UBND-NC");
  check((await first.locator("mark").count()) > 0, "the snippet has no highlighted match");
  await checkFitsWidth(page, "search 1366");
  await shoot(page, "search-1366x768.png");

  // Open it: fields, tasks, the text beside them.
  await Promise.all([page.waitForURL(/\/documents\/\d+$/), first.locator("a.doc-title").click()]);
  const docUrl = page.url();
  const docId = docUrl.match(/\/documents\/(\d+)$/)[1];
  check((await page.locator("h1").textContent()).includes("1138/UBND-NC"), "the document page's title");
  check((await page.locator("li.task-card").count()) > 0, "the document page shows no task");
  await checkFitsWidth(page, "document 1366");
  await shoot(page, "document-1366x768.png");

  // Mark the first task done, with a note.
  const card = page.locator("li.task-card").first();
  const taskId = await card.getAttribute("data-task");
  await card.locator('form.task-status input[name="note"]').fill("Đã gửi báo cáo");
  await clickAndAwaitReload(page, card.locator("form.task-status button"));
  await waitForFlash(page, "Đã đánh dấu hoàn thành");
  const doneCard = page.locator(`li.task-card[data-task="${taskId}"]`);
  check((await doneCard.locator(".badge").textContent()).includes("hoàn thành"),
        "the task is not shown as done after marking it");
  check((await doneCard.locator(".history").textContent()).includes("Đã gửi báo cáo"),
        "the note is not in the task's history");
  const task = await (await page.request.get(`${url}/api/tasks/${taskId}`)).json();
  check(task.status.startsWith("hoan-thanh") && task.history[0].who === "local",
        "the API does not report the task done by 'local': " + JSON.stringify(task));

  // Correct the subject.
  const subject = page.locator("dl.fields dd").filter({ has: page.locator('[data-field="subject"]') }).first();
  const oldSubject = (await subject.locator(".value").textContent()).trim();
  // One "Sửa" for the letter's fields shows all their correction forms.
  await page.locator(".edit-scope").filter({ has: page.locator('[data-field="subject"]') }).first()
    .locator(".scope-head button.edit").click();
  await subject.locator('form.correct input[name="value"]').fill("Nâng cao Chỉ số PAPI, SIPAS, PAR INDEX năm 2023");
  await clickAndAwaitReload(page, subject.locator('form.correct button[type="submit"]'));
  await waitForFlash(page, "Đã lưu sửa đổi");
  const corrected = page.locator("dl.fields dd").filter({ has: page.locator('[data-field="subject"]') }).first();
  check((await corrected.locator(".value").textContent()).includes("PAPI, SIPAS, PAR INDEX"),
        "the corrected subject is not shown");
  const history = await page.locator("table.corrections").textContent();
  check(history.includes(oldSubject) && history.includes("local"),
        "the corrections table lacks the old value or who made it");
  const doc = await (await page.request.get(`${url}/api/documents/${docId}`)).json();
  check(doc.subject.includes("PAR INDEX") && doc.fields.subject.includes("PAR INDEX"),
        "the API does not return the corrected subject");
  await shoot(page, "document-corrected-1366x768.png");

  // Correct the "Kính gửi" list in its textarea, one item per line (a whole-list correction).
  const addressees = page.locator('.editable').filter({ has: page.locator('[data-field="addressees"]') }).first();
  await page.locator(".edit-scope").filter({ has: page.locator('[data-field="addressees"]') }).first()
    .locator(".scope-head button.edit").click();
  await addressees.locator('form.correct textarea[name="value"]').fill("Phòng Nội vụ\n<b>Phòng Tư pháp</b>\n\n");
  await clickAndAwaitReload(page, addressees.locator('form.correct button[type="submit"]'));
  await waitForFlash(page, "Đã lưu sửa đổi");
  const items = await page.locator('.editable [data-field="addressees"] li').allTextContents();
  check(JSON.stringify(items) === JSON.stringify(["Phòng Nội vụ", "<b>Phòng Tư pháp</b>"]),
        "the corrected addressees are not shown as typed (escaped): " + JSON.stringify(items));
  const withList = await (await page.request.get(`${url}/api/documents/${docId}`)).json();
  check(JSON.stringify(withList.addressees) === JSON.stringify(items) &&
        withList.corrections.some((c) => c.field === "addressees" && c.new_items.length === 2),
        "the API does not return the corrected addressees: " + JSON.stringify(withList.addressees));
  check((await page.locator("table.corrections b").count()) === 0, "an item's markup ran in the history");

  // Tasks by deadline: overdue in red; download the calendar.
  await page.goto(url + "/tasks");
  const overdue = page.locator("tr.state-qua-han td.due").first();
  check((await overdue.count()) > 0, "no overdue task on the task list");
  const color = await overdue.evaluate((el) => getComputedStyle(el).color);
  check(color === "rgb(179, 38, 30)", "an overdue deadline is not red: " + color);
  await checkFitsWidth(page, "tasks 1366");
  await shoot(page, "tasks-1366x768.png");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("a.button[download]")]);
  const ics = path.join(artifacts, "congvan.ics");
  await download.saveAs(ics);
  const calendar = fs.readFileSync(ics, "utf8");
  check(calendar.startsWith("BEGIN:VCALENDAR") && calendar.includes("BEGIN:VEVENT"),
        "the downloaded calendar has no event");

  // A scanned (PDF) letter: its pages as images beside the fields.
  const listed = await (await page.request.get(`${url}/api/documents`)).json();
  const pdf = listed.find((d) => d.file_type === "pdf");
  await page.goto(`${url}/documents/${pdf.id}`);
  const scan = page.locator("section.scan img").first();
  await scan.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => {
    const img = document.querySelector("section.scan img");
    return img && img.complete && img.naturalWidth > 0;
  }, null, { timeout: 20000 });
  const [scanBox, fieldsBox] = [await scan.boundingBox(), await page.locator("section.details").boundingBox()];
  check(scanBox.x + scanBox.width <= fieldsBox.x + 1, "the scan is not beside the fields at 1366 px");
  await page.screenshot({ path: path.join(artifacts, "scan-1366x768.png") });

  // Upload a letter from the browser: read by the pipeline, registered, linked.
  await page.goto(url + "/upload");
  await page.setInputFiles('input[type="file"]',
                           path.join(source, "tests", "data", "devset", "restored", "003_b639d55b78feda7a.txt"));
  await page.click('#upload-form button[type="submit"]');
  await page.waitForSelector("#upload-result a", { timeout: 60000 });
  check((await page.locator("#upload-result").textContent()).includes("1347/SYT-VP"),
        "the upload result does not name the registered letter");
  await shoot(page, "upload-1366x768.png");
  await Promise.all([page.waitForURL(/\/documents\/\d+$/), page.click("#upload-result a")]);
  check((await page.locator("h1").textContent()).includes("1347/SYT-VP"), "the uploaded letter's page");

  // A letter containing <script> shows it as text and runs nothing.
  await page.goto(url + "/?q=" + encodeURIComponent("nghiêm túc thực hiện"));
  await Promise.all([page.waitForURL(/\/documents\/\d+$/), page.locator("li.hit a.doc-title").first().click()]);
  const text = await page.locator("pre.text").textContent();
  check(text.includes("<script>window.__xss=1</script>"), "the hostile letter's text is not shown as text");
  check(await page.evaluate(() => window.__xss === undefined), "a script from a letter ran");
  check((await page.locator("script").count()) === 1, "a letter's <script> became an element");
  await shoot(page, "hostile-letter-1366x768.png");

  // The review queue on the start page: "Đã kiểm tra" takes the first letter out and the count
  // goes down by one.
  await page.goto(url + "/");
  const queueTitle = async () => page.locator("section.review-queue h2").textContent();
  const before = Number((await queueTitle()).match(/\((\d+)\)/)[1]);
  check(before > 0, "the review queue is empty (1138/UBND-NC and 4464/UBND-NC should be in it)");
  const firstReview = page.locator("li.review").first();
  const reviewedId = await firstReview.getAttribute("data-doc");
  check((await firstReview.locator("ul.flags li").count()) > 0, "a queued letter shows no reason");
  await checkFitsWidth(page, "review queue 1366");
  await shoot(page, "review-queue-1366x768.png");
  await clickAndAwaitReload(page, firstReview.locator("form.reviewed button"));
  await waitForFlash(page, "Đã ghi nhận");
  check((await queueTitle()).includes(`(${before - 1})`), "the queue's count did not go down");
  check((await page.locator(`li.review[data-doc="${reviewedId}"]`).count()) === 0,
        "the confirmed letter is still in the queue");

  // The register of incoming letters: one line per letter; printed, A4 landscape without menus.
  await Promise.all([page.waitForURL(/\/so-den$/), page.click('header.top a[href="/so-den"]')]);
  const letters = (await (await page.request.get(`${url}/api/documents?limit=1000`)).json()).length;
  check((await page.locator("table.book tbody tr").count()) === letters,
        "the register does not list every letter");
  await checkFitsWidth(page, "register 1366");
  await shoot(page, "register-1366x768.png");
  await page.emulateMedia({ media: "print" });
  check(!(await page.locator("header.top").isVisible()), "the menu is printed with the register");
  const printed = await page.pdf({ preferCSSPageSize: true });
  fs.writeFileSync(path.join(artifacts, "register.pdf"), printed);
  const box = printed.toString("latin1").match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
  check(box && Number(box[1]) > Number(box[2]), "the register does not print landscape: " + (box && box[0]));
  await page.emulateMedia({ media: "screen" });

  check(errors.length === 0, "script errors in the page: " + errors.join("; "));
  await context.close();
  return docId;
}

// Assigning work: the directory of units is filled on its page, then a task of the letter is
// assigned through the "Giao việc" link of its card, at 1366×768; on a phone a whole letter is
// assigned. Each step waits for the reload the form causes and what it shows, never for time.
async function assignSession(browser, url, docId, viewport, label) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: viewport.width < 500 ? 2 : 1 });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url + "/don-vi");
  for (const name of ["Phòng Nội vụ", "Phòng Tư pháp"]) {
    if ((await page.locator("table.units td", { hasText: name }).count()) > 0) continue;
    await page.fill('form.unit-add input[name="name"]', name);
    await clickAndAwaitReload(page, page.locator("form.unit-add button"));
    await waitForFlash(page, "Đã thêm đơn vị");
    check((await page.locator("table.units td", { hasText: name }).count()) === 1,
          `${label}: the unit ${name} is not listed after adding it`);
  }
  await checkFitsWidth(page, `units ${label}`);
  await shoot(page, `units-${label}.png`);

  await page.goto(`${url}/documents/${docId}`);
  const datalist = await page.locator("datalist#don-vi-ds option").evaluateAll((o) => o.map((x) => x.value));
  check(datalist.includes("Phòng Nội vụ"), `${label}: the unit list offers ${datalist.join(", ")}`);
  const cards = page.locator("li.task-card");
  const before = await cards.count();
  const onTask = viewport.width >= 500;
  if (onTask) {
    // The link of the first task opens the form with that task chosen.
    const taskId = await cards.first().getAttribute("data-task");
    await Promise.all([page.waitForURL(/giao=\d+/), cards.first().locator("a.assign-link").click()]);
    check((await page.locator('form.assign select[name="task_id"]').inputValue()) === taskId,
          `${label}: the form does not start on the task its link named`);
  }
  const form = page.locator("form.assign");
  await form.scrollIntoViewIfNeeded();
  // Typed without marks, as a clerk may: the server takes the directory's unit.
  await form.locator('input[name="lead"]').fill("phong noi vu");
  await form.locator('input[name="with"]').first().fill("Phòng Tư pháp");
  await form.locator('input[name="deadline"]').fill("31/6/2030");
  await form.locator("button[type=submit]").click();
  await page.waitForFunction(() => document.querySelector("form.assign .form-error").textContent !== "");
  check((await form.locator(".form-error").textContent()).includes("không phải ngày"),
        `${label}: a bad deadline is not refused in Vietnamese beside the form`);
  await form.locator('input[name="deadline"]').fill("20/12/2030");
  await form.locator('textarea[name="instruction"]').fill("Chủ trì tham mưu văn bản trả lời.");
  await checkFitsWidth(page, `assign form ${label}`);
  await shoot(page, `assign-form-${label}.png`);
  await form.screenshot({ path: path.join(artifacts, `assign-form-only-${label}.png`) });
  await clickAndAwaitReload(page, form.locator("button[type=submit]"));
  await waitForFlash(page, "Đã giao việc");
  check((await cards.count()) === before + 1, `${label}: no new task card after assigning`);
  const made = cards.last();
  check((await made.locator("dd").first().textContent()).includes("Phòng Nội vụ"),
        `${label}: the new task is not the lead unit's`);
  check((await made.locator("p.instruction").textContent()).includes("Chủ trì tham mưu"),
        `${label}: the instruction is not shown on the new task`);
  check((await made.locator("ul.history li").first().textContent()).includes("giao việc"),
        `${label}: the assignment is not in the new task's history`);
  await shoot(page, `assigned-${label}.png`);
  await made.screenshot({ path: path.join(artifacts, `assigned-task-${label}.png`) });
  await checkFitsWidth(page, `assigned ${label}`);

  await page.goto(url + "/tasks?don-vi=Ph%C3%B2ng+N%E1%BB%99i+v%E1%BB%A5");
  check((await page.locator("span.assigned-mark").count()) >= 1, `${label}: /tasks does not list the assignment`);
  await checkFitsWidth(page, `tasks by unit ${label}`);
  check(errors.length === 0, "script errors in the page: " + errors.join("; "));
  await context.close();
}

async function phoneSession(browser, url, docId) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  for (const [route, name] of [["/?q=nang+cao+chi+so", "search"], ["/tasks", "tasks"],
                               [`/documents/${docId}`, "document"], ["/upload", "upload"],
                               ["/", "review-queue"], ["/so-den", "register"]]) {
    await page.goto(url + route);
    await shoot(page, `${name}-390x844.png`);
    await checkFitsWidth(page, `${name} 390`);
  }
  await context.close();
}

async function main() {
  const chromium = findChromium();
  if (!chromium) {
    console.log("SKIP: Chromium is not installed (apt-get install chromium)");
    return SKIP;
  }
  let playwright;
  try {
    playwright = await import("playwright-core");
  } catch (e) {
    console.log("SKIP: playwright-core is not installed (npm ci --prefix tests/browser)");
    return SKIP;
  }
  if (!fs.existsSync(congvan)) throw new Failure("no congvan binary at " + congvan);
  fs.mkdirSync(artifacts, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "congvan-e2e-"));
  let server;
  let browser;
  try {
    const db = fillRegistry(dir);
    server = await startServer(db);
    browser = await playwright.chromium.launch({
      executablePath: chromium,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    const docId = await clerkSession(browser, server.url);
    await phoneSession(browser, server.url, docId);
    await assignSession(browser, server.url, docId, { width: 1366, height: 768 }, "1366x768");
    await assignSession(browser, server.url, docId, { width: 390, height: 844 }, "390x844");
    console.log("browser e2e passed; screenshots in " + artifacts);
    return 0;
  } finally {
    if (browser) await browser.close();
    if (server) {
      server.child.removeAllListeners("exit");
      server.child.kill("SIGTERM");
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (e) => {
  console.error("FAIL: " + (e instanceof Failure ? e.message : e.stack || e));
  process.exit(1);
});
