// The SQLite extensions the registry's schema relies on, registered per connection:
//  - the FTS5 tokenizer "congvan": tokens folded for Vietnamese (case, every mark, đ→d), with
//    the exact accented form indexed at the same position (FTS5_TOKEN_COLOCATED) so an accented
//    query can rank accented text first; offsets point into the original text, so snippet()
//    and highlight() show the accented words as written;
//  - the FTS5 ranking function congvan_rank(table, column weights...): bm25 without the
//    corpus-wide document frequencies, so ranking costs only the rows ranked (search.cc);
//  - SQL functions congvan_key(text) and congvan_ref_key(text) (text::Folder::Key / RefKey), used
//    by migrations to fill key columns of rows written before they existed.
// Every connection that writes documents or tasks must call this first: the FTS tables are
// kept in step by triggers, which need the tokenizer.
#ifndef CONGVAN_REGISTRY_TOKENIZER_H_
#define CONGVAN_REGISTRY_TOKENIZER_H_

#include <cstddef>
#include <string_view>

#include "base/status.h"

struct sqlite3;

namespace congvan::registry {

// The tokenizer's name in `tokenize='congvan'`.
inline constexpr char kTokenizerName[] = "congvan";

// The ranking function's name: `congvan_rank(documents_fts, 8.0, 2.0, 4.0, 1.0)`.
inline constexpr char kRankFunctionName[] = "congvan_rank";

// Longer tokens are cut to this many bytes (whole characters) in the index and in queries:
// longer "words" are noise (base64, long digit runs), and cutting them bounds what a hostile
// query can ask the index to look up. The PostgreSQL search cuts alike (search_postgres.h).
inline constexpr std::size_t kMaxTokenBytes = 64;
std::string_view CutToken(std::string_view token);

// Registers the tokenizer and the functions on `db`. Fails when SQLite lacks FTS5.
Status RegisterSqlExtensions(sqlite3* db);

}  // namespace congvan::registry

#endif  // CONGVAN_REGISTRY_TOKENIZER_H_
