// Image intake: PNG, JPEG, TIFF (several pages), PNM and WebP bytes opened and decoded with
// the limits every input goes through (declared size checked before decoding). Any bytes give
// pages or a refusal, never a crash or an allocation the limits should have stopped.
#include "fuzz/intake_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using congvan::intake::FileType;
  congvan::fuzz::OpenAndLoad(data, size, [](FileType type) {
    return type == FileType::kPng || type == FileType::kJpeg || type == FileType::kTiff ||
           type == FileType::kPnm || type == FileType::kWebp;
  });
  return 0;
}
