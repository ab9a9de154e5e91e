// Pages of the paginated vendor lists (e.g. a video list, a session list), and an iterator over
// all of them.
//
//   auto pages = vod.videos(query, 50);          // a PageIterator<VideoPage>
//   for (const Video& video : pages) { ... }     // every item of every page, in order
//   if (pages.error()) { ... }                   // why iteration stopped early, if it did
//
// Iteration asks for page 1, 2, ... with the same query and stops after a page that is empty,
// short (fewer items than the page size the vendor echoed) or the last one (its number >=
// totalPages). An error ends iteration; it stays available in error().
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <optional>
#include <utility>
#include <vector>

#include "client/client_error.hpp"
#include "core/expected.hpp"

namespace mediagate::client {

// What every page has. A vendor that sends no totalPages has it computed from totalItems.
template <class T>
struct Page {
  using value_type = T;
  std::int64_t page_number = 0;
  std::int64_t page_size = 0;
  std::int64_t total_items = 0;
  std::int64_t total_pages = 0;
  std::vector<T> contents{};
};

template <class PageT>
class PageIterator {
 public:
  using Item = typename PageT::value_type;
  // Fetches one page by number (1-based).
  using Fetch = std::function<core::Expected<PageT, ClientError>(std::int64_t page_number)>;

  explicit PageIterator(Fetch fetch, std::int64_t first_page = 1)
      : fetch_(std::move(fetch)), next_number_(first_page < 1 ? 1 : first_page) {}

  // The next page that has items, or nothing when iteration is over (see error()).
  std::optional<PageT> next_page() {
    if (finished_) return std::nullopt;
    const std::int64_t number = next_number_;
    auto page = fetch_(number);
    ++pages_fetched_;
    if (!page) {
      error_ = std::move(page).error();
      finished_ = true;
      return std::nullopt;
    }
    const auto count = static_cast<std::int64_t>(page->contents.size());
    if (count == 0) {
      finished_ = true;
      return std::nullopt;
    }
    if (page->page_size < 1 || count < page->page_size || number >= page->total_pages) {
      finished_ = true;
    }
    ++next_number_;
    return std::move(page).value();
  }

  // The next item, fetching pages as needed. Do not mix with next_page() on one iterator.
  std::optional<Item> next() {
    while (index_ >= buffer_.size()) {
      auto page = next_page();
      if (!page) return std::nullopt;
      buffer_ = std::move(page->contents);
      index_ = 0;
    }
    return std::move(buffer_[index_++]);
  }

  // Every remaining item, or the error that ended iteration.
  core::Expected<std::vector<Item>, ClientError> collect() {
    std::vector<Item> items;
    while (auto item = next()) items.push_back(std::move(*item));
    if (error_) return core::unexpected(*error_);
    return items;
  }

  // Iteration is over: the last page was seen, or an error happened.
  bool finished() const { return finished_ && index_ >= buffer_.size(); }
  // Why iteration ended early; nothing when it ended normally (or has not ended).
  const std::optional<ClientError>& error() const { return error_; }
  // Requests made so far.
  std::int64_t pages_fetched() const { return pages_fetched_; }

  // Items, for range-for (an input iterator: one pass).
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Item;
    using difference_type = std::ptrdiff_t;
    using reference = const Item&;
    using pointer = const Item*;

    iterator() = default;
    explicit iterator(PageIterator* owner) : owner_(owner) { advance(); }
    reference operator*() const { return *current_; }
    pointer operator->() const { return &*current_; }
    iterator& operator++() {
      advance();
      return *this;
    }
    void operator++(int) { advance(); }
    friend bool operator==(const iterator& it, std::default_sentinel_t) {
      return !it.current_.has_value();
    }

   private:
    void advance() { current_ = owner_ != nullptr ? owner_->next() : std::nullopt; }
    PageIterator* owner_ = nullptr;
    std::optional<Item> current_;
  };
  iterator begin() { return iterator(this); }
  std::default_sentinel_t end() { return {}; }

 private:
  Fetch fetch_;
  std::int64_t next_number_;
  std::int64_t pages_fetched_ = 0;
  bool finished_ = false;
  std::optional<ClientError> error_;
  std::vector<Item> buffer_;
  std::size_t index_ = 0;
};

namespace detail {

// The PageIterator of a client's page call: `fetch(query)` with query.page_size = `page_size` and
// query.page = each page number in turn.
template <class PageT, class Query, class Fetch>
PageIterator<PageT> pages_of(Query query, std::int64_t page_size, Fetch fetch) {
  query.page_size = page_size;
  return PageIterator<PageT>([query, fetch](std::int64_t number) mutable {
    query.page = number;
    return fetch(query);
  });
}

}  // namespace detail

}  // namespace mediagate::client
