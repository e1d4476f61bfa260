// Numbers written by hand into a letter's printed header: the number after "Số:" and the day
// after "ngày". Offices print the letter and fill these in with a pen when it is signed, so on
// most scans of signed letters they are handwriting, which the Vietnamese model (trained on
// print) leaves out or misreads ("Số: O{_ /TTr-UBND", "ngày  tháng 01"). Each such blank is read
// again by the pen digit reader (digit_reader.h); a reading it is unsure of is kept only when
// Tesseract's English model, reading the blank enlarged, gives the same digits.
#ifndef CONGVAN_OCR_HANDWRITING_H_
#define CONGVAN_OCR_HANDWRITING_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

#include "base/page_text.h"

struct Pix;
namespace tesseract { class TessBaseAPI; }

namespace congvan::ocr {

// The blanks of the header lines among `lines` (Tesseract's lines of `page`, in its pixels): a
// "Số:" followed by a "/…" symbol with no digit between, and a "ngày" followed by "tháng" with
// no digit between. Each comes back as the box between the two words, on that line.
struct HeaderBlank {
  std::size_t line = 0;  // index in `lines`
  std::size_t after_word = 0;  // the blank follows this word of the line
  Box box;
  bool is_day = false;
};
std::vector<HeaderBlank> FindHeaderBlanks(const std::vector<Line>& lines, int page_height);

// Reads every blank of `lines` in `page` (the page as scanned, colour kept where it has colour)
// and writes what it reads into the line: a word with its box and confidence, and the line's
// text again. Tesseract (made on first use by `make_digit_reader`, which returns null when it
// cannot) is asked only about blanks the pen reader is unsure of. Returns how many blanks were
// filled; a blank read by neither stays empty.
int FillHandwrittenNumbers(const Pix* page, int dpi, std::vector<Line>& lines,
                           const std::function<tesseract::TessBaseAPI*()>& make_digit_reader);

}  // namespace congvan::ocr

#endif  // CONGVAN_OCR_HANDWRITING_H_
