#include "extract/body_who.h"

#include <algorithm>
#include <optional>

#include "extract/body.h"
#include "extract/body_words.h"
#include "extract/member_list.h"
#include "extract/text.h"
#include "text/fold.h"

namespace congvan::extract {
namespace {

constexpr size_t kTopicBytes = 120;  // a topic before its colon: a dozen words at most

// Whether the action word at token i is the "tổ chức" of a list of parties ("cơ quan, tổ chức
// và cá nhân", "cơ quan, tổ chức, cá nhân"), not a verb.
bool PartyNotVerb(const RuleSet& rules, const std::string& folded, const std::vector<Tok>& t, size_t i) {
  if (i == 0 || i + 1 >= t.size() || t[i].f != "to" || t[i + 1].f != "chuc") return false;
  // "Thủ trưởng các tổ chức, đơn vị …", "Các tổ chức cung cấp dịch vụ …": plural, a noun.
  if (t[i - 1].f == "cac" || t[i - 1].f == "nhung") return true;
  if (i + 2 >= t.size()) return false;
  const bool after_comma = folded.find(',', t[i - 1].fe) < t[i].fb;
  // "…, tổ chức và cá nhân", "…, tổ chức hành chính khác thuộc …": an organisation, no verb.
  return after_comma && PhraseAt(rules, "organisation_after", t, i + 2) > 0;
}

// Whether a verb of work ([list actions]) follows token `from` before the clause ends (". ",
// "; ").
bool DutyAfter(const RuleSet& rules, const std::string& folded, const std::vector<Tok>& t, size_t from) {
  const size_t clause_end = std::min(folded.find(". ", from < t.size() ? t[from].fb : folded.size()),
                                     folded.find("; ", from < t.size() ? t[from].fb : folded.size()));
  size_t to = from;
  while (to < t.size() && t[to].fb < clause_end) ++to;
  return FindPhrase(rules, "actions", t, from, to) < to;
}


// The words after a passive duty's verb that `passive_not` reads: up to the next verb of the
// same body (", " or " và ") or the end of the clause. "do Bộ Tư pháp chủ trì xây dựng thực hiện
// theo định mức" is a rule about texts; "do Bộ trưởng … quyết định và chịu trách nhiệm thực hiện
// theo quy định" is a duty.
std::string_view AfterVerb(std::string_view text, size_t from) {
  std::string_view after = Utf8Prefix(text.substr(from), kPassiveAfterBytes);
  after = after.substr(0, std::min({after.find_first_of(".;:,"), after.find(" và "), after.size()}));
  return after;
}

// A passive duty at the start of `text` (rules/body.rules, `passive_duty`): "Quỹ … trung ương do
// Bộ trưởng Bộ Công an quản lý, điều hành" is the task of the body after "do"; its text starts
// at the verb. Nothing when the clause is a definition or a rule (`passive_not`), or when what
// follows "do" is no body ("do yêu cầu …", "do Ban Tổ chức" whose capital "Tổ chức" is a name).
std::optional<Who> ReadPassive(const RuleSet& rules, std::string_view text) {
  if (text.find(" do ") == std::string_view::npos) return std::nullopt;  // the usual case, cheaply
  const std::string_view opening = Utf8Prefix(text, kPassiveBytes);
  Match m;
  if (!rules.FindFirst("passive_duty", opening, Fold(opening), &m)) return std::nullopt;
  const std::string_view body = Trim(m.Group("body"));
  const std::string_view verb = m.Group("verb");
  if (body.empty() || verb.empty() || StartsUpper(verb) || !StartsWithHead(rules, body)) return std::nullopt;
  // "hội thảo … do Bộ trưởng Bộ Công an giao thực hiện": who gave the work, not who does it.
  if (const std::string folded_body = FoldText(body); folded_body.ends_with(" giao") || folded_body.ends_with(" giao cho")) {
    return std::nullopt;
  }
  // "Người đứng đầu doanh nghiệp nhà nước do Bộ quản lý có trách nhiệm …", "Đoàn kiểm tra do Bộ
  // trưởng … thành lập có trách nhiệm …": the subject is itself a body, "do …" only says which.
  // "Lãnh đạo Trung tâm … do Chủ tịch Ủy ban nhân dân cấp tỉnh quyết định bổ nhiệm": those
  // appointed are people, whatever their title, and the appointing is the duty.
  const size_t verb_at = static_cast<size_t>(verb.data() - text.data());
  const bool appoints = FoldText(Utf8Prefix(text.substr(verb_at), 32)).find("bo nhiem") != std::string::npos;
  if (!appoints && StartsWithHead(rules, Trim(m.Group("subject")))) return std::nullopt;
  // The body ends at its own verb: one that holds another ("… thành lập") is no body name.
  const Folded fb = Fold(body);
  const std::vector<Tok> body_toks = Tokenize(fb.text);
  if (FindPhrase(rules, "actions", body_toks, 0, body_toks.size()) < body_toks.size() ||
      body_toks.size() > kMaxBodyWords / 2) {
    return std::nullopt;
  }
  Match no;
  for (std::string_view part : {m.Group("subject"), AfterVerb(text, verb_at + verb.size())}) {
    if (rules.FindFirst("passive_not", part, Fold(part), &no)) return std::nullopt;
  }
  Who who;
  who.bodies = SplitBodies(rules, body);
  who.rest = std::string(text.substr(verb_at));
  who.strong = true;
  return who;
}

// A cheap test before folding: a directive verb ("giao", "đề nghị", "yêu cầu") starts with one
// of these letters; most actions after a body name do not.
bool MayOpenDirective(std::string_view rest) {
  rest = Trim(rest);
  return rest.starts_with("g") || rest.starts_with("G") || rest.starts_with("y") || rest.starts_with("Y") ||
         rest.starts_with("đ") || rest.starts_with("Đ") || rest.starts_with("d") || rest.starts_with("D");
}

// After a scope ("Hằng năm,", "Trong ngày bầu cử,", "Căn cứ …;") that no body follows at once:
// the body after the first comma of the sentence that opens one and names its verb ("…, ngay sau
// khi cuộc bầu cử kết thúc, Tổ bầu cử thực hiện …"). A condition ("nếu có vướng mắc, …") asks
// no one (NOTES.md).
std::optional<Who> BodyAfterScope(const RuleSet& rules, std::string_view t) {
  const std::string_view opening = Utf8Prefix(t, kWhoBytes);
  if (StartsWithHead(rules, Utf8Prefix(opening, kPrefixBytes))) return std::nullopt;
  const size_t sentence_end = std::min(opening.find(". "), opening.size());
  for (size_t comma = opening.find(", "); comma < sentence_end; comma = opening.find(", ", comma + 2)) {
    const std::string_view scope = opening.substr(0, comma);
    const std::string scope_folded = FoldText(scope);  // the tokens point into it
    const std::vector<Tok> scope_toks = Tokenize(scope_folded);
    if (FindPhrase(rules, "conditional_words", scope_toks, 0, scope_toks.size()) < scope_toks.size()) {
      return std::nullopt;
    }
    const std::string_view tail = t.substr(comma + 2);
    if (!StartsUpper(tail) || !StartsWithHead(rules, Utf8Prefix(tail, kPrefixBytes))) continue;
    Who who = ReadWho(rules, tail);
    if (who.bodies.empty() || TrimChars(who.rest, ":;,. ").empty()) continue;
    who.scoped = true;
    return who;
  }
  return std::nullopt;
}

// "Giám đốc: Sở Văn hóa, Thể thao và Du lịch, Sở Thông tin và Truyền thông, Đài Phát thanh -
// Truyền hình Hậu Giang phối hợp …": a title, a colon, then the bodies whose heads it names.
std::optional<Who> SharedTitle(const RuleSet& rules, std::string_view t) {
  const size_t colon = t.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 40) return std::nullopt;
  const std::string_view title = Trim(t.substr(0, colon));
  if (!StartsUpper(title) || !rules.Lookup("person_titles", CollapseSpaces(FoldText(title)))) return std::nullopt;
  const std::string_view after = Trim(t.substr(colon + 1));
  if (!StartsUpper(after) || !StartsWithHead(rules, Utf8Prefix(after, kPrefixBytes))) return std::nullopt;
  Who who = ReadWho(rules, after);
  if (who.bodies.empty() || TrimChars(who.rest, ":;,. ").empty()) return std::nullopt;
  for (std::string& b : who.bodies) b = std::string(title) + " " + b;
  who.strong = true;
  return who;
}

// Whether a head word of a body stands anywhere in `phrase` (tokens `t` of its folded text),
// written as listed ("Số lượng" holds no "Sở", "Hình thức tổ chức" no "Tổ").
bool NamesABody(const RuleSet& rules, std::string_view phrase, const std::vector<Tok>& t) {
  const Folded f = Fold(phrase);
  for (size_t k = 0; k < t.size(); ++k) {
    const size_t head = PhraseAt(rules, "body_heads", t, k);
    if (head == 0 || PhraseAt(rules, "not_body_heads", t, k) >= head) continue;
    const std::string_view word = phrase.substr(f.OriginBegin(t[k].fb), f.OriginEnd(t[k].fe) - f.OriginBegin(t[k].fb));
    if (head > 1 || SpelledAsListed(rules, "body_heads", t[k], word)) return true;
  }
  return false;
}

// "e. Số lượng hồ sơ trình thẩm định: Bộ, ngành chủ quản; Uỷ ban nhân dân cấp tỉnh; tập đoàn, …
// gửi Hồ sơ …": a topic of a few words, a colon, then the bodies and their verb. The topic names
// no body; nothing when no verb follows the bodies ("Thành phần: Sở Y tế, Sở Tài chính.").
std::optional<Who> BodiesAfterTopic(const RuleSet& rules, std::string_view t) {
  const size_t colon = t.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > kTopicBytes) return std::nullopt;
  const std::string_view topic = Trim(t.substr(0, colon));
  const size_t topic_words = Words(topic).size();
  if (!StartsUpper(topic) || topic_words < 2 || topic_words > kMaxHeadingWords) return std::nullopt;
  // A topic names no body and opens with no verb: "Chỉ đạo cơ quan chức năng thuộc quyền: Bộ
  // Tham mưu cấp …" is a duty listing its parts, "Bộ Tài chính nêu rõ: …" a speaker.
  const std::string topic_folded = FoldText(topic);  // the tokens point into it
  const std::vector<Tok> topic_toks = Tokenize(topic_folded);
  if (DutyOpensAt(rules, topic_toks, 0) || NamesABody(rules, topic, topic_toks)) return std::nullopt;
  const std::string_view after = Trim(t.substr(colon + 1));
  if (!StartsUpper(after) || !StartsWithHead(rules, Utf8Prefix(after, kPrefixBytes))) return std::nullopt;
  Who who = ReadWho(rules, after);
  if (who.bodies.empty()) return std::nullopt;
  const std::string rest_folded = FoldText(Utf8Prefix(Trim(who.rest), 40));  // the tokens point into it
  const std::vector<Tok> rest = Tokenize(rest_folded);
  // "Hình thức tổ chức: UBND xã giao cho cán bộ thú y …": who hands the work on is not who does it.
  if (!DutyOpensAt(rules, rest, 0) || rest.empty() || rest[0].f == "giao") return std::nullopt;
  return who;
}

