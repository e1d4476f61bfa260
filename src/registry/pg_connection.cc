#include "registry/pg_connection.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <utility>

namespace congvan::registry {
namespace {

// The first line of a libpq or server message, without its severity prefix and with runs of
// spaces collapsed: libpq writes "FATAL:  password authentication failed…\n\tHint…", the
// registry reports one line.
std::string OneLine(const char* message) {
  std::string line = message != nullptr ? message : "";
  if (const std::size_t end = line.find('\n'); end != std::string::npos) line.resize(end);
  for (const char* prefix : {"ERROR:  ", "FATAL:  "}) {
    if (line.rfind(prefix, 0) == 0) line.erase(0, std::string_view(prefix).size());
  }
  std::string out;
  for (char c : line) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c == '\t' ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out.empty() ? "unknown PostgreSQL error" : out;
}

// Chooses the Status code a user can act on from the SQLSTATE's class (its first two
// characters), as statement.cc does from SQLite's result codes.
Code CodeFor(const char* sqlstate) {
  const std::string_view s = sqlstate != nullptr ? sqlstate : "";
  const std::string_view cls = s.substr(0, 2);
  if (cls == "22" || cls == "23") return Code::kInvalidInput;  // data exception, constraint
  // connection, resources, serialization failure or deadlock, operator intervention, system
  if (cls == "08" || cls == "53" || cls == "40" || cls == "57" || cls == "58") {
    return Code::kIoError;
  }
  if (cls == "28") return Code::kIoError;  // invalid authorization
  return Code::kInternal;
}

}  // namespace

bool IsPostgresUri(std::string_view db) {
  return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

std::string RedactedUri(std::string_view uri) {
  // postgresql://user:password@host… — the password lies between the first ':' after the
  // scheme and the '@' that ends the user part.
  const std::size_t scheme = uri.find("://");
  if (scheme == std::string_view::npos) return std::string(uri);
  const std::size_t start = scheme + 3;
  const std::size_t at = uri.find('@', start);
  const std::size_t slash = uri.find('/', start);
  if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at)) {
    return std::string(uri);
  }
  const std::size_t colon = uri.find(':', start);
  if (colon == std::string_view::npos || colon > at) return std::string(uri);
  return std::string(uri.substr(0, colon + 1)) + "***" + std::string(uri.substr(at));
}

void PgResult::Clearer::operator()(pg_result* result) const { PQclear(result); }

int PgResult::rows() const { return result_ ? PQntuples(result_.get()) : 0; }

bool PgResult::IsNull(int row, int column) const {
  return PQgetisnull(result_.get(), row, column) != 0;
}

std::string_view PgResult::Text(int row, int column) const {
  if (IsNull(row, column)) return {};
  return std::string_view(PQgetvalue(result_.get(), row, column),
                          static_cast<std::size_t>(PQgetlength(result_.get(), row, column)));
}

std::int64_t PgResult::AffectedRows() const {
  const char* n = result_ ? PQcmdTuples(result_.get()) : "";
  return n[0] == '\0' ? 0 : std::strtoll(n, nullptr, 10);
}

void PgConnection::Finisher::operator()(pg_conn* conn) const { PQfinish(conn); }

Result<std::unique_ptr<PgConnection>> PgConnection::Connect(const std::string& uri) {
  // Keywords later in the list win, and the URI is expanded where "dbname" stands: a timeout
  // the URI gives replaces ours, while the client encoding is always UTF-8, the registry's.
  const char* keys[] = {"connect_timeout", "dbname", "client_encoding", "application_name",
                        nullptr};
  const char* values[] = {"10", uri.c_str(), "UTF8", "congvan", nullptr};
  std::unique_ptr<pg_conn, Finisher> conn(PQconnectdbParams(keys, values, /*expand_dbname=*/1));
  if (conn == nullptr) return Status::Internal("libpq could not allocate a connection");
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return Status::IoError("cannot connect to PostgreSQL: " + OneLine(PQerrorMessage(conn.get())));
  }
  // Notices (e.g. "relation already exists, skipping") are not errors: keep them off stderr.
  PQsetNoticeProcessor(conn.get(), [](void*, const char*) {}, nullptr);
  return std::unique_ptr<PgConnection>(new PgConnection(conn.release()));
}

Result<PgResult> PgConnection::Check(pg_result* raw) {
  PgResult result(raw);  // owns `raw` from here, even on failure
  if (raw == nullptr) {
    return Status::IoError("PostgreSQL: " + OneLine(PQerrorMessage(conn_.get())));
  }
  const ExecStatusType status = PQresultStatus(raw);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  return Status(CodeFor(PQresultErrorField(raw, PG_DIAG_SQLSTATE)),
                "PostgreSQL: " + OneLine(PQresultErrorMessage(raw)));
}

Status PgConnection::Exec(const std::string& sql) {
  Result<PgResult> result = Check(PQexec(conn_.get(), sql.c_str()));
  return result.ok() ? Status::Ok() : result.status();
}

Result<PgResult> PgConnection::Query(const std::string& sql,
                                     const std::vector<std::optional<std::string>>& params,
                                     const std::vector<unsigned>& types) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const std::optional<std::string>& p : params) values.push_back(p ? p->c_str() : nullptr);
  // Text format both ways; a type left 0 is inferred by the server from the parameter's use.
  const bool typed = types.size() == params.size() && !types.empty();
  return Check(PQexecParams(conn_.get(), sql.c_str(), static_cast<int>(values.size()),
                            typed ? types.data() : nullptr, values.data(), nullptr, nullptr,
                            /*resultFormat=*/0));
}

bool PgConnection::InTransaction() const {
  const PGTransactionStatusType status = PQtransactionStatus(conn_.get());
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

bool PgConnection::TransactionFailed() const {
  return PQtransactionStatus(conn_.get()) == PQTRANS_INERROR;
}

}  // namespace congvan::registry
