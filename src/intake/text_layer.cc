// The text-layer decision: is a PDF page's embedded text good enough to skip OCR?
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <string_view>

#include "intake/internal.h"
#include "text/syllable.h"

namespace congvan::intake::internal {
namespace {

// Fewer words than this (a page number, a stamp's caption) says nothing about the page: render it.
constexpr int kMinWords = 8;
// Share of words that must be valid Vietnamese syllables. A copier's OCR ("CONG Hcok xA HQI
// CHiJ NGHiA VIVT NAM") fails this; Tesseract's vie layer on a clean page passes it easily.
constexpr double kMinSyllableShare = 0.8;
// Share of words that must carry a non-ASCII letter. English-model OCR of a Vietnamese page
// drops every diacritic, and many bare syllables ("CONG", "NAM", "HOA") still pass the
// syllable check, so this second test is what catches a layer that is plausible but toneless.
constexpr double kMinAccentedShare = 0.2;

struct WordCounts {
  int words = 0;     // tokens with at least one letter
  int accented = 0;  // ... of which have a letter outside ASCII
};

WordCounts CountWords(std::string_view text) {
  WordCounts counts;
  bool letter = false, accented = false;
  auto flush = [&] {
    counts.words += letter;
    counts.accented += letter && accented;
    letter = accented = false;
  };
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || u_isUWhiteSpace(c)) {
      flush();
    } else if (u_isalpha(c) || u_getCombiningClass(c) != 0) {
      letter = true;
      accented = accented || c > 0x7F;
    }
  }
  flush();
  return counts;
}

}  // namespace

bool IsGoodTextLayer(std::string_view text) {
  const WordCounts counts = CountWords(text);
  if (counts.words < kMinWords) return false;
  if (counts.accented < kMinAccentedShare * counts.words) return false;
  return text::ValidSyllableShare(text) >= kMinSyllableShare;
}

}  // namespace congvan::intake::internal
