#include "extract/body_tasks.h"

#include <algorithm>

#include "extract/body.h"
#include "extract/body_who.h"
#include "extract/body_words.h"
#include "extract/text.h"
#include "text/fold.h"

namespace congvan::extract {
namespace {

constexpr size_t kMaxCooperatingBytes = 240;  // "phối hợp với …": the list of partners

// "có trách nhiệm tuyên truyền …" → "tuyên truyền …": the duty words add nothing to a summary.
std::string_view StripDuty(std::string_view text) {
  const std::string f = FoldText(Trim(text).substr(0, 24));
  for (const char* duty : {"co trach nhiem ", "chiu trach nhiem "}) {
    if (f.starts_with(duty)) {
      std::string_view t = Trim(text);
      std::vector<std::string_view> w = Words(t.substr(0, 40));
      if (w.size() >= 4) return t.substr(w[3].data() - t.data());
    }
  }
  return text;
}

// The bodies a task's text asks to work with: "phối hợp với Bộ Nông nghiệp và Môi trường, Bộ
// Xây dựng trong việc …" → both ministries. The list ends where its action begins (as a body
// name does: rules/body.rules, [list actions]); only phrases that open with a body head count.
std::vector<std::string> Cooperating(const RuleSet& rules, std::string_view text) {
  std::vector<std::string> out;
  // Most tasks name no partner: skip the folding unless "hợp" (or an OCR'd "hop") is there.
  if (text.find("hợp") == std::string_view::npos && text.find("Hợp") == std::string_view::npos &&
      text.find("HỢP") == std::string_view::npos && text.find("hop") == std::string_view::npos) {
    return out;
  }
  std::string_view head = text.substr(0, std::min(text.size(), kWhoBytes * 2));
  while (!head.empty() && head.size() < text.size() &&
         (static_cast<unsigned char>(text[head.size()]) & 0xC0) == 0x80) {
    head.remove_suffix(1);  // end on a character boundary
  }
  const Folded f = Fold(head);
  for (const Match& m : rules.Family("cooperating").empty() ? std::vector<Match>{}
                                                              : rules.Family("cooperating")[0]->FindAll(head, f)) {
    // The rule leaves the list open-ended (a bounded repeat such as {3,240} makes RE2's DFA
    // blow up and fall back to its slow engine); the list is read from its first bytes only.
    const std::string_view after = Utf8Prefix(m.Group("value"), kMaxCooperatingBytes);
    const Folded fa = Fold(after);
    const std::vector<Tok> toks = Tokenize(fa.text);
    const size_t window = std::min(toks.size(), kMaxBodyWords);
    size_t end = FindPhrase(rules, "actions", toks, 0, window);
    while (end > 0 && end < window && InsideName(after, fa.OriginBegin(toks[end].fb))) {
      end = FindPhrase(rules, "actions", toks, end + 1, window);  // "Bộ Xây dựng"
    }
    end = std::min(end, toks.size());
    const size_t adverb = FindPhrase(rules, "adverbs", toks, 0, end);
    end = std::min(end, adverb);
    const size_t stop = FindPhrase(rules, "cooperating_stop", toks, 0, end);
    end = std::min(end, stop);
    if (end == 0) continue;
    const std::string_view phrase = end < toks.size() ? after.substr(0, fa.OriginBegin(toks[end].fb)) : after;
    if (!StartsWithHead(rules, phrase)) continue;
    for (std::string& b : SplitBodies(rules, phrase)) {
      if (std::find(out.begin(), out.end(), b) == out.end()) out.push_back(std::move(b));
    }
  }
  return out;
}

}  // namespace

// Gives `t` the dated deadline `d`: its date, its words and the time of day it names.
void TakeDeadline(const FoundDeadline& d, Task& t) {
  t.deadline = d.date;
  t.deadline_text = d.text;
  t.deadline_time = d.time;
}

namespace {

// Whether a duty's text holds anything to do: an action or directive verb, or an adverb that
// opens one ("khẩn trương …"). "a) Lãnh đạo: Trung tâm … có Giám đốc, các Phó Giám đốc.", "b) Các
// tổ chức thuộc Phòng Công chứng: Hội đồng quản lý (nếu có) …" describe a unit and ask nothing.
bool AsksSomething(const RuleSet& rules, const std::vector<Tok>& toks) {
  for (const char* list : {"actions", "directive_verbs", "adverbs"}) {
    // The titles among the actions ("giám đốc", "chủ tịch") end a body's name but ask nothing.
    for (size_t at = FindPhrase(rules, list, toks, 0, toks.size()); at < toks.size();
         at = FindPhrase(rules, list, toks, at + 1, toks.size())) {
      if (PhraseAt(rules, "person_titles", toks, at) == 0 && !InsideNoun(rules, toks, at)) return true;
    }
  }
  return false;
}

// "Đề nghị Thường trực HĐND tỉnh xem xét, quyết định./.": asking a higher body to consider and
// decide submits a matter; it assigns no work (a Tờ trình's closing, and its công văn cousin's).
// True when every word of the duty is one of [list submission_verbs].
bool OnlySubmits(const RuleSet& rules, const std::vector<Tok>& toks) {
  if (toks.empty()) return false;
  for (size_t at = 0; at < toks.size();) {
    const size_t n = PhraseAt(rules, "submission_verbs", toks, at);
    if (n == 0 && toks[at].f != "va") return false;
    at += std::max<size_t>(n, 1);
  }
  return true;
}

}  // namespace

void AddTasks(const RuleSet& rules, const std::vector<std::string>& bodies, const std::string& text,
              const std::vector<FoundDeadline>& deadlines, std::vector<Task>& tasks) {
  if (bodies.empty() || Trim(text).empty()) return;
  if (deadlines.empty()) {
    const std::string folded = FoldText(text);  // the tokens point into it
    const std::vector<Tok> toks = Tokenize(folded);
    if (!AsksSomething(rules, toks) || OnlySubmits(rules, toks)) return;
  }
  Task t;
  t.summary = Summarize(StripDuty(text));
  t.cooperating = Cooperating(rules, text);
  for (const FoundDeadline& d : deadlines) {
    if (d.date && !t.deadline) TakeDeadline(d, t);
    // A recurrence with its day ("weekly:MO 09:00") is preferred to a bare "weekly".
    const bool precise = d.recurrence && d.recurrence->find(':') != std::string::npos;
    const bool had_precise = t.recurrence && t.recurrence->find(':') != std::string::npos;
    if (d.recurrence && (!t.recurrence || (precise && !had_precise))) {
      t.recurrence = d.recurrence;
      if (!t.deadline) t.deadline_text = d.text;
    }
  }
  for (const std::string& b : bodies) {
    t.assignee = b;
    tasks.push_back(t);
  }
}

// Whether a body names one office rather than restating a group: "Tỉnh đoàn Hà Giang", "Các
// Ban phong trào", "Văn phòng …" are specific; "Các cơ quan, đơn vị" under "1. Người đứng đầu
// các sở, ban, ngành …" restates the item's own bodies.
bool Specific(const std::vector<std::string>& bodies) {
  for (const std::string& b : bodies) {
    const std::vector<std::string_view> words = Words(b);
    if (words.empty()) continue;
    if (FoldText(words[0]) != "cac") return true;
    for (size_t k = 1; k < words.size(); ++k) {
      if (StartsUpper(words[k])) return true;
    }
  }
  return false;
}

}  // namespace congvan::extract
