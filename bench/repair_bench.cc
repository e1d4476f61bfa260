// repair_bench: the restorer's speed and size (issue 3 targets), and a file-at-a-time driver
// for bench/repair_quality.sh.
//
//   repair_bench [--models DIR]                       load time, ms per 2,000 syllables, size
//   repair_bench [--models DIR] --restore IN OUT      Restore() every IN/*.txt into OUT/
//   repair_bench [--models DIR] --restore-vie IN OUT  RestoreOcr() (vie OCR text, no geometry)
//   repair_bench [--models DIR] --explain FILE        every change with its alternatives
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "base/page_text.h"
#include "repair/restorer.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string Slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

double Ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::string models = CONGVAN_BUILT_MODELS_DIR;
  std::string mode, in, out;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--models" && i + 1 < argc) models = argv[++i];
    else if (a == "--explain" && i + 1 < argc) {
      mode = a;
      in = argv[++i];
    } else if ((a == "--restore" || a == "--restore-vie") && i + 2 < argc) {
      mode = a;
      in = argv[++i];
      out = argv[++i];
    }
  }
  auto t0 = Clock::now();
  auto r = congvan::repair::Restorer::Load(models);
  auto t1 = Clock::now();
  if (!r.ok()) {
    std::fprintf(stderr, "repair_bench: %s\n", r.status().ToString().c_str());
    return 1;
  }
  if (mode == "--explain") {
    for (const auto& c : r->Explain(Slurp(in))) {
      std::printf("%zu %s -> %s:", c.offset, c.original.c_str(), c.replacement.c_str());
      for (const auto& a : c.alternatives)
        std::printf(" %s %.2f(%.2f)", a.text.c_str(), a.score, a.channel);
      std::printf("\n");
    }
    return 0;
  }
  if (!mode.empty()) {
    fs::create_directories(out);
    for (const auto& e : fs::directory_iterator(in)) {
      if (e.path().extension() != ".txt") continue;
      std::string text = Slurp(e.path());
      std::string fixed = mode == "--restore"
                              ? r->Restore(text)
                              : r->RestoreOcr(congvan::PageTextFromPlain(0, "ocr", text)).Text();
      std::ofstream(fs::path(out) / e.path().filename(), std::ios::binary) << fixed;
    }
    return 0;
  }
  // A ~2,000-syllable letter: the seed letters (English-model OCR) concatenated and cut.
  std::string letter;
  fs::path seeds = fs::path(CONGVAN_SOURCE_DIR) / "tests/data/devset/seeds";
  for (const auto& e : fs::directory_iterator(seeds)) letter += Slurp(e.path()) + "\n";
  size_t words = 0, cut = 0;
  for (size_t i = 0; i < letter.size() && words < 2000; ++i)
    if (std::isspace(static_cast<unsigned char>(letter[i])) && i > 0 &&
        !std::isspace(static_cast<unsigned char>(letter[i - 1])))
      ++words, cut = i;
  letter.resize(cut);
  std::string warm = r->Restore(letter);
  const int kRuns = 5;
  auto t2 = Clock::now();
  for (int i = 0; i < kRuns; ++i) warm = r->Restore(letter);
  auto t3 = Clock::now();
  auto st = r->stats();
  std::printf("model load          %.1f ms\n", Ms(t0, t1));
  std::printf("repair 2,000 tokens %.1f ms (one core, mean of %d)\n", Ms(t2, t3) / kRuns, kRuns);
  std::printf("model size          %.1f MB (vocabulary %zu, syllables %zu, bigrams %zu, "
              "trigrams %zu)\n", st.file_bytes / 1e6, st.vocabulary, st.syllables, st.bigrams,
              st.trigrams);
  return 0;
}
