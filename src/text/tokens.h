// Words of a text for search and for matching names: each token with its folded form (see
// text/fold.h: "Phòng Nội vụ" and "PHONG NOI VU" give the same "phong noi vu") and its exact
// form (lower case, marks kept, NFC).
#ifndef CONGVAN_TEXT_TOKENS_H_
#define CONGVAN_TEXT_TOKENS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/fold.h"
#include "text/utf8.h"

namespace congvan::text {

// One token of a text: its byte range in the original and two normalised forms.
struct FoldedToken {
  int begin = 0;       // byte offsets into the original UTF-8 text
  int end = 0;
  std::string folded;  // folded (text/fold.h): "nang"
  std::string exact;   // case-folded, marks kept (NFC): "nâng"; equals `folded` when no marks
};

// A token as Folder::ForEachToken passes it: the views are valid only during the call.
struct TokenView {
  int begin = 0;  // byte offsets into the original UTF-8 text
  int end = 0;
  std::string_view folded;
  std::string_view exact;
};

// Cheap to make and to copy: it only points at the folding table.
class Folder {
 public:
  Folder() : table_(FoldTable()) {}

  // Splits `text` into tokens: runs of letters and digits (with any combining marks), so
  // "67-KH/HU" gives 67, kh, hu. Invalid UTF-8 bytes separate tokens.
  std::vector<FoldedToken> Tokenize(std::string_view text) const;

  // The tokens of Tokenize(), passed one at a time to `emit(const TokenView&)` without
  // allocating per token: the full-text tokenizer's path, which sees every registered letter.
  // Stops at, and returns, the first non-zero value `emit` returns; 0 otherwise.
  template <typename Emit>
  int ForEachToken(std::string_view text, Emit&& emit) const;

  // The matching key of a name: tokens folded and joined with one space ("Phòng  Nội-vụ" →
  // "phong noi vu"). Punctuation between tokens is dropped.
  std::string Key(std::string_view text) const;

  // Like Key() but keeps '/', '-' and '.' between tokens, for document numbers:
  // "167/2017/NĐ-CP" → "167/2017/nd-cp".
  std::string RefKey(std::string_view text) const;

 private:
  CharFold Lookup(char32_t c) const { return c < kFoldTableSize ? table_[c] : FoldOf(c); }

  const CharFold* table_;
};

template <typename Emit>
int Folder::ForEachToken(std::string_view text, Emit&& emit) const {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  std::string folded, exact;  // reused: their capacity outlives each token
  int begin = 0;
  bool in_token = false, has_marks = false;
  auto finish = [&](int end) -> int {
    if (!in_token) return 0;
    in_token = false;
    if (has_marks) {
      has_marks = false;
      exact = Nfc(exact);  // "nâng" typed with a combining circumflex equals the precomposed one
    }
    return emit(TokenView{begin, end, folded, exact});
  };
  std::int32_t i = 0;
  while (i < n) {
    const std::int32_t start = i;
    const std::int32_t c = NextCodePoint(s, i, n);
    CharKind kind = CharKind::kOther;
    CharFold f{};
    if (c >= 0) {
      f = Lookup(static_cast<char32_t>(c));
      kind = f.kind;
    }
    if (kind == CharKind::kOther || (kind == CharKind::kMark && !in_token)) {
      if (const int rc = finish(start); rc != 0) return rc;
      continue;
    }
    if (!in_token) {
      in_token = true;
      begin = start;
      folded.clear();
      exact.clear();
    }
    if (kind == CharKind::kMark) has_marks = true;
    if (f.folded != 0) AppendUtf8(folded, f.folded);
    AppendUtf8(exact, f.lower);
  }
  return finish(n);
}

}  // namespace congvan::text

#endif  // CONGVAN_TEXT_TOKENS_H_
