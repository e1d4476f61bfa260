// Unicode clean-up of OCR / converted text: invisible characters out, ligatures expanded,
// look-alike letters mapped to the Vietnamese letters they stand for, combining marks in the
// order NFC can compose, NFC.
#include "repair/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "text/syllable.h"

namespace congvan::repair {
namespace {

icu::UnicodeString FromUtf8(std::string_view utf8) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

std::string ToUtf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool IsMark(UChar32 c) { return (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0; }

// Word characters for look-alike and tone decisions: letters and combining marks. Digits and
// punctuation end a word, so "TT-BTС" is judged as "TT" and "BTС".
bool IsWordChar(UChar32 c) { return u_isalpha(c) || IsMark(c); }

// The letters a presentation-form ligature stands for (what NFKC gives), or nullptr.
const char16_t* LigatureLetters(UChar32 c) {
  switch (c) {
    case 0xFB00: return u"ff";
    case 0xFB01: return u"fi";
    case 0xFB02: return u"fl";
    case 0xFB03: return u"ffi";
    case 0xFB04: return u"ffl";
    case 0xFB05: return u"st";  // ſt
    case 0xFB06: return u"st";
    default: return nullptr;
  }
}

// Cyrillic letters that look like Latin ones, and the Latin letter a reader sees.
UChar32 LatinLookAlikeOfCyrillic(UChar32 c) {
  switch (c) {
    case 0x0410: return 'A';  case 0x0412: return 'B';  case 0x0415: return 'E';
    case 0x041A: return 'K';  case 0x041C: return 'M';  case 0x041D: return 'H';
    case 0x041E: return 'O';  case 0x0420: return 'P';  case 0x0421: return 'C';
    case 0x0422: return 'T';  case 0x0423: return 'Y';  case 0x0425: return 'X';
    case 0x0405: return 'S';  case 0x0406: return 'I';  case 0x0408: return 'J';
    case 0x051A: return 'Q';  case 0x051C: return 'W';  case 0x04AE: return 'Y';
    case 0x0430: return 'a';  case 0x0435: return 'e';  case 0x043E: return 'o';
    case 0x0440: return 'p';  case 0x0441: return 'c';  case 0x0443: return 'y';
    case 0x0445: return 'x';  case 0x0455: return 's';  case 0x0456: return 'i';
    case 0x0458: return 'j';  case 0x04BB: return 'h';  case 0x0501: return 'd';
    case 0x051B: return 'q';  case 0x051D: return 'w';  case 0x04CF: return 'l';
    default: return 0;
  }
}

bool IsCyrillic(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_CYRILLIC && U_SUCCESS(status);
}

bool IsEth(UChar32 c) { return c == 0x00D0 || c == 0x00F0; }

// A Latin letter that is not itself one of the look-alikes being judged.
bool IsPlainLatinLetter(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return u_isalpha(c) && !IsEth(c) && c != 0x01A2 && c != 0x01A3 &&
         uscript_getScript(c, &status) == USCRIPT_LATIN && U_SUCCESS(status);
}

// What one word (a run of word characters, NFD) looks like.
struct WordScript {
  bool has_latin = false;
  bool cyrillic_all_mappable = true;
};

WordScript JudgeWord(const icu::UnicodeString& text, int32_t start, int32_t end) {
  WordScript word;
  for (int32_t i = start; i < end; i = text.moveIndex32(i, 1)) {
    UChar32 c = text.char32At(i);
    if (IsPlainLatinLetter(c)) word.has_latin = true;
    if (IsCyrillic(c) && u_isalpha(c) && LatinLookAlikeOfCyrillic(c) == 0) {
      word.cyrillic_all_mappable = false;  // a real Cyrillic letter: this is Cyrillic text
    }
  }
  return word;
}

// The letter `c` stands for inside a word of the given make-up.
UChar32 MapLookAlike(UChar32 c, const WordScript& word) {
  if (c == 0x01A3) return 0x01B0;  // ƣ → ư: a PDF font substitute, never Vietnamese itself
  if (c == 0x01A2) return 0x01AF;  // Ƣ → Ư
  if (!word.has_latin) return c;   // wholly Cyrillic (or lone Ð) words are left alone
  if (c == 0x00D0) return 0x0110;  // Ð → Đ
  if (c == 0x00F0) return 0x0111;  // ð → đ
  if (word.cyrillic_all_mappable) {
    if (UChar32 latin = LatinLookAlikeOfCyrillic(c)) return latin;
  }
  return c;
}

void AppendMappedWord(const icu::UnicodeString& text, int32_t start, int32_t end,
                      icu::UnicodeString& out) {
  WordScript word = JudgeWord(text, start, end);
  for (int32_t i = start; i < end; i = text.moveIndex32(i, 1)) {
    out.append(MapLookAlike(text.char32At(i), word));
  }
}

// Maps look-alikes word by word; characters outside words are copied unchanged.
icu::UnicodeString MapLookAlikes(const icu::UnicodeString& text) {
  icu::UnicodeString out;
  int32_t i = 0;
  while (i < text.length()) {
    if (!IsWordChar(text.char32At(i))) {
      out.append(text.char32At(i));
      i = text.moveIndex32(i, 1);
      continue;
    }
    int32_t end = i;
    while (end < text.length() && IsWordChar(text.char32At(end))) end = text.moveIndex32(end, 1);
    AppendMappedWord(text, i, end, out);
    i = end;
  }
  return out;
}

bool IsVowelQualityMark(UChar32 c) { return c == 0x0302 || c == 0x0306 || c == 0x031B; }
bool IsToneMark(UChar32 c) {
  return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}

// Within a run of Vietnamese combining marks, puts breve/circumflex/horn before the tone mark.
// OCR may emit "e" + acute + circumflex; both marks have combining class 230, so NFC would keep
// that order and leave "é̂" instead of "ế".
void ReorderMarkRun(std::vector<UChar32>& run) {
  bool vietnamese = std::all_of(run.begin(), run.end(), [](UChar32 c) {
    return IsVowelQualityMark(c) || IsToneMark(c);
  });
  if (vietnamese) std::stable_partition(run.begin(), run.end(), IsVowelQualityMark);
}

icu::UnicodeString ReorderVietnameseMarks(const icu::UnicodeString& nfd) {
  icu::UnicodeString out;
  std::vector<UChar32> run;
  auto flush = [&] {
    ReorderMarkRun(run);
    for (UChar32 c : run) out.append(c);
    run.clear();
  };
  for (int32_t i = 0; i < nfd.length(); i = nfd.moveIndex32(i, 1)) {
    UChar32 c = nfd.char32At(i);
    if (IsMark(c)) {
      run.push_back(c);
      continue;
    }
    flush();
    out.append(c);
  }
  flush();
  return out;
}

// ---- tone placement (CanonicalToneForm) ----

// One letter of a word in NFD: its base and the combining marks on it.
struct Slot {
  UChar32 base = 0;
  std::vector<UChar32> marks;
};

std::vector<Slot> SlotsOf(const icu::UnicodeString& nfd_word) {
  std::vector<Slot> slots;
  for (int32_t i = 0; i < nfd_word.length(); i = nfd_word.moveIndex32(i, 1)) {
    UChar32 c = nfd_word.char32At(i);
    if (IsMark(c) && !slots.empty()) {
      slots.back().marks.push_back(c);
    } else {
      slots.push_back(Slot{c, {}});
    }
  }
  return slots;
}

int ToneMarkIndex(const Slot& slot) {
  for (size_t i = 0; i < slot.marks.size(); ++i) {
    if (IsToneMark(slot.marks[i])) return static_cast<int>(i);
  }
  return -1;
}

UChar32 Lower(const Slot& slot) { return u_tolower(slot.base); }

// True when the word ends in the open rhyme oa / oe / uy with the tone on its last letter and
// no qu- or gi- onset in front (in "quý" the u belongs to the onset, so the tone is right).
bool HasNewStyleTone(const std::vector<Slot>& slots) {
  const size_t n = slots.size();
  if (n < 2) return false;
  const Slot& first = slots[n - 2];
  const Slot& second = slots[n - 1];
  UChar32 a = Lower(first), b = Lower(second);
  bool pair = (a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y');
  if (!pair || !first.marks.empty() || second.marks.size() != 1) return false;
  if (ToneMarkIndex(second) != 0) return false;
  UChar32 before = n >= 3 ? Lower(slots[n - 3]) : 0;
  return before != 'q' && !(before == 'i' && n >= 4 && Lower(slots[n - 4]) == 'g');
}

icu::UnicodeString JoinSlots(const std::vector<Slot>& slots) {
  icu::UnicodeString out;
  for (const Slot& slot : slots) {
    out.append(slot.base);
    for (UChar32 m : slot.marks) out.append(m);
  }
  return out;
}

// Moves the tone of a new-style "hoà" / "uỷ" onto the first vowel; other words are unchanged.
icu::UnicodeString OldStyleToneWord(const icu::UnicodeString& nfd_word) {
  std::vector<Slot> slots = SlotsOf(nfd_word);
  if (!HasNewStyleTone(slots)) return nfd_word;
  std::string utf8 = ToUtf8(nfd_word);
  if (!text::IsVietnameseSyllable(utf8)) return nfd_word;  // "Joè", "Zoé": not ours to touch
  Slot& first = slots[slots.size() - 2];
  Slot& second = slots[slots.size() - 1];
  first.marks.push_back(second.marks[0]);
  second.marks.clear();
  return JoinSlots(slots);
}

icu::UnicodeString OldStyleTones(const icu::UnicodeString& nfd) {
  icu::UnicodeString out;
  int32_t i = 0;
  while (i < nfd.length()) {
    if (!IsWordChar(nfd.char32At(i))) {
      out.append(nfd.char32At(i));
      i = nfd.moveIndex32(i, 1);
      continue;
    }
    int32_t end = i;
    while (end < nfd.length() && IsWordChar(nfd.char32At(end))) end = nfd.moveIndex32(end, 1);
    out.append(OldStyleToneWord(icu::UnicodeString(nfd, i, end - i)));
    i = end;
  }
  return out;
}

std::string CanonicalToneFormOrThrow(std::string_view utf8) {
  if (IsAscii(utf8)) return std::string(utf8);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(utf8);
  icu::UnicodeString decomposed = nfd->normalize(FromUtf8(utf8), status);
  if (U_FAILURE(status)) return std::string(utf8);
  icu::UnicodeString composed = nfc->normalize(OldStyleTones(decomposed), status);
  if (U_FAILURE(status)) return std::string(utf8);
  return ToUtf8(composed);
}

}  // namespace

struct Normalizer::Impl {
  const icu::Normalizer2* nfc = nullptr;  // ICU-owned singletons: never deleted
  const icu::Normalizer2* nfd = nullptr;
  icu::UnicodeSet invisible;              // owned; frozen, so safe to read

  // Drops invisible characters and spells out ligatures: the first pass over raw input.
  icu::UnicodeString Clean(const icu::UnicodeString& text) const;
  // The whole pipeline; false on an ICU failure.
  bool Run(std::string_view utf8, std::string& out) const;
};

icu::UnicodeString Normalizer::Impl::Clean(const icu::UnicodeString& text) const {
  icu::UnicodeString out;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    UChar32 c = text.char32At(i);
    if (invisible.contains(c)) continue;
    if (const char16_t* letters = LigatureLetters(c)) {
      out.append(letters);
    } else {
      out.append(c);
    }
  }
  return out;
}

bool Normalizer::Impl::Run(std::string_view utf8, std::string& out) const {
  UErrorCode status = U_ZERO_ERROR;
  // Look-alikes are mapped in NFD so that a Cyrillic "е" followed by a tone mark is replaced
  // before NFC has to compose it; marks are reordered after, then NFC composes everything.
  icu::UnicodeString decomposed = nfd->normalize(Clean(FromUtf8(utf8)), status);
  if (U_FAILURE(status)) return false;
  icu::UnicodeString fixed = ReorderVietnameseMarks(MapLookAlikes(decomposed));
  icu::UnicodeString composed = nfc->normalize(fixed, status);
  if (U_FAILURE(status)) return false;
  out = ToUtf8(composed);
  return true;
}

Normalizer::Normalizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Normalizer::~Normalizer() = default;
Normalizer::Normalizer(Normalizer&&) noexcept = default;
Normalizer& Normalizer::operator=(Normalizer&&) noexcept = default;

Result<Normalizer> Normalizer::Create() {
  try {
    auto impl = std::make_unique<Impl>();
    UErrorCode status = U_ZERO_ERROR;
    impl->nfc = icu::Normalizer2::getNFCInstance(status);
    impl->nfd = icu::Normalizer2::getNFDInstance(status);
    // soft hyphen, zero-width space / non-joiner / joiner, BOM (zero-width no-break space)
    impl->invisible.applyPattern(icu::UnicodeString(u"[\\u00AD\\u200B-\\u200D\\uFEFF]"), status);
    if (U_FAILURE(status)) {
      return Status::Internal(std::string("ICU normaliser set-up failed: ") + u_errorName(status));
    }
    impl->invisible.freeze();
    return Normalizer(std::move(impl));
  } catch (const std::exception& e) {
    return Status::Internal(std::string("normaliser set-up failed: ") + e.what());
  }
}

std::string Normalizer::Normalize(std::string_view utf8) const {
  if (IsAscii(utf8)) return std::string(utf8);  // nothing to map; the common case for numbers
  try {
    std::string out;
    if (impl_->Run(utf8, out)) return out;
  } catch (const std::exception&) {
    // Out of memory: fall through and hand the text back untouched rather than lose it.
  }
  return std::string(utf8);
}

PageText Normalizer::Normalize(PageText page) const {
  for (Line& line : page.lines) {
    line.text = Normalize(line.text);
    for (Word& word : line.words) word.text = Normalize(word.text);
  }
  return page;
}

std::string CanonicalToneForm(std::string_view utf8) {
  try {
    return CanonicalToneFormOrThrow(utf8);
  } catch (const std::exception&) {
    return std::string(utf8);
  }
}

}  // namespace congvan::repair
