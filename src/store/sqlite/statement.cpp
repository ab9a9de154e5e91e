#include "store/sqlite/statement.hpp"

namespace mediagate::store::sqlite {
namespace {

StoreError error_of(sqlite3* db, std::string_view what, const char* sql) {
  std::string message = "sqlite: ";
  message += what;
  message += ": ";
  message += sqlite3_errmsg(db);
  if (sql != nullptr) {
    message += " [in: ";
    message += sql;
    message += "]";
  }
  return core::Error::store(std::move(message));
}

}  // namespace

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

void Statement::note_bind(int rc, int index) {
  if (rc == SQLITE_OK || bind_error_) return;
  bind_error_ = error_of(db_, "bind parameter " + std::to_string(index), sqlite3_sql(stmt_));
}

Statement& Statement::bind(int index, std::int64_t value) {
  note_bind(sqlite3_bind_int64(stmt_, index, value), index);
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  // A non-null pointer even for an empty view: a null pointer would bind NULL, not "".
  const char* data = value.empty() ? "" : value.data();
  note_bind(sqlite3_bind_text64(stmt_, index, data, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
            index);
  return *this;
}

Statement& Statement::bind(int index, std::nullopt_t) {
  note_bind(sqlite3_bind_null(stmt_, index), index);
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
  return value ? bind(index, *value) : bind(index, std::nullopt);
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
  return value ? bind(index, std::string_view{*value}) : bind(index, std::nullopt);
}

StoreResult<bool> Statement::step() {
  if (bind_error_) return core::unexpected(*bind_error_);
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return core::unexpected(error_of(db_, "step", sqlite3_sql(stmt_)));
}

StoreResult<std::int64_t> Statement::run() {
  auto stepped = step();
  if (!stepped) return core::unexpected(std::move(stepped).error());
  if (*stepped) {
    return core::unexpected(
        core::Error::store(std::string("sqlite: statement returned rows: ") + sqlite3_sql(stmt_)));
  }
  return static_cast<std::int64_t>(sqlite3_changes64(db_));
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string Statement::text(int column) const {
  const auto* data = sqlite3_column_text(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);  // after column_text, as documented
  if (data == nullptr || size <= 0) return {};
  return std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::optional<std::int64_t> Statement::optional_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return int64(column);
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

void Statement::reset() noexcept {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_.reset();
}

}  // namespace mediagate::store::sqlite
