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

  // Syllables whose diacritic-free skeleton is within two deletions of the observed token's
  // (SymSpell-style), a superset of what the channel can reach with a plausible cost. Digits and
  // signs that stand for letters count as those letters ("s6" finds "số", "1ập" finds "lập").
  void Candidates(std::u32string_view observed_lower, std::vector<uint32_t>& out) const;
  // Every vocabulary entry without digits that differs from `observed_lower` only in
  // diacritics ("hdnd" → "hđnd", "viet" → "việt", "viết"), itself excluded.
  void SameSkeleton(std::u32string_view observed_lower, std::vector<uint32_t>& out) const;

 private:
  std::vector<std::string_view> texts_;
  std::vector<std::u32string> texts32_;
  std::vector<std::string> symbols_;
  std::span<const uint8_t> flags_;
  std::unordered_map<std::string_view, uint32_t> ids_;
  std::vector<std::vector<uint32_t>> skeleton_members_;        // skeleton index -> syllable ids
  std::unordered_map<std::u32string, std::vector<uint32_t>> deletes_;  // delete -> skeletons
  std::unordered_map<std::u32string, std::vector<uint32_t>> folded_;   // skeleton -> any entries
  size_t syllable_count_ = 0;
};

// Strings packed as offsets + blob, the form the vocabulary and aliases are stored in.
void PackStrings(const std::vector<std::string>& strings, std::vector<uint32_t>& offsets,
                 std::string& blob);

}  // namespace congvan::repair

#endif  // CONGVAN_REPAIR_LEXICON_H_
