#include "store/postgres/connection.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

namespace mediagate::store::postgres {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kClientGrace{1000};

// `sql` with each `?` outside quotes replaced by $1, $2, ...
std::string numbered(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 0;
  char quote = 0;
  for (const char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++next);
    } else {
      out += c;
    }
  }
  return out;
}

bool is_select(std::string_view sql) {
  const auto start = sql.find_first_not_of(" \t\r\n");
  return start != std::string_view::npos && sql.size() - start >= 6 &&
         std::equal(sql.begin() + static_cast<std::ptrdiff_t>(start),
                    sql.begin() + static_cast<std::ptrdiff_t>(start) + 6, "SELECT",
                    [](char a, char b) { return (a & ~0x20) == b; });
}

// The server's words for a failed statement, worded like SQLite's for constraint failures
// (callers and operators look for "UNIQUE", "FOREIGN KEY", "CHECK", "NOT NULL").
std::string describe(const PGresult* result) {
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL);
  const std::string sqlstate = state != nullptr ? state : "";
  std::string out;
  if (sqlstate == "23505") out = "UNIQUE constraint failed: ";
  if (sqlstate == "23503") out = "FOREIGN KEY constraint failed: ";
  if (sqlstate == "23514") out = "CHECK constraint failed: ";
  if (sqlstate == "23502") out = "NOT NULL constraint failed: ";
  out += primary != nullptr ? primary : PQresultErrorMessage(result);
  if (detail != nullptr) {
    out += " (";
    out += detail;
    out += ')';
  }
  if (!sqlstate.empty()) out += " [SQLSTATE " + sqlstate + "]";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string scrub(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3)) {
    text.replace(at, secret.size(), "***");
  }
  return text;
}

std::string password_of(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (error != nullptr) PQfreemem(error);
  if (options == nullptr) return {};
  std::string password;
  for (auto* option = options; option->keyword != nullptr; ++option) {
    if (std::strcmp(option->keyword, "password") == 0 && option->val != nullptr) {
      password = option->val;
    }
  }
  PQconninfoFree(options);
  return password;
}

// COPY data goes to libpq in pieces of this size (its buffer grows to hold one).
constexpr std::size_t kCopyChunk = std::size_t{256} * 1024;

}  // namespace

StoreError nul_byte_error() {
  return core::Error::store(
      "postgres: query: a text value holds a NUL byte, which PostgreSQL cannot store");
}

std::string array_literal(const std::vector<std::int64_t>& values) {
  std::string out = "{";
  for (const auto value : values) {
    if (out.size() > 1) out += ',';
    out += std::to_string(value);
  }
  return out + "}";
}

