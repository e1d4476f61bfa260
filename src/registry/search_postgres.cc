#include "registry/search_postgres.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <utility>

#include "registry/statement.h"
#include "registry/tokenizer.h"

namespace congvan::registry {
namespace {

// PostgreSQL's tsvector limits (tsvector.h): positions above this are stored as it, a lexeme
// keeps at most kMaxPositions of them, and the lexemes together take at most 1 MiB.
constexpr int kMaxPosition = 16383;
constexpr std::size_t kMaxPositions = 256;
constexpr std::size_t kMaxLexemeBytes = (1u << 20) - 65536;  // margin for the length words

// Rows indexed per statement, so a back-fill of a large registry never holds it all in memory.
constexpr std::int64_t kIndexBatch = 200;

// A token as the index holds it: folded, and accented (equal when the word has no marks).
struct IndexToken {
  std::string folded, exact;
};

std::vector<IndexToken> Tokens(const text::Folder& folder, std::string_view text) {
  std::vector<IndexToken> tokens;
  folder.ForEachToken(text, [&](const text::TokenView& t) {
    tokens.push_back({std::string(CutToken(t.folded)), std::string(CutToken(t.exact))});
    return 0;
  });
  return tokens;
}

// A tsvector or tsquery lexeme, quoted; quotes and backslashes doubled (none survive the
// tokenizer, but the quoting must not depend on that).
void AppendQuoted(std::string& out, std::string_view lexeme) {
  out += '\'';
  for (char c : lexeme) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  out += '\'';
}

// Does the index token match the query token (FTS5: the folded or the colocated accented one)?
bool TokenMatches(const IndexToken& t, const std::string& q, bool prefix) {
  if (!prefix) return t.folded == q || t.exact == q;
  return t.folded.starts_with(q) || t.exact.starts_with(q);
}

// Occurrences of `phrase` in `tokens`.
int CountPhrase(const std::vector<IndexToken>& tokens, const QueryPhrase& phrase) {
  const std::size_t n = phrase.tokens.size();
  if (n == 0 || tokens.size() < n) return 0;
  int hits = 0;
  for (std::size_t i = 0; i + n <= tokens.size(); ++i) {
    bool all = true;
    for (std::size_t k = 0; k < n && all; ++k) {
      all = TokenMatches(tokens[i + k], phrase.tokens[k], phrase.prefix && k + 1 == n);
    }
    if (all) ++hits;
  }
  return hits;
}

// "{1,2,3}" → {1, 2, 3}.
std::vector<std::int64_t> ParseIntArray(std::string_view text) {
  std::vector<std::int64_t> values;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '-' || (text[i] >= '0' && text[i] <= '9')) {
      std::int64_t v = 0;
      auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size(), v);
      values.push_back(ec == std::errc() ? v : 0);
      i = static_cast<std::size_t>(end - text.data());
      if (ec != std::errc()) ++i;
    } else {
      ++i;
    }
  }
  return values;
}

struct PendingTable {
  const char* select;  // id, then the columns, of rows without search words, ids above ?1
  const char* update;  // sets the words ?1 and sizes ?2 of row ?3
  int columns;
};

constexpr PendingTable kPendingTables[] = {
    {"SELECT id, doc_ref, issuer, subject, text FROM documents WHERE search_vector IS NULL "
     "AND id > ?1 ORDER BY id LIMIT ?2",
     "UPDATE documents SET search_vector = CAST(?1 AS tsvector), "
     "search_sizes = CAST(?2 AS bigint[]) WHERE id = ?3",
     4},
    {"SELECT id, assignee, action, deadline_text FROM tasks WHERE search_vector IS NULL "
     "AND id > ?1 ORDER BY id LIMIT ?2",
     "UPDATE tasks SET search_vector = CAST(?1 AS tsvector), "
     "search_sizes = CAST(?2 AS bigint[]) WHERE id = ?3",
     3},
};