// "2.10. Phải Truyền thanh — Truyền hình" (repair's "Phải" for OCR's "Pai", i.e. "Đài"): a
// first line that is a listed body, however damaged, is the heading, whatever word it starts
// with. So is a listed body before the line's first colon: "Cục Quản lý, giám sát tổ chức tín
// dụng: Trong thời hạn …" (its comma and its verb "giám sát" would end the name otherwise).
std::optional<Who> KnownBodyHeading(const RuleSet& rules, std::string_view t) {
  const std::string_view first_line = Trim(t.substr(0, t.find('\n')));
  const auto known = [&rules](std::string_view name) {
    return !name.empty() && name.size() <= kMaxKnownBodyBytes && StartsUpper(name) &&
           NearestListValue(rules, "known_bodies", CollapseSpaces(FoldText(TrimChars(name, ":."))),
                            /*squeeze=*/true);
  };
  std::string_view name = first_line;
  if (!known(name)) {
    // Before a colon the name is matched as written (a heading of a text layer, not OCR's).
    const size_t colon = first_line.find(':');
    if (colon == std::string_view::npos || colon > kMaxKnownBodyBytes) return std::nullopt;
    name = Trim(first_line.substr(0, colon + 1));
    if (!StartsUpper(name) ||
        rules.LookupFolded("known_bodies", CollapseSpaces(FoldText(TrimChars(name, ":.")))) == nullptr) {
      return std::nullopt;
    }
  }
  Who who;
  who.bodies.push_back(std::string(TrimChars(name, ":.")));
  who.rest = std::string(Trim(t.substr(name.data() + name.size() - t.data())));
  who.strong = true;
  return who;
}

