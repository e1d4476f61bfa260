#include "registry/pg_statement.h"

#include <cctype>
#include <cstdlib>
#include <utility>

namespace congvan::registry {
namespace {

constexpr unsigned kTextOid = 25;  // pg_type's oid of text, fixed since PostgreSQL 6

}  // namespace

Result<std::string> TranslatePlaceholders(std::string_view sql, int* parameters,
                                          std::vector<bool>* used) {
  std::string out;
  std::vector<bool> seen;
  out.reserve(sql.size() + 8);
  int largest = 0;
  std::size_t i = 0;
  // Copies from `i` through the character that closes what opened at `i` (`close`), so
  // placeholders inside literals, quoted names and comments are left as written.
  auto copy_until = [&](std::string_view close) {
    const std::size_t end = sql.find(close, i + 1);
    const std::size_t stop = end == std::string_view::npos ? sql.size() : end + close.size();
    out.append(sql.substr(i, stop - i));
    i = stop;
  };
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == '\'') {
      copy_until("'");  // '' inside a literal is two literals back to back: same result
    } else if (c == '"') {
      copy_until("\"");
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      copy_until("\n");
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      copy_until("*/");
    } else if (c == '?') {
      std::size_t j = i + 1;
      while (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) ++j;
      int number = largest + 1;
      if (j > i + 1) {
        if (j - i - 1 > 4) return Status::InvalidInput("SQL parameter number too large");
        number = std::atoi(std::string(sql.substr(i + 1, j - i - 1)).c_str());
        if (number < 1) return Status::InvalidInput("SQL parameter ?0 does not exist");
      }
      if (number > largest) largest = number;
      if (seen.size() < static_cast<std::size_t>(number)) seen.resize(number);
      seen[number - 1] = true;
      out += '$';
      out += std::to_string(number);
      i = j;
    } else {
      out += c;
      ++i;
    }
  }
  *parameters = largest;
  if (used != nullptr) *used = std::move(seen);
  return out;
}

Result<PgStatement> PgStatement::Prepare(PgConnection* db, std::string_view sql) {
  int parameters = 0;
  std::vector<bool> used;
  Result<std::string> translated = TranslatePlaceholders(sql, &parameters, &used);
  if (!translated.ok()) return translated.status();
  return PgStatement(db, std::move(*translated), std::move(used));
}

PgStatement::PgStatement(PgConnection* db, std::string sql, std::vector<bool> used)
    : db_(db), sql_(std::move(sql)), params_(used.size()), types_(used.size(), 0) {
  for (std::size_t i = 0; i < used.size(); ++i) {
    if (!used[i]) types_[i] = kTextOid;
  }
}

Status PgStatement::Bind(int index, std::optional<std::string> value) {
  // 32766: SQLite's largest parameter number.
  if (index < 1 || index > 32766) {
    return Status::Internal("binding parameter " + std::to_string(index) + ": no such parameter");
  }
  // Code written for SQLite may bind a number its SQL does not use (SqlBuilder binds "now" even
  // for conditions that end up without it); the server accepts it when it is typed.
  if (static_cast<std::size_t>(index) > params_.size()) {
    params_.resize(static_cast<std::size_t>(index));
    types_.resize(static_cast<std::size_t>(index), kTextOid);
  }
  // libpq passes text parameters as C strings; PostgreSQL text cannot hold NUL either.
  if (value && value->find('\0') != std::string::npos) {
    return Status::InvalidInput("binding parameter " + std::to_string(index) +
                                ": text with a NUL byte cannot be stored in PostgreSQL");
  }
  params_[static_cast<std::size_t>(index) - 1] = std::move(value);
  return Status::Ok();
}

Result<bool> PgStatement::Step() {
  if (!ran_) {
    Result<PgResult> result = db_->Query(sql_, params_, types_);
    if (!result.ok()) return result.status();
    result_ = std::move(*result);
    ran_ = true;
    row_ = -1;
  }
  if (row_ + 1 >= result_.rows()) {
    row_ = result_.rows();
    return false;
  }
  ++row_;
  return true;
}

void PgStatement::Reset() {
  ran_ = false;
  row_ = -1;
  result_ = PgResult();
}

bool PgStatement::IsNull(int column) const {
  return row_ < 0 || row_ >= result_.rows() || result_.IsNull(row_, column);
}

std::string_view PgStatement::Text(int column) const {
  if (IsNull(column)) return {};
  return result_.Text(row_, column);
}

std::int64_t PgStatement::Int64(int column) const {
  const std::string_view text = Text(column);
  if (text == "t") return 1;  // a boolean expression; SQLite gives 1 and 0
  if (text.empty() || text == "f") return 0;
  // Like SQLite's conversion: leading digits count ("12abc" is 12), a real is truncated.
  const std::string s(text);
  if (s.find_first_of(".eE") != std::string::npos) {
    return static_cast<std::int64_t>(std::strtod(s.c_str(), nullptr));
  }
  return std::strtoll(s.c_str(), nullptr, 10);
}

double PgStatement::Double(int column) const {
  const std::string_view text = Text(column);
  if (text.empty()) return 0;
  return std::strtod(std::string(text).c_str(), nullptr);
}

}  // namespace congvan::registry
