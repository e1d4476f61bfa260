#include "registry/search.h"

#include <sqlite3.h>

#include <algorithm>
#include <set>
#include <string_view>
#include <utility>

#include "base/pdf_signature.h"
#include "registry/statement.h"
#include "registry/task_sql.h"
#include "registry/tokenizer.h"
#include "text/dates.h"
#include "text/tokens.h"

namespace congvan::registry {
namespace {

// Terms beyond this many are dropped (and reported): each is an index lookup.
constexpr std::size_t kMaxTerms = 32;

// One whitespace-separated part of the query, with quotes resolved.
struct Part {
  std::string text;
  bool quoted = false;  // "…": a phrase
  std::string key;      // for key:value / key<value parts, the folded key
  std::string op;       // ":", "<", "<=", ">", ">=", "="
};

// Splits on spaces outside quotes. An unbalanced quote runs to the end (users forget the
// closing one; that is not worth an error).
std::vector<Part> SplitParts(std::string_view q) {
  std::vector<Part> parts;
  std::size_t i = 0;
  while (i < q.size()) {
    while (i < q.size() && (q[i] == ' ' || q[i] == '\t' || q[i] == '\n' || q[i] == '\r')) ++i;
    if (i >= q.size()) break;
    Part part;
    while (i < q.size() && !(q[i] == ' ' || q[i] == '\t' || q[i] == '\n' || q[i] == '\r')) {
      if (q[i] == '"') {
        // Only a part that starts with a quote is a phrase: don-vi:"Phòng Nội vụ" stays a
        // filter whose value had spaces.
        if (part.text.empty()) part.quoted = true;
        const std::size_t close = q.find('"', i + 1);
        const std::size_t end = close == std::string_view::npos ? q.size() : close;
        part.text += q.substr(i + 1, end - i - 1);
        i = close == std::string_view::npos ? q.size() : close + 1;
      } else {
        part.text += q[i++];
      }
    }
    parts.push_back(std::move(part));
  }
  return parts;
}

// Recognises "don-vi:…", "han<=…" etc. at the start of an unquoted part (the value may have
// been quoted: don-vi:"Phòng Nội vụ" arrives as one part).
bool SplitFilter(const text::Folder& folder, Part& part) {
  static constexpr std::string_view kOps[] = {"<=", ">=", ":", "<", ">", "="};
  const std::size_t at = part.text.find_first_of(":<>=");
  if (at == std::string::npos || at == 0) return false;
  std::string key = folder.Key(std::string_view(part.text).substr(0, at));
  for (char& c : key) {
    if (c == ' ') c = '-';
  }
  if (key != "don-vi" && key != "co-quan" && key != "so" && key != "han" && key != "trang-thai" &&
      key != "ky-so") {
    return false;
  }
  for (std::string_view op : kOps) {
    if (part.text.compare(at, op.size(), op) == 0) {
      part.key = key;
      part.op = op;
      part.text = part.text.substr(at + op.size());
      return true;
    }
  }
  return false;
}

Status ApplyDue(const std::string& op, const std::string& value, TaskFilter& f) {
  const std::optional<std::string> date = text::ReadTypedDate(value);
  if (!date) {
    return Status::InvalidInput("\"" + value + "\" không phải ngày; viết han<2023-07-01 hoặc "
                                "han<1/7/2023.");
  }
  const int days = DaysFromIso(*date);
  if (op == "<") f.due_max = IsoFromDays(days - 1);
  if (op == "<=") f.due_max = *date;
  if (op == ">") f.due_min = IsoFromDays(days + 1);
  if (op == ">=") f.due_min = *date;
  if (op == ":" || op == "=") f.due_min = f.due_max = *date;
  return Status::Ok();
}

// "hop-le", "hợp lệ", "Hop Le" → "hop-le"; the verdict names of base/pdf_signature.h.
Result<std::string> ParseSignatureVerdict(const text::Folder& folder, const std::string& value) {
  std::string key = folder.Key(value);
  for (char& c : key) {
    if (c == ' ') c = '-';
  }
  for (SignatureVerdict v : {SignatureVerdict::kValid, SignatureVerdict::kAltered,
                             SignatureVerdict::kAppended, SignatureVerdict::kUnreadable,
                             SignatureVerdict::kNone}) {
    if (key == SignatureVerdictName(v)) return key;
  }
  return Status::InvalidInput("ky-so: nhận hop-le, bi-thay-doi, them-sau-ky, loi hoặc khong-co, "
                              "không nhận \"" + value + "\".");
}

Status ApplyFilter(const text::Folder& folder, const Part& part, ParsedQuery& out) {
  if (part.text.empty()) {
    return Status::InvalidInput("Bộ lọc " + part.key + part.op + " chưa có giá trị.");
  }
  if (part.key != "han" && part.op != ":") {
    return Status::InvalidInput("Viết " + part.key + ":giá-trị (" + part.op + " chỉ dùng với han).");
  }
  TaskFilter& f = out.filter;
  if (part.key == "don-vi") {
    f.assignee = part.text;
    out.task_filters = true;
  } else if (part.key == "co-quan") {
    f.issuer = part.text;
  } else if (part.key == "so") {
    f.doc_ref = part.text;
  } else if (part.key == "ky-so") {
    Result<std::string> verdict = ParseSignatureVerdict(folder, part.text);
    if (!verdict.ok()) return verdict.status();
    f.signature = *verdict;
  } else if (part.key == "han") {
    CONGVAN_RETURN_IF_ERROR(ApplyDue(part.op, part.text, f));
    out.task_filters = true;
  } else {  // trang-thai
    Result<std::vector<TaskState>> states = ParseStates(part.text);
    if (!states.ok()) return states.status();
    f.states = *states;
    out.task_filters = true;
  }
  return Status::Ok();
}

// The FTS5 expression of one word or phrase: the folded form, OR the form with the marks as
// typed when it has any. Both match the same rows (every marked token is indexed with its
// folded twin), but rows with the marked form score on both terms, so congvan_rank (tokenizer.h)
// ranks them first.
std::string TermExpression(const std::vector<text::FoldedToken>& tokens, bool prefix) {
  std::string folded, exact;
  for (const text::FoldedToken& t : tokens) {
    if (!folded.empty()) {
      folded += ' ';
      exact += ' ';
    }
    folded += t.folded;
    exact += t.exact;
  }
  const std::string star = prefix ? "*" : "";
  // Tokens are letters, digits and marks only: nothing inside the quotes is FTS syntax.
  if (exact == folded) return "\"" + folded + "\"" + star;
  return "(\"" + folded + "\"" + star + " OR \"" + exact + "\"" + star + ")";
}

// The phrases of TermExpression as PostgreSQL's search takes them: tokens cut as FTS5's
// tokenizer cuts them, the accented phrase only when it differs.
std::vector<QueryPhrase> TermPhrases(const std::vector<text::FoldedToken>& tokens, bool prefix) {
  QueryPhrase folded{{}, prefix}, exact{{}, prefix};
  bool marked = false;  // compared before the cut, as TermExpression does
  for (const text::FoldedToken& t : tokens) {
    folded.tokens.emplace_back(CutToken(t.folded));
    exact.tokens.emplace_back(CutToken(t.exact));
    marked = marked || t.exact != t.folded;
  }
  std::vector<QueryPhrase> group{folded};
  if (marked) group.push_back(std::move(exact));
  return group;
}

Status AddTerm(const text::Folder& folder, const Part& part, ParsedQuery& out, std::size_t& terms) {
  std::string text = part.text;
  const bool prefix = !part.quoted && !text.empty() && text.back() == '*';
  std::vector<text::FoldedToken> tokens = folder.Tokenize(text);
  if (tokens.empty()) {
    out.ignored.push_back(part.text);
    return Status::Ok();
  }
  if (terms >= kMaxTerms) {
    out.ignored.push_back(part.text);
    return Status::Ok();
  }
  if (prefix && tokens.size() == 1 && tokens[0].folded.size() < 2) {
    // "đ*" would expand to every word starting with d: too slow to be worth running.
    out.ignored.push_back(part.text + " (a prefix needs at least 2 letters)");
    return Status::Ok();
  }
  ++terms;
  // An unquoted part with punctuation inside ("67-KH/HU", "NEAR(x") is searched as the phrase
  // of its tokens, which is what such a string means in a letter.
  if (!out.match.empty()) out.match += " AND ";
  out.match += TermExpression(tokens, prefix);
  out.phrases.push_back(TermPhrases(tokens, prefix));
  SnippetTerm term{{}, prefix};
  for (const text::FoldedToken& t : tokens) term.folded.push_back(t.folded);
  out.terms.push_back(std::move(term));
  return Status::Ok();
}

}  // namespace

Result<ParsedQuery> ParseQuery(const text::Folder& folder, const std::string& query) {
  if (query.size() > kMaxQueryBytes) {
    return Status::InvalidInput("Nội dung tìm dài " + std::to_string(query.size()) +
                                " byte; tối đa " + std::to_string(kMaxQueryBytes) +
                                " byte — hãy rút gọn, chỉ giữ những từ cần tìm.");
  }
  ParsedQuery out;
  std::size_t terms = 0;
  for (Part& part : SplitParts(query)) {
    if (!part.quoted && SplitFilter(folder, part)) {
      CONGVAN_RETURN_IF_ERROR(ApplyFilter(folder, part, out));
      continue;
    }
    CONGVAN_RETURN_IF_ERROR(AddTerm(folder, part, out, terms));
  }
  const TaskFilter& f = out.filter;
  if (out.match.empty() && !out.task_filters && f.issuer.empty() && f.doc_ref.empty() &&
      f.signature.empty()) {
    return Status::InvalidInput("Không có gì để tìm: nhập từ (chữ hoặc số), \"cụm từ\", "
                                "hoặc bộ lọc như don-vi:, co-quan:, so:, han<, trang-thai:, "
                                "ky-so:.");
  }
  return out;
}

namespace {

// Ranking needs every match scored before the best is known, which for a word in most letters
// ("cải cách") means scoring the whole registry. Ranking the newest kRankWindow matches instead
// keeps search time bounded by the window, not the registry; FTS5 yields matches in rowid
// (registration) order, so the window is found without scoring the rest. The window holds only
// ids and scores: the letters are read for the `limit` best alone. Scoring is most of a word
// query's time (a position list and a row size per match): 2,000 cost 25-35 ms CPU per query at
// 100,000 letters, 500 cost 8-10 ms (bench/registry_scale.cc).
constexpr std::int64_t kRankWindow = 500;

// Snippets come from the stored text (snippet.h), only for the hits shown, at most this many
// tokens long, as FTS5's snippet() did.
constexpr int kSnippetTokens = 16;

// Appends "WITH best AS (…)": the `limit` best (id, score) of the newest kRankWindow rows of
// `table` (aliased f) matching `match`; `scoring` is the congvan_rank call, `join` what the
// conditions appended by `append_conditions` need besides f. The join is a CROSS JOIN so
// SQLite keeps the full-text table as the outer loop, in rowid order.
template <typename Conditions>
Status AppendBestMatches(SqlBuilder& q, const char* table, const char* scoring,
                         const std::string& match, int limit, const char* join,
                         Conditions append_conditions) {
  const std::string t = table;
  q.Append("WITH recent AS MATERIALIZED (SELECT f.rowid AS id, " + std::string(scoring) +
           " AS score FROM " + t + " f" + join + " WHERE " + t + " MATCH " + q.Param(match));
  CONGVAN_RETURN_IF_ERROR(append_conditions());
  q.Append(" ORDER BY f.rowid DESC LIMIT " + q.Param(kRankWindow) +
           "), best AS MATERIALIZED (SELECT id, score FROM recent ORDER BY score, id DESC "
           "LIMIT " + q.Param(std::int64_t{limit}) + ") ");
  return Status::Ok();
}

// Appends " AND <id column> IN (…)" for the filters a letter must pass: its number, and at least
// one task passing the task filters (uncorrelated subqueries, evaluated once). `id_column` may be
// "+f.rowid": the unary plus keeps SQLite from feeding every id of the subquery to FTS5 as a
// separate rowid lookup.
Status AppendDocumentFilters(SqlBuilder& q, const text::Folder& folder, const ParsedQuery& pq,
                             const std::string& id_column, TimePoint now) {
  if (!pq.filter.doc_ref.empty()) {
    q.Append(" AND " + id_column + " IN (SELECT d.id FROM documents d WHERE true");
    CONGVAN_RETURN_IF_ERROR(AppendRefCondition(q, folder, pq.filter.doc_ref));
    q.Append(")");
  }
  if (!pq.filter.signature.empty()) {
    q.Append(" AND " + id_column + " IN (SELECT d.id FROM documents d WHERE d.signature_status = " +
             q.Param(pq.filter.signature) + ")");
  }
  if (pq.task_filters) {
    TaskFilter task_only = pq.filter;
    task_only.issuer.clear();
    task_only.doc_ref.clear();
    task_only.signature.clear();
    q.Append(" AND " + id_column + " IN (SELECT t.document_id FROM tasks t WHERE true");
    CONGVAN_RETURN_IF_ERROR(AppendTaskConditions(q, folder, task_only, now));
    q.Append(")");
  }
  return Status::Ok();
}

// A DocumentHit's columns up to the path; the queries append the text its snippet is cut from
// (the body when there are words, else the subject) and the score.
constexpr const char kDocumentHitColumns[] =
    "d.id, d.doc_ref, d.doc_type, d.issuer, d.date, d.subject, d.path";

// A DocumentHit from kDocumentHitColumns, then the snippet's source (taken as the snippet
// itself here) and the score.
DocumentHit ReadDocumentHit(const Statement& stmt) {
  DocumentHit h;
  h.id = stmt.ColumnInt64(0);
  h.doc_ref = stmt.ColumnText(1);
  h.doc_type = stmt.ColumnText(2);
  h.issuer = stmt.ColumnText(3);
  h.date = stmt.ColumnText(4);
  h.subject = stmt.ColumnText(5);
  h.path = stmt.ColumnText(6);
  h.snippet = stmt.ColumnText(7);
  h.score = stmt.ColumnDouble(8);
  return h;
}

// Without words or a number: the letters of the tasks passing the filters, in the task list's
// order (the letter with the earliest such deadline first), so the two halves of the results
// agree. Walking the tasks in deadline order through their indexes stops after `limit` letters;
// "the newest letters with a passing task" needed the whole set of passing tasks first (a
// quarter of a 1,000,000-task registry for han<2021-06-01).
Result<std::vector<DocumentHit>> LettersOfFilteredTasks(const Registry& registry,
                                                        const ParsedQuery& pq, TimePoint now,
                                                        int limit) {
  SqlBuilder q(registry.db());
  q.Append("SELECT t.document_id FROM tasks t WHERE true");
  CONGVAN_RETURN_IF_ERROR(AppendTaskConditions(q, registry.folder(), pq.filter, now));
  q.Append(" ORDER BY t.due_at, t.document_id, t.position");
  Result<Statement> tasks = q.Prepare(registry.db());
  if (!tasks.ok()) return tasks.status();
  Result<Statement> letter = Statement::Prepare(
      registry.db(), std::string("SELECT ") + kDocumentHitColumns +
                                 ", d.subject, 0 FROM documents d WHERE d.id = ?1");
  if (!letter.ok()) return letter.status();
  std::vector<DocumentHit> hits;
  std::set<std::int64_t> seen;
  while (hits.size() < static_cast<std::size_t>(limit)) {
    Result<bool> row = tasks->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const std::int64_t id = tasks->ColumnInt64(0);
    if (!seen.insert(id).second) continue;
    letter->Reset();
    CONGVAN_RETURN_IF_ERROR(letter->BindInt64(1, id));
    Result<bool> found = letter->Step();
    if (!found.ok()) return found.status();
    if (*found) hits.push_back(ReadDocumentHit(*letter));
  }
  return hits;
}

// A hit and what it is ranked by, on PostgreSQL.
template <typename Hit>
struct Candidate {
  std::int64_t id = 0;
  double score = 0;
  Hit hit;
};

// The order of AppendBestMatches: best score first, then the newest.
// A letter hit read with its whole text in `snippet` (the query's column 7): the snippet of its
// number, issuer, subject and text around the matched words.
void SnippetFromText(const text::Folder& folder, std::span<const SnippetTerm> terms, DocumentHit& h) {
  const std::string body = std::move(h.snippet);
  const std::string_view fields[] = {h.doc_ref, h.issuer, h.subject, body};
  h.snippet = MakeSnippet(folder, fields, terms, kSnippetTokens);
}

// Runs `stmt`, whose one parameter ?1 is an id, for `id`: true when a row came back.
Result<bool> StepForId(Statement& stmt, std::int64_t id) {
  stmt.Reset();
  CONGVAN_RETURN_IF_ERROR(stmt.BindInt64(1, id));
  return stmt.Step();
}

template <typename Hit>
void KeepBest(std::vector<Candidate<Hit>>& candidates, int limit) {
  std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
    return a.score != b.score ? a.score < b.score : a.id > b.id;
  });
  if (candidates.size() > static_cast<std::size_t>(limit)) candidates.resize(limit);
}

