#include "extract/member_list.h"

#include <gtest/gtest.h>

#include "extract/test_letters.h"

namespace congvan::extract {
namespace {

using test::Rules;

std::string Expanded(std::string_view text) {
  std::optional<std::string> out = ExpandMemberList(Rules(), text);
  return out ? *out : "<none>";
}

// The execution clause of the Quảng Ngãi decisions (86/QĐ-UBND of 2025).
TEST(ExpandMemberList, OneOfficePerMember) {
  EXPECT_EQ(Expanded("Chánh Văn phòng UBND tỉnh; Giám đốc các Sở: Nội vụ, Xây dựng và ông Bạch Đăng "
                     "Ngọc chịu trách nhiệm thi hành Quyết định này./."),
            "Chánh Văn phòng UBND tỉnh; Giám đốc Sở Nội vụ, Giám đốc Sở Xây dựng và ông Bạch Đăng "
            "Ngọc chịu trách nhiệm thi hành Quyết định này./.");
}

// A listed body's name holds "và" ("Kế hoạch và Đầu tư"): it is one member.
TEST(ExpandMemberList, ListedNamesKeepTheirAnd) {
  EXPECT_EQ(Expanded("Giám đốc các Sở: Tài chính, Kế hoạch và Đầu tư, Tài nguyên và Môi trường; Chủ "
                     "tịch UBND huyện Bình Sơn chịu trách nhiệm thi hành"),
            "Giám đốc Sở Tài chính, Giám đốc Sở Kế hoạch và Đầu tư, Giám đốc Sở Tài nguyên và Môi "
            "trường; Chủ tịch UBND huyện Bình Sơn chịu trách nhiệm thi hành");
  EXPECT_EQ(Expanded("các Bộ: Công an, Quốc phòng phối hợp"), "Bộ Công an, Bộ Quốc phòng phối hợp");
  // A member that names itself ends the list (11/TB-UBND of Quảng Ngãi, 2025).
  EXPECT_EQ(Expanded("chủ trì, phối hợp với các Sở: Tài chính, Kế hoạch và Đầu tư, Công ty TNHH MTV Đầu "
                     "tư, Xây dựng và Kinh doanh dịch vụ Quảng Ngãi"),
            "chủ trì, phối hợp với Sở Tài chính, Sở Kế hoạch và Đầu tư, Công ty TNHH MTV Đầu tư, Xây dựng "
            "và Kinh doanh dịch vụ Quảng Ngãi");
}

// The execution clause of 58/2025/TT-BYT (heldout/set30text): the head of each department.
TEST(ExpandMemberList, DirectorsOfDepartments) {
  EXPECT_EQ(Expanded("Chánh Văn phòng Bộ; Vụ trưởng Vụ: Tổ chức cán bộ, Pháp chế; Cục trưởng Cục Phòng bệnh "
                     "chịu trách nhiệm thực hiện Thông tư này."),
            "Chánh Văn phòng Bộ; Vụ trưởng Vụ Tổ chức cán bộ, Vụ trưởng Vụ Pháp chế; Cục trưởng Cục Phòng bệnh "
            "chịu trách nhiệm thực hiện Thông tư này.");
}

TEST(ExpandMemberList, NoListNoChange) {
  EXPECT_EQ(Expanded("Giám đốc các Sở, ngành chịu trách nhiệm thi hành"), "<none>");
  EXPECT_EQ(Expanded("Các sở, ban, ngành: triển khai thực hiện"), "<none>");
  EXPECT_EQ(Expanded(""), "<none>");
}

}  // namespace
}  // namespace congvan::extract
