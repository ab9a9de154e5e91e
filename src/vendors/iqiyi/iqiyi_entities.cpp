#include "vendors/iqiyi/iqiyi_entities.hpp"

#include "store/sql_access.hpp"
#include "vendors/iqiyi/iqiyi_queries.hpp"

namespace mediagate::vendors::iqiyi {

using store::StoreResult;

StoreResult<store::Page<vendors::iqiyi::IqiyiPartner>> IqiyiEntities::list_partners(
    store::Range range) {
  return store::in_transaction<store::Page<vendors::iqiyi::IqiyiPartner>>(
      entities_, [&](auto& db) { return queries::partners(db, range); });
}

StoreResult<std::optional<vendors::iqiyi::IqiyiPartner>> IqiyiEntities::find_partner(
    std::string_view partner_code) {
  return store::in_transaction<std::optional<vendors::iqiyi::IqiyiPartner>>(
      entities_, [&](auto& db) { return queries::find_partner(db, partner_code); });
}

StoreResult<store::Page<vendors::iqiyi::IqiyiUser>> IqiyiEntities::list_users(
    std::string_view partner_code, store::Range range) {
  return store::in_transaction<store::Page<vendors::iqiyi::IqiyiUser>>(
      entities_, [&](auto& db) { return queries::users(db, partner_code, range); });
}

StoreResult<std::optional<vendors::iqiyi::IqiyiUser>> IqiyiEntities::find_user(
    std::string_view partner_code, std::string_view user_id, std::string_view area) {
  return store::in_transaction<std::optional<vendors::iqiyi::IqiyiUser>>(
      entities_, [&](auto& db) { return queries::find_user(db, partner_code, user_id, area); });
}

StoreResult<store::Page<IqiyiCouponUse>> IqiyiEntities::list_coupon_uses(
    std::string_view partner_code, std::string_view user_id, std::string_view area,
    store::Range range) {
  return store::in_transaction<store::Page<IqiyiCouponUse>>(entities_, [&](auto& db) {
    return queries::coupon_use_page(db, partner_code, user_id, area, range);
  });
}

StoreResult<bool> IqiyiEntities::remove_coupon_use(std::string_view partner_code,
                                                   std::string_view user_id, std::string_view area,
                                                   std::int64_t id) {
  return store::in_transaction<bool>(entities_, [&](auto& db) -> StoreResult<bool> {
    auto removed = db.execute(
        "DELETE FROM iqiyi_coupon_uses"
        " WHERE partner_code = ? AND user_id = ? AND area = ? AND id = ?",
        partner_code, user_id, area, id);
    if (!removed) return core::unexpected(std::move(removed).error());
    return *removed > 0;
  });
}

}  // namespace mediagate::vendors::iqiyi
