// Fixtures shared by the intake tests: real letter text, a rendered page, Leptonica encoders and
// hand-built PDFs. Test-only; nothing in the library includes this.
#ifndef CONGVAN_INTAKE_TEST_UTIL_H_
#define CONGVAN_INTAKE_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/pix.h"
#include "intake/document.h"
#include "support/testing.h"

// Expects `text` (a std::string) to contain `part`, printing `text` when it does not.
#define EXPECT_CONTAINS(text, part) \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "in: " << (text)

namespace congvan::intake::test {

// The first `lines` lines of a real letter from the devset.
inline std::string LetterText(int lines) {
  std::ifstream in(congvan::testing::TestData("devset/restored/000_a6046faea36eee60.txt"));
  std::string line, out;
  for (int i = 0; i < lines && std::getline(in, line); ++i) out += line + "\n";
  return out;
}

// A temporary folder that lives for the whole test program.
inline const congvan::testing::TempDir& SuiteDir() {
  static const congvan::testing::TempDir dir;  // removed at exit
  return dir;
}

// A real letter's first lines rendered at 300 dpi by text2image (rendered once per process).
inline const std::filesystem::path& RenderedTiff() {
  static const std::filesystem::path tif =
      congvan::testing::RenderPage(LetterText(14), SuiteDir() / "letter");
  return tif;
}

// The rendered page as an 8 bpp image at half size (quicker to encode), 150 dpi.
inline PixPtr SmallPage() {
  PixPtr page = AdoptPix(pixRead(RenderedTiff().c_str()));
  if (page == nullptr) return nullptr;
  PixPtr grey = AdoptPix(pixConvertTo8(page.get(), 0));
  PixPtr small = AdoptPix(pixScale(grey.get(), 0.5f, 0.5f));
  pixSetResolution(small.get(), 150, 150);
  return small;
}

// Encodes `pix` with Leptonica in `format` (IFF_PNG, IFF_JFIF_JPEG, ...).
inline std::string Encode(Pix* pix, int format) {
  l_uint8* data = nullptr;
  size_t size = 0;
  if (pixWriteMem(&data, &size, pix, format) != 0 || data == nullptr) return {};
  std::string bytes(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return bytes;
}

// Writes `bytes` to `name` in the suite folder and returns the path.
inline std::string Fixture(const std::string& name, const std::string& bytes) {
  const std::filesystem::path path = SuiteDir() / name;
  congvan::testing::WriteFile(path, bytes);
  return path.string();
}

// A syntactically valid PDF made of `objects` (object i+1 is objects[i]) with a correct xref.
inline std::string BuildPdf(const std::vector<std::string>& objects, const std::string& trailer) {
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " " + trailer + " >>\n";
  pdf += "startxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// Opens `path` with default limits, failing the test when it does not open.
inline std::unique_ptr<Document> MustOpen(const std::string& path, const Limits& limits = {}) {
  Result<std::unique_ptr<Document>> doc = Document::Open(path, limits);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  return doc.ok() ? std::move(*doc) : nullptr;
}

}  // namespace congvan::intake::test

#endif  // CONGVAN_INTAKE_TEST_UTIL_H_