std::string array_literal(const std::vector<std::string>& values) {
  std::string out = "{";
  for (const auto& value : values) {
    if (value.find('\0') != std::string::npos) continue;
    if (out.size() > 1) out += ',';
    out += '"';
    for (const char c : value) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

// --- Rows ---

Rows::~Rows() {
  if (result_ != nullptr) PQclear(result_);
}

Rows& Rows::operator=(Rows&& other) noexcept {
  if (this != &other) {
    if (result_ != nullptr) PQclear(result_);
    result_ = other.result_;
    other.result_ = nullptr;
  }
  return *this;
}

int Rows::size() const noexcept {
  return result_ == nullptr ? 0 : PQntuples(result_);
}

int Rows::columns() const noexcept {
  return result_ == nullptr ? 0 : PQnfields(result_);
}

std::int64_t Rows::affected() const noexcept {
  if (result_ == nullptr) return 0;
  const char* text = PQcmdTuples(result_);
  std::int64_t value = 0;
  std::from_chars(text, text + std::strlen(text), value);
  return value;
}

bool Rows::is_null(int row, int column) const noexcept {
  return PQgetisnull(result_, row, column) != 0;
}

std::string Rows::text(int row, int column) const {
  return std::string(PQgetvalue(result_, row, column),
                     static_cast<std::size_t>(PQgetlength(result_, row, column)));
}

std::int64_t Rows::int64(int row, int column) const {
  const char* text = PQgetvalue(result_, row, column);
  std::int64_t value = 0;
  std::from_chars(text, text + PQgetlength(result_, row, column), value);
  return value;
}

std::optional<std::string> Rows::optional_text(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return text(row, column);
}

std::optional<std::int64_t> Rows::optional_int64(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return int64(row, column);
}

// --- Connection ---

Connection::Connection(pg_conn* conn, std::string password,
                       const ConnectionOptions& options) noexcept
    : conn_(conn),
      password_(std::move(password)),
      statement_timeout_(options.statement_timeout),
      deadline_(options.statement_timeout + kClientGrace) {}

Connection::~Connection() {
  PQfinish(conn_);
}

StoreResult<std::unique_ptr<Connection>> Connection::open(const std::string& url,
                                                          const ConnectionOptions& options) {
  const std::string password = password_of(url);
  // libpq counts connect_timeout in whole seconds (at least 2).
  const auto connect_seconds =
      std::to_string(std::max<std::int64_t>(2, (options.connect_timeout.count() + 999) / 1000));
  const auto user_timeout = std::to_string((options.statement_timeout + kClientGrace).count());
  // Ours first: the URL's own parameters (expanded from dbname) override them.
  const char* keywords[] = {"connect_timeout",  "keepalives",
                            "keepalives_idle",  "keepalives_interval",
                            "keepalives_count", "tcp_user_timeout",
                            "application_name", "client_encoding",
                            "dbname",           nullptr};
  const char* values[] = {connect_seconds.c_str(), "1",         "10",   "5",         "3",
                          user_timeout.c_str(),    "mediagate", "UTF8", url.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn == nullptr) return core::unexpected(core::Error::store("postgres: out of memory"));
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    return core::unexpected(core::Error::store("postgres: cannot connect to " + redact_url(url) +
                                               ": " + scrub(message, password)));
  }
  // Notices (e.g. what a DROP ... CASCADE removed) are not errors: libpq would print them.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  if (PQsetnonblocking(conn, 1) != 0) {
    PQfinish(conn);
    return core::unexpected(core::Error::store("postgres: cannot switch to non-blocking mode"));
  }
  std::unique_ptr<Connection> connection(new Connection(conn, password, options));
  const auto statement_ms = std::to_string(options.statement_timeout.count());
  // No JIT: it compiles a statement whose estimated cost passes jit_above_cost on every run
  // (nothing is kept between runs of a prepared one), 50-100 ms for an OLTP read, e.g. a deep
  // page beside its count at a million videos (docs/benchmarks.md).
  auto set = connection->exec(
      "SET statement_timeout = " + statement_ms + "; SET lock_timeout = " + statement_ms +
      "; SET idle_in_transaction_session_timeout = " +
      std::to_string(options.statement_timeout.count() * 6) + "; SET jit = off");
  if (!set) return propagate(set);
  return connection;
}

bool Connection::broken() const noexcept {
  return broken_ || PQstatus(conn_) != CONNECTION_OK;
}

bool Connection::in_transaction() const noexcept {
  return PQtransactionStatus(conn_) != PQTRANS_IDLE;
}

StoreError Connection::failure(std::string_view what, std::string_view detail) const {
  std::string message = "postgres: ";
  message += what;
  message += ": ";
  message += detail;
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  return core::Error::store(scrub(std::move(message), password_));
}

std::optional<std::string> Connection::wait_for_socket(
    bool writing, std::chrono::steady_clock::time_point deadline,
    std::chrono::milliseconds budget) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  if (left <= 0) {
    return "no answer within " + std::to_string(budget.count()) + " ms; connection dropped";
  }
  pollfd fd{PQsocket(conn_), static_cast<short>(writing ? POLLIN | POLLOUT : POLLIN), 0};
  const int ready = ::poll(&fd, 1, static_cast<int>(std::min<long long>(left, 1'000'000)));
  if (ready < 0 && errno != EINTR) return std::string(std::strerror(errno));
  if (ready > 0 && PQconsumeInput(conn_) == 0) return std::string(PQerrorMessage(conn_));
  return std::nullopt;
}

StoreResult<Rows> Connection::await(std::string_view what) {
  const auto budget = round_trip();
  return await(what, Clock::now() + budget, budget);
}

