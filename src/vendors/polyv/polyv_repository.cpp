#include "vendors/polyv/polyv_repository.hpp"

#include <memory>

#include "vendors/polyv/caching_polyv_repository.hpp"
#include "vendors/polyv/sql_polyv_repository.hpp"

namespace mediagate::vendors::polyv {

PolyvRepository& polyv_repository(store::Engine& engine) {
  return engine.repositories().get_or_make<PolyvRepository>(
      [&]() -> std::unique_ptr<PolyvRepository> {
        auto sql = make_sql_polyv_repository(engine);
        if (engine.cached_lookups() == 0) return sql;
        return std::make_unique<CachingPolyvRepository>(std::move(sql), engine,
                                                        engine.cached_lookups());
      });
}

}  // namespace mediagate::vendors::polyv
