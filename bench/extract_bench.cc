// extract_bench: letters per second of field extraction on text that is already OCR'd.
//
// usage: extract_bench [--repeat N] [--dump DIR] [FILE...]
// Without files it reads tests/data/devset/restored/*.txt (the five restored seed letters).
// Each file is one letter; extraction runs N times over all of them on one thread, and the
// rate is letters per second per core. The baseline, measured in the same run on the same
// letters, is one pass of the folding every reading starts with (Fold() of the whole text):
// the ratio says how many such passes a full extraction costs. --dump DIR writes DIR/NAME.json
// per letter (the SCHEMA.md form, for ../shared/eval/score_fields.py).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/page_text.h"
#include "extract/extractor.h"
#include "extract/letter.h"
#include "pipeline/pipeline.h"
#include "text/fold.h"

namespace fs = std::filesystem;

namespace {

bool ReadAll(const fs::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

std::vector<fs::path> DefaultInputs() {
  std::vector<fs::path> out;
  const fs::path dir = fs::path(congvan::pipeline::DefaultRulesDir()) / ".." / "tests" / "data" /
                       "devset" / "restored";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".txt") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 200;
  std::string dump;
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--dump" && i + 1 < argc) {
      dump = argv[++i];
    } else {
      inputs.emplace_back(a);
    }
  }
  if (inputs.empty()) inputs = DefaultInputs();
  if (inputs.empty()) {
    std::fprintf(stderr, "extract_bench: no input letters\n");
    return 1;
  }
  auto extractor = congvan::extract::Extractor::Load(congvan::pipeline::DefaultRulesDir());
  if (!extractor.ok()) {
    std::fprintf(stderr, "extract_bench: %s\n", extractor.status().ToString().c_str());
    return 1;
  }
  std::vector<std::vector<congvan::PageText>> pages;
  std::vector<std::string> names;
  for (const fs::path& p : inputs) {
    std::string text;
    if (!ReadAll(p, &text)) {
      std::fprintf(stderr, "extract_bench: cannot read %s\n", p.c_str());
      return 1;
    }
    pages.push_back({congvan::PageTextFromPlain(0, "text", text)});
    names.push_back(p.filename().string());
  }
  if (!dump.empty()) {
    fs::create_directories(dump);
    for (size_t i = 0; i < pages.size(); ++i) {
      congvan::extract::Letter l = extractor->Read(pages[i], names[i]);
      std::ofstream out(fs::path(dump) / (fs::path(names[i]).stem().string() + ".json"));
      out << congvan::extract::ToJson(l) << "\n";
    }
  }
  // Baseline: fold every letter's text once (what the rules run on), same letters, same repeats.
  std::vector<std::string> texts;
  for (const auto& letter : pages) {
    std::string all;
    for (const auto& line : letter[0].lines) all += line.text + "\n";
    texts.push_back(std::move(all));
  }
  size_t folded_bytes = 0;
  const auto base_start = std::chrono::steady_clock::now();
  for (int r = 0; r < repeat; ++r) {
    for (const std::string& t : texts) folded_bytes += congvan::text::Fold(t).text.size();
  }
  const double base_secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - base_start).count();
  size_t tasks = 0;
  // CPU time as well as wall time: on a shared machine the wall clock also counts the time other
  // processes held the core; CPU seconds are what "per core" means.
  const std::clock_t cpu_start = std::clock();
  const auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < repeat; ++r) {
    for (size_t i = 0; i < pages.size(); ++i) tasks += extractor->Read(pages[i], names[i]).tasks.size();
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu_secs = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const double letters = static_cast<double>(repeat) * pages.size();
  std::printf("%zu letters x %d: %.0f letters/s on one core (%.3f ms/letter, %zu tasks)\n",
              pages.size(), repeat, letters / secs, 1000.0 * secs / letters, tasks / repeat);
  if (cpu_secs > 0) std::printf("per CPU second: %.0f letters/s\n", letters / cpu_secs);
  std::printf("baseline (one Fold() pass): %.0f letters/s; extraction costs %.1fx the baseline (%zu bytes folded)\n",
              letters / base_secs, secs / base_secs, folded_bytes / repeat);
  return 0;
}
