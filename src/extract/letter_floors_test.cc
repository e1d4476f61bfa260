// Every gold letter of the held-out sets keeps the score it had when its floor was set
// (tests/data/extract/floors.tsv): a rule written for one kind of letter that costs another
// fails here, by name.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "base/page_text.h"
#include "extract/eval.h"
#include "extract/letter.h"
#include "extract/test_letters.h"
#include "support/testing.h"

namespace congvan::extract {
namespace {

namespace fs = std::filesystem;

struct Floor {
  std::string set, letter;
  double macro_f1 = 0;
};

std::vector<Floor> Floors() {
  std::ifstream in(testing::TestData("extract/floors.tsv"));
  std::vector<Floor> out;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream row(line);
    Floor f;
    if (std::getline(row, f.set, '\t') && std::getline(row, f.letter, '\t') && (row >> f.macro_f1)) {
      out.push_back(f);
    }
  }
  return out;
}

TEST(LetterFloorsTest, EveryHeldOutLetterKeepsItsScore) {
  const std::vector<Floor> floors = Floors();
  ASSERT_GE(floors.size(), 80u);
  for (const Floor& f : floors) {
    const fs::path dir = testing::TestData("extract/" + f.set);
    const fs::path text = dir / "letters" / (f.letter + ".txt");
    const fs::path gold = dir / "gold" / (f.letter + ".json");
    ASSERT_TRUE(fs::exists(text) && fs::exists(gold)) << f.set << "/" << f.letter;
    Letter l = test::Shared().Read({PageTextFromPlain(0, "text", testing::ReadFile(text))}, f.letter + ".txt");
    Scorer scorer;
    ASSERT_TRUE(scorer.Add(f.letter, testing::ReadFile(gold), ToJson(l)).ok());
    const EvalReport r = scorer.Report();
    EXPECT_GE(r.macro_f1, f.macro_f1) << f.set << "/" << f.letter << "\n" << r.Table();
  }
}

}  // namespace
}  // namespace congvan::extract
