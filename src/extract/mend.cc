#include "extract/mend.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "text/fold.h"
#include "extract/layout.h"
#include "extract/text.h"

namespace congvan::extract {
namespace {

constexpr size_t kMinFlatHeaderBytes = 160;  // a header line of its own is never this long
constexpr size_t kFlatHeaderLines = 3;       // the run-on header is one of the first lines

// The length of the UTF-8 combining mark (U+0300–U+036F) at `i`, else 0.
size_t MarkAt(std::string_view s, size_t i) {
  if (i + 1 >= s.size()) return 0;
  const auto a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]);
  if ((a == 0xCC && b >= 0x80 && b <= 0xBF) || (a == 0xCD && b >= 0x80 && b <= 0xAF)) return 2;
  return 0;
}

bool HasOrphanMark(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if ((i == 0 || s[i - 1] == ' ') && MarkAt(s, i) > 0) return true;
  }
  return false;
}

// `s` without the marks that follow a space or start it (and the marks right after those).
std::string WithoutOrphanMarks(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool orphan_run = false;
  for (size_t i = 0; i < s.size();) {
    const size_t mark = MarkAt(s, i);
    if (mark > 0 && (out.empty() || out.back() == ' ' || orphan_run)) {
      orphan_run = true;
      i += mark;
      continue;
    }
    orphan_run = false;
    if (s[i] == ' ' && !out.empty() && out.back() == ' ') {  // the space a removed mark left
      ++i;
      continue;
    }
    out.push_back(s[i++]);
  }
  return out;
}

void Cut(std::vector<size_t>& cuts, size_t at, size_t size) {
  if (at > 0 && at < size) cuts.push_back(at);
}

// Where the addressee list that starts at `from` ("Kính gửi: - A; - B. Vừa qua, …") breaks:
// before each "- " item, and after the "." that ends the last one.
void CutAddressees(std::string_view line, size_t from, std::vector<size_t>& cuts) {
  size_t at = line.find(" - ", from);
  while (at != std::string_view::npos) {
    Cut(cuts, at + 1, line.size());
    const size_t end = line.find_first_of(";.", at + 3);
    if (end == std::string_view::npos) return;
    if (line[end] == '.') {
      Cut(cuts, end + 1, line.size());
      return;
    }
    at = line.find(" - ", end);
  }
}

// The pieces of a header run on one line, or none when `line` is no such header: it must hold
// the national title and a "Số" line.
std::vector<std::string> SplitFlatHeader(const RuleSet& rules, std::string_view line) {
  if (line.size() < kMinFlatHeaderBytes) return {};
  const Folded f = Fold(line);
  Match title, number;
  bool has_title = false;
  for (const Pattern* p : rules.Family("motto_upper")) {
    if (p->Find(line, f, &title) && !HasLower(title.whole()) && Words(title.whole()).size() >= 6) {
      has_title = true;
      break;
    }
  }
  if (!has_title || !rules.FindFirst("doc_number", line, f, &number)) return {};
  std::vector<size_t> cuts;
  Cut(cuts, title.begin(), line.size());
  Cut(cuts, title.end(), line.size());
  Match m;
  if (rules.FindFirst("motto", line, f, &m)) {
    Cut(cuts, m.begin(), line.size());
    Cut(cuts, m.end(), line.size());
  }
  const std::string_view symbol = number.Group("symbol");
  Cut(cuts, number.Group("symbol").empty() ? number.end() : number.begin(), line.size());
  size_t after_date = number.end();
  if (!symbol.empty()) Cut(cuts, static_cast<size_t>(symbol.data() + symbol.size() - line.data()), line.size());
  if (rules.FindFirst("place_date", line, f, &m)) {
    const size_t ngay = static_cast<size_t>(m.Group("ngay").data() - line.data());
    Cut(cuts, PlaceStart(line, ngay, rules), line.size());
    Cut(cuts, m.end(), line.size());
    after_date = std::max(after_date, m.end());
  }
  for (std::string_view vv : {" V/v ", " V/V ", " v/v "}) {
    const size_t at = line.find(vv, after_date);
    if (at != std::string_view::npos) {
      Cut(cuts, at + 1, line.size());
      break;
    }
  }
  const size_t kinh = f.text.find("kinh gui", std::min(after_date, f.text.size()));
  if (kinh != std::string::npos) {
    const size_t at = f.OriginBegin(kinh);
    Cut(cuts, at, line.size());
    CutAddressees(line, at, cuts);
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::vector<std::string> pieces;
  size_t from = 0;
  cuts.push_back(line.size());
  for (size_t c : cuts) {
    const std::string_view piece = Trim(line.substr(from, c - from));
    if (!piece.empty()) pieces.emplace_back(piece);
    from = c;
  }
  return pieces.size() >= 4 ? pieces : std::vector<std::string>{};
}

}  // namespace

std::optional<std::vector<PageText>> MendTextLayer(const RuleSet& rules, const std::vector<PageText>& pages) {
  std::optional<std::vector<PageText>> out;
  auto copy = [&]() -> std::vector<PageText>& {
    if (!out) out = pages;
    return *out;
  };
  for (size_t p = 0; p < pages.size(); ++p) {
    for (size_t i = 0; i < pages[p].lines.size(); ++i) {
      if (HasOrphanMark(pages[p].lines[i].text)) {
        copy()[p].lines[i].text = WithoutOrphanMarks(pages[p].lines[i].text);
      }
    }
  }
  if (pages.empty() || pages[0].width > 0) return out;
  const std::vector<Line>& lines = out ? (*out)[0].lines : pages[0].lines;
  for (size_t i = 0; i < lines.size() && i < kFlatHeaderLines; ++i) {
    std::vector<std::string> pieces = SplitFlatHeader(rules, lines[i].text);
    if (pieces.empty()) continue;
    std::vector<Line>& mended = copy()[0].lines;
    std::vector<Line> split;
    for (std::string& piece : pieces) {
      Line l = mended[i];
      l.text = std::move(piece);
      split.push_back(std::move(l));
    }
    mended.erase(mended.begin() + static_cast<long>(i));
    mended.insert(mended.begin() + static_cast<long>(i), split.begin(), split.end());
    break;
  }
  return out;
}

}  // namespace congvan::extract
