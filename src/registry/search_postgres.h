// Full-text search on a PostgreSQL registry, behaving as the SQLite one (search.h), which runs
// on FTS5 with congvan's tokenizer (tokenizer.h).
//
// No PostgreSQL extension and no text search configuration is involved: the words are made by
// the same C++ folding. Each letter and task row holds a tsvector (schema version 14) written
// here: every token folded (marks, đ and case dropped) with, when it differs, its accented form
// at the same position, as FTS5 indexes them; one weight label per column (a letter's number A,
// issuer B, subject C, body D; a task's assignee A, action B, deadline C), so a phrase can be
// held to one column, and a gap of one position between columns, so a phrase never spans two.
// A query is compiled to a tsquery of the same phrases as the FTS5 expression, which the GIN
// index answers. The ranking is congvan_rank itself (tokenizer.h: bm25 without IDF), computed
// here for the candidates from their words, the column lengths and the registry-wide length
// sums kept in search_totals, so scores and order equal SQLite's.
//
// PostgreSQL's tsvector keeps positions up to 16,383 and 256 per word: a phrase that occurs in
// a letter only past its 16,383rd word, or only after a word's 256th occurrence, is not found
// there (every single word still is). The ranking counts every occurrence.
#ifndef CONGVAN_REGISTRY_SEARCH_POSTGRES_H_
#define CONGVAN_REGISTRY_SEARCH_POSTGRES_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "registry/connection.h"
#include "text/tokens.h"

namespace congvan::registry {

// One phrase of a query as FTS5 sees it: its tokens (cut as the index cuts them), the last one
// a prefix when `prefix`; `column` is the only column it may match in, -1 for any.
struct QueryPhrase {
  std::vector<std::string> tokens;
  bool prefix = false;
  int column = -1;
};

// A query's phrases: a row matches when, for every group, at least one of the group's phrases
// occurs (a word is the group of its folded and its accented phrase).
using PhraseGroups = std::vector<std::vector<QueryPhrase>>;

// The tsvector text and the column lengths in tokens ("{12,3,40,2100}") of one row's columns.
struct SearchWords {
  std::string vector;
  std::string sizes;
};
SearchWords MakeSearchWords(const text::Folder& folder, std::span<const std::string_view> columns);

// The tsquery text of `groups` (non-empty). Tokens are letters, digits and marks and are quoted
// besides, so nothing of the user's text is tsquery syntax.
std::string MakeTsQuery(const PhraseGroups& groups);

// Writes the search words of every letter and task that has none yet (registered since the last
// call in this transaction, or before schema version 14). Call inside a write transaction.
Status IndexPendingForSearch(Connection db, const text::Folder& folder);

// True when some letter or task has no search words yet.
Result<bool> HasPendingForSearch(Connection db);

// congvan_rank (tokenizer.cc) of rows of one table, with that table's length averages.
class SearchRanker {
 public:
  // `table` is "documents" or "tasks"; `weights` one per column.
  static Result<SearchRanker> Load(Connection db, const char* table, const text::Folder& folder,
                                   const PhraseGroups& groups, std::vector<double> weights);

  // The score of a row with these columns: lower is better, as on SQLite.
  double Score(std::span<const std::string_view> columns) const;

 private:
  SearchRanker(const text::Folder& folder, std::vector<QueryPhrase> phrases,
               std::vector<double> weights, std::vector<double> averages)
      : folder_(&folder), phrases_(std::move(phrases)), weights_(std::move(weights)),
        averages_(std::move(averages)) {}

  const text::Folder* folder_;
  std::vector<QueryPhrase> phrases_;  // in the FTS5 expression's order
  std::vector<double> weights_, averages_;
};

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_SEARCH_POSTGRES_H_
