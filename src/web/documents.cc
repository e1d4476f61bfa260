#include "web/documents.h"

#include <optional>

#include "registry/letter_files.h"
#include "registry/originals.h"
#include "text/tokens.h"
#include "web/html.h"

namespace congvan::web {
namespace {

std::string ExtensionOf(const std::string& file_type) {
  if (file_type == "tiff") return "tif";
  if (file_type == "jpeg") return "jpg";
  if (file_type == "text") return "txt";
  if (file_type == "pdf" || file_type == "png" || file_type == "pnm" || file_type == "webp") {
    return file_type;
  }
  return "bin";
}

// RFC 5987 attr-char: letters, digits and !#$&+-.^_`|~ stay; everything else is %XX.
std::string ExtValue(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// The name without marks, for the plain filename= parameter: "cong-van-1138-ubnd-nc.pdf".
std::string AsciiName(const std::string& name) {
  const std::size_t dot = name.rfind('.');
  const std::string stem = dot == std::string::npos ? name : name.substr(0, dot);
  const std::string ext = dot == std::string::npos ? "" : name.substr(dot);
  std::string out;
  for (char c : text::Folder().Key(stem)) out += c == ' ' ? '-' : c;
  if (out.empty()) out = "van-ban";
  return out + ext;
}

}  // namespace

std::string OriginalContentType(const std::string& file_type) {
  if (file_type == "pdf") return "application/pdf";
  if (file_type == "tiff") return "image/tiff";
  if (file_type == "png") return "image/png";
  if (file_type == "jpeg") return "image/jpeg";
  if (file_type == "pnm") return "image/x-portable-anymap";
  if (file_type == "webp") return "image/webp";
  if (file_type == "text") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::string ContentDisposition(const std::string& disposition, const std::string& name) {
  return disposition + "; filename=\"" + AsciiName(name) + "\"; filename*=UTF-8''" + ExtValue(name);
}

std::string OriginalFileName(const registry::DocumentRecord& doc, const registry::LetterFile& file) {
  std::string ref;
  for (char c : doc.doc_ref) ref += (c == '/' || c == '\\') ? '-' : c;
  // Nothing a file system refuses: control characters and quotes go.
  std::string stem = (doc.doc_type.empty() ? "Văn bản" : doc.doc_type) + " " +
                     (ref.empty() ? std::to_string(doc.id) : ref);
  std::string clean;
  for (char c : stem) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || c == '"' || c == ':' || c == '*' || c == '?' || c == '<' || c == '>' || c == '|') continue;
    clean += c;
  }
  return clean + (file.first ? "" : " (" + file.file_type + ")") + "." + ExtensionOf(file.file_type);
}

Result<OriginalDownload> FindOriginal(registry::Registry& registry, std::int64_t id,
                                      const std::string& sha256) {
  Result<std::optional<registry::DocumentRecord>> doc =
      registry.Find(id);
  if (!doc.ok()) return doc.status();
  if (!doc->has_value()) return Status::NotFound("Không có văn bản số " + std::to_string(id) + ".");
  Result<std::vector<registry::LetterFile>> files = registry::FilesOf(registry, **doc);
  if (!files.ok()) return files.status();
  for (const registry::LetterFile& f : *files) {
    if (!(sha256.empty() ? f.first : f.sha256 == sha256)) continue;
    Result<std::string> stored = registry::Originals::ForRegistry(registry).Find(f.sha256);
    if (!stored.ok()) return Status::NotFound("Không còn bản gốc của tệp này trong kho.");
    return OriginalDownload{*stored, OriginalContentType(f.file_type), OriginalFileName(**doc, f)};
  }
  return Status::NotFound("Văn bản số " + std::to_string(id) + " không có tệp này.");
}

std::string RenderPrintPage(const PageFrame& frame, const registry::DocumentRecord& doc,
                            bool page_images) {
  const std::string id = std::to_string(doc.id);
  std::string h = "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                  "<meta name=\"csrf-token\" content=\"" + Escape(frame.csrf_token) + "\">"
                  "<title>" + Escape(frame.title) + " · In</title>"
                  "<link rel=\"stylesheet\" href=\"/assets/app.css\">"
                  "<script src=\"/assets/app.js\" defer></script></head><body class=\"print-view\">"
                  "<p class=\"no-print print-bar\"><button type=\"button\" class=\"print\">In</button> "
                  "<a href=\"/documents/" + id + "\">Quay lại văn bản</a> <span class=\"meta\">"
                  "(hoặc Ctrl+P)</span></p>";
  if (page_images) {
    for (int p = 1; p <= doc.page_count; ++p) {
      h += "<figure class=\"print-page\"><img src=\"/documents/" + id + "/pages/" +
           std::to_string(p) + ".png\" alt=\"Trang " + std::to_string(p) + "\"></figure>";
    }
  } else {
    h += "<pre class=\"print-text\">" + Escape(doc.text) + "</pre>";
  }
  return h + "</body></html>\n";
}

}  // namespace congvan::web
