// The replay-guard contract, run against every backend (in memory and Redis).
#include <gtest/gtest.h>

#include <atomic>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "unit/shared_state/backends.hpp"

namespace mediagate::shared_state {
namespace {

using auth::ReplayCheck;
constexpr core::EpochMs kStart = 1'700'000'000'000;
constexpr std::int64_t kHorizon = 15 * 60 * 1000;

template <class Backend>
class ReplayGuardContract : public ::testing::Test {
 protected:
  void SetUp() override {
    backend_.set_up();
    if (!backend_.ready()) return;
    guard_ = backend_.replay_guard();
  }
  bool first(std::string_view scope, std::string_view token, core::EpochMs now,
             std::int64_t horizon = kHorizon) {
    return guard_->first_use(scope, token, now, horizon) == ReplayCheck::kFirstUse;
  }
  ReplayCheck check(std::string_view scope, std::string_view token, core::EpochMs now,
                    std::int64_t horizon = kHorizon) {
    return guard_->first_use(scope, token, now, horizon);
  }
  Backend backend_;
  std::unique_ptr<auth::ReplayGuard> guard_;
};
TYPED_TEST_SUITE(ReplayGuardContract, Backends, BackendName);

TYPED_TEST(ReplayGuardContract, ReplayWithinTheHorizonIsRefused) {
  EXPECT_EQ(this->check("TEST_PID", "AbCdE12345", kStart), ReplayCheck::kFirstUse);
  EXPECT_EQ(this->check("TEST_PID", "AbCdE12345", kStart), ReplayCheck::kReplay);
  EXPECT_EQ(this->check("TEST_PID", "AbCdE12345", kStart + kHorizon), ReplayCheck::kReplay);
  EXPECT_TRUE(this->first("TEST_PID", "other", kStart));
}

TYPED_TEST(ReplayGuardContract, AcceptedAgainAfterTheHorizon) {
  EXPECT_TRUE(this->first("p", "n", kStart));
  EXPECT_TRUE(this->first("p", "n", kStart + kHorizon + 1));
  // ... and that use starts a new horizon.
  EXPECT_FALSE(this->first("p", "n", kStart + kHorizon + 2));
}

TYPED_TEST(ReplayGuardContract, ScopesAreIndependent) {
  EXPECT_TRUE(this->first("partner-a", "msg", kStart));
  EXPECT_TRUE(this->first("partner-b", "msg", kStart));
  EXPECT_FALSE(this->first("partner-a", "msg", kStart));
  // No ambiguity between scope and token boundaries.
  EXPECT_TRUE(this->first("ab", "c", kStart));
  EXPECT_TRUE(this->first("a", "bc", kStart));
  EXPECT_TRUE(this->first("", "abc", kStart));
}

TYPED_TEST(ReplayGuardContract, TokensAreBinarySafe) {
  const std::string with_nul("a\0b", 3);
  EXPECT_TRUE(this->first("p", with_nul, kStart));
  EXPECT_TRUE(this->first("p", "a", kStart));
  EXPECT_TRUE(this->first("p", "\xE4\xB8\xAD\xE6\x96\x87 :*?[]", kStart));
  EXPECT_FALSE(this->first("p", with_nul, kStart));
}

TYPED_TEST(ReplayGuardContract, DifferentHorizonsExpireIndependently) {
  EXPECT_TRUE(this->first("iqiyi", "long", kStart, 1'000));
  EXPECT_TRUE(this->first("pumpkin", "short", kStart, 10));
  EXPECT_TRUE(this->first("pumpkin", "short", kStart + 11, 10));
  EXPECT_FALSE(this->first("iqiyi", "long", kStart + 11, 1'000));
}

TYPED_TEST(ReplayGuardContract, ExpiryFollowsTheCallersClockEvenBackwards) {
  EXPECT_TRUE(this->first("p", "n", kStart));
  // A clock moved back: the recorded use still holds until its own expiry instant.
  EXPECT_FALSE(this->first("p", "n", kStart - 60'000));
  EXPECT_TRUE(this->first("p", "n", kStart + 365LL * 24 * 3600 * 1000));
}

TYPED_TEST(ReplayGuardContract, ExtremeTimesSaturate) {
  const auto max = std::numeric_limits<std::int64_t>::max();
  EXPECT_TRUE(this->first("p", "n", max - 5, max));
  EXPECT_FALSE(this->first("p", "n", max, max));
  EXPECT_TRUE(this->first("p", "negative-horizon", kStart, -1));
  EXPECT_FALSE(this->first("p", "negative-horizon", kStart, -1));  // same instant
  EXPECT_TRUE(this->first("p", "negative-horizon", kStart + 1, -1));
  const auto min = std::numeric_limits<std::int64_t>::min();
  EXPECT_TRUE(this->first("p", "min", min, 0));
  EXPECT_FALSE(this->first("p", "min", min, 0));
  EXPECT_TRUE(this->first("p", "min", min + 1, 0));
}

TYPED_TEST(ReplayGuardContract, ConcurrentFirstUseSucceedsOnce) {
  std::atomic<int> firsts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 300; ++i) {
        if (this->first("p", "n" + std::to_string(i), kStart)) ++firsts;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(firsts.load(), 300);
}

}  // namespace
}  // namespace mediagate::shared_state
