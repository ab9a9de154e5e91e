// What every backend must do is in tests/unit/shared_state/replay_guard_contract_test.cpp;
// this file tests what only the in-memory guard has: its memory bound and sweeping.
#include "auth/replay_guard.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace mediagate::auth {
namespace {

constexpr core::EpochMs kStart = 1'700'000'000'000;
constexpr std::int64_t kHorizon = 15 * 60 * 1000;
#define EXPECT_FIRST(call) EXPECT_EQ(call, ReplayCheck::kFirstUse)

TEST(InMemoryReplayGuard, ExpiredEntriesAreDropped) {
  InMemoryReplayGuard guard;
  for (int i = 0; i < 1'000; ++i) {
    EXPECT_FIRST(guard.first_use("p", "n" + std::to_string(i), kStart, kHorizon));
  }
  EXPECT_EQ(guard.size(), 1'000u);
  guard.sweep(kStart + kHorizon);
  EXPECT_EQ(guard.size(), 1'000u);  // inclusive horizon: still live at exactly kHorizon
  guard.sweep(kStart + kHorizon + 1);
  EXPECT_EQ(guard.size(), 0u);

  // Calls drop what they find expired in their shard.
  InMemoryReplayGuard single(ReplayGuardSettings{1'000, 1});
  for (int i = 0; i < 100; ++i) single.first_use("p", "n" + std::to_string(i), kStart, 10);
  EXPECT_FIRST(single.first_use("p", "fresh", kStart + 11, 10));
  EXPECT_EQ(single.size(), 1u);
}

TEST(InMemoryReplayGuard, FullGuardFailsClosedWithoutForgettingLiveTokens) {
  InMemoryReplayGuard guard(ReplayGuardSettings{3, 1});
  EXPECT_FIRST(guard.first_use("p", "a", kStart, kHorizon));
  EXPECT_FIRST(guard.first_use("p", "b", kStart, kHorizon));
  EXPECT_FIRST(guard.first_use("p", "c", kStart, kHorizon));
  // Full: a new token is refused as "cannot decide" (not a replay: not the client's fault).
  EXPECT_EQ(guard.first_use("p", "d", kStart, kHorizon), ReplayCheck::kUnavailable);
  EXPECT_EQ(guard.first_use("p", "a", kStart, kHorizon), ReplayCheck::kReplay);  // remembered
  EXPECT_EQ(guard.size(), 3u);
  // Once entries expire there is room again.
  EXPECT_FIRST(guard.first_use("p", "d", kStart + kHorizon + 1, kHorizon));
  EXPECT_EQ(guard.size(), 1u);
}

TEST(InMemoryReplayGuard, ConcurrentFirstUseSucceedsOnce) {
  InMemoryReplayGuard guard;
  std::atomic<int> firsts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        if (guard.first_use("p", "n" + std::to_string(i), kStart, kHorizon) ==
            ReplayCheck::kFirstUse) {
          ++firsts;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(firsts.load(), 500);
  EXPECT_EQ(guard.size(), 500u);
}

// Two horizons in one guard and a clock that sometimes steps back (as the sandbox's can): the
// guard answers as a plain map of token -> expiry would, which forgets, at every call, what
// expired before that call's time (one shard: the guard drops expired entries per shard).
TEST(InMemoryReplayGuard, MixedHorizonsAndAClockSteppingBackAnswerAsAModel) {
  InMemoryReplayGuard guard({.max_entries = 1'000'000, .shards = 1});
  std::map<std::string, core::EpochMs> model;  // key -> expiry (inclusive)
  std::mt19937 random(11);
  core::EpochMs now = kStart;
  for (int i = 0; i < 20'000; ++i) {
    now += static_cast<core::EpochMs>(random() % 50) - (random() % 10 == 0 ? 200 : 0);
    const std::string scope = random() % 2 == 0 ? "iqiyi:P" : "pumpkin:Q";
    const std::int64_t horizon = scope[0] == 'i' ? 3'000 : 700;
    const std::string token = std::to_string(random() % 400);
    const std::string key = scope + "|" + token;
    std::erase_if(model, [&](const auto& entry) { return entry.second < now; });
    const bool live = model.contains(key);
    const auto answer = guard.first_use(scope, token, now, horizon);
    ASSERT_EQ(answer, live ? ReplayCheck::kReplay : ReplayCheck::kFirstUse) << i;
    if (!live) model[key] = now + horizon;
  }
}

}  // namespace
}  // namespace mediagate::auth
