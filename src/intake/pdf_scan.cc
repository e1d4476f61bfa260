// A look through a PDF's bytes for images that declare more pixels than any letter needs.
//
// poppler gives no way to ask an image's size before drawing it, and drawing a 702-byte file
// that declares a 1,000,000 x 1,000,000 pixel image does not end. The dictionaries of image
// objects are never inside compressed object streams (a stream object cannot be), so their
// /Width and /Height, when written as numbers, can be read from the raw bytes. This refuses the
// plain cases before any page is touched; the child process of page_process.cc holds the rest.
#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "intake/internal.h"

namespace congvan::intake::internal {
namespace {

// How far from "/Subtype /Image" its dictionary is looked for: image dictionaries are a few
// hundred bytes; a colour space or decode array written inline makes some longer.
constexpr size_t kDictWindow = 16 * 1024;

RE2::Options Latin1() {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingLatin1);
  o.set_log_errors(false);
  return o;
}

struct Size {
  double width = 0, height = 0;
};

// The numbers after /Width and /Height (and /W and /H in an inline image) in `dict`. A size
// written as an indirect reference ("/Width 7 0 R") reads as unknown (0).
Size DeclaredSize(std::string_view dict, bool inline_image) {
  static const RE2 kKey(R"(/(Width|Height|W|H)\s+(\d+(?:\.\d*)?)(\s+\d+\s+R)?)", Latin1());
  Size size;
  re2::StringPiece in(dict.data(), dict.size());
  std::string key, number, reference;
  while (RE2::FindAndConsume(&in, kKey, &key, &number, &reference)) {
    if (!reference.empty()) continue;
    if (!inline_image && key.size() == 1) continue;
    const double v = std::strtod(number.c_str(), nullptr);
    if (key[0] == 'W') size.width = v;
    if (key[0] == 'H') size.height = v;
  }
  return size;
}

Status CheckSize(const Size& size) {
  const double megapixels = size.width * size.height / 1e6;
  if (megapixels <= kMaxImageMegapixels) return Status::Ok();
  char text[160];
  std::snprintf(text, sizeof text,
                "tệp PDF chứa ảnh %.0f x %.0f điểm ảnh, quá giới hạn %.0f megapixel",
                size.width, size.height, kMaxImageMegapixels);
  return Status::TooLarge(text);
}

}  // namespace

Status CheckPdfImageSizes(std::string_view bytes) {
  static const RE2 kImage(R"((/Subtype\s*/Image\b))", Latin1());
  static const RE2 kInline(R"((\sBI\s))", Latin1());
  re2::StringPiece in(bytes.data(), bytes.size());
  re2::StringPiece match;
  // Image objects: "N 0 obj << ... /Subtype /Image ... >> stream".
  while (RE2::FindAndConsume(&in, kImage, &match)) {
    const size_t at = static_cast<size_t>(match.data() - bytes.data());
    const size_t from = at > kDictWindow ? at - kDictWindow : 0;
    size_t begin = bytes.rfind("obj", at);
    if (begin == std::string_view::npos || begin < from) begin = from;
    size_t end = bytes.find("stream", at);
    if (end == std::string_view::npos || end - at > kDictWindow) end = std::min(bytes.size(), at + kDictWindow);
    CONGVAN_RETURN_IF_ERROR(CheckSize(DeclaredSize(bytes.substr(begin, end - begin), false)));
  }
  // Inline images in content streams that are not compressed: "BI /W 10 /H 10 ... ID".
  in = re2::StringPiece(bytes.data(), bytes.size());
  while (RE2::FindAndConsume(&in, kInline, &match)) {
    const size_t at = static_cast<size_t>(match.data() - bytes.data());
    size_t end = bytes.find("ID", at);
    if (end == std::string_view::npos || end - at > kDictWindow) continue;
    CONGVAN_RETURN_IF_ERROR(CheckSize(DeclaredSize(bytes.substr(at, end - at), true)));
  }
  return Status::Ok();
}

}  // namespace congvan::intake::internal
