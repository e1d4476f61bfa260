// End-to-end tests of the congvan command line: the real binary, real files, a real SQLite file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>

#include "support/hostile_pdf.h"
#include "support/testing.h"

namespace congvan {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::RunCommand;
using testing::TempDir;
using testing::TestData;

std::string Quote(const fs::path& p) { return testing::ShellQuote(p.string()); }

std::string Congvan(const std::string& args) {
  return "env OMP_THREAD_LIMIT=1 " + Quote(testing::CongvanBinary()) + " " + args;
}

int CountLines(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) == 0) ++n;
  }
  return n;
}

fs::path Seed(const std::string& name) { return TestData("devset/seeds/" + name); }

TEST(CliTest, EveryCommandHasHelp) {
  for (const char* cmd : {"", "ingest", "extract", "ocr", "repair", "show", "list"}) {
    CommandResult r = RunCommand(Congvan(std::string(cmd) + " --help"));
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << cmd;
  }
  CommandResult r = RunCommand(Congvan("frobnicate"));
  EXPECT_NE(r.exit_code, 0);
}

// --version names what a misreading may depend on: the libraries, the Tesseract model file and
// the rules and repair model this binary loads (here, the source and build trees').
TEST(CliTest, VersionNamesTheLibrariesModelsAndRules) {
  CommandResult r = RunCommand(Congvan("--version"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("congvan ", 0), 0u) << r.out;
  for (const std::string& line :
       {std::string("\nTesseract 5."), std::string("\nLeptonica 1."), std::string("\nICU "),
        std::string("\nSQLite 3."), std::string("\nTesseract model vie: /"),
        std::string("vie.traineddata ("), std::string("\nrules: ") + CONGVAN_DEFAULT_RULES_DIR + "\n",
        std::string("\nrepair model: ") + CONGVAN_BUILT_MODELS_DIR + "/repair.bin ("}) {
    EXPECT_NE(r.out.find(line), std::string::npos) << line << " not in:\n" << r.out;
  }
  // Options given before --version are the ones it reports.
  CommandResult other = RunCommand(Congvan("--rules /elsewhere --lang vie+eng --version"));
  ASSERT_EQ(other.exit_code, 0) << other.err;
  EXPECT_NE(other.out.find("\nrules: /elsewhere\n"), std::string::npos) << other.out;
  EXPECT_NE(other.out.find("\nTesseract model eng: /"), std::string::npos) << other.out;
}

// The batch keeps going past bad files: each gets one clear line on stderr, nothing of it goes
// into the registry, and the good file is registered.
TEST(CliTest, BadInputsFailOneLineEachAndTheRestOfTheBatchIsRegistered) {
  TempDir dir;
  fs::path in = dir / "in";
  fs::create_directories(in);
  fs::copy_file(Seed("001_b8c21598dec75cc1.txt"), in / "good.txt");
  testing::WriteFile(in / "empty.txt", "");
  std::string png = testing::ReadFile(testing::SourceDir() / "corpus/samples/kh-245-twdtn-degraded.png");
  ASSERT_GT(png.size(), 4000u);
  testing::WriteFile(in / "truncated.png", png.substr(0, png.size() / 3));
  std::mt19937 rng(42);
  std::string junk(20000, '\0');
  for (char& c : junk) c = static_cast<char>(rng());
  testing::WriteFile(in / "random.pdf", junk);
  testing::WriteFile(in / "nopages.pdf",
                     "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                     "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
                     "trailer << /Root 1 0 R >>\n%%EOF\n");
  // Vietnamese UTF-8 with bytes knocked out mid-character: neither UTF-8 nor any other encoding.
  std::string text = testing::ReadFile(TestData("devset/restored/000_a6046faea36eee60.txt"));
  for (size_t i = 7; i < text.size(); i += 23) text[i] = static_cast<char>(0xC3);
  testing::WriteFile(in / "invalid.txt", text);
  testing::WriteFile(in / "unreadable.txt", "Kính gửi: Ủy ban nhân dân các xã");
  fs::permissions(in / "unreadable.txt", fs::perms::none);
  const fs::path missing = in / "does-not-exist.pdf";

  // Run as an unprivileged user when we are root, so the unreadable file really is unreadable.
  fs::path db = dir / "db" / "registry.db";
  fs::create_directories(db.parent_path());
  std::string congvan = Congvan("");
  if (geteuid() == 0) {
    fs::permissions(dir.path(), fs::perms::all, fs::perm_options::add);
    fs::permissions(db.parent_path(), fs::perms::all);
    congvan = testing::CongvanAsNobody(dir / "nobody");
  }
  CommandResult r =
      RunCommand(congvan + "ingest --db " + Quote(db) + " " + Quote(in) + " " + Quote(missing));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(CountLines(r.out, "registered"), 1) << r.out;
  EXPECT_EQ(CountLines(r.err, "failed"), 7) << r.err;
  // Nothing else on stderr: the libraries' own complaints (libpng, libjpeg, poppler) are muted.
  EXPECT_EQ(CountLines(r.err, ""), 7) << r.err;
  for (const char* name : {"empty.txt", "truncated.png", "random.pdf", "nopages.pdf",
                           "invalid.txt", "unreadable.txt", "does-not-exist.pdf"}) {
    // Each failure is one line naming its file.
    size_t at = r.err.find(name);
    ASSERT_NE(at, std::string::npos) << name << "\n" << r.err;
    EXPECT_EQ(r.err.rfind("failed", at), r.err.rfind('\n', at) + 1) << name;
  }
  EXPECT_NE(r.out.find("1 registered, 0 already registered, 7 failed"), std::string::npos) << r.out;

  CommandResult list = RunCommand(Congvan("list --db " + Quote(db)));
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(CountLines(list.out, "#"), 1) << list.out;
  EXPECT_NE(list.out.find("1532/UBND-VP"), std::string::npos) << list.out;
}

TEST(CliTest, SameFileTwiceIsAlreadyRegistered) {
  TempDir dir;
  fs::path db = dir / "r.db";
  fs::path seed = Seed("000_a6046faea36eee60.txt");
  CommandResult first = RunCommand(Congvan("ingest --db " + Quote(db) + " " + Quote(seed)));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(CountLines(first.out, "registered  #1"), 1) << first.out;
  CommandResult again = RunCommand(Congvan("ingest --db " + Quote(db) + " " + Quote(seed)));
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(CountLines(again.out, "already     #1"), 1) << again.out;

  CommandResult show = RunCommand(Congvan("show --json --db " + Quote(db) + " 1"));
  ASSERT_EQ(show.exit_code, 0) << show.err;
  auto j = nlohmann::json::parse(show.out);
  EXPECT_EQ(j["source"], "text");
  EXPECT_EQ(j["fields"]["doc_ref"], "1307-CV/HU");
  CommandResult none = RunCommand(Congvan("show --db " + Quote(db) + " 99"));
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("no document #99"), std::string::npos) << none.err;
}

