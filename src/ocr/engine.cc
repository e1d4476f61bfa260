// Tesseract through its C++ API: one TessBaseAPI per Engine, LSTM model only (Debian's `vie` is
// the fast LSTM model and has no legacy engine).
#include "ocr/engine.h"

#include <leptonica/allheaders.h>
#include <dlfcn.h>
#include <stdlib.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ocr/internal.h"
#include "ocr/stamps.h"

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

}  // namespace

void DisableOpenMpThreads() {
  setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0);  // a user's own value stands
  LimitOpenMpOnThisThread();
}

Engine::Engine(const Options& options) : options_(options) {}

Engine::~Engine() {
  if (api_ != nullptr) api_->End();
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

Result<PageText> Engine::Read(const Pix* image, int dpi, int page_index) {
  if (image == nullptr) return Status::InvalidInput("no page image");
  LimitOpenMpOnThisThread();
  try {
    PixPtr page;
    if (options_.preprocess) {
      Result<PixPtr> clean = CleanUp(image, dpi);
      if (!clean.ok()) return clean.status();
      page = std::move(*clean);
    } else {
      page = AdoptPix(pixClone(const_cast<Pix*>(image)));
      const int res = internal::EffectiveDpi(dpi, pixGetWidth(image));
      pixSetResolution(page.get(), res, res);
    }
    PageText text;
    text.index = page_index;
    text.source = "ocr";
    text.width = pixGetWidth(page.get());
    text.height = pixGetHeight(page.get());
    api_->SetImage(page.get());
    api_->SetSourceResolution(pixGetXRes(page.get()));
    if (api_->Recognize(nullptr) != 0) {
      api_->Clear();
      return Status::Internal("Tesseract could not recognise page " +
                              std::to_string(page_index + 1));
    }
    std::unique_ptr<tesseract::ResultIterator> it(api_->GetIterator());
    if (it != nullptr) {
      text.lines = internal::MarkParagraphEnds(internal::SplitColumns(CollectLines(*it), text.width));
    }
    it.reset();
    api_->Clear();  // drop Tesseract's copies of the page before the next one
    if (options_.preprocess && page_index == 0) text.stamps = ReadStamps(*api_, page.get());
    return text;
  } catch (const std::exception& e) {
    api_->Clear();
    return Status::Internal(std::string("OCR failed: ") + e.what());
  }
}

}  // namespace congvan::ocr
