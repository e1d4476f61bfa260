// repair_bench: the restorer's speed and size against its targets (docs/benchmarks.md), and a file-at-a-time driver
// for bench/repair_quality.sh.
//
//   repair_bench [--models DIR] [--runs N] [--letter DIR]
//                         load time, ms per 2,000 syllables (cut from DIR/*.txt), size
//   repair_bench [--models DIR] --restore IN OUT      Restore() every IN/*.txt into OUT/
//   repair_bench [--models DIR] [--min-confidence C] [--plain-confidence P] --restore-vie IN OUT
//                         RestoreOcr() of plain text (no geometry; every line at confidence P)
//   repair_bench [--models DIR] [--min-confidence C] --restore-tsv IN OUT
//                         RestoreOcr() of every IN/*.tsv (Tesseract TSV: words with confidences)
//                         into OUT/*.txt
//   repair_bench [--models DIR] --explain FILE        every change with its alternatives
//   repair_bench [--models DIR] --pathological        CPU per MB and peak memory of hostile
//                                                     input, against the 2,000-token letter
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

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

// CPU time of this thread: on a shared machine wall time also counts other people's work.
double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// A page from Tesseract's TSV output: one Line per (block, paragraph, line), words with their
// confidences, as the OCR stage hands pages to the restorer.
congvan::PageText PageFromTsv(const std::string& tsv) {
  congvan::PageText page = congvan::PageTextFromPlain(0, "ocr", "");
  page.lines.clear();
  std::istringstream in(tsv);
  std::string row;
  std::string last_key;
  std::getline(in, row);  // header
  while (std::getline(in, row)) {
    std::vector<std::string> f;
    std::stringstream rs(row);
    std::string x;
    while (std::getline(rs, x, '\t')) f.push_back(x);
    if (f.size() < 12 || f[0] != "5" || f[11].empty()) continue;  // level 5 = word
    std::string key = f[2] + "/" + f[3] + "/" + f[4];
    if (key != last_key || page.lines.empty()) {
      page.lines.emplace_back();
      page.lines.back().block = std::stoi(f[2]);
      last_key = key;
    }
    congvan::Line& line = page.lines.back();
    congvan::Word w;
    w.text = f[11];
    w.confidence = std::stof(f[10]);
    if (!line.text.empty()) line.text += ' ';
    line.text += w.text;
    line.words.push_back(std::move(w));
  }
  return page;
}

// Plain text as an OCR page whose every line has confidence `confidence`: with one below
// RestoreOcr()'s threshold every word of correct text is open, the worst case for keeping it.
congvan::PageText PlainPage(const std::string& text, float confidence) {
  congvan::PageText page = congvan::PageTextFromPlain(0, "ocr", text);
  for (congvan::Line& line : page.lines) line.confidence = confidence;
  return page;
}

// The kernel's peak of the resident set ("VmHWM"), in MB, or -1 off Linux.
double PeakMb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  }
  return -1;
}