// "Phân cấp thực hiện một số nhiệm vụ … của Bộ Y tế cho Cục Phòng bệnh" (pattern delegated_to): a
// heading line that hands duties down names the body that does the items below it.
std::optional<Who> DelegatedHeading(const RuleSet& rules, std::string_view t) {
  const std::string_view first_line = Trim(t.substr(0, t.find('\n')));
  // Most first lines open otherwise: their first words spare the pattern its fold.
  const std::string opening = FoldText(Utf8Prefix(first_line, 12));
  if (!opening.starts_with("phan cap") && !opening.starts_with("uy quyen")) return std::nullopt;
  Match m;
  if (!rules.FindFirst("delegated_to", first_line, Fold(first_line), &m)) return std::nullopt;
  const std::string_view body = Trim(m.Group("body"));
  if (!StartsWithHead(rules, body)) return std::nullopt;
  Who who;
  who.bodies = SplitBodies(rules, body);
  who.rest = std::string(Trim(t.substr(first_line.data() + first_line.size() - t.data())));
  who.strong = true;
  return who;
}

// "X … có trách nhiệm / chịu trách nhiệm / chủ trì": the first of these within `limit` words;
// the body runs up to it (verbs such as "tham mưu, theo dõi" may sit inside the name).
// toks.size() when there is none.
size_t FirstStrongVerb(const std::vector<Tok>& toks, size_t limit) {
  for (size_t i = 0; i < limit; ++i) {
    // "Người đứng đầu đơn vị được giao chủ trì xây dựng văn bản …": who was handed the lead, a
    // relative clause of the name.
    const bool handed = i > 0 && toks[i - 1].f == "giao";
    if (WordsAt(toks, i, {"co", "trach", "nhiem"}) || WordsAt(toks, i, {"chiu", "trach", "nhiem"}) ||
        (WordsAt(toks, i, {"chu", "tri"}) && !handed)) {
      return i;
    }
  }
  return toks.size();
}

