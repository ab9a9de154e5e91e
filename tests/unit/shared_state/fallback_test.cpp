// The "local" failure policy: answers come from local memory while the shared backend is
// unavailable, from the shared one again once it answers, and each switch is logged once.
#include "shared_state/fallback.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace mediagate::shared_state {
namespace {

constexpr core::EpochMs kStart = 1'700'000'000'000;

class SwitchableGuard final : public auth::ReplayGuard {
 public:
  bool down = false;
  auth::InMemoryReplayGuard memory;
  auth::ReplayCheck first_use(std::string_view scope, std::string_view token, core::EpochMs now,
                              std::int64_t horizon_ms) override {
    if (down) return auth::ReplayCheck::kUnavailable;
    return memory.first_use(scope, token, now, horizon_ms);
  }
};

class SwitchableLimiter final : public auth::RateLimiter {
 public:
  explicit SwitchableLimiter(auth::RateLimiterSettings settings) : memory(settings) {}
  bool down = false;
  auth::InMemoryRateLimiter memory;
  Decision hit(std::string_view key, core::EpochMs now) override {
    if (down) {
      Decision unavailable;
      unavailable.allowed = false;
      unavailable.unavailable = true;
      return unavailable;
    }
    return memory.hit(key, now);
  }
};

struct CapturedLog {
  CapturedLog() : file(std::tmpfile()), log(file, clock) {}
  ~CapturedLog() { std::fclose(file); }
  std::string text() {
    std::fflush(file);
    std::rewind(file);
    std::string out;
    for (int c = std::fgetc(file); c != EOF; c = std::fgetc(file))
      out.push_back(static_cast<char>(c));
    return out;
  }
  static std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  }
  core::ManualClock clock{kStart};
  std::FILE* file;
  core::Logger log;
};

TEST(FallbackReplayGuard, UsesLocalMemoryWhileSharedIsDownAndLogsEachSwitchOnce) {
  CapturedLog captured;
  auto shared = std::make_unique<SwitchableGuard>();
  SwitchableGuard* switchable = shared.get();
  FallbackReplayGuard guard(std::move(shared), std::make_unique<auth::InMemoryReplayGuard>(),
                            &captured.log);
  EXPECT_EQ(guard.first_use("s", "a", kStart, 1'000), auth::ReplayCheck::kFirstUse);
  EXPECT_FALSE(guard.using_local());

  switchable->down = true;
  EXPECT_EQ(guard.first_use("s", "b", kStart, 1'000), auth::ReplayCheck::kFirstUse);
  EXPECT_EQ(guard.first_use("s", "b", kStart, 1'000), auth::ReplayCheck::kReplay);  // locally
  EXPECT_EQ(guard.first_use("s", "c", kStart, 1'000), auth::ReplayCheck::kFirstUse);
  EXPECT_TRUE(guard.using_local());

  switchable->down = false;
  EXPECT_EQ(guard.first_use("s", "a", kStart, 1'000), auth::ReplayCheck::kReplay);  // shared
  EXPECT_FALSE(guard.using_local());
  const auto text = captured.text();
  EXPECT_EQ(CapturedLog::count(text, "\"warn\""), 1u) << text;
  EXPECT_EQ(CapturedLog::count(text, "answers again"), 1u) << text;
}

TEST(FallbackRateLimiter, CountsLocallyWhileSharedIsDown) {
  CapturedLog captured;
  const auth::RateLimiterSettings limits{2, 1'000, 5'000};
  auto shared = std::make_unique<SwitchableLimiter>(limits);
  SwitchableLimiter* switchable = shared.get();
  FallbackRateLimiter limiter(std::move(shared),
                              std::make_unique<auth::InMemoryRateLimiter>(limits), &captured.log);
  EXPECT_TRUE(limiter.hit("k", kStart).allowed);
  switchable->down = true;
  EXPECT_TRUE(limiter.hit("k", kStart).allowed);
  EXPECT_TRUE(limiter.hit("k", kStart).allowed);
  const auto refused = limiter.hit("k", kStart);
  EXPECT_FALSE(refused.allowed);
  EXPECT_FALSE(refused.unavailable);  // the local limiter decided
  switchable->down = false;
  EXPECT_TRUE(limiter.hit("k", kStart).allowed);  // the shared count: 2 of 2
  EXPECT_FALSE(limiter.hit("k", kStart).allowed);
  EXPECT_EQ(CapturedLog::count(captured.text(), "\"warn\""), 1u);
}

}  // namespace
}  // namespace mediagate::shared_state
