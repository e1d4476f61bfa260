// TIFF inputs: possibly many pages, each decoded on demand from the bytes in memory.
#include <leptonica/allheaders.h>

#include <cstdio>
#include <memory>
#include <string>

#include "intake/document.h"
#include "intake/internal.h"

namespace congvan::intake::internal {
namespace {

const l_uint8* Data(std::string_view bytes) {
  return reinterpret_cast<const l_uint8*>(bytes.data());
}

struct FileCloser {
  void operator()(FILE* f) const {
    if (f != nullptr) std::fclose(f);
  }
};

// Number of pages (directories) in a TIFF held in memory; 0 when it cannot be parsed.
int CountTiffPages(std::string_view bytes) {
  std::unique_ptr<FILE, FileCloser> f(fopenReadFromMemory(Data(bytes), bytes.size()));
  if (f == nullptr) return 0;
  l_int32 n = 0;
  if (tiffGetCount(f.get(), &n) != 0) return 0;
  return n;
}

Result<PixPtr> DecodeTiffPage(std::string_view bytes, int index) {
  PixPtr pix = AdoptPix(pixReadMemTiff(Data(bytes), bytes.size(), index));
  if (pix == nullptr) {
    return Status::InvalidInput("corrupt or truncated tiff: page " + std::to_string(index + 1) +
                                " could not be decoded");
  }
  return pix;
}

// A TIFF file. Leptonica re-opens the bytes for each page, so concurrent LoadPage calls share
// nothing mutable and need no lock.
class TiffDocument : public Document {
 public:
  TiffDocument(std::string bytes, int pages) : bytes_(std::move(bytes)), pages_(pages) {}

  int page_count() const override { return pages_; }

  Result<Page> LoadPage(int index) const override {
    CONGVAN_RETURN_IF_ERROR(CheckPageIndex(index, pages_));
    Result<PixPtr> pix = DecodeTiffPage(bytes_, index);
    if (!pix.ok()) return pix.status();
    return ImagePage(index, std::move(pix).value());
  }

 private:
  const std::string bytes_;
  const int pages_;
};

}  // namespace

Result<std::unique_ptr<Document>> OpenTiff(std::string bytes, const Limits& limits) {
  const int pages = CountTiffPages(bytes);
  if (pages <= 0) return Status::InvalidInput("corrupt or truncated tiff (no readable pages)");
  if (OverPageLimit(pages, limits)) return TooManyPages(pages, limits.max_pages);
  CONGVAN_RETURN_IF_ERROR(CheckImageHeader(bytes, FileType::kTiff));
  // Decode the first page now so a damaged file is refused at Open, not halfway through a run.
  Result<PixPtr> probe = DecodeTiffPage(bytes, 0);
  if (!probe.ok()) return probe.status();
  return std::unique_ptr<Document>(std::make_unique<TiffDocument>(std::move(bytes), pages));
}

}  // namespace congvan::intake::internal