// Where the body ends when a verb of its own comes before the strong verb at `strong`:
//  - "Bộ Xây dựng tham mưu Chính phủ …; trong phạm vi …, có trách nhiệm rà soát": a clause
//    before "; " that holds the body's own verb ends the body there (a list "Bộ trưởng, …; Thủ
//    trưởng các cơ quan …; … chịu trách nhiệm" has no verb before its "; " and is kept whole);
//  - "Giao Sở Nội vụ tiếp thu các ý kiến …, chủ trì …": a listed body followed by a verb of its
//    own in lower case ends there; the words up to "chủ trì" are its first duty, not its name.
size_t OwnVerbBefore(const RuleSet& rules, std::string_view t, const Folded& f,
                     const std::vector<Tok>& toks, size_t strong) {
  if (strong < toks.size() && strong > 0) {
    const size_t semi = f.text.find("; ");
    if (semi < toks[strong].fb) {
      size_t clause_end = 0;
      while (clause_end < strong && toks[clause_end].fb < semi) ++clause_end;
      size_t act = FindPhrase(rules, "actions", toks, 0, clause_end);
      while (act > 0 && act < clause_end && InsideName(t, f.OriginBegin(toks[act].fb))) {
        act = FindPhrase(rules, "actions", toks, act + 1, clause_end);
      }
      if (act > 0 && act < clause_end) strong = act;
    }
  }
  if (strong < toks.size() && strong > 1) {
    size_t act = FindPhrase(rules, "actions", toks, 1, strong);
    while (act < strong && InsideName(t, f.OriginBegin(toks[act].fb))) {
      act = FindPhrase(rules, "actions", toks, act + 1, strong);
    }
    if (act < strong) {
      const std::string_view before = Trim(t.substr(0, f.OriginBegin(toks[act].fb)));
      if (before.size() <= kMaxKnownBodyBytes * 2 &&
          rules.LookupFolded("known_bodies", CollapseSpaces(FoldText(before))) != nullptr) {
        strong = act;
      }
    }
  }
  return strong;
}

// "Các Sở GDĐT cần chỉ đạo các trường …", "Các địa phương cần liên tục …": "cần" (should) just
// before an action or an adverb opens the duty.
// Compared as spelled: "cán bộ" folds alike. toks.size() when there is none before `limit`.
size_t ShouldBeforeAction(const RuleSet& rules, std::string_view t, const Folded& f,
                          const std::vector<Tok>& toks, size_t limit) {
  for (size_t i = 1; i <= limit && i + 1 < toks.size(); ++i) {
    if (toks[i].f != "can" || !DutyOpensAt(rules, toks, i + 1)) continue;
    const size_t at = f.OriginBegin(toks[i].fb);
    if (LowerWord(t.substr(at, f.OriginEnd(toks[i].fe) - at)) == "cần") return i;
  }
  return toks.size();
}

// The end of a body name with no strong verb after it: the first action word that is not part
// of the name, or an adverb before it. A body name is short: its end is looked for only within
// the words it may span (a list of bodies may be longer; ReadWho checks it). toks.size() when
// there is none.
size_t PlainNameEnd(const RuleSet& rules, std::string_view t, const Folded& f, const std::vector<Tok>& toks) {
  const size_t window = std::min(toks.size(), kStrongWindow + 1);
  size_t end = FindPhrase(rules, "actions", toks, 0, window);
  // A capitalised action word inside a name is part of it: "Ban Tổ chức", "Ban Chỉ đạo",
  // "Trung tâm Hỗ trợ …"; a verb after a body is written in lower case. "…, các cơ quan, tổ
  // chức và cá nhân có liên quan" is a party, no verb.
  // A company's name lists its trades, capitalised, after commas: "Công ty TNHH MTV Đầu tư,
  // Xây dựng và Kinh doanh dịch vụ Quảng Ngãi".
  const bool company = WordsAt(toks, 0, {"cong", "ty"}) || WordsAt(toks, 0, {"tong", "cong", "ty"});
  auto company_goes_on = [&](size_t i) {
    return company && f.text.compare(toks[i].fb - std::min<size_t>(toks[i].fb, 2), 2, ", ") == 0 &&
           StartsUpper(t.substr(f.OriginBegin(toks[i].fb)));
  };
  // "Lãnh đạo các sở, …": a verb that opens the name is a title.
  while (end < window &&
         (end > 0 ? InsideName(t, f.OriginBegin(toks[end].fb)) || PartyNotVerb(rules, f.text, toks, end) ||
                        InsideNoun(rules, toks, end) || company_goes_on(end)
                  : InsideNoun(rules, toks, 0))) {
    end = FindPhrase(rules, "actions", toks, end + 1, window);
  }
  // "Trung tâm Giáo dục thường xuyên": an adverb inside a name ([list not_actions]) ends nothing.
  size_t adverb = FindPhrase(rules, "adverbs", toks, 0, window);
  while (adverb < window && InsideNoun(rules, toks, adverb)) adverb = FindPhrase(rules, "adverbs", toks, adverb + 1, window);
  if (end == window) end = toks.size();
  if (adverb < window) end = std::min(end, adverb);
  return std::min(end, ShouldBeforeAction(rules, t, f, toks, std::min(window, end)));
}

