// The in-memory guard's compact form (issue 18): a capacity in bytes, fail-closed when full
// (logged once a minute while it lasts, a warning at 80 %), exact inclusive horizons at the
// edges of its expiry minutes, scopes apart, a random hash key per guard and per process, and
// a day at peak compressed: memory rises to one horizon's worth and stays flat.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "auth/replay_guard.hpp"

namespace mediagate::auth {
namespace {

constexpr core::EpochMs kStart = 1'700'000'000'000;
constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kDay = 24LL * 3600 * 1000;

std::string token(std::size_t i) {
  return "msg_" + std::to_string(i);
}

// A logger writing into a temporary file, and what it wrote.
class CapturedLog {
 public:
  CapturedLog() : file_(std::tmpfile()), logger_(file_, clock_) {}
  ~CapturedLog() { std::fclose(file_); }
  CapturedLog(const CapturedLog&) = delete;
  CapturedLog& operator=(const CapturedLog&) = delete;
  core::Logger* logger() { return &logger_; }
  std::size_t lines_with(const std::string& text) {
    std::fflush(file_);
    std::rewind(file_);
    std::size_t count = 0;
    char line[4096];
    while (std::fgets(line, sizeof line, file_) != nullptr) {
      if (std::string(line).find(text) != std::string::npos) ++count;
    }
    std::fseek(file_, 0, SEEK_END);
    return count;
  }

