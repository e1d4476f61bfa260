// Decoder of the restorer: tokens of a text -> lattice of candidate syllables -> the best path
// under trigram LM x channel (Viterbi over pairs of candidates), in bounded segments.
#ifndef CONGVAN_REPAIR_DECODER_H_
#define CONGVAN_REPAIR_DECODER_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "repair/channel.h"
#include "repair/language_model.h"
#include "repair/lexicon.h"

namespace congvan::repair {

// One candidate for a lattice position: the LM token and the channel cost of having observed
// what was observed. Candidate 0 of a position keeps the observed text; any other writes its
// lexicon entry (Decoder::TextOf), or `text` exactly as it is when `verbatim` (a repaired code).
struct Candidate {
  uint32_t id;
  float channel;
  std::u32string text;    // only for verbatim candidates: lattices copy the rest a lot
  bool verbatim = false;
};

// One LM position: a word, number, code or punctuation mark, with where it sits in the input.
struct Position {
  size_t byte_begin = 0, byte_end = 0;  // the core's bytes in the input; empty for punctuation
  std::vector<Candidate> candidates;    // [0] is always "keep as observed"
  bool word = false;
  // A part of a merged token after the first ("tinh" of "cuatinh"): written with a space before
  // it, whichever candidate is chosen.
  bool space_before = false;
  // A part of a merged token that is not in capitals: a syllable written here takes the case
  // of the part's first letter only ("SGNOi" → "Sở Nội": capitals inside such a token are the
  // OCR's, not the writer's).
  bool case_of_first_letter = false;
};

struct DecoderOptions {
  float keep_unknown_cost = 12.0f;  // leaving a token that is no known word as it is
  float keep_known_cost = 0.5f;    // leaving a known abbreviation (UBND, TTHC) as it is
  float keep_known_word_cost = 5.0f;  // leaving a known lower-case non-syllable as it is
  // Leaving an unknown short capitalised non-syllable (CCHC, THCBKS) as it is: abbreviations
  // the corpus does not know are common, so keeping one is cheaper than any other unknown.
  float keep_unknown_upper_cost = 4.0f;
  float beam = 12.0f;              // drop candidates whose channel cost is this far from the best
  size_t max_candidates = 12;       // per position, after ranking by channel + unigram LM
  float rank_margin = 10.0f;       // ... and no further than this behind the best ranked
  // Ranked after those and with a channel cost of at most reserve_max_channel (the only ones
  // AddFromContext may use), kept for AddFromContext.
  size_t reserve_candidates = 24;
  // A reserve candidate joins the list when the LM predicts it after one of the first
  // `context_left` candidates of the word before with at least this log probability (the word
  // after as well was tried: worse on the seeds and on the held-out pages).
  float context_logp = -6.0f;
  size_t context_left = 3;
  // ... and only when its channel cost is small: it is the ranking, not the OCR, that cut it
  // ("doi" → "dõi" costs 1.3; "cac" → "cấp" costs 8 and would let the LM rewrite letters).
  float reserve_max_channel = 4.0f;
};

class Decoder {
 public:
  Decoder(const Lexicon& lexicon, const LanguageModel& lm) : lexicon_(lexicon), lm_(lm) {}

  // Candidates for a word token `observed` (original case) under `channel`; when `open` is
  // false only "keep" is offered.
  // Candidates ranked after the first max_candidates go to `reserve` when given.
  std::vector<Candidate> WordCandidates(std::u32string_view observed, bool open,
                                        const ChannelModel& channel, const DecoderOptions& options,
                                        std::vector<Candidate>* reserve = nullptr) const;

  // Whether capitals make WordCandidates read the token as an abbreviation ("UBND", "CCHC"):
  // a known word that is no syllable, or an unknown short token that cannot be one. Otherwise
  // "HUYEN" gets the candidates of "huyen". `lower`: the token in lower case.
  bool AbbreviationShape(std::u32string_view lower) const;

  // Candidates are ranked by channel and unigram before context is known, which cuts rare words
  // of common phrases ("theo doi": "dõi" ranks far below "đối", "đời", "đội"). This brings in a
  // reserve candidate the word before strongly predicts. `reserves[i]`: the candidates ranked
  // just below the cut of position i (WordCandidates' `reserve`), empty for none.
  void AddFromContext(std::vector<Position>& positions,
                      const std::vector<std::span<const Candidate>>& reserves,
                      const DecoderOptions& options) const;

  // A document code with the Đ an English-model OCR read as D put back in its abbreviations
  // ("30/2020/ND-CP" → "30/2020/NĐ-CP", "QD-UBND" → "QĐ-UBND"), or empty when nothing changes.
  // Only capitalised letter runs change, and only into an abbreviation the corpus knows better:
  // as a word, or (inside a document symbol, a number then "/") as a run of its codes.
  std::u32string RepairCode(std::u32string_view code) const;

  // The text a candidate other than "keep" writes (lower case unless verbatim).
  const std::u32string& TextOf(const Candidate& c) const {
    return c.verbatim ? c.text : lexicon_.Text32(c.id);
  }

  // The index of the chosen candidate at every position.
  std::vector<uint32_t> Best(const std::vector<Position>& positions) const;

  // The best path through a short lattice after the words ctx_u ctx_v: its cost (channel - log
  // LM, nats) and the chosen candidate at every position. What the splitter compares a merged
  // token's split and whole readings with; `positions` must not be empty.
  float BestPath(const std::vector<Position>& positions, uint32_t ctx_u, uint32_t ctx_v,
                 std::vector<uint32_t>& chosen) const;

  // Score of candidate `c` at position `i` with the chosen neighbours (channel + the three LM
  // terms it takes part in); lower is better. For explanations.
  float LocalCost(const std::vector<Position>& positions, const std::vector<uint32_t>& chosen,
                  size_t i, uint32_t c) const;

 private:
  // AbbreviationShape with the token's lexicon id already looked up.
  bool AbbreviationShape(std::u32string_view lower, uint32_t keep_id) const;
  // The spelling of a capitalised run with some of its D read as Đ that the corpus's codes use
  // far more often than the run itself ("ND" → "NĐ"), or empty.
  std::u32string CodeRunSpelling(std::u32string_view run) const;
  // Returns the cost of the path chosen.
  float DecodeSegment(const std::vector<Position>& positions, size_t begin, size_t end,
                      uint32_t ctx_u, uint32_t ctx_v, std::vector<uint32_t>& chosen) const;
  const Lexicon& lexicon_;
  const LanguageModel& lm_;
};

}  // namespace congvan::repair

#endif  // CONGVAN_REPAIR_DECODER_H_
