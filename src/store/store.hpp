// The storage interface the domain uses. It speaks in model values and query descriptions;
// it knows no vendor wire format and no HTTP. Backends: sqlite/ and postgres/.
// Every method is safe to call from several threads at once.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/expected.hpp"
#include "store/engine.hpp"
#include "store/model.hpp"
#include "store/module_schema.hpp"
#include "store/store_error.hpp"

namespace mediagate::core {
struct Config;
}

namespace mediagate::store {

template <class T>
struct Page {
  std::int64_t total = 0;  // all matching rows, not just this page
  std::vector<T> items;
};

// What an import changed, per entity kind (inserted + updated rows).
struct ImportSummary {
  std::int64_t polyv_accounts = 0;
  std::int64_t videos = 0;
  std::int64_t categories = 0;
  std::int64_t channels = 0;
  std::int64_t sessions = 0;
  std::int64_t polyv_groups = 0;
  std::int64_t allocations = 0;
  std::int64_t iqiyi_partners = 0;
  std::int64_t iqiyi_users = 0;
  std::int64_t iqiyi_coupon_uses = 0;
  std::int64_t pumpkin_partners = 0;
  std::int64_t pumpkin_media = 0;

  friend bool operator==(const ImportSummary&, const ImportSummary&) = default;
};

// --- Entity by entity (the admin API) ---------------------------------------------------------

// A window of a list: `limit` rows from `offset` (both >= 0; limit 0 = only the total), of
// the rows whose searched columns (each list names its own, never a secret) contain `search`:
// ASCII letters in either case, every other character (`%`, `_` and `\` included) literally.
// Empty: every row. The total counts the matching rows.
struct Range {
  Range() = default;
  Range(std::int64_t first, std::int64_t count) : offset(first), limit(count) {}

  std::int64_t offset = 0;
  std::int64_t limit = 100;
  std::string search{};
};

// Which entity to remove. Removing a parent removes its children (an account's sub-accounts,
// categories, videos, channels and their sessions; a group's sub-accounts and allocations; an
// iQiyi partner's users; a Pumpkin partner's actions). Removing a category, a sub-account or a
// group sub-account that is still referenced fails (deferred foreign key, or the caller checks).
struct PolyvAccountRef {
  std::string user_id;
};
struct PolyvSubAccountRef {
  std::string user_id;
  std::string email;
};
struct CategoryRef {
  std::string user_id;
  std::int64_t cataid = 0;
};
struct VideoRef {
  std::string vid;
};
struct ChannelRef {
  std::string channel_id;
};
struct SessionRef {
  std::string session_id;
};
struct PolyvGroupRef {
  std::string app_id;
};
struct GroupSubAccountRef {
  std::string app_id;
  std::string email;
};
struct AllocationRef {
  std::string app_id;
  std::int64_t id = 0;
};
struct IqiyiPartnerRef {
  std::string partner_code;
};
struct IqiyiUserRef {
  std::string partner_code;
  std::string user_id;
  std::string area;
};
struct PumpkinPartnerRef {
  std::string pid;
};
struct PumpkinActionRef {
  std::string pid;
  std::string action;
};
struct PumpkinMediaRef {
  std::int64_t movie_id = 0;
};
// A media's details with its seasons and parts (the media stays).
struct PumpkinMediaDetailsRef {
  std::int64_t movie_id = 0;
};
using EntityRef =
    std::variant<PolyvAccountRef, PolyvSubAccountRef, CategoryRef, VideoRef, ChannelRef, SessionRef,
                 PolyvGroupRef, GroupSubAccountRef, AllocationRef, IqiyiPartnerRef, IqiyiUserRef,
                 PumpkinPartnerRef, PumpkinActionRef, PumpkinMediaRef, PumpkinMediaDetailsRef>;

// The writes an administrator needs, and the transaction's connection on which the modules read
// and write their entities (store/sql_access.hpp: vendors/<v>/<v>_entities.hpp). Obtained from
// Store::transact() (one write transaction: reads see the writes made before them) or
// Store::snapshot() (one read snapshot; writes fail there).
class EntityStore {
 public:
  virtual ~EntityStore() = default;