// "Ban Bí thư Trung ương Đoàn đề nghị Ban Thường vụ các tỉnh, thành đoàn … triển khai …",
// "Chủ tịch UBND huyện yêu cầu Phòng Nội vụ …": who speaks (`speaker`), a directive verb opening
// `rest`, then the bodies asked; they are the ones who act. Nothing when `rest` opens otherwise.
std::optional<Who> AskedAfterDirective(const RuleSet& rules, std::string_view speaker, std::string_view rest) {
  if (!MayOpenDirective(rest)) return std::nullopt;
  const std::string_view rest_opening = Utf8Prefix(rest, 32);
  const Folded rf = Fold(rest_opening);
  const std::vector<Tok> rt = Tokenize(rf.text);
  const size_t n = PhraseAt(rules, "directive_verbs", rt, 0);
  if (n == 0 || n >= rt.size() || !StartsWithHead(rules, speaker)) return std::nullopt;
  Who asked = ReadAskedWho(rules, rest.substr(rf.OriginBegin(rt[n].fb)));
  if (asked.bodies.empty() || TrimChars(asked.rest, ":;,. ").empty()) return std::nullopt;
  asked.strong = true;
  // "(yêu cầu:) Thủ trưởng các cơ quan …, Chủ tịch UBND các xã, thị trấn và đề nghị các cơ quan
  // của tỉnh … thực hiện …": bodies joined to the request by "và" are asked too; they do not speak.
  const std::string folded_speaker = FoldText(Trim(speaker));
  if (folded_speaker.ends_with(" va")) {
    const std::string_view joined = Trim(Trim(speaker).substr(0, Trim(speaker).size() - 3));
    const std::string folded_joined = FoldText(joined);  // the tokens point into it
    const std::vector<Tok> jt = Tokenize(folded_joined);
    // "Tỉnh đoàn trân trọng cảm ơn và đề nghị …" speaks: the words before "và" hold a verb.
    if (FindPhrase(rules, "actions", jt, 0, jt.size()) >= jt.size() &&
        folded_joined.find("cam on") == std::string::npos) {
      const std::vector<std::string> bodies = SplitBodies(rules, joined);
      asked.bodies.insert(asked.bodies.begin(), bodies.begin(), bodies.end());
    }
  }
  return asked;
}

// "Các đơn vị hành chính cấp xã được hưởng …", "UBND huyện đã triển khai …": a word of the
// first `end` tokens says a passive or a fact, no duty ("được giao" is a relative clause: "Các
// bộ … được giao chủ trì …").
bool StatesNoDuty(const RuleSet& rules, std::string_view t, const Folded& f, const std::vector<Tok>& toks,
                  size_t end) {
  const PhraseList not_duty = Resolve(rules, "not_duty_words");  // resolved once, not per word
  for (size_t k = 0; k < end && k < toks.size(); ++k) {
    if (PhraseAt(not_duty, toks, k) == 0 || StartsUpper(t.substr(f.OriginBegin(toks[k].fb)))) continue;
    const std::string_view word =
        t.substr(f.OriginBegin(toks[k].fb), f.OriginEnd(toks[k].fe) - f.OriginBegin(toks[k].fb));
    if (!SpelledAsListed(rules, "not_duty_words", toks[k], word)) continue;
    if (k + 1 < toks.size() && toks[k].f == "duoc" && toks[k + 1].f == "giao") continue;
    // "… không được chủ quan và cần phải tiếp tục chủ động triển khai …": a prohibition is a duty.
    if (k + 1 < toks.size() && toks[k].f == "khong" && toks[k + 1].f == "duoc") return false;
    // "Người đứng đầu tổ chức do Chính phủ … thành lập mà không phải là đơn vị sự nghiệp công
    // lập": a relative clause of a body's name.
    if (k > 0 && toks[k - 1].f == "ma") continue;
    // "… mà không phải là đơn vị sự nghiệp công lập": "là" of that clause says what it is not.
    if (k > 0 && toks[k].f == "la" && toks[k - 1].f == "phai") continue;
    return true;
  }
  return false;
}

}  // namespace