StoreResult<Rows> Connection::await(std::string_view what, Clock::time_point deadline,
                                    std::chrono::milliseconds budget) {
  ++requests_;
  auto lost = [&](std::string_view why) -> core::Unexpected<StoreError> {
    broken_ = true;
    return core::unexpected(failure(what, why));
  };
  std::optional<Rows> last;
  std::optional<StoreError> error;
  while (true) {
    const int flushed = PQflush(conn_);
    if (flushed < 0) return lost(PQerrorMessage(conn_));
    if (flushed == 0 && PQisBusy(conn_) == 0) {
      PGresult* result = PQgetResult(conn_);
      if (result == nullptr) break;  // every result of the request read
      Rows rows(result);
      const auto status = PQresultStatus(result);
      if (status == PGRES_FATAL_ERROR || status == PGRES_NONFATAL_ERROR ||
          status == PGRES_BAD_RESPONSE) {
        if (!error) error = failure(what, describe(result));
      } else {
        last = std::move(rows);
      }
      continue;
    }
    if (auto why = wait_for_socket(flushed == 1, deadline, budget)) return lost(*why);
  }
  if (PQstatus(conn_) != CONNECTION_OK) broken_ = true;
  if (error) return core::unexpected(std::move(*error));
  if (!last) return lost(PQerrorMessage(conn_));
  return std::move(*last);
}

StoreResult<Rows> Connection::copy_in(std::string_view copy_sql, std::string_view data) {
  if (broken()) return core::unexpected(failure("copy", "connection lost"));
  const std::string text(copy_sql);
  if (PQsendQuery(conn_, text.c_str()) == 0) {
    broken_ = true;
    return core::unexpected(failure("copy", PQerrorMessage(conn_)));
  }
  const auto budget = round_trip();
  const auto deadline = Clock::now() + budget;
  auto lost = [&](std::string_view why) -> core::Unexpected<StoreError> {
    broken_ = true;
    return core::unexpected(failure("copy", why));
  };
  // Until the server asks for the data, or refuses the statement (then every result read).
  std::optional<StoreError> error;
  bool copying = false;
  while (!copying) {
    const int flushed = PQflush(conn_);
    if (flushed < 0) return lost(PQerrorMessage(conn_));
    if (flushed == 0 && PQisBusy(conn_) == 0) {
      PGresult* result = PQgetResult(conn_);
      if (result == nullptr) break;
      Rows rows(result);
      const auto status = PQresultStatus(result);
      if (status == PGRES_COPY_IN) {
        copying = true;
      } else if (!error && (status == PGRES_FATAL_ERROR || status == PGRES_NONFATAL_ERROR ||
                            status == PGRES_BAD_RESPONSE)) {
        error = failure("copy", describe(result));
      }
      continue;
    }
    if (auto why = wait_for_socket(flushed == 1, deadline, budget)) return lost(*why);
  }
  if (!copying) {
    ++requests_;
    if (error) return core::unexpected(std::move(*error));
    return lost("the server did not start the COPY");
  }
  bool aborted = false;
  if (auto why = send_copy_data(data, deadline, budget, aborted)) return lost(*why);
  auto done = await("copy", deadline, budget);
  if (done && aborted) return core::unexpected(failure("copy", PQerrorMessage(conn_)));
  return done;
}

std::optional<std::string> Connection::send_copy_data(std::string_view data,
                                                      Clock::time_point deadline,
                                                      std::chrono::milliseconds budget,
                                                      bool& aborted) {
  // 1: queued; 0: libpq's buffer is full and the socket takes no more now (non-blocking mode);
  // -1: the server ended the COPY (its error follows) or the connection failed.
  auto sent = [&](int put) -> std::optional<std::optional<std::string>> {
    if (put > 0) return std::optional<std::string>{};
    if (put < 0) {
      if (PQstatus(conn_) != CONNECTION_OK)
        return std::optional<std::string>{PQerrorMessage(conn_)};
      aborted = true;
      return std::optional<std::string>{};
    }
    return std::nullopt;  // to be tried again
  };
  while (!data.empty() && !aborted) {
    const auto size = std::min(kCopyChunk, data.size());
    auto put = sent(PQputCopyData(conn_, data.data(), static_cast<int>(size)));
    if (put) {
      if (*put) return *put;
      if (!aborted) data.remove_prefix(size);
      continue;
    }
    if (auto why = wait_for_socket(true, deadline, budget)) return why;
  }
  while (!aborted) {
    auto put = sent(PQputCopyEnd(conn_, nullptr));
    if (put) return *put;
    if (auto why = wait_for_socket(true, deadline, budget)) return why;
  }
  return std::nullopt;
}

