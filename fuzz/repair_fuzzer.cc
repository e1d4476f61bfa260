// The repair decoder: puts lost diacritics back into OCR text. Any UTF-8 or broken bytes, as
// plain text (Restore, Explain) or as a page of a Tesseract reading (RestoreOcr), give text
// back, never a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/page_text.h"
#include "repair/restorer.h"

namespace {

// The built model, loaded once: loading takes far longer than one input.
const congvan::repair::Restorer& Model() {
  static const congvan::repair::Restorer* restorer = [] {
    auto loaded = congvan::repair::Restorer::Load(CONGVAN_BUILT_MODELS_DIR);
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str());
      std::abort();
    }
    return new congvan::repair::Restorer(std::move(loaded).value());
  }();
  return *restorer;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const congvan::repair::Restorer& restorer = Model();
  // The first byte picks the entry point, so each is fuzzed with the same corpus.
  const uint8_t mode = data[0] % 3;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (mode) {
    case 0: {
      std::string restored = restorer.Restore(text);
      if (restored.empty() != text.empty()) std::abort();  // text is never lost or invented
      break;
    }
    case 1:
      restorer.Explain(text);
      break;
    default: {
      congvan::PageText page = congvan::PageTextFromPlain(0, "ocr", text);
      restorer.RestoreOcr(page);
      break;
    }
  }
  return 0;
}