// extract --json has every key of devset/SCHEMA.md, in its order.
TEST(CliTest, ExtractJsonFollowsTheSchemaKeyForKey) {
  CommandResult r = RunCommand(Congvan("extract --json " +
                                       Quote(TestData("devset/restored/001_b8c21598dec75cc1.txt"))));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::ordered_json::parse(r.out);
  auto gold = nlohmann::ordered_json::parse(
      testing::ReadFile(TestData("devset/fields/001_b8c21598dec75cc1.json")));
  std::vector<std::string> keys, gold_keys;
  for (auto& [k, v] : j.items()) keys.push_back(k);
  for (auto& [k, v] : gold.items()) gold_keys.push_back(k);
  // SCHEMA.md's keys in its order, then how sure the reading is.
  gold_keys.push_back("confidence");
  gold_keys.push_back("review");
  EXPECT_EQ(keys, gold_keys);
  EXPECT_GE(j["confidence"]["doc_ref"].get<double>(), 0.9);
  EXPECT_EQ(j["review"]["needed"], false) << j["review"].dump();
  EXPECT_TRUE(j["tasks"][0]["confidence"].is_number());
  EXPECT_EQ(j["doc_ref"], gold["doc_ref"]);
  EXPECT_EQ(j["date"], gold["date"]);
  EXPECT_EQ(j["file"], "001_b8c21598dec75cc1.txt");
}

// A page rendered from a real letter goes through Tesseract and comes back as Vietnamese text.
TEST(CliTest, OcrReadsARenderedLetter) {
  TempDir dir;
  const std::string letter =
      "ỦY BAN NHÂN DÂN\nHUYỆN TỨ KỲ\nSố: 1532/UBND-VP\n"
      "V/v nghiêm túc thực hiện các chỉ số cải cách hành chính\n"
      "Kính gửi: Thủ trưởng các cơ quan, đơn vị trên địa bàn huyện.\n";
  fs::path tif = testing::RenderPage(letter, dir / "page");
  ASSERT_FALSE(tif.empty());
  CommandResult r = RunCommand(Congvan("ocr " + Quote(tif)));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GT(testing::SyllableAccuracy(letter, r.out), 0.95) << r.out;
  EXPECT_NE(r.out.find("Kính gửi"), std::string::npos) << r.out;
}

TEST(CliTest, RepairReadsStandardInputAndRefusesBinary) {
  TempDir dir;
  // U+01A3 (a PDF font's stand-in for ư) and U+00D0 (Ð for Đ) come back as Vietnamese letters.
  testing::WriteFile(dir / "in.txt", "ngƣời dân, QÐ-UBND\n");
  CommandResult r = RunCommand(Congvan("repair < " + Quote(dir / "in.txt")));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "người dân, QĐ-UBND\n");
  std::string junk = "\x89PNG\r\n\x1a\n";
  junk += std::string(100, '\0');
  testing::WriteFile(dir / "junk.bin", junk);
  CommandResult bad = RunCommand(Congvan("repair " + Quote(dir / "junk.bin")));
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(CountLines(bad.err, "congvan: "), 1) << bad.err;
}

}  // namespace
}  // namespace congvan