bool DutyOpensAt(const RuleSet& rules, const std::vector<Tok>& t, size_t i) {
  return PhraseAt(rules, "actions", t, i) > 0 || PhraseAt(rules, "adverbs", t, i) > 0;
}

// Whether the action word at token i is part of a noun ("Tổ bầu cử", "Ủy ban bầu cử": "cử" is
// no verb after "bầu"; "các đồng chí lãnh đạo cơ quan", "các cấp ủy, tổ chức Đảng"), from [list
// not_actions]: a phrase that starts one word before the action, or at it; or a verb that, first
// in a name, is a title ([list opening_titles]: "lãnh đạo các sở").
bool InsideNoun(const RuleSet& rules, const std::vector<Tok>& t, size_t i) {
  return (i > 0 && PhraseAt(rules, "not_actions", t, i - 1) >= 2) || PhraseAt(rules, "not_actions", t, i) >= 2 ||
         (i == 0 && PhraseAt(rules, "opening_titles", t, 0) > 0);
}

// Whether the word at byte `at` of `text` continues a name on the same line: it is capitalised
// and follows a plain space ("Ban Tổ chức"), not a line break or a ":" ("Phòng Tư pháp" /
// "Tham mưu UBND huyện …" is a heading, then its action).
bool InsideName(std::string_view text, size_t at) {
  if (at < 2 || at >= text.size() || text[at - 1] != ' ') return false;
  const char before = text[at - 2];
  if (before == '\n' || before == ':' || before == ';' || before == '.' || before == ',') return false;
  return StartsUpper(text.substr(at));
}

// Reads the body phrase at the start of `text` (see rules/body.rules, [list actions]).
// "Ban Tuyên giáo: là đơn vị thường trực …": a colon right after the name ends it for sure. The
// token where the name ends by its colon, given `end` as found without it; nullopt when no colon
// ends the name.
std::optional<size_t> EndAtColon(const Folded& f, const std::vector<Tok>& toks, size_t end) {
  const size_t colon = f.text.find(':');
  if (colon == std::string::npos) return std::nullopt;
  size_t k = 0;
  while (k < toks.size() && toks[k].fb < colon) ++k;
  if (k == 0 || k > kMaxBodyWords || (k > end && end != toks.size())) return std::nullopt;
  return k;
}

// The bodies a name phrase holds, given into `who` (whose rest is the duty after it). A phrase
// that does not open with a body head is none, unless a scope before a strong verb runs on to the
// bodies after one of its commas; a role after a dash goes to the duty.
Who NamedBodies(const RuleSet& rules, std::string_view phrase, bool scoped_before_verb, Who who) {
  if (!StartsWithHead(rules, phrase)) {
    // "Đối với các khoản tài trợ …, Bộ Công an chịu trách nhiệm toàn diện …": the scope goes on
    // to the first comma after which the bodies before the duty begin ("Đối với trường hợp nêu
    // tại các điểm a, b …, Trưởng thi hành án dân sự tỉnh, thành phố, Cục trưởng … có trách nhiệm").
    for (size_t comma = phrase.find(", "); scoped_before_verb && comma != std::string_view::npos;
         comma = phrase.find(", ", comma + 2)) {
      const std::string_view tail = Trim(phrase.substr(comma + 2));
      if (StartsUpper(tail) && Words(tail).size() <= kMaxBodyWords && StartsWithHead(rules, tail)) {
        who.bodies = SplitBodies(rules, tail);
        return who;
      }
    }
    who.strong = false;
    return who;
  }
  // "(Trường hợp chưa có ý kiến thống nhất của Bộ Quốc phòng,) Bộ Công an, …, Bộ Xây dựng về việc
  // giao thực hiện …": "về việc" (a matter) is in no name; the bodies are those the case names.
  if (FoldText(phrase).find(" ve viec") != std::string::npos) {
    who.strong = false;
    return who;
  }
  // "Sở Kế hoạch và Đầu tư - cơ quan thường trực Ban vì sự tiến bộ phụ nữ tỉnh giúp …": the
  // role after the dash is the start of the duty, not part of the name.
  Match apposition;
  if (rules.FindFirst("body_apposition", phrase, Fold(phrase), &apposition) && apposition.begin() > 0) {
    const std::string_view role = apposition.Group("role");
    who.rest = std::string(Trim(phrase.substr(role.data() - phrase.data()))) + " " + who.rest;
    phrase = Trim(phrase.substr(0, apposition.begin()));
  }
  who.bodies = SplitBodies(rules, phrase);
  return who;
}

