// The page cache's keep and find: a page is made shared once, kept without a copy (unless
// much of its buffer is spare), and found as that same shared text.
#include "endpoint/page_cache.hpp"

#include <gtest/gtest.h>

#include <string>

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

}  // namespace
}  // namespace mediagate::endpoint
