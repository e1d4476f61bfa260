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

class Folder {
 public:
  Folder();

  // Splits `text` into tokens: runs of letters and digits (with any combining marks), so
  // "67-KH/HU" gives 67, kh, hu. Invalid UTF-8 bytes separate tokens.
  std::vector<FoldedToken> Tokenize(std::string_view text) const;

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
  Entry Lookup(char32_t c) const;
  static Entry Compute(char32_t c);

  std::vector<Entry> table_;  // code points below kTableSize
};

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_VN_FOLD_H_
