#include "ocr/handwriting.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/pix.h"
#include "ocr/digit_reader.h"

namespace congvan::ocr {
namespace {

// Only the top of the first page holds the number and date lines.
constexpr double kHeaderShareOfPage = 0.4;
// The re-read blank is enlarged like the stamps' handwriting (stamps.cc): the English model
// reads pen digits best at about twice the print's height.
constexpr float kEnlargement = 2.0f;
// The pen reader's reading is written in when both views of the digit model give its least
// sure digit at least this probability (0..1); below, only when Tesseract reads the same. On
// the fonts held out of training, digits both averaged views agree on at 0.7 are right 99.2 %
// of the time, as a single network's were at 0.85 (train_digits prints the table).
constexpr float kSurePen = 0.7f;
// The confidence a word of pen digits carries, whatever the readers' agreement: below that of
// clean print (extract/confidence.cc counts a word under 60 as doubtful), so the number or day
// it gives is shown for the clerk to confirm, never taken as read.
constexpr float kPenWordConfidence = 55.0f;
// The confidence of a number or day only the pen reader gives, unsure of it (readers
// disagreeing): a guess, far below any word read with some certainty.
constexpr float kGuessWordConfidence = 20.0f;
// The pen's strokes rise above and drop below the printed line: the pen reader looks this many
// line heights above and below the blank's box (it looks beyond its ends itself).
constexpr double kPenReachY = 0.25;
// Below this confidence the Vietnamese model's digits in a blank are re-read: it gives printed
// digits 90 and more, a pen's strokes it turned into digits much less.
constexpr float kUnsureDigits = 80.0f;

struct BoxFree { void operator()(BOX* b) const { boxDestroy(&b); } };

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Whether a word is all digits.
bool DigitsOfWord(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "Số:", "Số", "SỐ:" (and "So:" from a page that lost its marks).
bool IsNumberLabel(std::string_view w) {
  const std::string l = Lower(w);
  return l == "số:" || l == "số" || l == "so:" || l == "sỐ:" || w == "SỐ:" || w == "Số:" ||
         w == "SỐ";
}

// "ngày", also with the pen's strokes glued on ("ngày/†"): the label is its start.
bool IsDayLabel(std::string_view w) { return w.starts_with("ngày") || w.starts_with("NGÀY"); }

// "tháng", also with strokes glued before it ("{tháng").
bool IsMonthLabel(std::string_view w) { return w.ends_with("tháng") || w.ends_with("THÁNG"); }

// How many letters of a label word are the printed label itself ("Số:" 3, "ngày" 4, "tháng" 5).
int LabelLetters(std::string_view w, bool number) {
  if (number) return w.ends_with(":") || w.starts_with("Số:") || w.starts_with("SỐ:") ? 3 : 2;
  return IsMonthLabel(w) ? 5 : 4;
}

int Right(const Box& b) { return b.x + b.w; }

// Code points of a UTF-8 word.
int Letters(std::string_view w) {
  int n = 0;
  for (char c : w) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return std::max(n, 1);
}

// "Số:" with the pen's strokes glued on ("Số:⁄{6"): the label is its start.
bool IsGluedNumberLabel(std::string_view w) {
  if ((w.starts_with("Số:") || w.starts_with("SỐ:")) && w.size() > std::string_view("Số:").size()) {
    return true;
  }
  // The colon and the pen's digits read as letters glued to the label ("SôztT" for "Số:11"):
  // the label's two letters, its tone mark misread, then nothing that goes on a word beginning
  // so ("sống", "sốc", "sốt", "sôi", "sổ sách"); the closing "/CT-UBND" is looked for as well.
  for (std::string_view label : {"Số", "Sô", "Só", "Sồ", "Sổ", "SỐ"}) {
    if (!w.starts_with(label) || w.size() == label.size()) continue;
    const std::string_view rest = w.substr(label.size());
    return rest.find_first_of("aeiouy") == std::string_view::npos &&
           std::string_view("cmnpt").find(rest.front()) == std::string_view::npos;
  }
  return false;
}

// How many letters of a symbol word come before its "/" ("@39_/TTr-UBND": 4), when those are
// the pen's strokes read as junk rather than a sure number; -1 when the word is no symbol.
int JunkBeforeSymbol(const Word& w) {
  const std::size_t slash = w.text.find('/');
  if (slash == std::string::npos) return -1;
  if (slash == 0) return 0;
  const std::string_view before = std::string_view(w.text).substr(0, slash);
  if (before.size() > 8) return -1;
  if (DigitsOfWord(before) && w.confidence >= kUnsureDigits) return -1;
  // "1307-CV/HU": a Party letter's printed number before the first part of its symbol.
  const std::size_t dash = before.find('-');
  if (dash != std::string_view::npos && dash > 0 && DigitsOfWord(before.substr(0, dash)) &&
      w.confidence >= kUnsureDigits) {
    return -1;
  }
  return Letters(before);
}

// "ngày‡tháng": the day's label, the pen's strokes and the month's label read as one word.
bool IsDayAndMonth(std::string_view w) {
  return IsDayLabel(w) && IsMonthLabel(w) && Letters(w) > 9;
}

// A word the Vietnamese model made of pen digits, unsure ("04" for a handwritten "01"): read
// again like a blank.
bool IsUnsureDigits(const Word& w) {
  return HasDigit(w.text) && (!DigitsOfWord(w.text) || w.confidence < kUnsureDigits);
}

// The blank between words a and b of `line`, when nothing between them holds a sure digit.
// Pen digits written tight against the label ("ngày06tháng") end up inside the label's box: the
// part of that box beyond the label's own letters (at the width of the closing word's letters)
// is the blank then.
std::optional<Box> Gap(const Line& line, std::size_t a, std::size_t b, bool number,
                       int closing_junk = 0) {
  // Digits Tesseract is sure of stand, unless signs it could not read sit beside them ("2 ‡" for
  // a pen's "21": the strokes of one number, half read).
  bool signs_beside = false;
  for (std::size_t k = a + 1; k < b; ++k) signs_beside |= !HasDigit(line.words[k].text);
  for (std::size_t k = a + 1; k < b; ++k) {
    if (HasDigit(line.words[k].text) && !IsUnsureDigits(line.words[k]) && !signs_beside) return std::nullopt;
  }
  const std::string& label = line.words[a].text;
  const std::string& closing = line.words[b].text;
  const Box& left = line.words[a].box;
  const Box& right = line.words[b].box;
  if (left.empty() || right.empty()) return std::nullopt;
  const double letter = static_cast<double>(right.w) / Letters(closing);
  int start = Right(left);
  const int label_end = left.x + static_cast<int>(letter * LabelLetters(label, number));
  // Strokes read as letters of the label ("ngày-{ệ") are the pen's, however wide the gap after.
  const bool strokes_in_label = Letters(label) > LabelLetters(label, number);
  if ((right.x - start < letter || strokes_in_label) && Right(left) - label_end > 1.5 * letter) {
    start = label_end;
  }
  // Strokes glued before "tháng" belong to the blank too.
  int end = right.x + static_cast<int>(letter * closing_junk);
  if (!number && Letters(closing) > 5) {
    end = right.x + static_cast<int>(letter * (Letters(closing) - 5));
  } else if (!number && !strokes_in_label) {
    // A digit the model took for nothing inside the box of "tháng" ("15" boxed with it): the box
    // is wider than five letters as wide as those of the clean "ngày" before it.
    const double label_letter = static_cast<double>(left.w) / Letters(label);
    const int excess = right.w - static_cast<int>(5 * label_letter);
    if (excess > label_letter) end = right.x + excess;
  }
  if (end - start < letter) return std::nullopt;
  const int top = std::min(left.y, right.y), bottom = std::max(left.y + left.h, right.y + right.h);
  const int height = bottom - top;
  // Pen digits rise above and drop below the printed line.
  return Box{start + 2, std::max(0, top - height / 2), end - start - 4, height * 2};
}

std::string DigitsOf(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') out.push_back(c);
  }
  return out;
}

// What one reading of a blank gave: the digits of its words, and how sure the least sure of
// those words was.
struct Reading {
  std::string digits;
  float confidence = 0;
};

// The word without the punctuation a pen's flourish adds around it ("299°", "&99", "86:").
std::string_view TrimFlourish(std::string_view w) {
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  while (!w.empty() && !alnum(w.front())) w.remove_prefix(1);
  while (!w.empty() && !alnum(w.back())) w.remove_suffix(1);
  return w;
}

// One reading of `image` (the enlarged blank) as `mode`. The English model reads without a
// whitelist: limited to digits it reports no usable confidence (0 for a clean "86"), and
// letters it would rather read ("c86") are a sign the strokes are no digits.
Reading ReadOnce(tesseract::TessBaseAPI& api, Pix* image, int dpi, tesseract::PageSegMode mode) {
  api.SetPageSegMode(mode);
  api.SetImage(image);
  api.SetSourceResolution(dpi);
  Reading out;
  if (api.Recognize(nullptr) != 0) {
    api.Clear();
    return out;
  }
  out.confidence = 100.0f;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (it != nullptr) {
    do {
      std::unique_ptr<char[]> word(it->GetUTF8Text(tesseract::RIL_WORD));
      if (word == nullptr) continue;
      const std::string_view core = TrimFlourish(word.get());
      if (!HasDigit(core)) continue;
      const float confidence = it->Confidence(tesseract::RIL_WORD);
      out.digits += DigitsOf(core);
      // Letters among the digits: the model saw no number there.
      out.confidence = std::min(out.confidence, DigitsOfWord(core) ? confidence : 0.0f);
    } while (it->Next(tesseract::RIL_WORD));
  }
  api.Clear();
  if (out.digits.empty()) out.confidence = 0;
  return out;
}

// Whether Tesseract, reading `b` of `page` enlarged as a line or else as one word, gives
// `digits`, sure or not: a second reader that fails differently from the pen reader. Its
// confidence in that reading goes to `confidence`.
bool TesseractReadsTheSame(tesseract::TessBaseAPI& api, const Pix* page, int dpi, const Box& b,
                           const std::string& digits, float* confidence) {
  std::unique_ptr<BOX, BoxFree> box(boxCreate(b.x, b.y, std::max(1, b.w), std::max(1, b.h)));
  PixPtr cut = AdoptPix(pixClipRectangle(const_cast<Pix*>(page), box.get(), nullptr));
  if (cut == nullptr) return false;
  PixPtr grey = AdoptPix(pixConvertTo8(cut.get(), 0));
  if (grey == nullptr) return false;
  PixPtr big = AdoptPix(pixScaleGrayLI(grey.get(), kEnlargement, kEnlargement));
  if (big == nullptr) return false;
  const int big_dpi = static_cast<int>(dpi * kEnlargement);
  for (tesseract::PageSegMode mode : {tesseract::PSM_SINGLE_LINE, tesseract::PSM_SINGLE_WORD}) {
    const Reading r = ReadOnce(api, big.get(), big_dpi, mode);
    if (r.digits == digits) {
      *confidence = r.confidence;
      return true;
    }
  }
  return false;
}

// What the pen reader makes of `blank`: looked for a little above and below the box (the pen's
// strokes rise above and drop below the printed line).
PenReading ReadByPen(const Pix* page, const HeaderBlank& blank, int line_height,
                     const DigitModels* models) {
  if (models == nullptr || line_height <= 0) return {};
  const int reach_y = static_cast<int>(kPenReachY * line_height);
  const int page_h = pixGetHeight(const_cast<Pix*>(page));
  Box tall{blank.box.x, std::max(0, blank.box.y - reach_y), blank.box.w, 0};
  tall.h = std::min(page_h, blank.box.y + blank.box.h + reach_y) - tall.y;
  if (tall.w <= 0 || tall.h <= 0) return {};
  return ReadPenDigits(page, tall, line_height,
                       blank.is_day ? PenField::kDayOfMonth : PenField::kNumber, *models);
}

// The digits Tesseract itself read in the blank, when all it read there is digits ("157" of a
// typewritten "157/QĐ-NĐ-UB", unsure only because the typewriter's ink is uneven): the pen
// reader, finding fewer strokes, lost some of them, and Tesseract's reading stands.
std::string DigitsTesseractRead(const Line& line, const HeaderBlank& blank) {
  std::string read;
  for (std::size_t k = blank.after_word + 1; k < line.words.size(); ++k) {
    const std::string& w = line.words[k].text;
    const std::size_t slash = w.find('/');
    const std::string_view before = std::string_view(w).substr(0, slash);
    if (!before.empty() && !DigitsOfWord(before)) return {};
    read += before;
    if (slash != std::string::npos || IsMonthLabel(w)) break;
  }
  return read;
}

void RebuildText(Line& line) {
  std::string text;
  for (const Word& w : line.words) {
    if (!text.empty()) text.push_back(' ');
    text += w.text;
  }
  line.text = std::move(text);
}

}  // namespace

std::vector<HeaderBlank> FindHeaderBlanks(const std::vector<Line>& lines, int page_height) {
  std::vector<HeaderBlank> blanks;
  const int limit = static_cast<int>(page_height * kHeaderShareOfPage);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    if (line.box.y > limit) continue;
    for (std::size_t a = 0; a < line.words.size(); ++a) {
      const std::string& w = line.words[a].text;
      const bool number = IsNumberLabel(w) || IsGluedNumberLabel(w);
      const bool day = !number && IsDayLabel(w);
      if (!number && !day) continue;
      if (day && IsDayAndMonth(w)) {
        // The blank is the middle of the one word, between its four and its last five letters.
        const Box& b = line.words[a].box;
        const double letter = static_cast<double>(b.w) / Letters(w);
        const int start = b.x + static_cast<int>(4 * letter);
        const int end = b.x + b.w - static_cast<int>(5 * letter);
        if (end - start >= letter) {
          blanks.push_back({i, a, Box{start, std::max(0, b.y - b.h / 2), end - start, b.h * 2}, true});
        }
        continue;
      }
      // The word that closes the blank: the symbol ("/TTr-UBND") or "tháng", within 3 words.
      for (std::size_t b = a + 1; b < line.words.size() && b <= a + 3; ++b) {
        const std::string& next = line.words[b].text;
        const int junk = number ? JunkBeforeSymbol(line.words[b]) : 0;
        const bool closes = number ? junk >= 0 : IsMonthLabel(next);
        if (!closes) continue;
        if (std::optional<Box> gap = Gap(line, a, b, number, junk)) {
          blanks.push_back({i, a, *gap, day});
        }
        break;
      }
    }
  }
  return blanks;
}

