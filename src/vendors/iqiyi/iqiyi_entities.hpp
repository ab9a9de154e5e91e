// iQiyi's entities read one by one or a page at a time inside an admin transaction or snapshot
// (store::Store::transact / snapshot), on that transaction's connection. Writes still go
// through the EntityStore (upsert of a Dataset, remove of an EntityRef).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "store/store.hpp"
#include "vendors/iqiyi/iqiyi_coupon_use.hpp"
#include "vendors/iqiyi/iqiyi_model.hpp"

namespace mediagate::vendors::iqiyi {

class IqiyiEntities {
 public:
  explicit IqiyiEntities(store::EntityStore& entities) noexcept : entities_(entities) {}

  // Partners without their users, ordered by partner_code.
  store::StoreResult<store::Page<vendors::iqiyi::IqiyiPartner>> list_partners(store::Range range);
  store::StoreResult<std::optional<vendors::iqiyi::IqiyiPartner>> find_partner(
      std::string_view partner_code);
  // Ordered by user_id, then area.
  store::StoreResult<store::Page<vendors::iqiyi::IqiyiUser>> list_users(
      std::string_view partner_code, store::Range range);
  store::StoreResult<std::optional<vendors::iqiyi::IqiyiUser>> find_user(
      std::string_view partner_code, std::string_view user_id, std::string_view area);

  // A user's VOD coupon uses (useVodCoupon's records), ordered by id.
  store::StoreResult<store::Page<IqiyiCouponUse>> list_coupon_uses(std::string_view partner_code,
                                                                   std::string_view user_id,
                                                                   std::string_view area,
                                                                   store::Range range);
  // Removes one use (its right closes; the coupon is not given back): false if it did not exist.
  store::StoreResult<bool> remove_coupon_use(std::string_view partner_code,
                                             std::string_view user_id, std::string_view area,
                                             std::int64_t id);

 private:
  store::EntityStore& entities_;
};

}  // namespace mediagate::vendors::iqiyi
