// The storage interface the domain uses. It speaks in model values and query descriptions;
// it knows no vendor wire format and no HTTP. Backends: sqlite/ (now), postgres/ (later).
// Every method is safe to call from several threads at once.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.hpp"
#include "store/model.hpp"

namespace mediagate::store {

// A failure of the storage engine itself (I/O, corruption, lost connection). The message is
// for the operator's log; clients see their vendor's system-error envelope instead.
struct StoreError {
  std::string message;
};

template <class T>
using StoreResult = core::Expected<T, StoreError>;

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
  std::int64_t pumpkin_partners = 0;
  std::int64_t pumpkin_media = 0;

  friend bool operator==(const ImportSummary&, const ImportSummary&) = default;
};

class Store {
 public:
  virtual ~Store() = default;

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

  // iQiyi
  virtual StoreResult<std::optional<std::string>> find_iqiyi_md5_key(
      std::string_view partner_code) = 0;
  virtual StoreResult<std::optional<IqiyiUser>> find_iqiyi_user(std::string_view partner_code,
                                                                std::string_view user_id,
                                                                std::string_view area) = 0;

  // Pumpkin
  virtual StoreResult<std::optional<PumpkinPartner>> find_pumpkin_partner(std::string_view pid) = 0;
  // Media with from <= delete_time < to, ordered by delete_time then movie_id.
  virtual StoreResult<std::vector<PumpkinMedia>> list_offline_media(EpochMs from, EpochMs to) = 0;
};

// Opens a store from a URL: "sqlite:PATH" (created and migrated if needed).
// Later: "postgresql://…". An unknown scheme or an unusable path is an error.
StoreResult<std::unique_ptr<Store>> open_store(std::string_view url);

}  // namespace mediagate::store
