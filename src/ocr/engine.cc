// Tesseract through its C++ API: one TessBaseAPI per Engine, LSTM model only (Debian's `vie` is
// the fast LSTM model and has no legacy engine).
#include "ocr/engine.h"

#include <leptonica/allheaders.h>
#include <dlfcn.h>
#include <stdlib.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ocr/handwriting.h"
#include "ocr/internal.h"
#include "ocr/stamps.h"
#include "text/syllable.h"

namespace congvan::ocr {
namespace {

namespace fs = std::filesystem;

// Owns a char[] that Tesseract allocated with new[].
using TessText = std::unique_ptr<char[]>;

std::vector<std::string> SplitLanguages(const std::string& language) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= language.size()) {
    const size_t plus = language.find('+', start);
    const size_t end = plus == std::string::npos ? language.size() : plus;
    if (end > start) out.push_back(language.substr(start, end - start));
    if (plus == std::string::npos) break;
    start = plus + 1;
  }
  return out;
}

// The folder Tesseract will read models from, when we can tell without initialising it:
// the option, else TESSDATA_PREFIX (Tesseract 5 reads it as the tessdata folder itself).
std::string KnownTessdataDir(const Options& options) {
  if (!options.tessdata_dir.empty()) return options.tessdata_dir;
  const char* prefix = getenv("TESSDATA_PREFIX");
  return prefix != nullptr ? std::string(prefix) : std::string();
}

// Checks every model file up front so the message names the missing language, instead of
// Tesseract's "Failed loading language" on stderr and a bare error code.
Status CheckModels(const Options& options) {
  const std::vector<std::string> languages = SplitLanguages(options.language);
  if (languages.empty()) return Status::InvalidInput("no Tesseract language given");
  const std::string dir = KnownTessdataDir(options);
  if (dir.empty()) return Status::Ok();  // Tesseract's built-in folder: Init reports it
  for (const std::string& lang : languages) {
    std::error_code ec;
    if (!fs::is_regular_file(fs::path(dir) / (lang + ".traineddata"), ec)) {
      return Status::NotFound("Tesseract model '" + lang + "' not found in " + dir);
    }
  }
  return Status::Ok();
}

Box ToBox(int left, int top, int right, int bottom) {
  return Box{left, top, right - left, bottom - top};
}

Box BoxAt(const tesseract::ResultIterator& it, tesseract::PageIteratorLevel level) {
  int left = 0, top = 0, right = 0, bottom = 0;
  if (!it.BoundingBox(level, &left, &top, &right, &bottom)) return Box{};
  return ToBox(left, top, right, bottom);
}

