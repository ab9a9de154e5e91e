#include "auth/replay_guard.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <limits>
#include <string>
#include <thread>
#include <vector>

namespace mediagate::auth {
namespace {

constexpr core::EpochMs kStart = 1'700'000'000'000;
constexpr std::int64_t kHorizon = 15 * 60 * 1000;

TEST(InMemoryReplayGuard, ReplayWithinTheHorizonIsRefused) {
  InMemoryReplayGuard guard;
  EXPECT_TRUE(guard.first_use("TEST_PID", "AbCdE12345", kStart, kHorizon));
  EXPECT_FALSE(guard.first_use("TEST_PID", "AbCdE12345", kStart, kHorizon));
  EXPECT_FALSE(guard.first_use("TEST_PID", "AbCdE12345", kStart + kHorizon, kHorizon));
  EXPECT_TRUE(guard.first_use("TEST_PID", "other", kStart, kHorizon));
}

TEST(InMemoryReplayGuard, AcceptedAgainAfterTheHorizon) {
  InMemoryReplayGuard guard;
  EXPECT_TRUE(guard.first_use("p", "n", kStart, kHorizon));
  EXPECT_TRUE(guard.first_use("p", "n", kStart + kHorizon + 1, kHorizon));
  // ... and that use starts a new horizon.
  EXPECT_FALSE(guard.first_use("p", "n", kStart + kHorizon + 2, kHorizon));
}

TEST(InMemoryReplayGuard, ScopesAreIndependent) {
  InMemoryReplayGuard guard;
  EXPECT_TRUE(guard.first_use("partner-a", "msg", kStart, kHorizon));
  EXPECT_TRUE(guard.first_use("partner-b", "msg", kStart, kHorizon));
  EXPECT_FALSE(guard.first_use("partner-a", "msg", kStart, kHorizon));
  // No ambiguity between scope and token boundaries.
  EXPECT_TRUE(guard.first_use("ab", "c", kStart, kHorizon));
  EXPECT_TRUE(guard.first_use("a", "bc", kStart, kHorizon));
  EXPECT_TRUE(guard.first_use("", "abc", kStart, kHorizon));
}

TEST(InMemoryReplayGuard, ExpiredEntriesAreDropped) {
  InMemoryReplayGuard guard;
  for (int i = 0; i < 1'000; ++i) {
    EXPECT_TRUE(guard.first_use("p", "n" + std::to_string(i), kStart, kHorizon));
  }
  EXPECT_EQ(guard.size(), 1'000u);
  guard.sweep(kStart + kHorizon);
  EXPECT_EQ(guard.size(), 1'000u);  // inclusive horizon: still live at exactly kHorizon
  guard.sweep(kStart + kHorizon + 1);
  EXPECT_EQ(guard.size(), 0u);

  // Calls drop what they find expired in their shard.
  InMemoryReplayGuard single(ReplayGuardSettings{1'000, 1});
  for (int i = 0; i < 100; ++i) single.first_use("p", "n" + std::to_string(i), kStart, 10);
  EXPECT_TRUE(single.first_use("p", "fresh", kStart + 11, 10));
  EXPECT_EQ(single.size(), 1u);
}

TEST(InMemoryReplayGuard, DifferentHorizonsExpireIndependently) {
  InMemoryReplayGuard guard(ReplayGuardSettings{100, 1});
  EXPECT_TRUE(guard.first_use("iqiyi", "long", kStart, 1'000));
  EXPECT_TRUE(guard.first_use("pumpkin", "short", kStart, 10));
  EXPECT_TRUE(guard.first_use("pumpkin", "short", kStart + 11, 10));
  EXPECT_FALSE(guard.first_use("iqiyi", "long", kStart + 11, 1'000));
}

TEST(InMemoryReplayGuard, FullGuardFailsClosedWithoutForgettingLiveTokens) {
  InMemoryReplayGuard guard(ReplayGuardSettings{3, 1});
  EXPECT_TRUE(guard.first_use("p", "a", kStart, kHorizon));
  EXPECT_TRUE(guard.first_use("p", "b", kStart, kHorizon));
  EXPECT_TRUE(guard.first_use("p", "c", kStart, kHorizon));
  EXPECT_FALSE(guard.first_use("p", "d", kStart, kHorizon));  // full: refused
  EXPECT_FALSE(guard.first_use("p", "a", kStart, kHorizon));  // still remembered
  EXPECT_EQ(guard.size(), 3u);
  // Once entries expire there is room again.
  EXPECT_TRUE(guard.first_use("p", "d", kStart + kHorizon + 1, kHorizon));
  EXPECT_EQ(guard.size(), 1u);
}

TEST(InMemoryReplayGuard, ExtremeTimesSaturate) {
  InMemoryReplayGuard guard;
  const auto max = std::numeric_limits<std::int64_t>::max();
  EXPECT_TRUE(guard.first_use("p", "n", max - 5, max));
  EXPECT_FALSE(guard.first_use("p", "n", max, max));
  EXPECT_TRUE(guard.first_use("p", "negative-horizon", kStart, -1));
  EXPECT_FALSE(guard.first_use("p", "negative-horizon", kStart, -1));  // same instant
}

TEST(InMemoryReplayGuard, ConcurrentFirstUseSucceedsOnce) {
  InMemoryReplayGuard guard;
  std::atomic<int> firsts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        if (guard.first_use("p", "n" + std::to_string(i), kStart, kHorizon)) ++firsts;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(firsts.load(), 500);
  EXPECT_EQ(guard.size(), 500u);
}

}  // namespace
}  // namespace mediagate::auth
