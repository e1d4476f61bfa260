#include "registry/tokenizer.h"

#include <sqlite3.h>  // also declares the fts5_api extension interface

#include <memory>
#include <new>
#include <string>
#include <string_view>

#include "registry/vn_fold.h"

namespace congvan::registry {
namespace {

// Longer "words" are noise (base64, long digit runs); cutting them keeps the index small and
// bounds what a hostile query can ask the index to look up.
constexpr std::size_t kMaxTokenBytes = 64;

// One tokenizer instance, created by FTS5 per table per connection. It owns its fold table,
// so no state is shared between connections or threads.
struct Tokenizer {
  Folder folder;
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

std::string_view Cut(const std::string& token) {
  if (token.size() <= kMaxTokenBytes) return token;
  std::size_t n = kMaxTokenBytes;
  while (n > 0 && (static_cast<unsigned char>(token[n]) & 0xC0) == 0x80) --n;  // whole chars
  return std::string_view(token).substr(0, n);
}

// Documents get the folded token plus, when it differs, the exact one at the same position.
// Queries get the exact form only: the search layer asks for (folded OR exact) itself, which
// matches every spelling and lets bm25 reward the accented one.
int Tokenize(Fts5Tokenizer* tokenizer, void* ctx, int flags, const char* text, int size,
             int (*emit)(void*, int, const char*, int, int, int)) {
  try {
    const auto* self = reinterpret_cast<const Tokenizer*>(tokenizer);
    const bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
    for (const FoldedToken& t :
         self->folder.Tokenize(std::string_view(text, static_cast<std::size_t>(size)))) {
      const std::string_view folded = Cut(t.folded), exact = Cut(t.exact);
      const std::string_view first = query ? exact : folded;
      int rc = emit(ctx, 0, first.data(), static_cast<int>(first.size()), t.begin, t.end);
      if (rc == SQLITE_OK && !query && exact != folded) {
        rc = emit(ctx, FTS5_TOKEN_COLOCATED, exact.data(), static_cast<int>(exact.size()),
                  t.begin, t.end);
      }
      if (rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
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

// congvan_key(text) / congvan_ref_key(text). The Folder is the function's user data, freed by
// SQLite with the connection.
template <bool kRef>
void KeyFunction(sqlite3_context* ctx, int /*argc*/, sqlite3_value** argv) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  if (text == nullptr) {
    sqlite3_result_null(ctx);
    return;
  }
  try {
    const auto* folder = static_cast<const Folder*>(sqlite3_user_data(ctx));
    const std::string_view in(text, static_cast<std::size_t>(sqlite3_value_bytes(argv[0])));
    const std::string key = kRef ? folder->RefKey(in) : folder->Key(in);
    sqlite3_result_text64(ctx, key.data(), key.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  } catch (...) {
    sqlite3_result_error_nomem(ctx);
  }
}

void DeleteFolder(void* folder) { delete static_cast<Folder*>(folder); }

Status RegisterKeyFunction(sqlite3* db, const char* name, bool ref) {
  Folder* folder = new (std::nothrow) Folder();
  if (folder == nullptr) return Status::Internal("out of memory");
  // On failure sqlite3_create_function_v2 calls xDestroy itself, so no leak either way.
  const int rc = sqlite3_create_function_v2(
      db, name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, folder,
      ref ? KeyFunction<true> : KeyFunction<false>, nullptr, nullptr, DeleteFolder);
  if (rc != SQLITE_OK) return Status::Internal(std::string("registering ") + name);
  return Status::Ok();
}

}  // namespace

Status RegisterSqlExtensions(sqlite3* db) {
  Result<fts5_api*> api = Fts5Api(db);
  if (!api.ok()) return api.status();
  fts5_tokenizer tokenizer{Create, Delete, Tokenize};
  if ((*api)->xCreateTokenizer(*api, kTokenizerName, nullptr, &tokenizer, nullptr) !=
      SQLITE_OK) {
    return Status::Internal("registering the congvan FTS5 tokenizer failed");
  }
  CONGVAN_RETURN_IF_ERROR(RegisterKeyFunction(db, "congvan_key", false));
  return RegisterKeyFunction(db, "congvan_ref_key", true);
}

}  // namespace congvan::registry
