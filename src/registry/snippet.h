// Snippets of search hits, written from the stored text without FTS5.
//
// FTS5's snippet() re-tokenizes the row and then seeks every query phrase's positions in the
// registry-wide posting lists; at 100,000 letters that cost half of a search. The hits shown
// are few (20) and their text is read anyway, so tokenizing it once here with the same text::Folder
// the index uses finds the same words, marks and all, for a fraction of the cost.
#ifndef CONGVAN_REGISTRY_SNIPPET_H_
#define CONGVAN_REGISTRY_SNIPPET_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "text/tokens.h"

namespace congvan::registry {

// A word or phrase of a query as the snippet looks for it: its folded tokens in order; the last
// one is a prefix when `prefix` ("cải*" → {"cai"}, prefix).
struct SnippetTerm {
  std::vector<std::string> folded;
  bool prefix = false;
};

// The text around the best place in `columns` (the fields of one row, e.g. subject and body),
// at most `max_tokens` tokens, with every occurrence of a term between « and » and "…" where
// the field's text was cut. The best place holds the most different terms, then the most
// occurrences, in the first column that has it. The words appear as written in the stored text
// (accented, original case). Empty when no term occurs in any column.
std::string MakeSnippet(const text::Folder& folder, std::span<const std::string_view> columns,
                        std::span<const SnippetTerm> terms, int max_tokens = 16);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_SNIPPET_H_
