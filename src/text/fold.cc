#include "text/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>

#include "text/utf8.h"

namespace congvan::text {
namespace {

// Latin, Latin Extended, the combining marks and Latin Extended Additional (ấ, ệ, ỹ …) all lie
// below U+2000: one table entry each.
constexpr char32_t kTableSize = kFoldTableSize;

bool IsMark(UChar32 c) { return (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0; }

// The one base letter `c` decomposes into (NFD), or `c` when its decomposition is not one
// letter followed by marks (Hangul syllables, for instance, decompose into several letters).
char32_t BaseLetter(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString decomposition;
  if (U_FAILURE(status) || !nfd->getDecomposition(static_cast<UChar32>(c), decomposition)) {
    return c;
  }
  const UChar32 base = decomposition.char32At(0);
  for (int32_t i = decomposition.moveIndex32(0, 1); i < decomposition.length();
       i = decomposition.moveIndex32(i, 1)) {
    if (!IsMark(decomposition.char32At(i))) return c;
  }
  return static_cast<char32_t>(base);
}

// đ has no decomposition in Unicode (it is a letter of its own), so NFD cannot fold it; ð and Ð
// (eth) are what some fonts and OCR produce for đ and Đ.
bool IsD(char32_t lower) { return lower == 0x0111 || lower == 0x00F0; }

CharFold Compute(char32_t c) {
  const UChar32 u = static_cast<UChar32>(c);
  if (IsMark(u)) return {0, c, c, CharKind::kMark};
  CharFold f;
  f.kind = u_isalpha(u) ? CharKind::kLetter
           : u_isalnum(u) ? CharKind::kDigit
                          : CharKind::kOther;
  f.lower = static_cast<char32_t>(u_foldCase(u, U_FOLD_CASE_DEFAULT));
  if (IsD(f.lower)) {
    f.folded = U'd';
    f.stripped = u_isupper(u) ? U'D' : U'd';
    return f;
  }
  // Lower case again after the marks are gone: İ folds to I + dot above, and I to i.
  f.folded = static_cast<char32_t>(u_foldCase(static_cast<UChar32>(BaseLetter(f.lower)),
                                              U_FOLD_CASE_DEFAULT));
  f.stripped = BaseLetter(c);
  return f;
}

struct FoldTable {
  std::array<CharFold, kTableSize> entries;
  FoldTable() {
    for (char32_t c = 0; c < kTableSize; ++c) entries[c] = Compute(c);
  }
};

const FoldTable& Table() {
  static const FoldTable table;  // immutable after the thread-safe first initialisation
  return table;
}

// What the rules' folding does with characters the letter folding leaves alone.
char FoldPunctuation(char32_t c) {
  switch (c) {
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212: return '-';
    case 0x2018: case 0x2019: return '\'';
    case 0x201C: case 0x201D: return '"';
    case 0x2026: return '.';
    case 0x00A0: case 0x2002: case 0x2003: case 0x2009: case 0x202F: return ' ';
    default: return 0;
  }
}

// The rules' folding of each code point below kRuleTableSize as one byte: the ASCII it folds
// to, kDrop, or kSlow (use the general path). Built from the letter table, so the rules fold
// exactly as search does; one byte per entry keeps the hot loop in a few cache lines.
constexpr char32_t kRuleTableSize = 0x2100;  // the letters and General Punctuation
constexpr char kSlow = 0;
constexpr char kDrop = static_cast<char>(0xFF);  // never an output byte: not ASCII

struct RuleTable {
  std::array<char, kRuleTableSize> to{};
  RuleTable() {
    for (char32_t c = 0; c < kRuleTableSize; ++c) to[c] = Compute(c);
  }
  static char Compute(char32_t c) {
    if (const char p = FoldPunctuation(c)) return p;
    const CharFold f = FoldOf(c);
    if (f.kind == CharKind::kMark) return kDrop;
    if (f.folded < 0x80) return static_cast<char>(f.folded);
    // A spacing diacritic (´ ¨ ˆ · …) beside a letter: OCR noise inside a word, dropped so the
    // word still matches. ASCII ^ and ` are kept above.
    if (u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DIACRITIC)) return kDrop;
    return kSlow;
  }
};

const RuleTable& Rules() {
  static const RuleTable table;
  return table;
}

}  // namespace

const CharFold* FoldTable() { return Table().entries.data(); }

CharFold FoldOf(char32_t c) { return c < kTableSize ? Table().entries[c] : Compute(c); }

char32_t FoldChar(char32_t c) { return FoldOf(c).folded; }

char32_t StripMarks(char32_t c) { return FoldOf(c).stripped; }

Folded Fold(std::string_view text) {
  const RuleTable& table = Rules();
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
      to[k] = table.to[s[i]];
      origin[k++] = static_cast<uint32_t>(start);
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    char one = kSlow;
    if (c >= 0 && static_cast<char32_t>(c) < kRuleTableSize) one = table.to[c];
    if (one == kDrop) continue;  // its bytes fold into the letter before
    if (one != kSlow) {
      to[k] = one;
      origin[k++] = static_cast<uint32_t>(start);
      continue;
    }
    char buffer[4];
    const char* bytes = reinterpret_cast<const char*>(s + start);
    int32_t length = i - start;
    if (c >= 0) {
      const char32_t folded = FoldOf(static_cast<char32_t>(c)).folded;
      if (folded == 0) continue;  // a combining mark above the table
      const int32_t folded_length = EncodeUtf8(folded, buffer);
      if (folded_length <= length) {
        bytes = buffer;
        length = folded_length;
      }
    }
    for (int32_t b = 0; b < length; ++b) {  // unknown or invalid bytes: kept as they are
      to[k] = bytes[b];
      origin[k++] = static_cast<uint32_t>(start);
    }
  }
  origin[k] = static_cast<uint32_t>(text.size());
  out.text.resize(k);
  out.origin.resize(k + 1);
  return out;
}

std::string FoldText(std::string_view text) { return Fold(text).text; }

std::string StripDiacritics(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  ForEachCodePoint(text, [&out](char32_t c) {
    const CharFold f = FoldOf(c);
    if (f.kind != CharKind::kMark) AppendUtf8(out, f.stripped);
  });
  return out;
}

std::string Nfc(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(text);
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  const icu::UnicodeString normalized = nfc->normalize(u, status);
  if (U_FAILURE(status)) return std::string(text);
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

}  // namespace congvan::text
