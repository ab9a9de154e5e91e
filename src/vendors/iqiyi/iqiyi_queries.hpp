// iQiyi's SQL, written once as templates over the shared SQL layer's backend
// (store/sql/backend.hpp), so that it runs on SQLite and PostgreSQL alike: the endpoint's reads
// (SqlIqiyiRepository) and the admin API's (IqiyiEntities). Columns and row mappings:
// store/sql/rows.hpp (shared with the dataset import and export until those move here too).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "store/sql/backend.hpp"
#include "store/sql/rows.hpp"

namespace mediagate::vendors::iqiyi::queries {

namespace sql = store::sql;
using store::StoreResult;

template <class B>
StoreResult<std::optional<std::string>> md5_key(B& db, std::string_view partner_code) {
  return sql::find_one<std::string>(db, "SELECT md5_key FROM iqiyi_partners WHERE partner_code = ?",
                                    sql::text_of, partner_code);
}

// A partner without its users.
template <class B>
StoreResult<std::optional<store::IqiyiPartner>> find_partner(B& db, std::string_view partner_code) {
  static const std::string kSql =
      sql::select(sql::kIqiyiPartnerColumns, "FROM iqiyi_partners WHERE partner_code = ?");
  return sql::find_one<store::IqiyiPartner>(db, kSql, sql::iqiyi_partner_of, partner_code);
}

// A page of partners without their users, ordered by partner_code.
template <class B>
StoreResult<store::Page<store::IqiyiPartner>> partners(B& db, store::Range range) {
  static const std::string kSelect = sql::select(sql::kIqiyiPartnerColumns);
  return sql::page_of<store::IqiyiPartner>(db, kSelect, "FROM iqiyi_partners",
                                           " ORDER BY partner_code", {}, range.offset, range.limit,
                                           sql::iqiyi_partner_of);
}

// A page of a partner's users, ordered by user_id, then area.
template <class B>
StoreResult<store::Page<store::IqiyiUser>> users(B& db, std::string_view partner_code,
                                                 store::Range range) {
  static const std::string kSelect = sql::select(sql::kIqiyiUserColumns);
  return sql::page_of<store::IqiyiUser>(db, kSelect, "FROM iqiyi_users WHERE partner_code = ?",
                                        " ORDER BY user_id, area", {B::param(partner_code)},
                                        range.offset, range.limit, sql::iqiyi_user_of);
}

template <class B>
StoreResult<std::optional<store::IqiyiUser>> find_user(B& db, std::string_view partner_code,
                                                       std::string_view user_id,
                                                       std::string_view area) {
  static const std::string kSql =
      sql::select(sql::kIqiyiUserColumns,
                  "FROM iqiyi_users WHERE partner_code = ? AND user_id = ? AND area = ?");
  return sql::find_one<store::IqiyiUser>(db, kSql, sql::iqiyi_user_of, partner_code, user_id, area);
}

}  // namespace mediagate::vendors::iqiyi::queries
