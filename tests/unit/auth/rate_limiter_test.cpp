#include "auth/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace mediagate::auth {
namespace {

constexpr core::EpochMs kStart = 1'700'000'000'000;
const RateLimiterSettings kPolyv{1500, 10'000, 300'000};

TEST(InMemoryRateLimiter, The1501stRequestIsRefusedAndStartsTheBlock) {
  InMemoryRateLimiter limiter(kPolyv);
  for (int i = 0; i < 1500; ++i) {
    ASSERT_TRUE(limiter.hit("10.0.0.1", kStart + i * 5).allowed) << i;
  }
  const auto refused = limiter.hit("10.0.0.1", kStart + 7'500);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.blocked_until, kStart + 7'500 + 300'000);

  // Still refused during the block, even after the window would have ended.
  EXPECT_FALSE(limiter.hit("10.0.0.1", kStart + 20'000).allowed);
  EXPECT_FALSE(limiter.hit("10.0.0.1", kStart + 7'500 + 299'999).allowed);
  // Allowed again once the block is over, with a fresh window.
  EXPECT_TRUE(limiter.hit("10.0.0.1", kStart + 7'500 + 300'000).allowed);
}

TEST(InMemoryRateLimiter, RequestsInANewWindowStartFromZero) {
  InMemoryRateLimiter limiter(RateLimiterSettings{3, 1'000, 5'000});
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.hit("k", kStart + i).allowed);
  // The window opened at kStart; at kStart + 1000 a new one begins.
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.hit("k", kStart + 1'000 + i).allowed);
  EXPECT_FALSE(limiter.hit("k", kStart + 1'999).allowed);
}

TEST(InMemoryRateLimiter, WindowIsFixedFromTheFirstRequest) {
  InMemoryRateLimiter limiter(RateLimiterSettings{2, 1'000, 5'000});
  EXPECT_TRUE(limiter.hit("k", kStart).allowed);
  EXPECT_TRUE(limiter.hit("k", kStart + 999).allowed);
  EXPECT_FALSE(limiter.hit("k", kStart + 999).allowed);  // third within [kStart, kStart+1000)
}

TEST(InMemoryRateLimiter, KeysAreIndependent) {
  InMemoryRateLimiter limiter(RateLimiterSettings{2, 1'000, 5'000});
  EXPECT_TRUE(limiter.hit("a", kStart).allowed);
  EXPECT_TRUE(limiter.hit("a", kStart).allowed);
  EXPECT_FALSE(limiter.hit("a", kStart).allowed);
  EXPECT_TRUE(limiter.hit("b", kStart).allowed);
  EXPECT_TRUE(limiter.hit("b", kStart).allowed);
  EXPECT_FALSE(limiter.hit("a", kStart + 1).allowed);
}

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
