#include "repair/normalize.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "support/testing.h"
#include "text/syllable.h"

namespace congvan::repair {
namespace {

using ::congvan::testing::ReadFile;
using ::congvan::testing::SourceDir;

std::string CorpusPath(const std::string& name) {
  return (SourceDir() / "corpus" / "text" / name).string();
}

// The first `max_lines` lines of a corpus file.
std::vector<std::string> CorpusLines(const std::string& name, size_t max_lines) {
  std::ifstream in(CorpusPath(name));
  std::vector<std::string> lines;
  std::string line;
  while (lines.size() < max_lines && std::getline(in, line)) lines.push_back(line);
  return lines;
}

class NormalizeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Normalizer> created = Normalizer::Create();
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    normalizer_ = std::make_unique<Normalizer>(std::move(created).value());
  }
  std::string N(const std::string& text) const { return normalizer_->Normalize(text); }

  std::unique_ptr<Normalizer> normalizer_;
};

// Characters Normalize() is meant to change; a line without any of them must come back as is.
bool HasSuspectCharacter(const std::string& line) {
  static const char* const kSuspects[] = {
      "\u00AD", "\u200B", "\u200C", "\u200D", "\uFEFF", "\u01A2", "\u01A3", "\u00D0", "\u00F0",
      "\uFB00", "\uFB01", "\uFB02", "\uFB03", "\uFB04"};
  for (const char* s : kSuspects) {
    if (line.find(s) != std::string::npos) return true;
  }
  // Any Cyrillic letter (U+0400–U+04FF are encoded as lead bytes D0–D3).
  for (unsigned char c : line) {
    if (c >= 0xD0 && c <= 0xD3) return true;
  }
  return false;
}

TEST_F(NormalizeTest, CyrillicInsideLatinWordsFromTheCorpus) {
  // vbpl_trunguong_2025_2026.txt, real lines: "TT-BTС" and "NDТС" carry Cyrillic С / Т.
  EXPECT_EQ(N("Số 06/2026/TT-BT\u0421"), "Số 06/2026/TT-BTC");
  EXPECT_EQ(N("Số: 157/2025/TT-BT\u0421"), "Số: 157/2025/TT-BTC");
  EXPECT_EQ(N("- Viện KSNDTC; Tòa án ND\u0422\u0421;"), "- Viện KSNDTC; Tòa án NDTC;");
  // Lower-case look-alikes inside a Vietnamese word, with a tone mark on the Cyrillic letter.
  EXPECT_EQ(N("Thông tư h\u0443\u0301 d\u0430\u0309n"), "Thông tư hý dản");
  EXPECT_EQ(N("\u0421\u041E\u041D\u0413 HÒA"), "\u0421\u041E\u041D\u0413 HÒA");  // ГОНГ: wholly Cyrillic
}

TEST_F(NormalizeTest, EveryCyrillicTbtcLineInTheCorpusIsFixed) {
  std::ifstream in(CorpusPath("vbpl_trunguong_2025_2026.txt"));
  ASSERT_TRUE(in) << "corpus missing";
  std::string line;
  int fixed = 0;
  while (std::getline(in, line)) {
    if (line.find("TT-BT\u0421") == std::string::npos) continue;
    std::string out = N(line);
    EXPECT_NE(out.find("TT-BTC"), std::string::npos) << line;
    EXPECT_EQ(out.find("\u0421"), std::string::npos) << line;
    ++fixed;
  }
  EXPECT_GE(fixed, 3);
}

TEST_F(NormalizeTest, WhollyCyrillicWordsAreLeftAlone) {
  EXPECT_EQ(N("Москва"), "Москва");
  EXPECT_EQ(N("Hợp tác với Сбербанк và ВТБ"), "Hợp tác với Сбербанк và ВТБ");
  // A real vbpl line whose list letter is a lone Cyrillic "а": a whole Cyrillic word, so kept.
  const std::string line = "điểm \u0430, điểm c và điểm d khoản này;";
  EXPECT_EQ(N(line), line);
}

