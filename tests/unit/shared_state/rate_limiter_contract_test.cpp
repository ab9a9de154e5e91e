// The rate-limiter contract (decisions.md, Polyv), run against every backend (in memory and
// Redis): both must decide every request identically.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "unit/shared_state/backends.hpp"

namespace mediagate::shared_state {
namespace {

using auth::RateLimiterSettings;
constexpr core::EpochMs kStart = 1'700'000'000'000;
const RateLimiterSettings kPolyv{1500, 10'000, 300'000};

template <class Backend>
class RateLimiterContract : public ::testing::Test {
 protected:
  void SetUp() override { backend_.set_up(); }
  std::unique_ptr<auth::RateLimiter> make(RateLimiterSettings settings) {
    return backend_.rate_limiter(settings);
  }
  Backend backend_;
};
TYPED_TEST_SUITE(RateLimiterContract, Backends, BackendName);

TYPED_TEST(RateLimiterContract, The1501stRequestIsRefusedAndStartsTheBlock) {
  auto limiter = this->make(kPolyv);
  for (int i = 0; i < 1500; ++i) {
    ASSERT_TRUE(limiter->hit("10.0.0.1", kStart + i * 5).allowed) << i;
  }
  const auto refused = limiter->hit("10.0.0.1", kStart + 7'500);
  EXPECT_FALSE(refused.allowed);
  EXPECT_FALSE(refused.unavailable);
  EXPECT_EQ(refused.blocked_until, kStart + 7'500 + 300'000);

  // Still refused during the block, even after the window would have ended.
  const auto during = limiter->hit("10.0.0.1", kStart + 20'000);
  EXPECT_FALSE(during.allowed);
  EXPECT_EQ(during.blocked_until, kStart + 7'500 + 300'000);
  EXPECT_FALSE(limiter->hit("10.0.0.1", kStart + 7'500 + 299'999).allowed);
  // Allowed again once the block is over, with a fresh window.
  EXPECT_TRUE(limiter->hit("10.0.0.1", kStart + 7'500 + 300'000).allowed);
}

TYPED_TEST(RateLimiterContract, RequestsInANewWindowStartFromZero) {
  auto limiter = this->make(RateLimiterSettings{3, 1'000, 5'000});
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter->hit("k", kStart + i).allowed);
  // The window opened at kStart; at kStart + 1000 a new one begins.
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter->hit("k", kStart + 1'000 + i).allowed);
  EXPECT_FALSE(limiter->hit("k", kStart + 1'999).allowed);
}

TYPED_TEST(RateLimiterContract, WindowIsFixedFromTheFirstRequest) {
  auto limiter = this->make(RateLimiterSettings{2, 1'000, 5'000});
  EXPECT_TRUE(limiter->hit("k", kStart).allowed);
  EXPECT_TRUE(limiter->hit("k", kStart + 999).allowed);
  EXPECT_FALSE(limiter->hit("k", kStart + 999).allowed);  // third within [kStart, kStart+1000)
}

TYPED_TEST(RateLimiterContract, KeysAreIndependent) {
  auto limiter = this->make(RateLimiterSettings{2, 1'000, 5'000});
  EXPECT_TRUE(limiter->hit("a", kStart).allowed);
  EXPECT_TRUE(limiter->hit("a", kStart).allowed);
  EXPECT_FALSE(limiter->hit("a", kStart).allowed);
  EXPECT_TRUE(limiter->hit("b", kStart).allowed);
  EXPECT_TRUE(limiter->hit("b", kStart).allowed);
  EXPECT_FALSE(limiter->hit("a", kStart + 1).allowed);
  EXPECT_TRUE(limiter->hit("::1", kStart).allowed);
}

TYPED_TEST(RateLimiterContract, AClockMovedBackOpensANewWindow) {
  auto limiter = this->make(RateLimiterSettings{2, 1'000, 5'000});
  EXPECT_TRUE(limiter->hit("k", kStart).allowed);
  EXPECT_TRUE(limiter->hit("k", kStart).allowed);
  EXPECT_TRUE(limiter->hit("k", kStart - 1).allowed);  // before the window: a new one
  EXPECT_TRUE(limiter->hit("k", kStart - 1).allowed);
  EXPECT_FALSE(limiter->hit("k", kStart - 1).allowed);
}

TYPED_TEST(RateLimiterContract, AZeroBlockEndsAtOnce) {
  auto limiter = this->make(RateLimiterSettings{1, 1'000, 0});
  EXPECT_TRUE(limiter->hit("k", kStart).allowed);
  const auto refused = limiter->hit("k", kStart);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.blocked_until, kStart);
  EXPECT_TRUE(limiter->hit("k", kStart).allowed);  // the block is over: a fresh window
  EXPECT_FALSE(limiter->hit("k", kStart + 1).allowed);
}

TYPED_TEST(RateLimiterContract, ConcurrentHitsAreCountedExactly) {
  auto limiter = this->make(RateLimiterSettings{500, 10'000, 300'000});
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 250; ++i) {
        if (limiter->hit("shared", kStart).allowed) ++allowed;
        limiter->hit("own-" + std::to_string(i), kStart);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(allowed.load(), 500);
}

}  // namespace
}  // namespace mediagate::shared_state
