// Phonotactic check of Vietnamese syllables: onset + rhyme + a tone the rhyme allows.
//
// A token is decomposed (ICU NFD) into lower-case base letters (a ă â ... đ ... ư y) and at most
// one tone mark; the letters are then split into an onset from a closed list and a rhyme from a
// closed list, and the spelling rules (k/gh/ngh before front vowels, qu, gi) are applied.
#include "text/syllable.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <exception>
#include <optional>
#include <string>
#include <unordered_set>

namespace congvan::text {
namespace {

enum class Tone { kNone, kAcute, kGrave, kHook, kTilde, kDot };

// A syllable with its tone taken out: lower-case letters (precomposed ă â ê ô ơ ư đ) and a tone.
struct Bare {
  std::u32string letters;
  Tone tone = Tone::kNone;
};

// The tone a combining mark stands for, or nullopt when it is not a tone mark.
std::optional<Tone> ToneOfMark(UChar32 c) {
  switch (c) {
    case 0x0301: return Tone::kAcute;
    case 0x0300: return Tone::kGrave;
    case 0x0309: return Tone::kHook;
    case 0x0303: return Tone::kTilde;
    case 0x0323: return Tone::kDot;
    default: return std::nullopt;
  }
}

// Applies a vowel-quality mark (breve, circumflex, horn) to a base letter; 0 if the pair is not
// a Vietnamese letter (e.g. "i" + circumflex).
char32_t ApplyVowelMark(char32_t base, UChar32 mark) {
  if (mark == 0x0306 && base == U'a') return U'ă';
  if (mark == 0x0302) {
    if (base == U'a') return U'â';
    if (base == U'e') return U'ê';
    if (base == U'o') return U'ô';
  }
  if (mark == 0x031B) {
    if (base == U'o') return U'ơ';
    if (base == U'u') return U'ư';
  }
  return 0;
}

// Lower-case Latin letters Vietnamese spelling uses: no f, j, w, z.
bool IsVietnameseBaseLetter(UChar32 c) {
  if (c == 0x0111) return true;  // đ
  if (c < 'a' || c > 'z') return false;
  return c != 'f' && c != 'j' && c != 'w' && c != 'z';
}

// Adds one NFD code point to `out`; false when the token cannot be a syllable.
bool AddCodePoint(UChar32 c, Bare& out) {
  if (std::optional<Tone> tone = ToneOfMark(c)) {
    if (out.tone != Tone::kNone || out.letters.empty()) return false;  // two tones, or no vowel
    out.tone = *tone;
    return true;
  }
  if (c == 0x0306 || c == 0x0302 || c == 0x031B) {
    if (out.letters.empty()) return false;
    char32_t marked = ApplyVowelMark(out.letters.back(), c);
    if (marked == 0) return false;
    out.letters.back() = marked;
    return true;
  }
  UChar32 lower = u_tolower(c);
  if (!IsVietnameseBaseLetter(lower)) return false;
  out.letters.push_back(static_cast<char32_t>(lower));
  return true;
}

// Splits `token` into letters and tone; nullopt for anything that is not made of Vietnamese
// letters and at most one tone mark.
std::optional<Bare> Decompose(std::string_view token) {
  if (token.empty() || token.size() > 64) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return std::nullopt;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(token.data(), static_cast<int32_t>(token.size())));
  icu::UnicodeString decomposed = nfd->normalize(text, status);
  if (U_FAILURE(status)) return std::nullopt;
  Bare out;
  for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
    if (!AddCodePoint(decomposed.char32At(i), out)) return std::nullopt;
  }
  return out;
}

// Every onset, longest first so that "ngh" is tried before "ng" and "n".
constexpr std::array<std::u32string_view, 28> kOnsets = {
    U"ngh", U"ng", U"gh", U"gi", U"kh", U"nh", U"ph", U"qu", U"th", U"tr", U"ch",
    U"b",   U"c",  U"d",  U"đ",  U"g",  U"h",  U"k",  U"l",  U"m",  U"n",  U"p",
    U"r",   U"s",  U"t",  U"v",  U"x",  U""};

