#include "text/letters.h"

#include <unicode/uchar.h>

#include "text/fold.h"

namespace congvan::text {

char32_t Lower(char32_t c) { return c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : u_tolower(c); }
char32_t Upper(char32_t c) { return c < 0x80 ? (c >= 'a' && c <= 'z' ? c - 32 : c) : u_toupper(c); }

std::u32string Lower(std::u32string_view s) {
  std::u32string out(s);
  for (char32_t& c : out) c = Lower(c);
  return out;
}

std::u32string StripMarks(std::u32string_view s) {
  std::u32string out(s);
  for (char32_t& c : out) c = c < 0x80 ? c : StripMarks(c);
  return out;
}

bool IsLetter(char32_t c) {
  if (c < 0x80) return (c | 32) >= 'a' && (c | 32) <= 'z';
  return u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

CaseShape ShapeOf(std::u32string_view token) {
  int letters = 0, upper = 0;
  bool first_upper = false;
  for (char32_t c : token) {
    if (!IsLetter(c)) continue;
    bool up = u_isupper(c);
    if (letters == 0) first_upper = up;
    ++letters;
    upper += up;
  }
  if (letters >= 2 && upper == letters) return CaseShape::kUpper;
  if (first_upper) return CaseShape::kTitle;
  return CaseShape::kLower;
}

std::u32string ApplyCase(std::u32string_view lower, CaseShape shape) {
  std::u32string out(lower);
  if (shape == CaseShape::kUpper) {
    for (char32_t& c : out) c = Upper(c);
  } else if (shape == CaseShape::kTitle && !out.empty()) {
    out[0] = Upper(out[0]);
  }
  return out;
}

}  // namespace congvan::text
