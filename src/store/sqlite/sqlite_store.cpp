#include "store/sqlite/sqlite_store.hpp"

#include <algorithm>
#include <string>
#include <type_traits>
#include <variant>

#include "core/clock.hpp"
#include "store/sqlite/dataset_exporter.hpp"
#include "store/sqlite/dataset_importer.hpp"
#include "store/sqlite/entity_access.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/query_support.hpp"
#include "store/sqlite/schema.hpp"
#include "store/sqlite/transaction.hpp"

namespace mediagate::store::sqlite {

StoreResult<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path,
                                                            const SqliteOptions& options) {
  if (path.empty()) return core::unexpected(StoreError{"sqlite: empty database path"});
  auto writer = Connection::open(path, {.read_only = false,
                                        .busy_timeout = options.busy_timeout,
                                        .cache_kib = options.writer_cache_kib});
  if (!writer) return propagate(writer);

  static const core::SystemClock clock;
  auto applied = apply_migrations(**writer, schema_migrations(), clock);
  if (!applied) return propagate(applied);

  std::unique_ptr<ConnectionPool> readers;
  if (path != ":memory:") {
    readers = std::make_unique<ConnectionPool>(
        [path, reader = ConnectionOptions{.read_only = true,
                                          .busy_timeout = options.busy_timeout,
                                          .cache_kib = options.reader_cache_kib}] {
          return Connection::open(path, reader);
        },
        options.max_readers);
  }
  return std::unique_ptr<SqliteStore>(
      new SqliteStore(std::move(*writer), std::move(readers), options));
}

template <class Body>
auto SqliteStore::read(Body&& body) -> decltype(body(std::declval<Connection&>())) {
  if (!readers_) {
    std::lock_guard lock(writer_mutex_);
    return body(*writer_);
  }
  auto lease = readers_->acquire();
  if (!lease) return propagate(lease);
  return body(**lease);
}

template <class Body>
auto SqliteStore::read_snapshot(Body&& body) -> decltype(body(std::declval<Connection&>())) {
  using Result = decltype(body(std::declval<Connection&>()));
  return read([&](Connection& connection) -> Result {
    auto transaction = Transaction::begin(connection, Transaction::Kind::kDeferred);
    if (!transaction) return propagate(transaction);
    auto result = body(connection);
    if (!result) return result;
    if (auto ok = transaction->commit(); !ok) return propagate(ok);
    return result;
  });
}

StoreResult<ImportSummary> SqliteStore::import(const Dataset& data) {
  std::lock_guard lock(writer_mutex_);
  auto summary = import_dataset(*writer_, data, {.bulk_videos = options_.bulk_import_videos});
  ++generation_;  // even after a failure: a partial write is possible
  return summary;
}

StoreResult<Dataset> SqliteStore::export_all() {
  return read([](Connection& c) { return export_dataset(c); });
}

StoreResult<std::optional<PolyvAccountKeys>> SqliteStore::find_polyv_account_by_user_id(
    std::string_view user_id) {
  return read([&](Connection& c) { return ConnectionEntityStore(c).find_polyv_account(user_id); });
}

StoreResult<std::optional<PolyvAccountKeys>> SqliteStore::find_polyv_account_by_app_id(
    std::string_view app_id) {
  return read(
      [&](Connection& c) { return ConnectionEntityStore(c).find_polyv_account_by_app_id(app_id); });
}

StoreResult<std::vector<Category>> SqliteStore::list_categories(std::string_view user_id) {
  return read([&](Connection& c) { return ConnectionEntityStore(c).all_categories(user_id); });
}

StoreResult<bool> SqliteStore::has_sub_account(std::string_view user_id, std::string_view email) {
  return read([&](Connection& c) {
    return ConnectionEntityStore(c).has_polyv_sub_account(user_id, email);
  });
}

StoreResult<std::uint64_t> SqliteStore::generation(Connection& connection) {
  auto statement = connection.prepare("PRAGMA data_version");
  if (!statement) return propagate(statement);
  auto row = (*statement)->step();
  if (!row) return propagate(row);
  const std::int64_t version = *row ? (*statement)->int64(0) : 0;
  if (version != connection.seen_data_version) {
    connection.seen_data_version = version;
    return ++generation_;
  }
  return generation_.load();
}

std::optional<std::uint64_t> SqliteStore::data_generation() {
  // An interval, not a time of day: the steady clock, not core::Clock (which tests move).
  const std::int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                               std::chrono::steady_clock::now().time_since_epoch())
                               .count();
  std::int64_t due = next_change_check_.load(std::memory_order_relaxed);
  if (now < due) return generation_.load();
  const auto interval = std::chrono::duration_cast<std::chrono::nanoseconds>(options_.change_check);
  if (!next_change_check_.compare_exchange_strong(due, now + interval.count())) {
    return generation_.load();  // another caller is looking right now
  }
  auto looked = read([&](Connection& connection) { return generation(connection); });
  if (!looked) {
    next_change_check_.store(0);  // look again next time; cache nothing meanwhile
    return std::nullopt;
  }
  return *looked;
}

template <class T, class Map>
StoreResult<std::optional<Page<T>>> SqliteStore::ranked_page(
    Connection& connection, const std::string& key, const std::string& select_ids,
    const std::vector<Param>& params, std::int64_t offset, std::int64_t limit,
    std::string_view fetch_sql, Map&& map) {
  auto current = generation(connection);
  if (!current) return propagate(current);
  auto slice = ranks_.slice(connection, key, select_ids, params, offset, limit, *current);
  if (!slice) return propagate(slice);
  if (!*slice) return std::optional<Page<T>>{};
  Page<T> page;
  page.total = (*slice)->total;
  page.items.reserve((*slice)->ids.size());
  for (const auto id : (*slice)->ids) {
    auto statement = connection.prepare(fetch_sql);
    if (!statement) return propagate(statement);
    auto row = (*statement)->bind_all(id).step();
    if (!row) return propagate(row);
    if (!*row) return std::optional<Page<T>>{};
    page.items.push_back(map(**statement));
  }
  return std::optional<Page<T>>{std::move(page)};
}

