#include "vendors/polyv/vod_catalogue.hpp"

#include <algorithm>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace mediagate::vendors::polyv {

std::vector<std::int64_t> category_subtree(const std::vector<vendors::polyv::Category>& categories,
                                           std::int64_t root) {
  std::unordered_map<std::int64_t, std::vector<std::int64_t>> children;
  for (const auto& category : categories) {
    if (category.parent) children[*category.parent].push_back(category.cataid);
  }
  std::vector<std::int64_t> result{root};
  std::unordered_set<std::int64_t> seen{root};
  for (std::size_t next = 0; next < result.size(); ++next) {
    const auto it = children.find(result[next]);
    if (it == children.end()) continue;
    for (const auto child : it->second) {
      if (seen.insert(child).second) result.push_back(child);
    }
  }
  return result;
}

std::optional<std::int64_t> page_offset(std::int64_t page, std::int64_t page_size) {
  if (page < 1 || page_size < 1) return std::nullopt;
  if (page - 1 > std::numeric_limits<std::int64_t>::max() / page_size) return std::nullopt;
  return (page - 1) * page_size;
}

core::Expected<store::Page<vendors::polyv::Video>, CatalogueFailure> list_videos_by_uploader(
    PolyvRepository& repository, const vendors::polyv::PolyvAccountKeys& account,
    const UploaderListing& listing) {
  VideoQuery query;
  query.user_id = account.user_id;
  query.published_only = listing.published_only;
  query.order = listing.order;
  query.limit = listing.page_size;

  if (listing.cataid) {
    auto categories = repository.list_categories(account.user_id);
    if (!categories) {
      return core::unexpected(
          CatalogueFailure{CatalogueError::kStoreFailure, categories.error().message});
    }
    const bool exists = std::any_of(categories->begin(), categories->end(),
                                    [&](const auto& c) { return c.cataid == *listing.cataid; });
    if (!exists) return core::unexpected(CatalogueFailure{CatalogueError::kCategoryNotFound, {}});
    query.cataids = listing.contain_sub_cata ? category_subtree(*categories, *listing.cataid)
                                             : std::vector<std::int64_t>{*listing.cataid};
  }

  if (listing.email) {
    auto known = repository.has_sub_account(account.user_id, *listing.email);
    if (!known) {
      return core::unexpected(
          CatalogueFailure{CatalogueError::kStoreFailure, known.error().message});
    }
    if (!*known) return core::unexpected(CatalogueFailure{CatalogueError::kSubAccountNotFound, {}});
    query.uploader_email = *listing.email;
  } else {
    query.exclude_uploader_email = account.email;
  }

  const auto offset = page_offset(listing.page, listing.page_size);
  query.offset = offset.value_or(std::numeric_limits<std::int64_t>::max());
  auto page = repository.query_videos(query);
  if (!page) {
    return core::unexpected(CatalogueFailure{CatalogueError::kStoreFailure, page.error().message});
  }
  return std::move(page).value();
}

}  // namespace mediagate::vendors::polyv
