#include "store/sqlite/sqlite_store.hpp"

#include <algorithm>
#include <variant>

#include "core/clock.hpp"
#include "core/logger.hpp"  // append_json_string
#include "store/sqlite/dataset_exporter.hpp"
#include "store/sqlite/dataset_importer.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/schema.hpp"
#include "store/sqlite/transaction.hpp"

namespace mediagate::store::sqlite {
namespace {

using Param = std::variant<std::int64_t, std::string>;

std::string json_array(const std::vector<std::int64_t>& values) {
  std::string out = "[";
  for (const auto value : values) {
    if (out.size() > 1) out += ',';
    out += std::to_string(value);
  }
  return out + "]";
}

std::string json_array(const std::vector<std::string>& values) {
  std::string out = "[";
  for (const auto& value : values) {
    if (out.size() > 1) out += ',';
    core::append_json_string(out, value);  // JSON string literal, escaped
  }
  return out + "]";
}

void bind_params(Statement& statement, const std::vector<Param>& params) {
  int index = 0;
  for (const auto& param : params) {
    std::visit([&](const auto& value) { statement.bind(++index, value); }, param);
  }
}

std::int64_t non_negative(std::int64_t value) {
  return std::max<std::int64_t>(0, value);
}

// A query's rows mapped to values with `map(statement)`.
template <class T, class Map>
StoreResult<std::vector<T>> collect(Statement& statement, Map&& map) {
  std::vector<T> rows;
  while (true) {
    auto more = statement.step();
    if (!more) return propagate(more);
    if (!*more) return rows;
    rows.push_back(map(statement));
  }
}

template <class T, class Map, class... Args>
StoreResult<std::vector<T>> list_rows(Connection& connection, std::string_view sql, Map&& map,
                                      const Args&... args) {
  auto statement = connection.prepare(sql);
  if (!statement) return propagate(statement);
  (*statement)->bind_all(args...);
  return collect<T>(**statement, std::forward<Map>(map));
}

template <class T, class Map, class... Args>
StoreResult<std::optional<T>> find_one(Connection& connection, std::string_view sql, Map&& map,
                                       const Args&... args) {
  auto statement = connection.prepare(sql);
  if (!statement) return propagate(statement);
  auto row = (*statement)->bind_all(args...).step();
  if (!row) return propagate(row);
  if (!*row) return std::optional<T>{};
  return std::optional<T>{map(**statement)};
}

// COUNT(*) of `from_where`, then one page of `select ... from_where order_by`.
template <class T, class Map>
StoreResult<Page<T>> page_of(Connection& connection, std::string_view select,
                             const std::string& from_where, std::string_view order_by,
                             const std::vector<Param>& params, std::int64_t offset,
                             std::int64_t limit, Map&& map) {
  Page<T> page;
  {
    auto count = connection.prepare("SELECT count(*) " + from_where);
    if (!count) return propagate(count);
    bind_params(**count, params);
    auto row = (*count)->step();
    if (!row) return propagate(row);
    page.total = *row ? (*count)->int64(0) : 0;
  }
  const auto bounded_limit = non_negative(limit);
  if (bounded_limit == 0 || non_negative(offset) >= page.total) return page;

  std::string sql(select);
  sql += ' ';
  sql += from_where;
  sql += order_by;
  sql += " LIMIT ? OFFSET ?";
  auto statement = connection.prepare(sql);
  if (!statement) return propagate(statement);
  bind_params(**statement, params);
  const int next = static_cast<int>(params.size());
  (*statement)->bind(next + 1, bounded_limit).bind(next + 2, non_negative(offset));
  auto items = collect<T>(**statement, std::forward<Map>(map));
  if (!items) return propagate(items);
  page.items = std::move(*items);
  return page;
}

PolyvAccountKeys account_keys(const Statement& s) {
  return {s.text(0), s.text(1), s.text(2), s.text(3), s.text(4)};
}

constexpr std::string_view kAccountColumns =
    "SELECT user_id, email, secret_key, app_id, app_secret FROM polyv_accounts ";

constexpr std::string_view kVideoColumns =
    "SELECT vid, cataid, title, context, times, first_image, tag, aac_link, status,"
    " uploader_email, ptime";

Video video_of(const Statement& s) {
  return {s.text(0), s.int64(1),         s.text(2), s.text(3), s.int64(4), s.text(5),
          s.text(6), s.optional_text(7), s.text(8), s.text(9), s.int64(10)};
}

std::string_view video_order(VideoOrder order) {
  switch (order) {
    case VideoOrder::kPtimeAsc:
      return " ORDER BY ptime ASC, vid ASC";
    case VideoOrder::kPtimeDesc:
      return " ORDER BY ptime DESC, vid ASC";
    case VideoOrder::kTimesAsc:
      return " ORDER BY times ASC, vid ASC";
    case VideoOrder::kTimesDesc:
      return " ORDER BY times DESC, vid ASC";
  }
  return " ORDER BY ptime ASC, vid ASC";
}

}  // namespace

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
  return import_dataset(*writer_, data, {.bulk_videos = options_.bulk_import_videos});
}

