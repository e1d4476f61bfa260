// PDF intake: the document opened with poppler, each of its first pages read from its text
// layer or rendered for OCR. Any bytes give pages or a refusal, never a crash.
#include "fuzz/intake_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using congvan::intake::FileType;
  congvan::fuzz::OpenAndLoad(data, size, [](FileType type) { return type == FileType::kPdf; });
  return 0;
}
