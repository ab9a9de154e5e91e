// Polyv's SQL, written once as templates over the shared SQL layer's backend
// (store/sql/backend.hpp), so that it runs on SQLite and PostgreSQL alike: the endpoints' reads
// (SqlPolyvRepository) and the admin API's (PolyvEntities). Columns and row mappings:
// vendors/polyv/polyv_rows.hpp (shared with the module's writes and export, polyv_writes.hpp).
//
// The endpoints' long pages (a get-by-uploader listing, a group's allocation log) are served
// from the backend's lists of ordered ids where it keeps them (sql::RanksIds: SQLite's rank
// cache, store/sqlite/rank_cache.hpp): the total and `limit` lookups by id, whatever the
// offset. Elsewhere, and whenever the backend has no such list, sql::page_of: on PostgreSQL one
// statement (the count beside a LIMIT/OFFSET page), on SQLite a count and the page. Read them as
// store::ReadKind::kPage.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "store/sql/backend.hpp"
#include "store/sql/rows.hpp"
#include "vendors/polyv/polyv_data.hpp"
#include "vendors/polyv/polyv_rows.hpp"

namespace mediagate::vendors::polyv::queries {

namespace sql = store::sql;
using store::Page;
using store::Range;
using store::StoreResult;

namespace detail {

// A page of an entity table, of the rows where one of `searched` contains range.search.
template <class T, class B, class Map>
StoreResult<Page<T>> page(B& db, std::string_view select, std::string from_where,
                          std::initializer_list<std::string_view> searched,
                          std::string_view order_by, std::vector<typename B::Param> params,
                          const Range& range, Map&& map) {
  sql::add_search<B>(from_where, params, searched, range.search);
  return sql::page_of<T>(db, select, from_where, order_by, params, range.offset, range.limit,
                         std::forward<Map>(map));
}

inline constexpr auto exists = [](const auto&) { return true; };

// Appends one part of a ranked list's key, its length first (parts never run together).
inline void append_part(std::string& key, std::string_view part) {
  key += std::to_string(part.size());
  key += ':';
  key += part;
}
template <class Param>
void append_param(std::string& key, const Param& param) {
  std::visit(
      [&](const auto& value) {
        if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::string>) {
          append_part(key, value);
        } else {
          append_part(key, std::to_string(value));
        }
      },
      param);
}

// The page [offset, offset + limit) of the backend's list `key` (`select_ids`, with `params`),
// each row read by `fetch_sql` (its one parameter: the id). Nothing when the backend keeps no
// such list, or when this snapshot lacks a listed row (a write the list does not know yet).
template <class T, class B, class Map>
StoreResult<std::optional<Page<T>>> ranked_page(B& db, const std::string& key,
                                                const std::string& select_ids,
                                                const std::vector<typename B::Param>& params,
                                                std::int64_t offset, std::int64_t limit,
                                                std::string_view fetch_sql, Map&& map) {
  auto slice = db.ranked_ids(key, select_ids, params, offset, limit);
  if (!slice) return sql::propagate(slice);
  if (!*slice) return std::optional<Page<T>>{};
  Page<T> page;
  page.total = (*slice)->total;
  page.items.reserve((*slice)->ids.size());
  for (const auto id : (*slice)->ids) {
    auto row = sql::find_one<T>(db, fetch_sql, map, id);
    if (!row) return sql::propagate(row);
    if (!*row) return std::optional<Page<T>>{};
    page.items.push_back(std::move(**row));
  }
  return std::optional<Page<T>>{std::move(page)};
}

}  // namespace detail

// --- Accounts and what they hold ------------------------------------------------------------

template <class B>
StoreResult<Page<vendors::polyv::PolyvAccountKeys>> accounts(B& db, Range range) {
  static const std::string kSelect = sql::select(kAccountColumns);
  return detail::page<vendors::polyv::PolyvAccountKeys>(
      db, kSelect, "FROM polyv_accounts", {"user_id", "email", "app_id"}, " ORDER BY user_id", {},
      range, account_keys_of);
}

template <class B>
StoreResult<std::optional<vendors::polyv::PolyvAccountKeys>> account(B& db,
                                                                     std::string_view user_id) {
  static const std::string kSql =
      sql::select(kAccountColumns, "FROM polyv_accounts WHERE user_id = ?");
  return sql::find_one<vendors::polyv::PolyvAccountKeys>(db, kSql, account_keys_of, user_id);
}

template <class B>
StoreResult<std::optional<vendors::polyv::PolyvAccountKeys>> account_by_app_id(
    B& db, std::string_view app_id) {
  static const std::string kSql =
      sql::select(kAccountColumns, "FROM polyv_accounts WHERE app_id = ?");
  return sql::find_one<vendors::polyv::PolyvAccountKeys>(db, kSql, account_keys_of, app_id);
}

