#include "web/page_image.h"

#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <fstream>
#include <memory>

#include "intake/document.h"

namespace congvan::web {
namespace {

// Screen resolution cap: more than this only makes the PNG heavier.
constexpr double kMaxDpi = 150;

Result<std::string> EncodePng(Pix* pix) {
  l_uint8* data = nullptr;
  size_t size = 0;
  if (pixWriteMem(&data, &size, pix, IFF_PNG) != 0 || data == nullptr) {
    return Status::Internal("could not encode the page as PNG");
  }
  std::string png(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return png;
}

// Copies a poppler ARGB32 bitmap into a 32 bpp Pix.
PixPtr ArgbToPix(const poppler::image& img) {
  PixPtr pix = AdoptPix(pixCreate(img.width(), img.height(), 32));
  if (pix == nullptr) return pix;
  l_uint32* dst = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < img.height(); ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(img.const_data()) +
                      static_cast<std::size_t>(y) * img.bytes_per_row();
    l_uint32* line = dst + static_cast<std::size_t>(y) * wpl;
    for (int x = 0; x < img.width(); ++x) {
      const unsigned char* p = row + 4 * x;  // B, G, R, A in memory
      composeRGBPixel(p[2], p[1], p[0], &line[x]);
    }
  }
  return pix;
}

Result<std::string> ReadHead(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("the registry's copy of the original is missing");
  std::string head(8192, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

}  // namespace

Result<std::string> PageImages::RenderPdfPage(const std::string& path, int index, int max_width) {
  std::lock_guard<std::mutex> lock(pdf_mu_);
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
  if (doc == nullptr || doc->is_locked()) return Status::InvalidInput("the PDF cannot be opened");
  if (index < 0 || index >= doc->pages()) {
    return Status::NotFound("the document has " + std::to_string(doc->pages()) + " pages");
  }
  std::unique_ptr<poppler::page> page(doc->create_page(index));
  if (page == nullptr) return Status::InvalidInput("the PDF page cannot be read");
  const double width_pt = std::max(1.0, page->page_rect().width());
  const double dpi = std::clamp(max_width * 72.0 / width_pt, 24.0, kMaxDpi);
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_argb32);
  renderer.set_render_hint(poppler::page_renderer::antialiasing);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing);
  poppler::image img = renderer.render_page(page.get(), dpi, dpi);
  if (!img.is_valid() || img.format() != poppler::image::format_argb32) {
    return Status::Internal("the PDF page could not be rendered");
  }
  PixPtr pix = ArgbToPix(img);
  if (pix == nullptr) return Status::Internal("out of memory rendering a PDF page");
  return EncodePng(pix.get());
}

Result<std::string> PageImages::RenderPng(const std::string& stored_path, int index,
                                          int max_width) {
  Result<std::string> head = ReadHead(stored_path);
  if (!head.ok()) return head.status();
  const intake::FileType type = intake::DetectType(*head);
  if (type == intake::FileType::kText) {
    return Status::Unsupported("the original is a text file: it has no page images");
  }
  if (type == intake::FileType::kPdf) return RenderPdfPage(stored_path, index, max_width);
  Result<std::unique_ptr<intake::Document>> doc = intake::Document::Open(stored_path, intake::Limits{0, 0});
  if (!doc.ok()) return doc.status();
  if (index < 0 || index >= (*doc)->page_count()) {
    return Status::NotFound("the document has " + std::to_string((*doc)->page_count()) + " pages");
  }
  Result<intake::Page> page = (*doc)->LoadPage(index);
  if (!page.ok()) return page.status();
  if (page->image == nullptr) return Status::Unsupported("this page has no image");
  Pix* source = page->image.get();
  PixPtr scaled;
  if (pixGetWidth(source) > max_width) {
    const float f = static_cast<float>(max_width) / static_cast<float>(pixGetWidth(source));
    scaled = AdoptPix(pixScale(source, f, f));
    if (scaled == nullptr) return Status::Internal("could not scale the page");
    source = scaled.get();
  }
  return EncodePng(source);
}

}  // namespace congvan::web
