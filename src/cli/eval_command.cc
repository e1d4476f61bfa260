#include "cli/eval_command.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/commands.h"
#include "extract/eval.h"
#include "extract/letter.h"
#include "pipeline/pipeline.h"

namespace congvan::cli {
namespace {

namespace fs = std::filesystem;

int Failed(const Status& status) {
  std::fprintf(stderr, "congvan eval: %s\n", status.message().c_str());
  return 1;
}

bool ReadFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

}  // namespace

int Eval(const Common& common, const std::string& gold_dir, const std::vector<std::string>& inputs,
         bool per_doc) {
  std::error_code ec;
  if (!fs::is_directory(gold_dir, ec)) return Failed(Status::NotFound("no gold folder " + gold_dir));
  // Pair each input with its gold file; inputs in name order, like the script's sorted golds.
  std::map<std::string, std::string> gold_of;  // input path → gold text
  std::vector<std::string> paths;
  for (const std::string& input : ExpandPaths(inputs)) {
    const fs::path gold = fs::path(gold_dir) / (fs::path(input).stem().string() + ".json");
    std::string text;
    if (!ReadFile(gold, &text)) {
      std::fprintf(stderr, "no gold      %s (expected %s)\n", input.c_str(), gold.c_str());
      continue;
    }
    gold_of[input] = std::move(text);
    paths.push_back(input);
  }
  if (paths.empty()) return Failed(Status::NotFound("no input has a gold file in " + gold_dir));
  std::sort(paths.begin(), paths.end(), [](const std::string& a, const std::string& b) {
    return fs::path(a).filename() < fs::path(b).filename();
  });

  Result<std::unique_ptr<pipeline::Pipeline>> pipe = pipeline::Pipeline::Create(common.pipeline);
  if (!pipe.ok()) return Failed(pipe.status());
  std::vector<std::string> predictions(paths.size());  // JSON per input; empty = failed
  (*pipe)->ProcessAll(paths, [&](std::size_t index, Result<pipeline::Processed> result) {
    if (!result.ok()) {
      std::fprintf(stderr, "failed       %s\n", result.status().message().c_str());
      return;
    }
    predictions[index] = extract::ToJson(result->letter, -1, /*with_flags=*/false,
                                         /*with_confidence=*/true);
  });

  extract::Scorer scorer;
  for (size_t i = 0; i < paths.size(); ++i) {
    const std::string name = fs::path(paths[i]).stem().string();
    Status s = scorer.Add(name, gold_of[paths[i]], predictions[i]);
    if (!s.ok()) return Failed(s);
  }
  const extract::EvalReport report = scorer.Report();
  if (per_doc) {
    for (const std::string& row : report.per_doc) std::printf("%s\n", row.c_str());
    for (const std::string& row : report.trusted_wrong) std::printf("wrong, not flagged: %s\n", row.c_str());
  }
  std::printf("%s", report.Table().c_str());
  std::printf("%s", report.SplitTable().c_str());
  return 0;
}

}  // namespace congvan::cli
