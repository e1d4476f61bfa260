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

// Reads the pen's digits in `blank` of `page` (32 bpp colour, 8 bpp grey or 1 bpp), at most
// `max_digits` of them; `line_height` is the printed line's height, the scale the strokes are
// judged by (a dot, a dash, a digit).
PenReading ReadPenDigits(const Pix* page, const Box& blank, int line_height, int max_digits,
                         const DigitModels& models);

}  // namespace congvan::ocr

#endif  // CONGVAN_OCR_DIGIT_READER_H_