// SearchDocuments' ranked half on PostgreSQL: the newest kRankWindow letters whose words
// match (the GIN index on search_vector) and pass the filters, scored by congvan_rank in C++
// (search_postgres.h), the `limit` best kept. Scores and order are SQLite's.
Result<std::vector<DocumentHit>> RankedDocumentsPostgres(const Registry& registry,
                                                         const ParsedQuery& pq,
                                                         const PhraseGroups& phrases,
                                                         std::span<const SnippetTerm> terms,
                                                         TimePoint now, int limit) {
  const text::Folder& folder = registry.folder();
  Result<SearchRanker> ranker =
      SearchRanker::Load(registry.db(), "documents", folder, phrases, {8.0, 2.0, 4.0, 1.0});
  if (!ranker.ok()) return ranker.status();
  // The candidates are scored from the positions their tsvector holds for the query's words,
  // not from their text: reading and cutting up to kRankWindow whole letters into words was
  // most of a search's time. Only the letters kept are read whole, for their snippets.
  SqlBuilder q(registry.db());
  q.Append("SELECT d.id, d.search_sizes, " +
           ranker->IndexedLexemesSql("d.search_vector", [&](std::string v) { return q.Param(std::move(v)); }) +
           " FROM documents d WHERE d.search_vector @@ CAST(" + q.Param(MakeTsQuery(phrases)) + " AS tsquery)");
  CONGVAN_RETURN_IF_ERROR(AppendDocumentFilters(q, folder, pq, "d.id", now));
  q.Append(" ORDER BY d.id DESC LIMIT " + q.Param(kRankWindow));
  Result<Statement> stmt = q.Prepare(registry.db());
  if (!stmt.ok()) return stmt.status();
  std::vector<Candidate<int>> candidates;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    candidates.push_back({stmt->ColumnInt64(0), ranker->ScoreIndexed(stmt->ColumnText(1), stmt->ColumnText(2)), 0});
  }
  KeepBest(candidates, limit);
  Result<Statement> letter = Statement::Prepare(
      registry.db(), std::string("SELECT ") + kDocumentHitColumns + ", d.text, 0 FROM documents d WHERE d.id = ?1");
  if (!letter.ok()) return letter.status();
  std::vector<DocumentHit> hits;
  for (const Candidate<int>& c : candidates) {
    Result<bool> found = StepForId(*letter, c.id);
    if (!found.ok()) return found.status();
    if (!*found) continue;
    DocumentHit h = ReadDocumentHit(*letter);  // the snippet holds the body until cut here
    h.score = c.score;
    SnippetFromText(folder, terms, h);
    hits.push_back(std::move(h));
  }
  return hits;
}

