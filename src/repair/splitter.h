// Merged tokens: an English-model OCR often drops the space between two words, so one token
// holds two or three of them ("cuatinh" for "của tỉnh", "Poclap" for "Độc lập", "thang11ndm" for
// "tháng 11 năm"). No single syllable explains such a token, so the decoder alone either keeps
// it or turns it into one wrong syllable.
//
// The splitter decides, per token and before the Viterbi, whether a token open to change reads
// better as 2 (or, around a number inside it, 3) parts: the parts' candidates are the decoder's
// own (WordCandidates), and a split and the whole token are scored alike, as the best path of a
// small lattice under the same LM x channel, between the best guesses of the neighbouring words.
// A split pays `split_cost` on top, so it wins only when clearly better. The restorer then puts
// the parts into the lattice as positions of their own (the Viterbi still picks their
// candidates) and writes them with a space between.
#ifndef CONGVAN_REPAIR_SPLITTER_H_
#define CONGVAN_REPAIR_SPLITTER_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "repair/candidate_table.h"
#include "repair/channel.h"
#include "repair/decoder.h"
#include "repair/lexicon.h"

namespace congvan::repair {

// Settings of the merged-token search. Set on the seed letters, checked on held-out pages with
// spaces dropped (bench/merge-spaces.py; figures in README.md, "Merged tokens").
struct SplitOptions {
  // Only tokens this long (code points) are tried: shorter ones are one damaged syllable
  // ("ngudi"), and trying costs candidate searches for every part.
  size_t min_length = 5;
  // Two syllables of at most 7 letters and a few digits.
  size_t max_length = 16;
  // A letter part shorter than this is no part (one-letter syllables are rarely merged, and
  // every single letter reaches some syllable).
  size_t min_part = 2;
  // A whole token some syllable explains this cheaply (channel, nats) is one damaged syllable,
  // not a merged pair: no split is tried ("ngudi" → "người").
  // On the seeds every token a split won had no syllable within 10 nats; at 8 instead of 4
  // the search adds 5% to Restore()'s instructions instead of 11% (callgrind, bench letter).
  // (Asking only for parts with a vowel would save more, but the OCR reads vowels as
  // consonants: "SG" is "Sở", "ndm" is "năm".)
  float whole_channel_enough = 8.0f;
  // A letter part whose best syllable costs more than this (channel) is not worth scoring.
  float max_part_channel = 8.0f;
  // Split points scored with the LM: the best ones by the parts' channel and unigram costs.
  size_t max_tries = 3;
  // Added to a split's cost, so that a split wins only when clearly better than the whole.
  float split_cost = 2.0f;
  // ... and for a token of min_length: most 5-letter tokens are one damaged syllable with a
  // letter too many ("Trude" → "trước", which splits into "trừ để" at split_cost), while two
  // glued syllables are usually longer ("SGNOi" → "Sở Nội" wins by far more).
  float short_split_cost = 6.0f;
  // Instead, for the three parts around a number of two or more digits inside lower-case or
  // title-case letters ("thang11ndm"): no word or code of the corpus looks like that (its
  // letter-number-letter tokens are capitalised codes, "VTN16A", which are never tried), so
  // the split is what to expect and keeping the token whole must be clearly better.
  float number_split_cost = -4.0f;
};

// One part of a split token.
struct SplitPart {
  size_t begin = 0, end = 0;          // code points in the token
  std::vector<Candidate> candidates;  // as WordCandidates gives them; one kNum for a number
  // WordCandidates' reserve, for AddFromContext: into the Splitter's cache, valid while it is.
  std::span<const Candidate> reserve;
  bool number = false;                // digits only: an LM number, written as it is
};

// What the splitter chose for a token, with the two costs it compared (for --explain).
struct SplitChoice {
  std::vector<SplitPart> parts;  // the Viterbi chooses their candidates again, in full context
  float split_score = 0;         // best path with the parts, split_cost included
  float whole_score = 0;         // best path with the token whole
  float split_channel = 0;       // channel cost of the parts on that path
  uint32_t whole_best = 0;       // the candidate of the whole token on its best path
};

class Splitter {
 public:
  // All references must outlive the Splitter; one Splitter serves one text on one thread (it
  // caches the candidates of parts, which repeat).
  // `table`: the candidate lists stored for `channel` (parts are mostly common words).
  Splitter(const Decoder& decoder, const Lexicon& lexicon, const LanguageModel& lm,
           const ChannelModel& channel, const CandidateTable& table,
           const DecoderOptions& options, SplitOptions split = SplitOptions());

  // Whether the word token `token` (original case; `id` its vocabulary id) may be a merged
  // one: unknown, no valid syllable, long enough, only letters, digits and the signs an OCR
  // puts for letters. Capitalised tokens with digits are codes ("COVID19") and never are.
  bool Eligible(std::u32string_view token, uint32_t id) const;

  // The best split of an eligible `token` when, with its split cost added, it costs less than
  // keeping it whole (`whole`: the token's own lattice candidates), else nullopt. Both are
  // scored after the words u v and before the words `after` (the neighbours' best guesses,
  // kPunct / kNum for those).
  std::optional<SplitChoice> Best(std::u32string_view token, const std::vector<Candidate>& whole,
                                  uint32_t u, uint32_t v, const std::vector<uint32_t>& after);

 private:
  // The lattice candidates of a part (cached by text and case shape).
  const std::pair<std::vector<Candidate>, std::vector<Candidate>>& PartCandidates(
      std::u32string_view part);
  // The cheapest channel cost of a syllable among `cands`, or +inf.
  static float BestSyllableChannel(const Lexicon& lexicon, const std::vector<Candidate>& cands);
  // Whether the path's choice for a letter part is a real word: a syllable, or a known
  // abbreviation written in capitals ("UBND" of "UBNDtinh").
  bool AcceptablePart(std::u32string_view part, const Candidate& c, bool upper_token) const;

  const Decoder& decoder_;
  const Lexicon& lexicon_;
  const LanguageModel& lm_;
  const ChannelModel& channel_;
  const CandidateTable& table_;
  const DecoderOptions& options_;
  SplitOptions split_;
  std::unordered_map<std::u32string, std::pair<std::vector<Candidate>, std::vector<Candidate>>>
      cache_;
};

}  // namespace congvan::repair

#endif  // CONGVAN_REPAIR_SPLITTER_H_