Status Connection::scale_time(std::size_t scale) {
  scale = std::max<std::size_t>(1, scale);
  if (scale == 1) scale_ = 1;
  // SET LOCAL lasts until the transaction ends; outside one (VACUUM cannot run in one) the
  // session's own setting changes, and scale_time(1) puts it back.
  // The server takes at most INT_MAX milliseconds (~24 days).
  constexpr std::chrono::milliseconds::rep kLongestServerTimeout = 2'147'483'647;
  const auto base = std::max<std::chrono::milliseconds::rep>(1, statement_timeout_.count());
  const auto server_ms = static_cast<std::chrono::milliseconds::rep>(std::min<std::size_t>(
                             scale, static_cast<std::size_t>(kLongestServerTimeout / base))) *
                         base;
  const bool in_transaction = PQtransactionStatus(conn_) != PQTRANS_IDLE;
  auto set = exec(std::string(in_transaction ? "SET LOCAL" : "SET") +
                  " statement_timeout = " + std::to_string(server_ms));
  if (!set) return propagate(set);
  scale_ = scale;
  return core::Ok{};
}

StoreResult<Rows> Connection::exec(std::string_view sql) {
  if (broken()) return core::unexpected(failure("exec", "connection lost"));
  const std::string text(sql);
  if (PQsendQuery(conn_, text.c_str()) == 0) {
    broken_ = true;
    return core::unexpected(failure("exec", PQerrorMessage(conn_)));
  }
  return await("exec");
}

StoreResult<Rows> Connection::query(std::string_view sql, const std::vector<Param>& params) {
  if (broken()) return core::unexpected(failure("query", "connection lost"));
  const bool select = is_select(sql);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) {
    if (p && p->find('\0') != std::string::npos) {
      if (!select) return core::unexpected(nul_byte_error());
      values.push_back(nullptr);
    } else {
      values.push_back(p ? p->c_str() : nullptr);
    }
  }

  auto name = prepared(sql, params.size());
  if (!name) return propagate(name);
  if (PQsendQueryPrepared(conn_, name->c_str(), static_cast<int>(values.size()), values.data(),
                          nullptr, nullptr, 0) == 0) {
    broken_ = true;
    return core::unexpected(failure("query", PQerrorMessage(conn_)));
  }
  return await("query");
}

StoreResult<std::string> Connection::prepared(std::string_view sql, std::size_t parameters) {
  auto cached = statements_.find(sql);
  if (cached != statements_.end()) return cached->second;
  const std::string name = "mg" + std::to_string(statements_.size() + 1);
  const std::string text = numbered(sql);
  if (PQsendPrepare(conn_, name.c_str(), text.c_str(), static_cast<int>(parameters), nullptr) ==
      0) {
    broken_ = true;
    return core::unexpected(failure("prepare", PQerrorMessage(conn_)));
  }
  auto done = await("prepare");
  if (!done) return propagate(done);
  statements_.emplace(std::string(sql), name);
  return name;
}

