#include "vendors/pumpkin/sql_pumpkin_repository.hpp"

#include "store/sql_access.hpp"
#include "vendors/pumpkin/pumpkin_queries.hpp"

namespace mediagate::vendors::pumpkin {

store::StoreResult<std::optional<vendors::pumpkin::PumpkinPartner>>
SqlPumpkinRepository::find_partner(std::string_view pid) {
  // A partner and its actions: two statements, one snapshot.
  return store::read_sql<std::optional<vendors::pumpkin::PumpkinPartner>>(
      engine_, store::ReadKind::kSnapshot,
      [&](auto& db) { return queries::find_partner(db, pid); });
}

store::StoreResult<std::vector<vendors::pumpkin::PumpkinMedia>>
SqlPumpkinRepository::list_offline_media(core::EpochMs from, core::EpochMs to) {
  return store::read_sql<std::vector<vendors::pumpkin::PumpkinMedia>>(
      engine_, store::ReadKind::kStatement,
      [&](auto& db) { return queries::offline_media(db, from, to); });
}

store::StoreResult<std::vector<CatalogueItem>> SqlPumpkinRepository::list_catalogue(
    const CatalogueFilter& filter) {
  // Media, seasons and parts: three statements, one snapshot.
  return store::read_sql<std::vector<CatalogueItem>>(
      engine_, store::ReadKind::kSnapshot,
      [&](auto& db) { return queries::catalogue(db, filter); });
}

}  // namespace mediagate::vendors::pumpkin
