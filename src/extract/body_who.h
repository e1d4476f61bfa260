// Who acts in a piece of a letter's body: the body phrase that opens an item or a sentence
// ("Sở Y tế chủ trì …", "Giao Phòng Nội vụ …", "Giám đốc các Sở: Nội vụ, Xây dựng … chịu trách
// nhiệm …"), where it ends and what duty follows. Internal to src/extract: body.cc reads items
// and sentences with it.
#ifndef CONGVAN_EXTRACT_BODY_WHO_H_
#define CONGVAN_EXTRACT_BODY_WHO_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "extract/rules.h"

namespace congvan::extract {

// A body name is never longer than kMaxBodyWords words; one name of a long list ("Các phòng Giáo
// dục và Đào tạo các huyện, thị xã, thành phố", 13 words) not longer than kMaxListedBodyWords.
inline constexpr size_t kMaxBodyWords = 24;
inline constexpr size_t kMaxListedBodyWords = 16;
// A body name, or a list of them before a plain verb, spans at most kStrongWindow words; the
// execution clause of a decree ("X, Y, … có trách nhiệm") lists bodies over kExecutionWindow.
inline constexpr size_t kStrongWindow = 64;
inline constexpr size_t kExecutionWindow = 96;
inline constexpr size_t kMaxHeadingWords = 12;  // "4. Chế độ thông tin, báo cáo": a topic heading
inline constexpr size_t kWhoBytes = 600;        // the opening of an item that may name its body
inline constexpr size_t kPassiveBytes = 480;    // "<what> do <body> <verb>": the subject and body
inline constexpr size_t kPassiveAfterBytes = 60;  // the words after its verb that may rule it out

// What an item says about who acts: its bodies and where its action text starts.
struct Who {
  std::vector<std::string> bodies;
  std::string rest;   // the text after the body phrase
  bool strong = false;
  bool scoped = false;  // named after a scope ("Hằng năm, Ban Thường vụ Đoàn cấp tỉnh báo cáo …")
};

// Whether the word at byte `at` of `text` continues a name on the same line: it is capitalised
// and follows a plain space ("Ban Tổ chức"), not a line break or a ":" ("Phòng Tư pháp" /
// "Tham mưu UBND huyện …" is a heading, then its action).
bool InsideName(std::string_view text, size_t at);

// Reads the body phrase at the start of `text` (see rules/body.rules, [list actions]): the
// bodies named, the text of their duty, and whether the reading is sure ("strong": a strong
// verb, a colon or a heading ended the name).
Who ReadWho(const RuleSet& rules, std::string_view text);

// "Các đơn vị: Công an, Quân sự, trạm Y tế phải …": when `who` read from `sentence` is a group
// named by its kind alone ("Các đơn vị") and a colon after it lists members, who becomes the
// members and their duty.
void NameTheMembers(const RuleSet& rules, std::string_view sentence, Who& who);

// The bodies a directive verb asks ("yêu cầu cục hải quan các tỉnh, thành phố kiểm tra …"):
// as ReadWho, but the verb already marks them as bodies, so one written in lower case counts.
Who ReadAskedWho(const RuleSet& rules, std::string_view text);

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_BODY_WHO_H_
