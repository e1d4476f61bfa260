// The whole pipeline on real letters: rendered pages through Tesseract, PDFs made at test time,
// text files; header fields read from what came out.
#include "pipeline/pipeline.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "registry/originals.h"
#include "registry/search.h"
#include "support/registry_backends.h"
#include "support/testing.h"

namespace congvan::pipeline {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::TestData;

// The first lines of a real decree (corpus/text/vbpl_trunguong_2025_2026.txt, the first document).
constexpr char kDecree[] =
    "CHÍNH PHỦ        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n"
    "Số: 249/2025/NĐ-CP        Hà Nội, ngày 19 tháng 09 năm 2025\n"
    "NGHỊ ĐỊNH\n"
    "Quy định cơ chế, chính sách thu hút chuyên gia khoa học, công nghệ, đổi mới sáng tạo và "
    "chuyển đổi số\n"
    "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\n"
    "Căn cứ Luật Cán bộ, công chức số 80/2025/QH15;\n"
    "Căn cứ Luật Viên chức số 58/2010/QH12;\n"
    "Theo đề nghị của Bộ trưởng Bộ Nội vụ;\n"
    "Chính phủ ban hành Nghị định quy định cơ chế, chính sách thu hút chuyên gia khoa học, công "
    "nghệ, đổi mới sáng tạo và chuyển đổi số.\n";

class PipelineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Options options;
    options.workers = 2;
    auto made = Pipeline::Create(options);
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    pipeline_ = std::move(made).value().release();
  }
  static void TearDownTestSuite() { delete pipeline_; }
  static Pipeline* pipeline_;
};
Pipeline* PipelineTest::pipeline_ = nullptr;

TEST_F(PipelineTest, RenderedDecreeIsReadAndItsHeaderExtracted) {
  TempDir dir;
  fs::path tif = testing::RenderPage(kDecree, dir / "decree");
  ASSERT_FALSE(tif.empty());
  Result<Processed> r = pipeline_->Process(tif.string());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->pages.size(), 1u);
  EXPECT_EQ(r->SourceKind(), "ocr");
  EXPECT_GT(testing::SyllableAccuracy(kDecree, r->Text()), 0.95) << r->Text();
  const extract::Letter& l = r->letter;
  EXPECT_EQ(l.doc_ref.value_or(""), "249/2025/NĐ-CP");
  EXPECT_EQ(l.doc_type.value_or(""), "Nghị định");
  EXPECT_EQ(l.date.value_or(""), "2025-09-19");
  EXPECT_EQ(l.place.value_or(""), "Hà Nội");
  EXPECT_EQ(l.issuer.value_or(""), "Chính phủ") << r->Text();
  ToRecord(*r);  // must not throw on a real result
}

TEST_F(PipelineTest, SeedLetterAsTextKeepsItsLinesAndHeader) {
  const fs::path seed = TestData("devset/seeds/001_b8c21598dec75cc1.txt");
  Result<Processed> r = pipeline_->Process(seed.string());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->SourceKind(), "text");
  EXPECT_EQ(r->letter.doc_ref.value_or(""), "1532/UBND-VP");
  EXPECT_EQ(r->letter.date.value_or(""), "2023-11-14");
  registry::DocumentRecord record = ToRecord(*r);
  EXPECT_EQ(record.source, "text");
  EXPECT_EQ(record.doc_ref, "1532/UBND-VP");
  EXPECT_EQ(record.sha256.size(), 64u);
  EXPECT_NE(record.fields_json.find("\"doc_ref\":\"1532/UBND-VP\""), std::string::npos);
}

// The registry stores the time of day extraction read with the date: "di dời xong trước 14 giờ
// ngày 17-11-2008" is due at 14:00 that day.
TEST_F(PipelineTest, TaskRecordKeepsTheTimeOfDayExtractionRead) {
  const fs::path letter = TestData("extract/heldout/set5text/letters/ubnd_bentre_tb_2008.txt");
  Result<Processed> r = pipeline_->Process(letter.string());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const registry::DocumentRecord record = ToRecord(*r);
  int timed = 0;
  for (const registry::TaskRecord& t : record.tasks) {
    if (t.due_date.empty()) {
      EXPECT_EQ(t.due_time, "") << t.action;
      continue;
    }
    EXPECT_EQ(t.due_date, "2008-11-17") << t.action;
    EXPECT_EQ(t.due_time, "14:00") << t.action;
    EXPECT_EQ(t.deadline_text, "trước 14 giờ ngày 17-11-2008");
    ++timed;
  }
  EXPECT_GT(timed, 0);
}

TEST_F(PipelineTest, PdfTextLayerIsUsedAndScannedPdfIsOcrd) {
  const fs::path samples = testing::SourceDir() / "corpus" / "samples";
  Result<Processed> layer = pipeline_->Process((samples / "nd-249-2025-text-layer.pdf").string());
  ASSERT_TRUE(layer.ok()) << layer.status().ToString();
  EXPECT_EQ(layer->SourceKind(), "text-layer");
  EXPECT_EQ(layer->letter.doc_ref.value_or(""), "249/2025/NĐ-CP");

  Result<Processed> scanned = pipeline_->Process((samples / "kh-389-twdtn-scanned.pdf").string());
  ASSERT_TRUE(scanned.ok()) << scanned.status().ToString();
  EXPECT_EQ(scanned->SourceKind(), "ocr");
  EXPECT_NE(scanned->Text().find("Triệu cây xanh"), std::string::npos) << scanned->Text();
}