// SearchTasks' ranked half on PostgreSQL, as RankedDocumentsPostgres; the `limit` best tasks
// are then read with their letters.
Result<std::vector<TaskHit>> RankedTasksPostgres(const Registry& registry, const ParsedQuery& pq,
                                                 TimePoint now, int limit) {
  const text::Folder& folder = registry.folder();
  Result<SearchRanker> ranker =
      SearchRanker::Load(registry.db(), "tasks", folder, pq.phrases, {3.0, 1.0, 1.0});
  if (!ranker.ok()) return ranker.status();
  SqlBuilder q(registry.db());
  q.Append("SELECT t.id, t.assignee, t.action, t.deadline_text FROM tasks t "
           "WHERE t.search_vector @@ CAST(" + q.Param(MakeTsQuery(pq.phrases)) + " AS tsquery)");
  CONGVAN_RETURN_IF_ERROR(AppendTaskConditions(q, folder, pq.filter, now));
  q.Append(" ORDER BY t.id DESC LIMIT " + q.Param(kRankWindow));
  Result<Statement> stmt = q.Prepare(registry.db());
  if (!stmt.ok()) return stmt.status();
  std::vector<Candidate<int>> candidates;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const std::string assignee = stmt->ColumnText(1), action = stmt->ColumnText(2),
                      deadline = stmt->ColumnText(3);
    const std::string_view fields[] = {assignee, action, deadline};
    candidates.push_back({stmt->ColumnInt64(0), ranker->Score(fields), 0});
  }
  KeepBest(candidates, limit);
  Result<Statement> view = Statement::Prepare(
      registry.db(), std::string("SELECT ") + kTaskViewColumns +
                         " FROM tasks t JOIN documents d ON d.id = t.document_id WHERE t.id = ?1");
  if (!view.ok()) return view.status();
  std::vector<TaskHit> hits;
  for (const Candidate<int>& c : candidates) {
    Result<bool> found = StepForId(*view, c.id);
    if (!found.ok()) return found.status();
    if (!*found) continue;
    TaskHit h;
    h.view = ReadTaskView(*view, now);
    h.score = c.score;
    const TaskRecord& t = h.view.task;
    const std::string_view fields[] = {t.assignee, t.action, t.deadline_text};
    h.snippet = MakeSnippet(folder, fields, pq.terms, kSnippetTokens);
    hits.push_back(std::move(h));
  }
  return hits;
}

