// PageText (base/ because every stage after OCR reads it): what was read from one page, in reading order, with where each line sat on the page.
//
// Every later stage reads PageText. The boxes and block numbers let extraction tell the left
// header column (issuer, "Số") from the right one (Quốc hiệu, place and date).
#ifndef CONGVAN_BASE_PAGE_TEXT_H_
#define CONGVAN_BASE_PAGE_TEXT_H_

#include <string>
#include <vector>

namespace congvan {

// A rectangle in page pixels; all zero when the text has no geometry (text files, PDF layers).
struct Box {
  int x = 0, y = 0, w = 0, h = 0;
  bool empty() const { return w == 0 && h == 0; }
};

// One word as recognised, with Tesseract's confidence in [0, 100] (100 for text that was given).
struct Word {
  std::string text;
  Box box;
  float confidence = 100.0f;
};

// One line of text. `block` numbers the layout block the line belongs to (0-based, in reading
// order); lines of the two header columns fall in different blocks.
struct Line {
  std::string text;
  Box box;
  float confidence = 100.0f;
  int block = 0;
  std::vector<Word> words;  // empty for text without geometry
};

// All lines of one page.
struct PageText {
  int index = 0;                 // page number in the document, 0-based
  std::string source;            // "ocr", "text-layer" or "text"
  int width = 0, height = 0;     // page size in pixels; 0 without geometry
  std::vector<Line> lines;
  // Text lying over the page rather than in it, never part of `lines`: each block of a digital
  // signature's visible box or a publication stamp that a PDF carries ("Ký bởi: …", "Thời gian
  // ký: …", an e-mail and a time), lines separated by '\n'.
  std::vector<std::string> overlays;
  // Stamps (received stamp, urgency stamp) read on their own region by region, apart from the
  // reading order: their text is not part of the letter's text. Lines of one stamp share `block`.
  std::vector<Line> stamps;

  // The lines joined by '\n' (empty lines kept).
  std::string Text() const;
  // Mean word confidence over the page, 100 when there are no words with geometry.
  float MeanConfidence() const;
};

// Builds a PageText without geometry from plain text, one Line per '\n'-separated line.
PageText PageTextFromPlain(int index, const std::string& source, const std::string& text);

}  // namespace congvan

#endif  // CONGVAN_BASE_PAGE_TEXT_H_
