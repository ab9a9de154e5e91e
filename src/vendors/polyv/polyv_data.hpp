// What Polyv's repository (polyv_repository.hpp) and its admin entities (polyv_entities.hpp)
// are asked and answer beyond the store's model values: the endpoints' page queries and the
// admin's rows shown with what owns them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vendors/polyv/polyv_model.hpp"

namespace mediagate::vendors::polyv {

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
  core::EpochMs from = 0;  // startTime >= from
  core::EpochMs to = 0;    // startTime <= to
  std::int64_t offset = 0;
  std::int64_t limit = 20;  // ordered by startTime descending, ties sessionId ascending
};

struct AllocationQuery {
  std::string app_id;
  std::vector<std::string> emails;    // only these sub-accounts' records
  std::optional<std::string> type;    // "live" | "vod"; nothing = both
  std::optional<core::EpochMs> from;  // date >= from
  std::optional<core::EpochMs> to;    // date <= to
  std::int64_t offset = 0;
  std::int64_t limit = 20;  // ordered by date descending, ties by insertion id ascending
};

// Rows shown with what owns them, where the model keeps the owner outside the value.
struct VideoRecord {
  std::string user_id;
  vendors::polyv::Video video;
};
struct SessionRecord {
  std::string channel_id;
  vendors::polyv::LiveSession session;
};
// An allocation has no id of its own in the fixture format; the store numbers them in
// insertion order (the order export writes them in), and the admin API names them by it.
struct AllocationRecord {
  std::int64_t id = 0;
  vendors::polyv::Allocation allocation;
};

}  // namespace mediagate::vendors::polyv