Status IndexTable(Connection db, const text::Folder& folder, const PendingTable& table) {
  Result<Statement> select = Statement::Prepare(db, table.select);
  if (!select.ok()) return select.status();
  Result<Statement> update = Statement::Prepare(db, table.update);
  if (!update.ok()) return update.status();
  std::int64_t last = 0;
  for (;;) {
    select->Reset();
    CONGVAN_RETURN_IF_ERROR(select->BindInt64(1, last));
    CONGVAN_RETURN_IF_ERROR(select->BindInt64(2, kIndexBatch));
    // The whole batch is read before the updates run (libpq keeps the result).
    std::vector<std::pair<std::int64_t, std::vector<std::string>>> rows;
    for (;;) {
      Result<bool> row = select->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      std::vector<std::string> columns;
      for (int c = 0; c < table.columns; ++c) columns.push_back(select->ColumnText(c + 1));
      rows.emplace_back(select->ColumnInt64(0), std::move(columns));
    }
    if (rows.empty()) return Status::Ok();
    for (const auto& [id, columns] : rows) {
      std::vector<std::string_view> views(columns.begin(), columns.end());
      const SearchWords words = MakeSearchWords(folder, views);
      update->Reset();
      CONGVAN_RETURN_IF_ERROR(update->BindText(1, words.vector));
      CONGVAN_RETURN_IF_ERROR(update->BindText(2, words.sizes));
      CONGVAN_RETURN_IF_ERROR(update->BindInt64(3, id));
      CONGVAN_RETURN_IF_ERROR(update->Run());
      last = id;
    }
  }
}

}  // namespace

SearchWords MakeSearchWords(const text::Folder& folder, std::span<const std::string_view> columns) {
  // lexeme → positions with their weight letter, in order.
  std::map<std::string, std::vector<std::pair<int, char>>> lexemes;
  std::size_t lexeme_bytes = 0;
  auto add = [&](const std::string& lexeme, int position, char weight) {
    auto it = lexemes.find(lexeme);
    if (it == lexemes.end()) {
      if (lexeme_bytes + lexeme.size() > kMaxLexemeBytes) return;
      lexeme_bytes += lexeme.size();
      it = lexemes.emplace(lexeme, std::vector<std::pair<int, char>>()).first;
    }
    std::vector<std::pair<int, char>>& positions = it->second;
    if (positions.size() >= kMaxPositions) return;
    if (!positions.empty() && positions.back().first == position) return;  // clamped
    positions.emplace_back(position, weight);
  };
  SearchWords out;
  out.sizes.push_back('{');  // not `= "{"`, which GCC 12 falsely warns of (-Wrestrict)
  int position = 0;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const char weight = static_cast<char>('A' + std::min<std::size_t>(c, 3));
    ++position;  // a gap: no phrase spans two columns
    std::int64_t size = 0;
    folder.ForEachToken(columns[c], [&](const text::TokenView& t) {
      ++position;
      ++size;
      const int at = std::min(position, kMaxPosition);
      const std::string_view folded = CutToken(t.folded), exact = CutToken(t.exact);
      add(std::string(folded), at, weight);
      if (exact != folded) add(std::string(exact), at, weight);
      return 0;
    });
    if (c > 0) out.sizes += ',';
    out.sizes += std::to_string(size);
  }
  out.sizes += '}';
  for (const auto& [lexeme, positions] : lexemes) {
    if (!out.vector.empty()) out.vector += ' ';
    AppendQuoted(out.vector, lexeme);
    char separator = ':';
    for (const auto& [at, weight] : positions) {
      out.vector += separator;
      out.vector += std::to_string(at);
      out.vector += weight;
      separator = ',';
    }
  }
  return out;
}

std::string MakeTsQuery(const PhraseGroups& groups) {
  std::string query;
  for (const std::vector<QueryPhrase>& group : groups) {
    if (!query.empty()) query += " & ";
    query += '(';
    for (std::size_t p = 0; p < group.size(); ++p) {
      if (p > 0) query += " | ";
      const QueryPhrase& phrase = group[p];
      query += '(';
      for (std::size_t k = 0; k < phrase.tokens.size(); ++k) {
        if (k > 0) query += " <-> ";
        AppendQuoted(query, phrase.tokens[k]);
        std::string label;
        if (phrase.prefix && k + 1 == phrase.tokens.size()) label += '*';
        if (phrase.column >= 0) label += static_cast<char>('A' + std::min(phrase.column, 3));
        if (!label.empty()) query += ':' + label;
      }
      query += ')';
    }
    query += ')';
  }
  return query;
}

