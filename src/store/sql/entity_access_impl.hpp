// The definitions of EntityAccess<B>: included only by the file of each backend that
// instantiates it (store/sqlite/entity_access.cpp, store/postgres/entity_access.cpp).
// Queries run on every call build their SQL once (function-local statics).
#pragma once

#include <initializer_list>
#include <variant>

#include "store/sql/entity_access.hpp"
#include "store/sql/rows.hpp"

namespace mediagate::store::sql {
namespace entity_detail {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

// A page of an entity table, of the rows where one of `searched` contains range.search.
template <class T, class B, class Map>
StoreResult<Page<T>> page(B& db, std::string_view select, std::string from_where,
                          std::initializer_list<std::string_view> searched,
                          std::string_view order_by, std::vector<typename B::Param> params,
                          const Range& range, Map&& map) {
  add_search<B>(from_where, params, searched, range.search);
  return page_of<T>(db, select, from_where, order_by, params, range.offset, range.limit,
                    std::forward<Map>(map));
}

// Runs `statements` in order with the same parameters, as one write: children first, the
// entity itself last; true if the last one removed a row.
template <class B, class... Args>
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

inline constexpr auto exists = [](const auto&) { return true; };

}  // namespace entity_detail

// --- Polyv accounts ---

template <Backend B>
StoreResult<Page<PolyvAccountKeys>> EntityAccess<B>::list_polyv_accounts(Range range) {
  static const std::string kSelect = select(kAccountColumns);
  return entity_detail::page<PolyvAccountKeys>(db_, kSelect, "FROM polyv_accounts",
                                               {"user_id", "email", "app_id"}, " ORDER BY user_id",
                                               {}, range, account_keys_of);
}

template <Backend B>
StoreResult<std::optional<PolyvAccountKeys>> EntityAccess<B>::find_polyv_account(
    std::string_view user_id) {
  static const std::string kSql = select(kAccountColumns, "FROM polyv_accounts WHERE user_id = ?");
  return find_one<PolyvAccountKeys>(db_, kSql, account_keys_of, user_id);
}

template <Backend B>
StoreResult<std::optional<PolyvAccountKeys>> EntityAccess<B>::find_polyv_account_by_app_id(
    std::string_view app_id) {
  static const std::string kSql = select(kAccountColumns, "FROM polyv_accounts WHERE app_id = ?");
  return find_one<PolyvAccountKeys>(db_, kSql, account_keys_of, app_id);
}

template <Backend B>
StoreResult<Page<std::string>> EntityAccess<B>::list_polyv_sub_accounts(std::string_view user_id,
                                                                        Range range) {
  return entity_detail::page<std::string>(db_, "SELECT email",
                                          "FROM polyv_sub_accounts WHERE user_id = ?", {"email"},
                                          " ORDER BY email", {B::param(user_id)}, range, text_of);
}

template <Backend B>
StoreResult<bool> EntityAccess<B>::has_polyv_sub_account(std::string_view user_id,
                                                         std::string_view email) {
  auto found =
      find_one<bool>(db_, "SELECT 1 FROM polyv_sub_accounts WHERE user_id = ? AND email = ?",
                     entity_detail::exists, user_id, email);
  if (!found) return propagate(found);
  return found->has_value();
}

template <Backend B>
StoreResult<Page<Category>> EntityAccess<B>::list_categories(std::string_view user_id,
                                                             Range range) {
  static const std::string kSelect = select(kCategoryColumns);
  return entity_detail::page<Category>(db_, kSelect, "FROM polyv_categories WHERE user_id = ?",
                                       {"cataid", "name"}, " ORDER BY cataid", {B::param(user_id)},
                                       range, category_of);
}

template <Backend B>
StoreResult<Page<Video>> EntityAccess<B>::query_videos(const VideoQuery& query) {
  static const std::string kSelect = select(kVideoColumns);
  std::vector<typename B::Param> params;
  const std::string from_where = video_filter<B>(query, params);
  return page_of<Video>(db_, kSelect, from_where, video_order(query.order), params, query.offset,
                        query.limit, video_of);
}

template <Backend B>
StoreResult<std::optional<VideoRecord>> EntityAccess<B>::find_video(std::string_view vid) {
  // user_id after the video's own columns.
  static const std::string kSql =
      select(kVideoColumns, ", user_id FROM polyv_videos WHERE vid = ?");
  return find_one<VideoRecord>(
      db_, kSql,
      [](const auto& s) {
        return VideoRecord{s.text(11), video_of(s)};
      },
      vid);
}

template <Backend B>
StoreResult<Page<std::string>> EntityAccess<B>::list_channels(std::string_view user_id,
                                                              Range range) {
  return entity_detail::page<std::string>(
      db_, "SELECT channel_id", "FROM polyv_channels WHERE user_id = ?", {"channel_id"},
      " ORDER BY channel_id", {B::param(user_id)}, range, text_of);
}

template <Backend B>
StoreResult<std::optional<std::string>> EntityAccess<B>::find_channel_owner(
    std::string_view channel_id) {
  return find_one<std::string>(db_, "SELECT user_id FROM polyv_channels WHERE channel_id = ?",
                               text_of, channel_id);
}

template <Backend B>
StoreResult<Page<LiveSession>> EntityAccess<B>::list_sessions(std::string_view channel_id,
                                                              Range range) {
  static const std::string kSelect = select(kSessionColumns);
  return entity_detail::page<LiveSession>(
      db_, kSelect, "FROM polyv_sessions WHERE channel_id = ?", {"session_id", "custom_id"},
      " ORDER BY start_time DESC, session_id ASC", {B::param(channel_id)}, range, session_of);
}

template <Backend B>
StoreResult<std::optional<SessionRecord>> EntityAccess<B>::find_session(
    std::string_view session_id) {
  static const std::string kSql = "SELECT channel_id, " + std::string(kSessionColumns) +
                                  " FROM polyv_sessions" + " WHERE session_id = ?";
  return find_one<SessionRecord>(
      db_, kSql,
      [](const auto& s) {
        return SessionRecord{s.text(0), session_of(s, 1)};
      },
      session_id);
}

// --- Polyv groups ---

template <Backend B>
StoreResult<Page<PolyvGroupKeys>> EntityAccess<B>::list_polyv_groups(Range range) {
  static const std::string kSelect = select(kGroupColumns);
  return entity_detail::page<PolyvGroupKeys>(db_, kSelect, "FROM polyv_groups", {"app_id"},
                                             " ORDER BY app_id", {}, range, group_keys_of);
}

template <Backend B>
StoreResult<std::optional<PolyvGroupKeys>> EntityAccess<B>::find_polyv_group(
    std::string_view app_id) {
  static const std::string kSql = select(kGroupColumns, "FROM polyv_groups WHERE app_id = ?");
  return find_one<PolyvGroupKeys>(db_, kSql, group_keys_of, app_id);
}

template <Backend B>
StoreResult<Page<std::string>> EntityAccess<B>::list_group_sub_accounts(std::string_view app_id,
                                                                        Range range) {
  return entity_detail::page<std::string>(
      db_, "SELECT email", "FROM polyv_group_sub_accounts WHERE app_id = ?", {"email"},
      " ORDER BY email", {B::param(app_id)}, range, text_of);
}

template <Backend B>
StoreResult<bool> EntityAccess<B>::has_group_sub_account(std::string_view app_id,
                                                         std::string_view email) {
  auto found =
      find_one<bool>(db_, "SELECT 1 FROM polyv_group_sub_accounts WHERE app_id = ? AND email = ?",
                     entity_detail::exists, app_id, email);
  if (!found) return propagate(found);
  return found->has_value();
}

namespace entity_detail {

// An allocation with its insertion id first.
inline const std::string& allocation_record_select() {
  static const std::string kSelect = "SELECT id, " + std::string(kAllocationColumns);
  return kSelect;
}
inline constexpr auto allocation_record_of = [](const auto& s) {
  return AllocationRecord{s.int64(0), allocation_of(s, 1)};
};

}  // namespace entity_detail

template <Backend B>
StoreResult<Page<AllocationRecord>> EntityAccess<B>::list_allocations(
    std::string_view app_id, const std::optional<std::string>& email, Range range) {
  std::string from_where = "FROM polyv_allocations WHERE app_id = ?";
  std::vector<typename B::Param> params{B::param(app_id)};
  if (email) {
    from_where += " AND email = ?";
    params.emplace_back(B::param(*email));
  }
  return entity_detail::page<AllocationRecord>(db_, entity_detail::allocation_record_select(),
                                               from_where, {"email", "origin"}, " ORDER BY id",
                                               params, range, entity_detail::allocation_record_of);
}

template <Backend B>
StoreResult<std::optional<AllocationRecord>> EntityAccess<B>::find_allocation(
    std::string_view app_id, std::int64_t id) {
  static const std::string kSql = entity_detail::allocation_record_select() +
                                  " FROM polyv_allocations WHERE app_id = ? AND id = ?";
  return find_one<AllocationRecord>(db_, kSql, entity_detail::allocation_record_of, app_id, id);
}

template <Backend B>
StoreResult<std::optional<std::int64_t>> EntityAccess<B>::find_allocation_id(
    std::string_view app_id, const Allocation& key) {
  return find_one<std::int64_t>(
      db_,
      "SELECT id FROM polyv_allocations"
      " WHERE app_id = ? AND email = ? AND date = ? AND origin = ? AND type = ?",
      [](const auto& s) { return s.int64(0); }, app_id, key.email, key.date, key.origin, key.type);
}

template <Backend B>
StoreResult<bool> EntityAccess<B>::update_allocation(std::string_view app_id, std::int64_t id,
                                                     const Allocation& a) {
  return db_.write([&]() -> StoreResult<bool> {
    auto changed = db_.execute(
        "UPDATE polyv_allocations SET email = ?, date = ?, type = ?, origin = ?, origin_text = ?,"
        " space = ?, flow = ?, channels = ?, concurrences = ?, duration = ?"
        " WHERE app_id = ? AND id = ?",
        a.email, a.date, a.type, a.origin, a.origin_text, a.space, a.flow, a.channels,
        a.concurrences, a.duration, app_id, id);
    if (!changed) return propagate(changed);
    return *changed > 0;
  });
}

// --- the stores' own reads ---

template <Backend B>
StoreResult<std::vector<Category>> EntityAccess<B>::all_categories(std::string_view user_id) {
  static const std::string kSql =
      select(kCategoryColumns, "FROM polyv_categories WHERE user_id = ? ORDER BY cataid");
  return list_rows<Category>(db_, kSql, category_of, user_id);
}

template <Backend B>
StoreResult<Page<LiveSession>> EntityAccess<B>::query_sessions(const SessionQuery& query) {
  static const std::string kSelect = select(kSessionColumns);
  static const std::string kFromWhere =
      "FROM polyv_sessions WHERE channel_id = ? AND start_time BETWEEN ? AND ?";
  const std::vector<typename B::Param> params{B::param(query.channel_id), B::param(query.from),
                                              B::param(query.to)};
  return page_of<LiveSession>(db_, kSelect, kFromWhere, " ORDER BY start_time DESC, session_id ASC",
                              params, query.offset, query.limit, session_of);
}

template <Backend B>
StoreResult<Page<Allocation>> EntityAccess<B>::query_allocations(const AllocationQuery& query) {
  static const std::string kSelect = select(kAllocationColumns);
  std::vector<typename B::Param> params;
  const std::string from_where = allocation_filter<B>(query, params);
  return page_of<Allocation>(db_, kSelect, from_where, kAllocationOrder, params, query.offset,
                             query.limit, allocation_of);
}

// --- writes ---

template <Backend B>
StoreResult<ImportSummary> EntityAccess<B>::upsert(const Dataset& data) {
  return db_.upsert(data);
}

template <Backend B>
StoreResult<bool> EntityAccess<B>::remove(const EntityRef& entity) {
  using entity_detail::delete_rows;
  return std::visit(
      entity_detail::Overloaded{
          [&](const PolyvAccountRef& r) {
            return delete_rows(db_,
                               {"DELETE FROM polyv_sessions WHERE channel_id IN"
                                " (SELECT channel_id FROM polyv_channels WHERE user_id = ?)",
                                "DELETE FROM polyv_channels WHERE user_id = ?",
                                "DELETE FROM polyv_videos WHERE user_id = ?",
                                "DELETE FROM polyv_categories WHERE user_id = ?",
                                "DELETE FROM polyv_sub_accounts WHERE user_id = ?",
                                "DELETE FROM polyv_accounts WHERE user_id = ?"},
                               r.user_id);
          },
          [&](const PolyvSubAccountRef& r) {
            return delete_rows(db_,
                               {"DELETE FROM polyv_sub_accounts WHERE user_id = ? AND email = ?"},
                               r.user_id, r.email);
          },
          [&](const CategoryRef& r) {
            return delete_rows(db_,
                               {"DELETE FROM polyv_categories WHERE user_id = ? AND cataid = ?"},
                               r.user_id, r.cataid);
          },
          [&](const VideoRef& r) {
            return delete_rows(db_, {"DELETE FROM polyv_videos WHERE vid = ?"}, r.vid);
          },
          [&](const ChannelRef& r) {
            return delete_rows(db_,
                               {"DELETE FROM polyv_sessions WHERE channel_id = ?",
                                "DELETE FROM polyv_channels WHERE channel_id = ?"},
                               r.channel_id);
          },
          [&](const SessionRef& r) {
            return delete_rows(db_, {"DELETE FROM polyv_sessions WHERE session_id = ?"},
                               r.session_id);
          },
          [&](const PolyvGroupRef& r) {
            return delete_rows(db_,
                               {"DELETE FROM polyv_allocations WHERE app_id = ?",
                                "DELETE FROM polyv_group_sub_accounts WHERE app_id = ?",
                                "DELETE FROM polyv_groups WHERE app_id = ?"},
                               r.app_id);
          },
          [&](const GroupSubAccountRef& r) {
            return delete_rows(
                db_, {"DELETE FROM polyv_group_sub_accounts WHERE app_id = ? AND email = ?"},
                r.app_id, r.email);
          },
          [&](const AllocationRef& r) {
            return delete_rows(db_, {"DELETE FROM polyv_allocations WHERE app_id = ? AND id = ?"},
                               r.app_id, r.id);
          },
          [&](const IqiyiPartnerRef& r) {
            return delete_rows(db_,
                               {"DELETE FROM iqiyi_coupon_uses WHERE partner_code = ?",
                                "DELETE FROM iqiyi_users WHERE partner_code = ?",
                                "DELETE FROM iqiyi_partners WHERE partner_code = ?"},
                               r.partner_code);
          },
          [&](const IqiyiUserRef& r) {
            return delete_rows(
                db_,
                {"DELETE FROM iqiyi_coupon_uses WHERE partner_code = ? AND user_id = ? AND area = "
                 "?",
                 "DELETE FROM iqiyi_users WHERE partner_code = ? AND user_id = ? AND area = ?"},
                r.partner_code, r.user_id, r.area);
          },
          [&](const PumpkinPartnerRef& r) {
            return delete_rows(db_,
                               {"DELETE FROM pumpkin_actions WHERE pid = ?",
                                "DELETE FROM pumpkin_partners WHERE pid = ?"},
                               r.pid);
          },
          [&](const PumpkinActionRef& r) {
            return delete_rows(db_, {"DELETE FROM pumpkin_actions WHERE pid = ? AND action = ?"},
                               r.pid, r.action);
          },
          [&](const PumpkinMediaRef& r) {
            return delete_rows(db_,
                               {"DELETE FROM pumpkin_parts WHERE media_id = ?",
                                "DELETE FROM pumpkin_seasons WHERE media_id = ?",
                                "DELETE FROM pumpkin_media_details WHERE movie_id = ?",
                                "DELETE FROM pumpkin_media WHERE movie_id = ?"},
                               r.movie_id);
          },
          [&](const PumpkinMediaDetailsRef& r) {
            return delete_rows(db_,
                               {"DELETE FROM pumpkin_parts WHERE media_id = ?",
                                "DELETE FROM pumpkin_seasons WHERE media_id = ?",
                                "DELETE FROM pumpkin_media_details WHERE movie_id = ?"},
                               r.movie_id);
          },
      },
      entity);
}

}  // namespace mediagate::store::sql
