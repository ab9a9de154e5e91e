#include "vendors/polyv/polyv_paging.hpp"

#include <algorithm>
#include <limits>

namespace mediagate::vendors::polyv {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

// a * b for a, b >= 0, saturating at INT64_MAX.
std::int64_t saturating_product(std::int64_t a, std::int64_t b) {
  if (a == 0 || b == 0) return 0;
  return a > kMax / b ? kMax : a * b;
}

std::int64_t saturating_sum(std::int64_t a, std::int64_t b) {
  return a > kMax - b ? kMax : a + b;
}

}  // namespace

std::int64_t total_pages(std::int64_t total_items, std::int64_t page_size) {
  if (total_items <= 0 || page_size < 1) return 0;
  return total_items / page_size + (total_items % page_size == 0 ? 0 : 1);
}

LivePageBlock live_page_block(std::int64_t page_number, std::int64_t page_size,
                              std::int64_t total_items, std::int64_t items_on_page) {
  LivePageBlock block;
  block.page_size = page_size;
  block.page_number = page_number;
  block.total_items = total_items;
  block.total_pages = total_pages(total_items, page_size);
  block.offset = saturating_product(std::max<std::int64_t>(page_number - 1, 0), page_size);
  block.limit = std::max<std::int64_t>(items_on_page, 0);
  block.start_row = block.limit == 0 ? 0 : saturating_sum(block.offset, 1);
  block.end_row = block.limit == 0 ? 0 : saturating_sum(block.offset, block.limit);
  block.first_page = page_number == 1;
  block.last_page = page_number >= block.total_pages;
  block.pre_page_number = std::max<std::int64_t>(1, page_number - 1);
  block.next_page_number =
      std::max<std::int64_t>(1, std::min(block.total_pages, saturating_sum(page_number, 1)));
  return block;
}

}  // namespace mediagate::vendors::polyv