Status IndexPendingForSearch(Connection db, const text::Folder& folder) {
  for (const PendingTable& table : kPendingTables) {
    CONGVAN_RETURN_IF_ERROR(
        IndexTable(db, folder, table).WithContext("indexing letters and tasks for search"));
  }
  return Status::Ok();
}

Result<bool> HasPendingForSearch(Connection db) {
  Result<std::int64_t> pending = QueryInt64(
      db, "SELECT CASE WHEN EXISTS (SELECT 1 FROM documents WHERE search_vector IS NULL) OR "
          "EXISTS (SELECT 1 FROM tasks WHERE search_vector IS NULL) THEN 1 ELSE 0 END");
  if (!pending.ok()) return pending.status();
  return *pending != 0;
}

Result<SearchRanker> SearchRanker::Load(Connection db, const char* table,
                                        const text::Folder& folder, const PhraseGroups& groups,
                                        std::vector<double> weights) {
  Result<Statement> totals =
      Statement::Prepare(db, "SELECT rows, sizes FROM search_totals WHERE kind = ?1");
  if (!totals.ok()) return totals.status();
  CONGVAN_RETURN_IF_ERROR(totals->BindText(1, table));
  Result<bool> row = totals->Step();
  if (!row.ok()) return row.status();
  // As congvan_rank: the average length per column, at least 1, over at least one row.
  const std::int64_t rows = *row ? std::max<std::int64_t>(totals->ColumnInt64(0), 1) : 1;
  const std::vector<std::int64_t> sums =
      *row ? ParseIntArray(totals->ColumnText(1)) : std::vector<std::int64_t>();
  std::vector<double> averages;
  for (std::size_t c = 0; c < weights.size(); ++c) {
    const double total = c < sums.size() ? static_cast<double>(sums[c]) : 0;
    averages.push_back(std::max(1.0, total / static_cast<double>(rows)));
  }
  std::vector<QueryPhrase> phrases;
  for (const std::vector<QueryPhrase>& group : groups) {
    phrases.insert(phrases.end(), group.begin(), group.end());
  }
  return SearchRanker(folder, std::move(phrases), std::move(weights), std::move(averages));
}

double SearchRanker::Score(std::span<const std::string_view> columns) const {
  constexpr double kK1 = 1.2, kB = 0.75;  // as congvan_rank
  std::vector<std::vector<IndexToken>> tokens;
  for (std::string_view column : columns) tokens.push_back(Tokens(*folder_, column));
  const std::size_t count = std::min(columns.size(), weights_.size());
  double score = 0;
  for (const QueryPhrase& phrase : phrases_) {
    for (std::size_t c = 0; c < count; ++c) {
      if (phrase.column >= 0 && static_cast<std::size_t>(phrase.column) != c) continue;
      const int hits = CountPhrase(tokens[c], phrase);
      if (hits == 0) continue;
      const double tf = hits;
      const double size = static_cast<double>(tokens[c].size());
      score += weights_[c] * tf * (kK1 + 1) / (tf + kK1 * (1 - kB + kB * size / averages_[c]));
    }
  }
  return -score;
}