TEST_F(NormalizeTest, EthUsedForDStroke) {
  // binhduong CSV, real row: "QÐ" with U+00D0.
  EXPECT_EQ(N("416,2403/Q\u00D0-UBND,25/10/2021,\" về việc chuyển mục đích sử dụng đất"),
            "416,2403/QĐ-UBND,25/10/2021,\" về việc chuyển mục đích sử dụng đất");
  // twdoan_admin_docs.txt, real line: "Ðộc Lập".
  EXPECT_EQ(N("niên “Thắp sáng đường quê” tại xã \u00D0ộc Lập, huyện Hưng Hà"),
            "niên “Thắp sáng đường quê” tại xã Độc Lập, huyện Hưng Hà");
  EXPECT_EQ(N("gia đình (DSKHHG\u00D0) hoạt động"), "gia đình (DSKHHGĐ) hoạt động");
  EXPECT_EQ(N("\u00F0ồng chí"), "đồng chí");
  EXPECT_EQ(N("Ð"), "Ð");  // alone it is not inside a Latin word
}

TEST_F(NormalizeTest, PdfFontSubstituteForUHorn) {
  EXPECT_EQ(N("ng\u01A3ời đứng đầu c\u01A1 quan"), "người đứng đầu cơ quan");
  EXPECT_EQ(N("TR\u01A2\u1EDCNG"), "TRƯỜNG");
  // "ƣ" followed by a combining grave: composes to ừ once mapped.
  EXPECT_EQ(N("nh\u01A3\u0300ng"), "nhừng");
}

TEST_F(NormalizeTest, LigaturesAreSpelledOut) {
  EXPECT_EQ(N("\uFB01le \uFB02ow o\uFB00er o\uFB03ce ra\uFB04e"), "file flow offer office raffle");
}

TEST_F(NormalizeTest, InvisibleCharactersFromTheCorpusAreRemoved) {
  // Real vbpl lines: soft hyphens inside "Lưu", "Trường", "người"; zero-width spaces.
  EXPECT_EQ(N("- L\u00AD\u00AD\u00ADưu: VT, V03,"), "- Lưu: VT, V03,");
  EXPECT_EQ(N("6. Trư\u00ADờng hợp ngư\u00ADời bị kết án"), "6. Trường hợp người bị kết án");
  EXPECT_EQ(N("Điều 15. Điều khoản thi h\u200Bành"), "Điều 15. Điều khoản thi hành");
  EXPECT_EQ(N("xem, in \u200B\u200Bvà sử dụng"), "xem, in và sử dụng");
  EXPECT_EQ(N("\uFEFFCỘNG HÒA"), "CỘNG HÒA");
  EXPECT_EQ(N("a\u200Cb\u200Dc"), "abc");
}

TEST_F(NormalizeTest, LineBreaksAndOtherCharactersKept) {
  const std::string text = "Kính gửi:\r\n- UBND huyện,\n\n\t“Đảng ủy” — 5% ≥ 3 ½ 北京 😀\n";
  EXPECT_EQ(N(text), text);
  EXPECT_EQ(N("Số 1307-CV/HU\nNgày 13"), "Số 1307-CV/HU\nNgày 13");
}

TEST_F(NormalizeTest, DecomposedAndMisorderedMarksAreComposed) {
  EXPECT_EQ(N("Vie\u0302\u0323t Nam"), "Việt Nam");            // plain NFD
  EXPECT_EQ(N("nhie\u0300\u0302u"), "nhiều");                  // tone before circumflex
  EXPECT_EQ(N("Tie\u0301\u0302n"), "Tiến");
  EXPECT_EQ(N("\u00E9\u0302"), "ế");                           // precomposed é + circumflex
  EXPECT_EQ(N("ngu\u031Bo\u0300\u031Bi"), "người");              // horn after grave
  EXPECT_EQ(N("ca\u0301\u0306c"), "cắc");
  EXPECT_EQ(N("ho\u0340a"), "hòa");                            // deprecated U+0340 grave
}

TEST_F(NormalizeTest, PageTextKeepsGeometry) {
  PageText page = PageTextFromPlain(2, "ocr", "S\u1ED1 06/2026/TT-BT\u0421\nL\u00ADưu");
  page.lines[0].box = Box{10, 20, 300, 40};
  page.lines[0].block = 1;
  page.lines[0].words = {Word{"TT-BT\u0421", Box{100, 20, 80, 40}, 71.5f}};
  PageText out = normalizer_->Normalize(page);
  ASSERT_EQ(out.lines.size(), 2u);
  EXPECT_EQ(out.index, 2);
  EXPECT_EQ(out.source, "ocr");
  EXPECT_EQ(out.lines[0].text, "Số 06/2026/TT-BTC");
  EXPECT_EQ(out.lines[0].box.w, 300);
  EXPECT_EQ(out.lines[0].block, 1);
  ASSERT_EQ(out.lines[0].words.size(), 1u);
  EXPECT_EQ(out.lines[0].words[0].text, "TT-BTC");
  EXPECT_EQ(out.lines[0].words[0].box.x, 100);
  EXPECT_FLOAT_EQ(out.lines[0].words[0].confidence, 71.5f);
  EXPECT_EQ(out.lines[1].text, "Lưu");
}