template <class B>
StoreResult<Page<std::string>> sub_accounts(B& db, std::string_view user_id, Range range) {
  return detail::page<std::string>(db, "SELECT email", "FROM polyv_sub_accounts WHERE user_id = ?",
                                   {"email"}, " ORDER BY email", {B::param(user_id)}, range,
                                   sql::text_of);
}

template <class B>
StoreResult<bool> has_sub_account(B& db, std::string_view user_id, std::string_view email) {
  auto found =
      sql::find_one<bool>(db, "SELECT 1 FROM polyv_sub_accounts WHERE user_id = ? AND email = ?",
                          detail::exists, user_id, email);
  if (!found) return sql::propagate(found);
  return found->has_value();
}

template <class B>
StoreResult<Page<vendors::polyv::Category>> categories(B& db, std::string_view user_id,
                                                       Range range) {
  static const std::string kSelect = sql::select(kCategoryColumns);
  return detail::page<vendors::polyv::Category>(
      db, kSelect, "FROM polyv_categories WHERE user_id = ?", {"cataid", "name"},
      " ORDER BY cataid", {B::param(user_id)}, range, category_of);
}

// Every category of the account, by cataid.
template <class B>
StoreResult<std::vector<vendors::polyv::Category>> all_categories(B& db, std::string_view user_id) {
  static const std::string kSql =
      sql::select(kCategoryColumns, "FROM polyv_categories WHERE user_id = ? ORDER BY cataid");
  return sql::list_rows<vendors::polyv::Category>(db, kSql, category_of, user_id);
}

// --- Videos ---------------------------------------------------------------------------------

// The "FROM ... WHERE" of a get-by-uploader query (its parameters appended to `params`).
template <class B>
std::string video_filter(const VideoQuery& query, std::vector<typename B::Param>& params) {
  std::string from_where = "FROM polyv_videos WHERE user_id = ?";
  params.emplace_back(B::param(query.user_id));
  if (query.cataids) {
    // One list parameter whatever the list's length: the statement stays cacheable.
    from_where += " AND ";
    B::append_in_list(from_where, "cataid", sql::ListOf::kIntegers);
    params.emplace_back(B::list_param(*query.cataids));
  }
  if (query.uploader_email) {
    from_where += " AND uploader_email = ?";
    params.emplace_back(B::param(*query.uploader_email));
  }
  // A text no stored one can equal: every row differs from it.
  if (query.exclude_uploader_email && B::storable(*query.exclude_uploader_email)) {
    from_where += " AND uploader_email <> ?";
    params.emplace_back(B::param(*query.exclude_uploader_email));
  }
  if (query.published_only) from_where += " AND status IN ('60', '61')";
  sql::add_search<B>(from_where, params, {"vid", "title"}, query.search);
  return from_where;
}

