// The tasks of a letter's paragraphs, outside numbered items: who a sentence asks to act ("Giao
// Sở Y tế chủ trì …", "UBND tỉnh yêu cầu các sở … báo cáo …", "Sở Tài chính bố trí …"), a
// lead-in that asks bodies what the items below say, a sentence or paragraph that only dates the
// request before it, the dated lines of a schedule. Internal to src/extract: body.cc reads the
// body's structure and hands its loose paragraphs here.
#ifndef CONGVAN_EXTRACT_BODY_PARAGRAPHS_H_
#define CONGVAN_EXTRACT_BODY_PARAGRAPHS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/body_who.h"
#include "extract/deadline.h"
#include "extract/letter.h"
#include "extract/rules.h"

namespace congvan::extract {

// The lead-in of a paragraph ([pattern lead_in]: "Chủ tịch UBND huyện yêu cầu:"); a directive
// verb in capitals inside a name does not count.
bool FindLeadIn(const RuleSet& rules, std::string_view text, const Folded& folded, Match* m);

// The sentences of a paragraph: it is cut after ". " or "; " before a capital.
std::vector<std::string_view> Sentences(std::string_view text);

// Who a sentence asks to act and what, leaving out those who petition; nothing for a passive, a
// fact or a sentence that names no body.
std::optional<Who> SentenceWho(const RuleSet& rules, std::string_view sentence);

// Whether an action is only "carry it out" ("khẩn trương tổ chức thực hiện"): every word of it is
// in [list generic_request_words].
bool GenericRequest(const RuleSet& rules, std::string_view action);

// Appends the tasks of a paragraph outside every item, one per (body, sentence that asks it).
// `asked` are the bodies a lead-in before it asked; `date` is the letter's (ISO or empty);
// `follows_request` says the paragraph just before asked for something (its tasks are the last
// of `tasks`), so a paragraph that only dates it gives them its deadline.
void ParagraphTasks(const RuleSet& rules, std::string_view text, const std::vector<std::string>& asked,
                    const DeadlineBase& date, bool follows_request, std::vector<Task>& tasks);

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_BODY_PARAGRAPHS_H_