// Real documents, already correct NFC: every line without a suspect character must come back
// byte for byte, and every line with one must have it dealt with.
void ExpectCleanTextUnchanged(const Normalizer& normalizer, const std::vector<std::string>& lines,
                              size_t min_lines) {
  ASSERT_GE(lines.size(), min_lines);
  size_t untouched = 0, suspect = 0;
  std::string whole, whole_expected;
  for (const std::string& line : lines) {
    std::string out = normalizer.Normalize(line);
    if (!HasSuspectCharacter(line)) {
      EXPECT_EQ(out, line);
      ++untouched;
    } else {
      ++suspect;
      EXPECT_EQ(out.find("\u00AD"), std::string::npos) << line;
      EXPECT_EQ(out.find("\u200B"), std::string::npos) << line;
    }
    whole += line + "\n";
    whole_expected += out + "\n";
  }
  // Normalising the document at once gives what normalising it line by line gave.
  EXPECT_EQ(normalizer.Normalize(whole), whole_expected);
  std::printf("%zu lines untouched, %zu with suspect characters\n", untouched, suspect);
}

TEST_F(NormalizeTest, LargeRealDocumentsComeBackByteIdentical) {
  ExpectCleanTextUnchanged(*normalizer_, CorpusLines("vbpl_trunguong_2025_2026.txt", 40000),
                           40000);
  ExpectCleanTextUnchanged(*normalizer_, CorpusLines("twdoan_admin_docs.txt", 1000000), 5000);
}

TEST_F(NormalizeTest, RestoredLettersAreUnchanged) {
  for (const auto& entry :
       std::filesystem::directory_iterator(::congvan::testing::TestData("devset/restored"))) {
    std::string text = ReadFile(entry.path());
    EXPECT_EQ(N(text), text) << entry.path();
  }
}

TEST(CanonicalToneFormTest, MovesNewStyleTonesOntoTheFirstVowel) {
  const std::pair<const char*, const char*> kPairs[] = {
      {"hoà", "hòa"},     {"hoá", "hóa"},       {"uỷ", "ủy"},         {"thuý", "thúy"},
      {"khoẻ", "khỏe"},   {"HOÀ", "HÒA"},       {"Hoà", "Hòa"},       {"tuỳ", "tùy"},
      {"Uỷ ban", "Ủy ban"}, {"loà", "lòa"},     {"thuỷ", "thủy"},     {"luỹ", "lũy"},
      {"hoạ", "họa"},     {"xoè", "xòe"},       {"hoa\u0300", "hòa"},  // NFD in, NFC out
      {"CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
      {"Đảng uỷ Khối Doanh nghiệp", "Đảng ủy Khối Doanh nghiệp"},
      {"sức khoẻ sơ tuyển", "sức khỏe sơ tuyển"},
      {"tạo ra hoá chất", "tạo ra hóa chất"}};
  for (const auto& [in, want] : kPairs) EXPECT_EQ(CanonicalToneForm(in), want) << in;
}

TEST(CanonicalToneFormTest, LeavesOtherWordsAlone) {
  for (const char* s : {"hoàn", "quý", "Quý", "quỳ", "giúp", "hòa", "ủy", "thúy", "người",
                        "toán", "khoảng", "hoài", "khuya", "oà", "Zoé", "Joè", "hoa", "uy",
                        "số 12/2025/NĐ-CP", ""}) {
    std::string want = std::string(s) == "oà" ? "òa" : s;
    EXPECT_EQ(CanonicalToneForm(s), want) << s;
  }
}

TEST(CanonicalToneFormTest, BothSpellingsCompareEqual) {
  EXPECT_EQ(CanonicalToneForm("Ủy ban nhân dân tỉnh Khánh Hoà"),
            CanonicalToneForm("Uỷ ban nhân dân tỉnh Khánh Hòa"));
  EXPECT_NE(CanonicalToneForm("hoà"), CanonicalToneForm("hoàn"));
}

}  // namespace
}  // namespace congvan::repair