StoreResult<std::vector<std::int64_t>> Connection::pipeline(const std::vector<Write>& writes) {
  if (broken()) return core::unexpected(failure("pipeline", "connection lost"));
  if (writes.empty()) return std::vector<std::int64_t>{};
  // Prepared first, outside the pipeline (a handful of statements, once per connection).
  std::vector<std::string> names;
  names.reserve(writes.size());
  for (const auto& write : writes) {
    for (const auto& p : write.params) {
      if (p && p->find('\0') != std::string::npos) return core::unexpected(nul_byte_error());
    }
    auto name = prepared(write.sql, write.params.size());
    if (!name) return propagate(name);
    names.push_back(std::move(*name));
  }
  if (PQenterPipelineMode(conn_) == 0) {
    return core::unexpected(failure("pipeline", PQerrorMessage(conn_)));
  }
  std::vector<const char*> values;
  for (std::size_t i = 0; i < writes.size(); ++i) {
    values.clear();
    for (const auto& p : writes[i].params) values.push_back(p ? p->c_str() : nullptr);
    if (PQsendQueryPrepared(conn_, names[i].c_str(), static_cast<int>(values.size()), values.data(),
                            nullptr, nullptr, 0) == 0) {
      broken_ = true;
      return core::unexpected(failure("pipeline", PQerrorMessage(conn_)));
    }
  }
  if (PQpipelineSync(conn_) == 0) {
    broken_ = true;
    return core::unexpected(failure("pipeline", PQerrorMessage(conn_)));
  }
  auto counts = pipeline_results(writes.size(),
                                 deadline_ * static_cast<std::chrono::milliseconds::rep>(
                                                 std::max<std::size_t>(1, writes.size() / 100)));
  if (!broken_ && PQexitPipelineMode(conn_) == 0) broken_ = true;
  return counts;
}

// In non-blocking mode the output is flushed while the results are read, so that neither side
// waits on a full socket buffer: the server's answers are consumed as they come.
StoreResult<std::vector<std::int64_t>> Connection::pipeline_results(
    std::size_t writes, std::chrono::milliseconds budget) {
  requests_ += writes;
  const auto deadline = Clock::now() + budget;
  auto lost = [&](std::string_view why) -> core::Unexpected<StoreError> {
    broken_ = true;
    return core::unexpected(failure("pipeline", why));
  };
  std::vector<std::int64_t> counts;
  counts.reserve(writes);
  std::optional<StoreError> error;
  bool synced = false;
  while (!synced) {
    const int flushed = PQflush(conn_);
    if (flushed < 0) return lost(PQerrorMessage(conn_));
    if (PQisBusy(conn_) == 0) {
      PGresult* result = PQgetResult(conn_);
      if (result == nullptr) continue;  // the end of one statement's results
      Rows rows(result);
      switch (PQresultStatus(result)) {
        case PGRES_PIPELINE_SYNC:
          synced = true;
          break;
        case PGRES_COMMAND_OK:
        case PGRES_TUPLES_OK:
          counts.push_back(rows.affected());
          break;
        case PGRES_PIPELINE_ABORTED:
          break;  // after the first error: not run
        default:
          if (!error) error = failure("pipeline", describe(result));
          break;
      }
      continue;
    }
    if (auto why = wait_for_socket(flushed == 1, deadline, budget)) return lost(*why);
  }
  if (PQstatus(conn_) != CONNECTION_OK) broken_ = true;
  if (error) return core::unexpected(std::move(*error));
  if (counts.size() != writes) return lost("a pipeline answered fewer statements than it sent");
  return counts;
}

std::string redact_url(std::string_view url) {
  std::string out(url);
  const auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    const auto authority = scheme + 3;
    const auto end = out.find_first_of("/?", authority);
    const auto at = out.rfind('@', end == std::string::npos ? out.size() : end);
    if (at != std::string::npos && at >= authority) {
      const auto colon = out.find(':', authority);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // password=... as a URI query parameter or a key=value conninfo entry.
  for (auto at = out.find("password="); at != std::string::npos;
       at = out.find("password=", at + 1)) {
    const auto start = at + 9;
    const auto end = out.find_first_of("& ", start);
    out.replace(start, (end == std::string::npos ? out.size() : end) - start, "***");
  }
  return out;
}

StoreResult<std::optional<std::string>> run_once(const std::string& url, std::string_view sql,
                                                 const ConnectionOptions& options) {
  auto connection = Connection::open(url, options);
  if (!connection) return propagate(connection);
  auto rows = (*connection)->exec(sql);
  if (!rows) return propagate(rows);
  if (rows->empty() || rows->is_null(0, 0)) return std::optional<std::string>{};
  return std::optional<std::string>{rows->text(0, 0)};
}

}  // namespace mediagate::store::postgres