// Documents whose words match, filtered; ranked by congvan_rank with the number and subject
// weighted above the body. Without words: LettersOfFilteredTasks, or with a number the newest of
// its letters passing the filters.
Result<std::vector<DocumentHit>> SearchDocuments(const Registry& registry, const ParsedQuery& pq,
                                                 TimePoint now, int limit) {
  const text::Folder& folder = registry.folder();
  SqlBuilder q(registry.db());
  std::string match = pq.match;
  std::vector<SnippetTerm> terms = pq.terms;
  PhraseGroups phrases = pq.phrases;
  if (!pq.filter.issuer.empty()) {
    const std::string issuer = ColumnPhrase(folder, "issuer", pq.filter.issuer);
    if (issuer.empty()) return Status::InvalidInput("Bộ lọc co-quan: không có từ nào.");
    match = match.empty() ? issuer : "(" + match + ") AND " + issuer;
    SnippetTerm issuer_term;
    for (const text::FoldedToken& t : folder.Tokenize(pq.filter.issuer)) {
      issuer_term.folded.push_back(t.folded);
    }
    terms.push_back(std::move(issuer_term));
    // The phrase FTS5 reads from ColumnPhrase: the key's tokens, in the issuer column (1).
    QueryPhrase in_issuer{{}, false, 1};
    for (const text::FoldedToken& t : folder.Tokenize(folder.Key(pq.filter.issuer))) {
      in_issuer.tokens.emplace_back(CutToken(t.exact));
    }
    phrases.push_back({std::move(in_issuer)});
  }
  const bool fts = !match.empty();
  if (!fts && pq.filter.doc_ref.empty() && (pq.filter.signature.empty() || pq.task_filters)) {
    return LettersOfFilteredTasks(registry, pq, now, limit);
  }
  if (fts && registry.is_postgres()) {
    return RankedDocumentsPostgres(registry, pq, phrases, terms, now, limit);
  }
  if (fts) {
    CONGVAN_RETURN_IF_ERROR(AppendBestMatches(
        q, "documents_fts", "congvan_rank(documents_fts, 8.0, 2.0, 4.0, 1.0)", match, limit, "",
        [&] { return AppendDocumentFilters(q, folder, pq, "+f.rowid", now); }));
    q.Append(std::string("SELECT ") + kDocumentHitColumns +
             ", d.text, b.score FROM best b JOIN documents d ON d.id = b.id "
             "ORDER BY b.score, b.id DESC");
  } else {
    // The number through its index (a few letters), or the letters with that signature verdict,
    // newest first, checked against the task filters.
    q.Append(std::string("SELECT ") + kDocumentHitColumns +
             ", d.subject, 0 FROM documents d WHERE true");
    if (!pq.filter.doc_ref.empty()) {
      CONGVAN_RETURN_IF_ERROR(AppendRefCondition(q, folder, pq.filter.doc_ref));
    }
    if (!pq.filter.signature.empty()) {
      q.Append(" AND d.signature_status = " + q.Param(pq.filter.signature));
    }
    ParsedQuery tasks_only = pq;
    tasks_only.filter.doc_ref.clear();
    tasks_only.filter.signature.clear();
    CONGVAN_RETURN_IF_ERROR(AppendDocumentFilters(q, folder, tasks_only, q.Unindexed("d.id"), now));
    q.Append(" ORDER BY d.date DESC, d.id DESC LIMIT " + q.Param(std::int64_t{limit}));
  }
  Result<Statement> stmt = q.Prepare(registry.db());
  if (!stmt.ok()) return stmt.status();
  std::vector<DocumentHit> hits;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    DocumentHit h = ReadDocumentHit(*stmt);
    if (fts) SnippetFromText(folder, terms, h);
    hits.push_back(std::move(h));
  }
  return hits;
}

