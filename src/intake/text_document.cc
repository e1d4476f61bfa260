// Text inputs: the output of another OCR, already split into pages at form feeds.
#include <memory>
#include <string>
#include <vector>

#include "intake/document.h"
#include "intake/internal.h"

namespace congvan::intake::internal {
namespace {

// A decoded text file. Text is small next to images, so all pages are kept from Open on.
class TextDocument : public Document {
 public:
  TextDocument(std::vector<std::string> pages, std::vector<std::string> warnings)
      : pages_(std::move(pages)) {
    warnings_ = std::move(warnings);
  }

  int page_count() const override { return static_cast<int>(pages_.size()); }

  Result<Page> LoadPage(int index) const override {
    CONGVAN_RETURN_IF_ERROR(CheckPageIndex(index, page_count()));
    Page page;
    page.index = index;
    page.origin = PageOrigin::kText;
    page.text = pages_[static_cast<size_t>(index)];
    return page;
  }

 private:
  const std::vector<std::string> pages_;
};

}  // namespace

Result<std::unique_ptr<Document>> OpenText(std::string_view bytes, const Limits& limits) {
  if (limits.max_text_bytes > 0 && bytes.size() > limits.max_text_bytes) {
    return Status::TooLarge("văn bản dạng chữ dài " + std::to_string(bytes.size() >> 20) +
                            " MB, quá giới hạn " + std::to_string(limits.max_text_bytes >> 20) +
                            " MB cho một công văn (max_text_bytes)");
  }
  Result<DecodedText> decoded = DecodeText(bytes);
  if (!decoded.ok()) return decoded.status();
  std::vector<std::string> pages = SplitPages(decoded->utf8);
  const int count = static_cast<int>(pages.size());
  if (OverPageLimit(count, limits)) return TooManyPages(count, limits.max_pages);
  return std::unique_ptr<Document>(
      std::make_unique<TextDocument>(std::move(pages), std::move(decoded->warnings)));
}

}  // namespace congvan::intake::internal

namespace congvan::intake {

Result<std::string> DecodeText(std::string_view bytes, std::vector<std::string>* warnings) {
  Result<internal::DecodedText> decoded = internal::DecodeText(bytes);
  if (!decoded.ok()) return decoded.status();
  if (warnings != nullptr) {
    warnings->insert(warnings->end(), decoded->warnings.begin(), decoded->warnings.end());
  }
  return std::move(decoded->utf8);
}

}  // namespace congvan::intake
