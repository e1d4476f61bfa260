// The register of incoming letters and the review queue, on a real SQLite file.
#include "registry/book.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/sha256.h"
#include "registry/review.h"
#include "registry/statement.h"
#include "support/registry_backends.h"
#include "support/testing.h"

namespace congvan::registry {
namespace {

namespace fs = std::filesystem;
using congvan::testing::TempDir;

TimePoint At(const char* utc) {
  std::tm tm{};
  std::sscanf(utc, "%d-%d-%dT%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min);
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

// A letter read from a real devset file, with `fields_json` as the extraction would write it.
DocumentRecord Letter(const std::string& name, const std::string& fields_json) {
  DocumentRecord doc;
  doc.text = congvan::testing::ReadFile(congvan::testing::TestData("devset/restored/" + name));
  doc.sha256 = Sha256Hex(doc.text + fields_json);
  doc.path = name;
  doc.file_type = "text";
  doc.source = "text";
  doc.fields_json = fields_json;
  doc.doc_ref = "1307-CV/HU";
  doc.doc_type = "Công văn";
  doc.issuer = "Huyện ủy Bình Sơn";
  doc.date = "2022-10-13";
  doc.subject = "Chỉ đạo thực hiện một số chỉ tiêu";
  doc.pages = {PageRecord{0, "text", doc.text, 100}};
  return doc;
}

std::unique_ptr<Registry> Open(const std::string& location) {
  Result<std::unique_ptr<Registry>> reg = Registry::Open(location);
  EXPECT_TRUE(reg.ok()) << reg.status().ToString();
  return reg.ok() ? std::move(reg).value() : nullptr;
}

std::unique_ptr<Registry> Open(const fs::path& path) { return Open(path.string()); }

// The register's numbering runs in the registry (a trigger on each backend): these tests run
// on an SQLite file and on a PostgreSQL database.
class BookBackendsTest : public congvan::testing::RegistryBackendTest {};

std::int64_t Add(Registry& reg, const DocumentRecord& doc) {
  Result<AddOutcome> out = reg.Add(doc);
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return out.ok() ? out->id : 0;
}

// Today in Viet Nam, as the registry computes the arrival day of a letter without a stamp.
std::string VietnamToday(Registry& reg) {
  Result<Statement> s = Statement::Prepare(
      reg.db(), reg.is_postgres()
                    ? "SELECT to_char(now() AT TIME ZONE 'UTC' + interval '7 hours', 'YYYY-MM-DD')"
                    : "SELECT date('now', '+7 hours')");
  EXPECT_TRUE(s.ok());
  EXPECT_TRUE(*s->Step());
  return s->ColumnText(0);
}

constexpr char kFile0[] = "000_a6046faea36eee60.txt";
constexpr char kFile1[] = "001_b8c21598dec75cc1.txt";
constexpr char kFile2[] = "002_aaae76cc2c3d2f2a.txt";

// The received stamp's day is the arrival day when it is a real day not after registration;
// otherwise the day of registration. Numbers run from 1 in each year, in registration order.
TEST_P(BookBackendsTest, ArrivalDayFromTheStampElseTheRegistrationDay) {
  std::unique_ptr<Registry> reg = Open(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  const std::string today = VietnamToday(*reg);
  Add(*reg, Letter(kFile0, R"({"received":{"number":"1532","date":"2025-04-28","office":"UBND"}})"));
  Add(*reg, Letter(kFile1, R"({"received":{"number":null,"date":"2025-02-30","office":null}})"));
  Add(*reg, Letter(kFile2, R"({"received":{"date":"2999-01-01"},"urgency":"HỎA TỐC"})"));
  Add(*reg, Letter(kFile0, R"({"received":{"date":"2025-05-02"}})"));
  Result<std::vector<BookEntry>> all = ListBook(*reg, BookFilter{});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 4u);
  // 2025: the two stamped letters, numbered 1 and 2 in registration order.
  EXPECT_EQ((*all)[0].arrival_date, "2025-04-28");
  EXPECT_EQ((*all)[0].number, 1);
  EXPECT_EQ((*all)[1].arrival_date, "2025-05-02");
  EXPECT_EQ((*all)[1].number, 2);
  // 30 February and a stamp in the future are OCR errors: the day of registration.
  EXPECT_EQ((*all)[2].arrival_date, today);
  EXPECT_EQ((*all)[2].number, 1);
  EXPECT_EQ((*all)[3].arrival_date, today);
  EXPECT_EQ((*all)[3].number, 2);
  EXPECT_EQ(BookNote((*all)[0]), "Số trên dấu đến: 1532");
  EXPECT_EQ(BookNote((*all)[3]), "Độ khẩn: HỎA TỐC");
  EXPECT_EQ(TypeAndSubject((*all)[0]), "Công văn V/v Chỉ đạo thực hiện một số chỉ tiêu");

  // A page of the register: the second and third lines of all, and how many there are.
  Result<std::vector<BookEntry>> page = ListBook(*reg, BookFilter{}, 2, 1);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].arrival_date, "2025-05-02");
  EXPECT_EQ((*page)[1].arrival_date, today);
  EXPECT_EQ(*CountBook(*reg, BookFilter{}), 4);
  EXPECT_EQ(*CountBook(*reg, *MakeBookFilter(2025, "", "")), 2);

  Result<std::vector<BookEntry>> y2025 = ListBook(*reg, *MakeBookFilter(2025, "", ""));
  ASSERT_TRUE(y2025.ok());
  EXPECT_EQ(y2025->size(), 2u);
  Result<std::vector<BookEntry>> range = ListBook(*reg, *MakeBookFilter(0, "1/5/2025", "2025-05-31"));
  ASSERT_TRUE(range.ok());
  ASSERT_EQ(range->size(), 1u);
  EXPECT_EQ(range->front().arrival_date, "2025-05-02");
}

// A deleted letter keeps its line and number; the next letter takes the next number, and the
// deleted letter registered again gets its own number back.
TEST_P(BookBackendsTest, NumbersAreNeverReused) {
  std::unique_ptr<Registry> reg = Open(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  const DocumentRecord first = Letter(kFile0, "{}");
  const std::int64_t id = Add(*reg, first);
  Add(*reg, Letter(kFile1, "{}"));
  ASSERT_TRUE(*reg->Delete(id));
  Add(*reg, Letter(kFile2, "{}"));
  Result<std::vector<BookEntry>> book = ListBook(*reg, BookFilter{});
  ASSERT_TRUE(book.ok());
  ASSERT_EQ(book->size(), 3u);
  EXPECT_EQ((*book)[0].number, 1);
  EXPECT_EQ((*book)[0].document_id, 0);
  EXPECT_EQ(BookNote((*book)[0]), "Văn bản đã bị xóa khỏi sổ");
  EXPECT_EQ((*book)[2].number, 3);
  const std::int64_t again = Add(*reg, first);
  Result<std::optional<BookEntry>> arrival = FindArrival(*reg, first.sha256);
  ASSERT_TRUE(arrival.ok() && arrival->has_value());
  EXPECT_EQ((*arrival)->number, 1);
  EXPECT_EQ((*arrival)->document_id, again);
}

// Letters registered before the register existed are numbered by the upgrade, in the order
// they were registered, by the day on their stamp or of registration (Viet Nam time).
TEST(BookTest, UpgradeNumbersTheLettersAlreadyRegistered) {
  TempDir tmp;
  const fs::path path = tmp / "r.db";
  {
    std::unique_ptr<Registry> reg = Open(path);
    ASSERT_NE(reg, nullptr);
    for (const char* f : {kFile0, kFile1, kFile2}) Add(*reg, Letter(f, "{}"));
    // Back to version 8, as a registry of the previous congvan: registered on 31/12/2025 at
    // 18:00 UTC (01/01/2026 in Viet Nam), the others earlier, one stamped. Version 10's
    // columns, indexes and tables go too, so its migration runs again after this one, and
    // version 11's, 12's, 13's, 15's and 16's.
    ASSERT_TRUE(Exec(reg->connection(),
                     "DROP TABLE jobs; DROP INDEX file_journal_claimed_content; "
                     "ALTER TABLE file_journal DROP COLUMN watcher; "
                     "ALTER TABLE file_journal DROP COLUMN lease_until_ms; "
                     "DROP TABLE users; DROP TABLE login_failures; DROP TABLE secrets; "
                     "DROP TRIGGER unit_task_counts_insert; DROP TRIGGER unit_task_counts_delete; "
                     "DROP TRIGGER unit_task_counts_update; DROP TABLE unit_task_counts; "
                     "DROP INDEX tasks_done_at; "
                     "DROP TABLE unit_aliases; DROP TABLE units; "
                     "ALTER TABLE tasks DROP COLUMN source; ALTER TABLE tasks DROP COLUMN instruction; "
                     "ALTER TABLE tasks DROP COLUMN assigned_by; ALTER TABLE tasks DROP COLUMN assigned_at; "
                     "ALTER TABLE tasks DROP COLUMN assigned_from; "
                     "ALTER TABLE task_events DROP COLUMN kind; "
                     "DROP INDEX documents_urgency; DROP INDEX documents_review; "
                     "DROP INDEX documents_list_issuer; DROP INDEX documents_list_ref; "
                     "ALTER TABLE documents DROP COLUMN urgency; "
                     "ALTER TABLE documents DROP COLUMN review_needed; "
                     "DROP TABLE letter_files; DROP TABLE deletions; "
                     "DROP TRIGGER documents_arrival; DROP TABLE arrivals; "
                     "UPDATE documents SET created_at = '2025-12-31T18:00:00.000Z' WHERE id = 1; "
                     "UPDATE documents SET created_at = '2025-12-31T16:59:00.000Z' WHERE id = 2; "
                     "UPDATE documents SET created_at = '2025-12-30T10:00:00.000Z', fields_json = "
                     "'{\"received\":{\"date\":\"2025-12-29\"}}' WHERE id = 3; "
                     "PRAGMA user_version = 8;")
                    .ok());
  }
  std::unique_ptr<Registry> reg = Open(path);
  ASSERT_NE(reg, nullptr);
  Result<std::vector<BookEntry>> book = ListBook(*reg, BookFilter{});
  ASSERT_TRUE(book.ok()) << book.status().ToString();
  ASSERT_EQ(book->size(), 3u);
  EXPECT_EQ((*book)[0].arrival_date, "2025-12-29");
  EXPECT_EQ((*book)[0].number, 1);
  EXPECT_EQ((*book)[0].document_id, 3);
  EXPECT_EQ((*book)[1].arrival_date, "2025-12-31");
  EXPECT_EQ((*book)[1].number, 2);
  EXPECT_EQ((*book)[2].arrival_date, "2026-01-01");
  EXPECT_EQ((*book)[2].year, 2026);
  EXPECT_EQ((*book)[2].number, 1);
  // New letters continue each year's numbering.
  Add(*reg, Letter(kFile0, R"({"received":{"date":"2025-12-31"}})"));
  Result<std::optional<BookEntry>> next =
      FindArrival(*reg, Letter(kFile0, R"({"received":{"date":"2025-12-31"}})").sha256);
  ASSERT_TRUE(next.ok() && next->has_value());
  EXPECT_EQ((*next)->number, 3);
}

// Two connections registering at once (as two processes do) draw distinct numbers, with no gap.
TEST_P(BookBackendsTest, ConcurrentRegistrationsDrawDistinctNumbers) {
  const std::string path = NewRegistryLocation();
  ASSERT_NE(Open(path), nullptr);
  constexpr int kPerWriter = 25;
  auto writer = [&](int which, std::vector<Status>* errors) {
    std::unique_ptr<Registry> reg = Open(path);
    if (reg == nullptr) return;
    for (int i = 0; i < kPerWriter; ++i) {
      const std::string tag = "{\"w\":" + std::to_string(which) + ",\"i\":" + std::to_string(i) + "}";
      Result<AddOutcome> out = reg->Add(Letter(i % 2 ? kFile1 : kFile2, tag));
      if (!out.ok()) errors->push_back(out.status());
    }
  };
  std::vector<Status> errors_a, errors_b;
  std::thread a(writer, 0, &errors_a), b(writer, 1, &errors_b);
  a.join();
  b.join();
  for (const Status& s : errors_a) ADD_FAILURE() << s.ToString();
  for (const Status& s : errors_b) ADD_FAILURE() << s.ToString();
  std::unique_ptr<Registry> reg = Open(path);
  Result<std::vector<BookEntry>> book = ListBook(*reg, BookFilter{});
  ASSERT_TRUE(book.ok());
  ASSERT_EQ(book->size(), 2u * kPerWriter);
  for (std::size_t i = 0; i < book->size(); ++i) EXPECT_EQ((*book)[i].number, i + 1);
}

CONGVAN_ON_BOTH_BACKENDS(BookBackendsTest);

TEST(BookTest, FilterErrorsAreVietnamese) {
  EXPECT_EQ(MakeBookFilter(0, "31/6/2025", "").status().message(),
            "Từ ngày: \"31/6/2025\" không phải ngày (dd/mm/yyyy).");
  EXPECT_EQ(MakeBookFilter(0, "2025-06-02", "2025-06-01").status().code(), Code::kInvalidInput);
  EXPECT_EQ(MakeBookFilter(12, "", "").status().code(), Code::kInvalidInput);
  EXPECT_EQ(ParseBookFormat("pdf").status().code(), Code::kInvalidInput);
}

// The CSV opens in Excel as UTF-8 (byte-order mark) with the form's columns; the HTML prints on
// A4 landscape; Markdown keeps a pipe inside a cell.
TEST(BookTest, RendersCsvWithBomHtmlAndMarkdown) {
  BookEntry e;
  e.year = 2025;
  e.number = 7;
  e.arrival_date = "2025-04-28";
  e.document_id = 3;
  e.issuer = "Sở Y tế";
  e.doc_ref = "12/SYT|VP";
  e.date = "2025-04-20";
  e.doc_type = "Kế hoạch";
  e.subject = "Tiêm chủng \"mở rộng\"";
  const BookFilter f = *MakeBookFilter(2025, "", "");
  const std::string csv = *RenderBook({e}, f, BookFormat::kCsv);
  ASSERT_EQ(csv.rfind("\xEF\xBB\xBF\"Ngày đến\",\"Số đến\",\"Tác giả\",\"Số, ký hiệu\"", 0), 0u) << csv;
  EXPECT_NE(csv.find("\"28/04/2025\",\"7\",\"Sở Y tế\",\"12/SYT|VP\",\"20/04/2025\",\"Kế hoạch "
                     "Tiêm chủng \"\"mở rộng\"\"\",\"\",\"\",\"\"\r\n"),
            std::string::npos) << csv;
  const std::string html = *RenderBook({e}, f, BookFormat::kHtml);
  EXPECT_NE(html.find("size:A4 landscape"), std::string::npos);
  EXPECT_NE(html.find("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN NĂM 2025"), std::string::npos);
  EXPECT_NE(html.find("&quot;mở rộng&quot;"), std::string::npos);
  const std::string md = *RenderBook({e}, f, BookFormat::kMarkdown);
  EXPECT_NE(md.find("| 28/04/2025 | 7 | Sở Y tế | 12/SYT\\|VP |"), std::string::npos) << md;
}

// The .xlsx is a real workbook: read back with Python's zipfile, its strings hold the
// Vietnamese intact and the sheet is A4 landscape.
TEST(BookTest, XlsxIsAWorkbookWithTheLines) {
  TempDir tmp;
  BookEntry e;
  e.year = 2025;
  e.number = 12;
  e.arrival_date = "2025-04-28";
  e.document_id = 1;
  e.issuer = "Ủy ban nhân dân huyện Tứ Kỳ";
  e.doc_ref = "1532/UBND-VP";
  const std::string path = (tmp / "so-den.xlsx").string();
  Status s = WriteBookXlsx({e}, *MakeBookFilter(2025, "", ""), path);
  ASSERT_TRUE(s.ok()) << s.ToString();
  const testing::CommandResult r = testing::RunCommand(
      "python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
      "print(z.read(\"xl/sharedStrings.xml\").decode()); "
      "print(z.read(\"xl/worksheets/sheet1.xml\").decode())' " + testing::ShellQuote(path));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Ủy ban nhân dân huyện Tứ Kỳ"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN NĂM 2025"), std::string::npos);
  EXPECT_NE(r.out.find("Tên loại và trích yếu nội dung"), std::string::npos);
  EXPECT_NE(r.out.find("orientation=\"landscape\""), std::string::npos);
  EXPECT_NE(r.out.find("paperSize=\"9\""), std::string::npos);
  EXPECT_NE(r.out.find("<v>12</v>"), std::string::npos) << "the arrival number is a number";
  EXPECT_EQ(WriteBookXlsx({e}, BookFilter{}, (tmp / "no" / "such" / "x.xlsx").string()).code(),
            Code::kIoError);
}

// The review queue holds the letters the extraction doubted until a clerk confirms them; the
// confirmation is a correction record with who and when.
TEST(ReviewTest, QueueUntilConfirmed) {
  TempDir tmp;
  std::unique_ptr<Registry> reg = Open(tmp / "r.db");
  ASSERT_NE(reg, nullptr);
  const std::int64_t doubtful = Add(
      *reg, Letter(kFile0, R"({"review":{"needed":true,"reasons":["Không tìm thấy số văn bản"]}})"));
  Add(*reg, Letter(kFile1, R"({"review":{"needed":false,"reasons":[]}})"));
  Add(*reg, Letter(kFile2, "{}"));
  Add(*reg, Letter(kFile2, "not JSON"));  // an old or damaged record: not queued, no error
  Result<std::vector<ReviewItem>> queue = ReviewQueue(*reg);
  ASSERT_TRUE(queue.ok()) << queue.status().ToString();
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(queue->front().document_id, doubtful);
  EXPECT_EQ(queue->front().reasons, std::vector<std::string>{"Không tìm thấy số văn bản"});
  EXPECT_EQ(*ReviewQueueCount(*reg), 1);

  Result<Correction> done = MarkReviewed(*reg, doubtful, "chi.hoa", At("2026-12-06T00:25"));
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->field, kReviewedField);
  EXPECT_EQ(done->old_value, "Không tìm thấy số văn bản");
  EXPECT_EQ(done->who, "chi.hoa");
  EXPECT_EQ(done->at, "2026-12-06T00:25:00Z");
  EXPECT_EQ(*ReviewQueueCount(*reg), 0);
  EXPECT_TRUE(ReviewQueue(*reg)->empty());
  EXPECT_EQ(MarkReviewed(*reg, doubtful, "x", At("2026-12-06T00:26")).status().code(),
            Code::kAlreadyExists);
  EXPECT_EQ(MarkReviewed(*reg, 999, "x", At("2026-12-06T00:26")).status().code(), Code::kNotFound);
  // In the letter's history, and not laid over its fields.
  Result<std::optional<DocumentRecord>> doc = reg->Find(doubtful);
  ASSERT_TRUE(doc.ok() && doc->has_value());
  Result<std::vector<Correction>> history = ListCorrections(*reg, (*doc)->sha256);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(history->front().new_value, "Đã kiểm tra");
  DocumentRecord shown = **doc;
  ASSERT_TRUE(ApplyCorrections(*reg, shown).ok());
  EXPECT_EQ(shown.fields_json.find("reviewed"), std::string::npos) << shown.fields_json;
}

}  // namespace
}  // namespace congvan::registry
