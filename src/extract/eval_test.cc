// The C++ scorer must agree with ../shared/eval/score_fields.py.
#include "extract/eval.h"

#include <gtest/gtest.h>

#include "support/testing.h"

namespace congvan::extract {
namespace {

TEST(EvalTest, NormLikeTheScript) {
  EXPECT_EQ(NormForScore("  Ủy ban nhân dân; "), "uỷ ban nhân dân");
  EXPECT_EQ(NormForScore("Hòa Bình."), "hoà bình");
  EXPECT_EQ(NormForScore("“Như trên”"), "như trên");
  EXPECT_EQ(NormForScore("a\t\n  b"), "a b");
  EXPECT_TRUE(SimilarForScore("Phòng Nội vụ", "Phòng Nội Vụ"));
  EXPECT_FALSE(SimilarForScore("Phòng Nội vụ", ""));
  EXPECT_TRUE(SimilarForScore("", ""));
  EXPECT_FALSE(SimilarForScore("Phòng Nội vụ", "Phong Noi vu"));  // tone marks count
}

TEST(EvalTest, GoldAgainstItselfScoresOne) {
  Scorer s;
  const std::string gold = testing::ReadFile(testing::TestData("devset/fields/002_aaae76cc2c3d2f2a.json"));
  ASSERT_TRUE(s.Add("002", gold, gold).ok());
  EvalReport r = s.Report();
  EXPECT_DOUBLE_EQ(r.macro_f1, 1.0);
  EXPECT_EQ(r.documents, 1);
}

TEST(EvalTest, MissingPredictionScoresZeroAndTableMatchesTheScript) {
  Scorer s;
  ASSERT_TRUE(s.Add("x", R"({"doc_ref": "1/UBND", "tasks": [{"assignee": "Phòng A", "deadline": "2023-01-02"}],
                             "deadlines": [{"date": "2023-01-02"}, {"date": "2023-01-02"}]})", "").ok());
  EvalReport r = s.Report();
  EXPECT_EQ(r.Table(),
            "field                 P      R     F1  (tp/pred/gold)\n"
            "doc_ref           0.000  0.000  0.000  (0/0/1)\n"
            "deadlines         0.000  0.000  0.000  (0/0/1)\n"
            "tasks             0.000  0.000  0.000  (0/0/1)\n"
            "tasks.deadline    0.000  0.000  0.000  (0/0/1)\n"
            "documents 1 macro-F1 0.000\n");
  EXPECT_FALSE(s.Add("bad", "not json", "{}").ok());
}

TEST(EvalTest, ListsMatchGreedilyOneToOne) {
  Scorer s;
  ASSERT_TRUE(s.Add("x",
                    R"({"references": [{"ref": "67-KH/HU"}, {"ref": "5064/UBND-TTHC"}],
                        "tasks": [{"assignee": "UBND huyện"}, {"assignee": "UBND huyện"}]})",
                    R"({"references": [{"ref": "67 KH/HU"}, {"ref": "1/X"}],
                        "tasks": [{"assignee": "UBND huyện"}]})")
                  .ok());
  EvalReport r = s.Report();
  ASSERT_EQ(r.fields.size(), 2u);
  EXPECT_EQ(r.fields[0].field, "references");
  EXPECT_EQ(r.fields[0].counts.tp, 1);  // "67 KH/HU" matches "67-KH/HU": spaces and dashes ignored
  EXPECT_EQ(r.fields[1].counts.tp, 1);
  EXPECT_EQ(r.fields[1].counts.gold, 2);
  EXPECT_EQ(r.per_doc[0], "x references=1/2 tasks=1/2");
}

// The review split by hand: three values not flagged (one right), two flagged (one right).
TEST(EvalTest, ReviewSplitCountsEveryPredictedValueOnItsSide) {
  const std::string gold = R"({"doc_ref": "12/UBND-VP", "date": "2023-06-08", "issuer": "Sở Y tế",
    "tasks": [{"assignee": "Phòng Nội vụ", "summary": "a", "deadline": null},
              {"assignee": "Phòng Tư pháp", "summary": "b", "deadline": null}]})";
  const std::string pred = R"({"doc_ref": "12/UBND-VP", "date": "2023-06-09", "issuer": "Sở Tài chính",
    "tasks": [{"assignee": "Phòng Nội vụ", "summary": "a", "deadline": null, "confidence": 0.2},
              {"assignee": "Văn phòng HĐND", "summary": "b", "deadline": null, "confidence": 0.95}],
    "confidence": {"doc_ref": 0.9, "date": 0.9, "issuer": 0.3},
    "review": {"needed": true, "reasons": ["Cơ quan ban hành có thể sai"]}})";
  Scorer s;
  ASSERT_TRUE(s.Add("x", gold, pred).ok());
  // A prediction without confidences is all "not flagged"; its review is not needed.
  ASSERT_TRUE(s.Add("y", gold, R"({"doc_ref": "12/UBND-VP"})").ok());
  const EvalReport r = s.Report();
  // Not flagged: doc_ref (right), date (wrong), the second task (wrong), y's doc_ref (right).
  EXPECT_EQ(r.split.unflagged, 4);
  EXPECT_EQ(r.split.unflagged_right, 2);
  // Flagged: issuer (wrong), the first task (right).
  EXPECT_EQ(r.split.flagged, 2);
  EXPECT_EQ(r.split.flagged_right, 1);
  EXPECT_DOUBLE_EQ(r.split.UnflaggedPrecision(), 0.5);
  EXPECT_DOUBLE_EQ(r.split.FlaggedPrecision(), 0.5);
  EXPECT_EQ(r.split.letters_for_review, 1);
  ASSERT_EQ(r.trusted_wrong.size(), 2u);
  EXPECT_EQ(r.trusted_wrong[0], "x date: 2023-06-09 (0.90)");
  EXPECT_EQ(r.trusted_wrong[1], "x tasks: Văn phòng HĐND (0.95)");
  EXPECT_EQ(r.SplitTable(),
            "not flagged      P 0.500  (2/4 right)\n"
            "flagged doubtful P 0.500  (1/2 right)\n"
            "letters for review 1 of 2\n");
}

}  // namespace
}  // namespace congvan::extract
