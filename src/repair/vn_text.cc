#include "repair/vn_text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace congvan::repair::vn {
namespace {

// Every precomposed Vietnamese vowel (lower case) grouped by base letter; index / 1 is enough
// to fold because each string holds the variants of one base letter.
constexpr std::u32string_view kA = U"aàáảãạăằắẳẵặâầấẩẫậ";
constexpr std::u32string_view kE = U"eèéẻẽẹêềếểễệ";
constexpr std::u32string_view kI = U"iìíỉĩị";
constexpr std::u32string_view kO = U"oòóỏõọôồốổỗộơờớởỡợ";
constexpr std::u32string_view kU = U"uùúủũụưừứửữự";
constexpr std::u32string_view kY = U"yỳýỷỹỵ";

}  // namespace

std::u32string ToU32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

std::string ToU8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  for (char32_t c : s) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

char32_t Lower(char32_t c) { return c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : u_tolower(c); }
char32_t Upper(char32_t c) { return c < 0x80 ? (c >= 'a' && c <= 'z' ? c - 32 : c) : u_toupper(c); }

std::u32string Lower(std::u32string_view s) {
  std::u32string out(s);
  for (char32_t& c : out) c = Lower(c);
  return out;
}

char32_t Fold(char32_t c) {
  if (c < 0x80) return c;
  bool upper = u_isupper(c);
  char32_t l = Lower(c);
  char32_t base = l;
  if (l == U'đ' || l == U'ð') base = U'd';
  else if (kA.find(l) != std::u32string_view::npos) base = U'a';
  else if (kE.find(l) != std::u32string_view::npos) base = U'e';
  else if (kI.find(l) != std::u32string_view::npos) base = U'i';
  else if (kO.find(l) != std::u32string_view::npos) base = U'o';
  else if (kU.find(l) != std::u32string_view::npos) base = U'u';
  else if (kY.find(l) != std::u32string_view::npos) base = U'y';
  else return c;
  return upper ? Upper(base) : base;
}

std::u32string Fold(std::u32string_view s) {
  std::u32string out(s);
  for (char32_t& c : out) c = Fold(c);
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

}  // namespace congvan::repair::vn
