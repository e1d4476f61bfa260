#include "extract/body_paragraphs.h"

#include <algorithm>
#include <optional>
#include <set>

#include "extract/body.h"
#include "extract/body_tasks.h"
#include "extract/body_who.h"
#include "extract/body_words.h"
#include "extract/deadline.h"
#include "extract/text.h"
#include "text/dates.h"
#include "text/fold.h"

namespace congvan::extract {
namespace {

constexpr int kMaxLeadInTries = 4;  // capitalised verbs skipped inside names
constexpr size_t kMaxLeadInRest = 240;  // characters between a lead-in's verb and its colon

size_t CodePoints(std::string_view utf8) {
  size_t n = 0;
  for (const char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Whether a directive verb ("đề nghị", "yêu cầu", "giao") opens a request within the first words.
bool HasDirective(const RuleSet& rules, std::string_view sentence) {
  const std::string folded = FoldText(Utf8Prefix(sentence, kWhoBytes));  // the tokens point into it
  const std::vector<Tok> t = Tokenize(folded);
  return FindPhrase(rules, "directive_verbs", t, 0, std::min(t.size(), kStrongWindow)) < std::min(t.size(), kStrongWindow);
}

// "Thực hiện Chỉ thị số 02/CT-UBND …, để đảm bảo …, Chủ tịch UBND huyện yêu cầu: Thủ trưởng các
// cơ quan … thực hiện …": a lead-in inside a sentence, after a long preamble, ends a sentence of
// its own; what follows it is the request.
std::vector<std::string_view> SplitAtLeadIns(const RuleSet& rules, const std::vector<std::string_view>& sentences) {
  std::vector<std::string_view> out;
  for (std::string_view sentence : sentences) {
    for (size_t colon = sentence.find(": "); colon != std::string_view::npos; colon = sentence.find(": ", colon + 2)) {
      const std::string_view head = sentence.substr(0, colon + 1);
      const std::string_view rest = Trim(sentence.substr(colon + 2));
      Match m;
      // Only a verb right before the colon: "Giao các Bộ: Công an, Tài chính …" is one request.
      if (rest.empty() || !StartsUpper(rest) || !FindLeadIn(rules, head, Fold(head), &m)) continue;
      // "… có ý kiến như sau: Sở Tài nguyên và Môi trường chủ trì …": a formula that only names
      // who speaks, no sentence of its own.
      const bool formula = rules.Lookup("lead_in_formulas", FoldText(Trim(m.Group("rest")))) != nullptr ||
                           (Trim(m.Group("rest")).empty() &&
                            rules.Lookup("lead_in_formulas", FoldText(m.Group("verb"))) != nullptr);
      if (!Trim(m.Group("rest")).empty() && !formula) continue;
      if (!formula) out.push_back(head);
      sentence = rest;
      break;
    }
    out.push_back(sentence);
  }
  return out;
}

// "Căn cứ công văn số 12/CTNXP …; thực hiện …; nhằm …, Ban Thường vụ Đoàn trường đề nghị Ban Chấp
// hành các chi đoàn …": grounds and aims too long for the request's body to be looked for in the
// sentence's opening. The request after them, a body and a directive verb after a comma, is a
// sentence of its own; the grounds before it ask no one. A sentence with a colon holds a lead-in
// ("…, Cục Giám sát … đề nghị Cục Hải quan tỉnh Lào Cai … sau: Chỉ đạo …"), read whole.
std::vector<std::string_view> SplitAfterGrounds(const RuleSet& rules, const std::vector<std::string_view>& sentences) {
  std::vector<std::string_view> out;
  for (std::string_view sentence : sentences) {
    if (sentence.size() > kWhoBytes && sentence.find(':') == std::string_view::npos) {
      const std::string folded = FoldText(Utf8Prefix(sentence, kPrefixBytes));  // the tokens point into it
      if (PhraseAt(rules, "grounds_openers", Tokenize(folded), 0) > 0) {
        for (size_t comma = sentence.find(", "); comma != std::string_view::npos; comma = sentence.find(", ", comma + 2)) {
          const std::string_view tail = sentence.substr(comma + 2);
          if (!StartsUpper(tail) || !StartsWithHead(rules, Utf8Prefix(tail, kPrefixBytes)) ||
              !HasDirective(rules, tail)) {
            continue;
          }
          out.push_back(sentence.substr(0, comma + 1));
          sentence = tail;
          break;
        }
      }
    }
    out.push_back(sentence);
  }
  return out;
}

// "Huyện Thanh Hà đã yêu cầu các xã …", "Tỉnh yêu cầu …": news items name a place for its
// authorities. Only the place word and its capitalised name (or "này"), so "Tại các xã đề
// nghị" is none.
bool PlaceSpeaks(const RuleSet& rules, std::string_view subject) {
  constexpr size_t kMaxPlaceNameWords = 4;
  const std::string folded = FoldText(subject);
  const std::vector<Tok> t = Tokenize(folded);
  const size_t unit = PhraseAt(rules, "place_speakers", t, 0);
  if (unit == 0 || t.size() > unit + kMaxPlaceNameWords) return false;
  // "… ở thôn Mai Khê, xã Trung Kiên: Đề nghị …": where a petitioner lives, before the petition.
  if (subject.find_first_of(":;()") != std::string_view::npos) return false;
  const std::vector<std::string_view> words = Words(subject);
  if (words.size() != t.size()) return false;
  for (size_t k = unit; k < words.size(); ++k) {
    // "Theo đó, thành phố này đề nghị Sở Du lịch …": the place the item spoke of.
    if (!StartsUpper(words[k]) && !(words[k] == "này" && k + 1 == words.size())) return false;
  }
  return true;
}

// Whether the words before a directive verb are who speaks: nothing, courtesy ("Trân trọng đề
// nghị"), or a body ("Ban Bí thư Trung ương Đoàn đề nghị", "UBND tỉnh yêu cầu"), back to the
// last comma ("Thực hiện Công văn số …, Sở Y tế đề nghị …"), or, in a news item, the letter
// itself ("Văn bản yêu cầu Giám đốc Sở …"). "Tờ trình số 12 … đề nghị UBND
// huyện" (a document asks), "… đã giao Sở Y tế" (a past act) and "nhiệm vụ được giao" are none.
bool SpeakerBefore(const RuleSet& rules, const std::string& folded, const std::vector<Tok>& t, size_t verb,
                   std::string_view sentence, const Folded& f) {
  size_t begin = verb;
  // (Back to a ";" too: "Để đảm bảo … năm học mới; Chủ tịch UBND huyện yêu cầu …".)
  while (begin > 0 && folded.find_first_of(",;", t[begin - 1].fe) >= t[begin].fb) --begin;
  // "… có ý kiến chỉ đạo như sau: Giao các sở …": after the formula that announces them, the
  // directive opens a clause of its own (a petition quoted before a colon does not).
  if (verb >= 2 && t[verb - 2].f == "nhu" && t[verb - 1].f == "sau" &&
      folded.find(':', t[verb - 1].fe) < t[verb].fb) {
    return true;
  }
  while (begin < verb && PhraseAt(rules, "directive_courtesy", t, begin) > 0) {
    begin += PhraseAt(rules, "directive_courtesy", t, begin);
  }
  // "…, đồng chí Chủ tịch UBND huyện đề nghị …", "…, đồng chí yêu cầu …": the word of address
  // before a title, or for the person just named ([list speaker_address]). Before a name it
  // stays: the named person speaks ("đồng chí Trần Thị Mai-Chủ tịch Hội LHPN quận đề nghị").
  if (const size_t address = PhraseAt(rules, "speaker_address", t, begin); address > 0 && begin + address <= verb) {
    const size_t after = begin + address;
    const std::string_view titled =
        sentence.substr(f.OriginBegin(t[std::min(after, verb)].fb),
                        f.OriginBegin(t[verb].fb) - f.OriginBegin(t[std::min(after, verb)].fb));
    if (after == verb || StartsWithHead(rules, Trim(titled))) begin = after;
  }
  if (begin == verb) return true;
  // "Công an huyện Đầm Hà, tỉnh Quảng Ninh cho biết, đã chỉ đạo Công an các xã …": a body that
  // said it gave the direction, before the comma.
  if (begin + 1 == verb && t[begin].f == "da" && begin >= 2 && t[begin - 2].f == "cho" &&
      t[begin - 1].f == "biet") {
    std::string_view said = Trim(sentence.substr(0, f.OriginBegin(t[begin - 2].fb)));
    Match day;
    if (rules.FindFirst("reported_event", said, Fold(said), &day)) {
      said = Trim(said.substr(static_cast<size_t>(day.Group("date").data() - said.data()) +
                              day.Group("date").size()));
      said = TrimChars(said, ", ");
    }
    return StartsWithHead(rules, said);
  }
  // "Ngày 02/06/2024 UBND xã đề nghị …": the day opens the sentence, the body speaks.
  Match day;
  const std::string_view from_begin = sentence.substr(f.OriginBegin(t[begin].fb));
  if (rules.FindFirst("reported_event", from_begin, Fold(from_begin), &day)) {
    const size_t day_end = f.OriginBegin(t[begin].fb) + day.Group("date").size() +
                           static_cast<size_t>(day.Group("date").data() - from_begin.data());
    while (begin < verb && f.OriginBegin(t[begin].fb) < day_end) ++begin;
    if (begin == verb) return false;
  }
  if (const size_t kind = PhraseAt(rules, "speaker_letter_kinds", t, begin); kind > 0) {
    size_t k = begin + kind;
    while (k < verb && PhraseAt(rules, "directive_courtesy", t, k) > 0) k += PhraseAt(rules, "directive_courtesy", t, k);
    if (k == verb) return true;
  }
  const std::string_view subject =
      sentence.substr(f.OriginBegin(t[begin].fb), f.OriginBegin(t[verb].fb) - f.OriginBegin(t[begin].fb));
  // "Ban Thường vụ Thành ủy có Công văn số 4182-CV/TU yêu cầu …": a body speaks through its
  // letter (a letter alone that asks, "Tờ trình số 12 … đề nghị", is a petition, no speaker).
  Match letter;
  if (verb - begin <= 2 * kMaxHeadingWords &&
      rules.FindFirst("speaker_letter", Trim(subject), Fold(Trim(subject)), &letter)) {
    return StartsWithHead(rules, Trim(letter.Group("body")));
  }
  // "ông Huỳnh Tấn Lịch- Phó Chủ tịch Thường trực Uỷ ban MTTQ phường đề nghị …": in a news item a
  // person speaks for the body, named and titled.
  Match person;
  const bool by_person = verb - begin <= 2 * kMaxHeadingWords &&
                         rules.FindFirst("speaker_person", Trim(subject), Folded{}, &person);
  if (!by_person && verb - begin > kMaxHeadingWords) return false;
  // "Huyện Thanh Hà đã yêu cầu các xã …": a news item reports the request it publishes; only
  // "đã giao" is also the relative clause of a past assignment ("nhiệm vụ UBND tỉnh đã giao").
  // "UBND huyện Hòa Vang cũng đã giao Chủ tịch UBND các xã …": "also" marks the news's own report.
  const bool also = verb >= begin + 2 && t[verb - 2].f == "cung";
  const bool reported_request = verb > begin && t[verb - 1].f == "da" && (t[verb].f != "giao" || also);
  for (size_t k = begin; k < verb; ++k) {
    if (reported_request && k + 1 == verb) continue;
    if (PhraseAt(rules, "directive_subject_not", t, k) == 0) continue;
    const std::string_view word =
        sentence.substr(f.OriginBegin(t[k].fb), f.OriginEnd(t[k].fe) - f.OriginBegin(t[k].fb));
    if (SpelledAsListed(rules, "directive_subject_not", t[k], word)) return false;
  }
  const std::string_view speaker =
      reported_request ? sentence.substr(f.OriginBegin(t[begin].fb), f.OriginBegin(t[verb - 1].fb) -
                                                                          f.OriginBegin(t[begin].fb))
                       : subject;
  return by_person || StartsWithHead(rules, Trim(speaker)) || PlaceSpeaks(rules, Trim(speaker));
}

// "UBND TP. Nha Trang vừa có văn bản chỉ đạo …": the words from the clause's start to the verb
// are a body speaking through its letter ([list letter_directive_verbs]).
bool SpeaksThroughLetter(const RuleSet& rules, std::string_view sentence, const Folded& f,
                         const std::vector<Tok>& t, size_t verb) {
  std::string_view subject = sentence.substr(0, f.OriginBegin(t[verb].fb));
  if (const size_t comma = subject.find_last_of(",;"); comma != std::string_view::npos) {
    subject = subject.substr(comma + 1);
  }
  subject = Trim(subject);
  Match letter;
  return rules.FindFirst("speaker_letter", subject, Fold(subject), &letter) &&
         StartsWithHead(rules, Trim(letter.Group("body")));
}

// "(HNM) - UBND TP vừa ban hành công văn …": a news item opens with its paper's initials.
std::string_view WithoutByline(std::string_view sentence) {
  constexpr size_t kMaxBylineBytes = 16;
  if (!sentence.starts_with('(')) return sentence;
  const size_t close = sentence.find(')');
  if (close == std::string_view::npos || close > kMaxBylineBytes) return sentence;
  const std::string_view rest = TrimChars(sentence.substr(close + 1), " ");
  for (std::string_view dash : {"- ", "– ", "— "}) {
    if (rest.starts_with(dash)) return Trim(rest.substr(dash.size()));
  }
  return sentence;
}

// "Tổng cục Đường bộ Việt Nam vừa có văn bản gửi UBND Hà Nội, BCĐ …, Cục CSGT (Bộ Công an) đề
// nghị xử lý ùn tắc …": a news item names the bodies the new letter went to, and the request
// that follows names no one: they are asked ([pattern letter_sent_to]). A letter a body "đã có"
// earlier is history, not the news.
std::optional<Who> AskedThroughTheLetterSent(const RuleSet& rules, std::string_view sentence, const Folded& f,
                                             const std::vector<Tok>& t, size_t verb, size_t verb_words) {
  const std::string_view before = Trim(sentence.substr(0, f.OriginBegin(t[verb].fb)));
  Match sent;
  if (!rules.FindFirst("letter_sent_to", before, Fold(before), &sent)) return std::nullopt;
  const std::string_view request = sentence.substr(f.OriginBegin(t[verb + verb_words].fb));
  if (!ReadAskedWho(rules, request).bodies.empty()) return std::nullopt;  // the request names its own
  Who who;
  who.bodies = SplitBodies(rules, sent.Group("bodies"));
  if (who.bodies.empty()) return std::nullopt;
  who.rest = std::string(request);
  who.strong = true;
  return who;
}

// "Bộ Xây dựng vừa có văn bản gửi Sở Xây dựng các tỉnh …;": the first part of a list of the
// bodies a new letter went to, which the request after it asks ([pattern letter_sent_to]).
bool NamesWhereALetterWent(const RuleSet& rules, std::string_view sentence) {
  while (sentence.ends_with(';')) sentence.remove_suffix(1);
  Match sent;
  return rules.FindFirst("letter_sent_to", sentence, Fold(sentence), &sent) != nullptr;
}

std::optional<Who> SentenceWhoOfAnyone(const RuleSet& rules, std::string_view sentence) {
  const std::string_view opening = Utf8Prefix(sentence, kWhoBytes);
  const Folded f = Fold(opening);
  const std::vector<Tok> t = Tokenize(f.text);
  // "Tổng cục Thống kê trân trọng cảm ơn sự phối hợp của Quý Cơ quan.": thanks ask no one.
  if (FindPhrase(rules, "thanks", t, 0, t.size()) < t.size()) return std::nullopt;
  const PhraseList verbs = Resolve(rules, "directive_verbs");
  const PhraseList letter_verbs = Resolve(rules, "letter_directive_verbs");
  for (size_t i = 0; i < t.size() && i < kStrongWindow; ++i) {
    size_t n = PhraseAt(verbs, t, i);
    // "… vừa ban hành Công văn số 1974 chỉ đạo các sở, ngành … báo cáo …; cụ thể:" announces the
    // requests that follow, which name the bodies again.
    // A news item's "Công an huyện … cho biết, đã chỉ đạo Công an các xã … tăng cường …" reports
    // the direction given, as "đã yêu cầu" does.
    if (n == 0 && (n = PhraseAt(letter_verbs, t, i)) > 0 &&
        ((!SpeaksThroughLetter(rules, opening, f, t, i) && (i == 0 || t[i - 1].f != "da")) ||
         TrimChars(sentence, " ").ends_with(':'))) {
      continue;
    }
    if (n == 0 || i + n >= t.size()) continue;
    // "Ban Tuyên giáo …": folding reads "giáo" as the verb "giao", which carries no tone mark.
    const size_t word_bytes = f.OriginEnd(t[i].fe) - f.OriginBegin(t[i].fb);
    if (t[i].f == "giao" && word_bytes != t[i].f.size()) continue;
    if (std::optional<Who> sent = AskedThroughTheLetterSent(rules, sentence, f, t, i, n)) return sent;
    if (!SpeakerBefore(rules, f.text, t, i, opening, f)) continue;
    Who who = ReadAskedWho(rules, sentence.substr(f.OriginBegin(t[i + n].fb)));
    if (who.bodies.empty() || TrimChars(who.rest, ":;,. ").empty()) continue;
    return who;
  }
  // "Ngày 02/06/2024 UBND xã Tiền Phong tổ chức Hội nghị …": a news item's report of what a
  // body did on a day, no duty.
  Match event;
  if (rules.FindFirst("reported_event", opening, f, &event)) return std::nullopt;
  Who who = ReadWho(rules, sentence);
  if (who.bodies.empty() || TrimChars(who.rest, ":;,. ").empty()) return std::nullopt;
  // The words after the name must be a duty ("lập", "báo cáo", "chủ trì", "có trách nhiệm"), or
  // an adverb before one, not any word after a name.
  const std::string rest_folded = FoldText(Utf8Prefix(who.rest, kPrefixBytes));  // the tokens point into it
  const std::vector<Tok> rest = Tokenize(rest_folded);
  if (rest.empty()) return std::nullopt;
  // "Chính phủ ban hành Nghị định …", "Bộ trưởng Bộ Tài chính ban hành Thông tư …": the formula
  // that enacts the text, no duty.
  if (PhraseAt(rules, "enacting_verbs", rest, 0) > 0) return std::nullopt;
  // "Qua đó, Đoàn giám sát đã chỉ ra …": the word read as the duty is the end of the name, and
  // "đã" after it tells what was done.
  if (const size_t action = PhraseAt(rules, "actions", rest, 0); action > 0) {
    const std::vector<std::string_view> words = Words(who.rest);
    if (words.size() > action && words[action] == "đã") return std::nullopt;
  }
  // "Ban Thường vụ Tỉnh ủy yêu cầu …" whose bodies asked could not be read: who speaks is
  // never who acts.
  if (PhraseAt(rules, "directive_verbs", rest, 0) > 0) return std::nullopt;
  // "Theo đó, Công an tỉnh Đồng Tháp sẽ tạm ngừng cấp …": a body named alone says what it will
  // do itself; "Các đơn vị sẽ tập trung …" is what a group is asked.
  if (rest[0].f == "se" && PhraseAt(rules, "groups_asked_in_future", Tokenize(FoldText(who.bodies.front())), 0) == 0) {
    return std::nullopt;
  }
  // "UBND các huyện, thành, thị cần xây dựng …": "should" before the duty (the name ends there
  // only where "cần" is so spelled).
  const bool should = rest[0].f == "can" && DutyOpensAt(rules, rest, 1);
  if (!DutyOpensAt(rules, rest, 0) && !should && !who.strong) {
    return std::nullopt;
  }
  return who;
}

// The text of `action` without its deadline phrases.
std::string WithoutDeadlines(std::string_view action, const std::vector<FoundDeadline>& deadlines) {
  std::string out;
  size_t from = 0;
  for (const FoundDeadline& d : deadlines) {
    if (d.begin < from || d.end > action.size()) continue;
    out += action.substr(from, d.begin - from);
    from = d.end;
  }
  out += action.substr(std::min(from, action.size()));
  return out;
}

// A sentence that only sets a date for what was asked just before it ("Các đơn vị thực hiện
// trước ngày 24/3/2016.", "Thời hạn hoàn thành trước ngày …" said by a group): its deadline goes
// to the tasks of the last request that have none, and it is no task of its own. False (nothing
// changed) when the sentence asks more than "carry it out" or names no date.
bool GiveDeadlineToLastRequest(const RuleSet& rules, const Who& who, const std::vector<FoundDeadline>& found,
                               const DeadlineBase& date, std::vector<Task>& tasks) {
  const std::vector<FoundDeadline> own = FindDeadlines(rules, who.rest, date);
  if (own.empty() || !own.front().date || found.empty()) return false;
  if (!GenericRequest(rules, TrimChars(WithoutDeadlines(who.rest, own), " .;,"))) return false;
  // The last request's tasks: the run of tasks at the end that share its text.
  const std::string& last = tasks.back().summary;
  bool given = false;
  for (auto it = tasks.rbegin(); it != tasks.rend() && it->summary == last; ++it) {
    if (it->deadline) continue;
    TakeDeadline(own.front(), *it);
    given = true;
  }
  return given;
}

// Appends `sentence` to the tasks of the last request (the run of tasks at the end that share
// its text) and gives its dated deadline to those that have none.
void JoinSentence(std::string_view sentence, const std::vector<FoundDeadline>& found, std::vector<Task>& tasks) {
  const std::string last = tasks.back().summary;
  const std::string joined = Summarize(last + " " + std::string(Trim(sentence)));
  for (auto it = tasks.rbegin(); it != tasks.rend() && it->summary == last; ++it) {
    it->summary = joined;
    for (const FoundDeadline& d : found) {
      if (d.date && !it->deadline) TakeDeadline(d, *it);
    }
  }
}

// A sentence of the same bodies as the request just before it ("Sở … đề nghị các đơn vị tham
// gia ý kiến …" / "Các đơn vị gửi ý kiến về Phòng C2 trước ngày 13.12.2007."): one duty told in
// two sentences, so one task per body (a letter of paragraphs is one item). Its text joins the
// last request's tasks and its deadline goes to those that have none. False when the bodies
// differ.
bool JoinLastRequest(const Who& who, std::string_view sentence, const std::vector<FoundDeadline>& found,
                     std::vector<Task>& tasks) {
  const std::string last = tasks.back().summary;
  std::vector<std::string> last_bodies;
  for (auto it = tasks.rbegin(); it != tasks.rend() && it->summary == last; ++it) {
    last_bodies.push_back(CollapseSpaces(FoldText(it->assignee)));
  }
  if (last_bodies.size() != who.bodies.size()) return false;
  for (const std::string& b : who.bodies) {
    if (std::find(last_bodies.begin(), last_bodies.end(), CollapseSpaces(FoldText(b))) == last_bodies.end()) {
      return false;
    }
  }
  JoinSentence(sentence, found, tasks);
  return true;
}

// A schedule line's date ([pattern schedule_line]) and where its duty starts in `text`; nullopt
// when `text` is no such line.
struct ScheduleLine {
  FoundDeadline deadline;
  size_t duty = 0;
};
std::optional<ScheduleLine> ReadScheduleLine(const RuleSet& rules, std::string_view text) {
  Match m;
  const std::string_view opening = Utf8Prefix(text, kWhoBytes);
  if (!rules.FindFirst("schedule_line", opening, Fold(opening), &m)) {
    return std::nullopt;
  }
  const bool range_end = !m.Group("day2").empty();
  const std::string_view day = range_end ? m.Group("day2") : !m.Group("day1b").empty() ? m.Group("day1b") : m.Group("day1");
  const std::string_view month = range_end ? m.Group("month2") : m.Group("month1");
  ScheduleLine line;
  line.deadline.date = text::IsoDate(m.Group("year"), month, day);
  if (!line.deadline.date) return std::nullopt;
  line.deadline.text = std::string(m.Group("value"));
  line.duty = m.end();
  return line;
}

}  // namespace

// The lead-in of a paragraph ([pattern lead_in]): a directive verb in capitals inside a sentence
// is part of a name ("Ban Chỉ đạo Phòng chống lụt bão … yêu cầu …:"), so the search goes on
// after it.
bool FindLeadIn(const RuleSet& rules, std::string_view text, const Folded& folded, Match* m) {
  size_t from = 0;
  for (int tries = 0; tries < kMaxLeadInTries && from < text.size(); ++tries) {
    const std::string_view rest = text.substr(from);
    // The whole text's fold serves the first look; a later one folds what is left.
    if (!(from == 0 ? rules.FindFirst("lead_in", rest, folded, m) : rules.FindFirst("lead_in", rest, Fold(rest), m))) {
      return false;
    }
    const std::string_view verb = m->Group("verb");
    if (CodePoints(m->Group("rest")) > kMaxLeadInRest) {  // a verb far before the colon: look further on
      from = static_cast<size_t>(verb.data() + verb.size() - text.data());
      --tries;
      continue;
    }
    const std::string_view before = TrimChars(text.substr(0, static_cast<size_t>(verb.data() - text.data())), " ");
    const bool in_name = StartsUpper(verb) && !before.empty() && before.back() != '.' && before.back() != ':';
    // Folding makes "giáo dục" read "giao": the verb "giao" carries no tone mark.
    const bool marked_giao = verb.size() != 4 && FoldText(verb) == "giao";
    // "Ban chỉ đạo Trung ương … yêu cầu UBND các tỉnh:": the verb inside a board's name, written
    // in lower case ([list not_actions] of body.rules).
    const size_t space = before.rfind(' ');
    const std::string board = FoldText(std::string(before.substr(space == std::string_view::npos ? 0 : space + 1)) +
                                       " " + std::string(verb));  // the tokens point into it
    const bool in_board = PhraseAt(rules, "not_actions", Tokenize(board), 0) >= 2;
    // "xét đề nghị của Giám đốc Sở … tại Tờ trình số 38, …": the petition, a noun, asks no one.
    const bool petition = FoldText(Utf8Prefix(m->Group("rest"), 8)).starts_with("cua ");
    // "… tại Hội nghị triển khai công tác năm 2010 (…), UBND Thành phố giao Văn phòng …:": a
    // weak verb ([list lead_in_weak_verbs]) yields to a request made later in the sentence.
    bool yields = false;
    if (rules.Lookup("lead_in_weak_verbs", FoldText(verb)) != nullptr) {
      const std::string rest_folded = " " + FoldText(m->Group("rest")) + " ";
      for (const auto& [strong, unused] : rules.List("directive_verbs")) {
        yields = yields || rest_folded.find(" " + strong + " ") != std::string::npos;
      }
    }
    if (!in_name && !marked_giao && !in_board && !petition && !yields) return true;
    from = static_cast<size_t>(verb.data() + verb.size() - text.data());
  }
  return false;
}

// Whether `before` ends with the abbreviation of a place's level whose "." ends no sentence:
// "UBND TP. Nha Trang vừa có văn bản …", "Công an TX. Hương Trà", "Q. 1", "P. Bến Nghé".
bool AbbreviatedPlace(std::string_view before) {
  static const std::set<std::string_view> kLevels = {"TP", "Tp", "TX", "Tx", "TT", "Q", "P", "H"};
  const size_t space = before.find_last_of(" (");
  const std::string_view word = space == std::string_view::npos ? before : before.substr(space + 1);
  return kLevels.count(word) > 0;
}

// "các Tổ đại biểu …", "các Ban HĐND …": a group of named bodies in lower case, which opens a
// clause of its own after "; " as a capital does.
bool OpensWithGroupOfNamed(std::string_view text) {
  text = Trim(text);
  for (std::string_view group : {"các ", "mỗi "}) {
    if (text.starts_with(group) && StartsUpper(text.substr(group.size()))) return true;
  }
  return false;
}

// The sentences of a paragraph: it is cut after ". " or "; " before a capital ("Giao Sở Y tế chủ
// trì …. Sở Tài chính bố trí kinh phí …") or after "; " before a group of named bodies ("; các
// Ban HĐND thẩm tra …"), and at ", trong khi " before one. A "." inside a
// number or a symbol cuts nothing.
std::vector<std::string_view> Sentences(std::string_view text) {
  std::vector<std::string_view> out;
  size_t from = 0;
  constexpr std::string_view kWhile = ", trong khi ";
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    // "Công an tỉnh đảm bảo an toàn thông tin …, trong khi Sở KH-CN chủ trì …": two bodies'
    // duties side by side.
    if (text.substr(i).starts_with(kWhile) && StartsUpper(text.substr(i + kWhile.size()))) {
      out.push_back(Trim(text.substr(from, i - from)));
      from = i + kWhile.size();
      continue;
    }
    // "… các nhiệm vụ cấp thiết khác,… Các đơn vị: …": an ellipsis before a capital ends a
    // sentence as a full stop does.
    constexpr std::string_view kEllipsis = "… ";
    if (text.substr(i).starts_with(kEllipsis) && StartsUpper(Trim(text.substr(i + kEllipsis.size())))) {
      out.push_back(Trim(text.substr(from, i + kEllipsis.size() - 1 - from)));
      from = i + kEllipsis.size();
      continue;
    }
    // "… theo phương thức: các Tổ kiểm soát … chốt số liệu …": a colon before a group of named
    // bodies opens their clause.
    if (text[i] == ':' && text[i + 1] == ' ' && OpensWithGroupOfNamed(text.substr(i + 2))) {
      out.push_back(Trim(text.substr(from, i + 1 - from)));
      from = i + 2;
      continue;
    }
    if ((text[i] != '.' && text[i] != ';') || text[i + 1] != ' ') continue;
    if (!StartsUpper(Trim(text.substr(i + 2))) && !(text[i] == ';' && OpensWithGroupOfNamed(text.substr(i + 2)))) {
      continue;
    }
    if (text[i] == '.' && AbbreviatedPlace(text.substr(0, i))) continue;
    out.push_back(Trim(text.substr(from, i + 1 - from)));
    from = i + 2;
  }
  if (from < text.size()) out.push_back(Trim(text.substr(from)));
  return out;
}

// Who a sentence asks to act (below), leaving out those who petition ([pattern petitioner]).
std::optional<Who> SentenceWho(const RuleSet& rules, std::string_view sentence) {
  std::optional<Who> who = SentenceWhoOfAnyone(rules, WithoutByline(sentence));
  if (!who) return who;
  Match m;
  std::erase_if(who->bodies, [&](const std::string& b) { return rules.FindFirst("petitioner", b, Fold(b), &m) != nullptr; });
  if (who->bodies.empty()) return std::nullopt;
  return who;
}

// Whether an action is only "carry it out" ("khẩn trương tổ chức thực hiện", "triển khai thực
// hiện nghiêm túc, hiệu quả"): every word of it is in [list generic_request_words].
bool GenericRequest(const RuleSet& rules, std::string_view action) {
  // "… triển khai thực hiện để cuộc thi đạt kết quả cao": a purpose asks nothing more, nor does
  // whose direction is carried out ("thực hiện nghiêm túc chỉ đạo của Chủ tịch UBND huyện").
  for (std::string_view cut : {" để ", " của "}) {
    if (const size_t at = action.find(cut); at != std::string_view::npos && at > 0) action = action.substr(0, at);
  }
  const std::string folded = FoldText(Utf8Prefix(action, kPrefixBytes));  // the tokens point into it
  const std::vector<Tok> t = Tokenize(folded);
  if (t.empty() || action.size() > kPrefixBytes) return false;
  const PhraseList generic = Resolve(rules, "generic_request_words");
  for (size_t i = 0; i < t.size();) {
    const size_t n = PhraseAt(generic, t, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// The tasks of a paragraph outside every item, one per (body, sentence that asks it).
// `follows_request`: the paragraph just before this one asked for something (its tasks are the
// last of `tasks`).
void ParagraphTasks(const RuleSet& rules, std::string_view text, const std::vector<std::string>& asked,
                    const DeadlineBase& date, bool follows_request, std::vector<Task>& tasks) {
  const std::optional<ScheduleLine> schedule = ReadScheduleLine(rules, text);
  if (schedule) {
    // The line's bodies and duties, each by the line's date: a duty of its own, even for the
    // bodies of the line before.
    std::vector<Task> own;
    ParagraphTasks(rules, text.substr(schedule->duty), {}, date, false, own);
    for (Task& t : own) {
      if (!t.deadline) TakeDeadline(schedule->deadline, t);
      tasks.push_back(std::move(t));
    }
    return;
  }
  const std::vector<std::string_view> sentences = SplitAfterGrounds(rules, SplitAtLeadIns(rules, Sentences(text)));
  const size_t asked_before = tasks.size();  // tasks asked by this paragraph come after
  for (size_t k = 0; k < sentences.size(); ++k) {
    std::string_view sentence = sentences[k];
    std::optional<Who> who = SentenceWho(rules, sentence);
    // "… đề nghị Ban Tuyên giáo các huyện, thị, thành phố; Tuyên huấn các Đảng ủy trực thuộc …;
    // Ủy ban Mặt trận … chỉ đạo …": a list of bodies asked, cut at its "; ", is one sentence.
    while (!who && sentence.ends_with(';') && k + 1 < sentences.size() &&
           (HasDirective(rules, sentence) || NamesWhereALetterWent(rules, sentence))) {
      const std::string_view next = sentences[k + 1];
      sentence = std::string_view(sentence.data(), static_cast<size_t>(next.data() + next.size() - sentence.data()));
      who = SentenceWho(rules, sentence);
      ++k;
    }
    if (who) NameTheMembers(rules, sentence, *who);
    // "Yêu cầu gửi báo cáo về Sở … trước ngày 23/5/2019." after a request of this paragraph, or
    // in a paragraph after the request that asks no one ("Báo cáo hoàn thành của các cơ quan, đơn
    // vị gửi … trước ngày 05/6/2017.", "Trong đó, tập trung báo cáo …. Báo cáo gửi về Bộ … trước
    // ngày 15/01/2020"): that request's deadline.
    if (!who && (tasks.size() > asked_before || (follows_request && tasks.size() == asked_before))) {
      const std::vector<FoundDeadline> found = FindDeadlines(rules, sentence, date);
      if (!found.empty() && found.front().date && !tasks.back().deadline) {
        JoinSentence(sentence, found, tasks);
        continue;
      }
    }
    if (!who) {
      // After a lead-in ("… yêu cầu các sở, ngành:"), a paragraph that opens with a verb of work
      // and names no body is one duty of the bodies asked, as a numbered item would be.
      const std::string folded = FoldText(Utf8Prefix(sentence, 32));  // the tokens point into it
      const std::vector<Tok> opening = Tokenize(folded);
      const bool verb = PhraseAt(rules, "actions", opening, 0) > 0 || PhraseAt(rules, "adverbs", opening, 0) > 0;
      if (k == 0 && !asked.empty() && StartsUpper(sentence) && verb) {
        AddTasks(rules, asked, std::string(text), FindDeadlines(rules, text, date), tasks);
        break;
      }
      continue;
    }
    // "… yêu cầu UBND huyện, thị, thành phố khẩn trương tổ chức thực hiện." after the request
    // itself: the closing formula of a letter of paragraphs, no task of its own.
    if (!tasks.empty() && GenericRequest(rules, who->rest)) continue;
    const std::vector<FoundDeadline> deadlines = FindDeadlines(rules, sentence, date);
    // "Các đơn vị thực hiện trước ngày 24/3/2016." after the request: its deadline, no new task.
    if (!tasks.empty() && !Specific(who->bodies) && GiveDeadlineToLastRequest(rules, *who, deadlines, date, tasks)) {
      continue;
    }
    if (!tasks.empty() && JoinLastRequest(*who, sentence, deadlines, tasks)) continue;
    AddTasks(rules, who->bodies, who->rest, deadlines, tasks);
  }
}

}  // namespace congvan::extract
