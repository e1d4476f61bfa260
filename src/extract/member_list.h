// Office-holders named once for a list of bodies: "Giám đốc các Sở: Nội vụ, Xây dựng và ông
// Bạch Đăng Ngọc chịu trách nhiệm …" is "Giám đốc Sở Nội vụ, Giám đốc Sở Xây dựng và ông Bạch
// Đăng Ngọc …". Provincial decisions write their execution clause so; the schema asks for one
// task per office, each named in full.
#ifndef CONGVAN_EXTRACT_MEMBER_LIST_H_
#define CONGVAN_EXTRACT_MEMBER_LIST_H_

#include <optional>
#include <string>
#include <string_view>

namespace congvan::extract {

class RuleSet;

// `text` with its first "<title> các <Sở|Phòng|Bộ>: A, B và C" (on its first line, title
// optional) written out as "<title> <Sở> A, <title> <Sở> B, <title> <Sở> C"; nullopt when there
// is none. A member is the longest run of words that makes a listed body ([list known_bodies]
// of rules/words.rules) after the head word, else the words up to the next ",", ";" or "và".
// The list ends at a member that is a person ("ông …", "bà …") or a body in its own right, at
// a line break, or at the first word of work ([list actions] of rules/body.rules).
std::optional<std::string> ExpandMemberList(const RuleSet& rules, std::string_view text);

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_MEMBER_LIST_H_
