// Restorer: puts the diacritics (and letters) that an OCR lost back into Vietnamese text.
//
// A noisy-channel decoder: for every word token a lattice of lexicon syllables the OCR could
// have misread as it (channel model learned from rendered-and-OCR'd corpus text), searched
// with a syllable trigram Kneser-Ney model of administrative text. Numbers, codes, punctuation,
// spacing, line breaks and capitalisation are kept; text that is already good Vietnamese is
// left alone (only tokens that are no known word are open to change there). In damaged text a
// token in which the OCR lost the space between two words ("cuatinh", "thang11ndm") may be
// split into its words, with one space put in (splitter.h); nothing else changes the spacing.
//
// Thread safety: a loaded Restorer is immutable; Restore/Explain may run on many threads.
#ifndef CONGVAN_REPAIR_RESTORER_H_
#define CONGVAN_REPAIR_RESTORER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/page_text.h"
#include "base/status.h"

namespace congvan::repair {

// The model file Load() reads from `models_dir`.
inline constexpr char kRepairModelFile[] = "repair.bin";

class Restorer {
 public:
  // One alternative considered for a changed syllable; lower score is better (nats).
  struct Alternative {
    std::string text;
    float score = 0;    // channel + the LM terms around it, with the chosen neighbours
    float channel = 0;  // -log P(observed | this syllable)
  };
  // One syllable the restorer changed, or one merged token it split: then `replacement` holds
  // the words with a space between ("hailong" → "hài lòng") and the two alternatives are the
  // split and the token read whole (its text followed by " (whole)"), with the costs the
  // splitter compared them by.
  struct Change {
    size_t offset = 0;  // byte offset of the original token in the input
    std::string original, replacement;
    std::vector<Alternative> alternatives;  // best first, the replacement among them
  };
  // What the model knows, for `congvan repair --explain` and the bench.
  struct Stats {
    size_t file_bytes = 0, vocabulary = 0, syllables = 0, bigrams = 0, trigrams = 0;
    size_t stored_lists = 0;  // tokens whose candidates were computed when the model was built
  };

  ~Restorer();
  Restorer(Restorer&&) noexcept;
  Restorer& operator=(Restorer&&) noexcept;

  // Loads models_dir/repair.bin (built by tools/train_models from corpus/). A missing,
  // truncated, corrupt or wrong-version file gives an error Status, never a crash.
  static Result<Restorer> Load(const std::string& models_dir);

  // Repairs text from an unknown OCR (or typed text). Decides from the text itself whether it
  // is damaged (most syllables without marks or unknown: every word open to change, merged
  // tokens split) or good Vietnamese (only unknown tokens open, none split), so correct text
  // comes back unchanged.
  std::string Restore(std::string_view text) const;

  // Repairs a page read by Tesseract's `vie` model: only words below `min_confidence` or not
  // in the lexicon are open to change, with the channel learned from `vie` damage; no word is
  // split (the words of a page stay its words). Line and
  // word texts are rewritten; geometry and confidences kept. Tesseract gives most wrong tones
  // ("chỉ" for "chi") a confidence of 85-93, hence 95: on degraded held-out pages that opens
  // about 7% of the words and halves the syllable errors, while correct text with every word
  // open still keeps 99.9% of its syllables (bench/repair_quality.sh).
  PageText RestoreOcr(const PageText& page, float min_confidence = 95.0f) const;

  // What Restore() would change, with the alternatives and their scores.
  std::vector<Change> Explain(std::string_view text) const;

  Stats stats() const;

 private:
  struct Impl;
  explicit Restorer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace congvan::repair

#endif  // CONGVAN_REPAIR_RESTORER_H_