StoreResult<Dataset> SqliteStore::export_all() {
  return read([](Connection& c) { return export_dataset(c); });
}

StoreResult<std::optional<PolyvAccountKeys>> SqliteStore::find_polyv_account_by_user_id(
    std::string_view user_id) {
  return read([&](Connection& c) {
    return find_one<PolyvAccountKeys>(c, std::string(kAccountColumns) + "WHERE user_id = ?",
                                      account_keys, user_id);
  });
}

StoreResult<std::optional<PolyvAccountKeys>> SqliteStore::find_polyv_account_by_app_id(
    std::string_view app_id) {
  return read([&](Connection& c) {
    return find_one<PolyvAccountKeys>(c, std::string(kAccountColumns) + "WHERE app_id = ?",
                                      account_keys, app_id);
  });
}

StoreResult<std::vector<Category>> SqliteStore::list_categories(std::string_view user_id) {
  return read([&](Connection& c) {
    return list_rows<Category>(
        c, "SELECT cataid, name, parent FROM polyv_categories WHERE user_id = ? ORDER BY cataid",
        [](const Statement& s) {
          return Category{s.int64(0), s.text(1), s.optional_int64(2)};
        },
        user_id);
  });
}

StoreResult<bool> SqliteStore::has_sub_account(std::string_view user_id, std::string_view email) {
  return read([&](Connection& c) -> StoreResult<bool> {
    auto found = find_one<bool>(
        c, "SELECT 1 FROM polyv_sub_accounts WHERE user_id = ? AND email = ?",
        [](const Statement&) { return true; }, user_id, email);
    if (!found) return propagate(found);
    return found->has_value();
  });
}

StoreResult<Page<Video>> SqliteStore::query_videos(const VideoQuery& query) {
  std::string from_where = "FROM polyv_videos WHERE user_id = ?";
  std::vector<Param> params{query.user_id};
  if (query.cataids) {
    // One JSON array parameter whatever the list's length: the statement stays cacheable and
    // SQLite builds a temporary index over the list's values.
    from_where += " AND cataid IN (SELECT value FROM json_each(?))";
    params.emplace_back(json_array(*query.cataids));
  }
  if (query.uploader_email) {
    from_where += " AND uploader_email = ?";
    params.emplace_back(*query.uploader_email);
  }
  if (query.exclude_uploader_email) {
    from_where += " AND uploader_email <> ?";
    params.emplace_back(*query.exclude_uploader_email);
  }
  if (query.published_only) from_where += " AND status IN ('60', '61')";

  return read_snapshot([&](Connection& c) {
    return page_of<Video>(c, kVideoColumns, from_where, video_order(query.order), params,
                          query.offset, query.limit, video_of);
  });
}

StoreResult<std::optional<std::string>> SqliteStore::find_channel_owner(
    std::string_view channel_id) {
  return read([&](Connection& c) {
    return find_one<std::string>(
        c, "SELECT user_id FROM polyv_channels WHERE channel_id = ?",
        [](const Statement& s) { return s.text(0); }, channel_id);
  });
}

StoreResult<Page<LiveSession>> SqliteStore::query_sessions(const SessionQuery& query) {
  const std::string from_where =
      "FROM polyv_sessions WHERE channel_id = ? AND start_time BETWEEN ? AND ?";
  const std::vector<Param> params{query.channel_id, query.from, query.to};
  return read_snapshot([&](Connection& c) {
    return page_of<LiveSession>(
        c, "SELECT session_id, start_time, end_time, custom_id", from_where,
        " ORDER BY start_time DESC, session_id ASC", params, query.offset, query.limit,
        [](const Statement& s) {
          return LiveSession{s.text(0), s.int64(1), s.optional_int64(2), s.optional_text(3)};
        });
  });
}

