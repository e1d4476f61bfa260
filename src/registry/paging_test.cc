// The letter and task lists a page at a time, deleting and restoring a letter, and one letter
// received as two files: on a real SQLite file holding the five real devset letters varied into
// more (numbers, issuers, dates), as bench/registry_scale.cc does.
#include "registry/paging.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/sha256.h"
#include "registry/book.h"
#include "registry/corrections.h"
#include "registry/deletions.h"
#include "registry/gold_letters_for_test.h"
#include "registry/letter_files.h"
#include "registry/originals.h"
#include "registry/search.h"
#include "text/tokens.h"
#include "support/testing.h"

namespace congvan::registry {
namespace {

namespace fs = std::filesystem;
using congvan::testing::TempDir;

TimePoint Now() { return std::chrono::system_clock::now(); }

// 15 letters: each gold letter three times, with its own number (some sharing a leading
// number across offices), issuer and date; every fifth urgent.
std::vector<DocumentRecord> VariedLetters() {
  const std::vector<DocumentRecord> gold = testdata::GoldRecords();
  const char* issuers[] = {"UBND huyện Bình Sơn", "Sở Nội vụ", "Ủy ban nhân dân tỉnh Quảng Ngãi"};
  const char* refs[] = {"1138/UBND-NC", "99/SNV-VP", "1138/UBND-KT", "7/KH-UBND", "2001/UBND-TH"};
  std::vector<DocumentRecord> out;
  for (int copy = 0; copy < 3; ++copy) {
    for (std::size_t i = 0; i < gold.size(); ++i) {
      DocumentRecord d = gold[i];
      const int n = copy * 5 + static_cast<int>(i);
      d.doc_ref = refs[(i + copy) % 5];
      d.doc_ref = std::to_string(n * 37 % 100 + 1) + d.doc_ref.substr(d.doc_ref.find('/'));
      d.issuer = issuers[n % 3];
      d.date = "2023-0" + std::to_string(1 + n % 9) + "-1" + std::to_string(n % 10);
      nlohmann::json fields = nlohmann::json::parse(d.fields_json);
      fields["urgency"] = n % 5 == 0 ? nlohmann::json("HỎA TỐC") : nlohmann::json(nullptr);
      d.fields_json = fields.dump();
      d.sha256 = Sha256Hex(d.text + std::to_string(n));
      d.path = "letter-" + std::to_string(n) + ".txt";
      out.push_back(std::move(d));
    }
  }
  return out;
}

class PagingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<Registry>> reg = Registry::Open((dir_.path() / "r.db").string());
    ASSERT_TRUE(reg.ok()) << reg.status().ToString();
    reg_ = std::move(*reg);
    letters_ = VariedLetters();
    Result<std::vector<AddOutcome>> added = reg_->AddAll(letters_);
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    for (const AddOutcome& o : *added) ids_.push_back(o.id);
  }

  std::vector<std::int64_t> LetterIds(const LetterFilter& f, LetterSort sort, bool descending,
                                      std::int64_t offset, int limit) {
    Result<std::vector<LetterRow>> rows = ListLetters(*reg_, f, sort, descending, offset, limit, Now());
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    std::vector<std::int64_t> out;
    if (rows.ok()) {
      for (const LetterRow& r : *rows) out.push_back(r.id);
    }
    return out;
  }

  // Every page of 4 joined: the whole list as the pager shows it.
  std::vector<std::int64_t> AllPages(const LetterFilter& f, LetterSort sort, bool descending) {
    std::vector<std::int64_t> all;
    for (std::int64_t offset = 0;; offset += 4) {
      std::vector<std::int64_t> page = LetterIds(f, sort, descending, offset, 4);
      all.insert(all.end(), page.begin(), page.end());
      if (page.size() < 4) return all;
    }
  }

  TempDir dir_;
  std::unique_ptr<Registry> reg_;
  std::vector<DocumentRecord> letters_;
  std::vector<std::int64_t> ids_;
};

