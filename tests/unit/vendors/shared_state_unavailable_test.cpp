// Every Polyv endpoint with a rate limiter that cannot decide (shared state unreachable under
// the "refuse" policy): 500 "query failed." (not the rate-limit error: an outage is not the
// client's fault), before anything else is read, and an error line in the server log.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "auth/rate_limiter.hpp"
#include "auth/replay_guard.hpp"
#include "polyv_fake_store.hpp"
#include "vendors/polyv/group_allocate_log.hpp"
#include "vendors/polyv/live_session_list.hpp"
#include "vendors/polyv/vod_get_by_uploader.hpp"

namespace mediagate::vendors::polyv {
namespace {

constexpr core::EpochMs kNow = 1'700'000'000'000;

class UnavailableLimiter final : public auth::RateLimiter {
 public:
  int hits = 0;
  Decision hit(std::string_view, core::EpochMs) override {
    ++hits;
    Decision decision;
    decision.allowed = false;
    decision.unavailable = true;
    return decision;
  }
};

class PolyvLimiterUnavailable : public ::testing::Test {
 protected:
  ~PolyvLimiterUnavailable() override { std::fclose(sink_); }
  std::string logged() {
    std::fflush(sink_);
    std::rewind(sink_);
    std::string text;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, sink_) != nullptr) text += buffer;
    return text;
  }
  static http::Request request(std::string query) {
    http::Request r;
    r.method = "GET";
    r.query = std::move(query);
    r.remote_address = "127.0.0.1";
    return r;
  }
  template <class Handler>
  void expect_system_error(const Handler& handler, std::string query) {
    auto r = request(std::move(query));
    r.path_params["userid"] = "u1";
    const auto response = handler(r);
    EXPECT_EQ(response.status, 500u);
    EXPECT_NE(response.body.find(R"("message":"query failed.")"), std::string::npos)
        << response.body;
    EXPECT_EQ(response.body.find("qps"), std::string::npos);
  }

  testing::PolyvFakeStore store_;
  core::ManualClock clock_{kNow};
  core::Config config_;
  std::FILE* sink_ = std::tmpfile();
  core::Logger log_{sink_, clock_};
  auth::InMemoryReplayGuard replay_;
  UnavailableLimiter limiter_;
  endpoint::Context context_{store_, clock_, config_, log_, replay_, {{"polyv", &limiter_}}};
};

TEST_F(PolyvLimiterUnavailable, EveryEndpointAnswersQueryFailed) {
  expect_system_error(vod_get_by_uploader().bind(context_), "ptime=1&sign=x");
  expect_system_error(live_session_list().bind(context_),
                      "appId=app1&timestamp=1&sign=x&channelId=1");
  expect_system_error(group_allocate_log().bind(context_), "appId=g1&timestamp=1&sign=x");
  // Malformed queries too: the limiter runs first.
  expect_system_error(vod_get_by_uploader().bind(context_), "%zz");
  EXPECT_EQ(limiter_.hits, 4);
  EXPECT_NE(logged().find("rate limiter unavailable"), std::string::npos);
}

}  // namespace
}  // namespace mediagate::vendors::polyv
