// PDF inputs through poppler-cpp. A page whose text layer is the page's text (a born-digital
// letter, or a scan with a good OCR layer) is read from the layer; any other page is rendered at
// 300 dpi for OCR. A layer that is only a digital signature's box or a stamp over a scanned
// image (page_layer.cc tells) is kept apart as the page's overlay and blanked out of the image.
#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "intake/document.h"
#include "intake/internal.h"

namespace congvan::intake::internal {
namespace {

constexpr double kRenderDpi = 300.0;
// A page larger than this at 300 dpi (e.g. a 2 m poster) is rendered at a lower resolution so
// one page cannot take gigabytes: 100 Mpx is about 12 A4 pages' worth of grey pixels.
constexpr double kMaxRenderPixels = 100e6;

// The layer's words are compared with a rendering at this resolution: enough to see every
// line of 10 pt text as ink (an A4 page is 410 x 585 pixels), cheap to render and count.
constexpr double kProbeDpi = 50.0;

// A layer is the page's text only when its words (signature boxes aside) lie over at least this
// share of the page's ink. Measured at kProbeDpi: born-digital letters 0.88-1.0 (the signature
// page lowest: its seal and signature are images), a decree with a text layer 0.96; the boxes of
// signed scans 0.003-0.007 of their page's ink. A header or footer strip over a scan stays far
// below one half, so the gap between the two kinds is wide and the threshold sits in its middle.
constexpr double kMinInkExplained = 0.5;

// Copies a grey8 poppler image into a new 8 bpp Pix.
PixPtr GreyImageToPix(const poppler::image& img, int dpi) {
  const int w = img.width(), h = img.height();
  PixPtr pix = AdoptPix(pixCreateNoInit(w, h, 8));
  if (pix == nullptr) return nullptr;
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  const char* src = img.const_data();
  for (int y = 0; y < h; ++y) {
    const size_t row = static_cast<size_t>(y);
    std::memcpy(data + row * wpl, src + row * img.bytes_per_row(), static_cast<size_t>(w));
  }
  // Leptonica keeps 8 bpp pixels big-endian within each 32-bit word; poppler's rows are plain
  // byte arrays, so swap on little-endian machines (a no-op on big-endian ones).
  pixEndianByteSwap(pix.get());
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

// Copies an argb32 poppler image into a new 32 bpp RGB Pix.
PixPtr ArgbImageToPix(const poppler::image& img, int dpi) {
  const int w = img.width(), h = img.height();
  PixPtr pix = AdoptPix(pixCreateNoInit(w, h, 32));
  if (pix == nullptr) return nullptr;
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < h; ++y) {
    // poppler's pixels are native-endian 0xAARRGGBB words; Leptonica's are 0xRRGGBBaa with the
    // alpha byte unused for an RGB image.
    const auto* src = reinterpret_cast<const uint32_t*>(img.const_data() +
                                                        static_cast<size_t>(y) * img.bytes_per_row());
    l_uint32* dst = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < w; ++x) dst[x] = src[x] << 8;
  }
  pixSetSpp(pix.get(), 3);
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

// Resolution for rendering `page`: 300 dpi unless that would exceed kMaxRenderPixels, never under
// kMinRenderDpi. A page too large even at that (a MediaBox of a kilometre: poppler would ask for
// gigabytes, fail, and hand back nothing the OCR could read) fails with the reason.
constexpr double kMinRenderDpi = 36.0;

Result<double> RenderDpi(const poppler::page& page) {
  const poppler::rectf box = page.page_rect();
  const double area_in2 = (box.width() / 72.0) * (box.height() / 72.0);
  if (!(area_in2 > 0)) {
    return Status::InvalidInput("khổ trang bằng 0, không dựng được hình");
  }
  const double max_dpi = std::floor(std::sqrt(kMaxRenderPixels / area_in2));
  if (!(max_dpi >= kMinRenderDpi)) {
    char text[200];
    std::snprintf(text, sizeof text,
                  "khổ trang %.0f x %.0f cm quá lớn để dựng hình (tối đa khoảng %.0f x %.0f cm)",
                  box.width() / 72.0 * 2.54, box.height() / 72.0 * 2.54,
                  std::sqrt(kMaxRenderPixels) / kMinRenderDpi * 2.54,
                  std::sqrt(kMaxRenderPixels) / kMinRenderDpi * 2.54);
    return Status::TooLarge(text);
  }
  return std::min(kRenderDpi, max_dpi);
}

// The page's text layer, split into the visible boxes of digital signatures (and stamps) and
// the boxes of every other word.
struct LayerSplit {
  std::vector<std::string> overlays;  // one text per signature block
  std::vector<PtRect> overlay_boxes;
  std::vector<PtRect> body_boxes;     // the other words
};

LayerSplit SplitLayer(const poppler::page& page) {
  std::vector<LayerWord> words;
  for (const poppler::text_box& box : page.text_list()) {
    const poppler::byte_array utf8 = box.text().to_utf8();
    const poppler::rectf r = box.bbox();
    if (r.width() <= 0 || r.height() <= 0) continue;
    words.push_back({std::string(utf8.begin(), utf8.end()),
                     PtRect{r.left(), r.top(), r.right(), r.bottom()}});
  }
  const poppler::rectf page_box = page.page_rect();
  const PtRect page_rect{0, 0, page_box.width(), page_box.height()};
  LayerSplit split;
  for (const LayerBlock& block : GroupWords(words)) {
    std::string text = BlockText(words, block);
    if (IsSignatureBlock(text, block.box, page_rect)) {
      split.overlays.push_back(std::move(text));
      split.overlay_boxes.push_back(block.box);
    } else {
      for (size_t i : block.words) split.body_boxes.push_back(words[i].box);
    }
  }
  return split;
}

// Renders `page` at `dpi` in 32-bit colour; a page found to have no colour is made grey after
// (HasColour), so the OCR stage sees seals and stamps only where there are some.
poppler::image Render(const poppler::page& page, double dpi) {
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_argb32);
  renderer.set_render_hint(poppler::page_renderer::antialiasing);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing);
  return renderer.render_page(&page, dpi, dpi);
}

