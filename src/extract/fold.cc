#include "extract/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>

namespace congvan::extract {
namespace {

// Code points below this limit get a one-byte folding from the table; it covers Latin-1,
// Latin Extended-A/B and Latin Extended Additional (all Vietnamese letters).
constexpr UChar32 kTableLimit = 0x1F00;

// Built once from ICU's NFD data; const after construction, so sharing it between threads is safe.
struct FoldTable {
  std::array<char, kTableLimit> to{};  // 0 = no one-byte folding

  FoldTable() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    for (UChar32 c = 0; c < kTableLimit; ++c) {
      if (c < 0x80) {
        to[c] = static_cast<char>(u_tolower(c));
        continue;
      }
      if (c == 0x0110 || c == 0x0111 || c == 0x00D0) {  // Đ đ and the look-alike Ð
        to[c] = 'd';
        continue;
      }
      if (U_FAILURE(status)) continue;
      icu::UnicodeString decomposed;
      UErrorCode s = U_ZERO_ERROR;
      nfd->normalize(icu::UnicodeString(c), decomposed, s);
      if (U_FAILURE(s) || decomposed.isEmpty()) continue;
      UChar32 base = u_tolower(decomposed.char32At(0));
      if (base < 0x80 && u_isalpha(base)) to[c] = static_cast<char>(base);
    }
    to[0xA0] = ' ';
  }
};

const FoldTable& Table() {
  static const FoldTable table;  // immutable after the thread-safe first initialisation
  return table;
}

char FoldPunctuation(UChar32 c) {
  switch (c) {
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212: return '-';
    case 0x2018: case 0x2019: return '\'';
    case 0x201C: case 0x201D: return '"';
    case 0x2026: return '.';
    case 0x2002: case 0x2003: case 0x2009: case 0x202F: return ' ';
    default: return 0;
  }
}

}  // namespace

Folded Fold(std::string_view text) {
  const FoldTable& table = Table();
  Folded out;
  // Folding never lengthens the text: size the buffers once and shrink them at the end (this
  // runs on every line and clause, so no per-byte push_back).
  out.text.resize(text.size());
  out.origin.resize(text.size() + 1);
  char* to = out.text.data();
  uint32_t* origin = out.origin.data();
  size_t k = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    const int32_t start = i;
    if (s[i] < 0x80) {  // ASCII: most of any letter, one table look-up
      const char one = table.to[s[i]];
      to[k] = one != 0 ? one : static_cast<char>(s[i]);
      origin[k++] = static_cast<uint32_t>(start);
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    char one = 0;
    if (c >= 0 && c < kTableLimit) one = table.to[c];
    if (one == 0 && c >= 0) one = FoldPunctuation(c);
    if (one == 0 && c >= 0 && c < kTableLimit && u_hasBinaryProperty(c, UCHAR_DIACRITIC)) {
      continue;  // a combining mark of NFD text: dropped, its bytes fold into the letter before
    }
    if (one != 0) {
      to[k] = one;
      origin[k++] = static_cast<uint32_t>(start);
    } else {  // keep unknown characters byte for byte
      for (int32_t b = start; b < i; ++b) {
        to[k] = static_cast<char>(s[b]);
        origin[k++] = static_cast<uint32_t>(start);
      }
    }
  }
  origin[k] = static_cast<uint32_t>(text.size());
  out.text.resize(k);
  out.origin.resize(k + 1);
  return out;
}

std::string FoldText(std::string_view text) { return Fold(text).text; }

}  // namespace congvan::extract