 private:
  core::ManualClock clock_{kStart};
  std::FILE* file_;
  core::Logger logger_;
};

TEST(ReplayGuardMemory, CapacityInBytesIsRespected) {
  // One shard: the capacity is exact. 64 KiB: 60 KiB of 16-byte slots, 3/4 of them usable.
  ReplayGuardSettings settings;
  settings.max_bytes = 64 << 10;
  settings.shards = 1;
  InMemoryReplayGuard guard(settings);
  const auto capacity = guard.stats().capacity_pairs;
  EXPECT_EQ(capacity, (60u << 10) / 16 * 3 / 4);
  for (std::size_t i = 0; i < capacity; ++i) {
    ASSERT_EQ(guard.first_use("p", token(i), kStart, kDay), ReplayCheck::kFirstUse) << i;
    ASSERT_LE(guard.stats().bytes_used, settings.max_bytes);
  }
  EXPECT_EQ(guard.first_use("p", "one more", kStart, kDay), ReplayCheck::kUnavailable);
  const auto full = guard.stats();
  EXPECT_EQ(full.pairs, capacity);
  EXPECT_DOUBLE_EQ(full.fill_ratio, 1.0);
  EXPECT_LE(full.bytes_used, settings.max_bytes);

  // Several shards share the bytes: the first refusal comes close to the capacity, and the
  // bytes stay within the cap throughout.
  settings.max_bytes = 1 << 20;
  settings.shards = 16;
  InMemoryReplayGuard sharded(settings);
  const auto sharded_capacity = sharded.stats().capacity_pairs;
  std::size_t accepted = 0;
  while (sharded.first_use("p", token(accepted), kStart, kDay) == ReplayCheck::kFirstUse) {
    ++accepted;
    if (accepted % 1024 == 0) {
      ASSERT_LE(sharded.stats().bytes_used, settings.max_bytes);
    }
  }
  EXPECT_GE(accepted, sharded_capacity * 9 / 10);
  EXPECT_LE(accepted, sharded_capacity);
  EXPECT_LE(sharded.stats().bytes_used, settings.max_bytes);
}

TEST(ReplayGuardMemory, BytesPerPairStayUnder48) {
  InMemoryReplayGuard guard;  // the default: 256 MiB, 16 shards
  std::size_t inserted = 0;
  for (std::size_t target : {10'000u, 100'000u, 300'000u}) {
    for (; inserted < target; ++inserted) {
      ASSERT_EQ(guard.first_use("iqiyi:P", token(inserted), kStart, kDay), ReplayCheck::kFirstUse);
    }
    const auto stats = guard.stats();
    EXPECT_EQ(stats.pairs, target);
    EXPECT_LE(static_cast<double>(stats.bytes_used) / static_cast<double>(target), 48.0) << target;
  }
  // The default holds a day at 100 new tokens a second below the 80 % warning.
  EXPECT_GE(guard.stats().capacity_pairs * 8 / 10, 8'640'000u);
}

TEST(ReplayGuardMemory, FullFailsClosedLogsOnceAMinuteAndRecovers) {
  CapturedLog log;
  ReplayGuardSettings settings;
  settings.max_bytes = 64 << 10;
  settings.shards = 1;
  settings.log = log.logger();
  InMemoryReplayGuard guard(settings);
  const auto capacity = guard.stats().capacity_pairs;
  for (std::size_t i = 0; i < capacity; ++i) {
    ASSERT_EQ(guard.first_use("p", token(i), kStart, kDay), ReplayCheck::kFirstUse);
    // The warning comes once the guard is 80 % full, and only once.
    EXPECT_EQ(log.lines_with("replay guard 80 % full"), i + 1 >= capacity * 8 / 10 ? 1u : 0u) << i;
  }
  EXPECT_EQ(log.lines_with("replay guard full"), 0u);

  // Full: new tokens are refused as "cannot decide"; remembered ones are still replays.
  core::EpochMs now = kStart + 1'000;
  EXPECT_EQ(guard.first_use("p", "new-0", now, kDay), ReplayCheck::kUnavailable);
  EXPECT_EQ(guard.first_use("p", token(7), now, kDay), ReplayCheck::kReplay);
  EXPECT_EQ(log.lines_with("replay guard full"), 1u);
  // Logged once a minute by the callers' clock while it lasts.
  for (int i = 0; i < 100; ++i) {
    now += 500;  // 50 s in all
    EXPECT_EQ(guard.first_use("p", "new+" + std::to_string(i), now, kDay),
              ReplayCheck::kUnavailable);
  }
  EXPECT_EQ(log.lines_with("replay guard full"), 1u);
  now += 10'000;
  EXPECT_EQ(guard.first_use("p", "later", now, kDay), ReplayCheck::kUnavailable);
  EXPECT_EQ(log.lines_with("replay guard full"), 2u);
  EXPECT_EQ(guard.stats().refused_full, 102u);
  // The refused tokens were not recorded: once there is room they are first uses.
  const core::EpochMs after = kStart + kDay + 1;
  EXPECT_EQ(guard.first_use("p", "new-0", after, kDay), ReplayCheck::kFirstUse);
  EXPECT_EQ(guard.first_use("p", token(7), after, kDay), ReplayCheck::kFirstUse);
  EXPECT_EQ(guard.stats().pairs, 2u);
}

// A pair is refused up to and including its expiry instant and accepted one millisecond
// later, whether the instant is the first, a middle or the last millisecond of its expiry
// minute, alone in it or sharing it with pairs that expire later (whose minute is still live).
TEST(ReplayGuardMemory, InclusiveHorizonAtExpiryMinuteEdges) {
  constexpr std::int64_t kHorizon = 15 * kMinute;
  const core::EpochMs minute_start = (kStart / kMinute + 20) * kMinute;
  for (const std::int64_t offset : {std::int64_t{0}, std::int64_t{1}, kMinute / 2, kMinute - 1}) {
    for (const bool crowded : {false, true}) {
      InMemoryReplayGuard guard({.max_entries = 1'000'000, .shards = 1});
      const core::EpochMs expiry = minute_start + offset;
      const core::EpochMs used_at = expiry - kHorizon;
      ASSERT_EQ(guard.first_use("pumpkin:P", "nonce", used_at, kHorizon), ReplayCheck::kFirstUse);
      if (crowded) {  // the same expiry minute, later instants: keeps it live
        for (int i = 0; i < 50; ++i) {
          const core::EpochMs late = minute_start + kMinute - 1 - i;
          if (late <= expiry) break;
          ASSERT_EQ(
              guard.first_use("pumpkin:P", "late" + std::to_string(i), late - kHorizon, kHorizon),
              ReplayCheck::kFirstUse);
        }
      }
      // Traffic right up to the expiry (which moves the guard's time forward).
      for (core::EpochMs t = used_at + kMinute; t < expiry; t += kMinute) {
        ASSERT_EQ(guard.first_use("pumpkin:P", "t" + std::to_string(t), t, kHorizon),
                  ReplayCheck::kFirstUse);
      }
      EXPECT_EQ(guard.first_use("pumpkin:P", "nonce", expiry - 1, kHorizon), ReplayCheck::kReplay);
      EXPECT_EQ(guard.first_use("pumpkin:P", "nonce", expiry, kHorizon), ReplayCheck::kReplay)
          << offset << crowded;
      EXPECT_EQ(guard.first_use("pumpkin:P", "nonce", expiry + 1, kHorizon), ReplayCheck::kFirstUse)
          << offset << crowded;
      // ... and the new use holds for a new horizon, across the next minute boundary too.
      EXPECT_EQ(guard.first_use("pumpkin:P", "nonce", expiry + 1 + kHorizon, kHorizon),
                ReplayCheck::kReplay);
      guard.sweep(expiry + 1 + kHorizon);
      EXPECT_EQ(guard.first_use("pumpkin:P", "nonce", expiry + 1 + kHorizon, kHorizon),
                ReplayCheck::kReplay);
      EXPECT_EQ(guard.first_use("pumpkin:P", "nonce", expiry + 2 + kHorizon, kHorizon),
                ReplayCheck::kFirstUse);
    }
  }
}

// As replay_guard_test's model test, with more pairs than the first table holds (so that it
// grows, and drops expired pairs in place under pressure), horizons on both sides of a minute,
// sweeps, and a clock that sometimes steps back far: a plain map of pair -> expiry that forgets,
// at every call and sweep, what expired before that time.
TEST(ReplayGuardMemory, GrowingAndDroppingInPlaceAnswerAsAModel) {
  InMemoryReplayGuard guard({.max_entries = 1'000'000, .shards = 1});
  std::map<std::string, core::EpochMs> model;          // pair -> expiry (inclusive)
  std::multimap<core::EpochMs, std::string> expiries;  // the same, by expiry
  const auto forget_before = [&](core::EpochMs at) {
    while (!expiries.empty() && expiries.begin()->first < at) {
      const auto it = model.find(expiries.begin()->second);
      if (it != model.end() && it->second == expiries.begin()->first) model.erase(it);
      expiries.erase(expiries.begin());
    }
  };
  std::mt19937 random(1818);
  core::EpochMs now = kStart;
  const std::int64_t horizons[] = {0, 700, 45'000, 130'000};
  std::size_t largest = 0;
  for (int i = 0; i < 60'000; ++i) {
    const auto dice = random() % 100;
    now += static_cast<core::EpochMs>(random() % 100);
    if (dice < 3) now -= 5'000;
    if (dice == 3) now -= 200'000;
    forget_before(now);
    if (dice == 4) {
      guard.sweep(now);
      ASSERT_EQ(guard.size(), model.size()) << i;
      continue;
    }
    const auto scope_index = random() % 3;
    const std::string scope = "scope" + std::to_string(scope_index);
    const std::int64_t horizon = horizons[(scope_index + random() % 2) % 4];
    const std::string token = std::to_string(random() % 1'500);
    const std::string key = scope + "|" + token;
    const bool live = model.contains(key);
    ASSERT_EQ(guard.first_use(scope, token, now, horizon),
              live ? ReplayCheck::kReplay : ReplayCheck::kFirstUse)
        << i;
    if (!live) {
      model[key] = now + horizon;
      expiries.emplace(now + horizon, key);
    }
    largest = std::max(largest, model.size());
  }
  EXPECT_GT(largest, 1'024u);  // more than the first table holds
}

// Dropping expired pairs in place must leave every live pair reachable from its home slot,
// whatever the clusters look like: a table 3/4 full, every other pair expired, under 300 hash
// keys (each places the pairs differently); then every live pair is still a replay.
TEST(ReplayGuardMemory, DroppingInPlaceKeepsEveryLivePairReachable) {
  for (std::uint64_t k = 1; k <= 300; ++k) {
    ReplayGuardSettings settings;
    settings.shards = 1;
    settings.key = SipKey{k, k * 0x9e3779b97f4a7c15ULL};
    InMemoryReplayGuard guard(settings);
    constexpr int kPairs = 760;  // of the first table's 1 024 slots
    for (int i = 0; i < kPairs; ++i) {
      ASSERT_EQ(
          guard.first_use("p", token(static_cast<std::size_t>(i)), kStart, i % 2 == 0 ? 10 : kDay),
          ReplayCheck::kFirstUse);
    }
    guard.sweep(kStart + 11);
    ASSERT_EQ(guard.size(), static_cast<std::size_t>(kPairs / 2)) << k;
    for (int i = 1; i < kPairs; i += 2) {
      ASSERT_EQ(guard.first_use("p", token(static_cast<std::size_t>(i)), kStart + 11, kDay),
                ReplayCheck::kReplay)
          << "key " << k << ", pair " << i;
    }
  }
}

TEST(ReplayGuardMemory, TwoScopesNeverCollide) {
  InMemoryReplayGuard guard;
  constexpr int kScopes = 200;
  constexpr int kTokens = 200;
  for (int s = 0; s < kScopes; ++s) {
    for (int t = 0; t < kTokens; ++t) {
      ASSERT_EQ(guard.first_use("iqiyi:" + std::to_string(s), token(static_cast<std::size_t>(t)),
                                kStart, kDay),
                ReplayCheck::kFirstUse)
          << s << " " << t;
    }
  }
  // Scope and token boundaries are not confused, nor is a scope a prefix of another.
  EXPECT_EQ(guard.first_use("iqiyi:1", "0msg_1", kStart, kDay), ReplayCheck::kFirstUse);
  EXPECT_EQ(guard.first_use("iqiyi:10", "msg_1", kStart, kDay), ReplayCheck::kReplay);
  EXPECT_EQ(guard.first_use("", "iqiyi:10msg_1", kStart, kDay), ReplayCheck::kFirstUse);
  EXPECT_EQ(guard.stats().pairs, std::size_t{kScopes} * kTokens + 2);
}

TEST(ReplayGuardMemory, RandomKeyDiffersBetweenGuardsAndProcesses) {
  const InMemoryReplayGuard a;
  const InMemoryReplayGuard b;
  EXPECT_NE(a.key_id(), b.key_id());
  // A guard given a key uses it (the key id depends on the key alone).
  const InMemoryReplayGuard c(ReplayGuardSettings{.key = SipKey{1, 2}});
  const InMemoryReplayGuard d(ReplayGuardSettings{.key = SipKey{1, 2}});
  EXPECT_EQ(c.key_id(), d.key_id());

  // Two child processes (forks of this one, so with the same memory as the parent until they
  // draw a key) each make a guard and send its key id back.
  std::vector<std::uint64_t> ids{a.key_id()};
  for (int child = 0; child < 2; ++child) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(fds[0]);
      const InMemoryReplayGuard guard;
      const std::uint64_t id = guard.key_id();
      const bool sent = ::write(fds[1], &id, sizeof id) == static_cast<ssize_t>(sizeof id);
      ::_exit(sent ? 0 : 1);
    }
    ::close(fds[1]);
    std::uint64_t id = 0;
    EXPECT_EQ(::read(fds[0], &id, sizeof id), static_cast<ssize_t>(sizeof id));
    ::close(fds[0]);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ids.push_back(id);
  }
  EXPECT_EQ(std::unordered_set<std::uint64_t>(ids.begin(), ids.end()).size(), ids.size());
}

// A day at peak, compressed: fresh tokens every half second of a manual clock for 30 hours
// (2 a second: 172 800 within the 24-hour horizon), the default guard. Every fresh token is
// accepted; a replay of any token still inside the horizon is refused at every step (the one
// used exactly one horizon ago included); one used a horizon and a step ago is accepted again.
// Memory rises to one horizon's worth, then stays flat.
TEST(ReplayGuardMemory, DayAtPeakCompressed) {
  core::ManualClock clock(kStart);
  InMemoryReplayGuard guard;
  constexpr std::int64_t kStep = 500;
  constexpr std::size_t kPerHorizon = kDay / kStep;
  constexpr std::size_t kSteps = 30 * 3600 * 1000 / kStep;
  std::mt19937_64 random(18);
  std::vector<std::size_t> hourly_bytes;
  std::vector<std::size_t> hourly_pairs;
  for (std::size_t step = 0; step < kSteps; ++step) {
    const core::EpochMs now = clock.now_ms();
    ASSERT_EQ(guard.first_use("iqiyi:T_Coupon_Pepsi", token(step), now, kDay),
              ReplayCheck::kFirstUse)
        << step;
    if (step > 0) {
      // Any earlier token inside the horizon (renewed ones are as well).
      const std::size_t oldest = step >= kPerHorizon ? step - kPerHorizon : 0;
      const std::size_t replayed = oldest + random() % (step - oldest);
      ASSERT_EQ(guard.first_use("iqiyi:T_Coupon_Pepsi", token(replayed), now, kDay),
                ReplayCheck::kReplay)
          << step << " " << replayed;
    }
    if (step >= kPerHorizon && step % 997 == 0) {
      // Used exactly a horizon ago: still refused (inclusive)...
      ASSERT_EQ(guard.first_use("iqiyi:T_Coupon_Pepsi", token(step - kPerHorizon), now, kDay),
                ReplayCheck::kReplay);
    }
    if (step > kPerHorizon && step % 1009 == 0) {
      // ... a horizon and a step ago: accepted, and remembered anew.
      ASSERT_EQ(guard.first_use("iqiyi:T_Coupon_Pepsi", token(step - kPerHorizon - 1), now, kDay),
                ReplayCheck::kFirstUse);
    }
    if (step % (3600 * 1000 / kStep) == 0) {
      const auto stats = guard.stats(now);
      hourly_bytes.push_back(stats.bytes_used);
      hourly_pairs.push_back(stats.pairs);
    }
    clock.advance(kStep);
  }
  ASSERT_EQ(hourly_bytes.size(), 30u);
  // Rising during the first day...
  EXPECT_LT(hourly_bytes[6], hourly_bytes[23]);
  // ... then flat: from hour 25 on, the same table every hour (the bytes differ only by an
  // expiry minute's counter that a shard happens not to need), and one horizon's pairs (to the
  // minute: at most two minutes of tokens more, and the few renewed ones).
  for (std::size_t hour = 25; hour < 30; ++hour) {
    EXPECT_NEAR(static_cast<double>(hourly_bytes[hour]), static_cast<double>(hourly_bytes[25]),
                0.005 * static_cast<double>(hourly_bytes[25]))
        << hour;
    EXPECT_GE(hourly_pairs[hour], kPerHorizon) << hour;
    EXPECT_LE(hourly_pairs[hour], kPerHorizon + 2 * kMinute / kStep + 200) << hour;
    EXPECT_LE(static_cast<double>(hourly_bytes[hour]) / static_cast<double>(kPerHorizon), 48.0);
  }
}

}  // namespace
}  // namespace mediagate::auth
