#include "extract/member_list.h"

#include <algorithm>
#include <vector>

#include "extract/rules.h"
#include "extract/text.h"
#include "text/fold.h"

namespace congvan::extract {
namespace {

// A list never names more offices than this; the rest stays as written.
constexpr size_t kMaxMembers = 24;
// The longest listed body name after its head word ("Lao động - Thương binh và Xã hội").
constexpr size_t kMaxMemberWords = 8;
// Only the opening of an item or clause is looked at.
constexpr size_t kOpeningBytes = 600;

// A word of the text and where it ends (the byte after it).
struct Word {
  std::string_view text;  // without the "," or ";" glued to its end
  size_t end = 0;         // byte after the word, separator included
  char separator = 0;     // ',' or ';' glued to its end, else 0
};

std::vector<Word> WordsFrom(std::string_view line, size_t from) {
  std::vector<Word> out;
  size_t i = from;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ') ++j;
    if (j == i) break;
    std::string_view w = line.substr(i, j - i);
    char separator = 0;
    if (w.back() == ',' || w.back() == ';') separator = w.back(), w.remove_suffix(1);
    out.push_back({w, j, separator});
    i = j;
  }
  return out;
}

// The words' folded text, joined by spaces; with `commas`, a word followed by "," keeps it
// ("lao dong, thuong binh va xa hoi").
std::string FoldedRun(const std::vector<Word>& words, size_t from, size_t n, bool commas = false) {
  std::string out;
  for (size_t k = from; k < from + n; ++k) {
    out += (out.empty() ? "" : " ") + std::string(words[k].text);
    if (commas && k + 1 < from + n && words[k].separator == ',') out += ",";
  }
  return CollapseSpaces(FoldText(out));
}

bool IsWordOf(const RuleSet& rules, std::string_view list, const Word& w) {
  return rules.Lookup(list, CollapseSpaces(FoldText(w.text))) != nullptr;
}

// Whether a body head of one to three words ("Công ty", "Ủy ban nhân dân") starts at word `k`:
// such a member names itself ("các Sở: Tài chính, Công ty TNHH …").
bool HeadAt(const RuleSet& rules, const std::vector<Word>& words, size_t k) {
  for (size_t n = 1; n <= 3 && k + n <= words.size(); ++n) {
    if (rules.Lookup("body_heads", FoldedRun(words, k, n)) != nullptr) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> ExpandMemberList(const RuleSet& rules, std::string_view text) {
  const std::string_view opening = Utf8Prefix(text, kOpeningBytes);
  const std::string_view line = opening.substr(0, opening.find('\n'));
  // Most openings hold no such list: two byte searches spare them the folding and the match.
  if (line.find(':') == std::string_view::npos ||
      (line.find("các") == std::string_view::npos && line.find("trưởng") == std::string_view::npos)) {
    return std::nullopt;
  }
  Match m;
  if (!rules.FindFirst("member_list", line, Fold(line), &m)) return std::nullopt;
  const std::string title(Trim(m.Group("title")));
  const std::string head(m.Group("head"));
  const std::string head_folded = FoldText(head);
  const std::vector<Word> words = WordsFrom(line, m.end());
  std::vector<std::string> members;
  size_t k = 0, end = m.end();
  while (k < words.size() && members.size() < kMaxMembers) {
    // The longest run of words that, after the head, is a listed body.
    size_t take = 0;
    for (size_t n = std::min(kMaxMemberWords, words.size() - k); n > 0 && take == 0; --n) {
      // A "," or ";" inside the run ends a member, unless the listed name has its comma ("Sở Lao
      // động, Thương binh và Xã hội").
      bool glued = false, only_commas = true;
      for (size_t q = k; q + 1 < k + n; ++q) {
        glued = glued || words[q].separator != 0;
        only_commas = only_commas && (words[q].separator == 0 || words[q].separator == ',');
      }
      if ((!glued || only_commas) &&
          rules.LookupFolded("known_bodies", head_folded + " " + FoldedRun(words, k, n, glued))) {
        take = n;
      }
    }
    // Else the words up to the next separator, "và" or a word of work.
    if (take == 0) {
      while (k + take < words.size()) {
        const Word& w = words[k + take];
        if (take > 0 && (FoldText(w.text) == "va" || IsWordOf(rules, "actions", w))) break;
        ++take;
        if (w.separator != 0) break;
      }
    }
    if (take == 0) break;
    std::string member;
    for (size_t q = k; q < k + take; ++q) {
      member += (member.empty() ? "" : " ") + std::string(words[q].text);
      if (q + 1 < k + take && words[q].separator == ',') member += ",";
    }
    members.push_back(member);
    const Word& last = words[k + take - 1];
    end = last.end - (last.separator != 0 ? 1 : 0);  // a "," or ";" after the list stays
    k += take;
    // Go on after "," or "và" only when the next word starts another member, not a person or
    // a body that names itself ("và ông Bạch Đăng Ngọc", "và Chủ tịch UBND …").
    const bool comma = words[k - 1].separator == ',';
    const bool and_word = k < words.size() && FoldText(words[k].text) == "va";
    if (!comma && !and_word) break;
    const size_t next = k + (and_word ? 1 : 0);
    if (next >= words.size() || !StartsUpper(words[next].text)) break;
    if (IsWordOf(rules, "person_titles", words[next]) || HeadAt(rules, words, next)) break;
    if (and_word) {
      end = words[k].end;
      k = next;
    }
  }
  if (members.empty()) return std::nullopt;
  std::string out(text.substr(0, m.begin()));
  for (size_t i = 0; i < members.size(); ++i) {
    if (i > 0) out += ", ";
    if (!title.empty()) out += title + " ";
    out += head + " " + members[i];
  }
  // What followed the last member (" và ông …", " chịu trách nhiệm …") goes on as it was.
  std::string_view after = text.substr(end);
  if (!after.empty() && after.front() != ' ' && after.front() != '\n' && after.front() != ',' &&
      after.front() != ';') {
    out += " ";
  }
  out += after;
  return out;
}

}  // namespace congvan::extract