TEST_F(PagingTest, PagesOfLettersJoinToTheWholeOrderWithoutOverlap) {
  for (LetterSort sort : {LetterSort::kArrival, LetterSort::kRef, LetterSort::kDate, LetterSort::kIssuer}) {
    for (bool descending : {false, true}) {
      const std::vector<std::int64_t> paged = AllPages({}, sort, descending);
      const std::vector<std::int64_t> whole = LetterIds({}, sort, descending, 0, 1000);
      EXPECT_EQ(paged, whole) << static_cast<int>(sort) << " " << descending;
      EXPECT_EQ(std::set<std::int64_t>(paged.begin(), paged.end()).size(), letters_.size());
      // Descending is the exact reverse: ties broken the same way.
      std::vector<std::int64_t> reversed = LetterIds({}, sort, !descending, 0, 1000);
      std::reverse(reversed.begin(), reversed.end());
      EXPECT_EQ(whole, reversed) << static_cast<int>(sort);
    }
  }
  // Past the end: an empty page, not an error.
  EXPECT_TRUE(LetterIds({}, LetterSort::kDate, false, 1000000000000, 50).empty());
}

TEST_F(PagingTest, LettersSortByTheirColumns) {
  Result<std::vector<LetterRow>> by_ref = ListLetters(*reg_, {}, LetterSort::kRef, false, 0, 100, Now());
  ASSERT_TRUE(by_ref.ok());
  // By the number's value: "9/…" before "38/…" before "100/…".
  for (std::size_t i = 1; i < by_ref->size(); ++i) {
    EXPECT_LE(std::stoi((*by_ref)[i - 1].doc_ref), std::stoi((*by_ref)[i].doc_ref));
  }
  Result<std::vector<LetterRow>> by_date = ListLetters(*reg_, {}, LetterSort::kDate, true, 0, 100, Now());
  ASSERT_TRUE(by_date.ok());
  for (std::size_t i = 1; i < by_date->size(); ++i) EXPECT_GE((*by_date)[i - 1].date, (*by_date)[i].date);
  // The arrival order is the register's: newest number first when descending.
  Result<std::vector<LetterRow>> by_arrival =
      ListLetters(*reg_, {}, LetterSort::kArrival, true, 0, 100, Now());
  ASSERT_TRUE(by_arrival.ok());
  EXPECT_EQ(by_arrival->front().arrival_number, static_cast<std::int64_t>(letters_.size()));
  EXPECT_EQ(by_arrival->back().arrival_number, 1);
  // Issuers folded: "Sở" and "Ủy ban" sort as "so" and "uy ban", after "ubnd".
  Result<std::vector<LetterRow>> by_issuer = ListLetters(*reg_, {}, LetterSort::kIssuer, false, 0, 100, Now());
  ASSERT_TRUE(by_issuer.ok());
  EXPECT_EQ(by_issuer->front().issuer, "Sở Nội vụ");
  EXPECT_EQ(by_issuer->back().issuer, "Ủy ban nhân dân tỉnh Quảng Ngãi");
}

TEST_F(PagingTest, LetterFiltersAndCountsAgree) {
  auto check = [&](const LetterFilter& f, std::int64_t expected) {
    Result<std::int64_t> count = CountLetters(*reg_, f, Now());
    ASSERT_TRUE(count.ok()) << count.status().ToString();
    EXPECT_EQ(*count, expected);
    EXPECT_EQ(static_cast<std::int64_t>(AllPages(f, LetterSort::kArrival, true).size()), expected);
  };
  check({}, 15);
  LetterFilter issuer;
  issuer.issuer = "so noi vu";  // no marks, as a clerk types
  check(issuer, 5);
  LetterFilter urgent;
  urgent.urgency = "khan";
  check(urgent, 3);
  urgent.urgency = "HỎA TỐC";
  check(urgent, 3);
  urgent.urgency = "THƯỢNG KHẨN";
  check(urgent, 0);
  LetterFilter dated;
  dated.date_min = "2023-03-01";
  dated.date_max = "2023-04-30";
  std::int64_t in_range = 0;
  for (const DocumentRecord& d : letters_) in_range += d.date >= "2023-03-01" && d.date <= "2023-04-30";
  check(dated, in_range);
  // A unit: letters with a task for it.
  LetterFilter unit;
  unit.assignee = "Phòng Nội vụ";
  std::int64_t with_unit = 0;
  const text::Folder folder;
  for (const DocumentRecord& d : letters_) {
    with_unit += std::any_of(d.tasks.begin(), d.tasks.end(), [&](const TaskRecord& t) {
      return (" " + folder.Key(t.assignee) + " ").find(" phong noi vu ") != std::string::npos;
    });
  }
  ASSERT_GT(with_unit, 0);
  check(unit, with_unit);
  LetterFilter nothing;
  nothing.issuer = "!!";
  EXPECT_EQ(CountLetters(*reg_, nothing, Now()).status().code(), Code::kInvalidInput);
}

