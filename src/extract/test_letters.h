// Shared by the extraction tests (not part of the library): the rules of rules/ and an
// Extractor on them, loaded once per test binary, and small readers of a Letter's fields.
#ifndef CONGVAN_EXTRACT_TEST_LETTERS_H_
#define CONGVAN_EXTRACT_TEST_LETTERS_H_

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "base/page_text.h"
#include "extract/extractor.h"
#include "extract/rules.h"

namespace congvan::extract::test {

// The rule set of the source tree's rules/ folder (a load failure fails the test).
inline const RuleSet& Rules() {
  static const RuleSet* rules = [] {
    auto r = RuleSet::Load(CONGVAN_DEFAULT_RULES_DIR);
    if (!r.ok()) ADD_FAILURE() << r.status().ToString();
    return r.ok() ? r->release() : new RuleSet();
  }();
  return *rules;
}

// An Extractor on those rules.
inline const Extractor& Shared() {
  static const Extractor* extractor = [] {
    auto r = Extractor::Load(CONGVAN_DEFAULT_RULES_DIR);
    if (!r.ok()) ADD_FAILURE() << r.status().ToString();
    return r.ok() ? new Extractor(std::move(*r)) : nullptr;
  }();
  return *extractor;
}

// The fields of `text` read as a one-page text file named `name`.
inline Letter ReadText(const std::string& text, const std::string& name = "t.txt",
                       const ReadOptions& options = {}) {
  return Shared().Read({PageTextFromPlain(0, "text", text)}, name, options);
}
inline Letter ReadText(const std::string& text, const ReadOptions& options) {
  return ReadText(text, "t.txt", options);
}

// An optional field as text, "<null>" when absent.
inline std::string Opt(const std::optional<std::string>& s) { return s ? *s : "<null>"; }

// The assignee of each task, in order.
inline std::vector<std::string> Assignees(const Letter& l) {
  std::vector<std::string> out;
  for (const Task& t : l.tasks) out.push_back(t.assignee);
  return out;
}

}  // namespace congvan::extract::test

#endif  // CONGVAN_EXTRACT_TEST_LETTERS_H_
