// Content sniffing: the type of an input comes from its first bytes, never from its name.
#include <algorithm>
#include <string_view>

#include "intake/document.h"
#include "intake/internal.h"

namespace congvan::intake {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// PDF readers accept a header preceded by junk (mail gateways prepend lines), so do we: the
// "%PDF-" marker may sit anywhere in the first KiB.
bool IsPdf(std::string_view head) {
  return head.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

bool IsTiff(std::string_view head) {
  using namespace std::string_view_literals;
  return StartsWith(head, "II*\0"sv) || StartsWith(head, "MM\0*"sv) ||  // classic TIFF
         StartsWith(head, "II+\0"sv) || StartsWith(head, "MM\0+"sv);    // BigTIFF
}

// Netpbm: "P1".."P6" (and P7, PAM) followed by white space.
bool IsPnm(std::string_view head) {
  if (head.size() < 3 || head[0] != 'P' || head[1] < '1' || head[1] > '7') return false;
  const char c = head[2];
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool IsWebp(std::string_view head) {
  return head.size() >= 12 && StartsWith(head, "RIFF") && head.substr(8, 4) == "WEBP";
}

// UTF-16 and UTF-32 carry NUL bytes, so a BOM is what tells them apart from binary data.
bool HasWideBom(std::string_view head) {
  using namespace std::string_view_literals;
  return StartsWith(head, "\xFF\xFE"sv) || StartsWith(head, "\xFE\xFF"sv) ||
         StartsWith(head, "\0\0\xFE\xFF"sv);
}

}  // namespace

namespace internal {

const char* Utf16WithoutBom(std::string_view bytes) {
  // Latin text in UTF-16 has a zero high byte in most code units (spaces, digits, ASCII and
  // most Vietnamese letters below U+0250), on one side only: odd bytes for little-endian, even
  // ones for big-endian. Binary data has its zeros on both sides.
  const std::string_view head = bytes.substr(0, 8192);
  const size_t units = head.size() / 2;
  if (units < 8) return nullptr;
  size_t zero_even = 0, zero_odd = 0;
  for (size_t i = 0; i + 1 < head.size(); i += 2) {
    zero_even += head[i] == '\0';
    zero_odd += head[i + 1] == '\0';
  }
  if (zero_odd * 10 >= units * 3 && zero_even * 50 <= units) return "UTF-16LE";
  if (zero_even * 10 >= units * 3 && zero_odd * 50 <= units) return "UTF-16BE";
  return nullptr;
}

}  // namespace internal

const char* FileTypeName(FileType type) {
  switch (type) {
    case FileType::kPdf: return "pdf";
    case FileType::kTiff: return "tiff";
    case FileType::kPng: return "png";
    case FileType::kJpeg: return "jpeg";
    case FileType::kPnm: return "pnm";
    case FileType::kWebp: return "webp";
    case FileType::kText: return "text";
    case FileType::kUnknown: return "unknown";
  }
  return "unknown";
}

const char* FileTypeExtension(FileType type) {
  switch (type) {
    case FileType::kPdf: return "pdf";
    case FileType::kTiff: return "tif";
    case FileType::kPng: return "png";
    case FileType::kJpeg: return "jpg";
    case FileType::kPnm: return "pnm";
    case FileType::kWebp: return "webp";
    case FileType::kText: return "txt";
    case FileType::kUnknown: return "bin";
  }
  return "bin";
}

const char* PageOriginName(PageOrigin origin) {
  switch (origin) {
    case PageOrigin::kImage: return "image";
    case PageOrigin::kPdfRender: return "pdf-render";
    case PageOrigin::kPdfTextLayer: return "text-layer";
    case PageOrigin::kText: return "text";
  }
  return "image";
}

FileType DetectType(std::string_view head) {
  if (head.empty()) return FileType::kUnknown;
  if (StartsWith(head, "\x89PNG\r\n\x1a\n")) return FileType::kPng;
  if (StartsWith(head, "\xFF\xD8\xFF")) return FileType::kJpeg;
  if (IsTiff(head)) return FileType::kTiff;
  if (IsWebp(head)) return FileType::kWebp;
  if (IsPnm(head)) return FileType::kPnm;
  if (IsPdf(head)) return FileType::kPdf;
  if (HasWideBom(head)) return FileType::kText;
  if (internal::Utf16WithoutBom(head) != nullptr) return FileType::kText;
  const std::string_view first = head.substr(0, 8192);
  if (std::find(first.begin(), first.end(), '\0') != first.end()) return FileType::kUnknown;
  return FileType::kText;
}

}  // namespace congvan::intake
