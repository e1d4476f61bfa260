#include "registry/tokenizer.h"

#include <sqlite3.h>  // also declares the fts5_api extension interface

#include <algorithm>
#include <memory>
#include <new>
#include <string>
#include <string_view>

#include "text/tokens.h"

namespace congvan::registry {
namespace {

// One tokenizer instance, created by FTS5 per table per connection. It owns its fold table,
// so no state is shared between connections or threads.
struct Tokenizer {
  text::Folder folder;
};

int Create(void* /*user_data*/, const char** /*args*/, int /*nargs*/, Fts5Tokenizer** out) {
  // No exception may cross into SQLite's C frames.
  try {
    *out = reinterpret_cast<Fts5Tokenizer*>(new Tokenizer());
    return SQLITE_OK;
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

void Delete(Fts5Tokenizer* tokenizer) { delete reinterpret_cast<Tokenizer*>(tokenizer); }

// Documents get the folded token plus, when it differs, the exact one at the same position.
// Queries get the exact form only: the search layer asks for (folded OR exact) itself, which
// matches every spelling and lets bm25 reward the accented one.
int Tokenize(Fts5Tokenizer* tokenizer, void* ctx, int flags, const char* text, int size,
             int (*emit)(void*, int, const char*, int, int, int)) {
  try {
    const auto* self = reinterpret_cast<const Tokenizer*>(tokenizer);
    const bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
    const std::string_view all(text, static_cast<std::size_t>(size));
    // Streamed: no vector of tokens for a whole letter (SQLITE_OK is 0, so the first error
    // stops the walk and is returned).
    return self->folder.ForEachToken(all, [&](const text::TokenView& t) {
      const std::string_view folded = CutToken(t.folded), exact = CutToken(t.exact);
      const std::string_view first = query ? exact : folded;
      int rc = emit(ctx, 0, first.data(), static_cast<int>(first.size()), t.begin, t.end);
      if (rc == SQLITE_OK && !query && exact != folded) {
        rc = emit(ctx, FTS5_TOKEN_COLOCATED, exact.data(), static_cast<int>(exact.size()),
                  t.begin, t.end);
      }
      return rc;
    });
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

// The fts5_api of this connection, obtained the documented way: SELECT fts5(?1) with a
// pointer bound under the type "fts5_api_ptr".
Result<fts5_api*> Fts5Api(sqlite3* db) {
  struct Finalizer { void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); } };
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &raw, nullptr) != SQLITE_OK) {
    sqlite3_finalize(raw);
    return Status::Unsupported(std::string("this SQLite has no FTS5: ") + sqlite3_errmsg(db));
  }
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt(raw);
  fts5_api* api = nullptr;
  sqlite3_bind_pointer(stmt.get(), 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(stmt.get());
  if (api == nullptr || api->iVersion < 2) {
    return Status::Unsupported("this SQLite's FTS5 API is too old for congvan's tokenizer");
  }
  return api;
}

// congvan_rank(table, weight of column 0, weight of column 1, ...): bm25's term-frequency and
// length-normalisation part, without its inverse document frequency. bm25 learns each phrase's
// document frequency by scanning the phrase's whole posting list on every query, which at
// 100,000 letters costs more than the rest of the search together; this reads only the row's
// own hits. Every word of a query must occur anyway (AND), so IDF mostly reweighted words
// against each other; what ranks accented text first survives: a row with the accented form
// also scores the colocated exact-form phrase. Lower is better, like bm25().
void RankFunction(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc,
                  sqlite3_value** argv) {
  constexpr double kK1 = 1.2, kB = 0.75;  // bm25's usual constants
  constexpr int kMaxColumns = 16;
  const int columns = std::min(api->xColumnCount(fts), kMaxColumns);
  double weight[kMaxColumns], average[kMaxColumns];
  int size[kMaxColumns], hits[kMaxColumns];
  sqlite3_int64 rows = 0;
  if (api->xRowCount(fts, &rows) != SQLITE_OK || rows <= 0) rows = 1;
  for (int c = 0; c < columns; ++c) {
    weight[c] = c < argc ? sqlite3_value_double(argv[c]) : 1.0;
    sqlite3_int64 total = 0;
    api->xColumnTotalSize(fts, c, &total);
    average[c] = std::max(1.0, static_cast<double>(total) / static_cast<double>(rows));
    size[c] = -1;  // read on first use: most columns have no hit
  }
  double score = 0;
  for (int p = 0; p < api->xPhraseCount(fts); ++p) {
    std::fill(hits, hits + columns, 0);
    Fts5PhraseIter it;
    int column = 0, offset = 0;
    int rc = api->xPhraseFirst(fts, p, &it, &column, &offset);
    if (rc != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
    for (; column >= 0; api->xPhraseNext(fts, &it, &column, &offset)) {
      if (column < columns) ++hits[column];
    }
    for (int c = 0; c < columns; ++c) {
      if (hits[c] == 0) continue;
      if (size[c] < 0 && api->xColumnSize(fts, c, &size[c]) != SQLITE_OK) size[c] = 0;
      const double tf = hits[c];
      score += weight[c] * tf * (kK1 + 1) / (tf + kK1 * (1 - kB + kB * size[c] / average[c]));
    }
  }
  sqlite3_result_double(ctx, -score);
}

// congvan_key(text) / congvan_ref_key(text). The text::Folder is the function's user data, freed by
// SQLite with the connection.
template <bool kRef>
void KeyFunction(sqlite3_context* ctx, int /*argc*/, sqlite3_value** argv) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  if (text == nullptr) {
    sqlite3_result_null(ctx);
    return;
  }
  try {
    const auto* folder = static_cast<const text::Folder*>(sqlite3_user_data(ctx));
    const std::string_view in(text, static_cast<std::size_t>(sqlite3_value_bytes(argv[0])));
    const std::string key = kRef ? folder->RefKey(in) : folder->Key(in);
    sqlite3_result_text64(ctx, key.data(), key.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  } catch (...) {
    sqlite3_result_error_nomem(ctx);
  }
}

void DeleteFolder(void* folder) { delete static_cast<text::Folder*>(folder); }

Status RegisterKeyFunction(sqlite3* db, const char* name, bool ref) {
  text::Folder* folder = new (std::nothrow) text::Folder();
  if (folder == nullptr) return Status::Internal("out of memory");
  // On failure sqlite3_create_function_v2 calls xDestroy itself, so no leak either way.
  const int rc = sqlite3_create_function_v2(
      db, name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, folder,
      ref ? KeyFunction<true> : KeyFunction<false>, nullptr, nullptr, DeleteFolder);
  if (rc != SQLITE_OK) return Status::Internal(std::string("registering ") + name);
  return Status::Ok();
}

}  // namespace

std::string_view CutToken(std::string_view token) {
  if (token.size() <= kMaxTokenBytes) return token;
  std::size_t n = kMaxTokenBytes;
  while (n > 0 && (static_cast<unsigned char>(token[n]) & 0xC0) == 0x80) --n;  // whole chars
  return token.substr(0, n);
}

Status RegisterSqlExtensions(sqlite3* db) {
  Result<fts5_api*> api = Fts5Api(db);
  if (!api.ok()) return api.status();
  fts5_tokenizer tokenizer{Create, Delete, Tokenize};
  if ((*api)->xCreateTokenizer(*api, kTokenizerName, nullptr, &tokenizer, nullptr) !=
      SQLITE_OK) {
    return Status::Internal("registering the congvan FTS5 tokenizer failed");
  }
  if ((*api)->xCreateFunction(*api, kRankFunctionName, nullptr, RankFunction, nullptr) !=
      SQLITE_OK) {
    return Status::Internal("registering the congvan_rank FTS5 function failed");
  }
  CONGVAN_RETURN_IF_ERROR(RegisterKeyFunction(db, "congvan_key", false));
  return RegisterKeyFunction(db, "congvan_ref_key", true);
}

}  // namespace congvan::registry
