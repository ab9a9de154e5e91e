// A bounded, thread-safe map from a key to a value computed from data at a known *generation*:
// a number the data's owner changes whenever the data may have changed (Store::data_generation).
// An entry answers only while the data is still at the generation it was computed at, so a
// cached answer is never older than the generation the caller just read. The caller reads the
// generation BEFORE computing a value: a write that lands while it computes then makes the
// value's generation old at once, never the reverse.
//
// All entries share one generation: the first call that shows a newer one empties the cache.
// When an insert would pass a bound (entries or bytes), arbitrary entries are evicted first
// (what is hot comes back on the next miss); a value larger than the byte bound is not kept.
#pragma once

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace mediagate::core {

// Builds an unambiguous key from several parts: each part is length-prefixed, so that no two
// different part lists give the same key whatever bytes (NUL included) the parts hold.
class CacheKey {
 public:
  explicit CacheKey(std::string_view kind) { add(kind); }

  CacheKey& add(std::string_view part) {
    append_number(part.size());
    key_ += ':';
    key_ += part;
    return *this;
  }
  CacheKey& add(std::int64_t number) {
    key_ += '#';
    append_number(number);
    key_ += ';';
    return *this;
  }
  // An absent optional and a present one never share a key.
  template <class T>
  CacheKey& add_optional(const std::optional<T>& part) {
    if (!part) {
      key_ += '-';
      return *this;
    }
    key_ += '+';
    return add(*part);
  }

  const std::string& str() const& { return key_; }
  std::string str() && { return std::move(key_); }

 private:
  // The decimal digits of `number` (a '-' first if negative), as std::to_string writes them,
  // without a string of their own.
  template <class Number>
  void append_number(Number number) {
    std::array<char, 24> digits;  // enough for any 64-bit number (not value-initialised)
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), number).ptr;
    key_.append(digits.data(), static_cast<std::size_t>(end - digits.data()));
  }

  std::string key_;
};

struct GenerationCacheLimits {
  std::size_t max_entries = 0;  // 0 = keep nothing
  std::size_t max_bytes = 0;    // 0 = no byte bound (entries only)
};

struct GenerationCacheStats {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::size_t entries = 0;
  std::size_t bytes = 0;
};

template <class Value>
class GenerationCache {
 public:
  explicit GenerationCache(GenerationCacheLimits limits) : limits_(limits) {}

  // The value stored under `key` at `generation`, if any.
  std::optional<Value> find(std::string_view key, std::uint64_t generation) {
    std::lock_guard lock(mutex_);
    advance(generation);
    if (generation == generation_) {
      if (const auto it = entries_.find(key); it != entries_.end()) {
        ++hits_;
        return it->second.value;
      }
    }
    ++misses_;
    return std::nullopt;
  }

  // Keeps `value`, computed from data at `generation`; `bytes` is what it costs (its size,
  // the key's included). Values of an older generation than the newest seen are dropped.
  void insert(std::string key, std::uint64_t generation, Value value, std::size_t bytes) {
    if (limits_.max_entries == 0) return;
    if (limits_.max_bytes != 0 && bytes > limits_.max_bytes) return;
    std::lock_guard lock(mutex_);
    advance(generation);
    if (generation != generation_) return;
    if (const auto it = entries_.find(key); it != entries_.end()) {
      bytes_ -= it->second.bytes;
      entries_.erase(it);
    }
    while (!entries_.empty() && (entries_.size() >= limits_.max_entries ||
                                 (limits_.max_bytes != 0 && bytes_ + bytes > limits_.max_bytes))) {
      bytes_ -= entries_.begin()->second.bytes;
      entries_.erase(entries_.begin());
    }
    bytes_ += bytes;
    entries_.emplace(std::move(key), Entry{std::move(value), bytes});
  }

  GenerationCacheStats stats() const {
    std::lock_guard lock(mutex_);
    return {hits_, misses_, entries_.size(), bytes_};
  }

 private:
  struct Entry {
    Value value;
    std::size_t bytes;
  };
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept {
      return std::hash<std::string_view>{}(key);
    }
  };

  // Called with the lock held: a newer generation empties the cache.
  void advance(std::uint64_t generation) {
    if (generation <= generation_) return;
    entries_.clear();
    bytes_ = 0;
    generation_ = generation;
  }

  const GenerationCacheLimits limits_;
  mutable std::mutex mutex_;
  std::uint64_t generation_ = 0;
  std::unordered_map<std::string, Entry, KeyHash, std::equal_to<>> entries_;
  std::size_t bytes_ = 0;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

}  // namespace mediagate::core