// Every rhyme as written (medial glide, nucleus, coda), tone removed.
bool IsRhyme(std::u32string_view rhyme) {
  static const std::unordered_set<std::u32string_view> kRhymes = {
      // open rhymes and off-glides
      U"a", U"ai", U"ao", U"au", U"ay", U"âu", U"ây", U"e", U"eo", U"ê", U"êu", U"i", U"ia",
      U"iu", U"o", U"oi", U"ô", U"ôi", U"ơ", U"ơi", U"u", U"ua", U"ui", U"ư", U"ưa", U"ưi",
      U"ưu", U"y", U"iêu", U"yêu", U"uôi", U"ươi", U"ươu", U"oa", U"oai", U"oao", U"oay",
      U"oe", U"oeo", U"uê", U"uơ", U"uy", U"uya", U"uyu", U"uây",
      // a ă â
      U"ac", U"ach", U"am", U"an", U"ang", U"anh", U"ap", U"at",
      U"ăc", U"ăm", U"ăn", U"ăng", U"ăp", U"ăt",
      U"âc", U"âm", U"ân", U"âng", U"âp", U"ât",
      // e ê i
      U"ec", U"em", U"en", U"eng", U"ep", U"et",
      U"êch", U"êm", U"ên", U"êng", U"ênh", U"êp", U"êt",
      U"ich", U"im", U"in", U"inh", U"ip", U"it",
      // o ô ơ oo
      U"oc", U"om", U"on", U"ong", U"op", U"ot", U"ooc", U"oong",
      U"ôc", U"ôm", U"ôn", U"ông", U"ôp", U"ôt",
      U"ơm", U"ơn", U"ơp", U"ơt",
      // u ư
      U"uc", U"um", U"un", U"ung", U"up", U"ut",
      U"ưc", U"ưm", U"ưn", U"ưng", U"ưt",
      // diphthongs iê/yê, uô, ươ
      U"iêc", U"iêm", U"iên", U"iêng", U"iêp", U"iêt",
      U"yêm", U"yên", U"yêng", U"yêt",
      U"uôc", U"uôm", U"uôn", U"uông", U"uôt",
      U"ươc", U"ươm", U"ươn", U"ương", U"ươp", U"ươt",
      // medial o/u
      U"oac", U"oach", U"oam", U"oan", U"oang", U"oanh", U"oap", U"oat",
      U"oăc", U"oăm", U"oăn", U"oăng", U"oăt",
      U"oem", U"oen", U"oet",
      U"uân", U"uâng", U"uât",
      U"uêch", U"uên", U"uênh",
      U"uych", U"uynh", U"uyp", U"uyt", U"uyên", U"uyêt"};
  return kRhymes.count(rhyme) > 0;
}

bool IsFrontVowel(char32_t c) { return c == U'i' || c == U'e' || c == U'ê' || c == U'y'; }

// Checked rhymes (ending in a stop) only take sắc or nặng.
bool ToneFitsRhyme(std::u32string_view rhyme, Tone tone) {
  char32_t last = rhyme.back();
  bool checked = last == U'p' || last == U't' || last == U'c' ||
                 (last == U'h' && rhyme.size() >= 2 && rhyme[rhyme.size() - 2] == U'c');
  return !checked || tone == Tone::kAcute || tone == Tone::kDot;
}

// "qu" already holds the medial u: the rest must be a rhyme once that glide is put back.
bool IsRhymeAfterQu(std::u32string_view rest) {
  if (rest[0] == U'u' || rest[0] == U'o') return false;
  std::u32string with_u = U"u" + std::u32string(rest);
  std::u32string with_o = U"o" + std::u32string(rest);
  return IsRhyme(with_u) || IsRhyme(with_o);
}