// Text of the element at `level`, without the newlines Tesseract appends to lines.
std::string TextAt(const tesseract::ResultIterator& it, tesseract::PageIteratorLevel level) {
  TessText text(it.GetUTF8Text(level));
  if (text == nullptr) return {};
  std::string s(text.get());
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// Walks the recognised page word by word; a word that starts a text line opens a new Line, and a
// line whose block differs from the previous one gets the next block number. Blocks without text
// are skipped so block numbers stay consecutive.
std::vector<Line> CollectLines(tesseract::ResultIterator& it) {
  std::vector<Line> lines;
  int raw_block = -1, last_raw_block = -1, block = -1;
  it.Begin();
  do {
    if (it.IsAtBeginningOf(tesseract::RIL_BLOCK)) ++raw_block;
    if (it.Empty(tesseract::RIL_WORD)) continue;
    if (lines.empty() || it.IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
      if (raw_block != last_raw_block) {
        ++block;
        last_raw_block = raw_block;
      }
      Line line;
      line.text = TextAt(it, tesseract::RIL_TEXTLINE);
      line.box = BoxAt(it, tesseract::RIL_TEXTLINE);
      line.confidence = it.Confidence(tesseract::RIL_TEXTLINE);
      line.block = std::max(block, 0);
      lines.push_back(std::move(line));
    }
    Word word;
    word.text = TextAt(it, tesseract::RIL_WORD);
    word.box = BoxAt(it, tesseract::RIL_WORD);
    word.confidence = it.Confidence(tesseract::RIL_WORD);
    if (!word.text.empty()) lines.back().words.push_back(std::move(word));
  } while (it.Next(tesseract::RIL_WORD));
  std::erase_if(lines, [](const Line& l) { return l.text.empty(); });
  return lines;
}

// libgomp reads OMP_THREAD_LIMIT once, when it is loaded, so DisableOpenMpThreads() setting it
// at run time reaches child processes only. When the limit is 1, allowing no active parallel level
// has the same effect here and now: Tesseract's `omp parallel num_threads(N)` regions run on the
// calling thread. libgomp keeps that setting per thread, so every Read applies it. Looked up at
// run time so a Tesseract built without OpenMP needs nothing.
void LimitOpenMpOnThisThread() {
  const char* limit = getenv("OMP_THREAD_LIMIT");
  if (limit == nullptr || std::string(limit) != "1") return;
  using SetLevels = void (*)(int);
  if (auto set = reinterpret_cast<SetLevels>(dlsym(RTLD_DEFAULT, "omp_set_max_active_levels"))) {
    set(0);
  }
}


// Lines below this confidence are read a second time. On good scans nearly every line of print
// scores above it, so a clean page costs one reading; stamps, faint or broken print and lines
// merged with seal debris fall below. Lines a little below it are good text with a word or two
// Tesseract doubts, which a second reading changes as often for the worse as for the better.
constexpr float kHardLineConfidence = 70.0f;

// How much better (in confidence points, see ReadingScore) a second reading must be to replace
// the first: confidences from two segmentations of one line are not strictly comparable.
constexpr float kBetterBy = 10.0f;

// One reading of a line: words with their confidences.
struct Reading {
  std::vector<Word> words;
  float confidence = 0;  // mean word confidence
};

// Tesseract's confidence, plus the share of the words that are Vietnamese syllables (the repair
// model's own test): a reading of debris as confident Latin letters loses to one in the language.
float ReadingScore(const std::vector<Word>& words, float confidence) {
  std::string text;
  for (const Word& w : words) text += w.text + " ";
  return confidence + 30.0f * static_cast<float>(text::ValidSyllableShare(text));
}

// The words of the current recognition result, moved by (dx, dy) into page coordinates.
Reading CollectWords(tesseract::ResultIterator& it, int dx, int dy) {
  Reading reading;
  it.Begin();
  float total = 0;
  do {
    if (it.Empty(tesseract::RIL_WORD)) continue;
    Word word;
    word.text = TextAt(it, tesseract::RIL_WORD);
    if (word.text.empty()) continue;
    word.box = BoxAt(it, tesseract::RIL_WORD);
    word.box.x += dx;
    word.box.y += dy;
    word.confidence = it.Confidence(tesseract::RIL_WORD);
    total += word.confidence;
    reading.words.push_back(std::move(word));
  } while (it.Next(tesseract::RIL_WORD));
  if (!reading.words.empty()) reading.confidence = total / reading.words.size();
  return reading;
}


using BoxHandle = std::unique_ptr<BOX, void (*)(BOX*)>;
BoxHandle MakeBox(int x, int y, int w, int h) {
  return BoxHandle(boxCreate(x, y, w, h), [](BOX* b) { boxDestroy(&b); });
}

// The part of `page` under `box`, widened by (pad_x, pad_y) within the page; null if empty.
// `origin` receives the crop's top-left corner in page coordinates.
PixPtr Crop(const Pix* page, const Box& box, int pad_x, int pad_y, Box* origin) {
  const int x = std::max(box.x - pad_x, 0), y = std::max(box.y - pad_y, 0);
  const int w = std::min(box.x + box.w + pad_x, pixGetWidth(page)) - x;
  const int h = std::min(box.y + box.h + pad_y, pixGetHeight(page)) - y;
  if (w <= 0 || h <= 0) return nullptr;
  BoxHandle clip = MakeBox(x, y, w, h);
  *origin = Box{x, y, w, h};
  return AdoptPix(pixClipRectangle(const_cast<Pix*>(page), clip.get(), nullptr));
}

int MedianLineHeight(const std::vector<Line>& lines) {
  std::vector<int> heights;
  for (const Line& line : lines) {
    if (!line.box.empty()) heights.push_back(line.box.h);
  }
  if (heights.empty()) return 0;
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  return heights[heights.size() / 2];
}

// Ink the first reading left out: Tesseract's page layout sometimes drops a whole signature
// block that a seal overlaps, or a line beside a stamp. Print is dark pixels under no line's
// box; closing them by about a letter height joins the letters of a line into one blob, and
// blobs of a text line's height or more and several letters wide are the regions to read again.
// Dust, scanner edges and rules are too small or too thin to count.
std::vector<Box> UnreadInk(const Pix* page, const std::vector<Line>& lines, int line_height) {
  std::vector<Box> regions;
  if (line_height <= 0) return regions;
  PixPtr ink = AdoptPix(pixConvertTo1(const_cast<Pix*>(page), /*threshold=*/128));
  if (ink == nullptr) return regions;
  const int margin = std::max(line_height / 4, 1);
  for (const Line& line : lines) {
    if (line.box.empty()) continue;
    BoxHandle covered = MakeBox(line.box.x - margin, line.box.y - margin, line.box.w + 2 * margin,
                                line.box.h + 2 * margin);
    pixClearInRect(ink.get(), covered.get());
  }
  PixPtr joined = AdoptPix(pixCloseBrick(nullptr, ink.get(), line_height, line_height / 2 + 1));
  if (joined == nullptr) return regions;
  BOXA* found = pixConnCompBB(joined.get(), 8);
  if (found == nullptr) return regions;
  const int page_area = pixGetWidth(page) * pixGetHeight(page);
  for (int i = 0; i < boxaGetCount(found); ++i) {
    int x = 0, y = 0, w = 0, h = 0;
    boxaGetBoxGeometry(found, i, &x, &y, &w, &h);
    if (h * 10 < line_height * 7 || w < 3 * line_height) continue;  // dust, rules, edges
    if (w * h * 4 > page_area) continue;  // a page edge or a shadow, not a region of text
    regions.push_back(Box{x, y, w, h});
  }
  boxaDestroy(&found);
  return regions;
}

// Reads the regions as blocks of text and returns the lines that read as text, in page
// coordinates.
std::vector<Line> ReadRegions(tesseract::TessBaseAPI& api, const Pix* page,
                              const std::vector<Box>& regions, int line_height) {
  std::vector<Line> out;
  api.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
  for (const Box& region : regions) {
    Box origin;
    PixPtr crop = Crop(page, region, line_height / 2, line_height / 2, &origin);
    if (crop == nullptr) continue;
    api.SetImage(crop.get());
    api.SetSourceResolution(pixGetXRes(page));
    if (api.Recognize(nullptr) == 0) {
      std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
      if (it != nullptr) {
        for (Line& line : CollectLines(*it)) {
          // Most of what the layout left out is seal, stamp and signature: a line read there is
          // kept only when Tesseract is fairly sure of it and it is mostly Vietnamese words.
          if (line.confidence < internal::kDebrisConfidence ||
              text::ValidSyllableShare(line.text) < 0.5) {
            continue;
          }
          line.box.x += origin.x;
          line.box.y += origin.y;
          for (Word& w : line.words) {
            w.box.x += origin.x;
            w.box.y += origin.y;
          }
          out.push_back(std::move(line));
        }
      }
    }
    api.Clear();
  }
  api.SetPageSegMode(tesseract::PSM_AUTO);
  return out;
}

// Reads the part of `page` under `box` (with a margin) as one line of text.
Reading ReadAlone(tesseract::TessBaseAPI& api, const Pix* page, const Box& box) {
  Box origin;
  PixPtr crop = Crop(page, box, std::max(box.h / 2, 2), std::max(box.h / 4, 2), &origin);
  if (crop == nullptr) return {};
  api.SetImage(crop.get());
  api.SetSourceResolution(pixGetXRes(page));
  Reading reading;
  if (api.Recognize(nullptr) == 0) {
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    if (it != nullptr) reading = CollectWords(*it, origin.x, origin.y);
  }
  api.Clear();
  return reading;
}

// Replaces the words of `line` by `reading`.
void Adopt(Line& line, Reading reading) {
  line.text.clear();
  for (const Word& w : reading.words) {
    if (!line.text.empty()) line.text += ' ';
    line.text += w.text;
  }
  line.words = std::move(reading.words);
  line.confidence = reading.confidence;
}

// Second opinions: every hard line is read again alone, as a single line (Tesseract's page
// layout can cut a line short, join it to seal debris or split its tone marks off), and the
// better reading is kept.
void ReadHardLinesAgain(tesseract::TessBaseAPI& api, const Pix* page, std::vector<Line>& lines,
                        ReadStats& stats) {
  api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  for (Line& line : lines) {
    if (line.confidence >= kHardLineConfidence || line.box.empty()) continue;
    ++stats.hard_lines;
    Reading again = ReadAlone(api, page, line.box);
    if (again.words.empty()) continue;
    const float before = ReadingScore(line.words, line.confidence);
    const float after = ReadingScore(again.words, again.confidence);
    if (after > before + kBetterBy) {
      Adopt(line, std::move(again));
      ++stats.second_readings_kept;
    }
  }
  api.SetPageSegMode(tesseract::PSM_AUTO);
}

}  // namespace

