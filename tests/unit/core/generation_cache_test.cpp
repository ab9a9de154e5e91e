// core::GenerationCache: answers only at the generation a value was kept at, empties itself
// when a newer one shows up, stays within its bounds; core::CacheKey never confuses two part
// lists.
#include "core/generation_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace mediagate::core {
namespace {

TEST(GenerationCache, AnswersOnlyAtTheGenerationAValueWasKeptAt) {
  GenerationCache<std::string> cache({.max_entries = 10});
  EXPECT_FALSE(cache.find("k", 5));
  cache.insert("k", 5, "v5", 1);
  ASSERT_TRUE(cache.find("k", 5));
  EXPECT_EQ(*cache.find("k", 5), "v5");
  EXPECT_FALSE(cache.find("other", 5));

  // A newer generation: everything kept before is gone, even when asked with the old number.
  EXPECT_FALSE(cache.find("k", 6));
  EXPECT_FALSE(cache.find("k", 5));
  EXPECT_EQ(cache.stats().entries, 0U);

  // A value computed at an older generation than the newest seen is not kept.
  cache.insert("k", 5, "stale", 1);
  EXPECT_FALSE(cache.find("k", 6));
  EXPECT_EQ(cache.stats().entries, 0U);

  // Keeping a key again replaces its value.
  cache.insert("k", 6, "a", 1);
  cache.insert("k", 6, "b", 1);
  EXPECT_EQ(*cache.find("k", 6), "b");
  EXPECT_EQ(cache.stats().entries, 1U);
}

TEST(GenerationCache, CountsHitsAndMisses) {
  GenerationCache<int> cache({.max_entries = 10});
  cache.insert("a", 1, 1, 1);
  EXPECT_TRUE(cache.find("a", 1));
  EXPECT_TRUE(cache.find("a", 1));
  EXPECT_FALSE(cache.find("b", 1));
  const auto stats = cache.stats();
  EXPECT_EQ(stats.hits, 2U);
  EXPECT_EQ(stats.misses, 1U);
}

TEST(GenerationCache, StaysWithinItsEntryBound) {
  GenerationCache<int> cache({.max_entries = 3});
  for (int i = 0; i < 10; ++i) {
    cache.insert("k" + std::to_string(i), 1, i, 1);
    EXPECT_LE(cache.stats().entries, 3U);
  }
  // The newest is always kept.
  ASSERT_TRUE(cache.find("k9", 1));
  EXPECT_EQ(*cache.find("k9", 1), 9);
}

TEST(GenerationCache, StaysWithinItsByteBoundAndKeepsNothingLargerThanIt) {
  GenerationCache<std::string> cache({.max_entries = 100, .max_bytes = 100});
  for (int i = 0; i < 20; ++i) {
    cache.insert("k" + std::to_string(i), 1, std::string(30, 'x'), 30);
    EXPECT_LE(cache.stats().bytes, 100U);
  }
  EXPECT_EQ(cache.stats().entries, 3U);
  cache.insert("huge", 1, std::string(101, 'x'), 101);
  EXPECT_FALSE(cache.find("huge", 1));
  EXPECT_EQ(cache.stats().entries, 3U);  // nothing evicted for a value that cannot fit
}

TEST(GenerationCache, ABoundOfZeroEntriesKeepsNothing) {
  GenerationCache<int> cache({.max_entries = 0});
  cache.insert("a", 1, 1, 1);
  EXPECT_FALSE(cache.find("a", 1));
}

// Several threads keep and look up values while the generation moves: every answer found is
// the one kept for that key at that generation, and the bounds hold.
TEST(GenerationCache, ConcurrentUseNeverAnswersAnotherGenerationsValue) {
  GenerationCache<std::string> cache({.max_entries = 64, .max_bytes = 4096});
  std::atomic<std::uint64_t> generation{1};
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 random(static_cast<unsigned>(t));
      for (int i = 0; i < 20'000; ++i) {
        const std::uint64_t g = generation.load();
        const std::string key = "k" + std::to_string(random() % 100);
        const std::string value = key + "@" + std::to_string(g);
        if (auto found = cache.find(key, g)) {
          if (*found != value) ++wrong;
        } else {
          cache.insert(key, g, value, value.size());
        }
        if (random() % 1000 == 0) ++generation;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
  const auto stats = cache.stats();
  EXPECT_LE(stats.entries, 64U);
  EXPECT_LE(stats.bytes, 4096U);
  EXPECT_GT(stats.hits, 0U);
}

TEST(CacheKey, DifferentPartListsNeverShareAKey) {
  std::set<std::string> keys;
  const std::vector<CacheKey> distinct = {
      CacheKey("k").add("a").add("bc"),
      CacheKey("k").add("ab").add("c"),
      CacheKey("k").add(std::string_view("a\0b", 3)),
      CacheKey("k").add("a").add("b"),
      CacheKey("k").add(std::int64_t{12}),
      CacheKey("k").add("12"),
      CacheKey("k").add(std::int64_t{1}).add(std::int64_t{2}),
      CacheKey("k").add_optional(std::optional<std::string>{}),
      CacheKey("k").add_optional(std::optional<std::string>{""}),
      CacheKey("k2"),
      CacheKey("k"),
  };
  for (const auto& key : distinct) keys.insert(key.str());
  EXPECT_EQ(keys.size(), distinct.size());
  EXPECT_EQ(CacheKey("k").add("x").add(std::int64_t{3}).str(),
            CacheKey("k").add("x").add(std::int64_t{3}).str());
}

// The key's text, pinned: a length and ':' before each part, '#' and ';' around a number, in
// the digits std::to_string writes (the extremes of 64 bits included).
TEST(CacheKey, WritesLengthsAndNumbersInDecimal) {
  EXPECT_EQ(CacheKey("kind").add("").add(std::string(12, 'x')).str(), "4:kind0:12:xxxxxxxxxxxx");
  for (const std::int64_t number :
       {std::int64_t{0}, std::int64_t{-12}, std::int64_t{1767196800000},
        std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()}) {
    EXPECT_EQ(CacheKey("").add(number).str(), "0:#" + std::to_string(number) + ";");
  }
}

}  // namespace
}  // namespace mediagate::core
