// Writes by the thousand, the part both SQL backends share and no module owns: the upsert
// statement of a table (built once from its columns), and BatchedWrites<B>, which runs a
// module's writes through a backend (backend.hpp) on a connection the caller has put in a
// transaction. Every upsert updates only when something differs, so the rows a write counts
// are the rows inserted or actually changed (writing identical data counts 0) and nothing is
// rewritten needlessly. A backend that can pipeline writes (PipelinedBackend: PostgreSQL) gets
// them in batches of kPipelineWrites, one round trip each, and the counts are added up when a
// batch's answers arrive; SQLite, in process, runs each write at once. A backend that can also
// load rows set-wise (SetWiseBackend: PostgreSQL) gets a big table's rows in batches, each
// written by one statement: the same upsert over the whole batch, so the same rows are written
// and counted as one by one (docs/decisions/postgres-set-wise-import.md). A backend that
// rebuilds a table's indexes after a big load (BulkLoadBackend: SQLite) says when it is worth it.
// Which tables, which rows and in which order is each module's (vendors/<v>/<v>_writes.hpp).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "store/sql/backend.hpp"
#include "store/sql/rows.hpp"

namespace mediagate::store::sql {

inline std::vector<std::string_view> names_in(std::string_view list) {
  std::vector<std::string_view> names;
  while (!list.empty()) {
    const auto comma = list.find(',');
    auto name = list.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    names.push_back(name);
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
  }
  return names;
}

// INSERT INTO `table` AS t (`columns`) `rows` ON CONFLICT (`keys`) DO UPDATE SET each other
// column WHERE (t.<others>) IS DISTINCT FROM (excluded.<others>).
inline std::string upsert_sql_of(std::string_view table, std::string_view keys,
                                 std::string_view columns, std::string_view rows) {
  const auto names = names_in(columns);
  const auto key_names = names_in(keys);
  std::string sql = "INSERT INTO " + std::string(table) + " AS t (" + std::string(columns) + ")\n" +
                    std::string(rows) + "\nON CONFLICT (" + std::string(keys) + ") DO UPDATE SET ";
  std::string old_values;
  std::string new_values;
  for (const auto name : names) {
    if (std::find(key_names.begin(), key_names.end(), name) != key_names.end()) continue;
    if (!old_values.empty()) {
      sql += ", ";
      old_values += ", ";
      new_values += ", ";
    }
    sql += std::string(name) + " = excluded." + std::string(name);
    old_values += "t." + std::string(name);
    new_values += "excluded." + std::string(name);
  }
  return sql + "\nWHERE (" + old_values + ") IS DISTINCT FROM (" + new_values + ")";
}

// The same for one row: VALUES (?, ...).
inline std::string upsert_sql(std::string_view table, std::string_view keys,
                              std::string_view columns) {
  std::string values = "VALUES (";
  for (std::size_t i = 0; i < names_in(columns).size(); ++i) values += i == 0 ? "?" : ", ?";
  return upsert_sql_of(table, keys, columns, values + ")");
}

// "first, rest": a parent's key columns before a child's own.
inline std::string with(std::string_view first, std::string_view rest) {
  return std::string(first) + ", " + std::string(rest);
}

// A table the set-wise path loads (SetWiseBackend): a batch of its rows, written as the row
// upsert binds them (`columns`) plus their position (mg_ord), is loaded into the table
// `source` (the backend's, e.g. a temporary table), then `upsert` writes them all in that
// order, updating only what differs, as the row upsert would one by one.
struct SetWiseTable {
  std::string table;
  std::string columns;
  std::string source;
  std::string upsert;
  std::uint32_t key_fields = 0;  // bit i: the i-th column is part of the conflict key

