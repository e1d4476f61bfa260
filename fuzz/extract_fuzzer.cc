// The extractor: the fields, tasks and deadlines of a letter read from its text. Any text,
// one page or several (split at form feeds), gives a Letter, never a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "base/page_text.h"
#include "extract/extractor.h"
#include "extract/letter.h"

namespace {

// The project's rules, compiled once: compiling takes far longer than one reading.
const congvan::extract::Extractor& Rules() {
  static const congvan::extract::Extractor* extractor = [] {
    auto loaded = congvan::extract::Extractor::Load(CONGVAN_DEFAULT_RULES_DIR);
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str());
      std::abort();
    }
    return new congvan::extract::Extractor(std::move(loaded).value());
  }();
  return *extractor;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const congvan::extract::Extractor& extractor = Rules();
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<congvan::PageText> pages;
  size_t start = 0;
  for (;;) {
    const size_t end = text.find('\f', start);
    pages.push_back(congvan::PageTextFromPlain(static_cast<int>(pages.size()), "text",
                                               text.substr(start, end - start)));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  congvan::extract::ReadOptions options;
  options.today = "2025-06-15";
  const congvan::extract::Letter letter = extractor.Read(pages, "letter.txt", options);
  // As the pipeline stores it: whatever was read must also be writable.
  congvan::extract::ToJson(letter, -1, /*with_flags=*/true);
  return 0;
}
