// PageIterator over a fake vendor: every item once and in order, for every page size, and
// the three ways a listing ends (empty page, short page, last page) and an error.
#include "client/page_iterator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

namespace mediagate::client {
namespace {

using IntPage = Page<int>;

// A vendor listing 0..total-1, with totalPages = ceil(totalItems / pageSize) unless told to lie.
struct FakeVendor {
  explicit FakeVendor(std::int64_t items) : total(items) {}
  std::int64_t total = 0;
  std::int64_t max_page_size = 1000;  // the vendor clamps
  std::int64_t fail_on_page = 0;      // 0: never
  std::int64_t lie_total_pages = -1;  // >= 0: send this totalPages instead
  std::vector<std::int64_t> asked;

  core::Expected<IntPage, ClientError> fetch(std::int64_t number, std::int64_t size) {
    asked.push_back(number);
    if (number == fail_on_page) {
      return core::unexpected(ClientError::transport("read: timed out", true));
    }
    IntPage page;
    page.page_number = number;
    page.page_size = std::min(size, max_page_size);
    page.total_items = total;
    page.total_pages =
        lie_total_pages >= 0 ? lie_total_pages : (total + page.page_size - 1) / page.page_size;
    for (std::int64_t i = (number - 1) * page.page_size;
         i < std::min(total, number * page.page_size); ++i) {
      page.contents.push_back(static_cast<int>(i));
    }
    return page;
  }

  PageIterator<IntPage> iterate(std::int64_t size) {
    return PageIterator<IntPage>([this, size](std::int64_t number) { return fetch(number, size); });
  }
};

std::vector<int> range(int n) {
  std::vector<int> all(static_cast<std::size_t>(n));
  std::iota(all.begin(), all.end(), 0);
  return all;
}

TEST(PageIteratorTest, EveryItemOnceInOrderForEveryPageSize) {
  for (const int total : {0, 1, 7, 20, 53}) {
    for (const std::int64_t size : {1, 7, 20, 1000}) {
      FakeVendor vendor{total};
      auto pages = vendor.iterate(size);
      std::vector<int> seen;
      for (const int item : pages) seen.push_back(item);
      EXPECT_EQ(seen, range(total)) << total << "/" << size;
      EXPECT_FALSE(pages.error());
      EXPECT_TRUE(pages.finished());
      // One request per page, and one more only when the last page was exactly full and the
      // vendor's totalPages did not say it was the last (never here) or nothing matched.
      const std::int64_t full_pages = (total + size - 1) / size;
      EXPECT_EQ(pages.pages_fetched(), std::max<std::int64_t>(full_pages, 1));
    }
  }
}

TEST(PageIteratorTest, PageByPage) {
  FakeVendor vendor{53};
  auto pages = vendor.iterate(20);
  std::vector<std::size_t> sizes;
  while (auto page = pages.next_page()) sizes.push_back(page->contents.size());
  EXPECT_EQ(sizes, (std::vector<std::size_t>{20, 20, 13}));
  EXPECT_EQ(vendor.asked, (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_FALSE(pages.next_page());
  EXPECT_EQ(vendor.asked.size(), 3u);  // nothing more is asked once finished
}

TEST(PageIteratorTest, AShortPageEndsIterationEvenIfTotalPagesSaysMore) {
  FakeVendor vendor{10};
  vendor.lie_total_pages = 99;
  auto pages = vendor.iterate(4);
  EXPECT_EQ(pages.collect().value(), range(10));
  EXPECT_EQ(vendor.asked, (std::vector<std::int64_t>{1, 2, 3}));
}

TEST(PageIteratorTest, AnEmptyPageEndsIteration) {
  FakeVendor vendor{8};
  vendor.lie_total_pages = 99;
  auto pages = vendor.iterate(4);
  EXPECT_EQ(pages.collect().value(), range(8));
  EXPECT_EQ(vendor.asked, (std::vector<std::int64_t>{1, 2, 3}));  // page 3 is empty
}

TEST(PageIteratorTest, TotalPagesEndsIterationWithoutAnExtraRequest) {
  FakeVendor vendor{8};
  auto pages = vendor.iterate(4);
  EXPECT_EQ(pages.collect().value(), range(8));
  EXPECT_EQ(vendor.asked, (std::vector<std::int64_t>{1, 2}));
}

TEST(PageIteratorTest, TheVendorsClampedPageSizeIsWhatCounts) {
  FakeVendor vendor{25};
  vendor.max_page_size = 10;  // asked for 1000, gets 10 per page: not "short"
  auto pages = vendor.iterate(1000);
  EXPECT_EQ(pages.collect().value(), range(25));
  EXPECT_EQ(vendor.asked, (std::vector<std::int64_t>{1, 2, 3}));
}

TEST(PageIteratorTest, AnErrorEndsIterationAndStaysAvailable) {
  FakeVendor vendor{50};
  vendor.fail_on_page = 3;
  auto pages = vendor.iterate(10);
  std::vector<int> seen;
  while (auto item = pages.next()) seen.push_back(*item);
  EXPECT_EQ(seen, range(20));
  ASSERT_TRUE(pages.error());
  EXPECT_EQ(pages.error()->kind, ClientError::Kind::kTransport);
  EXPECT_TRUE(pages.error()->timed_out);
  EXPECT_TRUE(pages.finished());
  EXPECT_FALSE(pages.next());
  EXPECT_EQ(vendor.asked.size(), 3u);

  FakeVendor again{50};
  again.fail_on_page = 2;
  auto collected = again.iterate(10).collect();
  ASSERT_FALSE(collected);
  EXPECT_EQ(collected.error().kind, ClientError::Kind::kTransport);
}

TEST(PageIteratorTest, StartsAtTheGivenPage) {
  FakeVendor vendor{30};
  PageIterator<IntPage> pages([&vendor](std::int64_t number) { return vendor.fetch(number, 10); },
                              2);
  EXPECT_EQ(pages.collect().value().front(), 10);
  EXPECT_EQ(vendor.asked, (std::vector<std::int64_t>{2, 3}));
}

}  // namespace
}  // namespace mediagate::client
