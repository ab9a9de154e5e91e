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

}  // namespace entity_detail

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
