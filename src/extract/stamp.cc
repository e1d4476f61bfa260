#include "extract/stamp.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "extract/rules.h"
#include "extract/text.h"
#include "text/fold.h"

namespace congvan::extract {
namespace {

// The received stamp sits in the header: only the first lines of the first page are looked at.
constexpr size_t kHeaderLines = 30;

struct Candidate {
  std::string_view text;
  int stamp = -1;  // block of PageText::stamps, -1 for a line of the page itself
};

bool Matches(const RuleSet& rules, std::string_view family, std::string_view text, Match* m) {
  return rules.FindFirst(family, text, Fold(text), m) != nullptr;
}

int ToInt(std::string_view digits) {
  int n = 0;
  for (char c : digits) {
    if (c == 'o' || c == 'O') c = '0';
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

bool RealDay(int y, int m, int d) {
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m != 2 || d <= 28 || leap;
}

// The ISO date written on a received-stamp line. Each `received_date` pattern is one way to read
// the handwriting; of the real days they give, the earliest not before `issued` (the letter's
// date: a letter is received after it is issued) is kept, or the first when `issued` is unknown.
std::optional<std::string> WrittenDate(const RuleSet& rules, std::string_view line,
                                       const std::optional<std::string>& issued) {
  const Folded folded = Fold(line);
  std::optional<std::string> best;
  Match m;
  for (const Pattern* p : rules.Family("received_date")) {
    if (!p->Find(line, folded, &m)) continue;
    const int d = ToInt(m.Group("day")), mo = ToInt(m.Group("month")), y = ToInt(m.Group("year"));
    if (!RealDay(y, mo, d)) continue;
    char iso[40];  // room for any three ints, though RealDay keeps them to yyyy-mm-dd
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, mo, d);
    const std::string date(iso);
    if (!issued) return date;
    if (date >= *issued && (!best || date < *best)) best = date;
  }
  return best;
}

// The stamp blocks holding a received-stamp line, then the page's header lines that are such a
// line. Stamp lines come first: read on their own, they are the better reading.
std::vector<Candidate> ReceivedLines(const RuleSet& rules, const PageText& page) {
  std::vector<int> blocks;
  Match m;
  for (const Line& l : page.stamps) {
    if (Matches(rules, "received_line", l.text, &m) &&
        std::find(blocks.begin(), blocks.end(), l.block) == blocks.end()) {
      blocks.push_back(l.block);
    }
  }
  std::vector<Candidate> out;
  for (const Line& l : page.stamps) {
    if (std::find(blocks.begin(), blocks.end(), l.block) != blocks.end()) {
      out.push_back({l.text, l.block});
    }
  }
  for (size_t i = 0; i < page.lines.size() && i < kHeaderLines; ++i) {
    if (Matches(rules, "received_line", page.lines[i].text, &m)) out.push_back({page.lines[i].text, -1});
  }
  return out;
}

std::optional<std::string> Office(const RuleSet& rules, const std::vector<Candidate>& lines,
                                  const PageText& page) {
  // The office line itself does not match `received_line`: look at every line of the stamp
  // blocks found, and at the page line just above a received-stamp line.
  std::vector<std::string_view> texts;
  for (const Candidate& c : lines) {
    if (c.stamp < 0) continue;
    for (const Line& l : page.stamps) {
      if (l.block == c.stamp) texts.push_back(l.text);
    }
    break;
  }
  Match m;
  for (size_t i = 1; i < page.lines.size() && i < kHeaderLines; ++i) {
    if (Matches(rules, "received_line", page.lines[i].text, &m)) texts.push_back(page.lines[i - 1].text);
  }
  for (std::string_view t : texts) {
    if (!Matches(rules, "received_office", t, &m)) continue;
    std::string folded = FoldText(m.Group("value"));
    std::erase_if(folded, [](char c) { return !((c >= 'a' && c <= 'z') || c == ' '); });
    if (const std::string* known = NearestListValue(rules, "received_offices", folded, /*squeeze=*/true)) {
      return *known;
    }
  }
  return std::nullopt;
}

void ReadReceived(const RuleSet& rules, const PageText& page, Letter& letter) {
  const std::vector<Candidate> lines = ReceivedLines(rules, page);
  if (lines.empty()) return;
  Received received;
  Match m;
  for (const Candidate& c : lines) {
    if (!received.date) received.date = WrittenDate(rules, c.text, letter.date);
    if (!received.number && Matches(rules, "received_number", c.text, &m)) {
      received.number = std::string(m.Group("number"));
    }
  }
  received.office = Office(rules, lines, page);
  // A stamp of which nothing could be read tells the clerk nothing, and the same empty result
  // comes from a line that only looked like a stamp's: no field then.
  if (received.number || received.date || received.office) letter.received = std::move(received);
}

void ReadUrgencyStamp(const RuleSet& rules, const PageText& page, Letter& letter) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kMarks = {{
      {"stamp_thuong_khan", "THƯỢNG KHẨN"}, {"stamp_hoa_toc", "HỎA TỐC"}, {"stamp_khan", "KHẨN"}}};
  Match m;
  for (const auto& [family, value] : kMarks) {
    for (const Line& l : page.stamps) {
      if (Matches(rules, family, l.text, &m)) {
        letter.urgency = std::string(value);
        return;
      }
    }
  }
}

}  // namespace

void ReadStamps(const RuleSet& rules, const std::vector<PageText>& pages, Letter& letter) {
  if (pages.empty()) return;
  ReadReceived(rules, pages[0], letter);
  if (!letter.urgency) ReadUrgencyStamp(rules, pages[0], letter);
}

}  // namespace congvan::extract
