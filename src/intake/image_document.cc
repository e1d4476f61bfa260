// Single-image inputs (PNG, JPEG, PNM, WebP): one page, decoded with Leptonica.
#include <leptonica/allheaders.h>

#include <memory>
#include <string>

#include "intake/document.h"
#include "intake/internal.h"

namespace congvan::intake::internal {
namespace {

const l_uint8* Data(std::string_view bytes) {
  return reinterpret_cast<const l_uint8*>(bytes.data());
}

// A single image file: the encoded bytes are kept and decoded on each LoadPage, so the document
// holds a compressed image rather than a decoded one between Open and OCR.
class ImageDocument : public Document {
 public:
  ImageDocument(std::string bytes, FileType type, bool damaged_jpeg, std::string warning)
      : bytes_(std::move(bytes)), type_(type), damaged_jpeg_(damaged_jpeg) {
    if (!warning.empty()) warnings_.push_back(std::move(warning));
  }

  int page_count() const override { return 1; }

  Result<Page> LoadPage(int index) const override {
    CONGVAN_RETURN_IF_ERROR(CheckPageIndex(index, 1));
    Result<PixPtr> pix = damaged_jpeg_ ? DecodeDamagedJpeg(bytes_) : DecodeImage(bytes_, type_);
    if (!pix.ok()) return pix.status();
    return ImagePage(0, std::move(pix).value());
  }

 private:
  const std::string bytes_;
  const FileType type_;
  const bool damaged_jpeg_;  // decodes only leniently; accepted at Open because it is complete
};

// JPEG goes through pixReadMemJpeg directly: its default hint fails on damaged data (a truncated
// file), where a generic reader would hand back a half-grey page that OCR silently misreads.
PixPtr DecodeJpeg(std::string_view bytes, bool lenient) {
  l_int32 warnings = 0;
  return AdoptPix(pixReadMemJpeg(Data(bytes), bytes.size(), /*cmflag=*/0, /*reduction=*/1,
                                 &warnings, lenient ? L_JPEG_CONTINUE_WITH_BAD_DATA : 0));
}

// True when the JPEG data ends with an EOI marker (FF D9), allowing trailing padding. A file
// that has one was written completely, so libjpeg's warnings are about minor damage such as
// stray bytes between markers, not a missing half of the page.
bool HasJpegEnd(std::string_view bytes) {
  const size_t end = bytes.find_last_not_of(std::string_view("\0\n\r ", 4));
  return end != std::string_view::npos && end >= 1 && bytes[end] == '\xD9' &&
         bytes[end - 1] == '\xFF';
}

// True when PNG data holds its closing IEND chunk (allowing trailing bytes). Checking this first
// refuses a truncated PNG without handing it to libpng, which prints its own complaint to stderr.
bool HasPngEnd(std::string_view bytes) {
  constexpr size_t kTail = 256;
  const std::string_view tail = bytes.substr(bytes.size() > kTail ? bytes.size() - kTail : 0);
  return tail.find("IEND") != std::string_view::npos;
}

// True when an EOI marker (FF D9) sits in the last 64 KiB: a JPEG cut short has none, and is
// refused before libjpeg prints "Premature end of JPEG file" on stderr. Some cameras append
// data after EOI, hence the window rather than the last bytes.
bool HasJpegEndNearTail(std::string_view bytes) {
  constexpr size_t kTail = 64 * 1024;
  const std::string_view tail = bytes.substr(bytes.size() > kTail ? bytes.size() - kTail : 0);
  return tail.find("\xFF\xD9") != std::string_view::npos;
}

Status CorruptImage(FileType type) {
  return Status::InvalidInput(std::string("corrupt or truncated ") + FileTypeName(type) +
                              " image (could not be decoded)");
}

}  // namespace

Result<PixPtr> DecodeDamagedJpeg(std::string_view bytes) {
  PixPtr pix = DecodeJpeg(bytes, /*lenient=*/true);
  if (pix == nullptr) return CorruptImage(FileType::kJpeg);
  return pix;
}

Result<PixPtr> DecodeImage(std::string_view bytes, FileType type) {
  PixPtr pix = type == FileType::kJpeg ? DecodeJpeg(bytes, /*lenient=*/false)
                                       : AdoptPix(pixReadMem(Data(bytes), bytes.size()));
  if (pix == nullptr) return CorruptImage(type);
  if (pixGetWidth(pix.get()) <= 0 || pixGetHeight(pix.get()) <= 0) {
    return Status::InvalidInput(std::string(FileTypeName(type)) + " image has no pixels");
  }
  return pix;
}

// Refuses images whose header promises more pixels than any letter page needs, before
// decoding: a few KB of PNG can declare a 100000 x 100000 image.
Status CheckImageHeader(std::string_view bytes, FileType type) {
  l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, iscmap = 0;
  if (pixReadHeaderMem(Data(bytes), bytes.size(), &format, &w, &h, &bps, &spp, &iscmap) != 0) {
    return CorruptImage(type);
  }
  if (w <= 0 || h <= 0) return Status::InvalidInput(std::string(FileTypeName(type)) +
                                                    " image has no pixels");
  const double megapixels = static_cast<double>(w) * h / 1e6;
  if (megapixels > kMaxImageMegapixels) {
    return Status::TooLarge(std::string(FileTypeName(type)) + " image is " + std::to_string(w) +
                            " x " + std::to_string(h) + " pixels, over the limit of " +
                            std::to_string(static_cast<int>(kMaxImageMegapixels)) +
                            " megapixels");
  }
  return Status::Ok();
}

int ImageDpi(const Pix* pix) {
  // Files without a resolution read as 0; some writers store absurd values, equally unknown.
  const l_int32 res = pixGetXRes(pix);
  return res > 0 && res <= 9600 ? res : 0;
}

Page ImagePage(int index, PixPtr pix) {
  Page page;
  page.index = index;
  page.origin = PageOrigin::kImage;
  page.dpi = ImageDpi(pix.get());
  page.image = std::move(pix);
  return page;
}

Result<std::unique_ptr<Document>> OpenImage(std::string bytes, FileType type) {
  CONGVAN_RETURN_IF_ERROR(CheckImageHeader(bytes, type));
  if (type == FileType::kPng && !HasPngEnd(bytes)) return CorruptImage(type);
  if (type == FileType::kJpeg && !HasJpegEndNearTail(bytes)) return CorruptImage(type);
  // Decoding once here is the only reliable corruption check (a truncated PNG or JPEG has a good
  // header); the page is thrown away and decoded again in LoadPage to keep memory flat.
  Result<PixPtr> probe = DecodeImage(bytes, type);
  bool damaged_jpeg = false;
  std::string warning;
  if (!probe.ok() && type == FileType::kJpeg && HasJpegEnd(bytes)) {
    probe = DecodeDamagedJpeg(bytes);
    damaged_jpeg = probe.ok();
    warning = "JPEG data is slightly damaged (libjpeg warnings); decoded anyway";
  }
  if (!probe.ok()) return probe.status();
  return std::unique_ptr<Document>(
      std::make_unique<ImageDocument>(std::move(bytes), type, damaged_jpeg, std::move(warning)));
}

}  // namespace congvan::intake::internal
