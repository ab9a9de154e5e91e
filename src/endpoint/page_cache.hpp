// Rendered pages of the list endpoints (get-by-uploader, session list, group log), kept in
// memory while the store's data generation stays the same, so that a page asked for again
// costs a signature check instead of queries and JSON rendering. Only the page's `data` is
// kept, never an envelope: envelopes carry per-request parts (JSONP callback). A page is a
// shared, immutable text: an answer sends it as it is, around its envelope's own parts
// (http::Response's shared body), so neither a kept page nor a fresh one is copied.
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
  // Keeps `data` (a successful page) for later requests with the same key and generation, and
  // returns it as the shared page to answer with. A kept page's spare capacity beyond an
  // eighth of its size is given back first (one copy), so that the bytes the cache counts
  // (the key's size and the page's capacity) are what it holds.
  std::shared_ptr<const std::string> keep(PageTicket ticket, std::string data);

  core::GenerationCacheStats stats() const { return pages_.stats(); }

 private:
  static constexpr std::size_t kMaxPages = 1'000'000;
  core::GenerationCache<std::shared_ptr<const std::string>> pages_;
};

// The same through a possibly absent cache (nullptr: page caching is off).
std::shared_ptr<const std::string> find_page(PageCache* cache, const PageTicket& ticket);
// The page to answer with, kept when there is a cache (and the ticket allows).
std::shared_ptr<const std::string> keep_page(PageCache* cache, PageTicket ticket, std::string data);

}  // namespace mediagate::endpoint