int FillHandwrittenNumbers(const Pix* page, int dpi, std::vector<Line>& lines,
                           const std::function<tesseract::TessBaseAPI*()>& make_digit_reader) {
  std::vector<HeaderBlank> blanks = FindHeaderBlanks(lines, pixGetHeight(const_cast<Pix*>(page)));
  int filled = 0;
  // The model is built into the binary; a damaged one leaves the pen reader out.
  Result<DigitModels> model = BuiltInDigitModels();
  const DigitModels* pen_model = model.ok() ? &*model : nullptr;
  // Back to front, so word indexes of earlier blanks on the same line stay right.
  std::reverse(blanks.begin(), blanks.end());
  for (const HeaderBlank& blank : blanks) {
    const Box& label_box = lines[blank.line].words[blank.after_word].box;
    float confidence = 0;
    const PenReading pen = ReadByPen(page, blank, label_box.h, pen_model);
    if (pen.digits.size() < DigitsTesseractRead(lines[blank.line], blank).size()) continue;
    std::string digits;
    if (!pen.digits.empty() && pen.confidence >= kSurePen) {
      digits = pen.digits;
      confidence = 100.0f * pen.confidence;
    } else if (!pen.digits.empty()) {
      // The pen reader unsure: its reading is taken when Tesseract's, sure or not, says the
      // same; two readers that fail differently. Tesseract alone gives a "2" for a "20" with
      // confidence.
      tesseract::TessBaseAPI* reader = make_digit_reader();
      float tesseract_confidence = 0;
      if (reader != nullptr &&
          TesseractReadsTheSame(*reader, page, dpi, blank.box, pen.digits, &tesseract_confidence)) {
        digits = pen.digits;
        confidence = std::max(100.0f * pen.confidence, tesseract_confidence);
      } else {
        // What the pen reader alone gives, unsure, is still the likeliest reading: written in as
        // a guess, which leaves the letter for review with its number or date doubtful. A day
        // is then confirmed or replaced by the signing day (pipeline/signatures.cc).
        digits = pen.digits;
        confidence = kGuessWordConfidence;
      }
    }
    if (digits.empty()) continue;
    if (blank.is_day) {
      const int day = std::stoi(digits.substr(0, 2));
      if (digits.size() > 2 || day < 1 || day > 31) continue;
    } else if (digits.size() > 6) {
      continue;
    }
    Line& line = lines[blank.line];
    if (blank.is_day && IsDayAndMonth(line.words[blank.after_word].text)) {
      // One word held label, strokes and month: it becomes the three.
      Word& merged = line.words[blank.after_word];
      const Box whole = merged.box;
      merged.text = "ngày";
      merged.box = Box{whole.x, whole.y, blank.box.x - whole.x, whole.h};
      const int month_x = blank.box.x + blank.box.w;
      const Word month{"tháng", Box{month_x, whole.y, whole.x + whole.w - month_x, whole.h},
                       merged.confidence};
      line.words.insert(line.words.begin() + static_cast<long>(blank.after_word) + 1, month);
    }
    if (IsGluedNumberLabel(line.words[blank.after_word].text)) {
      line.words[blank.after_word].text = "Số:";
    }
    // Whatever the Vietnamese model made of the pen strokes ("O{_") gives way to the digits.
    std::size_t end = blank.after_word + 1;
    while (end < line.words.size() && line.words[end].text.find('/') == std::string::npos &&
           !IsMonthLabel(line.words[end].text)) {
      ++end;
    }
    // Strokes read before the symbol's "/" ("@39_/TTr-UBND") go too.
    if (!blank.is_day && end < line.words.size()) {
      std::string& symbol = line.words[end].text;
      symbol = symbol.substr(symbol.find('/'));
    }
    line.words.erase(line.words.begin() + static_cast<long>(blank.after_word) + 1,
                     line.words.begin() + static_cast<long>(end));
    // Strokes glued to the labels ("ngày/†", "{tháng") go with the blank they were read from.
    std::string& label_text = line.words[blank.after_word].text;
    if (blank.is_day && IsDayLabel(label_text)) label_text = label_text.substr(0, std::string("ngày").size());
    if (blank.after_word + 1 < line.words.size()) {
      std::string& closing = line.words[blank.after_word + 1].text;
      if (blank.is_day && IsMonthLabel(closing)) {
        closing = closing.substr(closing.size() - std::string("tháng").size());
      }
    }
    // The word sits on the printed line (the read box reached above and below it for the pen).
    const Box& label = line.words[blank.after_word].box;
    const Box on_line{blank.box.x, label.y, blank.box.w, label.h};
    line.words.insert(line.words.begin() + static_cast<long>(blank.after_word) + 1,
                      Word{digits, on_line, std::min(confidence, kPenWordConfidence)});
    RebuildText(line);
    ++filled;
  }
  return filled;
}

}  // namespace congvan::ocr
