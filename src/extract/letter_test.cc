#include "extract/letter.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <vector>

#include "support/testing.h"

namespace congvan::extract {
namespace {

std::vector<std::string> Keys(const nlohmann::ordered_json& j) {
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  return keys;
}

TEST(LetterTest, EmptyLetterHasEverySchemaKeyInOrderWithNullsAndLists) {
  Letter letter;
  letter.file = "a.txt";
  auto j = nlohmann::ordered_json::parse(ToJson(letter));
  // The order of SCHEMA.md and of the gold files.
  auto gold = nlohmann::ordered_json::parse(testing::ReadFile(
      testing::TestData("devset/fields/001_b8c21598dec75cc1.json")));
  EXPECT_EQ(Keys(j), Keys(gold));
  EXPECT_EQ(j["file"], "a.txt");
  EXPECT_TRUE(j["doc_ref"].is_null());
  EXPECT_TRUE(j["date"].is_null());
  EXPECT_TRUE(j["signer"].is_null());
  EXPECT_TRUE(j["digital_signature"].is_null());
  EXPECT_TRUE(j["addressees"].is_array() && j["addressees"].empty());
  EXPECT_TRUE(j["tasks"].is_array() && j["tasks"].empty());
  EXPECT_FALSE(j.contains("flags"));
}

TEST(LetterTest, FilledFieldsAndFlags) {
  Letter l;
  l.file = "x.txt";
  l.doc_ref = "1532/UBND-VP";
  l.doc_type = "Công văn";
  l.addressees = {"UBND huyện", "Đảng ủy các xã, thị trấn"};
  l.tasks.push_back({"UBND huyện", "Tiếp tục ...", "2023-06-20", "trước ngày 20/6/2023", std::nullopt, {}});
  l.references.push_back({"67-KH/HU", "2022-01-10", "Kế hoạch"});
  l.signer = Signer{std::nullopt, "Phó Chủ tịch", "KT. Chủ tịch"};
  l.digital_signature = DigitalSignature{"Ủy ban", "2023-06-08T09:10:48+07:00", ""};
  l.flags = {"no date found"};
  auto j = nlohmann::ordered_json::parse(ToJson(l, -1, true));
  EXPECT_EQ(j["doc_ref"], "1532/UBND-VP");
  EXPECT_EQ(j["addressees"][1], "Đảng ủy các xã, thị trấn");
  // With flags a task also lists its co-operating bodies; without, the keys are SCHEMA.md's.
  EXPECT_EQ(Keys(j["tasks"][0]), (std::vector<std::string>{"assignee", "summary", "deadline", "deadline_text",
                                                            "recurrence", "cooperating", "confidence"}));
  auto plain = nlohmann::ordered_json::parse(ToJson(l, -1, false));
  EXPECT_EQ(Keys(plain["tasks"][0]),
            (std::vector<std::string>{"assignee", "summary", "deadline", "deadline_text", "recurrence"}));
  EXPECT_TRUE(j["tasks"][0]["recurrence"].is_null());
  EXPECT_EQ(j["references"][0]["type"], "Kế hoạch");
  EXPECT_TRUE(j["signer"]["name"].is_null());
  EXPECT_EQ(j["digital_signature"]["signed_at"], "2023-06-08T09:10:48+07:00");
  EXPECT_EQ(j["flags"][0], "no date found");
  EXPECT_EQ(ToJson(l, -1).find('\n'), std::string::npos);  // indent -1: one line
}

TEST(LetterTest, InvalidUtf8DoesNotThrow) {
  Letter l;
  l.subject = std::string("abc\xff\xfe");
  EXPECT_NO_THROW(ToJson(l));
}

}  // namespace
}  // namespace congvan::extract