  SetWiseTable(std::string_view name, std::string_view keys, std::string_view all)
      : table(name), columns(all), source("mg_load_" + std::string(name)) {
    upsert = upsert_sql_of(table, keys, columns,
                           "SELECT " + columns + " FROM " + source + " ORDER BY mg_ord");
    const auto names = names_in(columns);
    for (const auto key : names_in(keys)) {
      const auto at = std::find(names.begin(), names.end(), key) - names.begin();
      key_fields |= std::uint32_t{1} << at;
    }
  }
};

// A backend that sends writes in batches: db.make_write(sql, args...) makes one, and
// db.pipeline(writes) runs them and answers each one's changed-row count, in order.
template <class B>
concept PipelinedBackend = requires(B& db, const std::vector<typename B::Write>& writes) {
  { db.make_write(std::string_view{}, std::int64_t{}) } -> std::same_as<typename B::Write>;
  { db.pipeline(writes) } -> std::same_as<StoreResult<std::vector<std::int64_t>>>;
};

template <class B>
struct PendingWrite {
  using type = std::monostate;  // a backend that runs each write at once keeps none
};
template <PipelinedBackend B>
struct PendingWrite<B> {
  using type = typename B::Write;
};

// When the set-wise path is taken (SetWiseBackend only): for a table with at least `min_rows`
// rows in the dataset (below that the pipeline's one round trip per 1000 rows is as quick,
// and a small write, e.g. a vendor call's, makes no temporary table), in batches of
// `batch_rows`.
struct SetWiseOptions {
  std::size_t min_rows = 1000;
  std::size_t batch_rows = 50'000;
};

// A pipelining backend that can also load a table's rows set-wise (PostgreSQL: COPY into a
// temporary table, then one upsert per batch), as its set_wise_options() say: B::append_field(line,
// value) appends one value in the loader's text form (false: a text the backend cannot store,
// B::unstorable() says why), and db.upsert_set(table, lines, count) loads `count` such lines
// ("field\tfield...\n", the last field the row's position) into table.source and runs table.upsert,
// answering the rows it inserted or changed.
template <class B>
concept SetWiseBackend = PipelinedBackend<B> &&
    requires(B& db, const SetWiseTable& table, std::string& line, std::string_view text) {
  { db.set_wise_options() } -> std::same_as<const SetWiseOptions&>;
  { B::append_field(line, text) } -> std::same_as<bool>;
  { B::append_field(line, std::int64_t{}) } -> std::same_as<bool>;
  { B::unstorable() } -> std::same_as<StoreError>;
  { db.upsert_set(table, text, std::size_t{}) } -> std::same_as<StoreResult<std::int64_t>>;
};

// Writes per pipeline: large enough that the round trip is amortised (~1 % of a batch's time on
// loopback), small enough that a batch's parameters and answers stay a few hundred KiB.
inline constexpr std::size_t kPipelineWrites = 1000;

// What a backend that rebuilds indexes after a big load (BulkLoadBackend) dropped for it.
struct BulkLoad {
  std::string table;
  std::vector<std::string> indexes;  // the SQL that re-creates them
  bool on = false;                   // dropped: re-create them, and the table's statistics
};

// A backend for which keeping a table's secondary indexes up to date row by row costs more than
// rebuilding them once (SQLite): db.start_bulk_load(table, rows) drops them when `rows` incoming
// rows make it worth it (the backend's threshold, and at least as many as the table holds), and
// db.finish_bulk_load(load) re-creates them, inside the caller's transaction.
template <class B>
concept BulkLoadBackend = requires(B& db, std::string_view table, const BulkLoad& load) {
  { db.start_bulk_load(table, std::size_t{}) } -> std::same_as<StoreResult<BulkLoad>>;
  { db.finish_bulk_load(load) } -> std::same_as<Status>;
};

// A module's writes through `db`, inside the caller's transaction: each adds the rows it changed
// to a count the caller names, which must outlive the last flush() (pipelined and set-wise
// writes are counted when their batch has run). The caller flush()es once it has written
// everything, before it reads the counts.
template <Backend B>
class BatchedWrites {
 public:
  explicit BatchedWrites(B& db) noexcept : db_(db) {}

  B& db() noexcept { return db_; }

  // Where the rows a write changes go when nobody counts them (link rows).
  std::int64_t& uncounted() noexcept { return uncounted_; }
  // A count of the writer's own, stable until it is gone (e.g. per entity, read after flush()).
  std::int64_t& new_count() { return slots_.emplace_back(0); }

  // A table written by the thousand: its rows go set-wise (SetWiseBackend only) when the
  // dataset holds `rows` of them, at least the backend's min_rows; `count` is their summary
  // line. The answer names the table in upsert(). Tables are flushed in the order declared.
  std::size_t set_wise(const SetWiseTable& table, std::size_t rows, std::int64_t& count) {
    auto& batch = batches_.emplace_back();
    batch.table = &table;
    batch.count = &count;
    if constexpr (SetWiseBackend<B>) {
      batch.on = rows > 0 && rows >= db_.set_wise_options().min_rows;
    } else {
      (void)rows;
    }
    return batches_.size() - 1;
  }

  // One execution of the statement `sql` with `args`; adds the rows it changed to `count`.
  template <class... Args>
  Status write(std::string_view sql, std::int64_t& count, const Args&... args) {
    if constexpr (PipelinedBackend<B>) {
      pending_.push_back(db_.make_write(sql, args...));
      counts_.push_back(&count);
      return pending_.size() >= kPipelineWrites ? flush() : Status{core::Ok{}};
    } else {
      auto changed = db_.execute(sql, args...);
      if (!changed) return propagate(changed);
      count += *changed;
      return core::Ok{};
    }
  }

  // The same with the parameters `owner` (the parent's key columns) then `values`.
  template <class Owner, class Values>
  Status upsert(std::string_view sql, std::int64_t& count, const Owner& owner,
                const Values& values) {
    return std::apply([&](const auto&... args) { return write(sql, count, args...); },
                      std::tuple_cat(owner, values));
  }

