// What every backend must do is in tests/unit/shared_state/rate_limiter_contract_test.cpp;
// this file tests what only the in-memory limiter has: its memory bound and sweeping.
#include "auth/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace mediagate::auth {
namespace {

constexpr core::EpochMs kStart = 1'700'000'000'000;

TEST(InMemoryRateLimiter, ExpiredEntriesAreDropped) {
  InMemoryRateLimiter limiter(RateLimiterSettings{2, 1'000, 5'000});
  for (int i = 0; i < 5'000; ++i) limiter.hit("old-" + std::to_string(i), kStart);
  for (int i = 0; i < 3; ++i) limiter.hit("blocked", kStart);
  EXPECT_EQ(limiter.size(), 5'001u);

  // New keys after everything expired: sweeps run on their own and drop the old entries.
  const core::EpochMs later = kStart + 10'000;
  for (int i = 0; i < 5'000; ++i) limiter.hit("new-" + std::to_string(i), later);
  EXPECT_LT(limiter.size(), 5'000u + 16 * 64);

  // An explicit sweep while a block is running keeps the blocked key only.
  InMemoryRateLimiter other(RateLimiterSettings{2, 1'000, 5'000});
  for (int i = 0; i < 3; ++i) other.hit("blocked", kStart);
  other.hit("quiet", kStart);
  other.sweep(kStart + 1'000);
  EXPECT_EQ(other.size(), 1u);
  EXPECT_FALSE(other.hit("blocked", kStart + 1'000).allowed);
  other.sweep(kStart + 5'000);
  EXPECT_EQ(other.size(), 0u);
}

TEST(InMemoryRateLimiter, FullLimiterFailsOpenForNewKeysOnly) {
  InMemoryRateLimiter limiter(RateLimiterSettings{1, 1'000, 5'000, 16});  // one key per shard
  for (int i = 0; i < 200; ++i) limiter.hit("k" + std::to_string(i), kStart);
  EXPECT_LE(limiter.size(), 16u);
  // Tracked keys are still limited; untracked ones pass.
  int refused = 0;
  for (int i = 0; i < 200; ++i) {
    if (!limiter.hit("k" + std::to_string(i), kStart).allowed) ++refused;
  }
  EXPECT_EQ(refused, static_cast<int>(limiter.size()));
}

TEST(InMemoryRateLimiter, ConcurrentHitsAreCountedExactly) {
  InMemoryRateLimiter limiter(RateLimiterSettings{1'000, 10'000, 300'000});
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        if (limiter.hit("shared", kStart).allowed) ++allowed;
        limiter.hit("own-" + std::to_string(i), kStart);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(allowed.load(), 1'000);
}

}  // namespace
}  // namespace mediagate::auth