namespace congvan {
namespace {

// The limits are options; a file over them is refused with a message naming the limit.
TEST(CliTest, LimitsAreConfigurableAndNamedInTheRefusal) {
  TempDir dir;
  const fs::path pdf = testing::SourceDir() / "corpus/samples/nd-249-2025-text-layer.pdf";
  CommandResult pages = RunCommand(Congvan("ingest --max-pages 1 --db " + Quote(dir / "r.db") +
                                           " " + Quote(pdf)));
  EXPECT_EQ(pages.exit_code, 1);
  EXPECT_NE(pages.err.find("max_pages"), std::string::npos) << pages.err;
  CommandResult size = RunCommand(Congvan("ingest --max-mb 0 --db " + Quote(dir / "r.db") + " " +
                                          Quote(pdf)));
  EXPECT_EQ(size.exit_code, 0) << "0 means no limit: " << size.err;
  CommandResult ok = RunCommand(Congvan("ingest --max-pages 2 --db " + Quote(dir / "r.db") + " " +
                                        Quote(pdf)));
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(CountLines(ok.out, "already"), 1) << ok.out;
}

// Hostile PDFs fail with exit status 1 and one line on stderr, never hang, never register an
// empty letter.
TEST(CliTest, HostilePdfsFailWithOneLine) {
  TempDir dir;
  const std::vector<std::pair<std::string, std::string>> files = {
      {"bomb.pdf", testing::ImageBombPdf()},
      {"huge.pdf", testing::HugeMediaBoxPdf()},
      {"hidden.pdf", testing::HiddenImageBombPdf()},
  };
  for (const auto& [name, bytes] : files) {
    testing::WriteFile(dir / name, bytes);
    CommandResult r = RunCommand(Congvan("--page-seconds 2 extract " + Quote(dir / name)));
    EXPECT_EQ(r.exit_code, 1) << name << ": " << r.out;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << name << ": " << r.err;
    EXPECT_EQ(r.err.rfind("congvan: ", 0), 0u) << name << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << name << ": " << r.out;
  }
  CommandResult ingest = RunCommand(Congvan("--page-seconds 2 ingest --db " + Quote(dir / "r.db") +
                                            " " + Quote(dir.path())));
  EXPECT_EQ(ingest.exit_code, 1);
  EXPECT_NE(ingest.out.find("0 registered"), std::string::npos) << ingest.out;
}

// A symbolic link in an ingested folder that leads out of it is skipped with a remark; one that
// stays inside is read.
TEST(CliTest, IngestDoesNotFollowLinksOutOfTheFolder) {
  TempDir dir;
  const fs::path in = dir / "in", outside = dir / "outside.txt";
  fs::create_directories(in / "sub");
  fs::copy_file(Seed("001_b8c21598dec75cc1.txt"), outside);
  fs::create_symlink(outside, in / "x.txt");
  fs::copy_file(Seed("002_aaae76cc2c3d2f2a.txt"), in / "sub" / "inside.txt");
  fs::create_symlink(in / "sub" / "inside.txt", in / "link-inside.txt");
  CommandResult r = RunCommand(Congvan("ingest --db " + Quote(dir / "r.db") + " " + Quote(in)));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("skipped     " + (in / "x.txt").string()), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("1 registered, 1 already registered"), std::string::npos) << r.out;
  CommandResult list = RunCommand(Congvan("list --db " + Quote(dir / "r.db")));
  EXPECT_EQ(list.out.find("x.txt"), std::string::npos) << list.out;
}

// A search query that starts with '-' is read as the query, with or without "--"; a negative
// number of days for a calendar reminder is refused with the range.
TEST(CliTest, LeadingDashQueryAndNegativeAlarm) {
  TempDir dir;
  const std::string db = Quote(dir / "r.db");
  ASSERT_EQ(RunCommand(Congvan("ingest --db " + db + " " + Quote(Seed("001_b8c21598dec75cc1.txt")))).exit_code, 0);
  for (const std::string& form : {"search --db " + db + " -nang", "search --db " + db + " -- -nang",
                                  "search -nang --db " + db}) {
    CommandResult r = RunCommand(Congvan(form));
    EXPECT_EQ(r.exit_code, 0) << form << ": " << r.err;
    EXPECT_NE(r.out.find("Văn bản"), std::string::npos) << form << ": " << r.out;
  }
  CommandResult alarm = RunCommand(Congvan("calendar --db " + db + " -o " + Quote(dir / "c.ics") +
                                           " --alarm -5"));
  EXPECT_EQ(alarm.exit_code, 2);
  EXPECT_NE(alarm.err.find("not in range 0 to 365"), std::string::npos) << alarm.err;
  EXPECT_FALSE(fs::exists(dir / "c.ics"));
}

}  // namespace
}  // namespace congvan
