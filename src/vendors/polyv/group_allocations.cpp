#include "vendors/polyv/group_allocations.hpp"

#include <algorithm>
#include <limits>

#include "vendors/polyv/vod_catalogue.hpp"

namespace mediagate::vendors::polyv {

core::Expected<vendors::polyv::PolyvGroupKeys, GroupLookupFailure> find_active_group(
    PolyvRepository& repository, std::string_view app_id) {
  auto group = repository.find_group(app_id);
  if (!group) {
    return core::unexpected(
        GroupLookupFailure{GroupLookupError::kStoreFailure, group.error().message});
  }
  if (!*group) return core::unexpected(GroupLookupFailure{GroupLookupError::kNotFound, {}});
  if ((*group)->forbidden) {
    return core::unexpected(GroupLookupFailure{GroupLookupError::kForbidden, {}});
  }
  return std::move(**group);
}

std::vector<std::string> split_emails(std::string_view emails) {
  std::vector<std::string> result;
  auto is_blank = [](char c) { return c == ' ' || c == '\t'; };
  while (true) {
    const auto comma = emails.find(',');
    std::string_view item = emails.substr(0, comma);
    while (!item.empty() && is_blank(item.front())) item.remove_prefix(1);
    while (!item.empty() && is_blank(item.back())) item.remove_suffix(1);
    if (!item.empty() && std::find(result.begin(), result.end(), item) == result.end()) {
      result.emplace_back(item);
    }
    if (comma == std::string_view::npos) break;
    emails.remove_prefix(comma + 1);
  }
  return result;
}

core::Expected<store::Page<vendors::polyv::Allocation>, std::string> list_group_allocations(
    PolyvRepository& repository, const vendors::polyv::PolyvGroupKeys& group,
    const AllocationListing& listing) {
  AllocationQuery query;
  query.app_id = group.app_id;
  query.emails = listing.emails;
  query.type = listing.type;
  query.from = listing.from;
  query.to = listing.to;
  query.offset = page_offset(listing.page, listing.page_size)
                     .value_or(std::numeric_limits<std::int64_t>::max());
  query.limit = listing.page_size;
  auto page = repository.query_allocations(query);
  if (!page) return core::unexpected(std::move(page).error().message);
  return std::move(page).value();
}

}  // namespace mediagate::vendors::polyv