// Hostile input: 4 MB of one damaged token, 10 MB of one merged token, a 10,000-letter line of
// merged syllables. Each is reported as CPU per MB against the ordinary letter of this run
// (`letter_ms` for `letter`) and with the peak memory after it; text is decoded in batches of
// lines, so memory stays near the model's whatever the input's size.
int Pathological(const congvan::repair::Restorer& r, const std::string& letter, double letter_ms) {
  const double letter_ms_per_mb = letter_ms / (static_cast<double>(letter.size()) / 1e6);
  std::printf("ordinary letter     %.0f ms of CPU per MB, peak %.0f MB\n", letter_ms_per_mb, PeakMb());
  auto run = [&](const char* name, const std::string& text) {
    const double cpu0 = ThreadCpuMs();
    const std::string out = r.Restore(text);
    const double ms = ThreadCpuMs() - cpu0;
    const double per_mb = ms / (static_cast<double>(text.size()) / 1e6);
    std::printf("%-19s %.0f ms of CPU per MB (%.2fx the letter), %.1f MB in, peak %.0f MB\n", name, per_mb,
                per_mb / letter_ms_per_mb, text.size() / 1e6, PeakMb());
  };
  std::string damaged;
  for (int i = 0; i < 800000; ++i) damaged += "ctia ";
  run("one damaged token", damaged);
  std::string merged;
  while (merged.size() < 10'000'000) merged += "thoibao ";
  run("one merged token", merged);
  std::string glued;
  while (glued.size() < 10'000) glued += "cuatinh";
  run("one glued line", glued);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string models = CONGVAN_BUILT_MODELS_DIR;
  std::string mode, in, out;
  float min_confidence = 95.0f;     // RestoreOcr()'s default
  float plain_confidence = 100.0f;  // the confidence --restore-vie gives every plain line
  int runs = 5;                     // timed repairs of the 2,000-token letter (--runs; profiling)
  // The letter is cut from these files (--letter DIR): by default the seed letters, English-
  // model OCR of real scans; build/heldout/eng (bench/repair_quality.sh) is unseen text.
  fs::path letter_dir = fs::path(CONGVAN_SOURCE_DIR) / "tests/data/devset/seeds";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--models" && i + 1 < argc) models = argv[++i];
    else if (a == "--min-confidence" && i + 1 < argc) min_confidence = std::stof(argv[++i]);
    else if (a == "--plain-confidence" && i + 1 < argc) plain_confidence = std::stof(argv[++i]);
    else if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::stoi(argv[++i]));
    else if (a == "--letter" && i + 1 < argc) letter_dir = argv[++i];
    else if (a == "--pathological") mode = a;
    else if (a == "--explain" && i + 1 < argc) {
      mode = a;
      in = argv[++i];
    } else if ((a == "--restore" || a == "--restore-vie" || a == "--restore-tsv") &&
               i + 2 < argc) {
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
  if (mode == "--restore-tsv") {
    fs::create_directories(out);
    for (const auto& e : fs::directory_iterator(in)) {
      if (e.path().extension() != ".tsv") continue;
      congvan::PageText page = PageFromTsv(Slurp(e.path()));
      fs::path txt = fs::path(out) / e.path().filename().replace_extension(".txt");
      std::ofstream(txt, std::ios::binary) << r->RestoreOcr(page, min_confidence).Text() << "\n";
    }
    return 0;
  }
  if (!mode.empty() && mode != "--pathological") {
    fs::create_directories(out);
    for (const auto& e : fs::directory_iterator(in)) {
      if (e.path().extension() != ".txt") continue;
      std::string text = Slurp(e.path());
      std::string fixed = mode == "--restore"
                              ? r->Restore(text)
                              : r->RestoreOcr(PlainPage(text, plain_confidence),
                                              min_confidence).Text();
      std::ofstream(fs::path(out) / e.path().filename(), std::ios::binary) << fixed;
    }
    return 0;
  }
  // A ~2,000-syllable letter: the files of letter_dir in name order, concatenated and cut.
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(letter_dir, ec))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::string letter;
  for (const fs::path& f : files) letter += Slurp(f) + "\n";
  if (letter.empty()) {
    std::fprintf(stderr, "repair_bench: no .txt files in %s\n", letter_dir.c_str());
    return 1;
  }
  size_t words = 0, cut = 0;
  for (size_t i = 0; i < letter.size() && words < 2000; ++i)
    if (std::isspace(static_cast<unsigned char>(letter[i])) && i > 0 &&
        !std::isspace(static_cast<unsigned char>(letter[i - 1])))
      ++words, cut = i;
  letter.resize(cut);
  // The first repair after loading pays for the model's pages coming into the caches: what a
  // one-letter `congvan repair` sees. Later ones are what a watcher or an ingest of many sees.
  double cold_cpu0 = ThreadCpuMs();
  std::string warm = r->Restore(letter);
  double cold_cpu = ThreadCpuMs() - cold_cpu0;
  double cpu0 = ThreadCpuMs();
  auto t2 = Clock::now();
  for (int i = 0; i < runs; ++i) warm = r->Restore(letter);
  auto t3 = Clock::now();
  double cpu = (ThreadCpuMs() - cpu0) / runs;
  if (mode == "--pathological") return Pathological(*r, letter, cpu);
  auto st = r->stats();
  std::printf("model load          %.1f ms\n", Ms(t0, t1));
  std::printf("repair 2,000 tokens %.1f ms (one core, mean of %d; %.1f ms of CPU, which a busy "
              "machine inflates less)\n", Ms(t2, t3) / runs, runs, cpu);
  std::printf("first repair        %.1f ms of CPU (right after loading)\n", cold_cpu);
  std::printf("model size          %.1f MB (vocabulary %zu, syllables %zu, bigrams %zu, "
              "trigrams %zu, stored candidate lists %zu)\n", st.file_bytes / 1e6, st.vocabulary,
              st.syllables, st.bigrams, st.trigrams, st.stored_lists);
  return 0;
}
