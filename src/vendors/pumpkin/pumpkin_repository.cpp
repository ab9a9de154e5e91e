#include "vendors/pumpkin/pumpkin_repository.hpp"

#include <memory>

#include "vendors/pumpkin/caching_pumpkin_repository.hpp"
#include "vendors/pumpkin/sql_pumpkin_repository.hpp"

namespace mediagate::vendors::pumpkin {

store::StoreResult<std::vector<CatalogueItem>> PumpkinRepository::list_catalogue(
    const CatalogueFilter&) {
  return core::unexpected(store::StoreError{"this repository keeps no catalogue"});
}

PumpkinRepository& pumpkin_repository(store::Engine& engine) {
  return engine.repositories().get_or_make<PumpkinRepository>(
      [&]() -> std::unique_ptr<PumpkinRepository> {
        auto sql = make_sql_pumpkin_repository(engine);
        if (engine.cached_lookups() == 0) return sql;
        return std::make_unique<CachingPumpkinRepository>(std::move(sql), engine,
                                                          engine.cached_lookups());
      });
}

}  // namespace mediagate::vendors::pumpkin
