#include "cli/load_upkeep.hpp"

namespace mediagate::cli {

bool upkeep_after_load(store::Store& store, std::int64_t written, std::string_view command,
                       std::ostream& err) {
  if (written < kUpkeepAfterRows) return false;
  auto settled = store.settle_after_load();
  if (!settled) {
    err << "mediagate " << command << ": warning: the rows are written, but the store's upkeep "
        << "after the load failed (the database does it later by itself): "
        << settled.error().message << "\n";
    return false;
  }
  return true;
}

}  // namespace mediagate::cli
