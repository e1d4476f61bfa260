// Text decoding: the bytes of another OCR's output become UTF-8, whatever encoding they came in.
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "intake/internal.h"
#include "text/syllable.h"

namespace congvan::intake::internal {
namespace {

using namespace std::string_view_literals;

struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};
struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using DetectorPtr = std::unique_ptr<UCharsetDetector, DetectorCloser>;
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

// Share of code points that no text file should contain (controls other than tab, line ends and
// form feed; U+FFFD) above which the input is called binary rather than text.
constexpr double kMaxJunkShare = 0.02;

struct Utf8Scan {
  size_t invalid_bytes = 0;   // bytes that start no valid sequence
  size_t multibyte = 0;       // valid sequences of 2+ bytes
};

Utf8Scan ScanUtf8(std::string_view s) {
  Utf8Scan scan;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);  // ICU's decoder: rejects overlongs, surrogates and truncations
    if (c < 0) {
      scan.invalid_bytes += static_cast<size_t>(i - start);
    } else if (i - start > 1) {
      ++scan.multibyte;
    }
  }
  return scan;
}

// Replaces each invalid byte with U+FFFD.
std::string RepairUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

bool IsJunk(UChar32 c) {
  if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return false;
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0xFFFD;
}

double JunkShare(std::string_view utf8) {
  const auto* p = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t n = static_cast<int32_t>(utf8.size());
  size_t total = 0, junk = 0;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    ++total;
    if (c < 0 || IsJunk(c)) ++junk;
  }
  return total == 0 ? 0.0 : static_cast<double>(junk) / static_cast<double>(total);
}

std::string NormalizeNewlines(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Converts `bytes` from `encoding` to UTF-8 (NFC: legacy Vietnamese code pages such as
// windows-1258 spell tones as combining marks). Fails on any byte the encoding cannot map.
Result<std::string> ConvertToUtf8(std::string_view bytes, const char* encoding) {
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr cnv(ucnv_open(encoding, &err));
  if (U_FAILURE(err)) return Status::Internal(std::string("no ICU converter for ") + encoding);
  ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), cnv.get(), err);
  if (U_FAILURE(err) || text.isBogus()) {
    return Status::InvalidInput(std::string("not valid ") + encoding);
  }
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_SUCCESS(err)) {
    icu::UnicodeString normal = nfc->normalize(text, err);
    if (U_SUCCESS(err)) text = normal;
  }
  std::string utf8;
  text.toUTF8String(utf8);
  return utf8;
}

// Single-byte Latin code pages ICU's detector reports for Vietnamese windows-1258 text, which
// it cannot recognise itself.
bool IsLatinCodePage(std::string_view name) {
  static constexpr std::string_view kLatin[] = {"ISO-8859-1", "ISO-8859-2", "ISO-8859-9",
                                                "windows-1250", "windows-1252", "windows-1254"};
  return std::find(std::begin(kLatin), std::end(kLatin), name) != std::end(kLatin);
}

// Candidate encodings for non-UTF-8 bytes, most likely first according to ICU's detector.
std::vector<std::string> CandidateEncodings(std::string_view bytes) {
  std::vector<std::string> names;
  UErrorCode err = U_ZERO_ERROR;
  DetectorPtr det(ucsdet_open(&err));
  if (U_FAILURE(err)) return names;
  ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &err);
  int32_t found = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &found, &err);
  if (U_FAILURE(err)) return names;
  bool latin = false;
  for (int32_t i = 0; i < found && names.size() < 6; ++i) {
    UErrorCode e = U_ZERO_ERROR;
    const char* name = ucsdet_getName(matches[i], &e);
    // UTF-8 was already ruled out; UTF-16/32 without a BOM would have NUL bytes, refused before.
    if (U_FAILURE(e) || name == nullptr) continue;
    const std::string_view n(name);
    if (n == "UTF-8" || n.starts_with("UTF-16") || n.starts_with("UTF-32")) continue;
    names.emplace_back(name);
    latin = latin || IsLatinCodePage(name);
  }
  if (latin) names.emplace_back("windows-1258");
  return names;
}

// The first ~64 KiB of `bytes`, cut after a space or line end: enough to choose an encoding,
// and in every ASCII-compatible encoding those bytes end a character, so the cut splits none.
std::string_view Sample(std::string_view bytes) {
  constexpr size_t kSample = 64 * 1024;
  if (bytes.size() <= kSample) return bytes;
  const size_t cut = bytes.substr(0, kSample).find_last_of(" \n");
  return bytes.substr(0, cut == std::string_view::npos ? kSample : cut + 1);
}

// Picks the candidate whose decoding of a sample reads most like Vietnamese (ties go to the
// detector's order), then converts the whole text with it.
Result<DecodedText> DecodeLegacy(std::string_view bytes) {
  const std::string_view sample = Sample(bytes);
  std::string best;
  double best_score = -1;
  for (const std::string& name : CandidateEncodings(sample)) {
    Result<std::string> text = ConvertToUtf8(sample, name.c_str());
    if (!text.ok() || JunkShare(*text) > kMaxJunkShare) continue;
    const double score = text::ValidSyllableShare(*text);
    if (score > best_score) {
      best_score = score;
      best = name;
    }
  }
  if (best_score < 0) {
    return Status::InvalidInput(
        "undecodable text: not UTF-8, and no known encoding gives readable text");
  }
  Result<std::string> text = ConvertToUtf8(bytes, best.c_str());
  if (!text.ok()) {
    return Status::InvalidInput("undecodable text: looks like " + best + " but is not valid " +
                                best + " throughout");
  }
  return DecodedText{std::move(*text), {"text was " + best + ", converted to UTF-8"}};
}