namespace {

// One lexeme of a row as ScoreIndexed() reads it: the word and where it stands, by column.
struct IndexedLexeme {
  std::string_view word;
  std::vector<std::pair<int, int>> places;  // (position, column)
};

// The column of `position` in a row of these column sizes: MakeSearchWords leaves one position
// of gap before each column. Positions clamped at kMaxPosition belong to the column that reaches
// it; -1 when none holds the position.
int ColumnOf(const std::vector<std::int64_t>& sizes, int position) {
  std::int64_t gap = 0;
  for (std::size_t c = 0; c < sizes.size(); ++c) {
    gap += 1;
    if (position > gap && (position <= gap + sizes[c] || gap + sizes[c] >= kMaxPosition)) {
      return static_cast<int>(c);
    }
    gap += sizes[c];
  }
  return -1;
}

// "'cao':22A,79A 'nang':21A" (a tsvector printed).
std::vector<IndexedLexeme> ParseIndexedLexemes(std::string_view text, const std::vector<std::int64_t>& sizes) {
  std::vector<IndexedLexeme> out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find(' ', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view item = text.substr(at, end - at);
    at = end + 1;
    const std::size_t colon = item.rfind(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    std::string_view word = item.substr(0, colon);
    if (word.size() >= 2 && word.front() == '\'' && word.back() == '\'') word = word.substr(1, word.size() - 2);
    IndexedLexeme lexeme{word, {}};
    for (std::int64_t position : ParseIntArray(item.substr(colon + 1))) {
      const int column = ColumnOf(sizes, static_cast<int>(position));
      if (column >= 0) lexeme.places.emplace_back(static_cast<int>(position), column);
    }
    out.push_back(std::move(lexeme));
  }
  return out;
}

bool WordMatches(std::string_view word, const std::string& q, bool prefix) {
  return prefix ? word.starts_with(q) : word == q;
}

// Occurrences of `phrase` in column `column`: positions p where its k-th token matches a
// lexeme at p + k (folded and accented forms share positions, so either may match).
int CountIndexedPhrase(const std::vector<IndexedLexeme>& lexemes, const QueryPhrase& phrase, int column) {
  const std::size_t n = phrase.tokens.size();
  if (n == 0) return 0;
  auto matches_at = [&](std::size_t k, int position) {
    for (const IndexedLexeme& l : lexemes) {
      if (!WordMatches(l.word, phrase.tokens[k], phrase.prefix && k + 1 == n)) continue;
      for (const auto& [p, c] : l.places) {
        if (p == position && c == column) return true;
      }
    }
    return false;
  };
  std::vector<int> starts;
  for (const IndexedLexeme& l : lexemes) {
    if (!WordMatches(l.word, phrase.tokens[0], phrase.prefix && n == 1)) continue;
    for (const auto& [p, c] : l.places) {
      if (c == column) starts.push_back(p);
    }
  }
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  int hits = 0;
  for (int start : starts) {
    bool all = true;
    for (std::size_t k = 1; k < n && all; ++k) all = matches_at(k, start + static_cast<int>(k));
    if (all) ++hits;
  }
  return hits;
}

// A text[] literal element: double-quoted, quotes and backslashes escaped.
void AppendArrayElement(std::string& out, std::string_view element) {
  if (out.size() > 1) out += ',';
  out += '"';
  for (char c : element) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

}  // namespace

double SearchRanker::ScoreIndexed(std::string_view sizes, std::string_view lexemes) const {
  constexpr double kK1 = 1.2, kB = 0.75;  // as congvan_rank
  const std::vector<std::int64_t> lengths = ParseIntArray(sizes);
  const std::vector<IndexedLexeme> words = ParseIndexedLexemes(lexemes, lengths);
  double score = 0;
  for (const QueryPhrase& phrase : phrases_) {
    for (std::size_t c = 0; c < weights_.size(); ++c) {
      if (phrase.column >= 0 && static_cast<std::size_t>(phrase.column) != c) continue;
      const int hits = CountIndexedPhrase(words, phrase, static_cast<int>(c));
      if (hits == 0) continue;
      const double tf = hits;
      const double size = c < lengths.size() ? static_cast<double>(lengths[c]) : 0;
      score += weights_[c] * tf * (kK1 + 1) / (tf + kK1 * (1 - kB + kB * size / averages_[c]));
    }
  }
  return -score;
}

std::string SearchRanker::WordsArray(bool prefixes) const {
  std::string out = "{";
  for (const QueryPhrase& phrase : phrases_) {
    for (std::size_t k = 0; k < phrase.tokens.size(); ++k) {
      const bool is_prefix = phrase.prefix && k + 1 == phrase.tokens.size();
      if (is_prefix != prefixes) continue;
      AppendArrayElement(out, is_prefix ? phrase.tokens[k] + "%" : phrase.tokens[k]);
    }
  }
  return out + "}";
}

}  // namespace congvan::registry
