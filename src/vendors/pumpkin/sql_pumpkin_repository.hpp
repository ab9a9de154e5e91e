// PumpkinRepository over a store's SQL engine (pumpkin_queries.hpp, on either backend).
#pragma once

#include "vendors/pumpkin/pumpkin_repository.hpp"

namespace mediagate::vendors::pumpkin {

class SqlPumpkinRepository final : public PumpkinRepository {
 public:
  explicit SqlPumpkinRepository(store::Engine& engine) noexcept : engine_(engine) {}

  store::StoreResult<std::optional<vendors::pumpkin::PumpkinPartner>> find_partner(
      std::string_view pid) override;
  store::StoreResult<std::vector<vendors::pumpkin::PumpkinMedia>> list_offline_media(
      core::EpochMs from, core::EpochMs to) override;
  store::StoreResult<std::vector<CatalogueItem>> list_catalogue(
      const CatalogueFilter& filter) override;

 private:
  store::Engine& engine_;
};

}  // namespace mediagate::vendors::pumpkin
