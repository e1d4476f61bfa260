#include "text/utf8.h"

namespace congvan::text {

std::u32string ToU32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  ForEachCodePoint(s, [&out](char32_t c) { out.push_back(c); });
  return out;
}

std::string ToU8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  for (char32_t c : s) AppendUtf8(out, c);
  return out;
}

}  // namespace congvan::text
