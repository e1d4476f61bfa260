#include "extract/task_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "extract/confidence.h"
#include "extract/text.h"
#include "text/fold.h"

namespace congvan::extract {
namespace {

using text::FoldText;

// Bounded so that every feature lies in [0, 1]: a count c gives c / (c + kScale).
double Saturate(double count, double scale) { return count / (count + scale); }

std::vector<std::string> FoldedWords(std::string_view text) {
  std::vector<std::string> out;
  for (std::string_view w : Words(text)) out.push_back(FoldText(w));
  return out;
}

bool StartsWithAny(const std::string& folded, std::initializer_list<std::string_view> heads) {
  return std::any_of(heads.begin(), heads.end(), [&](std::string_view h) { return folded.starts_with(h); });
}

// The share of the assignee's words after the first that are written in lower case: "Ủy ban
// nhân dân huyện" is 0.33, "Các đơn vị trực thuộc" 0.67, "Trung tâm Giáo dục thường xuyên" 0.5.
double LowerShare(std::string_view assignee) {
  const std::vector<std::string_view> words = Words(assignee);
  if (words.size() < 2) return 0;
  size_t lower = 0;
  for (size_t i = 1; i < words.size(); ++i) lower += !StartsUpper(words[i]);
  return double(lower) / double(words.size() - 1);
}

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Whether the assignee is one of the letter's addressees, or begins like one.
bool Addressed(const std::string& folded_assignee, const Letter& letter) {
  for (const std::string& a : letter.addressees) {
    const std::string folded = CollapseSpaces(FoldText(a));
    if (!folded.empty() && (folded == folded_assignee || folded_assignee.starts_with(folded) ||
                            folded.starts_with(folded_assignee))) {
      return true;
    }
  }
  return false;
}

constexpr int kIterations = 3000;
constexpr double kTrustStep = 0.01;
constexpr double kLearningRate = 0.5;
constexpr double kL2 = 0.001;
constexpr const char* kHeader = "congvan task model 1";

}  // namespace

// The lowest probability, in steps of kTrustStep, at which the samples the rules do not already
// flag and the model scores at least that high are right kTrustedPrecision of the time.
double TaskModel::TrustLevel(const TaskModel& m, const std::vector<TaskSample>& samples) {
  for (double level = kDoubtfulBelow; level < 1.0; level += kTrustStep) {
    int kept = 0, right = 0;
    for (const TaskSample& s : samples) {
      if (IsDoubtful(s.features[0]) || m.Probability(s.features) < level) continue;
      ++kept;
      right += s.right;
    }
    if (kept == 0 || double(right) / kept >= kTrustedPrecision) return level;
  }
  return 1.0;
}

const std::vector<std::string>& TaskFeatureNames() {
  static const std::vector<std::string> kNames = {
      "rule_confidence", "assignee_words",   "assignee_lower_share", "assignee_starts_cac",
      "assignee_digit",  "assignee_title",   "assignee_organ",       "assignee_addressed",
      "assignee_issuer", "summary_words",    "summary_generic",      "has_deadline",
      "has_recurrence",  "letter_has_number", "letter_has_addressees", "letter_tasks",
      "shared_duty",     "decision",         "execution_clause"};
  return kNames;
}

std::vector<double> TaskFeatures(const Task& t, const Letter& letter, double rule_confidence) {
  const std::string assignee = CollapseSpaces(FoldText(t.assignee));
  const std::string summary = CollapseSpaces(FoldText(t.summary));
  const std::vector<std::string> summary_words = FoldedWords(t.summary);
  const double assignee_words = double(Words(t.assignee).size());
  const bool title = StartsWithAny(assignee, {"chu tich", "pho chu tich", "giam doc", "thu truong", "truong ",
                                              "hieu truong", "bi thu", "nguoi dung dau", "lanh dao", "chanh "});
  const bool organ = StartsWithAny(assignee, {"uy ban", "ubnd", "so ", "phong ", "ban ", "bo ", "cong an",
                                              "trung tam", "van phong", "cuc ", "chi cuc", "hoi ", "doan ",
                                              "tinh doan", "huyen doan", "dang uy", "huyen uy", "tinh uy"});
  const bool generic = !summary_words.empty() &&
                       StartsWithAny(summary, {"thuc hien", "trien khai thuc hien", "to chuc thuc hien"}) &&
                       summary_words.size() <= 8;
  size_t sharing = 0;
  for (const Task& other : letter.tasks) sharing += other.summary == t.summary;
  const std::string issuer = letter.issuer ? CollapseSpaces(FoldText(*letter.issuer)) : std::string();
  const std::string type = letter.doc_type ? FoldText(*letter.doc_type) : std::string();
  return {
      std::clamp(rule_confidence, 0.0, 1.0),
      Saturate(assignee_words, 6),
      LowerShare(t.assignee),
      assignee.starts_with("cac ") ? 1.0 : 0.0,
      HasDigit(t.assignee) ? 1.0 : 0.0,
      title ? 1.0 : 0.0,
      organ ? 1.0 : 0.0,
      Addressed(assignee, letter) ? 1.0 : 0.0,
      !issuer.empty() && (issuer == assignee || assignee.starts_with(issuer)) ? 1.0 : 0.0,
      Saturate(double(summary_words.size()), 15),
      generic ? 1.0 : 0.0,
      t.deadline ? 1.0 : 0.0,
      t.recurrence ? 1.0 : 0.0,
      letter.doc_ref ? 1.0 : 0.0,
      letter.addressees.empty() ? 0.0 : 1.0,
      Saturate(double(letter.tasks.size()), 8),
      Saturate(double(sharing), 3),
      type.starts_with("quyet dinh") ? 1.0 : 0.0,
      summary.find("thi hanh") != std::string::npos ? 1.0 : 0.0,
  };
}

TaskModel TaskModel::Train(const std::vector<TaskSample>& samples) {
  TaskModel m;
  const size_t n = TaskFeatureNames().size();
  m.weights_.assign(n, 0.0);
  if (samples.empty()) return m;
  std::vector<double> grad(n);
  for (int it = 0; it < kIterations; ++it) {
    std::fill(grad.begin(), grad.end(), 0.0);
    double grad_bias = 0;
    for (const TaskSample& s : samples) {
      const double err = m.Probability(s.features) - (s.right ? 1.0 : 0.0);
      for (size_t k = 0; k < n && k < s.features.size(); ++k) grad[k] += err * s.features[k];
      grad_bias += err;
    }
    const double scale = kLearningRate / double(samples.size());
    for (size_t k = 0; k < n; ++k) m.weights_[k] -= scale * grad[k] + kLearningRate * kL2 * m.weights_[k];
    m.bias_ -= scale * grad_bias;
  }
  m.trust_at_ = TrustLevel(m, samples);
  return m;
}

double TaskModel::Confidence(const std::vector<double>& features) const {
  return std::min(1.0, Probability(features) * kDoubtfulBelow / trust_at_);
}

double TaskModel::Probability(const std::vector<double>& features) const {
  double z = bias_;
  for (size_t k = 0; k < weights_.size() && k < features.size(); ++k) z += weights_[k] * features[k];
  return 1.0 / (1.0 + std::exp(-z));
}

std::string TaskModel::Serialize() const {
  std::string out = std::string(kHeader) + "\n";
  char line[96];
  std::snprintf(line, sizeof line, "trust_at %.17g\nbias %.17g\n", trust_at_, bias_);
  out += line;
  for (size_t k = 0; k < weights_.size(); ++k) {
    std::snprintf(line, sizeof line, " %.17g\n", weights_[k]);
    out += TaskFeatureNames()[k] + line;
  }
  return out;
}

Result<TaskModel> TaskModel::Parse(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::string header;
  if (!std::getline(in, header) || header != kHeader) {
    return Status::InvalidInput("task model: not a congvan task model");
  }
  TaskModel m;
  std::string name;
  double value = 0;
  if (!(in >> name >> value) || name != "trust_at" || !(value > 0 && value <= 1)) {
    return Status::InvalidInput("task model: no trust level");
  }
  m.trust_at_ = value;
  if (!(in >> name >> value) || name != "bias" || !std::isfinite(value)) {
    return Status::InvalidInput("task model: no bias line");
  }
  m.bias_ = value;
  for (const std::string& expected : TaskFeatureNames()) {
    if (!(in >> name >> value) || name != expected || !std::isfinite(value)) {
      return Status::InvalidInput("task model: expected feature " + expected);
    }
    m.weights_.push_back(value);
  }
  if (in >> name) return Status::InvalidInput("task model: more features than this congvan knows");
  return m;
}

Result<TaskModel> TaskModel::Load(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::NotFound("task model: cannot open " + path);
  std::ostringstream text;
  text << f.rdbuf();
  return Parse(text.str());
}

}  // namespace congvan::extract
