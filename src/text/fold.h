// Vietnamese folding: what "the same word" is for search, for the extraction rules and for the
// diacritic restorer.
//
// Two spellings are the same word when they fold to the same text. Folding takes each code
// point of the text, in any normalisation form (NFC, NFD or a mix), and
//   - drops it when it is a combining mark (Unicode general category M: the tone marks and the
//     breve, circumflex and horn of ă â ê ô ơ ư when the text is decomposed);
//   - maps đ, Đ and their look-alikes ð, Ð (U+00F0, U+00D0, which some fonts, code-page
//     converters and OCR put for Đ) to d: Unicode gives đ no decomposition, so NFD alone leaves it;
//   - otherwise takes its lower case (simple case folding) and, when that has a canonical
//     decomposition into one base letter and marks, keeps only the base letter: ệ, Ệ, ê → e;
//     ư → u; ắ → a.
// So "Phòng Nội vụ", "PHÒNG NỘI VỤ", "Pho\u0300ng Nô\u0323i vu\u0323" and "Phong Noi Vu" are one
// word sequence, "phong noi vu"; "ĐỀ ÁN", "Ðề án" and "de an" are one too. Everything else
// (digits, punctuation, spaces) is kept as it is; what a function does with punctuation and
// spaces is said at the function.
//
// StripMarks() is the same folding with the case kept ("Đảng" → "Dang"), for code that writes a
// word back in its original case.
//
// The fold of each code point below U+2000 (all Latin letters, the combining marks and Latin
// Extended Additional, where the Vietnamese letters ạ…ỹ live) is computed once with ICU into an
// immutable table; the rest are computed when met.
#ifndef CONGVAN_TEXT_FOLD_H_
#define CONGVAN_TEXT_FOLD_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace congvan::text {

// What a code point is to a tokenizer.
enum class CharKind : std::uint8_t {
  kOther,   // punctuation, space, symbol, control
  kLetter,  // a letter (any script)
  kDigit,   // a decimal digit (general category Nd)
  kMark,    // a combining mark (general category M)
};

// The folding of one code point.
struct CharFold {
  char32_t folded = 0;    // lower case without marks: Ệ → e, Đ → d; 0 for a combining mark
  char32_t lower = 0;     // lower case with its marks: Ệ → ệ
  char32_t stripped = 0;  // without marks, case kept: Ệ → E, Đ → D; a mark is itself
  CharKind kind = CharKind::kOther;
};

// The folding of `c` (table look-up below U+2000).
CharFold FoldOf(char32_t c);

// The table behind FoldOf(): FoldTable()[c] == FoldOf(c) for c < kFoldTableSize. For loops
// that fold every character of a text and keep the pointer.
inline constexpr char32_t kFoldTableSize = 0x2000;
const CharFold* FoldTable();

// Shorthands for FoldOf(c).folded and FoldOf(c).stripped.
char32_t FoldChar(char32_t c);
char32_t StripMarks(char32_t c);

// A folded copy of one line, for the extraction rules. `origin[i]` is the byte offset in the
// original text of the code point that produced folded byte i; origin[text.size()] is the
// original's size, so a rule matches the folded line and returns the original bytes (with
// their tone marks and case).
struct Folded {
  std::string text;
  std::vector<uint32_t> origin;

  // The original byte range [begin, end) behind the folded range [fbegin, fend).
  size_t OriginBegin(size_t fbegin) const { return origin[fbegin]; }
  size_t OriginEnd(size_t fend) const { return origin[fend]; }
};

// Folds `text` (UTF-8) for the rules: "Tứ Kỳ, ngày" → "tu ky, ngay". Beyond the folding above,
// so that rules can be written in ASCII: dashes ("–", "—", "‑", "−") → "-", curly quotes → straight
// ones, "…" → ".", NBSP and thin or wide spaces → " ", and spacing diacritics (´ ¨ ˆ ˜ ·, which OCR
// leaves beside letters) are dropped. Invalid UTF-8 and characters the folding does not shorten
// are copied byte for byte; the folded text is never longer than `text`.
Folded Fold(std::string_view text);

// Just the folded text, for callers that need no map back.
std::string FoldText(std::string_view text);

// `text` with every combining mark removed and each code point stripped, case kept:
// "Đảng ủy" → "Dang uy", "hoa\u0300 QÐ" → "hoa QD". For matching and search where case matters.
std::string StripDiacritics(std::string_view text);

// `text` in Unicode NFC; invalid UTF-8 sequences become U+FFFD.
std::string Nfc(std::string_view text);

}  // namespace congvan::text

#endif  // CONGVAN_TEXT_FOLD_H_
