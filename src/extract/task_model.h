// How likely an extracted task is right, learned from the annotated letters: a logistic model
// over what a task and its letter show (how its assignee is written, how long it and the duty
// are, whether the letter has a header and addressees, how many bodies share the duty, the rule
// confidence). The rules decide what a task is; the model only says how far to trust it, so
// that a task that looks like the ones the rules get wrong is marked for the clerk to check.
//
// tools/train_task_model.cc trains it at build time from tests/data/extract (the annotated
// sets named in CMakeLists.txt; the newest sets are left out of training to measure it) and
// writes models/tasks.model; the pipeline loads it beside repair.bin.
#ifndef CONGVAN_EXTRACT_TASK_MODEL_H_
#define CONGVAN_EXTRACT_TASK_MODEL_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "extract/letter.h"

namespace congvan::extract {

// The features of task `t` of `letter`, each in [0, 1]; `rule_confidence` is the confidence the
// rules gave it. The order is the model's; TaskFeatureNames() names them.
std::vector<double> TaskFeatures(const Task& t, const Letter& letter, double rule_confidence);
const std::vector<std::string>& TaskFeatureNames();

// One training example: a task's features and whether the task matched the gold.
struct TaskSample {
  std::vector<double> features;
  bool right = false;
};

class TaskModel {
 public:
  // Fits the weights to `samples` by gradient descent on the L2-regularised log loss, then the
  // trust level; the result is the same for the same samples.
  static TaskModel Train(const std::vector<TaskSample>& samples);

  // Reads the text Serialize() writes; fails on another feature list or a malformed file.
  static Result<TaskModel> Parse(std::string_view text);
  static Result<TaskModel> Load(const std::string& path);
  std::string Serialize() const;

  // The probability (0–1) that a task with these features is right.
  double Probability(const std::vector<double>& features) const;

  // The probability as a confidence on the scale of confidence.h: below kDoubtfulBelow exactly
  // when the probability is below the level Train() chose, the lowest at which the training
  // tasks left unflagged were right kTrustedPrecision of the time.
  double Confidence(const std::vector<double>& features) const;

 private:
  static double TrustLevel(const TaskModel& m, const std::vector<TaskSample>& samples);

  std::vector<double> weights_;  // one per feature
  double bias_ = 0;
  double trust_at_ = 0.5;        // the probability that maps to kDoubtfulBelow
};

// The share of unflagged training tasks that must be right where Train() sets the trust level.
inline constexpr double kTrustedPrecision = 0.93;

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_TASK_MODEL_H_