  // Writes. upsert() is Store::import() inside this transaction.
  virtual StoreResult<ImportSummary> upsert(const Dataset& data) = 0;
  // Removes the entity and its children; false if it did not exist.
  virtual StoreResult<bool> remove(const EntityRef& entity) = 0;

  // The transaction's connection, for the modules' own reads in it (store/sql_access.hpp);
  // nothing for stores without SQL.
  virtual std::optional<SqlBackend> sql_backend() { return std::nullopt; }
};

// What a transact() body decides.
enum class Outcome { kCommit, kRollback };

// The engine (engine.hpp: SQL reads, data generation, the modules' repositories) and what has
// not moved into a module's repository yet.
class Store : public Engine {
 public:
  // Upserts everything in `data` in one transaction: all of it, or (on error) none of it.
  // Ids present are updated; ids absent are left alone. A group's allocations are keyed by
  // (email, date, origin, type).
  virtual StoreResult<ImportSummary> import(const Dataset& data) = 0;
  // Everything, in a form that import() accepts back unchanged.
  virtual StoreResult<Dataset> export_all() = 0;

  // Runs `body` inside one write transaction, serialised with every other write: committed
  // when it returns kCommit, rolled back when it returns kRollback or an error (or when the
  // commit fails, e.g. a foreign key left dangling). Returns whether it committed.
  // Backends without entity access (test doubles) answer with an error.
  virtual StoreResult<bool> transact(
      const std::function<StoreResult<Outcome>(EntityStore&)>& /*body*/) {
    return core::unexpected(core::Error::store("this store has no entity access"));
  }
  // Runs `body` over one read snapshot (its writes fail).
  virtual StoreResult<core::Ok> snapshot(
      const std::function<StoreResult<core::Ok>(EntityStore&)>& /*body*/) {
    return core::unexpected(core::Error::store("this store has no entity access"));
  }
};

// How a store uses its database (the store_* settings of core::Config).
struct StoreOptions {
  std::size_t pool_size = 8;  // connections per process (SQLite: read connections)
  std::chrono::milliseconds connect_timeout{5000};      // PostgreSQL: opening a connection
  std::chrono::milliseconds statement_timeout{10'000};  // PostgreSQL: one statement, any wait
  // SQLite: how often data_generation() looks for commits by other processes (0 = always).
  std::chrono::milliseconds change_check{200};
  // PostgreSQL: the change listener's fallback poll of the schema's counter (0 = no listener,
  // nothing cached); postgres::PostgresOptions::generation_poll.
  std::chrono::milliseconds generation_poll{1000};
  // Engine::cached_lookups(): answers of each lookup the modules' repositories keep in memory,
  // for stores that can tell a generation.
  std::size_t cached_lookups = 100'000;
  // SQLite: the rank cache's bounds (ordered id lists; ids in all lists together).
  std::size_t rank_lists = 256;
  std::size_t rank_ids = std::size_t{32} << 20;
};
StoreOptions store_options(const core::Config& config);

// Opens a store from a URL: "sqlite:PATH" (created and migrated if needed) or
// "postgresql://[user[:password]@]host[:port]/database[?param=value...]" (also "postgres://";
// migrated if needed: the store's own tables and every step of `modules` not applied yet). An
// unknown scheme, an unusable path, an unreachable database or one migrated by a newer build is
// an error; its message never shows a password the URL carries. The server and its commands
// open it with every module's tables (vendors/open_store.hpp).
StoreResult<std::unique_ptr<Store>> open_store(std::string_view url, const StoreOptions& options,
                                               std::span<const ModuleSchema> modules);

// A store URL fit for a log line or a message: any password shown as "***".
std::string redact_store_url(std::string_view url);

}  // namespace mediagate::store
