// UTF-8 encoding and decoding without ICU objects, for the per-character hot paths (the
// restorer's decoder and the search tokenizer see every character of every letter).
#ifndef CONGVAN_TEXT_UTF8_H_
#define CONGVAN_TEXT_UTF8_H_

#include <unicode/utf8.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace congvan::text {

// Writes `c` (a Unicode scalar value) as UTF-8 into `out` (room for 4 bytes); returns the
// number of bytes written.
inline int EncodeUtf8(char32_t c, char* out) {
  if (c < 0x80) {
    out[0] = static_cast<char>(c);
    return 1;
  }
  if (c < 0x800) {
    out[0] = static_cast<char>(0xC0 | (c >> 6));
    out[1] = static_cast<char>(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (c >> 12));
    out[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (c >> 18));
  out[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (c & 0x3F));
  return 4;
}

inline void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
    return;
  }
  char bytes[4];
  out.append(bytes, static_cast<size_t>(EncodeUtf8(c, bytes)));
}

// The code point at s[i] (advancing i past it), or a negative value for an invalid sequence
// (i then advances past the bad bytes).
inline int32_t NextCodePoint(const uint8_t* s, int32_t& i, int32_t n) {
  if (s[i] < 0x80) return s[i++];
  UChar32 c = 0;
  U8_NEXT(s, i, n, c);
  return c;
}

// Calls fn(char32_t) for each code point of `text`; invalid sequences give U+FFFD.
template <typename Fn>
void ForEachCodePoint(std::string_view text, Fn&& fn) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    const int32_t c = NextCodePoint(s, i, n);
    fn(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
}

// UTF-8 <-> UTF-32; invalid bytes become U+FFFD so junk input never throws.
std::u32string ToU32(std::string_view s);
std::string ToU8(std::u32string_view s);

}  // namespace congvan::text

#endif  // CONGVAN_TEXT_UTF8_H_
