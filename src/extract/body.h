// The body of a letter: its numbered items, who must act on each, and the deadlines.
//
// Internal to extract/: the Extractor calls these after reading the header. Rules come from
// rules/body.rules (item markers, lead-ins, closings, deadline patterns, body-head words).
#ifndef CONGVAN_EXTRACT_BODY_H_
#define CONGVAN_EXTRACT_BODY_H_

#include <string>
#include <string_view>
#include <vector>

#include "extract/letter.h"

namespace congvan::extract {

class RuleSet;

// The first line of the body in `lines` (after the "Kính gửi" list, else after the header) and
// the line where it ends ("Nơi nhận", else the end). `addressees` are the items the header read
// under "Kính gửi": a line that is one of them, bullet or not, is no body.
struct BodyRange {
  size_t begin = 0, end = 0;
};
BodyRange FindBody(const RuleSet& rules, const std::vector<std::string_view>& lines,
                   const std::vector<std::string>& addressees = {});

// Fills letter.tasks and letter.deadlines from lines [range.begin, range.end); reads
// letter.addressees (bodies asked by a lead-in) and letter.date (years of "trước ngày 20/6").
// Adds a flag for every impossible date found in a deadline.
void ReadTasks(const RuleSet& rules, const std::vector<std::string_view>& lines, BodyRange range,
               Letter& letter);

// The body names of one heading: "Thủ trưởng các cơ quan chuyên môn thuộc huyện, các đơn vị sự
// nghiệp và Chủ tịch UBND các xã, thị trấn" → three bodies (NOTES.md). Exposed for tests.
std::vector<std::string> SplitBodies(const RuleSet& rules, std::string_view phrase);

// The SCHEMA.md summary: spaces collapsed, first letter capitalised, cut at a word boundary at
// 200 characters or less with " ..." appended when cut.
std::string Summarize(std::string_view text);

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_BODY_H_
