// Small, allocation-light functions over UTF-8 Vietnamese text used by the restorer's hot paths
// (the decoder touches every token, so these avoid ICU objects and per-call normalisers).
#ifndef CONGVAN_REPAIR_VN_TEXT_H_
#define CONGVAN_REPAIR_VN_TEXT_H_

#include <string>
#include <string_view>

namespace congvan::repair::vn {

// UTF-8 <-> UTF-32; invalid bytes become U+FFFD so junk input never throws.
std::u32string ToU32(std::string_view s);
std::string ToU8(std::u32string_view s);

// Lower / upper case of one code point (ICU's simple case mapping).
char32_t Lower(char32_t c);
char32_t Upper(char32_t c);
std::u32string Lower(std::u32string_view s);

// The base letter without any diacritic: "ệ"→'e', "đ"→'d', "ư"→'u'; other characters as is.
// Precomposed (NFC) input only, which is what the restorer works on.
char32_t Fold(char32_t c);
std::u32string Fold(std::u32string_view s);

// True for letters (any script) and combining marks.
bool IsLetter(char32_t c);
bool IsDigit(char32_t c);

// How a token is capitalised, so a repaired syllable can be written back the same way.
enum class CaseShape { kLower, kTitle, kUpper };
CaseShape ShapeOf(std::u32string_view token);
std::u32string ApplyCase(std::u32string_view lower, CaseShape shape);

}  // namespace congvan::repair::vn

#endif  // CONGVAN_REPAIR_VN_TEXT_H_
