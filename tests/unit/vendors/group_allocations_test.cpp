// Polyv group allocation log: the group lookup (missing, banned), the emails list, and the
// query handed to the store.
#include "vendors/polyv/group_allocations.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "polyv_fake_store.hpp"

namespace mediagate::vendors::polyv {
namespace {

using Emails = std::vector<std::string>;

TEST(GroupEmails, SplitTrimDropEmptyAndDuplicates) {
  EXPECT_EQ(split_emails("a@x.com"), (Emails{"a@x.com"}));
  EXPECT_EQ(split_emails("a@x.com,b@x.com"), (Emails{"a@x.com", "b@x.com"}));
  EXPECT_EQ(split_emails(" a@x.com ,\tb@x.com\t"), (Emails{"a@x.com", "b@x.com"}));
  EXPECT_EQ(split_emails(",,a@x.com,,"), (Emails{"a@x.com"}));
  EXPECT_EQ(split_emails("b@x.com,a@x.com,b@x.com"), (Emails{"b@x.com", "a@x.com"}));
  EXPECT_EQ(split_emails(","), Emails{});
  EXPECT_EQ(split_emails(""), Emails{});
}

TEST(GroupLookup, FoundForbiddenMissingFailing) {
  testing::PolyvFakeRepository store;
  store.group = vendors::polyv::PolyvGroupKeys{"g1", "secret", false};
  auto found = find_active_group(store, "g1");
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, *store.group);

  auto missing = find_active_group(store, "g2");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, GroupLookupError::kNotFound);

  store.group->forbidden = true;
  auto banned = find_active_group(store, "g1");
  ASSERT_FALSE(banned);
  EXPECT_EQ(banned.error().kind, GroupLookupError::kForbidden);

  store.fail = true;
  auto failed = find_active_group(store, "g1");
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().kind, GroupLookupError::kStoreFailure);
  EXPECT_EQ(failed.error().detail, "disk I/O error (fake)");
}

TEST(GroupAllocations, PassesTheListingToTheStore) {
  testing::PolyvFakeRepository store;
  store.allocations.total = 11;
  store.allocations.items = {vendors::polyv::Allocation{"a@x.com", 5, "live", "ADD_CONCURRENCES",
                                                        "t", std::nullopt, std::nullopt,
                                                        std::nullopt, 970, std::nullopt}};
  const vendors::polyv::PolyvGroupKeys group{"g1", "secret", false};
  AllocationListing listing;
  listing.emails = {"a@x.com", "b@x.com"};
  listing.type = "vod";
  listing.from = 100;
  listing.to = 200;
  listing.page = 4;
  listing.page_size = 3;
  auto page = list_group_allocations(store, group, listing);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 11);
  EXPECT_EQ(page->items, store.allocations.items);
  const auto& query = *store.last_allocation_query;
  EXPECT_EQ(query.app_id, "g1");
  EXPECT_EQ(query.emails, listing.emails);
  EXPECT_EQ(query.type, "vod");
  EXPECT_EQ(query.from, 100);
  EXPECT_EQ(query.to, 200);
  EXPECT_EQ(query.offset, 9);
  EXPECT_EQ(query.limit, 3);

  listing.page = std::numeric_limits<std::int64_t>::max();
  ASSERT_TRUE(list_group_allocations(store, group, listing));
  EXPECT_EQ(store.last_allocation_query->offset, std::numeric_limits<std::int64_t>::max());

  store.fail = true;
  auto failed = list_group_allocations(store, group, listing);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error(), "disk I/O error (fake)");
}

}  // namespace
}  // namespace mediagate::vendors::polyv