// Whether the words at `boxes` lie over at least kMinInkExplained of the page's ink, judged on a
// grey rendering at kProbeDpi.
bool ExplainsInk(const poppler::page& page, const std::vector<PtRect>& boxes) {
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing);
  const poppler::image probe = renderer.render_page(&page, kProbeDpi, kProbeDpi);
  if (!probe.is_valid() || probe.format() != poppler::image::format_gray8) return true;
  PixPtr grey = GreyImageToPix(probe, static_cast<int>(kProbeDpi));
  if (grey == nullptr) return true;
  return InkShareUnder(grey.get(), kProbeDpi / 72.0, boxes) >= kMinInkExplained;
}

std::string PageText(const poppler::page& page) {
  // The default reading order of pdftotext: columns kept apart, unlike physical_layout, which
  // interleaves the two header columns of a letter line by line.
  const poppler::byte_array utf8 =
      page.text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
  return std::string(utf8.begin(), utf8.end());
}

// A PDF file. Its pages are read in child processes (page_process.cc: poppler cannot be stopped
// once it draws a hostile page); the parent touches poppler only to load and drop the document,
// under PopplerMutex().
class PdfDocument : public Document {
 public:
  PdfDocument(std::string bytes, const Limits& limits) : bytes_(std::move(bytes)), limits_(limits) {}
  ~PdfDocument() override {
    std::lock_guard<std::mutex> lock(PopplerMutex());
    doc_.reset();
  }

  // Parses the bytes; must be called once, before any other method.
  Status Load(const Limits& limits) {
    if (bytes_.size() > static_cast<size_t>(INT_MAX)) {
      return Status::TooLarge("PDF over 2 GB cannot be read");
    }
    CONGVAN_RETURN_IF_ERROR(CheckPdfImageSizes(bytes_));
    std::lock_guard<std::mutex> lock(PopplerMutex());
    // load_from_raw_data does not copy: bytes_ must outlive doc_ (it is declared first).
    doc_.reset(poppler::document::load_from_raw_data(bytes_.data(),
                                                     static_cast<int>(bytes_.size())));
    if (doc_ == nullptr) return Status::InvalidInput("corrupt PDF (poppler could not parse it)");
    if (doc_->is_locked()) {
      return Status::Unsupported("PDF is encrypted and needs a password; remove it first");
    }
    if (doc_->is_encrypted()) {
      warnings_.push_back("PDF is encrypted (no password needed to read it); read anyway");
    }
    pages_ = doc_->pages();
    if (pages_ <= 0) return Status::InvalidInput("PDF has no pages");
    if (OverPageLimit(pages_, limits)) return TooManyPages(pages_, limits.max_pages);
    return Status::Ok();
  }