// A batch mixing good and bad files: every input is reported once, under its own index, and a
// failure names its file.
TEST_F(PipelineTest, BatchReportsEveryFileOnceAndFailuresDoNotStopIt) {
  TempDir dir;
  testing::WriteFile(dir / "empty.txt", "");
  std::vector<std::string> paths = {
      TestData("devset/seeds/000_a6046faea36eee60.txt").string(),
      (dir / "missing.png").string(),
      (dir / "empty.txt").string(),
      TestData("devset/restored/004_7112368be621d645.txt").string(),
  };
  std::map<size_t, Status> outcomes;
  pipeline_->ProcessAll(paths, [&](size_t i, Result<Processed> r) {
    EXPECT_EQ(outcomes.count(i), 0u) << "reported twice: " << i;
    outcomes[i] = r.status();
  });
  ASSERT_EQ(outcomes.size(), paths.size());
  EXPECT_TRUE(outcomes[0].ok());
  EXPECT_FALSE(outcomes[1].ok());
  EXPECT_NE(outcomes[1].message().find("missing.png"), std::string::npos) << outcomes[1].message();
  EXPECT_FALSE(outcomes[2].ok());
  EXPECT_NE(outcomes[2].message().find("empty.txt"), std::string::npos) << outcomes[2].message();
  EXPECT_TRUE(outcomes[3].ok());
}

// `congvan ingest` registers what it read in batches (RegisterAll, one transaction), yet each
// file keeps its own outcome: a record the registry refuses and a file whose original vanished
// fail alone, a file given twice is already registered, and the rest are registered with their
// originals kept and are searchable. On both backends (on PostgreSQL the originals are kept in
// the database).
class RegisterBackendsTest : public testing::RegistryBackendTest {
 protected:
  static void SetUpTestSuite() {
    Options options;
    options.workers = 2;
    auto made = Pipeline::Create(options);
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    pipeline_ = std::move(made).value().release();
  }
  static void TearDownTestSuite() { delete pipeline_; }
  static Pipeline* pipeline_;
};
Pipeline* RegisterBackendsTest::pipeline_ = nullptr;

TEST_P(RegisterBackendsTest, RegisterAllKeepsEachFilesOutcome) {
  TempDir dir;
  std::vector<Processed> batch;
  for (const char* name : {"000_a6046faea36eee60.txt", "001_b8c21598dec75cc1.txt",
                           "002_aaae76cc2c3d2f2a.txt", "004_7112368be621d645.txt"}) {
    const fs::path copy = dir / name;
    fs::copy_file(TestData(std::string("devset/restored/") + name), copy);
    Result<Processed> r = pipeline_->Process(copy.string());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    batch.push_back(std::move(r).value());
  }
  // 002 has dated tasks: one made impossible, as a broken extraction could.
  ASSERT_FALSE(batch[2].letter.tasks.empty());
  batch[2].letter.tasks[0].deadline = "2023-13-45";
  fs::remove(batch[3].source.path);  // read, then gone before its original was kept
  batch.push_back(batch[0]);         // the same content twice in one batch

  auto reg = registry::Registry::Open(NewRegistryLocation());
  ASSERT_TRUE(reg.ok()) << reg.status().ToString();
  std::vector<Result<registry::AddOutcome>> out = RegisterAll(**reg, batch);
  ASSERT_EQ(out.size(), batch.size());
  ASSERT_TRUE(out[0].ok()) << out[0].status().ToString();
  ASSERT_TRUE(out[1].ok()) << out[1].status().ToString();
  EXPECT_FALSE(out[0]->already_registered);
  EXPECT_FALSE(out[1]->already_registered);
  ASSERT_FALSE(out[2].ok());
  EXPECT_NE(out[2].status().message().find("2023-13-45"), std::string::npos)
      << out[2].status().message();
  EXPECT_NE(out[2].status().message().find("002_aaae76cc2c3d2f2a.txt"), std::string::npos)
      << out[2].status().message();
  EXPECT_FALSE(out[3].ok());
  ASSERT_TRUE(out[4].ok()) << out[4].status().ToString();
  EXPECT_TRUE(out[4]->already_registered);
  EXPECT_EQ(out[4]->id, out[0]->id);

  EXPECT_EQ(*(*reg)->Count(), 2);
  for (int i : {0, 1}) {
    Result<std::string> kept = registry::Originals::ForRegistry(**reg, (dir / "cache").string())
                                   .Read(batch[i].source.sha256);
    ASSERT_TRUE(kept.ok()) << kept.status().ToString();
    EXPECT_TRUE(*kept == testing::ReadFile(batch[i].source.path));
  }
  Result<registry::SearchResults> found = registry::Search(
      **reg, "so:" + batch[1].letter.doc_ref.value_or("?"), std::chrono::system_clock::now());
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->documents.size(), 1u);
}

CONGVAN_ON_BOTH_BACKENDS(RegisterBackendsTest);

TEST(PipelineOptionsTest, MissingRulesFolderIsAClearError) {
  Options options;
  options.rules_dir = "/nonexistent/rules";
  auto made = Pipeline::Create(options);
  ASSERT_FALSE(made.ok());
  EXPECT_NE(made.status().message().find("/nonexistent/rules"), std::string::npos)
      << made.status().message();
}

TEST(PipelineOptionsTest, MissingOcrModelFailsThePageNotTheProcess) {
  Options options;
  options.workers = 1;
  options.ocr.language = "xyz";
  auto made = Pipeline::Create(options);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  Result<Processed> r =
      (*made)->Process((testing::SourceDir() / "corpus/samples/kh-389-twdtn-clean.tif").string());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("xyz"), std::string::npos) << r.status().message();
}

}  // namespace
}  // namespace congvan::pipeline
