// Vocabulary and syllable lexicon of the restorer.
//
// The vocabulary is every token class the language model knows: five special tokens, every
// corpus token seen at least twice (lower case, old tone placement "hòa"/"ủy", NFC) and every
// hunspell-vi syllable. The lexicon is the part of it that is a valid Vietnamese syllable: only
// those can be proposed as corrections. Both tone-placement conventions look up the same entry.
#ifndef CONGVAN_REPAIR_LEXICON_H_
#define CONGVAN_REPAIR_LEXICON_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "repair/model_file.h"

namespace congvan::repair {

// Special vocabulary ids, the same in trainer and decoder.
enum SpecialToken : uint32_t {
  kBos = 0, kEos = 1, kUnk = 2, kNum = 3, kPunct = 4, kCode = 5, kFirstWordId = 6,
};

// What a whitespace-separated chunk (after stripping punctuation) is, for the LM and decoder.
enum class TokenKind { kWord, kNumber, kCode };

// Splits `chunk` into leading punctuation, core and trailing punctuation (returned as offsets
// into the UTF-32 chunk) and says what the core is. Trainer and decoder share this so that the
// language model sees exactly the token stream the decoder produces.
struct ChunkParts {
  size_t core_begin = 0, core_end = 0;
  TokenKind kind = TokenKind::kWord;
};
ChunkParts SplitChunk(std::u32string_view chunk);

// Vocabulary flags.
inline constexpr uint8_t kFlagSyllable = 1;  // a valid syllable: may be proposed as a correction

// A syllable as the candidate search reads it. The records of one skeleton are stored side by
// side, so scoring the members of the skeletons found reads memory in order instead of chasing
// three strings per candidate.
inline constexpr size_t kMaxSyllableLength = 12;  // no valid syllable comes near it
struct SyllableRecord {
  uint32_t id;
  uint32_t size;                          // code points
  char32_t text[kMaxSyllableLength];      // lower case NFC
  uint8_t symbols[kMaxSyllableLength];    // the text in ChannelModel::Symbols' alphabet
  std::u32string_view Text() const { return {text, size}; }
  std::string_view Symbols() const { return {reinterpret_cast<const char*>(symbols), size}; }
};

// The syllables that share one diacritic-free skeleton, for the candidate search.
struct SkeletonGroup {
  std::string_view skeleton;  // in ChannelModel::Symbols' alphabet (letters a-z)
  std::span<const SyllableRecord> members;
};

class Lexicon {
 public:
  // Reads the vocabulary sections of `file` (which must outlive the Lexicon's use of strings;
  // the Restorer keeps both together) and builds the lookup and skeleton indexes.
  static Result<Lexicon> FromModel(const ModelFile& file);

  // Id of a lower-case NFC token in either tone convention, or kUnk.
  uint32_t Find(std::string_view lower) const;
  std::string_view Text(uint32_t id) const { return texts_[id]; }
  const std::u32string& Text32(uint32_t id) const { return texts32_[id]; }
  // Text32 in the channel model's 8-bit alphabet (ChannelModel::Symbols), for syllables.
  const std::string& Symbols(uint32_t id) const { return symbols_[id]; }
  bool IsSyllable(uint32_t id) const { return id < flags_.size() && (flags_[id] & kFlagSyllable); }
  size_t size() const { return texts_.size(); }
  size_t syllable_count() const { return syllable_count_; }

  // How often the capitalised letter run `upper` ("NĐ", "UBND") occurs inside the document
  // codes of the training corpus (runs seen at least 3 times; 0 otherwise). Model files
  // without the section know no runs.
  uint32_t CodeRunCount(std::string_view upper) const {
    auto it = code_runs_.find(upper);
    return it == code_runs_.end() ? 0 : it->second;
  }
  // Syllables whose diacritic-free skeleton is within two deletions of the observed token's
  // (SymSpell-style), a superset of what the channel can reach with a plausible cost. Digits and
  // signs that stand for letters count as those letters ("s6" finds "số", "1ập" finds "lập").
  // Grouped by skeleton in the code-point order of the skeletons, each group in code-point
  // order: neighbours share prefixes, which ChannelModel::Scorer turns into shared work.
  void Candidates(std::u32string_view observed_lower, std::vector<uint32_t>& out) const;
  // The same as groups of records, one per skeleton, in the same order.
  void CandidateGroups(std::u32string_view observed_lower, std::vector<SkeletonGroup>& out) const;
  // Every vocabulary entry without digits that differs from `observed_lower` only in
  // diacritics ("hdnd" → "hđnd", "viet" → "việt", "viết"), itself excluded.
  void SameSkeleton(std::u32string_view observed_lower, std::vector<uint32_t>& out) const;

 private:
  std::vector<std::string_view> texts_;
  std::vector<std::u32string> texts32_;
  std::vector<std::string> symbols_;
  std::span<const uint8_t> flags_;
  std::unordered_map<std::string_view, uint32_t> ids_;
  std::unordered_map<std::string_view, uint32_t> code_runs_;
  std::vector<SyllableRecord> records_;  // syllables, grouped by skeleton
  std::vector<uint32_t> skeleton_begin_;  // skeleton index -> its first record (and one past)
  std::vector<std::string> skeleton_symbols_;  // skeleton index -> the skeleton as symbols
  // Packed strings (DeleteKey) reachable from a skeleton by deletions -> skeleton indexes.
  std::unordered_map<uint64_t, std::vector<uint32_t>> deletes_;
  std::unordered_map<std::u32string, std::vector<uint32_t>> folded_;   // skeleton -> any entries
  size_t syllable_count_ = 0;
};

// Strings packed as offsets + blob, the form the vocabulary and aliases are stored in.
void PackStrings(const std::vector<std::string>& strings, std::vector<uint32_t>& offsets,
                 std::string& blob);

}  // namespace congvan::repair

#endif  // CONGVAN_REPAIR_LEXICON_H_
