// Polyv VOD catalogue: which videos a "get-by-uploader" listing returns. Pure business rules
// over Polyv's repository; parameter syntax and envelopes belong to the vendor dialect.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/expected.hpp"
#include "store/store.hpp"
#include "vendors/polyv/polyv_repository.hpp"

namespace mediagate::vendors::polyv {

struct UploaderListing {
  std::optional<std::string> email;    // one sub-account; nothing = every sub-account
  std::optional<std::int64_t> cataid;  // nothing = every category
  bool contain_sub_cata = false;
  bool published_only = false;
  VideoOrder order = VideoOrder::kPtimeAsc;
  std::int64_t page = 1;        // >= 1
  std::int64_t page_size = 20;  // >= 1
};

enum class CatalogueError {
  kCategoryNotFound,    // cata is not exist.
  kSubAccountNotFound,  // child user not exist.
  kStoreFailure,        // query failed.
};

struct CatalogueFailure {
  CatalogueError kind;
  std::string detail;  // for the operator's log only
};

// Lists the account's videos: checks the category, then the sub-account, then queries.
// The account's own uploads are never listed: `email` must be a sub-account
// (the owner is not one), and without `email` the owner's uploads are excluded.
core::Expected<store::Page<vendors::polyv::Video>, CatalogueFailure> list_videos_by_uploader(
    PolyvRepository& repository, const vendors::polyv::PolyvAccountKeys& account,
    const UploaderListing& listing);

// `root` and, transitively, every category whose parent is in the result. Order: root first,
// then breadth-first. Cycles (which validation forbids) cannot loop forever.
std::vector<std::int64_t> category_subtree(const std::vector<vendors::polyv::Category>& categories,
                                           std::int64_t root);

// (page - 1) * page_size, or nothing if that does not fit in 63 bits (a page past any end).
std::optional<std::int64_t> page_offset(std::int64_t page, std::int64_t page_size);

}  // namespace mediagate::vendors::polyv