Who ReadWho(const RuleSet& rules, std::string_view text) {
  // "Giám đốc các Sở: Nội vụ, Xây dựng …" names one office per member.
  if (std::optional<std::string> expanded = ExpandMemberList(rules, text)) return ReadWho(rules, *expanded);
  Who who;
  Match m;
  std::string_view t = text;
  // Only the opening words can name a body: fold no more than them (items can be long).
  std::string_view opening = t.substr(0, std::min(t.size(), kPrefixBytes));
  while (!opening.empty() && (static_cast<unsigned char>(opening.back()) & 0xC0) == 0x80) opening.remove_suffix(1);
  bool scoped = false;  // "Đối với …,", "Trong phạm vi …,": a scope may come before the body
  if (rules.FindFirst("assignee_prefix", opening, Fold(opening), &m)) {
    who.strong = m.Has("strong");
    scoped = m.Has("weak");
    who.scoped = m.Has("time");
    t = t.substr(m.end());
    // "Quyền và trách nhiệm của cơ quan thường trực của Hội đồng": the heading names the body in
    // lower case; it is read as a name.
    if (m.Has("strong") && !t.empty() && !StartsUpper(t) && FoldText(m.Group("strong")).find("trach nhiem") != std::string::npos) {
      const std::string named = std::string(text.substr(0, t.data() - text.data())) + CapitalizeFirst(t);
      return ReadWho(rules, named);
    }
    if (scoped) {
      if (std::optional<Who> after = BodyAfterScope(rules, t)) return std::move(*after);
      // "Đối với các cơ sở giáo dục công lập: Thực hiện theo …": the case a rule covers, under
      // which the bodies asked above act; it names no actor.
      const size_t colon = t.find(':');
      if (colon != std::string_view::npos && t.substr(0, colon).find(',') == std::string_view::npos) {
        return who;
      }
    }
  }
  if (std::optional<Who> shared = SharedTitle(rules, t)) return std::move(*shared);
  if (std::optional<Who> topical = BodiesAfterTopic(rules, t)) return std::move(*topical);
  if (!who.strong) {
    if (std::optional<Who> passive = ReadPassive(rules, t)) return std::move(*passive);
  }
  if (std::optional<Who> heading = KnownBodyHeading(rules, t)) return std::move(*heading);
  if (std::optional<Who> delegated = DelegatedHeading(rules, t)) return std::move(*delegated);
  const std::string_view full = t;
  bool cut = false;
  if (t.size() > kWhoBytes) {
    size_t sp = t.rfind(' ', kWhoBytes);
    if (sp != std::string_view::npos && sp > 0) {
      t = t.substr(0, sp);
      cut = true;
    }
  }
  const Folded f = Fold(t);
  const std::vector<Tok> toks = Tokenize(f.text);
  if (toks.empty()) return who;
  const size_t sentence_end = std::min(f.text.find(". "), f.text.size());
  size_t limit = 0;
  while (limit < toks.size() && limit < kExecutionWindow && toks[limit].fb < sentence_end) ++limit;
  size_t end = toks.size();
  size_t strong = FirstStrongVerb(toks, limit);
  // "… chịu trách nhiệm trước pháp luật, Tỉnh ủy … về nhiệm vụ được ủy quyền": who answers to
  // whom, no duty, unless a verb of work follows in the clause ("Bộ Công an chịu trách nhiệm
  // trước Chính phủ chủ trì, phối hợp …").
  if (!who.strong && strong + 3 < toks.size() && toks[strong].f == "chiu" && toks[strong + 3].f == "truoc" &&
      f.text.find("; ") > toks[strong].fb && !DutyAfter(rules, f.text, toks, strong + 4)) {
    who.bodies.clear();
    return who;
  }
  strong = OwnVerbBefore(rules, t, f, toks, strong);
  if (strong < toks.size() && strong > 0) {
    end = strong;
    // "Thanh tra Ngân hàng Nhà nước phối hợp với Ngân hàng Nhà nước chi nhánh Khu vực có trách
    // nhiệm …": the partner after "phối hợp với" is no part of the name ("Hội đồng phối hợp phổ
    // biến giáo dục pháp luật" has no "với").
    for (size_t k = 1; k + 2 < strong; ++k) {
      if (WordsAt(toks, k, {"phoi", "hop", "voi"}) || WordsAt(toks, k, {"phoi", "hop", "cung"})) {
        end = k;
        break;
      }
    }
    // "Ủy ban nhân dân thành phố Đà Nẵng rà soát, hoàn thiện … và chịu trách nhiệm toàn diện …":
    // a strong verb joined by "và" to an earlier one; the name ends at the first.
    if (toks[strong - 1].f == "va") {
      const size_t first = FindPhrase(rules, "actions", toks, 1, strong - 1);
      if (first < end && !InsideNoun(rules, toks, first)) end = first;
    }
    size_t adverb = FindPhrase(rules, "adverbs", toks, 0, strong);
    while (adverb < strong && InsideNoun(rules, toks, adverb)) adverb = FindPhrase(rules, "adverbs", toks, adverb + 1, strong);
    if (adverb < end) end = adverb;
    who.strong = true;
  } else {
    end = PlainNameEnd(rules, t, f, toks);
  }
  if (const std::optional<size_t> k = EndAtColon(f, toks, end)) {
    end = *k;
    who.strong = true;
  }
  std::string_view phrase;
  if (end < toks.size()) {
    // One body name is short; a list before "chịu trách nhiệm" may be long, and so may a list
    // of named bodies before a verb ("Các Ban phong trào, Văn phòng …, Hội … triển khai").
    if (end == 0 || end > (strong < toks.size() ? kExecutionWindow : kStrongWindow)) return who;
    phrase = t.substr(0, f.OriginBegin(toks[end].fb));
    if (end > kMaxBodyWords && strong == toks.size()) {
      const std::vector<std::string> list = SplitBodies(rules, phrase);
      const bool short_names = list.size() >= 2 && std::all_of(list.begin(), list.end(), [](const std::string& b) {
        return Words(b).size() <= kMaxListedBodyWords;
      });
      if (!short_names) return who;
    }
    who.rest = std::string(full.substr(f.OriginBegin(toks[end].fb)));
  } else {
    // No action: a heading ("2.2. Phòng Nội vụ", "1. Thủ trưởng …, Chủ tịch UBND …:").
    if (cut || toks.size() > kMaxBodyWords) return who;
    phrase = t;
    who.strong = true;
  }
  if (std::optional<Who> asked = AskedAfterDirective(rules, phrase, who.rest)) return std::move(*asked);
  if (StatesNoDuty(rules, t, f, toks, end)) {
    who.bodies.clear();
    who.strong = false;
    return who;
  }
  return NamedBodies(rules, phrase, scoped && strong < toks.size(), std::move(who));
}

