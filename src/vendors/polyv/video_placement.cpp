#include "vendors/polyv/video_placement.hpp"

namespace mediagate::vendors::polyv {

store::StoreResult<std::optional<VideoPlacementProblem>> find_video_placement_problem(
    const vendors::polyv::Video& video, const VideoOwner& owner) {
  using Answer = std::optional<VideoPlacementProblem>;
  auto category = owner.has_category(video.cataid);
  if (!category) return core::unexpected(std::move(category).error());
  if (!*category) return Answer{VideoPlacementProblem::kUnknownCategory};
  if (video.uploader_email == owner.email) return Answer{};
  auto sub = owner.has_sub_account(video.uploader_email);
  if (!sub) return core::unexpected(std::move(sub).error());
  if (!*sub) return Answer{VideoPlacementProblem::kUnknownUploader};
  return Answer{};
}

}  // namespace mediagate::vendors::polyv
