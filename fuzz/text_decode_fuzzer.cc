// The text decoder: the bytes of a text file (another OCR's output, in any encoding a clerk's
// machine writes) to UTF-8. Any bytes give UTF-8 or a refusal, never a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/utf8.h>

#include "intake/document.h"

namespace {

bool IsValidUtf8(std::string_view s) {
  int32_t i = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> warnings;
  auto text = congvan::intake::DecodeText(
      std::string_view(reinterpret_cast<const char*>(data), size), &warnings);
  if (!text.ok()) return 0;
  // What the decoder hands on is UTF-8 with LF line ends (document.h).
  if (!IsValidUtf8(*text) || text->find('\r') != std::string::npos) std::abort();
  return 0;
}
