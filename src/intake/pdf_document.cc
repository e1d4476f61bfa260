// PDF inputs through poppler-cpp: a page with a good Vietnamese text layer is read from the
// layer; any other page is rendered at 300 dpi for OCR.
#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <string>

#include "intake/document.h"
#include "intake/internal.h"

namespace congvan::intake::internal {
namespace {

constexpr double kRenderDpi = 300.0;
// A page larger than this at 300 dpi (e.g. a 2 m poster) is rendered at a lower resolution so
// one page cannot take gigabytes: 100 Mpx is about 12 A4 pages' worth of grey pixels.
constexpr double kMaxRenderPixels = 100e6;

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

// Resolution for rendering `page`: 300 dpi unless that would exceed kMaxRenderPixels.
double RenderDpi(const poppler::page& page) {
  const poppler::rectf box = page.page_rect();
  const double area_in2 = (box.width() / 72.0) * (box.height() / 72.0);
  if (area_in2 <= 0) return kRenderDpi;
  const double max_dpi = std::sqrt(kMaxRenderPixels / area_in2);
  return std::max(36.0, std::min(kRenderDpi, std::floor(max_dpi)));
}

std::string PageText(const poppler::page& page) {
  // The default reading order of pdftotext: columns kept apart, unlike physical_layout, which
  // interleaves the two header columns of a letter line by line.
  const poppler::byte_array utf8 =
      page.text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
  return std::string(utf8.begin(), utf8.end());
}

// A PDF file. poppler is not safe for concurrent use of one document, so every call into it
// holds `mu_`; converting the rendered bitmap to a Pix happens outside the lock.
class PdfDocument : public Document {
 public:
  explicit PdfDocument(std::string bytes) : bytes_(std::move(bytes)) {}

  // Parses the bytes; must be called once, before any other method.
  Status Load(const Limits& limits) {
    if (bytes_.size() > static_cast<size_t>(INT_MAX)) {
      return Status::TooLarge("PDF over 2 GB cannot be read");
    }
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
    try {
      return LoadPageUnchecked(index);
    } catch (const std::exception& e) {
      return Status::Internal("PDF page " + std::to_string(index + 1) + ": " + e.what());
    }
  }

 private:
  Result<Page> LoadPageUnchecked(int index) const {
    Page page;
    page.index = index;
    poppler::image rendered;
    double dpi = kRenderDpi;
    {
      std::lock_guard<std::mutex> lock(mu_);
      std::unique_ptr<poppler::page> p(doc_->create_page(index));
      if (p == nullptr) {
        return Status::InvalidInput("corrupt PDF: page " + std::to_string(index + 1) +
                                    " cannot be read");
      }
      std::string text = PageText(*p);
      if (IsGoodTextLayer(text)) {
        page.origin = PageOrigin::kPdfTextLayer;
        page.text = std::move(text);
        return page;
      }
      dpi = RenderDpi(*p);
      poppler::page_renderer renderer;
      renderer.set_image_format(poppler::image::format_gray8);
      renderer.set_render_hint(poppler::page_renderer::antialiasing);
      renderer.set_render_hint(poppler::page_renderer::text_antialiasing);
      rendered = renderer.render_page(p.get(), dpi, dpi);
    }
    if (!rendered.is_valid() || rendered.width() <= 0 || rendered.height() <= 0 ||
        rendered.format() != poppler::image::format_gray8) {
      return Status::InvalidInput("PDF page " + std::to_string(index + 1) +
                                  " could not be rendered");
    }
    page.origin = PageOrigin::kPdfRender;
    page.dpi = static_cast<int>(dpi);
    page.image = GreyImageToPix(rendered, page.dpi);
    if (page.image == nullptr) return Status::Internal("out of memory converting a PDF page");
    return page;
  }

  const std::string bytes_;
  std::unique_ptr<poppler::document> doc_;
  int pages_ = 0;
  mutable std::mutex mu_;
};

}  // namespace

Result<std::unique_ptr<Document>> OpenPdf(std::string bytes, const Limits& limits) {
  try {
    auto doc = std::make_unique<PdfDocument>(std::move(bytes));
    CONGVAN_RETURN_IF_ERROR(doc->Load(limits));
    return std::unique_ptr<Document>(std::move(doc));
  } catch (const std::exception& e) {
    return Status::Internal(std::string("PDF reader failed: ") + e.what());
  }
}

}  // namespace congvan::intake::internal
