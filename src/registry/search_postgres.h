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
// here for the candidates from the positions their tsvector holds for the query's words (so no
// letter's text is read to rank it), the column lengths and the registry-wide length sums kept
// in search_totals, so scores and order equal SQLite's.
//
// PostgreSQL's tsvector keeps positions up to 16,383 and 256 per word: a phrase that occurs in
// a letter only past its 16,383rd word, or only after a word's 256th occurrence, is not found
// there (every single word still is), and the ranking counts no occurrence past those limits
// (a column's score saturates long before: bm25's k1 = 1.2).
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

  // The same score from what the index holds of the row, so its text need not be read: `sizes`
  // its search_sizes ("{12,3,40,2100}") and `lexemes` the text of IndexedLexemesSql(): each word
  // of the query that the row holds with its positions, space-separated, as a tsvector prints
  // them ("'cao':22A,79A 'nang':21A"). A position's column follows from the
  // sizes (one position of gap before each column). Equal to Score() but where the tsvector's
  // limits cap a count (a word's 257th occurrence, words past position 16,383), which moves the
  // score by little since a column's score saturates with its count.
  double ScoreIndexed(std::string_view sizes, std::string_view lexemes) const;

  // A SQL expression over `vector` (a tsvector column) giving the `lexemes` text of
  // ScoreIndexed(); `param` adds a parameter and returns its placeholder. The vector is cut down
  // to the query's words by tsvector functions (setweight, ts_filter: a pass over the vector in
  // C, not a row per lexeme); a prefix's words are first found among the row's lexemes.
  template <typename AddParam>
  std::string IndexedLexemesSql(const std::string& vector, AddParam param) const {
    std::string words = "CAST(" + param(WordsArray(false)) + " AS text[])";
    if (WordsArray(true) != "{}") {
      words += " || ARRAY(SELECT x FROM unnest(tsvector_to_array(" + vector + ")) x WHERE x LIKE ANY(CAST(" +
               param(WordsArray(true)) + " AS text[])))";
    }
    return "CAST(ts_filter(setweight(setweight(" + vector + ", 'D'), 'A', " + words + "), '{A}') AS text)";
  }

 private:
  SearchRanker(const text::Folder& folder, std::vector<QueryPhrase> phrases,
               std::vector<double> weights, std::vector<double> averages)
      : folder_(&folder), phrases_(std::move(phrases)), weights_(std::move(weights)),
        averages_(std::move(averages)) {}

  // The query's whole words, or the LIKE patterns of its prefixes ("hà%"), as a text[] literal.
  std::string WordsArray(bool prefixes) const;

  const text::Folder* folder_;
  std::vector<QueryPhrase> phrases_;  // in the FTS5 expression's order
  std::vector<double> weights_, averages_;
};

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_SEARCH_POSTGRES_H_
