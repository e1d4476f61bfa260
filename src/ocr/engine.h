// OCR: Leptonica clean-up, then Tesseract's LSTM `vie` model through its C++ API.
//
// An Engine owns one TessBaseAPI and is used by one thread at a time; a pool of Engines (one per
// core) is how pages run in parallel. Tesseract's own OpenMP threads are switched off
// (OMP_THREAD_LIMIT=1 must be set before the first Engine is made; DisableOpenMpThreads() does it):
// on this hardware they make a page several times slower.
#ifndef CONGVAN_OCR_ENGINE_H_
#define CONGVAN_OCR_ENGINE_H_

#include <atomic>
#include <memory>
#include <string>

#include "base/pix.h"
#include "base/status.h"
#include "base/page_text.h"

struct Pix;
namespace tesseract { class TessBaseAPI; }

namespace congvan::ocr {

// Sets OMP_THREAD_LIMIT=1 in this process's environment unless the user set it already.
// Call before any Engine is created. libgomp reads the variable only when it is loaded, so while
// it is "1" each Engine::Read also turns off OpenMP parallel regions on its calling thread.
void DisableOpenMpThreads();

struct Options {
  std::string language = "vie";   // Tesseract model name(s), e.g. "vie" or "vie+eng"
  std::string tessdata_dir;       // empty: Tesseract's default (TESSDATA_PREFIX or the system dir)
  bool preprocess = true;         // run CleanUp() before recognition
  // Recognition of one page is given up after this many seconds (0: no limit) and the page
  // fails with the reason; a letter page takes a few seconds.
  double page_seconds = 300;
  // When set and true, recognition in progress is given up (Code::kCancelled): the program is
  // stopping. Owned by the caller, must outlive the Engine.
  const std::atomic<bool>* stop = nullptr;
};

// Leptonica clean-up before OCR, chosen per page from measurements of it: greyscale (on colour
// pages red and blue ink -- seals, received stamps, handwriting -- becomes paper), upscaling of
// pages under 200 dpi to ~300 dpi, background normalisation only where the paper is grey or
// uneven or the print faint, deskew (pixFindSkewAndDeskew), 90/180/270° orientation correction.
// Returns a new 8-bit image carrying its resolution (pixGetXRes); the input is untouched.
// `dpi` is the source resolution (0 or implausible: guessed from the width of an A4 page).
// Binarisation is left to Tesseract (its LSTM reads the grey image): on degraded pages that
// measured better than Sauvola in Leptonica (bench/ocr_quality.sh).
Result<PixPtr> CleanUp(const Pix* image, int dpi);

// What Engine::Read did with a page: the clean-up it chose and how much of the page was hard.
struct ReadStats {
  int dpi = 0;                     // effective resolution of the page as given
  bool colour_ink_removed = false; // coloured ink was found and taken out
  bool background_normalized = false;
  bool upscaled = false;
  int lines = 0;                   // text lines of the first reading
  int hard_lines = 0;              // lines re-read another way (second opinions)
  int second_readings_kept = 0;    // of those, lines where the second reading was better
  int unread_regions = 0;          // regions of ink the page layout left out, read as blocks
  int debris_lines = 0;            // lines dropped as stamp or seal debris
  int handwritten_numbers = 0;     // header blanks ("Số:", "ngày") read as handwritten digits
  int stamp_frames = 0;            // frames of stamps taken out of the page before reading it
};

// One Tesseract instance. Not thread-safe: use one per thread.
class Engine {
 public:
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Loads the model. Fails with a clear message when the language data is missing.
  static Result<std::unique_ptr<Engine>> Create(const Options& options);

  // Recognises one page image. `dpi` is its resolution (0 if unknown). Lines come back in
  // reading order with boxes, block numbers and word confidences; source is "ocr". Boxes,
  // width and height are in pixels of the cleaned page (turned upright, upscaled if small).
  // The two header columns of a letter come back as separate blocks, left then right.
  // Lines Tesseract is unsure of are read a second time, alone and another way, and the better
  // reading kept; lines that are no text (the debris of seals and stamps) are dropped. `stats`
  // (may be null) receives what was done.
  Result<PageText> Read(const Pix* image, int dpi, int page_index, ReadStats* stats = nullptr);

 private:
  explicit Engine(const Options& options);
  // The English model limited to digits, for numbers written by hand into the header
  // (handwriting.h); started on the first page that has such a blank, null if it cannot start.
  tesseract::TessBaseAPI* DigitReader();

  Options options_;
  std::unique_ptr<tesseract::TessBaseAPI> api_;
  std::unique_ptr<tesseract::TessBaseAPI> digits_;
  bool digits_failed_ = false;
};

}  // namespace congvan::ocr

#endif  // CONGVAN_OCR_ENGINE_H_
