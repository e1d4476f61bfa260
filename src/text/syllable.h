// Vietnamese syllables: is a token a well-formed Vietnamese syllable, and how much of a text is?
//
// The check is phonotactic (onset + rhyme + a tone the rhyme allows), so it needs no lexicon
// file. Intake uses ValidSyllableShare() to judge a PDF text layer (a copier's OCR leaves layers
// like "CONG Hcok xA HQI CHiJ NGHiA VIVT NAM"); repair uses IsVietnameseSyllable() to decide which
// tokens are open to change.
#ifndef CONGVAN_TEXT_SYLLABLE_H_
#define CONGVAN_TEXT_SYLLABLE_H_

#include <string>
#include <string_view>

namespace congvan::text {

// True when `token` (UTF-8, any case, NFC or NFD, either tone-placement convention) is a
// well-formed Vietnamese syllable: "người", "Đảng", "hoà", "hòa", "uỷ", "NGHĨA". Tokens with
// digits or non-Vietnamese letters are not syllables ("S6", "Hcok", "VIVT").
bool IsVietnameseSyllable(std::string_view token);

// Share, in [0, 1], of the alphabetic tokens of `text` that are valid syllables. Tokens that
// are common abbreviations in letters (all upper case, <= 6 letters: UBND, TTHC, HĐND) are left
// out of the count. Returns 0 for text with no alphabetic token.
double ValidSyllableShare(std::string_view text);

}  // namespace congvan::text

#endif  // CONGVAN_TEXT_SYLLABLE_H_
