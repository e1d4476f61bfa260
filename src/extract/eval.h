// Scoring extracted fields against gold files, exactly as ../shared/eval/score_fields.py does:
// per-field precision, recall and F1 over all documents, and their macro mean.
//
// Strings are compared after NFC, case folding, the old/new tone placement ("hòa"/"hoà",
// "ủy"/"uỷ") and trimming of spaces and punctuation; free-text fields match when their
// Levenshtein similarity is at least 0.85 (task assignees: 0.8). Lists are matched greedily one
// to one, in gold order.
#ifndef CONGVAN_EXTRACT_EVAL_H_
#define CONGVAN_EXTRACT_EVAL_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "base/status.h"

namespace congvan::extract {

// Counts for one field: true positives, predicted items, gold items.
struct FieldCounts {
  int tp = 0, pred = 0, gold = 0;
};

// Precision at the review split: every predicted value (a scalar field, a list item, a task) is
// either doubtful (its confidence is below kDoubtfulBelow, confidence.h) or not, and right
// (it matches the gold) or not. A prediction without confidences counts as not doubtful.
struct ReviewSplit {
  int unflagged = 0, unflagged_right = 0;
  int flagged = 0, flagged_right = 0;
  int letters_for_review = 0;  // predictions whose review.needed is true

  double UnflaggedPrecision() const { return unflagged ? double(unflagged_right) / unflagged : 1.0; }
  double FlaggedPrecision() const { return flagged ? double(flagged_right) / flagged : 1.0; }
};

// One row of the table.
struct FieldScore {
  std::string field;
  FieldCounts counts;
  double precision = 0, recall = 0, f1 = 0;
};

// The result over all documents scored.
struct EvalReport {
  std::vector<FieldScore> fields;  // fields with no gold and no prediction are left out
  double macro_f1 = 0;
  int documents = 0;
  std::vector<std::string> per_doc;  // "NAME field=tp/gold …" rows, as --per-doc prints them
  ReviewSplit split;
  // "NAME field: value (confidence)" for every wrong value that was not flagged, the misses
  // a clerk would trust; --per-doc prints them.
  std::vector<std::string> trusted_wrong;

  // The table as score_fields.py prints it (header, one row per field, "documents N macro-F1 X").
  std::string Table() const;
  // Two lines: precision of the values not flagged as doubtful and of those flagged, with
  // counts, and how many letters were marked for review.
  std::string SplitTable() const;
};

// Accumulates documents; not thread-safe (one scorer per evaluation).
class Scorer {
 public:
  // Scores one document. `gold_json` must be a JSON object; a prediction that is empty or does
  // not parse as an object scores as {} (a missing prediction scores zero, like the script).
  Status Add(const std::string& name, std::string_view gold_json, std::string_view pred_json);
  EvalReport Report() const;

 private:
  void AddSplit(const std::string& name, const nlohmann::json& gold, const nlohmann::json& pred);

  std::map<std::string, FieldCounts> totals_;
  std::vector<std::string> per_doc_;
  ReviewSplit split_;
  std::vector<std::string> trusted_wrong_;
  int documents_ = 0;
};

// The least Levenshtein similarity at which two free-text values (issuer, subject, names, list
// items) count as the same, and the lower one for task assignees. Both are
// ../shared/eval/score_fields.py's values (similar()'s default and its assignee matching), so the
// C++ scorer and the script give the same figures.
inline constexpr double kSimilarFreeText = 0.85;
inline constexpr double kSimilarAssignee = 0.8;

// The script's norm() and similar(), exposed for tests.
std::string NormForScore(std::string_view s);
bool SimilarForScore(std::string_view a, std::string_view b, double threshold = kSimilarFreeText);

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_EVAL_H_
