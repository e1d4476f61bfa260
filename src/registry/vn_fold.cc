#include "registry/vn_fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace congvan::registry {
namespace {

// Latin, Latin Extended, combining marks and Latin Extended Additional (ấ, ệ, ỹ …) all lie
// below U+2000; the rare code points above are computed on the fly.
constexpr char32_t kTableSize = 0x2000;

}  // namespace

Folder::Folder() {
  table_.reserve(kTableSize);
  for (char32_t c = 0; c < kTableSize; ++c) table_.push_back(Compute(c));
}

Folder::Entry Folder::Compute(char32_t c) {
  const UChar32 u = static_cast<UChar32>(c);
  const int8_t type = u_charType(u);
  if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
      type == U_ENCLOSING_MARK) {
    return {0, c, Kind::kMark};
  }
  if (!u_isalnum(u)) return {c, c, Kind::kSeparator};
  const char32_t lower = static_cast<char32_t>(u_foldCase(u, U_FOLD_CASE_DEFAULT));
  // đ has no decomposition in Unicode (it is a letter of its own), so NFD cannot fold it.
  // U+00D0/U+00F0 (eth) is what some fonts and OCR produce for Đ/đ.
  if (lower == 0x0111 || lower == 0x00F0) return {U'd', lower, Kind::kWord};
  char32_t base = lower;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString decomposition;
  if (U_SUCCESS(status) && nfd->getDecomposition(static_cast<UChar32>(lower), decomposition)) {
    // Full decomposition: the first code point is the base letter, the rest are marks (ệ → e
    // + circumflex + dot below, both dropped).
    base = static_cast<char32_t>(decomposition.char32At(0));
  }
  return {base, lower, Kind::kWord};
}

std::string Folder::Nfc(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return s;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  icu::UnicodeString out = nfc->normalize(u, status);
  if (U_FAILURE(status)) return s;
  std::string result;
  out.toUTF8String(result);
  return result;
}

std::int32_t Folder::NextCodePoint(const std::uint8_t* s, std::int32_t& i, std::int32_t n) {
  UChar32 c = 0;
  U8_NEXT(s, i, n, c);
  return c;
}

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

}  // namespace congvan::registry
