// The live v3 pagination block (vendor-spec §4.5, decisions.md) and the shared page count.
#include "vendors/polyv/polyv_paging.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>

namespace mediagate::vendors::polyv {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

TEST(PolyvPaging, TotalPagesIsTheCeiling) {
  EXPECT_EQ(total_pages(0, 10), 0);
  EXPECT_EQ(total_pages(1, 10), 1);
  EXPECT_EQ(total_pages(10, 10), 1);
  EXPECT_EQ(total_pages(11, 10), 2);
  EXPECT_EQ(total_pages(11, 1), 11);
  EXPECT_EQ(total_pages(237, 7), 34);
  EXPECT_EQ(total_pages(kMax, 1), kMax);
  EXPECT_EQ(total_pages(kMax, kMax), 1);
  EXPECT_EQ(total_pages(5, 0), 0);
  EXPECT_EQ(total_pages(-1, 3), 0);
}

TEST(PolyvPaging, TheSeedExample) {
  // Seed 003: 4 sessions, pageSize 10, page 1.
  LivePageBlock expected;
  expected.page_size = 10;
  expected.page_number = 1;
  expected.total_items = 4;
  expected.limit = 4;
  expected.next_page_number = 1;
  expected.start_row = 1;
  expected.first_page = true;
  expected.last_page = true;
  expected.pre_page_number = 1;
  expected.end_row = 4;
  expected.total_pages = 1;
  expected.offset = 0;
  EXPECT_EQ(live_page_block(1, 10, 4, 4), expected);
}

TEST(PolyvPaging, FirstMiddleAndLastPages) {
  const auto first = live_page_block(1, 10, 25, 10);
  EXPECT_EQ(first.limit, 10);
  EXPECT_EQ(first.offset, 0);
  EXPECT_EQ(first.start_row, 1);
  EXPECT_EQ(first.end_row, 10);
  EXPECT_TRUE(first.first_page);
  EXPECT_FALSE(first.last_page);
  EXPECT_EQ(first.pre_page_number, 1);
  EXPECT_EQ(first.next_page_number, 2);
  EXPECT_EQ(first.total_pages, 3);

  const auto middle = live_page_block(2, 10, 25, 10);
  EXPECT_EQ(middle.offset, 10);
  EXPECT_EQ(middle.start_row, 11);
  EXPECT_EQ(middle.end_row, 20);
  EXPECT_FALSE(middle.first_page);
  EXPECT_FALSE(middle.last_page);
  EXPECT_EQ(middle.pre_page_number, 1);
  EXPECT_EQ(middle.next_page_number, 3);

  const auto last = live_page_block(3, 10, 25, 5);
  EXPECT_EQ(last.limit, 5);
  EXPECT_EQ(last.offset, 20);
  EXPECT_EQ(last.start_row, 21);
  EXPECT_EQ(last.end_row, 25);
  EXPECT_FALSE(last.first_page);
  EXPECT_TRUE(last.last_page);
  EXPECT_EQ(last.pre_page_number, 2);
  EXPECT_EQ(last.next_page_number, 3);
}

TEST(PolyvPaging, PastTheEndHasZeroRowsAndFormulaFields) {
  const auto past = live_page_block(5, 10, 25, 0);
  EXPECT_EQ(past.page_number, 5);
  EXPECT_EQ(past.total_items, 25);
  EXPECT_EQ(past.limit, 0);
  EXPECT_EQ(past.start_row, 0);
  EXPECT_EQ(past.end_row, 0);
  EXPECT_EQ(past.offset, 40);
  EXPECT_EQ(past.total_pages, 3);
  EXPECT_FALSE(past.first_page);
  EXPECT_TRUE(past.last_page);
  EXPECT_EQ(past.pre_page_number, 4);
  EXPECT_EQ(past.next_page_number, 3);
}

TEST(PolyvPaging, EmptyResult) {
  const auto empty = live_page_block(1, 20, 0, 0);
  EXPECT_EQ(empty.total_pages, 0);
  EXPECT_EQ(empty.limit, 0);
  EXPECT_EQ(empty.start_row, 0);
  EXPECT_EQ(empty.end_row, 0);
  EXPECT_EQ(empty.offset, 0);
  EXPECT_TRUE(empty.first_page);
  EXPECT_TRUE(empty.last_page);
  EXPECT_EQ(empty.pre_page_number, 1);
  EXPECT_EQ(empty.next_page_number, 1);
  // Empty and past the first page: nextPageNumber never drops below 1.
  const auto later = live_page_block(3, 20, 0, 0);
  EXPECT_EQ(later.next_page_number, 1);
  EXPECT_EQ(later.pre_page_number, 2);
  EXPECT_EQ(later.offset, 40);
  EXPECT_FALSE(later.first_page);
  EXPECT_TRUE(later.last_page);
}

TEST(PolyvPaging, HugePagesSaturateInsteadOfOverflowing) {
  const auto huge = live_page_block(kMax, 1000, 3, 0);
  EXPECT_EQ(huge.offset, kMax);
  EXPECT_EQ(huge.pre_page_number, kMax - 1);
  EXPECT_EQ(huge.next_page_number, 1);
  EXPECT_TRUE(huge.last_page);
  const auto edge = live_page_block(kMax, 1, kMax, 1);
  EXPECT_EQ(edge.offset, kMax - 1);
  EXPECT_EQ(edge.start_row, kMax);
  EXPECT_EQ(edge.end_row, kMax);
  EXPECT_EQ(edge.next_page_number, kMax);
  EXPECT_TRUE(edge.last_page);
}

// Every (total, size, page) in a small cube obeys the formulas of vendor-spec §4.5.
TEST(PolyvPaging, FormulasHoldExhaustivelyOnSmallInputs) {
  for (std::int64_t total = 0; total <= 30; ++total) {
    for (std::int64_t size = 1; size <= 12; ++size) {
      const std::int64_t pages = (total + size - 1) / size;
      for (std::int64_t page = 1; page <= pages + 2; ++page) {
        const std::int64_t offset = (page - 1) * size;
        const std::int64_t rows = std::max<std::int64_t>(0, std::min(size, total - offset));
        const auto b = live_page_block(page, size, total, rows);
        SCOPED_TRACE(testing::Message() << total << "/" << size << "/" << page);
        EXPECT_EQ(b.page_size, size);
        EXPECT_EQ(b.page_number, page);
        EXPECT_EQ(b.total_items, total);
        EXPECT_EQ(b.total_pages, pages);
        EXPECT_EQ(b.offset, offset);
        EXPECT_EQ(b.limit, rows);
        EXPECT_EQ(b.start_row, rows == 0 ? 0 : offset + 1);
        EXPECT_EQ(b.end_row, rows == 0 ? 0 : offset + rows);
        EXPECT_EQ(b.first_page, page == 1);
        EXPECT_EQ(b.last_page, page >= pages);
        EXPECT_EQ(b.pre_page_number, std::max<std::int64_t>(1, page - 1));
        EXPECT_EQ(b.next_page_number, std::max<std::int64_t>(1, std::min(pages, page + 1)));
      }
    }
  }
}

}  // namespace
}  // namespace mediagate::vendors::polyv
