// The digital signatures a PDF shows over its pages (PageText::overlays): who signed, when, and
// the signer's e-mail.
//
// The boxes come in a few forms, their lines wrapped wherever the box is narrow:
//   "Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi / Cơ quan: Tỉnh Quảng Ngãi / Thời gian ký:
//    07/01/2025 10:09:57"
//   "Người ký: Ủy ban / nhân dân tỉnh Quảng / Ngãi / … / Thời gian ký: / 16.04.2020 07:37:07 / +07:00"
//   "TRUNG TÂM CÔNG BÁO VÀ TIN HỌC / ttcbth@quangngai.gov.vn / 07.01.2025 10:44:25 +07:00"
// A letter published by a gazette centre carries two: the issuer's and, later, the centre's.
#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/page_text.h"
#include "extract/parts.h"
#include "text/dates.h"

namespace congvan::extract {
namespace {

// The labels of a signature box, matched loosely ("Ky´ bởi" from a font without precomposed
// letters still counts). Group 1 names the signer, 2 the signer's agency, 3 the time, 4 the
// e-mail.
const RE2& LabelPattern() {
  static const RE2 re(
      R"((?i)(?:^|\s)(?:(k\S{0,3}\s+b\S{1,6}i|ng\S{1,8}i\s+k\S{0,3}|signed\s+by))"
      R"(|(c\S{1,3}\s+quan)|(th\S{1,6}i\s+gian\s+k\S{0,3}|ng\S{1,6}y\s+k\S{0,3}))"
      R"(|(e-?mail))\s*:)");
  return re;
}

// "07.01.2025 10:44:25 +07:00", "27/12/2021 17:22:11".
const RE2& TimePattern() {
  static const RE2 re(
      R"((\d{1,2})[./-](\d{1,2})[./-](\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)"
      R"((?:\s*([+-])(\d{2}):?(\d{2}))?)");
  return re;
}

const RE2& EmailPattern() {
  static const RE2 re(R"(([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+))");
  return re;
}

std::string_view TrimChars(std::string_view s, const char* chars) {
  const size_t b = s.find_first_not_of(chars);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(chars) - b + 1);
}

// The block's lines as one line. A line that ends inside an e-mail address ("…@quangngai.gov.v"
// above "n") is glued to the next, which goes on with the address.
std::string JoinLines(std::string_view block) {
  std::string out;
  size_t start = 0;
  while (start <= block.size()) {
    size_t end = block.find('\n', start);
    if (end == std::string_view::npos) end = block.size();
    const std::string_view line = TrimChars(block.substr(start, end - start), " \t\r");
    start = end + 1;
    if (line.empty()) continue;
    const size_t last_space = out.find_last_of(' ');
    const std::string_view last_word =
        std::string_view(out).substr(last_space == std::string::npos ? 0 : last_space + 1);
    const bool in_address = last_word.find('@') != std::string_view::npos &&
                            line.find(' ') == std::string_view::npos &&
                            line.find('@') == std::string_view::npos &&
                            std::all_of(line.begin(), line.end(), [](char c) {
                              return (c >= 'a' && c <= 'z') || c == '.' || c == '-';
                            });
    if (!out.empty() && !in_address) out += ' ';
    out += line;
  }
  return out;
}

// "07/01/2025 10:09:57" → "2025-01-07T10:09:57+07:00". A time without its offset is Vietnam's
// (UTC+7 all year): the signing software of Vietnamese agencies prints local time.
std::string IsoTime(const std::string& day, const std::string& month, const std::string& year,
                    const std::string& hour, const std::string& minute, const std::string& second,
                    const std::string& sign, const std::string& zh, const std::string& zm) {
  std::optional<std::string> date = text::IsoDate(year, month, day);
  if (!date) return "";
  const int h = std::stoi(hour), m = std::stoi(minute), s = second.empty() ? 0 : std::stoi(second);
  if (h > 23 || m > 59 || s > 59) return "";
  char time[32];
  std::snprintf(time, sizeof time, "T%02d:%02d:%02d", h, m, s);
  const std::string zone = sign.empty() ? "+07:00" : sign + zh + ":" + zm;
  return *date + time + zone;
}

// One signature box read; nullopt when it names no signer.
std::optional<DigitalSignature> ReadBox(std::string_view block) {
  const std::string text = JoinLines(block);
  const re2::StringPiece input(text);
  DigitalSignature sig;
  // Where anything other than a name starts: a label, the time, the e-mail.
  std::vector<size_t> stops;
  re2::StringPiece t[10];
  if (TimePattern().Match(input, 0, text.size(), RE2::UNANCHORED, t, 10)) {
    auto g = [&t](int i) { return std::string(t[i].data() == nullptr ? "" : t[i].as_string()); };
    sig.signed_at = IsoTime(g(1), g(2), g(3), g(4), g(5), g(6), g(7), g(8), g(9));
    stops.push_back(static_cast<size_t>(t[0].data() - text.data()));
  }
  re2::StringPiece e;
  if (EmailPattern().Match(input, 0, text.size(), RE2::UNANCHORED, &e, 1)) {
    sig.email = e.as_string();
    stops.push_back(static_cast<size_t>(e.data() - text.data()));
  }

  // Each label's value runs to the next label, the time or the e-mail, whichever comes first.
  struct Label {
    size_t begin, end;  // of the label itself
    int kind;           // 1 signer, 2 agency, 3 time, 4 e-mail
  };
  std::vector<Label> labels;
  re2::StringPiece groups[5];
  size_t pos = 0;
  while (pos < text.size() &&
         LabelPattern().Match(input, pos, text.size(), RE2::UNANCHORED, groups, 5)) {
    int kind = 0;
    for (int g = 1; g <= 4 && kind == 0; ++g) kind = groups[g].data() != nullptr ? g : 0;
    const size_t begin = static_cast<size_t>(groups[0].data() - text.data());
    const size_t end = begin + groups[0].size();
    labels.push_back({begin, end, kind});
    stops.push_back(begin);
    pos = std::max(end, pos + 1);
  }
  auto value_from = [&](size_t from) {
    size_t to = text.size();
    for (size_t s : stops) {
      if (s >= from && s < to) to = s;
    }
    // "Người ký: …, Email: …": the punctuation before the next label is not the name's.
    return std::string(TrimChars(std::string_view(text).substr(from, to - from), " ,;:"));
  };
  for (const Label& l : labels) {
    if (l.kind == 1) {
      sig.signed_by = value_from(l.end);
      break;
    }
  }
  // A box without a "Ký bởi" label opens with the signer's name ("TRUNG TÂM CÔNG BÁO VÀ TIN
  // HỌC" above its e-mail and time).
  if (sig.signed_by.empty()) sig.signed_by = value_from(0);
  if (sig.signed_by.empty()) return std::nullopt;
  return sig;
}

}  // namespace

void ReadOverlaySignatures(const std::vector<PageText>& pages, Letter& letter) {
  std::vector<DigitalSignature> found;
  for (const PageText& page : pages) {
    for (const std::string& block : page.overlays) {
      std::optional<DigitalSignature> sig = ReadBox(block);
      if (!sig) continue;
      // The same signature shown on every page counts once.
      const bool seen = std::any_of(found.begin(), found.end(), [&](const DigitalSignature& s) {
        return s.signed_by == sig->signed_by && s.signed_at == sig->signed_at;
      });
      if (!seen) found.push_back(std::move(*sig));
    }
  }
  if (found.empty()) return;
  // The letter's own signature is the first made: the issuer signs, a gazette centre signs
  // again when it publishes. ISO times with the same offset order as strings; a box without a
  // time goes last.
  std::stable_sort(found.begin(), found.end(), [](const DigitalSignature& a, const DigitalSignature& b) {
    if (a.signed_at.empty() != b.signed_at.empty()) return b.signed_at.empty();
    return a.signed_at < b.signed_at;
  });
  letter.digital_signature = found.front();
  letter.countersignatures.assign(found.begin() + 1, found.end());
}

}  // namespace congvan::extract
