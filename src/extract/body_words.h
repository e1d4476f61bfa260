// The vocabulary the task rules share (body.cc reads items and sentences, body_names.cc reads
// and splits the names of bodies): folded words with their positions, the phrase lists of the
// rules looked up at a word, and what makes a phrase a body's name. Internal to src/extract.
#ifndef CONGVAN_EXTRACT_BODY_WORDS_H_
#define CONGVAN_EXTRACT_BODY_WORDS_H_

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "extract/rules.h"

namespace congvan::extract {

inline constexpr size_t kPrefixBytes = 320;        // an assignee_prefix rule never reads further
inline constexpr size_t kMaxKnownBodyBytes = 80;   // the longest name of [list known_bodies], folded

// --- words of folded text ---

// One word of a folded text and where it lies in it.
struct Tok {
  std::string_view f;  // folded word
  size_t fb, fe;       // its folded byte range
};

// The words (runs of ASCII letters and digits) of a folded text; they point into `folded`.
std::vector<Tok> Tokenize(const std::string& folded);

// The `n` words from token `i`, joined by single spaces.
std::string Phrase(const std::vector<Tok>& t, size_t i, size_t n);

// Whether the folded words from token `i` are `words` (no string is built: this runs per word).
bool WordsAt(const std::vector<Tok>& t, size_t i, std::initializer_list<std::string_view> words);

// One word list resolved once: its phrases and the first words of its phrases.
struct PhraseList {
  const WordIndex* phrases;
  const WordIndex* first_words;
  size_t max_words;  // words in the longest phrase
};
PhraseList Resolve(const RuleSet& rules, std::string_view name);

// Length in words of the phrase of the list that starts at token `i`, longest first, or 0.
size_t PhraseAt(const PhraseList& list, const std::vector<Tok>& t, size_t i);
size_t PhraseAt(const RuleSet& rules, std::string_view name, const std::vector<Tok>& t, size_t i);

// Whether the one-word entry of list `name` that token `tok` matches, written `word` in the text,
// counts as spelled: an entry with its spelling after "=" ("nhan = nhận") only when `word` is so
// spelled ("nhân" of "nhân dân" is none), one without whatever its tone marks.
bool SpelledAsListed(const RuleSet& rules, std::string_view name, const Tok& tok, std::string_view word);

// Whether the action word at token i is part of a noun ([list not_actions] of body.rules: "Tổ
// bầu cử", "Trung tâm trợ giúp pháp lý"), or a verb that opens a name as a title ("lãnh đạo các
// sở").
bool InsideNoun(const RuleSet& rules, const std::vector<Tok>& t, size_t i);

// Whether an action or an adverb that opens one ([list actions], [list adverbs]) starts at token
// i: a duty begins there ("… cần | chỉ đạo …", "Các đơn vị | khẩn trương …").
bool DutyOpensAt(const RuleSet& rules, const std::vector<Tok>& t, size_t i);

// First token index in [from, to) where a phrase of list `name` starts; t.size() when none.
size_t FindPhrase(const RuleSet& rules, std::string_view name, const std::vector<Tok>& t, size_t from,
                  size_t to);

// --- body names ---

// Upper-cases the first letter of `s` ("các đơn vị" → "Các đơn vị"); the rest is kept.
std::string CapitalizeFirst(std::string_view s);

// Whether `phrase` opens with a body head word: "Phòng …", "UBND …", "các …".
bool StartsWithHead(const RuleSet& rules, std::string_view phrase);

// A body's name without the punctuation around it, a dangling "và" or a note in brackets.
std::string_view CleanBody(std::string_view s);

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_BODY_WORDS_H_