// Tasks whose assignee, action or deadline words match, filtered; ranked like the documents.
// Without words: the tasks passing the filters by deadline, as in the task list.
Result<std::vector<TaskHit>> SearchTasks(const Registry& registry, const ParsedQuery& pq,
                                         TimePoint now, int limit) {
  const bool fts = !pq.match.empty();
  if (fts && registry.is_postgres()) return RankedTasksPostgres(registry, pq, now, limit);
  SqlBuilder q(registry.db());
  if (fts) {
    CONGVAN_RETURN_IF_ERROR(AppendBestMatches(
        q, "tasks_fts", "congvan_rank(tasks_fts, 3.0, 1.0, 1.0)", pq.match, limit,
        HasConditions(pq.filter) ? " CROSS JOIN tasks t ON t.id = f.rowid" : "",
        [&] { return AppendTaskConditions(q, registry.folder(), pq.filter, now); }));
    q.Append(std::string("SELECT ") + kTaskViewColumns + ", t.action, b.score FROM best b "
             "JOIN tasks t ON t.id = b.id JOIN documents d ON d.id = t.document_id "
             "ORDER BY b.score, b.id DESC");
  } else {
    q.Append(std::string("SELECT ") + kTaskViewColumns +
             ", t.action, 0 FROM (SELECT t.id FROM tasks t WHERE true");
    CONGVAN_RETURN_IF_ERROR(AppendTaskConditions(q, registry.folder(), pq.filter, now));
    q.Append(" ORDER BY t.due_at, t.document_id, t.position LIMIT " +
             q.Param(std::int64_t{limit}) +
             ") AS picked JOIN tasks t ON t.id = picked.id JOIN documents d ON "
             "d.id = t.document_id ORDER BY t.due_at, t.document_id, t.position");
  }
  Result<Statement> stmt = q.Prepare(registry.db());
  if (!stmt.ok()) return stmt.status();
  std::vector<TaskHit> hits;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    TaskHit h;
    h.view = ReadTaskView(*stmt, now);
    h.snippet = stmt->ColumnText(kTaskViewColumnCount);
    h.score = stmt->ColumnDouble(kTaskViewColumnCount + 1);
    if (fts) {
      const TaskRecord& t = h.view.task;
      const std::string_view fields[] = {t.assignee, t.action, t.deadline_text};
      h.snippet = MakeSnippet(registry.folder(), fields, pq.terms, kSnippetTokens);
    }
    hits.push_back(std::move(h));
  }
  return hits;
}

}  // namespace

Result<SearchResults> Search(const Registry& registry, const std::string& query, TimePoint now,
                             const SearchOptions& options) {
  if (options.limit <= 0) return Status::InvalidInput("the search limit must be positive");
  Result<ParsedQuery> pq = ParseQuery(registry.folder(), query);
  if (!pq.ok()) return pq.status();
  // One read transaction: documents and tasks from the same snapshot.
  Result<Transaction> tx = Transaction::Begin(registry.db(), Transaction::Mode::kDeferred);
  if (!tx.ok()) return tx.status();
  SearchResults results;
  results.ignored = pq->ignored;
  Result<std::vector<DocumentHit>> docs = SearchDocuments(registry, *pq, now, options.limit);
  if (!docs.ok()) return docs.status().WithContext("searching letters");
  results.documents = std::move(*docs);
  Result<std::vector<TaskHit>> tasks = SearchTasks(registry, *pq, now, options.limit);
  if (!tasks.ok()) return tasks.status().WithContext("searching tasks");
  results.tasks = std::move(*tasks);
  CONGVAN_RETURN_IF_ERROR(tx->Commit());
  return results;
}

}  // namespace congvan::registry
