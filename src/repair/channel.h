// Channel model of OCR damage: the cost (-log probability, in nats) that an OCR engine reads the
// true syllable `t` as the token `o`.
//
// A weighted edit distance over characters where one true character may become zero, one or two
// observed characters (ư→"tr"/"ir", ủ→"ti", ầ→"in") and the observed token may gain characters.
// The operation costs are learned by hard EM from aligned (true, observed) syllable pairs that
// scripts/make-channel-pairs makes by rendering corpus text and reading it back with Tesseract.
// An operation never seen for one toned vowel backs off to what was learned for its tone class
// (ắ→i unseen: use ă/ằ/ắ/ẳ/ẵ/ặ→i), then to costs that depend on whether the two characters share
// a base letter (a lost tone mark is cheap, an unrelated letter dear) or look alike (6/0 for o,
// 1 for l, 4 for a, ¢ for e), so damage no rendered page showed still has a price.
#ifndef CONGVAN_REPAIR_CHANNEL_H_
#define CONGVAN_REPAIR_CHANNEL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "repair/model_file.h"

namespace congvan::repair {

// One learned operation: true character `from` (0 = insertion) read as `to1 to2` (0 = none).
struct ChannelOp {
  uint32_t from, to1, to2;
  float cost;
};

// Costs used for operations without data.
struct ChannelDefaults {
  float same = 0.05f;         // a character read as itself
  float same_base = 3.0f;     // diacritics lost or changed (ế→é, ư→u)
  float other = 9.0f;         // an unrelated character
  float two = 8.0f;           // one character read as two
  float deletion = 6.0f;      // a character lost
  float insertion = 6.0f;     // a spurious character
  float lookalike = 4.0f;     // a digit or sign in place of a letter it resembles (6 for ô)
  // P for a capital Đ that lost its bar: dearer than a digit, since P is a letter of its own
  float bar_lost = 5.0f;
  float tone_class = 0.3f;    // added to a cost backed off from a vowel's tone class
};

// Longest token (code points) the channel aligns; longer ones are never syllables and cost 1e9.
inline constexpr int kMaxChannelLength = 24;

// Marks a tone-class key in the learned operations: kToneClass | (the vowel without its tone).
inline constexpr uint32_t kToneClass = 0x200000;

// The vowel without its tone mark but with its other marks: ắ→ă, ố→ô, ự→ư, à→a; others as is.
char32_t StripTone(char32_t c);
// The lower-case letter a digit or sign on an OCR'd page most often stands for, or 0:
// 0/6/§→o, 1→l, 4→a, ¢/€/&→e. For candidate generation and the look-alike default cost.
char32_t LookalikeLetter(char32_t c);

class ChannelModel {
 public:
  ChannelModel() = default;
  explicit ChannelModel(std::vector<ChannelOp> ops, ChannelDefaults defaults = ChannelDefaults());
  static Result<ChannelModel> FromModel(const ModelFile& file, uint32_t tag);

  // -log P(observed | true), both lower case NFC code points.
  // The same with both sides already mapped by Symbols() (the decoder maps the lexicon once).
  float Cost(std::string_view truth_symbols, std::string_view observed_symbols,
             std::u32string_view truth, std::u32string_view observed, float bound) const;
  // The 8-bit alphabet the dense tables use: ASCII, Vietnamese lower-case letters, 255 = other.
  static std::string Symbols(std::u32string_view text);
  // The character a symbol stands for: itself for ASCII, else its Vietnamese letter or OCR
  // sign; U+FFFD for "other" and for the spare symbols between the letters and the signs,
  // which Symbols() never gives.
  static char32_t CharacterOf(uint8_t symbol);
  // Stops early (returning a value above `bound`) once every alignment costs more than `bound`.
  float Cost(std::u32string_view truth, std::u32string_view observed,
             float bound = 1e30f) const;

