// Pumpkin's entities read one by one or a page at a time inside an admin transaction or
// snapshot (store::Store::transact / snapshot), on that transaction's connection. Writes still
// go through the EntityStore (upsert of a Dataset, remove of an EntityRef).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "store/store.hpp"
#include "vendors/pumpkin/pumpkin_model.hpp"

namespace mediagate::vendors::pumpkin {

class PumpkinEntities {
 public:
  explicit PumpkinEntities(store::EntityStore& entities) noexcept : entities_(entities) {}

  // Partners with their actions, ordered by pid.
  store::StoreResult<store::Page<vendors::pumpkin::PumpkinPartner>> list_partners(
      store::Range range);
  store::StoreResult<std::optional<vendors::pumpkin::PumpkinPartner>> find_partner(
      std::string_view pid);
  // Ordered by movie_id.
  store::StoreResult<store::Page<vendors::pumpkin::PumpkinMedia>> list_media(store::Range range);
  store::StoreResult<std::optional<vendors::pumpkin::PumpkinMedia>> find_media(
      std::int64_t movie_id);
  // The media's details with its seasons and parts, if it has details.
  store::StoreResult<std::optional<vendors::pumpkin::PumpkinMediaDetails>> find_details(
      std::int64_t movie_id);

 private:
  store::EntityStore& entities_;
};

}  // namespace mediagate::vendors::pumpkin
