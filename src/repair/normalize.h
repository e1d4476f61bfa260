// Repair, first cut: Unicode clean-up of text that came from OCR or another program.
//
// Full diacritic restoration (lexicon, language model, channel model) is its own piece of work;
// this is the part every text needs: NFC, look-alike characters mapped to the Vietnamese letters
// they stand for, and one tone-placement convention for matching.
#ifndef CONGVAN_REPAIR_NORMALIZE_H_
#define CONGVAN_REPAIR_NORMALIZE_H_

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/page_text.h"

namespace congvan::repair {

// Holds the ICU objects normalisation needs; build once, use from one thread at a time (or make
// one per thread: construction is cheap).
class Normalizer {
 public:
  ~Normalizer();
  Normalizer(Normalizer&&) noexcept;
  Normalizer& operator=(Normalizer&&) noexcept;

  static Result<Normalizer> Create();

  // NFC; look-alikes inside words mapped (U+01A3 ƣ→ư, U+00D0 Ð→Đ, Cyrillic letters inside Latin
  // words → Latin, ligatures ﬁ→fi, ﬂ→fl); invisible characters (soft hyphen, zero-width space,
  // BOM) removed; line breaks and every other character kept as they are.
  std::string Normalize(std::string_view utf8) const;

  // Normalize() applied to every line and word of a page; geometry kept.
  PageText Normalize(PageText page) const;

 private:
  struct Impl;
  explicit Normalizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Rewrites tone placement to the old convention used in most official texts ("hoà"→"hòa",
// "uỷ"→"ủy", "thuý"→"thúy"), so both spellings compare equal. Input and output NFC.
std::string CanonicalToneForm(std::string_view utf8);

}  // namespace congvan::repair

#endif  // CONGVAN_REPAIR_NORMALIZE_H_
