// The pagination block of Polyv live v3 lists (vendor-spec §4.5, decisions.md "Polyv paging
// past the end"), as a pure function of the request and of what the store returned, and the
// page count shared by every Polyv pager.
#pragma once

#include <cstdint>

namespace mediagate::vendors::polyv {

// ceil(total_items / page_size); 0 when there is nothing (or page_size < 1).
std::int64_t total_pages(std::int64_t total_items, std::int64_t page_size);

// The live v3 block, field for field (the wire order is the renderer's business).
struct LivePageBlock {
  std::int64_t page_size = 0;         // the page size used (after clamping)
  std::int64_t page_number = 0;       // the requested page, 1-based
  std::int64_t total_items = 0;       // every matching row
  std::int64_t limit = 0;             // rows on this page (0 past the end)
  std::int64_t next_page_number = 1;  // min(totalPages, page + 1), never below 1
  std::int64_t start_row = 0;         // offset + 1, 0 when the page is empty
  bool first_page = true;             // page == 1
  bool last_page = true;              // page >= totalPages
  std::int64_t pre_page_number = 1;   // max(1, page - 1)
  std::int64_t end_row = 0;           // offset + limit, 0 when the page is empty
  std::int64_t total_pages = 0;       // ceil(totalItems / pageSize)
  std::int64_t offset = 0;            // (page - 1) * pageSize, saturating at INT64_MAX

  friend bool operator==(const LivePageBlock&, const LivePageBlock&) = default;
};

// `page_number` >= 1 and `page_size` >= 1 (the caller validated them); `items_on_page` is the
// number of rows the store returned for this page. Safe for any int64 page (no overflow).
LivePageBlock live_page_block(std::int64_t page_number, std::int64_t page_size,
                              std::int64_t total_items, std::int64_t items_on_page);

}  // namespace mediagate::vendors::polyv