// Its ORDER BY (ties: vid ascending).
inline std::string_view video_order(VideoOrder order) {
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

// A page of videos: its count and LIMIT/OFFSET rows (sql::page_of: read it as ReadKind::kPage).
template <class B>
StoreResult<Page<vendors::polyv::Video>> videos(B& db, const VideoQuery& query) {
  static const std::string kSelect = sql::select(kVideoColumns);
  std::vector<typename B::Param> params;
  const std::string from_where = video_filter<B>(query, params);
  return sql::page_of<vendors::polyv::Video>(db, kSelect, from_where, video_order(query.order),
                                             params, query.offset, query.limit, video_of);
}

// The same page, from the backend's list of the query's ordered ids where it keeps one.
template <class B>
StoreResult<Page<vendors::polyv::Video>> ranked_videos(B& db, const VideoQuery& query) {
  if constexpr (sql::RanksIds<B>) {
    if (db.ranks()) {
      // A backend that ranks is SQLite's: its lists are of rowids.
      std::vector<typename B::Param> params;
      std::string filter = video_filter<B>(query, params);
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
      for (const auto& param : params) detail::append_param(key, param);
      static const std::string kFetch =
          sql::select(kVideoColumns, "FROM polyv_videos WHERE rowid = ?");
      auto page = detail::ranked_page<vendors::polyv::Video>(
          db, key, select_ids, params, query.offset, query.limit, kFetch, video_of);
      if (!page) return sql::propagate(page);
      if (*page) return std::move(**page);
    }
  }
  return videos(db, query);
}

template <class B>
StoreResult<std::optional<VideoRecord>> find_video(B& db, std::string_view vid) {
  // user_id after the video's own columns.
  static const std::string kSql =
      sql::select(kVideoColumns, ", user_id FROM polyv_videos WHERE vid = ?");
  return sql::find_one<VideoRecord>(
      db, kSql,
      [](const auto& s) {
        return VideoRecord{s.text(11), video_of(s)};
      },
      vid);
}

// --- Channels and sessions ------------------------------------------------------------------

template <class B>
StoreResult<Page<std::string>> channels(B& db, std::string_view user_id, Range range) {
  return detail::page<std::string>(db, "SELECT channel_id", "FROM polyv_channels WHERE user_id = ?",
                                   {"channel_id"}, " ORDER BY channel_id", {B::param(user_id)},
                                   range, sql::text_of);
}

// The user_id owning a channel, if the channel exists.
template <class B>
StoreResult<std::optional<std::string>> channel_owner(B& db, std::string_view channel_id) {
  return sql::find_one<std::string>(db, "SELECT user_id FROM polyv_channels WHERE channel_id = ?",
                                    sql::text_of, channel_id);
}

// A channel's sessions, by start time descending (ties: session_id ascending).
template <class B>
StoreResult<Page<vendors::polyv::LiveSession>> sessions(B& db, std::string_view channel_id,
                                                        Range range) {
  static const std::string kSelect = sql::select(kSessionColumns);
  return detail::page<vendors::polyv::LiveSession>(
      db, kSelect, "FROM polyv_sessions WHERE channel_id = ?", {"session_id", "custom_id"},
      " ORDER BY start_time DESC, session_id ASC", {B::param(channel_id)}, range, session_of);
}

template <class B>
StoreResult<std::optional<SessionRecord>> find_session(B& db, std::string_view session_id) {
  static const std::string kSql = "SELECT channel_id, " + std::string(kSessionColumns) +
                                  " FROM polyv_sessions" + " WHERE session_id = ?";
  return sql::find_one<SessionRecord>(
      db, kSql,
      [](const auto& s) {
        return SessionRecord{s.text(0), session_of(s, 1)};
      },
      session_id);
}

// The sessions of a listing (sql::page_of: read it as ReadKind::kPage).
template <class B>
StoreResult<Page<vendors::polyv::LiveSession>> query_sessions(B& db, const SessionQuery& query) {
  static const std::string kSelect = sql::select(kSessionColumns);
  static const std::string kFromWhere =
      "FROM polyv_sessions WHERE channel_id = ? AND start_time BETWEEN ? AND ?";
  const std::vector<typename B::Param> params{B::param(query.channel_id), B::param(query.from),
                                              B::param(query.to)};
  return sql::page_of<vendors::polyv::LiveSession>(db, kSelect, kFromWhere,
                                                   " ORDER BY start_time DESC, session_id ASC",
                                                   params, query.offset, query.limit, session_of);
}

// --- Groups ---------------------------------------------------------------------------------

template <class B>
StoreResult<Page<vendors::polyv::PolyvGroupKeys>> groups(B& db, Range range) {
  static const std::string kSelect = sql::select(kGroupColumns);
  return detail::page<vendors::polyv::PolyvGroupKeys>(db, kSelect, "FROM polyv_groups", {"app_id"},
                                                      " ORDER BY app_id", {}, range, group_keys_of);
}

template <class B>
StoreResult<std::optional<vendors::polyv::PolyvGroupKeys>> group(B& db, std::string_view app_id) {
  static const std::string kSql = sql::select(kGroupColumns, "FROM polyv_groups WHERE app_id = ?");
  return sql::find_one<vendors::polyv::PolyvGroupKeys>(db, kSql, group_keys_of, app_id);
}

template <class B>
StoreResult<Page<std::string>> group_sub_accounts(B& db, std::string_view app_id, Range range) {
  return detail::page<std::string>(db, "SELECT email",
                                   "FROM polyv_group_sub_accounts WHERE app_id = ?", {"email"},
                                   " ORDER BY email", {B::param(app_id)}, range, sql::text_of);
}

template <class B>
StoreResult<bool> has_group_sub_account(B& db, std::string_view app_id, std::string_view email) {
  auto found = sql::find_one<bool>(
      db, "SELECT 1 FROM polyv_group_sub_accounts WHERE app_id = ? AND email = ?", detail::exists,
      app_id, email);
  if (!found) return sql::propagate(found);
  return found->has_value();
}

// --- Allocations ----------------------------------------------------------------------------

// An allocation with its insertion id first.
inline const std::string& allocation_record_select() {
  static const std::string kSelect = "SELECT id, " + std::string(kAllocationColumns);
  return kSelect;
}
inline constexpr auto allocation_record_of = [](const auto& s) {
  return AllocationRecord{s.int64(0), allocation_of(s, 1)};
};

// In insertion order; only `email`'s when given.
template <class B>
StoreResult<Page<AllocationRecord>> allocation_records(B& db, std::string_view app_id,
                                                       const std::optional<std::string>& email,
                                                       Range range) {
  std::string from_where = "FROM polyv_allocations WHERE app_id = ?";
  std::vector<typename B::Param> params{B::param(app_id)};
  if (email) {
    from_where += " AND email = ?";
    params.emplace_back(B::param(*email));
  }
  return detail::page<AllocationRecord>(db, allocation_record_select(), from_where,
                                        {"email", "origin"}, " ORDER BY id", params, range,
                                        allocation_record_of);
}

template <class B>
StoreResult<std::optional<AllocationRecord>> find_allocation(B& db, std::string_view app_id,
                                                             std::int64_t id) {
  static const std::string kSql =
      allocation_record_select() + " FROM polyv_allocations WHERE app_id = ? AND id = ?";
  return sql::find_one<AllocationRecord>(db, kSql, allocation_record_of, app_id, id);
}

// The id of the allocation with this key (email, date, origin, type), if any.
template <class B>
StoreResult<std::optional<std::int64_t>> find_allocation_id(B& db, std::string_view app_id,
                                                            const vendors::polyv::Allocation& key) {
  return sql::find_one<std::int64_t>(
      db,
      "SELECT id FROM polyv_allocations"
      " WHERE app_id = ? AND email = ? AND date = ? AND origin = ? AND type = ?",
      [](const auto& s) { return s.int64(0); }, app_id, key.email, key.date, key.origin, key.type);
}

// Rewrites allocation `id` in place (it keeps its id, hence its place in the order).
template <class B>
StoreResult<bool> update_allocation(B& db, std::string_view app_id, std::int64_t id,
                                    const vendors::polyv::Allocation& a) {
  return db.write([&]() -> StoreResult<bool> {
    auto changed = db.execute(
        "UPDATE polyv_allocations SET email = ?, date = ?, type = ?, origin = ?, origin_text = ?,"
        " space = ?, flow = ?, channels = ?, concurrences = ?, duration = ?"
        " WHERE app_id = ? AND id = ?",
        a.email, a.date, a.type, a.origin, a.origin_text, a.space, a.flow, a.channels,
        a.concurrences, a.duration, app_id, id);
    if (!changed) return sql::propagate(changed);
    return *changed > 0;
  });
}

// The "FROM ... WHERE" of a group's allocation log query (its parameters appended to
// `params`: app_id, the emails as one list, then type, from and to where given), and its order.
template <class B>
std::string allocation_filter(const AllocationQuery& query,
                              std::vector<typename B::Param>& params) {
  std::string from_where = "FROM polyv_allocations WHERE app_id = ? AND ";
  B::append_in_list(from_where, "email", sql::ListOf::kTexts);
  params.emplace_back(B::param(query.app_id));
  params.emplace_back(B::list_param(query.emails));
  if (query.type) {
    from_where += " AND type = ?";
    params.emplace_back(B::param(*query.type));
  }
  if (query.from) {
    from_where += " AND date >= ?";
    params.emplace_back(B::param(*query.from));
  }
  if (query.to) {
    from_where += " AND date <= ?";
    params.emplace_back(B::param(*query.to));
  }
  return from_where;
}
inline constexpr std::string_view kAllocationOrder = " ORDER BY date DESC, id ASC";

// A page of a group's allocation log, from the backend's list of its ordered ids where it
// keeps one, else sql::page_of (read it as ReadKind::kPage).
template <class B>
StoreResult<Page<vendors::polyv::Allocation>> allocations(B& db, const AllocationQuery& query) {
  std::vector<typename B::Param> params;
  const std::string from_where = allocation_filter<B>(query, params);
  if constexpr (sql::RanksIds<B>) {
    if (db.ranks()) {
      std::string key = "a";
      if (query.type) key += 't';
      if (query.from) key += 'f';
      if (query.to) key += 'u';
      for (const auto& param : params) detail::append_param(key, param);
      const std::string select_ids = "SELECT id " + from_where + std::string(kAllocationOrder);
      static const std::string kFetch =
          sql::select(kAllocationColumns, "FROM polyv_allocations WHERE id = ?");
      auto page = detail::ranked_page<vendors::polyv::Allocation>(
          db, key, select_ids, params, query.offset, query.limit, kFetch, allocation_of);
      if (!page) return sql::propagate(page);
      if (*page) return std::move(**page);
    }
  }
  static const std::string kSelect = sql::select(kAllocationColumns);
  return sql::page_of<vendors::polyv::Allocation>(db, kSelect, from_where, kAllocationOrder, params,
                                                  query.offset, query.limit, allocation_of);
}

}  // namespace mediagate::vendors::polyv::queries
