// Small text helpers for extraction: trimming, case tests and the title case of body names.
#ifndef CONGVAN_EXTRACT_TEXT_H_
#define CONGVAN_EXTRACT_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace congvan::extract {

class RuleSet;

// Trims spaces and tabs; TrimChars also any of `chars`.
std::string_view Trim(std::string_view s);
std::string_view TrimChars(std::string_view s, std::string_view chars);

// Splits on runs of spaces.
std::vector<std::string_view> Words(std::string_view s);

// Runs of white space become one space, ends trimmed.
std::string CollapseSpaces(std::string_view s);

// Letter tests over UTF-8 text (ICU): any lower-case letter; first letter upper case.
bool HasLower(std::string_view s);
bool HasUpper(std::string_view s);
bool StartsUpper(std::string_view s);

// "lower" / "Capitalised" forms of one word, Vietnamese rules (ICU, locale vi).
std::string LowerWord(std::string_view w);
std::string CapitalWord(std::string_view w);

// A body name from an upper-case header put in normal Vietnamese capitalisation with the word
// lists of `rules` (rules/words.rules): "ỦY BAN NHÂN DÂN HUYỆN TỨ KỲ" → "Ủy ban nhân dân huyện
// Tứ Kỳ", "SỞ Y TẾ" → "Sở Y tế", "UBND TỈNH ĐỒNG NAI" → "UBND tỉnh Đồng Nai". Abbreviations
// (tokens that are not syllables, rule `syllable`) keep their case. Mixed-case input is kept.
std::string TitleCaseBody(std::string_view name, const RuleSet& rules);

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_TEXT_H_
