// train_task_model: builds models/tasks.model (extract/task_model.h) from annotated letters.
// Every letter of each --train set is read by the rules alone; each task it gives is labelled
// right or wrong against the gold as `congvan eval` counts tasks; the model is fitted to those.
// Each --measure set is left out of training and read with and without the model, and the
// precision of the tasks not flagged as doubtful is printed for both. Deterministic; a second.
//
//   train_task_model --rules rules --out build/models/tasks.model
//                    --train tests/data/extract/letters:tests/data/extract/gold …
//                    --measure tests/data/extract/heldout/set10text/letters:…/gold …
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/page_text.h"
#include "extract/confidence.h"
#include "extract/eval.h"
#include "extract/extractor.h"
#include "extract/letter.h"
#include "extract/task_model.h"

namespace fs = std::filesystem;
using namespace congvan;
using namespace congvan::extract;

namespace {

std::string Slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// "LETTERS:GOLD": the letters folder and the gold folder of one annotated set.
struct Set {
  fs::path letters, gold;
};

bool ParseSet(const std::string& arg, Set* set) {
  const size_t colon = arg.find(':');
  if (colon == std::string::npos) return false;
  set->letters = arg.substr(0, colon);
  set->gold = arg.substr(colon + 1);
  return fs::is_directory(set->letters) && fs::is_directory(set->gold);
}

// Each task of each letter of `set` that has a gold file: its features (with the confidence the
// extractor gave it) and whether it is right.
std::vector<TaskSample> Samples(const Extractor& extractor, const Set& set) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(set.letters)) {
    if (e.path().extension() == ".txt" && fs::exists(set.gold / (e.path().stem().string() + ".json"))) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());  // the same samples in the same order on every machine
  std::vector<TaskSample> out;
  for (const fs::path& f : files) {
    const Letter letter = extractor.Read({PageTextFromPlain(0, "text", Slurp(f))}, f.filename().string());
    const std::vector<bool> right =
        RightTasks(Slurp(set.gold / (f.stem().string() + ".json")), ToJson(letter));
    for (size_t i = 0; i < letter.tasks.size() && i < right.size(); ++i) {
      const Task& t = letter.tasks[i];
      out.push_back({TaskFeatures(t, letter, t.confidence), right[i]});
    }
  }
  return out;
}

// "unflagged right/unflagged (precision), flagged right/flagged" of `samples` when the model
// (or, without one, the rules' confidence, feature 0) decides what is doubtful.
std::string Split(const std::vector<TaskSample>& samples, const TaskModel* model) {
  int unflagged = 0, unflagged_right = 0, flagged = 0, flagged_right = 0;
  for (const TaskSample& s : samples) {
    double c = s.features[0];
    if (model != nullptr) c = std::min(c, model->Confidence(s.features));
    if (IsDoubtful(c)) {
      ++flagged;
      flagged_right += s.right;
    } else {
      ++unflagged;
      unflagged_right += s.right;
    }
  }
  char buf[160];
  std::snprintf(buf, sizeof buf, "not flagged %d/%d right (%.3f), flagged %d/%d right", unflagged_right,
                unflagged, unflagged ? double(unflagged_right) / unflagged : 1.0, flagged_right, flagged);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::string rules_dir, out_path;
  std::vector<Set> train, measure;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    Set set;
    if (flag == "--rules") {
      rules_dir = argv[i + 1];
    } else if (flag == "--out") {
      out_path = argv[i + 1];
    } else if ((flag == "--train" || flag == "--measure") && ParseSet(argv[i + 1], &set)) {
      (flag == "--train" ? train : measure).push_back(set);
    } else {
      std::fprintf(stderr, "train_task_model: bad argument %s %s\n", argv[i], argv[i + 1]);
      return 2;
    }
  }
  if (rules_dir.empty() || out_path.empty() || train.empty()) {
    std::fprintf(stderr, "usage: train_task_model --rules DIR --out FILE --train LETTERS:GOLD... "
                         "[--measure LETTERS:GOLD...]\n");
    return 2;
  }
  Result<Extractor> extractor = Extractor::Load(rules_dir);
  if (!extractor.ok()) {
    std::fprintf(stderr, "train_task_model: %s\n", extractor.status().message().c_str());
    return 1;
  }
  std::vector<TaskSample> samples;
  for (const Set& s : train) {
    std::vector<TaskSample> more = Samples(*extractor, s);
    samples.insert(samples.end(), more.begin(), more.end());
  }
  const TaskModel model = TaskModel::Train(samples);
  std::printf("train_task_model: %zu tasks; %s\n", samples.size(), Split(samples, nullptr).c_str());
  std::printf("  with the model (training sets): %s\n", Split(samples, &model).c_str());
  for (const Set& s : measure) {
    const std::vector<TaskSample> held = Samples(*extractor, s);
    std::printf("  left out %s: rules %s\n", s.letters.parent_path().filename().c_str(), Split(held, nullptr).c_str());
    std::printf("  left out %s: model %s\n", s.letters.parent_path().filename().c_str(), Split(held, &model).c_str());
  }
  std::ofstream out(out_path, std::ios::binary);
  out << model.Serialize();
  if (!out) {
    std::fprintf(stderr, "train_task_model: cannot write %s\n", out_path.c_str());
    return 1;
  }
  return 0;
}
