// iQiyi's SQL, written once as templates over the shared SQL layer's backend
// (store/sql/backend.hpp), so that it runs on SQLite and PostgreSQL alike: the endpoint's reads
// (SqlIqiyiRepository) and the admin API's (IqiyiEntities). Columns and row mappings:
// vendors/iqiyi/iqiyi_rows.hpp (shared with the module's writes and export, iqiyi_writes.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql/backend.hpp"
#include "store/sql/rows.hpp"
#include "vendors/iqiyi/iqiyi_coupon_use.hpp"
#include "vendors/iqiyi/iqiyi_rows.hpp"

namespace mediagate::vendors::iqiyi::queries {

using iqiyi::IqiyiCouponUse;

namespace sql = store::sql;
using store::StoreResult;

template <class B>
StoreResult<std::optional<std::string>> md5_key(B& db, std::string_view partner_code) {
  return sql::find_one<std::string>(db, "SELECT md5_key FROM iqiyi_partners WHERE partner_code = ?",
                                    sql::text_of, partner_code);
}

// A partner without its users.
template <class B>
StoreResult<std::optional<vendors::iqiyi::IqiyiPartner>> find_partner(
    B& db, std::string_view partner_code) {
  static const std::string kSql =
      sql::select(kIqiyiPartnerColumns, "FROM iqiyi_partners WHERE partner_code = ?");
  return sql::find_one<vendors::iqiyi::IqiyiPartner>(db, kSql, iqiyi_partner_of, partner_code);
}

// A page of partners without their users, ordered by partner_code.
template <class B>
StoreResult<store::Page<vendors::iqiyi::IqiyiPartner>> partners(B& db, store::Range range) {
  static const std::string kSelect = sql::select(kIqiyiPartnerColumns);
  std::string from = "FROM iqiyi_partners";
  std::vector<typename B::Param> params;
  sql::add_search<B>(from, params, {"partner_code"}, range.search);
  return sql::page_of<vendors::iqiyi::IqiyiPartner>(db, kSelect, from, " ORDER BY partner_code",
                                                    params, range.offset, range.limit,
                                                    iqiyi_partner_of);
}

// A page of a partner's users, ordered by user_id, then area.
template <class B>
StoreResult<store::Page<vendors::iqiyi::IqiyiUser>> users(B& db, std::string_view partner_code,
                                                          store::Range range) {
  static const std::string kSelect = sql::select(kIqiyiUserColumns);
  std::string from = "FROM iqiyi_users WHERE partner_code = ?";
  std::vector<typename B::Param> params{B::param(partner_code)};
  sql::add_search<B>(from, params, {"user_id", "area"}, range.search);
  return sql::page_of<vendors::iqiyi::IqiyiUser>(db, kSelect, from, " ORDER BY user_id, area",
                                                 params, range.offset, range.limit, iqiyi_user_of);
}

template <class B>
StoreResult<std::optional<vendors::iqiyi::IqiyiUser>> find_user(B& db,
                                                                std::string_view partner_code,
                                                                std::string_view user_id,
                                                                std::string_view area) {
  static const std::string kSql = sql::select(
      kIqiyiUserColumns, "FROM iqiyi_users WHERE partner_code = ? AND user_id = ? AND area = ?");
  return sql::find_one<vendors::iqiyi::IqiyiUser>(db, kSql, iqiyi_user_of, partner_code, user_id,
                                                  area);
}

// --- VOD coupon uses (iqiyi_coupon_uses) ----------------------------------------------------

inline constexpr std::string_view kCouponUseColumns =
    "id, user_id, area, content_id, use_time, vod_deadline";
inline constexpr auto coupon_use_of = [](const auto& s, int first = 0) {
  return IqiyiCouponUse{s.int64(first),     s.text(first + 1),  s.text(first + 2),
                        s.int64(first + 3), s.int64(first + 4), s.int64(first + 5)};
};

// Every use of a user's coupons, oldest first (by id).
template <class B>
StoreResult<std::vector<IqiyiCouponUse>> coupon_uses(B& db, std::string_view partner_code,
                                                     std::string_view user_id,
                                                     std::string_view area) {
  static const std::string kSql = sql::select(
      kCouponUseColumns,
      "FROM iqiyi_coupon_uses WHERE partner_code = ? AND user_id = ? AND area = ? ORDER BY id");
  return sql::list_rows<IqiyiCouponUse>(db, kSql, coupon_use_of, partner_code, user_id, area);
}

// A page of a user's uses, ordered by id (the admin API).
template <class B>
StoreResult<store::Page<IqiyiCouponUse>> coupon_use_page(B& db, std::string_view partner_code,
                                                         std::string_view user_id,
                                                         std::string_view area,
                                                         store::Range range) {
  static const std::string kSelect = sql::select(kCouponUseColumns);
  std::string from = "FROM iqiyi_coupon_uses WHERE partner_code = ? AND user_id = ? AND area = ?";
  std::vector<typename B::Param> params{B::param(partner_code), B::param(user_id), B::param(area)};
  sql::add_search<B>(from, params, {"content_id"}, range.search);
  return sql::page_of<IqiyiCouponUse>(db, kSelect, from, " ORDER BY id", params, range.offset,
                                      range.limit, coupon_use_of);
}

// The use whose right for `content_id` is open at `now` (vod_deadline > now), the latest
// deadline first; nothing when the user holds no right for it.
template <class B>
StoreResult<std::optional<IqiyiCouponUse>> open_right(B& db, std::string_view partner_code,
                                                      std::string_view user_id,
                                                      std::string_view area,
                                                      std::int64_t content_id, std::int64_t now) {
  static const std::string kSql =
      sql::select(kCouponUseColumns,
                  "FROM iqiyi_coupon_uses WHERE partner_code = ? AND user_id = ? AND area = ?"
                  " AND content_id = ? AND vod_deadline > ? ORDER BY vod_deadline DESC, id DESC"
                  " LIMIT 1");
  return sql::find_one<IqiyiCouponUse>(db, kSql, coupon_use_of, partner_code, user_id, area,
                                       content_id, now);
}

// Takes one coupon off the user's balance if one is left: the rows changed (1, or 0 when the
// balance is 0 or the user does not exist). The condition is the guard against a second use of
// the last coupon, whatever else serialises the writers.
template <class B>
StoreResult<std::int64_t> take_coupon(B& db, std::string_view partner_code,
                                      std::string_view user_id, std::string_view area) {
  return db.execute(
      "UPDATE iqiyi_users SET vod_coupons = vod_coupons - 1"
      " WHERE partner_code = ? AND user_id = ? AND area = ? AND vod_coupons > 0",
      partner_code, user_id, area);
}

// Records a use; its id is the largest of the user's uses afterwards.
template <class B>
StoreResult<std::int64_t> add_coupon_use(B& db, std::string_view partner_code,
                                         const IqiyiCouponUse& use) {
  return db.execute(
      "INSERT INTO iqiyi_coupon_uses (partner_code, user_id, area, content_id, use_time,"
      " vod_deadline) VALUES (?, ?, ?, ?, ?, ?)",
      partner_code, use.user_id, use.area, use.content_id, use.use_time, use.vod_deadline);
}

template <class B>
StoreResult<std::optional<IqiyiCouponUse>> last_coupon_use(B& db, std::string_view partner_code,
                                                           std::string_view user_id,
                                                           std::string_view area) {
  static const std::string kSql =
      sql::select(kCouponUseColumns,
                  "FROM iqiyi_coupon_uses WHERE partner_code = ? AND user_id = ? AND area = ?"
                  " ORDER BY id DESC LIMIT 1");
  return sql::find_one<IqiyiCouponUse>(db, kSql, coupon_use_of, partner_code, user_id, area);
}

}  // namespace mediagate::vendors::iqiyi::queries
