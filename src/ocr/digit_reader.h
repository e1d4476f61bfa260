// Reads the digits a pen wrote into a blank of a letter's printed header ("Số: 87 /QĐ-UBND",
// "ngày 05 tháng"). The pen's ink is told from the print by its colour (ballpoint blue against
// black toner and red seals) or, on a page without colour, by being the only ink in the blank;
// its connected strokes are cut into digits, and each digit is classified by the small model
// trained from fonts at build time (tools/train_digits.cc, ocr/digit_glyph.h): two views of it
// must agree.
#ifndef CONGVAN_OCR_DIGIT_READER_H_
#define CONGVAN_OCR_DIGIT_READER_H_

#include <string>

#include "base/page_text.h"
#include "base/status.h"
#include "ocr/digit_glyph.h"

struct Pix;

namespace congvan::ocr {

// What the pen wrote in one blank: its digits and how sure the models are of the least sure one
// (0..1; 0 when the two views of a digit disagree). Empty digits when the blank holds no pen
// strokes, or more strokes than digits allowed.
struct PenReading {
  std::string digits;
  float confidence = 0;
};

// The model built into congvan (trained from fonts when congvan was built).
Result<DigitModels> BuiltInDigitModels();

// What a blank holds: a letter's number (up to four digits) or the day of its date (one or two
// digits making 1 to 31: a stroke that looks most like a "4" in a day's first place is read as
// the likeliest of 0 to 3, a "1" with a long lead-in being the usual such stroke).
enum class PenField { kNumber, kDayOfMonth };

// Reads the pen's digits in `blank` of `page` (32 bpp colour, 8 bpp grey or 1 bpp);
// `line_height` is the printed line's height, the scale the strokes are judged by (a dot, a
// dash, a digit).
PenReading ReadPenDigits(const Pix* page, const Box& blank, int line_height, PenField field,
                         const DigitModels& models);

}  // namespace congvan::ocr

#endif  // CONGVAN_OCR_DIGIT_READER_H_
