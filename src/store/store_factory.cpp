// open_store(): the one place that maps a store URL to a backend.
#include <memory>
#include <string>

#include "core/config.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"

namespace mediagate::store {

StoreOptions store_options(const core::Config& config) {
  return {.pool_size = static_cast<std::size_t>(config.store_pool_size),
          .connect_timeout = std::chrono::milliseconds(config.store_connect_timeout_ms),
          .statement_timeout = std::chrono::milliseconds(config.store_statement_timeout_ms),
          .change_check = std::chrono::milliseconds(config.store_change_check_ms),
          .generation_poll = std::chrono::milliseconds(config.store_generation_poll_ms),
          .cached_lookups = static_cast<std::size_t>(config.store_cached_lookups),
          .rank_lists = static_cast<std::size_t>(config.store_rank_lists),
          .rank_ids = static_cast<std::size_t>(config.store_rank_ids)};
}

std::string redact_store_url(std::string_view url) {
  return postgres::redact_url(url);
}

StoreResult<std::unique_ptr<Store>> open_store(std::string_view url, const StoreOptions& options,
                                               std::span<const ModuleSchema> modules) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.starts_with(kSqlite)) {
    const std::string path(url.substr(kSqlite.size()));
    if (path.empty()) {
      return core::unexpected(
          StoreError{"store URL '" + std::string(url) + "' names no file: expected sqlite:PATH"});
    }
    sqlite::SqliteOptions sqlite_options;
    sqlite_options.max_readers = options.pool_size;
    sqlite_options.change_check = options.change_check;
    sqlite_options.ranks = {.max_lists = options.rank_lists, .max_ids = options.rank_ids};
    sqlite_options.cache_ranks = options.rank_lists > 0 && options.rank_ids > 0;
    sqlite_options.cached_lookups = options.cached_lookups;
    auto store = sqlite::SqliteStore::open(path, sqlite_options, modules);
    if (!store) return core::unexpected(std::move(store).error());
    return std::unique_ptr<Store>(std::move(*store));
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    auto store = postgres::PostgresStore::open(std::string(url),
                                               {.pool_size = options.pool_size,
                                                .connect_timeout = options.connect_timeout,
                                                .statement_timeout = options.statement_timeout,
                                                .generation_poll = options.generation_poll,
                                                .cached_lookups = options.cached_lookups},
                                               modules);
    if (!store) return core::unexpected(std::move(store).error());
    return std::unique_ptr<Store>(std::move(*store));
  }
  return core::unexpected(StoreError{"unsupported store URL '" + postgres::redact_url(url) +
                                     "': expected sqlite:PATH or postgresql://..."});
}

}  // namespace mediagate::store