// Spelling rules that tie the onset letters to the first letter of the rhyme.
bool SpellingAllows(std::u32string_view onset, std::u32string_view rhyme) {
  bool front = IsFrontVowel(rhyme[0]);
  if (onset == U"k" || onset == U"gh" || onset == U"ngh") return front;
  if (onset == U"c" || onset == U"ng") {
    if (front) return false;
    // /kw/ before these rhymes is written qu-: "quy", "quân", "quê".
    return onset != U"c" || !(rhyme.starts_with(U"uy") || rhyme.starts_with(U"uâ") ||
                              rhyme.starts_with(U"uê"));
  }
  // "g" before i is the gi- onset sharing its i with the rhyme: "gì", "gìn", "giếng".
  if (onset == U"g") return !front || rhyme[0] == U'i';
  if (onset == U"gi") return rhyme[0] != U'i' && rhyme[0] != U'y';
  return true;
}

// True when `rest`, after `onset`, is a rhyme the onset and the tone allow.
bool RhymeFits(std::u32string_view onset, std::u32string_view rest, Tone tone) {
  if (rest.empty()) return false;
  bool rhyme_ok = onset == U"qu" ? IsRhymeAfterQu(rest) : IsRhyme(rest);
  return rhyme_ok && SpellingAllows(onset, rest) && ToneFitsRhyme(rest, tone);
}

bool IsValidBare(const Bare& bare) {
  std::u32string_view word = bare.letters;
  for (std::u32string_view onset : kOnsets) {
    if (word.starts_with(onset) && RhymeFits(onset, word.substr(onset.size()), bare.tone)) {
      return true;
    }
  }
  return false;
}

// Token characters: letters, digits and combining marks (so NFD text stays in one token).
bool IsTokenChar(UChar32 c) {
  return u_isalpha(c) || u_isdigit(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

struct TokenShape {
  int letters = 0;
  bool has_digit = false;
  bool all_upper = true;
};

TokenShape ShapeOf(std::string_view token) {
  TokenShape shape;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(token.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(token.data(), i, n, c);
    if (u_isdigit(c)) {
      shape.has_digit = true;
    } else if (u_isalpha(c)) {
      ++shape.letters;
      if (!u_isupper(c)) shape.all_upper = false;
    }
  }
  return shape;
}

// All-capital tokens of up to six letters are abbreviations in letters (UBND, HĐND, TTHC);
// they are not syllables and not errors either.
bool IsAbbreviation(const TokenShape& shape) {
  return !shape.has_digit && shape.all_upper && shape.letters <= 6;
}

// Calls `fn` for every maximal run of token characters in `text`.
template <typename Fn>
void ForEachToken(std::string_view text, Fn&& fn) {
  int32_t i = 0, start = -1;
  const int32_t n = static_cast<int32_t>(text.size());
  while (i < n) {
    int32_t here = i;
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    bool in_token = c >= 0 && IsTokenChar(c);
    if (in_token && start < 0) start = here;
    if (!in_token && start >= 0) {
      fn(text.substr(start, here - start));
      start = -1;
    }
  }
  if (start >= 0) fn(text.substr(start));
}

}  // namespace

bool IsVietnameseSyllable(std::string_view token) {
  try {
    std::optional<Bare> bare = Decompose(token);
    return bare.has_value() && IsValidBare(*bare);
  } catch (const std::exception&) {  // only bad_alloc can get here; a token is then "not valid"
    return false;
  }
}

double ValidSyllableShare(std::string_view text) {
  try {
    int counted = 0, valid = 0;
    ForEachToken(text, [&](std::string_view token) {
      TokenShape shape = ShapeOf(token);
      if (shape.letters == 0 || IsAbbreviation(shape)) return;
      ++counted;
      // A digit inside a word ("s6", "c6") is OCR damage, never part of a syllable.
      if (!shape.has_digit && IsVietnameseSyllable(token)) ++valid;
    });
    return counted == 0 ? 0.0 : static_cast<double>(valid) / counted;
  } catch (const std::exception&) {
    return 0.0;
  }
}

}  // namespace congvan::text