  // Costs of many true syllables against one observed token. The alignment table is filled row
  // by row along the true syllable, so a syllable sharing its first characters with the one
  // scored before reuses those rows, and once a shared row already costs more than the bound
  // every syllable with that prefix is refused at once. Fed the syllables in sorted order, most
  // rows are shared (tone variants, common onsets). Results are exactly those of Cost().
  class Scorer {
   public:
    // `model` must outlive the Scorer.
    Scorer(const ChannelModel& model, std::u32string_view observed);
    // Cost(truth, observed, bound) for `truth` (lower case) and its Symbols().
    float Cost(std::string_view truth_symbols, std::u32string_view truth, float bound);
    // A lower bound of Cost() for every syllable whose diacritic-free skeleton is `skeleton`
    // (letters a-z as Symbols()), with every operation at its cheapest over the letter's
    // marked forms; as Cost(), a value above `bound` once it is certain to exceed it.
    // Fed skeletons in sorted order, shares rows as Cost() does.
    float SkeletonLowerBound(std::string_view skeleton, float bound);

   private:
    // The costs of one true symbol against the observed token, looked up once per token rather
    // than once per row: sub[j] of reading it as observed[j-1], two[j] as observed[j-2..j-1].
    struct SymbolCosts {
      float del;
      float sub[kMaxChannelLength + 1];
      float two[kMaxChannelLength + 1];
    };
    const SymbolCosts& CostsOf(uint8_t t);
    float Row(const float* above, float* row, uint8_t t, char32_t truth_char);

    const ChannelModel& model_;
    std::u32string observed_;
    std::string observed_symbols_;
    float ins_[kMaxChannelLength + 1];  // ins_[j]: a spurious observed[j-1]
    int16_t costs_index_[256];          // index into costs_, -1 until looked up
    std::vector<SymbolCosts> costs_;
    // The true syllable whose first valid_rows_ characters the filled rows 1..valid_rows_ align.
    char32_t rows_for_[kMaxChannelLength];
    size_t valid_rows_ = 0;
    float dp_[kMaxChannelLength + 1][kMaxChannelLength + 1];
    float row_min_[kMaxChannelLength + 1];
    // The same for SkeletonLowerBound.
    uint8_t lb_rows_for_[kMaxChannelLength];
    size_t lb_valid_rows_ = 0;
    float lb_dp_[kMaxChannelLength + 1][kMaxChannelLength + 1];
    float lb_row_min_[kMaxChannelLength + 1];
  };

  // Learns operation costs from (true, observed, count) pairs by hard EM (`iterations` rounds
  // of align-then-count). Deterministic.
  struct Pair {
    std::u32string truth, observed;
    uint32_t count;
  };
  static ChannelModel Train(const std::vector<Pair>& pairs, int iterations);
  std::string Serialize() const;
  const std::vector<ChannelOp>& ops() const { return ops_; }

 private:
  float Op(uint32_t from, uint32_t to1, uint32_t to2) const;
  // Row i of the alignment table (true character symbol `t`, code point `truth_char`) from
  // row i-1 (`above`), over the observed symbols `o`; returns the row's minimum.
  float FillRow(const float* above, float* row, uint8_t t, char32_t truth_char, const uint8_t* o,
                std::u32string_view observed) const;
  // Row 0: only insertions.
  void FillFirstRow(float* row, const uint8_t* o, size_t m) const;
  std::vector<ChannelOp> ops_;
  std::unordered_map<uint64_t, float> table_;  // for training; decoding uses the dense tables
  ChannelDefaults defaults_;
  // Dense tables over a 256-symbol alphabet (ASCII, Vietnamese letters, "other"), because the
  // decoder runs this DP hundreds of thousands of times per page.
  struct TwoOp {
    uint8_t o1, o2;
    float cost;
  };
  std::vector<float> sub_, del_, ins_;
  std::vector<std::vector<TwoOp>> two_;
  std::vector<float> two_min_;  // cheapest entry of two_[a] (or the default), to skip the search
  std::vector<uint64_t> two_first_;  // bit (a, o1): some entry of two_[a] starts with o1
  // The same minimised over the marked forms of a base letter (index: the base's symbol),
  // for SkeletonLowerBound.
  std::vector<float> base_sub_, base_del_, base_two_;
};

}  // namespace congvan::repair

#endif  // CONGVAN_REPAIR_CHANNEL_H_
