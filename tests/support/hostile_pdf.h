// Small hostile PDFs, written at test time: a few hundred bytes each that would keep poppler
// busy for hours or ask it for gigabytes.
#ifndef CONGVAN_TESTS_SUPPORT_HOSTILE_PDF_H_
#define CONGVAN_TESTS_SUPPORT_HOSTILE_PDF_H_

#include <cstdio>
#include <string>
#include <vector>

namespace congvan::testing {

// A PDF whose objects are `objects` (object 1 first; object 1 must be the catalog), with a
// correct cross-reference table.
inline std::string PdfOf(const std::vector<std::string>& objects) {
  std::string out = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

inline std::string PdfStream(const std::string& dict, const std::string& body) {
  return "<< " + dict + " /Length " + std::to_string(body.size()) + " >>\nstream\n" + body +
         "\nendstream";
}

// One A4 page drawing image object 5, whose dictionary is `image_dict`, over most of the page.
inline std::string PdfWithImage(const std::string& image_dict, const std::string& extra_object = "") {
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
      "/Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>",
      PdfStream("", "q 500 0 0 500 50 50 cm /Im0 Do Q"),
      PdfStream("/Type /XObject /Subtype /Image " + image_dict +
                    " /ColorSpace /DeviceGray /BitsPerComponent 8",
                std::string(16, '\0')),
  };
  if (!extra_object.empty()) objects.push_back(extra_object);
  return PdfOf(objects);
}

// A page with an image that declares 1,000,000 x 1,000,000 pixels (16 bytes of data): poppler's
// scaler would walk every one of them.
inline std::string ImageBombPdf() { return PdfWithImage("/Width 1000000 /Height 1000000"); }

// The same image with its size in another object ("/Width 6 0 R"), which a look at the raw
// bytes cannot read: only the page's deadline stops it.
inline std::string HiddenImageBombPdf() {
  return PdfWithImage("/Width 6 0 R /Height 6 0 R", "1000000");
}

// A page whose MediaBox is 10^9 points (350 km) on each side.
inline std::string HugeMediaBoxPdf() {
  return PdfOf({
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1000000000 1000000000] /Contents 4 0 R >>",
      PdfStream("", "0 0 m 100 100 l S"),
  });
}

}  // namespace congvan::testing

#endif  // CONGVAN_TESTS_SUPPORT_HOSTILE_PDF_H_