  // A row of the set-wise table `t` (set_wise()'s answer; its statement `sql`, counted in its
  // summary line): into its batch when the table is loaded set-wise, else upserted on its own.
  template <class Owner, class Values>
  Status upsert(std::size_t t, std::string_view sql, const Owner& owner, const Values& values) {
    if constexpr (SetWiseBackend<B>) {
      if (batches_[t].on) {
        return std::apply([&](const auto&... args) { return add_row(t, args...); },
                          std::tuple_cat(owner, values));
      }
    }
    return upsert(sql, *batches_[t].count, owner, values);
  }

  // Runs the pending batches, if any, and adds up their counts.
  Status flush() {
    if constexpr (SetWiseBackend<B>) {
      for (auto& batch : batches_) {
        if (auto ok = flush(batch); !ok) return ok;
      }
    }
    if constexpr (PipelinedBackend<B>) {
      if (pending_.empty()) return core::Ok{};
      auto changed = db_.pipeline(pending_);
      pending_.clear();
      if (!changed) return propagate(changed);
      for (std::size_t i = 0; i < changed->size(); ++i) *counts_[i] += (*changed)[i];
      counts_.clear();
    }
    return core::Ok{};
  }

 private:
  // The rows of one table the set-wise path loads, not yet written.
  struct Batch {
    const SetWiseTable* table = nullptr;
    bool on = false;                       // this import loads the table set-wise
    std::int64_t* count = nullptr;         // the summary's line
    std::string lines;                     // the rows, one line each
    std::size_t size = 0;                  // rows in `lines`
    std::unordered_set<std::string> keys;  // their conflict keys
  };

  // Loads `batch` and adds up what changed.
  Status flush(Batch& batch) {
    if (batch.size == 0) return core::Ok{};
    auto changed = db_.upsert_set(*batch.table, batch.lines, batch.size);
    batch.lines.clear();
    batch.size = 0;
    batch.keys.clear();
    if (!changed) return propagate(changed);
    *batch.count += *changed;
    return core::Ok{};
  }

  // One row for the set-wise table `t`. A batch never holds a key twice (one statement cannot
  // update a row twice): a key seen again closes the batch first, so that the rows are written
  // in the order, and counted as, the row upserts would write them.
  template <class... Args>
  Status add_row(std::size_t t, const Args&... args) {
    auto& batch = batches_[t];
    const auto key_fields = batch.table->key_fields;
    line_.clear();
    key_.clear();
    std::size_t field = 0;
    bool storable = true;
    auto append = [&](const auto& value) {
      const auto start = line_.size();
      storable = B::append_field(line_, value) && storable;
      if ((key_fields >> field) & 1U) key_.append(line_, start).push_back('\t');
      line_.push_back('\t');
      ++field;
    };
    (append(args), ...);
    if (!storable) return core::unexpected(B::unstorable());
    if (batch.keys.contains(key_)) {
      if (auto ok = flush(batch); !ok) return ok;
    }
    batch.keys.insert(key_);
    batch.lines += line_;
    B::append_field(batch.lines, static_cast<std::int64_t>(batch.size));
    batch.lines.push_back('\n');
    ++batch.size;
    return batch.size >= db_.set_wise_options().batch_rows ? flush(batch) : Status{core::Ok{}};
  }

  B& db_;
  std::int64_t uncounted_ = 0;
  std::deque<std::int64_t> slots_;                       // new_count()s (stable addresses)
  std::vector<typename PendingWrite<B>::type> pending_;  // pipelined: the batch not yet run
  std::vector<std::int64_t*> counts_;                    // where each pending write's count goes
  std::deque<Batch> batches_;                            // set-wise: per table, as declared
  std::string line_;                                     // set-wise: the row being added
  std::string key_;                                      // and its conflict key
};

// Runs `statements` in order with the same parameters, as one write (the backend's write():
// failing, it leaves the transaction usable): children first, the entity itself last; true if
// the last one removed a row.
template <Backend B, class... Args>
StoreResult<bool> delete_rows(B& db, std::initializer_list<std::string_view> statements,
                              const Args&... args) {
  return db.write([&]() -> StoreResult<bool> {
    std::int64_t changed = 0;
    for (const auto sql : statements) {
      auto rows = db.execute(sql, args...);
      if (!rows) return propagate(rows);
      changed = *rows;
    }
    return changed > 0;
  });
}

// --- export: a whole table set read back in one snapshot ---

// The position of the parent row keyed `key` in `index`, or the error that a `what` row has none.
template <class Index>
auto find_parent(const Index& index, const std::string& key, std::string_view what)
    -> StoreResult<typename Index::mapped_type> {
  const auto it = index.find(key);
  if (it == index.end()) {
    return core::unexpected(
        core::Error::store("export: " + std::string(what) + " '" + key + "' has no parent row"));
  }
  return it->second;
}

// "SELECT <owner>, <columns> <rest>": a child row with its parent's key first.
inline std::string select_owned(std::string_view owner, std::string_view columns,
                                std::string_view rest) {
  return select(std::string(owner) + ", " + std::string(columns), rest);
}

}  // namespace mediagate::store::sql
