#include "text/tokens.h"

namespace congvan::text {

std::vector<FoldedToken> Folder::Tokenize(std::string_view text) const {
  std::vector<FoldedToken> tokens;
  // About one token per 5 bytes of Vietnamese text; reserving spares the regrowth copies.
  tokens.reserve(text.size() / 5 + 1);
  ForEachToken(text, [&tokens](const TokenView& t) {
    tokens.push_back(FoldedToken{t.begin, t.end, std::string(t.folded), std::string(t.exact)});
    return 0;
  });
  return tokens;
}

std::string Folder::Key(std::string_view text) const {
  std::string key;
  for (const FoldedToken& t : Tokenize(text)) {
    if (!key.empty()) key += ' ';
    key += t.folded;
  }
  return key;
}

std::string Folder::RefKey(std::string_view text) const {
  std::string key;
  int last_end = -1;
  for (const FoldedToken& t : Tokenize(text)) {
    if (last_end >= 0) {
      // Keep one number separator from the gap; anything else (spaces) becomes nothing, so
      // "67 - KH/HU" and "67-KH/HU" give the same key.
      const std::string_view gap = text.substr(last_end, t.begin - last_end);
      const auto sep = gap.find_first_of("/-.");
      if (sep != std::string_view::npos) key += gap[sep];
    }
    key += t.folded;
    last_end = t.end;
  }
  return key;
}

}  // namespace congvan::text
