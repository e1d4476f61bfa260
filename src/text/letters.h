// Letters, case and case shape of Vietnamese words, one code point at a time: what the
// restorer needs to change a syllable's marks and write it back as it was capitalised.
#ifndef CONGVAN_TEXT_LETTERS_H_
#define CONGVAN_TEXT_LETTERS_H_

#include <string>
#include <string_view>

namespace congvan::text {

// Lower / upper case of one code point (ICU's simple case mapping).
char32_t Lower(char32_t c);
char32_t Upper(char32_t c);
std::u32string Lower(std::u32string_view s);

// StripMarks() (text/fold.h) of every code point: "Nghệ" → "Nghe". For NFC text.
std::u32string StripMarks(std::u32string_view s);

// True for letters (any script) and combining marks.
bool IsLetter(char32_t c);
bool IsDigit(char32_t c);

// How a token is capitalised, so a repaired syllable can be written back the same way.
enum class CaseShape { kLower, kTitle, kUpper };
CaseShape ShapeOf(std::u32string_view token);
std::u32string ApplyCase(std::u32string_view lower, CaseShape shape);

}  // namespace congvan::text

#endif  // CONGVAN_TEXT_LETTERS_H_