  int page_count() const override { return pages_; }
  std::string_view raw_bytes() const override { return bytes_; }

  Result<Page> LoadPage(int index) const override {
    CONGVAN_RETURN_IF_ERROR(CheckPageIndex(index, pages_));
    // The child runs alone with its own copy of the document: no lock is needed inside it.
    return ReadPageInChild(index, limits_, [this, index] { return LoadPageUnchecked(index); });
  }

 private:
  Result<Page> LoadPageUnchecked(int index) const {
    Page page;
    page.index = index;
    poppler::image rendered;
    double dpi = kRenderDpi;
    std::vector<PtRect> overlay_boxes;
    {
      std::unique_ptr<poppler::page> p(doc_->create_page(index));
      if (p == nullptr) {
        return Status::InvalidInput("corrupt PDF: page " + std::to_string(index + 1) +
                                    " cannot be read");
      }
      // The page's size first: a page too large to render is not worth reading at all.
      Result<double> render_dpi = RenderDpi(*p);
      if (!render_dpi.ok()) return render_dpi.status();
      LayerSplit split = SplitLayer(*p);
      page.overlays = std::move(split.overlays);
      if (!split.body_boxes.empty()) {
        std::string text = WithoutLines(PageText(*p), page.overlays);
        // The cheap test first: most layers that fail are a copier's bad OCR.
        if (IsGoodTextLayer(text) && ExplainsInk(*p, split.body_boxes)) {
          page.origin = PageOrigin::kPdfTextLayer;
          page.text = std::move(text);
          return page;
        }
      }
      overlay_boxes = std::move(split.overlay_boxes);
      dpi = *render_dpi;
      rendered = Render(*p, dpi);
    }
    if (!rendered.is_valid() || rendered.width() <= 0 || rendered.height() <= 0 ||
        rendered.format() != poppler::image::format_argb32) {
      return Status::InvalidInput("PDF page " + std::to_string(index + 1) +
                                  " could not be rendered");
    }
    page.origin = PageOrigin::kPdfRender;
    page.dpi = static_cast<int>(dpi);
    PixPtr rgb = ArgbImageToPix(rendered, page.dpi);
    rendered = poppler::image();  // the page's memory is held once, not twice
    if (rgb == nullptr) return Status::Internal("out of memory converting a PDF page");
    // The signature's box is not the letter: OCR must not read it into the header.
    // Accents and descenders reach a little outside the words' boxes: 2 pt more on each side.
    constexpr double kPadPt = 2.0;
    const double px_per_pt = dpi / 72.0;
    for (const PtRect& r : overlay_boxes) {
      BOX* box = boxCreate(static_cast<int>((r.x0 - kPadPt) * px_per_pt),
                           static_cast<int>((r.y0 - kPadPt) * px_per_pt),
                           static_cast<int>(std::ceil((r.width() + 2 * kPadPt) * px_per_pt)),
                           static_cast<int>(std::ceil((r.height() + 2 * kPadPt) * px_per_pt)));
      if (box == nullptr) continue;
      pixSetInRect(rgb.get(), box);  // all bits set: white
      boxDestroy(&box);
    }
    if (HasColour(rgb.get())) {
      page.image = std::move(rgb);
    } else {
      page.image = AdoptPix(pixConvertRGBToLuminance(rgb.get()));
      if (page.image != nullptr) pixSetResolution(page.image.get(), page.dpi, page.dpi);
    }
    if (page.image == nullptr) return Status::Internal("out of memory converting a PDF page");
    return page;
  }

  const std::string bytes_;
  const Limits limits_;
  std::unique_ptr<poppler::document> doc_;
  int pages_ = 0;
};

}  // namespace

Result<std::unique_ptr<Document>> OpenPdf(std::string bytes, const Limits& limits) {
  try {
    auto doc = std::make_unique<PdfDocument>(std::move(bytes), limits);
    CONGVAN_RETURN_IF_ERROR(doc->Load(limits));
    return std::unique_ptr<Document>(std::move(doc));
  } catch (const std::exception& e) {
    return Status::Internal(std::string("PDF reader failed: ") + e.what());
  }
}

}  // namespace congvan::intake::internal
