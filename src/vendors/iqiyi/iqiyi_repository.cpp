#include "vendors/iqiyi/iqiyi_repository.hpp"

#include <memory>

#include "vendors/iqiyi/caching_iqiyi_repository.hpp"
#include "vendors/iqiyi/sql_iqiyi_repository.hpp"

namespace mediagate::vendors::iqiyi {

IqiyiRepository& iqiyi_repository(store::Engine& engine) {
  return engine.repositories().get_or_make<IqiyiRepository>(
      [&]() -> std::unique_ptr<IqiyiRepository> {
        auto sql = make_sql_iqiyi_repository(engine);
        if (engine.cached_lookups() == 0) return sql;
        return std::make_unique<CachingIqiyiRepository>(std::move(sql), engine,
                                                        engine.cached_lookups());
      });
}

}  // namespace mediagate::vendors::iqiyi
