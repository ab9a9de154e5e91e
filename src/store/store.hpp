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
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/expected.hpp"
#include "store/engine.hpp"
#include "store/model.hpp"
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

enum class VideoOrder { kPtimeAsc = 1, kPtimeDesc = 2, kTimesAsc = 3, kTimesDesc = 4 };

struct VideoQuery {
  std::string user_id;
  std::optional<std::vector<std::int64_t>> cataids;   // nothing = every category
  std::optional<std::string> uploader_email;          // only this uploader
  std::optional<std::string> exclude_uploader_email;  // everyone but this one (the owner)
  bool published_only = false;                        // status "60" or "61"
  VideoOrder order = VideoOrder::kPtimeAsc;           // ties: vid ascending
  std::int64_t offset = 0;
  std::int64_t limit = 20;
  std::string search;  // only videos whose vid or title contains this (the admin API's ?q=)
};

struct SessionQuery {
  std::string channel_id;
  EpochMs from = 0;  // startTime >= from
  EpochMs to = 0;    // startTime <= to
  std::int64_t offset = 0;
  std::int64_t limit = 20;  // ordered by startTime descending, ties sessionId ascending
};

struct AllocationQuery {
  std::string app_id;
  std::vector<std::string> emails;  // only these sub-accounts' records
  std::optional<std::string> type;  // "live" | "vod"; nothing = both
  std::optional<EpochMs> from;      // date >= from
  std::optional<EpochMs> to;        // date <= to
  std::int64_t offset = 0;
  std::int64_t limit = 20;  // ordered by date descending, ties by insertion id ascending
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

// Rows shown with what owns them, where the model keeps the owner outside the value.
struct VideoRecord {
  std::string user_id;
  Video video;
};
struct SessionRecord {
  std::string channel_id;
  LiveSession session;
};
// An allocation has no id of its own in the fixture format; the store numbers them in
// insertion order (the order export writes them in), and the admin API names them by it.
struct AllocationRecord {
  std::int64_t id = 0;
  Allocation allocation;
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

// Every entity read by its id or listed a page at a time, plus the writes an administrator
// needs. Obtained from Store::transact() (one write transaction: reads see the writes made
// before them) or Store::snapshot() (one read snapshot; writes fail there).
// Lists are ordered by id unless said otherwise.
class EntityStore {
 public:
  virtual ~EntityStore() = default;

  // Polyv accounts and what they hold
  virtual StoreResult<Page<PolyvAccountKeys>> list_polyv_accounts(Range range) = 0;
  virtual StoreResult<std::optional<PolyvAccountKeys>> find_polyv_account(
      std::string_view user_id) = 0;
  virtual StoreResult<std::optional<PolyvAccountKeys>> find_polyv_account_by_app_id(
      std::string_view app_id) = 0;
  virtual StoreResult<Page<std::string>> list_polyv_sub_accounts(std::string_view user_id,
                                                                 Range range) = 0;
  virtual StoreResult<bool> has_polyv_sub_account(std::string_view user_id,
                                                  std::string_view email) = 0;
  virtual StoreResult<Page<Category>> list_categories(std::string_view user_id, Range range) = 0;
  // As Store::query_videos (e.g. limit 0 and an uploader: how many videos that uploader has).
  virtual StoreResult<Page<Video>> query_videos(const VideoQuery& query) = 0;
  virtual StoreResult<std::optional<VideoRecord>> find_video(std::string_view vid) = 0;
  virtual StoreResult<Page<std::string>> list_channels(std::string_view user_id, Range range) = 0;
  virtual StoreResult<std::optional<std::string>> find_channel_owner(
      std::string_view channel_id) = 0;
  // Ordered by startTime descending, as Store::query_sessions.
  virtual StoreResult<Page<LiveSession>> list_sessions(std::string_view channel_id,
                                                       Range range) = 0;
  virtual StoreResult<std::optional<SessionRecord>> find_session(std::string_view session_id) = 0;