// Whether at least 95 % of the characters of UTF-8 `text` are whitespace, ASCII or Latin letters
// with their accents (Vietnamese included) and punctuation: what UTF-16 text guessed without a BOM
// must be, unlike binary data read as UTF-16 (CJK and private-use characters).
bool MostlyLatin(std::string_view text) {
  size_t chars = 0, latin = 0;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    char32_t cp = c;
    size_t len = 1;
    if (c >= 0xF0) { len = 4; cp = c & 0x07; }
    else if (c >= 0xE0) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xC0) { len = 2; cp = c & 0x1F; }
    for (size_t k = 1; k < len && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    i += len;
    ++chars;
    latin += (cp >= 0x20 && cp < 0x7F) || cp == '\n' || cp == '\r' || cp == '\t' ||
             cp == '\f' || (cp >= 0xA0 && cp < 0x250) || (cp >= 0x300 && cp < 0x370) ||
             (cp >= 0x1E00 && cp < 0x1F00) || (cp >= 0x2000 && cp < 0x2070);
  }
  return chars > 0 && latin * 100 >= chars * 95;
}

// Files that open with a BOM say their encoding; UTF-32 is checked before UTF-16 because the
// UTF-32LE BOM begins with the UTF-16LE one.
const char* BomEncoding(std::string_view b) {
  if (b.substr(0, 4) == "\xFF\xFE\0\0"sv) return "UTF-32LE";
  if (b.substr(0, 4) == "\0\0\xFE\xFF"sv) return "UTF-32BE";
  if (b.substr(0, 2) == "\xFF\xFE"sv) return "UTF-16LE";
  if (b.substr(0, 2) == "\xFE\xFF"sv) return "UTF-16BE";
  return nullptr;
}

size_t BomLength(std::string_view encoding) { return encoding.starts_with("UTF-32") ? 4 : 2; }

// Everything but the final junk check and newline normalisation.
Result<DecodedText> DecodeRaw(std::string_view bytes) {
  if (const char* wide = BomEncoding(bytes)) {
    Result<std::string> text = ConvertToUtf8(bytes.substr(BomLength(wide)), wide);
    if (!text.ok()) return Status::InvalidInput(std::string("undecodable text: BOM says ") +
                                                wide + " but the data is not");
    return DecodedText{std::move(*text),
                       {std::string("text was ") + wide + ", converted to UTF-8"}};
  }
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (const char* wide = Utf16WithoutBom(bytes)) {
    Result<std::string> text = ConvertToUtf8(bytes, wide);
    if (text.ok() && MostlyLatin(*text)) {
      return DecodedText{std::move(*text), {std::string("text was ") + wide +
                                            " without a byte order mark, converted to UTF-8"}};
    }
  }
  if (bytes.find('\0') != std::string_view::npos) {
    return Status::InvalidInput(
        "not text: contains NUL bytes (binary data? UTF-16 text needs a byte order mark)");
  }
  const Utf8Scan scan = ScanUtf8(bytes);
  if (scan.invalid_bytes == 0) return DecodedText{std::string(bytes), {}};
  // Mostly good UTF-8 with a few stray bytes (a damaged file) is repaired, not re-encoded:
  // reading it as Latin-1 would turn every Vietnamese letter into mojibake.
  if (scan.multibyte >= 20 && scan.invalid_bytes * 100 <= scan.multibyte) {
    return DecodedText{RepairUtf8(bytes),
                       {"text had " + std::to_string(scan.invalid_bytes) +
                        " invalid UTF-8 bytes, replaced with U+FFFD"}};
  }
  // More valid multi-byte UTF-8 than bad bytes means UTF-8 that is broken, not a legacy code
  // page (whose accented letters almost never form valid UTF-8 sequences by chance). Reading it
  // as Latin-1 would register mojibake, so it is refused.
  if (scan.multibyte > scan.invalid_bytes) {
    return Status::InvalidInput("invalid UTF-8: " + std::to_string(scan.invalid_bytes) +
                                " bytes do not decode (a damaged file? save it as UTF-8)");
  }
  return DecodeLegacy(bytes);
}

}  // namespace

Result<DecodedText> DecodeText(std::string_view bytes) {
  if (bytes.size() > static_cast<size_t>(INT32_MAX)) {
    return Status::TooLarge("text file over 2 GB cannot be decoded");
  }
  try {
    Result<DecodedText> decoded = DecodeRaw(bytes);
    if (!decoded.ok()) return decoded;
    if (JunkShare(decoded->utf8) > kMaxJunkShare) {
      return Status::InvalidInput("not text: too many control characters (binary data?)");
    }
    decoded->utf8 = NormalizeNewlines(decoded->utf8);
    return decoded;
  } catch (const std::bad_alloc&) {
    return Status::Internal("out of memory decoding text");
  }
}

std::vector<std::string> SplitPages(const std::string& text) {
  std::vector<std::string> pages;
  size_t start = 0;
  for (;;) {
    const size_t ff = text.find('\f', start);
    pages.push_back(text.substr(start, ff == std::string::npos ? std::string::npos : ff - start));
    if (ff == std::string::npos) break;
    start = ff + 1;
  }
  auto blank = [](const std::string& p) {
    return p.find_first_not_of(" \t\n\v") == std::string::npos;
  };
  while (pages.size() > 1 && blank(pages.back())) pages.pop_back();
  return pages;
}

}  // namespace congvan::intake::internal
