// Rendered pages of the list endpoints (get-by-uploader, session list, group log), kept in
// memory while the store's data generation stays the same, so that a page asked for again
// costs a signature check instead of queries and JSON rendering. Only the page's `data` is
// kept, never an envelope: envelopes carry per-request parts (JSONP callback). A page is a
// shared, immutable text: an answer sends it as it is, around its envelope's own parts
// (http::Response's shared body), so neither a kept page nor a fresh one is copied.
// A page is keyed by everything its content depends on (the endpoint, the account and the
// parsed query, never the signature or timestamp) and is looked up only after the request
// has been authenticated, so a page is served only to a caller entitled to it.
//
// One request makes a missing page, the others wait for it: the first answer started on the io
// thread to miss a page claims its making (join_fill gives it a PageFill); one that misses the
// same page of the same generation while the claim holds waits for it (wait_for_fill) and then
// looks again, instead of asking the store for the same page. Without it a restart under load,
// or a write, sent every connection's request for a page to the store at once (64 connections:
// ~50 queries and a pool's worth of new database connections in the first second, p99 60 ms).
// A claim ends when its PageFill is destroyed, kept or not: a failed or abandoned making lets the
// waiters go, and they ask the store themselves.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/generation_cache.hpp"

namespace mediagate::endpoint {

// One request's claim on the cache: the data generation read before any of the request's
// data, and the page's key.
struct PageTicket {
  std::optional<std::uint64_t> generation;  // nothing: the store cannot tell, do not cache
  std::string key;
};

class PageCache;

// A claim on making one page (PageCache::join_fill); destroying it ends the claim and calls
// every waiter's resume, on this thread.
class PageFill {
 public:
  PageFill(PageCache& cache, std::string fill_key) : cache_(&cache), key_(std::move(fill_key)) {}
  PageFill(PageFill&& other) noexcept
      : cache_(std::exchange(other.cache_, nullptr)), key_(std::move(other.key_)) {}
  PageFill& operator=(PageFill&&) = delete;
  PageFill(const PageFill&) = delete;
  PageFill& operator=(const PageFill&) = delete;
  ~PageFill();

 private:
  PageCache* cache_;
  std::string key_;
};

class PageCache {
 public:
  // Pages being made at once, at most (each a key and its waiters: bounded by the requests in
  // flight anyway); a miss beyond them neither claims nor waits.
  static constexpr std::size_t kMaxFills = 4'096;

  // What join_fill found: the claim is this caller's (`claim`), or another request is making the
  // page (`another`: wait_for_fill), or neither (no generation, or kMaxFills reached).
  struct Join {
    std::optional<PageFill> claim;
    bool another = false;
  };

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

  Join join_fill(const PageTicket& ticket);
  // While another request makes `ticket`'s page: keeps `resume`, to be called once when that
  // claim ends (from the thread that ends it), and answers true. Otherwise false: the claim has
  // ended already, and `resume` is not kept.
  bool wait_for_fill(const PageTicket& ticket, std::function<void()> resume);
  // Pages being made now.
  std::size_t fills() const;

 private:
  friend class PageFill;
  static std::string fill_key(const PageTicket& ticket);
  void end_fill(const std::string& key);

  static constexpr std::size_t kMaxPages = 1'000'000;
  core::GenerationCache<std::shared_ptr<const std::string>> pages_;
  mutable std::mutex fills_mutex_;
  // A page being made (its key, with the generation), and who waits for it.
  std::unordered_map<std::string, std::vector<std::function<void()>>> fills_;
};

// The same through a possibly absent cache (nullptr: page caching is off).
std::shared_ptr<const std::string> find_page(PageCache* cache, const PageTicket& ticket);
// The page to answer with, kept when there is a cache (and the ticket allows).
std::shared_ptr<const std::string> keep_page(PageCache* cache, PageTicket ticket, std::string data);

}  // namespace mediagate::endpoint
