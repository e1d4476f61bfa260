#include "pipeline/task_text.h"

#include <cctype>
#include <vector>

namespace congvan::pipeline {
namespace {

constexpr std::string_view kCutMark = " ...";
constexpr std::size_t kMaxTaskBytes = 4000;
// A shorter start could be found in the wrong place.
constexpr std::size_t kMinStartBytes = 24;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t CodePointLength(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

// The text with every run of spaces and line breaks made one space, and for each byte kept the
// offset it came from.
struct Collapsed {
  std::string text;
  std::vector<std::size_t> origin;
};

Collapsed Collapse(std::string_view text) {
  Collapsed c;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (IsSpace(text[i])) {
      if (!c.text.empty() && c.text.back() == ' ') continue;
      c.text += ' ';
    } else {
      c.text += text[i];
    }
    c.origin.push_back(i);
  }
  return c;
}

// True when the line starting at `at` opens a new item: "1.", "1.2.", "2)", "a)", "-", "+", "*",
// "Điều", or a Roman numeral with a dot.
bool StartsItem(std::string_view text, std::size_t at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  const std::string_view line = text.substr(at, 16);
  if (line.empty()) return false;
  if (line[0] == '-' || line[0] == '+' || line[0] == '*') return true;
  if (line.rfind("Điều ", 0) == 0) return true;
  std::size_t digits = 0;
  while (digits < line.size() && (std::isdigit(static_cast<unsigned char>(line[digits])) ||
                                  (digits > 0 && line[digits] == '.' && digits + 1 < line.size() &&
                                   std::isdigit(static_cast<unsigned char>(line[digits + 1]))))) {
    ++digits;
  }
  if (digits > 0 && digits < line.size() && (line[digits] == '.' || line[digits] == ')')) return true;
  if (line.size() >= 2 && std::islower(static_cast<unsigned char>(line[0])) && line[1] == ')') return true;
  std::size_t roman = 0;
  while (roman < line.size() && std::string_view("IVX").find(line[roman]) != std::string_view::npos) ++roman;
  return roman > 0 && roman < line.size() && line[roman] == '.';
}

// The offset in `text` where the paragraph holding `from` ends.
std::size_t ParagraphEnd(std::string_view text, std::size_t from) {
  const std::size_t limit = std::min(text.size(), from + kMaxTaskBytes);
  for (std::size_t i = from; i < limit; ++i) {
    if (text[i] != '\n') continue;
    std::size_t next = i + 1;
    while (next < text.size() && (text[next] == ' ' || text[next] == '\t' || text[next] == '\r')) ++next;
    if (next >= text.size() || text[next] == '\n' || StartsItem(text, next)) return i;
  }
  if (limit == text.size()) return limit;
  // Too long for one task: cut at the last space.
  std::size_t cut = limit;
  while (cut > from && !IsSpace(text[cut])) --cut;
  return cut;
}

}  // namespace

std::string FullTaskText(std::string_view summary, std::string_view letter_text) {
  if (summary.size() < kCutMark.size() ||
      summary.substr(summary.size() - kCutMark.size()) != kCutMark) {
    return std::string(summary);
  }
  const std::string_view cut = summary.substr(0, summary.size() - kCutMark.size());
  if (cut.empty()) return std::string(summary);
  // The summary's first letter was capitalised: look for what follows it.
  const std::size_t first = CodePointLength(static_cast<unsigned char>(cut[0]));
  if (cut.size() < first + kMinStartBytes) return std::string(summary);
  const std::string_view rest = cut.substr(first);
  const Collapsed c = Collapse(letter_text);
  const std::size_t found = c.text.find(rest);
  if (found == std::string::npos) return std::string(summary);
  const std::size_t start = c.origin[found];
  const std::size_t end = ParagraphEnd(letter_text, c.origin[found + rest.size() - 1] + 1);
  std::string whole = std::string(cut.substr(0, first)) +
                      Collapse(letter_text.substr(start, end - start)).text;
  while (!whole.empty() && (IsSpace(whole.back()) || whole.back() == ',' || whole.back() == ';' ||
                            whole.back() == ':')) {
    whole.pop_back();
  }
  return whole.size() < cut.size() ? std::string(summary) : whole;
}

}  // namespace congvan::pipeline
