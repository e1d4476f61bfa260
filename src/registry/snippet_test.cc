// Snippets written from stored text (snippet.h), on the real gold letters of tests/data/devset.
#include "registry/snippet.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "registry/gold_letters_for_test.h"
#include "text/tokens.h"

namespace congvan::registry {
namespace {

using testdata::GoldRecords;

// The terms of `words` as the search builds them: each space-separated part a term, a part in
// quotes-free form with '_' joining the words of a phrase ("cai_cach" → one two-token term).
std::vector<SnippetTerm> Terms(const text::Folder& folder, const std::vector<std::string>& parts,
                               bool prefix = false) {
  std::vector<SnippetTerm> terms;
  for (const std::string& part : parts) {
    SnippetTerm term{{}, prefix};
    for (const text::FoldedToken& t : folder.Tokenize(part)) term.folded.push_back(t.folded);
    terms.push_back(std::move(term));
  }
  return terms;
}

std::string SnippetOf(const std::string& text, const std::vector<SnippetTerm>& terms,
                      int max_tokens = 16) {
  const text::Folder folder;
  const std::string_view fields[] = {text};
  return MakeSnippet(folder, fields, terms, max_tokens);
}

TEST(SnippetTest, UnaccentedWordsHighlightTheAccentedOriginal) {
  const text::Folder folder;
  const std::string text = GoldRecords()[0].text;
  const std::string s = SnippetOf(text, Terms(folder, {"nang", "cao", "chi", "so"}));
  EXPECT_NE(s.find("«nâng»"), std::string::npos) << s;
  EXPECT_NE(s.find("«cao»"), std::string::npos) << s;
  EXPECT_EQ(s.find("«nang»"), std::string::npos) << s;
  EXPECT_EQ(s.find('\0'), std::string::npos);
  // Cut out of the letter's middle: ellipses on both sides.
  EXPECT_EQ(s.rfind("…", 0), 0u) << s;
  EXPECT_EQ(s.size() - s.rfind("…"), std::string("…").size()) << s;
}

TEST(SnippetTest, PhraseIsOneHighlightAndOrderMatters) {
  const text::Folder folder;
  const std::string text = GoldRecords()[0].text;
  const std::string s = SnippetOf(text, Terms(folder, {"cai cach hanh chinh"}));
  EXPECT_NE(s.find("«cải cách hành chính»"), std::string::npos) << s;
  EXPECT_EQ(SnippetOf(text, Terms(folder, {"chinh hanh cach cai"})), "");
}

TEST(SnippetTest, WindowWithMoreDifferentWordsWins) {
  const text::Folder folder;
  const std::string text =
      "Đẩy mạnh tuyên truyền. Một đoạn văn dài không có từ nào cần tìm ở đây cả, chỉ để "
      "tách hai chỗ ra xa nhau cho đủ mười sáu từ. Nâng cao chỉ số hài lòng và đẩy mạnh.";
  const std::string s = SnippetOf(text, Terms(folder, {"day manh", "chi so"}));
  EXPECT_NE(s.find("«chỉ số»"), std::string::npos) << s;
  EXPECT_NE(s.find("«đẩy mạnh»"), std::string::npos) << s;
  EXPECT_EQ(s.find("«Đẩy mạnh»"), std::string::npos) << s;
}

TEST(SnippetTest, PrefixAndDStroke) {
  const text::Folder folder;
  const std::string s =
      SnippetOf("Phòng Nội vụ tham mưu; Đảng ủy các xã thực hiện.", Terms(folder, {"dan"}, true));
  EXPECT_EQ(s, "Phòng Nội vụ tham mưu; «Đảng» ủy các xã thực hiện.");
}

TEST(SnippetTest, BestFieldIsChosenAndShortFieldsAreWhole) {
  const text::Folder folder;
  const std::vector<SnippetTerm> terms = Terms(folder, {"noi vu"});
  const std::string_view fields[] = {"Phòng Tư pháp", "Phối hợp với Phòng Nội vụ", ""};
  EXPECT_EQ(MakeSnippet(folder, fields, terms, 16), "Phối hợp với Phòng «Nội vụ»");
  const std::string_view none[] = {"Phòng Tư pháp"};
  EXPECT_EQ(MakeSnippet(folder, none, terms, 16), "");
}

TEST(SnippetTest, HostileTextStaysBounded) {
  const text::Folder folder;
  std::string text;
  for (int i = 0; i < 200000; ++i) text += "đ ";
  const std::string s = SnippetOf(text, Terms(folder, {"d"}));
  EXPECT_EQ(s.rfind("«đ» «đ»", 0), 0u) << s.substr(0, 100);
  EXPECT_LT(s.size(), 200u);
  // A phrase longer than the window still shows whole.
  const std::string long_phrase = "một hai ba bốn năm sáu bảy tám chín mười";
  EXPECT_EQ(SnippetOf(long_phrase, Terms(folder, {long_phrase}), 4), "«" + long_phrase + "»");
}

}  // namespace
}  // namespace congvan::registry
