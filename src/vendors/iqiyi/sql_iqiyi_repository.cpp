#include "vendors/iqiyi/sql_iqiyi_repository.hpp"

#include "store/sql_access.hpp"
#include "vendors/iqiyi/iqiyi_queries.hpp"

namespace mediagate::vendors::iqiyi {

store::StoreResult<std::optional<std::string>> SqlIqiyiRepository::find_md5_key(
    std::string_view partner_code) {
  return store::read_sql<std::optional<std::string>>(
      engine_, store::ReadKind::kStatement,
      [&](auto& db) { return queries::md5_key(db, partner_code); });
}

store::StoreResult<std::optional<vendors::iqiyi::IqiyiUser>> SqlIqiyiRepository::find_user(
    std::string_view partner_code, std::string_view user_id, std::string_view area) {
  return store::read_sql<std::optional<vendors::iqiyi::IqiyiUser>>(
      engine_, store::ReadKind::kStatement,
      [&](auto& db) { return queries::find_user(db, partner_code, user_id, area); });
}

}  // namespace mediagate::vendors::iqiyi
