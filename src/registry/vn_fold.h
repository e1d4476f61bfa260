// Vietnamese folding for search and for matching names: case folding, every tone and vowel mark
// removed, đ/Đ → d. "Phòng Nội vụ" and "PHONG NOI VU" fold to the same "phong noi vu".
//
// A Folder holds a lookup table for the code points Vietnamese text uses (built once with ICU),
// so folding a whole letter costs one table read per character, not an ICU call.
#ifndef CONGVAN_REGISTRY_VN_FOLD_H_
#define CONGVAN_REGISTRY_VN_FOLD_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace congvan::registry {

// One token of a text: its byte range in the original and two normalised forms.
struct FoldedToken {
  int begin = 0;       // byte offsets into the original UTF-8 text
  int end = 0;
  std::string folded;  // case-folded, marks removed, đ→d: "nang"
  std::string exact;   // case-folded, marks kept (NFC): "nâng"; equals `folded` when no marks
};

// A token as Folder::ForEachToken passes it: the views are valid only during the call.
struct TokenView {
  int begin = 0;  // byte offsets into the original UTF-8 text
  int end = 0;
  std::string_view folded;
  std::string_view exact;
};

class Folder {
 public:
  Folder();

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
  // What a code point is to the tokenizer.
  enum class Kind : std::uint8_t { kSeparator, kWord, kMark };
  struct Entry {
    char32_t folded;  // 0: dropped (a combining mark)
    char32_t lower;   // case-folded, marks kept
    Kind kind;
  };
  Entry Lookup(char32_t c) const {
    return c < table_.size() ? table_[c] : Compute(c);
  }
  static Entry Compute(char32_t c);
  // Appends `c` (a Unicode scalar value from the table or the decoder) as UTF-8. Inline: it runs
  // for every character of every registered letter.
  static void AppendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      const char b[2] = {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
      out.append(b, 2);
    } else if (c < 0x10000) {
      const char b[3] = {static_cast<char>(0xE0 | (c >> 12)),
                         static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
                         static_cast<char>(0x80 | (c & 0x3F))};
      out.append(b, 3);
    } else {
      const char b[4] = {static_cast<char>(0xF0 | (c >> 18)),
                         static_cast<char>(0x80 | ((c >> 12) & 0x3F)),
                         static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
                         static_cast<char>(0x80 | (c & 0x3F))};
      out.append(b, 4);
    }
  }
  static std::string Nfc(const std::string& s);  // NFC, for tokens typed with combining marks
  // The code point at s[i] (advancing i), or a negative value for an invalid sequence.
  static std::int32_t NextCodePoint(const std::uint8_t* s, std::int32_t& i, std::int32_t n);

  std::vector<Entry> table_;  // code points below kTableSize
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
    const std::int32_t c = s[i] < 0x80 ? s[i++] : NextCodePoint(s, i, n);
    Kind kind = Kind::kSeparator;
    Entry e{};
    if (c >= 0) {
      e = Lookup(static_cast<char32_t>(c));
      kind = e.kind;
    }
    if (kind == Kind::kSeparator || (kind == Kind::kMark && !in_token)) {
      if (const int rc = finish(start); rc != 0) return rc;
      continue;
    }
    if (!in_token) {
      in_token = true;
      begin = start;
      folded.clear();
      exact.clear();
    }
    if (kind == Kind::kMark) has_marks = true;
    if (e.folded != 0) AppendUtf8(folded, e.folded);
    AppendUtf8(exact, e.lower);
  }
  return finish(n);
}

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_VN_FOLD_H_