TEST_F(PagingTest, TaskPagesFollowTheTaskListAndEverySort) {
  TaskFilter all;
  Result<std::vector<TaskView>> whole = ListTasks(*reg_, all, Now());
  ASSERT_TRUE(whole.ok());
  Result<std::int64_t> count = CountTasks(*reg_, all, Now());
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, static_cast<std::int64_t>(whole->size()));
  for (TaskSort sort : {TaskSort::kDue, TaskSort::kAssignee, TaskSort::kLetter}) {
    std::vector<std::int64_t> paged;
    for (std::int64_t offset = 0;; offset += 7) {
      Result<std::vector<TaskView>> page = ListTaskPage(*reg_, all, sort, false, offset, 7, Now());
      ASSERT_TRUE(page.ok()) << page.status().ToString();
      for (const TaskView& v : *page) paged.push_back(v.task.id);
      if (page->size() < 7) break;
    }
    EXPECT_EQ(paged.size(), whole->size());
    EXPECT_EQ(std::set<std::int64_t>(paged.begin(), paged.end()).size(), whole->size());
    if (sort == TaskSort::kDue) {
      std::vector<std::int64_t> listed;
      for (const TaskView& v : *whole) listed.push_back(v.task.id);
      EXPECT_EQ(paged, listed);  // the deadline order of ListTasks, a page at a time
    }
  }
  Result<std::vector<TaskView>> by_unit = ListTaskPage(*reg_, all, TaskSort::kAssignee, false, 0, 1000, Now());
  ASSERT_TRUE(by_unit.ok());
  for (std::size_t i = 1; i < by_unit->size(); ++i) {
    EXPECT_LE((*by_unit)[i - 1].task.assignee_key, (*by_unit)[i].task.assignee_key);
  }
  EXPECT_EQ(ListTaskPage(*reg_, all, TaskSort::kDue, false, -1, 10, Now()).status().code(),
            Code::kInvalidInput);
  EXPECT_EQ(ListTaskPage(*reg_, all, TaskSort::kDue, false, 0, 0, Now()).status().code(),
            Code::kInvalidInput);
}