StoreResult<std::optional<PolyvGroupKeys>> SqliteStore::find_polyv_group(std::string_view app_id) {
  return read([&](Connection& c) {
    return find_one<PolyvGroupKeys>(
        c, "SELECT app_id, app_secret, forbidden FROM polyv_groups WHERE app_id = ?",
        [](const Statement& s) {
          return PolyvGroupKeys{s.text(0), s.text(1), s.int64(2) != 0};
        },
        app_id);
  });
}

StoreResult<Page<Allocation>> SqliteStore::query_allocations(const AllocationQuery& query) {
  std::string from_where =
      "FROM polyv_allocations WHERE app_id = ? AND email IN (SELECT value FROM json_each(?))";
  std::vector<Param> params{query.app_id, json_array(query.emails)};
  if (query.type) {
    from_where += " AND type = ?";
    params.emplace_back(*query.type);
  }
  if (query.from) {
    from_where += " AND date >= ?";
    params.emplace_back(*query.from);
  }
  if (query.to) {
    from_where += " AND date <= ?";
    params.emplace_back(*query.to);
  }
  return read_snapshot([&](Connection& c) {
    return page_of<Allocation>(
        c,
        "SELECT email, date, type, origin, origin_text, space, flow, channels, concurrences,"
        " duration",
        from_where, " ORDER BY date DESC, id ASC", params, query.offset, query.limit,
        [](const Statement& s) {
          return Allocation{s.text(0),           s.int64(1),          s.text(2),
                            s.text(3),           s.text(4),           s.optional_int64(5),
                            s.optional_int64(6), s.optional_int64(7), s.optional_int64(8),
                            s.optional_int64(9)};
        });
  });
}

StoreResult<std::optional<std::string>> SqliteStore::find_iqiyi_md5_key(
    std::string_view partner_code) {
  return read([&](Connection& c) {
    return find_one<std::string>(
        c, "SELECT md5_key FROM iqiyi_partners WHERE partner_code = ?",
        [](const Statement& s) { return s.text(0); }, partner_code);
  });
}

StoreResult<std::optional<IqiyiUser>> SqliteStore::find_iqiyi_user(std::string_view partner_code,
                                                                   std::string_view user_id,
                                                                   std::string_view area) {
  return read([&](Connection& c) {
    return find_one<IqiyiUser>(
        c,
        "SELECT user_id, area, vod_coupons FROM iqiyi_users"
        " WHERE partner_code = ? AND user_id = ? AND area = ?",
        [](const Statement& s) {
          return IqiyiUser{s.text(0), s.text(1), s.int64(2)};
        },
        partner_code, user_id, area);
  });
}

StoreResult<std::optional<PumpkinPartner>> SqliteStore::find_pumpkin_partner(std::string_view pid) {
  return read_snapshot([&](Connection& c) -> StoreResult<std::optional<PumpkinPartner>> {
    auto partner = find_one<PumpkinPartner>(
        c, "SELECT pid, access_secret FROM pumpkin_partners WHERE pid = ?",
        [](const Statement& s) {
          return PumpkinPartner{s.text(0), s.text(1), {}};
        },
        pid);
    if (!partner || !partner->has_value()) return partner;
    auto actions = list_rows<std::string>(
        c, "SELECT action FROM pumpkin_actions WHERE pid = ? ORDER BY action",
        [](const Statement& s) { return s.text(0); }, pid);
    if (!actions) return propagate(actions);
    (*partner)->actions = std::move(*actions);
    return partner;
  });
}

StoreResult<std::vector<PumpkinMedia>> SqliteStore::list_offline_media(EpochMs from, EpochMs to) {
  return read([&](Connection& c) {
    return list_rows<PumpkinMedia>(
        c,
        "SELECT movie_id, movie_name, delete_time FROM pumpkin_media"
        " WHERE delete_time >= ? AND delete_time < ? ORDER BY delete_time, movie_id",
        [](const Statement& s) {
          return PumpkinMedia{s.int64(0), s.text(1), s.optional_int64(2)};
        },
        from, to);
  });
}

}  // namespace mediagate::store::sqlite