  // Polyv groups
  virtual StoreResult<Page<PolyvGroupKeys>> list_polyv_groups(Range range) = 0;
  virtual StoreResult<std::optional<PolyvGroupKeys>> find_polyv_group(std::string_view app_id) = 0;
  virtual StoreResult<Page<std::string>> list_group_sub_accounts(std::string_view app_id,
                                                                 Range range) = 0;
  virtual StoreResult<bool> has_group_sub_account(std::string_view app_id,
                                                  std::string_view email) = 0;
  // In insertion order; only `email`'s when given.
  virtual StoreResult<Page<AllocationRecord>> list_allocations(
      std::string_view app_id, const std::optional<std::string>& email, Range range) = 0;
  virtual StoreResult<std::optional<AllocationRecord>> find_allocation(std::string_view app_id,
                                                                       std::int64_t id) = 0;
  // The id of the allocation with this key (email, date, origin, type), if any.
  virtual StoreResult<std::optional<std::int64_t>> find_allocation_id(std::string_view app_id,
                                                                      const Allocation& key) = 0;
  // Rewrites allocation `id` in place (it keeps its id, hence its place in the order).
  virtual StoreResult<bool> update_allocation(std::string_view app_id, std::int64_t id,
                                              const Allocation& allocation) = 0;

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

  // Polyv accounts
  virtual StoreResult<std::optional<PolyvAccountKeys>> find_polyv_account_by_user_id(
      std::string_view user_id) = 0;
  virtual StoreResult<std::optional<PolyvAccountKeys>> find_polyv_account_by_app_id(
      std::string_view app_id) = 0;
  virtual StoreResult<std::vector<Category>> list_categories(std::string_view user_id) = 0;
  virtual StoreResult<bool> has_sub_account(std::string_view user_id, std::string_view email) = 0;
  virtual StoreResult<Page<Video>> query_videos(const VideoQuery& query) = 0;

  // Polyv live: the user_id owning a channel, if the channel exists.
  virtual StoreResult<std::optional<std::string>> find_channel_owner(
      std::string_view channel_id) = 0;
  virtual StoreResult<Page<LiveSession>> query_sessions(const SessionQuery& query) = 0;

  // Polyv group
  virtual StoreResult<std::optional<PolyvGroupKeys>> find_polyv_group(std::string_view app_id) = 0;
  virtual StoreResult<Page<Allocation>> query_allocations(const AllocationQuery& query) = 0;

  // Runs `body` inside one write transaction, serialised with every other write: committed
  // when it returns kCommit, rolled back when it returns kRollback or an error (or when the
  // commit fails, e.g. a foreign key left dangling). Returns whether it committed.
  // Backends without entity access (test doubles) answer with an error.
  virtual StoreResult<bool> transact(
      const std::function<StoreResult<Outcome>(EntityStore&)>& /*body*/) {
    return core::unexpected(StoreError{"this store has no entity access"});
  }
  // Runs `body` over one read snapshot (its writes fail).
  virtual StoreResult<core::Ok> snapshot(
      const std::function<StoreResult<core::Ok>(EntityStore&)>& /*body*/) {
    return core::unexpected(StoreError{"this store has no entity access"});
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
  // Answers kept in memory (store/caching_store.hpp) for stores that can tell a generation.
  std::size_t cached_lookups = 100'000;
  // SQLite: the rank cache's bounds (ordered id lists; ids in all lists together).
  std::size_t rank_lists = 256;
  std::size_t rank_ids = std::size_t{32} << 20;
};
StoreOptions store_options(const core::Config& config);

// Opens a store from a URL: "sqlite:PATH" (created and migrated if needed) or
// "postgresql://[user[:password]@]host[:port]/database[?param=value...]" (also "postgres://";
// migrated if needed). An unknown scheme, an unusable path or an unreachable database is an
// error; its message never shows a password the URL carries.
StoreResult<std::unique_ptr<Store>> open_store(std::string_view url,
                                               const StoreOptions& options = {});

// A store URL fit for a log line or a message: any password shown as "***".
std::string redact_store_url(std::string_view url);

}  // namespace mediagate::store
