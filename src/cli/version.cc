#include "cli/version.h"

#include <leptonica/allheaders.h>
#include <sqlite3.h>
#include <tesseract/baseapi.h>
#include <unicode/uversion.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>

#ifndef CONGVAN_VERSION
#define CONGVAN_VERSION "unknown"
#endif

namespace congvan::cli {
namespace {

namespace fs = std::filesystem;

std::string LeptonicaVersion() {
  std::unique_ptr<char, void (*)(void*)> text(getLeptonicaVersion(), lept_free);
  std::string out = text ? text.get() : "unknown";
  const std::string prefix = "leptonica-";
  if (out.rfind(prefix, 0) == 0) out.erase(0, prefix.size());
  return out;
}

std::string IcuVersion() {
  UVersionInfo info;
  u_getVersion(info);
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(info, text);
  return text;
}

// "FILE (N bytes, YYYY-MM-DD)": Tesseract reports no version of a model it loads, so the file's
// size and date are what tell one release of the model from another.
std::string DescribeFile(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return path.string() + " (not found)";
  const auto written = fs::last_write_time(path, ec);
  std::string date = "?";
  if (!ec) {
    const std::time_t t = std::chrono::system_clock::to_time_t(
        std::chrono::time_point_cast<std::chrono::system_clock::duration>(
            std::chrono::file_clock::to_sys(written)));
    std::tm utc{};
    char buffer[16];
    if (gmtime_r(&t, &utc) != nullptr && std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &utc) > 0) {
      date = buffer;
    }
  }
  return path.string() + " (" + std::to_string(size) + " bytes, " + date + ")";
}

// Loads each model the way the OCR stage does, so the line names the file actually used.
std::string ModelLines(const std::string& language, const std::string& tessdata_dir) {
  std::string out;
  std::size_t start = 0;
  while (start <= language.size()) {
    std::size_t plus = language.find('+', start);
    if (plus == std::string::npos) plus = language.size();
    const std::string lang = language.substr(start, plus - start);
    start = plus + 1;
    if (lang.empty()) continue;
    tesseract::TessBaseAPI api;
    const char* datapath = tessdata_dir.empty() ? nullptr : tessdata_dir.c_str();
    if (api.Init(datapath, lang.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
      out += "Tesseract model " + lang + ": cannot be loaded\n";
      continue;
    }
    out += "Tesseract model " + lang + ": " +
           DescribeFile(fs::path(api.GetDatapath()) / (lang + ".traineddata")) + "\n";
  }
  return out;
}

}  // namespace

std::string VersionText(const pipeline::Options& options) {
  std::string out = std::string("congvan ") + CONGVAN_VERSION + "\n";
  out += std::string("Tesseract ") + tesseract::TessBaseAPI::Version() + "\n";
  out += "Leptonica " + LeptonicaVersion() + "\n";
  out += "ICU " + IcuVersion() + "\n";
  out += std::string("SQLite ") + sqlite3_libversion() + "\n";
  out += ModelLines(options.ocr.language, options.ocr.tessdata_dir);
  const std::string rules =
      options.rules_dir.empty() ? pipeline::DefaultRulesDir() : options.rules_dir;
  const std::string models =
      options.models_dir.empty() ? pipeline::DefaultModelsDir() : options.models_dir;
  out += "rules: " + rules + "\n";
  out += "repair model: " + DescribeFile(fs::path(models) / "repair.bin") + "\n";
  if (!out.empty() && out.back() == '\n') out.pop_back();  // CLI11 adds the last newline
  return out;
}

}  // namespace congvan::cli
