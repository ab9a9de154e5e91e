// A Polyv video belongs in its account: its category is one of the account's, and its uploader
// is the account itself (its email) or one of the account's sub-accounts. One rule, used by the
// fixture importer (over the account in memory) and the admin API (over the stored account).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "store/store.hpp"
#include "vendors/polyv/polyv_model.hpp"

namespace mediagate::vendors::polyv {

enum class VideoPlacementProblem {
  kUnknownCategory,  // the video's cataid is not a category of the account
  kUnknownUploader,  // the uploader is neither the account's email nor a sub-account
};

// What the rule asks about the account. The lookups may read memory or the store; a store
// failure stops the check and is returned.
struct VideoOwner {
  std::string_view email;
  std::function<store::StoreResult<bool>(std::int64_t cataid)> has_category;
  std::function<store::StoreResult<bool>(std::string_view email)> has_sub_account;
};

// The first problem (the category is asked about first, and the sub-accounts only when the
// uploader is not the account itself); nothing when the video belongs in the account.
store::StoreResult<std::optional<VideoPlacementProblem>> find_video_placement_problem(
    const vendors::polyv::Video& video, const VideoOwner& owner);

}  // namespace mediagate::vendors::polyv
