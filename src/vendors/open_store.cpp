#include "vendors/open_store.hpp"

#include <array>

#include "vendors/iqiyi/iqiyi_schema.hpp"
#include "vendors/polyv/polyv_schema.hpp"
#include "vendors/pumpkin/pumpkin_schema.hpp"

namespace mediagate::vendors {

std::span<const store::ModuleSchema> module_schemas() {
  // A module's place here is its migrations' place in the order they run: a new module is
  // appended.
  static const std::array kSchemas{polyv::polyv_schema(), iqiyi::iqiyi_schema(),
                                   pumpkin::pumpkin_schema()};
  return kSchemas;
}

store::StoreResult<std::unique_ptr<store::Store>> open_store(std::string_view url,
                                                             const store::StoreOptions& options) {
  return store::open_store(url, options, module_schemas());
}

}  // namespace mediagate::vendors
