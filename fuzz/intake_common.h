// What the image and PDF fuzz targets share: a file's bytes opened the way Document::Open
// opens them once they are read, and its first pages decoded.
#ifndef CONGVAN_FUZZ_INTAKE_COMMON_H_
#define CONGVAN_FUZZ_INTAKE_COMMON_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "intake/document.h"
#include "intake/internal.h"

namespace congvan::fuzz {

// Opens `data` when its content is one of `wanted` kinds and loads its first pages; failures
// are the expected outcome for most inputs and end the run quietly.
template <typename Wanted>
void OpenAndLoad(const uint8_t* data, size_t size, Wanted&& wanted) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  const intake::FileType type = intake::DetectType(std::string_view(bytes).substr(0, 8192));
  if (!wanted(type)) return;
  intake::Limits limits;
  limits.max_pages = 3;  // every page is read the same way; more only take longer
  Result<std::unique_ptr<intake::Document>> doc = Status::Internal("");
  switch (type) {
    case intake::FileType::kPdf: doc = intake::internal::OpenPdf(std::move(bytes), limits); break;
    case intake::FileType::kTiff: doc = intake::internal::OpenTiff(std::move(bytes), limits); break;
    default: doc = intake::internal::OpenImage(std::move(bytes), type); break;
  }
  if (!doc.ok()) return;
  for (int i = 0; i < (*doc)->page_count() && i < limits.max_pages; ++i) (void)(*doc)->LoadPage(i);
}

}  // namespace congvan::fuzz

#endif  // CONGVAN_FUZZ_INTAKE_COMMON_H_
