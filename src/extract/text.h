// Small text functions for extraction: trimming, case tests and the title case of body names.
#ifndef CONGVAN_EXTRACT_TEXT_H_
#define CONGVAN_EXTRACT_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace congvan::extract {

class RuleSet;
class Match;

// Trims spaces and tabs; TrimChars also any of `chars`, compared as whole UTF-8 characters
// ("–" strips a dash, never a byte of "ồ").
std::string_view Trim(std::string_view s);
std::string_view TrimChars(std::string_view s, std::string_view chars);

// Splits on runs of spaces.
std::vector<std::string_view> Words(std::string_view s);

// At most `max_bytes` of `s`, cut at a character boundary (never inside a UTF-8 sequence).
std::string_view Utf8Prefix(std::string_view s, size_t max_bytes);

// Runs of white space become one space, ends trimmed.
std::string CollapseSpaces(std::string_view s);
// The same, appended to `out` (no temporary string).
void AppendCollapsed(std::string& out, std::string_view s);

// Letter tests over UTF-8 text (ICU): any lower-case letter; first letter upper case; first
// code point a lower-case letter (nothing skipped before it).
bool HasLower(std::string_view s);
bool HasUpper(std::string_view s);
bool StartsUpper(std::string_view s);
bool StartsLower(std::string_view s);

// "lower" / "Capitalised" forms of one word, Vietnamese rules (ICU, locale vi).
std::string LowerWord(std::string_view w);
std::string CapitalWord(std::string_view w);

// Byte edit distance (Levenshtein) of two short strings, e.g. folded words.
size_t EditDistance(std::string_view a, std::string_view b);
// The same, but any distance above `limit` is reported as limit + 1 (and found sooner).
size_t BoundedEditDistance(std::string_view a, std::string_view b, size_t limit);

// The value of the entry of word list `list` whose folded key is nearest to `folded_key`, when
// it is near enough to be the same words damaged by OCR or repair ("pho giam poc" → "Phó Giám
// đốc"): one edit for keys of 6+ bytes, two for 12+, and no other key as near. Exact keys
// first; nullptr when there is no such entry.
// With `squeeze`, spaces do not count (OCR splits and glues words: "SOY TE" is "SỞ Y TẾ").
const std::string* NearestListValue(const RuleSet& rules, std::string_view list,
                                    std::string_view folded_key, bool squeeze = false);

// Whether `line` opens the "Nơi nhận" list ([pattern body_end] of rules/body.rules), filling
// `m`: the label followed by its colon, the end of the line or a capital ("Nơi nhận: KT. CHỦ
// TỊCH"), not by a lower-case word ("Nơi nhận báo cáo", the column of a table in an article).
bool FindRecipientsLabel(const RuleSet& rules, std::string_view line, Match* m);

// A body name from an upper-case header put in normal Vietnamese capitalisation with the word
// lists of `rules` (rules/words.rules): "ỦY BAN NHÂN DÂN HUYỆN TỨ KỲ" → "Ủy ban nhân dân huyện
// Tứ Kỳ", "SỞ Y TẾ" → "Sở Y tế", "UBND TỈNH ĐỒNG NAI" → "UBND tỉnh Đồng Nai". Abbreviations
// (tokens that are not syllables, rule `syllable`) keep their case. Mixed-case input is kept.
std::string TitleCaseBody(std::string_view name, const RuleSet& rules);

// Words of an upper-case header line that OCR glued together, split again when the token is
// no syllable but two syllables one after the other ("ỦY BANNHÂN DÂN" → "ỦY BAN NHÂN DÂN");
// abbreviations ("UBND", "TNCS") have no such split and stay.
std::string SplitGluedSyllables(std::string_view line, const RuleSet& rules);

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_TEXT_H_
