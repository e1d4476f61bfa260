// Search over the registry: a small query language compiled to FTS5 and SQL.
//
//   nâng cao chỉ số          words (all must occur); marks, đ and case are optional, but text
//                            with the marks as typed ranks first
//   "cải cách hành chính"    a phrase
//   cải*                     a prefix
//   don-vi:"Phòng Nội vụ"    filter: tasks of this assignee (its words as a phrase)
//   co-quan:"Hớn Quản"       filter: letters from this issuer
//   so:1138/UBND-NC, so:1138 filter: letter number (whole, or the part before / or -)
//   han<2023-07-01 han>=…    filter: task deadline (<, <=, >, >=, = or :), also d/m/yyyy
//   trang-thai:qua-han       filter: task status (tasks.h ParseStates)
//
// The user's text never reaches FTS5 or SQL as syntax: words are re-tokenized and re-quoted,
// filters become bound parameters. Any input yields results or an InvalidInput whose message
// says what to fix.
//
// On a PostgreSQL registry the same query runs on the words of search_postgres.h, with the same
// matches, scores and order.
#ifndef CONGVAN_REGISTRY_SEARCH_H_
#define CONGVAN_REGISTRY_SEARCH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "registry/dates.h"
#include "registry/registry.h"
#include "registry/search_postgres.h"
#include "registry/snippet.h"
#include "registry/tasks.h"

namespace congvan::registry {

// Longest query accepted, in bytes; a longer one is refused with a message.
inline constexpr std::size_t kMaxQueryBytes = 1000;

// A parsed query: the FTS5 expression of its words and the filters.
struct ParsedQuery {
  std::string match;         // FTS5 expression built by us; "" when the query has no words
  PhraseGroups phrases;      // the same expression's phrases, for PostgreSQL
  std::vector<SnippetTerm> terms;  // the same words, folded, for the snippets (snippet.h)
  TaskFilter filter;         // don-vi, co-quan, so, han, trang-thai
  bool task_filters = false; // true when a filter only tasks can satisfy is present
  std::vector<std::string> ignored;  // parts that held nothing searchable ("*", "-", …)
};

// Parses `query`; InvalidInput for an empty query, a bad date or status, or one too long.
Result<ParsedQuery> ParseQuery(const text::Folder& folder, const std::string& query);

// One matching letter.
struct DocumentHit {
  std::int64_t id = 0;
  std::string doc_ref, doc_type, issuer, date, subject, path;
  std::string snippet;  // original text around the match, matches between « and »
                        // (snippet.h); the subject when the query has no words
  double score = 0;     // congvan_rank (bm25 without IDF, tokenizer.h): lower is better
};

// One matching task, with its letter.
struct TaskHit {
  TaskView view;
  std::string snippet;
  double score = 0;
};

struct SearchResults {
  std::vector<DocumentHit> documents;  // best first; without words: the letters of the passing
                                       // tasks, earliest deadline first (newest first for so:)
  std::vector<TaskHit> tasks;          // best first (by deadline when the query has no words)
  std::vector<std::string> ignored;    // from ParsedQuery, to tell the user
};

struct SearchOptions {
  int limit = 20;  // per kind
};

// Runs `query` over documents and tasks. `now` decides the trang-thai filter.
Result<SearchResults> Search(const Registry& registry, const std::string& query,
                             TimePoint now, const SearchOptions& options = {});

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_SEARCH_H_
