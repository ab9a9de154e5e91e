// The page cache's keep and find: a page is made shared once, kept without a copy (unless
// much of its buffer is spare), and found as that same shared text.
#include "endpoint/page_cache.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace mediagate::endpoint {
namespace {

std::string page_of(std::size_t size, std::size_t capacity) {
  std::string page;
  page.reserve(capacity);
  page.assign(size, 'p');
  return page;
}

TEST(PageCache, AKeptPageIsTheTextItWasGivenAndTheOneFound) {
  PageCache cache(1 << 20);
  std::string data = page_of(1000, 1100);  // an eighth spare at most: kept as it is
  const char* buffer = data.data();
  const auto kept = cache.keep({7, "key"}, std::move(data));
  ASSERT_NE(kept, nullptr);
  EXPECT_EQ(*kept, std::string(1000, 'p'));
  EXPECT_EQ(kept->data(), buffer);  // not copied
  const auto found = cache.find({7, "key"});
  EXPECT_EQ(found.get(), kept.get());
  EXPECT_EQ(cache.find({7, "other"}), nullptr);
  EXPECT_EQ(cache.stats().bytes, 3 + kept->capacity());
  EXPECT_EQ(cache.find({8, "key"}), nullptr);  // a newer generation: pages are dropped
  EXPECT_EQ(cache.find({7, "key"}), nullptr);
}

TEST(PageCache, APageWithMuchSpareRoomIsTrimmedBeforeItIsKept) {
  PageCache cache(1 << 20);
  const auto kept = cache.keep({1, "k"}, page_of(1000, 4000));
  EXPECT_EQ(*kept, std::string(1000, 'p'));
  EXPECT_LE(kept->capacity(), 1000u + 1000u / 8);
  EXPECT_EQ(cache.stats().bytes, 1 + kept->capacity());
  EXPECT_EQ(cache.find({1, "k"}).get(), kept.get());
}

TEST(PageCache, WithoutAGenerationOrACacheThePageIsAnsweredButNotKept) {
  PageCache cache(1 << 20);
  std::string data = page_of(1000, 4000);
  const char* buffer = data.data();
  const auto unkept = cache.keep({std::nullopt, "k"}, std::move(data));
  EXPECT_EQ(*unkept, std::string(1000, 'p'));
  EXPECT_EQ(unkept->data(), buffer);  // neither copied nor trimmed
  EXPECT_EQ(cache.find({std::nullopt, "k"}), nullptr);
  EXPECT_EQ(cache.stats().entries, 0u);
  EXPECT_EQ(*keep_page(nullptr, {1, "k"}, "data"), "data");
  EXPECT_EQ(find_page(nullptr, {1, "k"}), nullptr);
  EXPECT_EQ(find_page(&cache, {1, "k"}), nullptr);
  EXPECT_EQ(*keep_page(&cache, {1, "k"}, "data"), "data");
  EXPECT_EQ(*find_page(&cache, {1, "k"}), "data");
}

TEST(PageCache, APageLargerThanTheCacheIsAnsweredButNotKept) {
  PageCache cache(100);
  const auto page = cache.keep({1, "k"}, page_of(1000, 1000));
  EXPECT_EQ(page->size(), 1000u);
  EXPECT_EQ(cache.find({1, "k"}), nullptr);
}

TEST(PageCacheFill, TheFirstToMissClaimsTheMakingAndTheOthersWaitUntilItEnds) {
  PageCache cache(1 << 20);
  const PageTicket ticket{3, "page"};
  auto first = cache.join_fill(ticket);
  ASSERT_TRUE(first.claim.has_value());
  EXPECT_FALSE(first.another);
  EXPECT_EQ(cache.fills(), 1u);
  const auto second = cache.join_fill(ticket);
  EXPECT_FALSE(second.claim.has_value());
  EXPECT_TRUE(second.another);
  int resumed = 0;
  EXPECT_TRUE(cache.wait_for_fill(ticket, [&] { ++resumed; }));
  EXPECT_TRUE(cache.wait_for_fill(ticket, [&] { ++resumed; }));
  // Another generation or another key is another page: its own claim.
  EXPECT_TRUE(cache.join_fill({4, "page"}).claim.has_value());
  EXPECT_TRUE(cache.join_fill({3, "other"}).claim.has_value());
  EXPECT_EQ(cache.fills(), 1u);  // those two claims ended as they went
  EXPECT_EQ(resumed, 0);
  cache.keep(ticket, "made");
  first.claim.reset();  // the maker's answer ends
  EXPECT_EQ(resumed, 2);
  EXPECT_EQ(cache.fills(), 0u);
  EXPECT_EQ(*cache.find(ticket), "made");
  // Over: nobody to wait for.
  EXPECT_FALSE(cache.wait_for_fill(ticket, [&] { ++resumed; }));
  EXPECT_EQ(resumed, 2);
}

TEST(PageCacheFill, AClaimMovedEndsOnceWhereItEndsUp) {
  PageCache cache(1 << 20);
  const PageTicket ticket{1, "k"};
  std::optional<PageFill> kept;
  int resumed = 0;
  {
    auto join = cache.join_fill(ticket);
    ASSERT_TRUE(join.claim.has_value());
    kept.emplace(std::move(*join.claim));
    EXPECT_TRUE(cache.wait_for_fill(ticket, [&] { ++resumed; }));
  }  // the moved-from claim ends nothing
  EXPECT_EQ(resumed, 0);
  EXPECT_EQ(cache.fills(), 1u);
  kept.reset();
  EXPECT_EQ(resumed, 1);
  EXPECT_EQ(cache.fills(), 0u);
}

TEST(PageCacheFill, NoGenerationNoClaimAndBeyondTheBoundNeither) {
  PageCache cache(1 << 20);
  const auto untold = cache.join_fill({std::nullopt, "k"});
  EXPECT_FALSE(untold.claim.has_value());
  EXPECT_FALSE(untold.another);
  EXPECT_FALSE(cache.wait_for_fill({std::nullopt, "k"}, [] {}));
  std::vector<PageFill> claims;
  for (std::size_t i = 0; i < PageCache::kMaxFills; ++i) {
    auto join = cache.join_fill({1, "k" + std::to_string(i)});
    ASSERT_TRUE(join.claim.has_value()) << i;
    claims.push_back(std::move(*join.claim));
  }
  EXPECT_EQ(cache.fills(), PageCache::kMaxFills);
  const auto beyond = cache.join_fill({1, "one more"});
  EXPECT_FALSE(beyond.claim.has_value());
  EXPECT_FALSE(beyond.another);                     // the answer makes its page itself, untracked
  EXPECT_TRUE(cache.join_fill({1, "k0"}).another);  // those tracked are still waited for
  claims.clear();
  EXPECT_EQ(cache.fills(), 0u);
}

}  // namespace
}  // namespace mediagate::endpoint
