// Candidate lists computed when the model is built, for the tokens letters hold most often.
//
// Finding the candidates of an open word (Decoder::WordCandidates: the skeleton search and a
// channel alignment against every syllable it reaches) is most of the restorer's time, and a
// letter's words are mostly the corpus's common words and their usual OCR damage. train_models
// runs WordCandidates for those tokens (every vocabulary entry, its unaccented form, and the
// observed side of the channel pairs) and stores the results; the decoder takes a stored list
// instead of computing it. The lists are exactly what WordCandidates returns for an open token
// written in lower case (or in capitals, unless Decoder::AbbreviationShape says capitals make
// it an abbreviation) under the model's own lexicon, LM and channel with the default
// DecoderOptions (candidate_table_test checks real tokens against the live computation).
#ifndef CONGVAN_REPAIR_CANDIDATE_TABLE_H_
#define CONGVAN_REPAIR_CANDIDATE_TABLE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "repair/decoder.h"
#include "repair/model_file.h"

namespace congvan::repair {

class CandidateTable {
 public:
  // One stored candidate: a lexicon id and its channel cost.
  struct Entry {
    uint32_t id;
    float channel;
  };
  // The stored result of WordCandidates for one token: its list (keep first) and reserve.
  struct Lists {
    std::span<const Entry> main, reserve;
  };

  // An empty table: every lookup misses.
  CandidateTable() = default;
  // The table in section `tag` of `file` (which must outlive the table); a missing section is
  // an empty table, a malformed one (or one naming an id outside the vocabulary) an error.
  static Result<CandidateTable> FromModel(const ModelFile& file, uint32_t tag, size_t vocab_size);

  // The stored lists of a lower-case NFC token, or nothing when it was not stored.
  std::optional<Lists> Find(std::string_view lower) const;

  // decoder.WordCandidates(observed, open, channel, options, reserve): the stored lists when
  // they hold the token, else computed. `channel` must be the one the table was built for.
  std::vector<Candidate> WordCandidates(const Decoder& decoder, std::u32string_view observed,
                                        bool open, const ChannelModel& channel,
                                        const DecoderOptions& options,
                                        std::vector<Candidate>* reserve) const;
  size_t size() const { return count_; }

  // The section FromModel reads: for each token of `tokens` (lower case NFC, any order,
  // repeats ignored), WordCandidates(token, open, channel, options, &reserve).
  static std::string Build(const Decoder& decoder, const ChannelModel& channel,
                           const DecoderOptions& options, std::vector<std::string> tokens);

 private:
  size_t count_ = 0;
  std::span<const uint32_t> key_offsets_;   // count_ + 1 offsets into keys_
  std::span<const uint32_t> list_offsets_;  // count_ + 1 offsets into entries_
  std::span<const uint32_t> main_sizes_;    // count_: how many of a token's entries are main
  std::string_view keys_;                   // the tokens, sorted, back to back
  std::span<const Entry> entries_;
};

}  // namespace congvan::repair

#endif  // CONGVAN_REPAIR_CANDIDATE_TABLE_H_
