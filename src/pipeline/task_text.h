// The whole text of a task. The extraction writes each task as a summary cut at 200 characters
// with " ..." (the devset's SCHEMA.md form, which its scores are computed on); the registry keeps
// the task's whole paragraph from the letter, and the pages show the first lines of it with
// "xem thêm".
#ifndef CONGVAN_PIPELINE_TASK_TEXT_H_
#define CONGVAN_PIPELINE_TASK_TEXT_H_

#include <string>
#include <string_view>

namespace congvan::pipeline {

// `summary` when it was not cut; else the summary's start found again in `letter_text` (spaces
// and line breaks collapsed) and continued to the end of its paragraph: a blank line, the next
// numbered, lettered or bulleted item ("1.2.", "a)", "-", "+"), or the end of the text, at most
// 4,000 bytes. `summary` unchanged when its start is not found.
std::string FullTaskText(std::string_view summary, std::string_view letter_text);

}  // namespace congvan::pipeline

#endif  // CONGVAN_PIPELINE_TASK_TEXT_H_
