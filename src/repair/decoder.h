// Decoder of the restorer: tokens of a text -> lattice of candidate syllables -> the best path
// under trigram LM x channel (Viterbi over pairs of candidates), in bounded segments.
#ifndef CONGVAN_REPAIR_DECODER_H_
#define CONGVAN_REPAIR_DECODER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "repair/channel.h"
#include "repair/language_model.h"
#include "repair/lexicon.h"

namespace congvan::repair {

// One candidate for a lattice position: the LM token, the text to write (lower case; empty =
// keep the observed text) and the channel cost of having observed what was observed.
struct Candidate {
  uint32_t id;
  float channel;
  std::u32string text;
};

// One LM position: a word, number, code or punctuation mark, with where it sits in the input.
struct Position {
  size_t byte_begin = 0, byte_end = 0;  // the core's bytes in the input; empty for punctuation
  std::vector<Candidate> candidates;    // [0] is always "keep as observed"
  bool word = false;
};

struct DecoderOptions {
  float keep_unknown_cost = 9.0f;  // leaving a token that is no known word as it is
  float keep_known_cost = 0.5f;    // leaving a known abbreviation (UBND, TTHC) as it is
  float keep_known_word_cost = 5.0f;  // leaving a known lower-case non-syllable as it is
  float beam = 12.0f;              // drop candidates whose channel cost is this far from the best
  size_t max_candidates = 8;       // per position, after ranking by channel + unigram LM
  float rank_margin = 10.0f;       // ... and no further than this behind the best ranked
};

class Decoder {
 public:
  Decoder(const Lexicon& lexicon, const LanguageModel& lm) : lexicon_(lexicon), lm_(lm) {}

  // Candidates for a word token `observed` (original case) under `channel`; when `open` is
  // false only "keep" is offered.
  std::vector<Candidate> WordCandidates(std::u32string_view observed, bool open,
                                        const ChannelModel& channel,
                                        const DecoderOptions& options) const;

  // The index of the chosen candidate at every position.
  std::vector<uint32_t> Best(const std::vector<Position>& positions) const;

  // Score of candidate `c` at position `i` with the chosen neighbours (channel + the three LM
  // terms it takes part in); lower is better. For explanations.
  float LocalCost(const std::vector<Position>& positions, const std::vector<uint32_t>& chosen,
                  size_t i, uint32_t c) const;

 private:
  void DecodeSegment(const std::vector<Position>& positions, size_t begin, size_t end,
                     uint32_t ctx_u, uint32_t ctx_v, std::vector<uint32_t>& chosen) const;
  const Lexicon& lexicon_;
  const LanguageModel& lm_;
};

}  // namespace congvan::repair

#endif  // CONGVAN_REPAIR_DECODER_H_
