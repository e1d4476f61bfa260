// The rules are data, and tested as data: every example of every pattern in rules/ must pass,
// and every pattern must carry at least one example.
#include "extract/rules.h"

#include <gtest/gtest.h>


namespace congvan::extract {
namespace {

std::unique_ptr<RuleSet> LoadDefault() {
  auto rules = RuleSet::Load(CONGVAN_DEFAULT_RULES_DIR);
  EXPECT_TRUE(rules.ok()) << rules.status().ToString();
  return rules.ok() ? std::move(*rules) : nullptr;
}

TEST(RulesTest, EveryExampleOfEveryRulePasses) {
  auto rules = LoadDefault();
  ASSERT_NE(rules, nullptr);
  for (const std::string& failure : rules->FailedExamples()) ADD_FAILURE() << failure;
}

TEST(RulesTest, EveryPatternHasAnExample) {
  auto rules = LoadDefault();
  ASSERT_NE(rules, nullptr);
  ASSERT_FALSE(rules->AllPatterns().empty());
  for (const Pattern* p : rules->AllPatterns()) {
    bool positive = false;
    for (const RuleExample& ex : p->examples()) positive = positive || ex.must_match;
    EXPECT_TRUE(positive) << p->where() << " (" << p->family() << ") has no example:";
  }
}

TEST(RulesTest, CompileErrorNamesFileLineAndRe2Message) {
  RuleSet rules;
  Status s = rules.AddFile("bad.rules", "# comment\n[pattern x]\non: folded\nre: (ab\n");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("bad.rules:4:"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("missing )"), std::string::npos) << s.message();
}

TEST(RulesTest, FormatErrorsAreReported) {
  RuleSet rules;
  EXPECT_FALSE(rules.AddFile("a.rules", "[pattern x]\nexample: a => a\n").ok());  // no re:
  EXPECT_FALSE(rules.AddFile("b.rules", "[frob x]\n").ok());
  EXPECT_FALSE(rules.AddFile("c.rules", "re: a\n").ok());
  EXPECT_FALSE(rules.AddFile("d.rules", "[pattern x]\non: sideways\nre: a\n").ok());
  Status s = rules.AddFile("e.rules", "[pattern x]\nre: a\nre: b\n");
  EXPECT_NE(s.message().find("e.rules:3:"), std::string::npos) << s.message();
}

TEST(RulesTest, MissingFolderIsNotFound) {
  auto r = RuleSet::Load("/nonexistent/rules");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNotFound);
}

TEST(RulesTest, FoldedPatternReturnsOriginalSpans) {
  RuleSet rules;
  ASSERT_TRUE(rules.AddFile("t.rules", "[pattern d]\non: folded\nre: (?P<place>tu ky), ngay\n").ok());
  Match m;
  ASSERT_TRUE(rules.Family("d")[0]->Find("Tứ Kỳ, ngày 14", &m));
  EXPECT_EQ(m.Group("place"), "Tứ Kỳ");
  EXPECT_TRUE(m.Has("place"));
  EXPECT_FALSE(m.Has("nothing"));
}

TEST(RulesTest, ExamplesCatchAWrongRule) {
  RuleSet rules;
  ASSERT_TRUE(rules.AddFile("t.rules",
                            "[pattern n]\nre: (?P<n>\\d+)\nexample: Số 12 => n=13\n"
                            "nomatch: 7\n").ok());
  EXPECT_EQ(rules.FailedExamples().size(), 2u);
}

TEST(RulesTest, ListsAndFoldedLookup) {
  RuleSet rules;
  ASSERT_TRUE(rules.AddFile("w.rules", "[list t]\nKH = Kế hoạch\nLuật\n").ok());
  ASSERT_NE(rules.Lookup("t", "KH"), nullptr);
  EXPECT_EQ(*rules.Lookup("t", "KH"), "Kế hoạch");
  EXPECT_EQ(*rules.Lookup("t", "Luật"), "Luật");
  EXPECT_EQ(*rules.LookupFolded("t", "luat"), "Luật");
  EXPECT_EQ(rules.Lookup("t", "XX"), nullptr);
  EXPECT_EQ(rules.List("none").size(), 0u);
}

}  // namespace
}  // namespace congvan::extract
