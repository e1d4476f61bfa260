#include "base/page_text.h"

namespace congvan {

std::string PageText::Text() const {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += '\n';
    out += lines[i].text;
  }
  return out;
}

float PageText::MeanConfidence() const {
  double sum = 0;
  int n = 0;
  for (const Line& line : lines) {
    for (const Word& word : line.words) {
      sum += word.confidence;
      ++n;
    }
  }
  return n == 0 ? 100.0f : static_cast<float>(sum / n);
}

PageText PageTextFromPlain(int index, const std::string& source, const std::string& text) {
  PageText page;
  page.index = index;
  page.source = source;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    Line line;
    line.text = text.substr(start, end - start);
    if (!line.text.empty() && line.text.back() == '\r') line.text.pop_back();
    page.lines.push_back(std::move(line));
    start = end + 1;
  }
  return page;
}

}  // namespace congvan