void DisableOpenMpThreads() {
  setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0);  // a user's own value stands
  LimitOpenMpOnThisThread();
}

Engine::Engine(const Options& options) : options_(options) {}

Engine::~Engine() {
  if (digits_ != nullptr) digits_->End();
  if (api_ != nullptr) api_->End();
}

tesseract::TessBaseAPI* Engine::DigitReader() {
  if (digits_ != nullptr || digits_failed_) return digits_.get();
  auto digits = std::make_unique<tesseract::TessBaseAPI>();
  const char* datapath = options_.tessdata_dir.empty() ? nullptr : options_.tessdata_dir.c_str();
  if (digits->Init(datapath, "eng", tesseract::OEM_LSTM_ONLY) != 0) {
    digits_failed_ = true;  // no English model: the blanks stay blank
    return nullptr;
  }
  digits->SetVariable("debug_file", "/dev/null");
  digits_ = std::move(digits);
  return digits_.get();
}

Result<std::unique_ptr<Engine>> Engine::Create(const Options& options) {
  CONGVAN_RETURN_IF_ERROR(CheckModels(options));
  try {
    std::unique_ptr<Engine> engine(new Engine(options));
    engine->api_ = std::make_unique<tesseract::TessBaseAPI>();
    const char* datapath = options.tessdata_dir.empty() ? nullptr : options.tessdata_dir.c_str();
    if (engine->api_->Init(datapath, options.language.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
      const std::string where = options.tessdata_dir.empty()
                                    ? std::string("Tesseract's tessdata folder")
                                    : options.tessdata_dir;
      return Status::NotFound("Tesseract model '" + options.language + "' not found in " + where);
    }
    // The API defaults to one uniform block; full layout analysis is what separates the two
    // header columns of a letter into blocks.
    engine->api_->SetPageSegMode(tesseract::PSM_AUTO);
    // Tesseract's progress remarks ("Detected 162 diacritics") would otherwise interleave with
    // congvan's own output; real failures still come back through the API's return values.
    engine->api_->SetVariable("debug_file", "/dev/null");
    return engine;
  } catch (const std::exception& e) {
    return Status::Internal(std::string("Tesseract failed to start: ") + e.what());
  }
}

Result<PageText> Engine::Read(const Pix* image, int dpi, int page_index, ReadStats* stats) {
  if (image == nullptr) return Status::InvalidInput("no page image");
  LimitOpenMpOnThisThread();
  ReadStats local;
  ReadStats& done = stats != nullptr ? *stats : local;
  done = ReadStats{};
  try {
    PixPtr page;
    if (options_.preprocess) {
      internal::CleanUpReport report;
      Result<PixPtr> clean = internal::CleanUpChosen(image, dpi, &report);
      if (!clean.ok()) return clean.status();
      page = std::move(*clean);
      done.dpi = report.measures.dpi;
      done.colour_ink_removed = report.measures.colour_share > 0.001;
      done.background_normalized = report.settings.normalize_background;
      done.upscaled = report.upscaled;
    } else {
      page = AdoptPix(pixClone(const_cast<Pix*>(image)));
      const int res = internal::EffectiveDpi(dpi, pixGetWidth(image));
      pixSetResolution(page.get(), res, res);
      done.dpi = res;
    }
    PageText text;
    text.index = page_index;
    text.source = "ocr";
    text.width = pixGetWidth(page.get());
    text.height = pixGetHeight(page.get());
    // Stamps are read from the page as cleaned; the page's own reading is made without the
    // frames of stamps stamped into its text, and without their writing.
    std::vector<Box> frames;
    if (options_.preprocess && page_index == 0) {
      const std::vector<StampFrame> found = FindStampFrames(page.get());
      text.stamps = ReadStamps(*api_, page.get(), found);
      if (PixPtr cleared = WithoutStampFrames(page.get(), found, &frames); cleared != nullptr) {
        page = std::move(cleared);
        done.stamp_frames = static_cast<int>(frames.size());
      }
    }
    api_->SetImage(page.get());
    api_->SetSourceResolution(pixGetXRes(page.get()));
    // Tesseract checks the monitor between words: a page that would take hours (a huge image
    // of noise) ends at its deadline, and a stop ends any page at once.
    tesseract::ETEXT_DESC monitor;
    if (options_.page_seconds > 0) {
      monitor.set_deadline_msecs(static_cast<std::int32_t>(options_.page_seconds * 1000));
    }
    monitor.cancel_this = const_cast<std::atomic<bool>*>(options_.stop);
    monitor.cancel = [](void* stop, int) {
      return stop != nullptr && static_cast<std::atomic<bool>*>(stop)->load();
    };
    if (api_->Recognize(&monitor) != 0) {
      api_->Clear();
      if (options_.stop != nullptr && options_.stop->load()) {
        return Status::Cancelled("bỏ dở vì chương trình đang dừng");
      }
      if (monitor.deadline_exceeded()) {
        char text[96];
        std::snprintf(text, sizeof text, "nhận dạng chữ không xong trong %g giây",
                      options_.page_seconds);
        return Status::TooLarge(text);
      }
      return Status::Internal("Tesseract could not recognise page " +
                              std::to_string(page_index + 1));
    }
    std::vector<Line> lines;
    std::unique_ptr<tesseract::ResultIterator> it(api_->GetIterator());
    if (it != nullptr) lines = CollectLines(*it);
    it.reset();
    api_->Clear();  // drop Tesseract's copies of the page before the next one
    DropStampWriting(lines, frames);
    done.lines = static_cast<int>(lines.size());
    ReadHardLinesAgain(*api_, page.get(), lines, done);
    const int line_height = MedianLineHeight(lines);
    const std::vector<Box> unread = UnreadInk(page.get(), lines, line_height);
    done.unread_regions = static_cast<int>(unread.size());
    for (Line& line : ReadRegions(*api_, page.get(), unread, line_height)) {
      lines.push_back(std::move(line));
    }
    if (options_.preprocess && page_index == 0) {
      // Pen ink is often blue, which the clean-up takes out with the seals: the digits are read
      // from the page as given whenever the clean-up kept its geometry.
      // Given in colour, the pen's blue is told from the print by its colour.
      const bool same_geometry = pixGetWidth(const_cast<Pix*>(image)) == pixGetWidth(page.get()) &&
                                 pixGetHeight(const_cast<Pix*>(image)) == pixGetHeight(page.get());
      const Pix* source = same_geometry ? image : page.get();
      done.handwritten_numbers = FillHandwrittenNumbers(source, pixGetXRes(page.get()), lines,
                                                        [this] { return DigitReader(); });
    }
    // Split first: Tesseract joins a stamp's debris to the line beside it across the gutter.
    lines = internal::SplitColumns(std::move(lines), text.width);
    const size_t before = lines.size();
    std::erase_if(lines, internal::IsDebris);
    done.debris_lines = static_cast<int>(before - lines.size());
    lines = internal::OrderReading(std::move(lines), text.width);
    text.lines = internal::MarkParagraphEnds(std::move(lines));
    return text;
  } catch (const std::exception& e) {
    api_->Clear();
    api_->SetPageSegMode(tesseract::PSM_AUTO);
    return Status::Internal(std::string("OCR failed: ") + e.what());
  }
}

}  // namespace congvan::ocr