namespace {

// `text` without the asides in brackets of its opening: "các đại học (bao gồm các trường, đơn vị
// thành viên có hoạt động giáo dục đào tạo), học viện, …, cao đẳng (trừ các trường trực thuộc Bộ
// Công an …) rà soát …" reads "các đại học, học viện, …, cao đẳng rà soát …". Empty when the
// opening has none.
std::string WithoutAsides(std::string_view text) {
  constexpr size_t kMaxAsideBytes = 200;
  std::string out;
  size_t from = 0;
  for (size_t open = text.find('('); open != std::string_view::npos && open < kWhoBytes;
       open = text.find('(', from)) {
    const size_t close = text.find(')', open);
    if (close == std::string_view::npos || close - open > kMaxAsideBytes) break;
    out += TrimChars(text.substr(from, open - from), " ");
    from = close + 1;
  }
  if (from == 0) return {};
  out += text.substr(from);
  return out;
}

}  // namespace

// "Các đơn vị: Công an, Quân sự, trạm Y tế phải đảm bảo nhân lực …": a group named by its kind
// alone, then a colon and its members, asks each member.
void NameTheMembers(const RuleSet& rules, std::string_view sentence, Who& who) {
  if (who.bodies.size() != 1) return;
  const std::string folded = FoldText(who.bodies.front());  // the tokens point into it
  const std::vector<Tok> group = Tokenize(folded);
  if (group.size() < 2 || group[0].f != "cac" || PhraseAt(rules, "group_nouns", group, 1) != group.size() - 1) return;
  const size_t colon = sentence.find(':');
  if (colon == std::string_view::npos || FoldText(Trim(sentence.substr(0, colon))) != folded) return;
  Who members = ReadWho(rules, Trim(sentence.substr(colon + 1)));
  if (members.bodies.size() < 2 || TrimChars(members.rest, ":;,. ").empty()) return;
  who.bodies = std::move(members.bodies);
  who.rest = std::move(members.rest);
  who.strong = true;  // the colon names them as the ones asked
}

Who ReadAskedWho(const RuleSet& rules, std::string_view text) {
  Who who = ReadWho(rules, text);
  const std::string_view t = Trim(text);
  if (!who.bodies.empty() || t.empty()) return who;
  if (const std::string plain = WithoutAsides(t); !plain.empty()) {
    who = ReadAskedWho(rules, plain);
    if (!who.bodies.empty()) return who;
  }
  if (StartsUpper(t)) return who;
  // "cục hải quan các tỉnh" after "yêu cầu": the same phrase with its first letter capitalised.
  return ReadWho(rules, CapitalizeFirst(t));
}

}  // namespace congvan::extract
