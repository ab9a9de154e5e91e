// Rendered pages of the list endpoints (get-by-uploader, session list, group log), kept in
// memory while the store's data generation stays the same, so that a page asked for again
// costs a signature check and a copy instead of queries and JSON rendering. Only the page's
// `data` is kept, never an envelope: envelopes carry per-request parts (JSONP callback).
// A page is keyed by everything its content depends on (the endpoint, the account and the
// parsed query, never the signature or timestamp) and is looked up only after the request
// has been authenticated, so a page is served only to a caller entitled to it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/generation_cache.hpp"

namespace mediagate::endpoint {

// One request's claim on the cache: the data generation read before any of the request's
// data, and the page's key.
struct PageTicket {
  std::optional<std::uint64_t> generation;  // nothing: the store cannot tell, do not cache
  std::string key;
};

class PageCache {
 public:
  explicit PageCache(std::size_t max_bytes)
      : pages_({.max_entries = max_bytes == 0 ? 0 : kMaxPages, .max_bytes = max_bytes}) {}

  // The page kept for `ticket`, if any (nullptr otherwise).
  std::shared_ptr<const std::string> find(const PageTicket& ticket);
  // Keeps `data` (a successful page) for later requests with the same key and generation.
  void keep(PageTicket ticket, std::string_view data);

  core::GenerationCacheStats stats() const { return pages_.stats(); }

 private:
  static constexpr std::size_t kMaxPages = 1'000'000;
  core::GenerationCache<std::shared_ptr<const std::string>> pages_;
};

// The same through a possibly absent cache (nullptr: page caching is off).
std::shared_ptr<const std::string> find_page(PageCache* cache, const PageTicket& ticket);
void keep_page(PageCache* cache, PageTicket ticket, std::string_view data);

}  // namespace mediagate::endpoint
