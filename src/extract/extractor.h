// Extraction: reads a Letter's fields out of its pages with rules kept as data in rules/.
//
// Rules are RE2 patterns in a small text format (rules/README.md) loaded once at start-up; an
// Extractor is immutable after loading and safe to share between threads.
#ifndef CONGVAN_EXTRACT_EXTRACTOR_H_
#define CONGVAN_EXTRACT_EXTRACTOR_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "extract/letter.h"
#include "base/page_text.h"

namespace congvan::extract {

class RuleSet;  // compiled rules, see rules.h

// What a reading may depend on besides the text.
struct ReadOptions {
  // The day the letter arrived (ISO yyyy-mm-dd): deadlines before it are flagged as already
  // past. Passed in, never read from the clock here, so that a reading is reproducible.
  std::optional<std::string> today;
};

class Extractor {
 public:
  ~Extractor();
  Extractor(Extractor&&) noexcept;
  Extractor& operator=(Extractor&&) noexcept;

  // Loads and compiles every rule file in `rules_dir`. Fails naming the file, line and RE2's
  // complaint when a pattern does not compile.
  static Result<Extractor> Load(const std::string& rules_dir);

  // Reads the fields of one letter. Works on text whose two header columns are merged on one
  // line (another OCR's output) and on OCR pages where they come as separate blocks.
  // `file_name` fills Letter::file.
  Letter Read(const std::vector<PageText>& pages, const std::string& file_name) const;
  Letter Read(const std::vector<PageText>& pages, const std::string& file_name,
              const ReadOptions& options) const;

 private:
  explicit Extractor(std::unique_ptr<RuleSet> rules);
  std::unique_ptr<RuleSet> rules_;
};

}  // namespace congvan::extract

#endif  // CONGVAN_EXTRACT_EXTRACTOR_H_