TEST_F(PagingTest, ADeletedLetterLeavesEveryListAndComesBackAsItWas) {
  const std::int64_t id = ids_[1];
  Result<std::optional<DocumentRecord>> before = reg_->Find(id);
  ASSERT_TRUE(before.ok() && before->has_value());
  const DocumentRecord& doc = **before;
  ASSERT_FALSE(doc.tasks.empty());
  // A task done with a note, a clerk's correction, and the original in the store.
  ASSERT_TRUE(MarkDone(*reg_, doc.tasks[0].id, "van-thu", "Đã báo cáo", Now()).ok());
  CorrectionRequest c;
  c.document_id = id;
  c.field = "subject";
  c.value = "Trích yếu do văn thư sửa";
  c.who = "van-thu";
  ASSERT_TRUE(Correct(*reg_, c, Now()).ok());
  const fs::path original = dir_.path() / "letter.txt";
  congvan::testing::WriteFile(original, doc.text);
  Originals store = Originals::ForDatabase(reg_->path());
  Result<std::string> kept = store.Keep(original.string(), doc.sha256, "txt");
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  Result<std::optional<BookEntry>> arrival = FindArrival(*reg_, doc.sha256);
  ASSERT_TRUE(arrival.ok() && arrival->has_value());

  Result<Deletion> deleted = DeleteLetter(*reg_, id, "truong-phong", Now());
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  EXPECT_EQ(deleted->deleted_by, "truong-phong");
  EXPECT_FALSE(deleted->deleted_at.empty());
  // Gone from the lists, the tasks and the search; the original stays.
  const std::vector<std::int64_t> listed = LetterIds({}, LetterSort::kArrival, true, 0, 100);
  EXPECT_EQ(std::count(listed.begin(), listed.end(), id), 0);
  EXPECT_EQ(listed.size(), letters_.size() - 1);
  Result<std::vector<TaskView>> tasks = ListTasks(*reg_, {}, Now());
  ASSERT_TRUE(tasks.ok());
  for (const TaskView& v : *tasks) EXPECT_NE(v.document_id, id);
  Result<SearchResults> found = Search(*reg_, "so:" + doc.doc_ref, Now());
  ASSERT_TRUE(found.ok());
  for (const DocumentHit& h : found->documents) EXPECT_NE(h.id, id);
  EXPECT_TRUE(fs::exists(*kept));
  Result<std::vector<Deletion>> listed_deleted = ListDeleted(*reg_);
  ASSERT_TRUE(listed_deleted.ok());
  ASSERT_EQ(listed_deleted->size(), 1u);
  EXPECT_EQ(listed_deleted->front().former_id, id);
  EXPECT_EQ(DeleteLetter(*reg_, id, "x", Now()).status().code(), Code::kNotFound);

  Result<std::int64_t> restored = RestoreLetter(*reg_, id, "quan-tri", Now());
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  Result<std::optional<DocumentRecord>> back = reg_->Find(*restored);
  ASSERT_TRUE(back.ok() && back->has_value());
  EXPECT_EQ((*back)->sha256, doc.sha256);
  EXPECT_EQ((*back)->subject, "Trích yếu do văn thư sửa");  // the correction applies again
  ASSERT_EQ((*back)->tasks.size(), doc.tasks.size());
  EXPECT_EQ((*back)->tasks[0].status, "done");
  if (doc.tasks.size() > 1) {
    EXPECT_EQ((*back)->tasks[1].status, "open");
  }
  Result<std::vector<TaskEvent>> history = History(*reg_, (*back)->tasks[0].id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(history->front().note, "Đã báo cáo");
  EXPECT_EQ(history->front().who, "van-thu");
  // Its arrival number is its own again, never a new one.
  Result<std::optional<BookEntry>> arrival_back = FindArrival(*reg_, doc.sha256);
  ASSERT_TRUE(arrival_back.ok() && arrival_back->has_value());
  EXPECT_EQ((*arrival_back)->number, (*arrival)->number);
  EXPECT_EQ(LetterIds({}, LetterSort::kArrival, true, 0, 100).size(), letters_.size());
  EXPECT_TRUE(ListDeleted(*reg_)->empty());
  EXPECT_EQ(RestoreLetter(*reg_, id, "quan-tri", Now()).status().code(), Code::kNotFound);
}

TEST_F(PagingTest, AnotherFileOfALetterJoinsIt) {
  // The same letter as another file: same number, issuer (written without marks) and date.
  DocumentRecord copy = letters_[2];
  copy.text += "\n";  // another file, another SHA-256
  copy.sha256 = Sha256Hex(copy.text + "tiff");
  copy.file_type = "tiff";
  copy.path = "scan/letter.tif";
  copy.issuer = text::Folder().Key(copy.issuer);
  Result<std::optional<std::int64_t>> same = FindSameLetter(*reg_, copy);
  ASSERT_TRUE(same.ok());
  ASSERT_TRUE(same->has_value());
  EXPECT_EQ(**same, ids_[2]);
  ASSERT_TRUE(AttachFile(*reg_, **same, copy, Now()).ok());
  ASSERT_TRUE(AttachFile(*reg_, **same, copy, Now()).ok());  // again: nothing changes
  Result<std::optional<DocumentRecord>> letter = reg_->Find(ids_[2]);
  ASSERT_TRUE(letter.ok() && letter->has_value());
  Result<std::vector<LetterFile>> files = FilesOf(*reg_, **letter);
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 2u);
  EXPECT_TRUE((*files)[0].first);
  EXPECT_EQ((*files)[0].sha256, letters_[2].sha256);
  EXPECT_EQ((*files)[1].sha256, copy.sha256);
  EXPECT_EQ((*files)[1].file_type, "tiff");
  Result<std::optional<std::int64_t>> owner = LetterOfFile(*reg_, copy.sha256);
  ASSERT_TRUE(owner.ok() && owner->has_value());
  EXPECT_EQ(**owner, ids_[2]);
  // Still one letter in the list.
  EXPECT_EQ(*CountLetters(*reg_, {}, Now()), static_cast<std::int64_t>(letters_.size()));

  // Without a date, or with another date, it is a letter of its own.
  DocumentRecord undated = copy;
  undated.sha256 = Sha256Hex("undated");
  undated.date = "";
  EXPECT_FALSE(FindSameLetter(*reg_, undated)->has_value());
  DocumentRecord other_day = copy;
  other_day.sha256 = Sha256Hex("other day");
  other_day.date = "2024-12-31";
  EXPECT_FALSE(FindSameLetter(*reg_, other_day)->has_value());
  // The letter's own file registered again is not "another file" of it.
  EXPECT_FALSE(FindSameLetter(*reg_, letters_[2])->has_value());
}

}  // namespace
}  // namespace congvan::registry