namespace {

void append_part(std::string& key, std::string_view part) {
  key += std::to_string(part.size());
  key += ':';
  key += part;
}

}  // namespace

StoreResult<Page<Video>> SqliteStore::query_videos(const VideoQuery& query) {
  return read_snapshot([&](Connection& c) -> StoreResult<Page<Video>> {
    if (options_.cache_ranks) {
      std::vector<Param> params;
      std::string filter = video_filter(query, params);
      // Built once per shape, the whole list in `times` order: reading the table in file
      // order and sorting is 2-4x faster than walking the times index with a row lookup
      // per entry for the filters it does not hold (docs/benchmarks.md). With an uploader
      // the uploader index narrows enough to stay the better plan.
      const bool by_times =
          query.order == VideoOrder::kTimesAsc || query.order == VideoOrder::kTimesDesc;
      if (by_times && !query.uploader_email) {
        constexpr std::string_view kFrom = "FROM polyv_videos ";
        filter.insert(kFrom.size(), "NOT INDEXED ");
      }
      const std::string select_ids =
          "SELECT rowid " + filter + std::string(video_order(query.order));
      // The shape: every parameter of the filter (in order) and the order.
      std::string key = "v" + std::to_string(static_cast<int>(query.order));
      key += query.published_only ? 'p' : 'a';
      key += query.cataids ? 'c' : '-';
      key += query.uploader_email ? 'u' : '-';
      key += query.exclude_uploader_email ? 'x' : '-';
      for (const auto& param : params) append_part(key, std::get<std::string>(param));
      static const std::string fetch =
          "SELECT " + std::string(kVideoColumns) + " FROM polyv_videos WHERE rowid = ?";
      auto page = ranked_page<Video>(c, key, select_ids, params, query.offset, query.limit, fetch,
                                     [](const Statement& s) { return video_of(s); });
      if (!page) return propagate(page);
      if (*page) return std::move(**page);
    }
    return ConnectionEntityStore(c).query_videos(query);
  });
}

StoreResult<std::optional<std::string>> SqliteStore::find_channel_owner(
    std::string_view channel_id) {
  return read(
      [&](Connection& c) { return ConnectionEntityStore(c).find_channel_owner(channel_id); });
}

StoreResult<Page<LiveSession>> SqliteStore::query_sessions(const SessionQuery& query) {
  return read_snapshot(
      [&](Connection& c) { return ConnectionEntityStore(c).query_sessions(query); });
}

StoreResult<std::optional<PolyvGroupKeys>> SqliteStore::find_polyv_group(std::string_view app_id) {
  return read([&](Connection& c) { return ConnectionEntityStore(c).find_polyv_group(app_id); });
}

StoreResult<Page<Allocation>> SqliteStore::query_allocations(const AllocationQuery& query) {
  std::vector<Param> params;
  const std::string from_where = sql::allocation_filter<Backend>(query, params);
  std::string key = "a";
  if (query.type) key += 't';
  if (query.from) key += 'f';
  if (query.to) key += 'u';
  return read_snapshot([&](Connection& c) -> StoreResult<Page<Allocation>> {
    if (options_.cache_ranks) {
      for (const auto& param : params) {
        append_part(
            key, std::visit(
                     [](const auto& value) -> std::string {
                       if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::string>) {
                         return value;
                       } else {
                         return std::to_string(value);
                       }
                     },
                     param));
      }
      const std::string select_ids = "SELECT id " + from_where + std::string(sql::kAllocationOrder);
      static const std::string fetch =
          sql::select(sql::kAllocationColumns, "FROM polyv_allocations WHERE id = ?");
      auto page = ranked_page<Allocation>(c, key, select_ids, params, query.offset, query.limit,
                                          fetch, sql::allocation_of);
      if (!page) return propagate(page);
      if (*page) return std::move(**page);
    }
    return ConnectionEntityStore(c).query_allocations(query);
  });
}

StoreResult<core::Ok> SqliteStore::read(
    ReadKind kind, const std::function<StoreResult<core::Ok>(SqlBackend)>& body) {
  auto run = [&](Connection& c) {
    Backend backend(c, options_.bulk_import_videos);
    return body(SqlBackend{&backend});
  };
  return kind == ReadKind::kSnapshot ? read_snapshot(run) : read(run);
}

StoreResult<bool> SqliteStore::transact(
    const std::function<StoreResult<Outcome>(EntityStore&)>& body) {
  std::lock_guard lock(writer_mutex_);
  auto transaction = Transaction::begin(*writer_, Transaction::Kind::kImmediate);
  if (!transaction) return propagate(transaction);
  ConnectionEntityStore entities(*writer_, options_.bulk_import_videos);
  auto outcome = body(entities);
  if (!outcome) return propagate(outcome);
  if (*outcome == Outcome::kRollback) {
    transaction->rollback();
    return false;
  }
  auto committed = transaction->commit();
  ++generation_;
  if (!committed) return propagate(committed);
  return true;
}

StoreResult<core::Ok> SqliteStore::snapshot(
    const std::function<StoreResult<core::Ok>(EntityStore&)>& body) {
  return read_snapshot([&](Connection& c) {
    ConnectionEntityStore entities(c, options_.bulk_import_videos);
    return body(entities);
  });
}

}  // namespace mediagate::store::sqlite
