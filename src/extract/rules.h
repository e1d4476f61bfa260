// RuleSet: the extraction rules of rules/*.rules, compiled once (format: rules/README.md).
//
// A rule file holds two kinds of sections: [pattern FAMILY] (one RE2 pattern with the examples
// it must pass) and [list NAME] (a word list, "key = value" or "key" per line). Several pattern
// sections may share a family; extraction tries them in file order.
#ifndef CONGVAN_EXTRACT_RULES_H_
#define CONGVAN_EXTRACT_RULES_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/status.h"
#include "text/fold.h"

namespace re2 {
class RE2;
class Set;
}

namespace congvan::extract {

// Rules match lines folded by text::Fold() (text/fold.h); extraction works with these throughout.
using text::Fold;
using text::Folded;
using text::FoldText;

class Pattern;

// Hashes std::string and std::string_view alike, so a word list is searched with a view into
// the folded text without building a string for every word.
struct WordHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
// The exact-key index of one word list: key → value.
using WordIndex = std::unordered_map<std::string, std::string, WordHash, std::equal_to<>>;

// One successful match: spans of the ORIGINAL text, whatever text the pattern ran on.
class Match {
 public:
  // The text of a named group; empty when the group did not take part.
  std::string_view Group(std::string_view name) const;
  // Whether the named group took part in the match (it may be empty even so).
  bool Has(std::string_view name) const;
  // The whole match, and its original byte range.
  std::string_view whole() const { return spans_.empty() ? std::string_view() : spans_[0]; }
  size_t begin() const { return begin_; }
  size_t end() const { return end_; }

 private:
  friend class Pattern;
  const Pattern* pattern_ = nullptr;
  std::vector<std::string_view> spans_;  // [0] = whole match; data()==nullptr when not taken
  size_t begin_ = 0, end_ = 0;
};

// An example a pattern must pass: `input` and the expected groups ("" key = the group named
// "value", else the whole match); `must_match` false for `nomatch:` lines.
struct RuleExample {
  std::string input;
  std::vector<std::pair<std::string, std::string>> expected;
  bool must_match = true;
  int line = 0;
};

// One compiled [pattern] section.
class Pattern {
 public:
  Pattern(std::string family, std::string file, int line, bool folded,
          std::unique_ptr<re2::RE2> re);
  ~Pattern();

  // Searches `original` (or its folded copy `folded` when the rule says `on: folded`; pass the
  // Fold() of `original`). Fills `m` with original spans and returns true on a match.
  bool Find(std::string_view original, const Folded& folded, Match* m) const;
  // Convenience for callers that have not folded the text yet.
  bool Find(std::string_view original, Match* m) const;
  // Every non-overlapping match, left to right (a body paragraph holds several deadlines).
  std::vector<Match> FindAll(std::string_view original, const Folded& folded) const;

  const std::string& family() const { return family_; }
  std::string where() const { return file_ + ":" + std::to_string(line_); }
  bool folded() const { return folded_; }
  const std::string& source() const;  // the RE2 pattern text
  int GroupIndex(std::string_view name) const;  // -1 when there is no such group
  std::vector<RuleExample>& examples() { return examples_; }
  const std::vector<RuleExample>& examples() const { return examples_; }

 private:
  std::string family_, file_;
  int line_;
  bool folded_;
  std::unique_ptr<re2::RE2> re_;
  std::map<std::string, int, std::less<>> groups_;
  std::vector<RuleExample> examples_;
};

// All rules of one rules/ folder; immutable after Load, so it can be shared between threads.
class RuleSet {
 public:
  // Reads every *.rules file of `dir` (sorted by name). Errors name FILE:LINE and RE2's message.
  static Result<std::unique_ptr<RuleSet>> Load(const std::string& dir);
  RuleSet();
  ~RuleSet();
  // Parses one file's text (exposed for tests); `file` is used in messages.
  Status AddFile(const std::string& file, std::string_view text);

  // The patterns of a family in file order (empty when there is none).
  const std::vector<const Pattern*>& Family(std::string_view family) const;
  // The patterns of `family` that match somewhere in the text, in file order. Families of
  // several patterns are screened with one RE2::Set scan (one pass over the text instead of
  // one per pattern); all of them are returned when the set cannot decide.
  std::vector<const Pattern*> Candidates(std::string_view family, std::string_view original,
                                         const Folded& folded) const;
  // The first pattern of `family` that matches, or nullptr.
  const Pattern* FindFirst(std::string_view family, std::string_view original,
                           const Folded& folded, Match* m) const;
  // A word list: (key, value) pairs in file order; value == key when the line had no "=".
  const std::vector<std::pair<std::string, std::string>>& List(std::string_view name) const;
  // The exact-key index of list `name` (nullptr when there is none), for callers that look up
  // many keys in one list: resolving the list once saves a map search per key.
  const WordIndex* Index(std::string_view name) const {
    auto it = index_.find(name);
    return it == index_.end() ? nullptr : &it->second;
  }
  // The first words of the keys of list `name` (nullptr when there is none): a phrase look-up
  // whose first word is not among them can stop at once.
  const WordIndex* FirstWords(std::string_view name) const {
    auto it = first_words_.find(name);
    return it == first_words_.end() ? nullptr : &it->second;
  }
  // Words in the longest key of list `name` (0 when there is none): how far a phrase look-up
  // must reach.
  size_t LongestKeyWords(std::string_view name) const {
    auto it = longest_key_words_.find(name);
    return it == longest_key_words_.end() ? 0 : it->second;
  }
  // List `name` with each key folded (FoldText, runs of spaces collapsed) or, with `squeezed`,
  // folded with no spaces at all: (key, value) pairs in file order, made once at load time for
  // the near-match look-ups of NearestListValue (text.h).
  const std::vector<std::pair<std::string, std::string>>& FoldedList(std::string_view name,
                                                                     bool squeezed) const;
  // The value for `key` in list `name` (exact key), or nullptr.
  const std::string* Lookup(std::string_view name, std::string_view key) const;
  // The same with the key compared folded (FoldText of both sides): "KẾ HOẠCH" finds "Kế hoạch".
  const std::string* LookupFolded(std::string_view name, std::string_view folded_key) const;

  // Runs every example of every pattern; returns one message per failure ("FILE:LINE: ...").
  std::vector<std::string> FailedExamples() const;
  // Every pattern, for tests that check that each one carries examples.
  std::vector<const Pattern*> AllPatterns() const;

 private:
  Status AddPattern(const std::string& file, int line, const std::string& family, bool folded,
                    const std::string& re);
  // One family's screening sets: its `on: original` and `on: folded` patterns, each compiled
  // into one RE2::Set (null when the family has none of that kind).
  struct Screen;
  // Builds the screens of every family of two or more patterns (after all files are read).
  void BuildScreens();
  std::map<std::string, std::unique_ptr<Screen>, std::less<>> screens_;
  std::vector<std::unique_ptr<Pattern>> patterns_;
  std::map<std::string, std::vector<const Pattern*>, std::less<>> families_;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>, std::less<>> lists_;
  std::map<std::string, WordIndex, std::less<>> index_;
  std::map<std::string, WordIndex, std::less<>> folded_;
  std::map<std::string, WordIndex, std::less<>> first_words_;
  std::map<std::string, size_t, std::less<>> longest_key_words_;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>, std::less<>> folded_lists_,
      squeezed_lists_;
};

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_RULES_H_
