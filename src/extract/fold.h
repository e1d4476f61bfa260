// Folding for matching: lower case, no diacritics, đ→d, one output byte per Vietnamese letter,
// with a map back to the original bytes so that rules can match a folded line and still return
// the original text (with its tone marks and case).
#ifndef CONGVAN_EXTRACT_FOLD_H_
#define CONGVAN_EXTRACT_FOLD_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace congvan::extract {

// A folded copy of one line. `origin[i]` is the byte offset in the original text of the code
// point that produced folded byte i; origin[text.size()] is the original's size.
struct Folded {
  std::string text;
  std::vector<uint32_t> origin;

  // The original byte range [begin, end) behind the folded range [fbegin, fend).
  size_t OriginBegin(size_t fbegin) const { return origin[fbegin]; }
  size_t OriginEnd(size_t fend) const { return origin[fend]; }
};

// Folds `text` (UTF-8, NFC or not): "Tứ Kỳ, ngày" → "tu ky, ngay"; "–", "—" → "-", curly quotes
// → straight ones, "…" → ".", NBSP → " ". Other characters are copied lower-cased where ASCII.
Folded Fold(std::string_view text);

// Just the folded text, for callers that need no map back.
std::string FoldText(std::string_view text);

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_FOLD_H_
