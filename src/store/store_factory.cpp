// open_store(): the one place that maps a store URL to a backend.
#include <memory>
#include <string>

#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"

namespace mediagate::store {

StoreResult<std::unique_ptr<Store>> open_store(std::string_view url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.starts_with(kSqlite)) {
    const std::string path(url.substr(kSqlite.size()));
    if (path.empty()) {
      return core::unexpected(
          StoreError{"store URL '" + std::string(url) + "' names no file: expected sqlite:PATH"});
    }
    auto store = sqlite::SqliteStore::open(path);
    if (!store) return core::unexpected(std::move(store).error());
    return std::unique_ptr<Store>(std::move(*store));
  }
  return core::unexpected(
      StoreError{"unsupported store URL '" + std::string(url) +
                 "': expected sqlite:PATH (postgresql:// is not supported yet)"});
}

}  // namespace mediagate::store
