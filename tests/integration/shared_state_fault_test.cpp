// Shared state in Redis when Redis fails: stopped (connections refused) or paused (accepted,
// never answered). With "refuse" each vendor answers its system error within a bounded time;
// with "local" requests are served from this instance's memory; once Redis is back, the
// shared behaviour resumes. Each test runs a Redis of its own and stops it by pid.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "shared_state/redis_client.hpp"
#include "support/fixed_nonces.hpp"
#include "support/redis_env.hpp"
#include "support/redis_process.hpp"
#include "support/test_server.hpp"
#include "vendors/iqiyi/iqiyi_client.hpp"
#include "vendors/polyv/polyv_settings.hpp"
#include "vendors/polyv/polyv_vod_client.hpp"
#include "vendors/pumpkin/pumpkin_client.hpp"

namespace mediagate::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

constexpr std::int64_t kTimeoutMs = 300;
// What a request may take at most while Redis is down or silent: the connect and command
// timeouts, plus generous room for a loaded CI machine (sanitizers included).
constexpr auto kBound = milliseconds(2 * kTimeoutMs + 1'500);

class SharedStateFault : public ::testing::Test {
 protected:
  void SetUp() override {
    MEDIAGATE_NEED_REDIS(shared_url);  // a Redis is available here: start one of our own
    (void)shared_url;
    redis_ = std::make_unique<RedisProcess>();
    ASSERT_TRUE(redis_->start()) << redis_->log();
  }

  void start_server(const std::string& replay_policy, const std::string& rate_policy,
                    const std::string& password_file = "",
                    const std::function<void(core::Config&)>& more = {}) {
    server_ = std::make_unique<TestServer>([&](core::Config& config) {
      config.shared_state.password_file = password_file;
      config.shared_state.url = redis_->url();
      config.shared_state.key_prefix = fresh_redis_prefix();
      config.shared_state.connect_timeout_ms = kTimeoutMs;
      config.shared_state.command_timeout_ms = kTimeoutMs;
      config.shared_state.retry_interval_ms = 100;
      config.shared_state.replay_on_failure = replay_policy;
      config.shared_state.rate_limit_on_failure = rate_policy;
      config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.enabled = true;
      config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.max_requests = 3;
      if (more) more(config);
    });
  }

  client::ClientOptions options(client::NonceSource* nonces = nullptr) {
    auto out = server_->sdk_options(std::chrono::seconds(10));
    out.nonces = nonces;
    return out;
  }
  auto pumpkin(const std::string& nonce) {
    FixedNonces nonces(nonce);
    client::PumpkinClient client(options(&nonces), {"TEST_PID", "TEST_ACCESS_SECRET"});
    return client.offline_sync();
  }
  auto iqiyi(const std::string& message_id) {
    client::IqiyiClient client(options(), {"T_Coupon_Pepsi", "1234567890"});
    client::VodCountQuery query;
    query.user_id = "test_user_001";
    query.message_id = message_id;
    return client.get_vod_count(query);
  }
  auto polyv() {
    client::PolyvVodClient client(options(), {"b0f7041324", "tIQp4ATe9Z"});
    return client.get_by_uploader();
  }
  // Waits (bounded) until Redis is tried again after the retry interval.
  static void let_retry() { std::this_thread::sleep_for(milliseconds(250)); }

  std::unique_ptr<RedisProcess> redis_;
  std::unique_ptr<TestServer> server_;
};

template <class F>
auto timed(F&& call, steady_clock::duration& took) {
  const auto started = steady_clock::now();
  auto result = call();
  took = steady_clock::now() - started;
  return result;
}

TEST_F(SharedStateFault, RefusePolicyAnswersTheVendorsSystemErrorInBoundedTime) {
  start_server("refuse", "refuse");
  ASSERT_TRUE(pumpkin("before0001"));
  ASSERT_TRUE(iqiyi("myapp_3f2504e0-before-0001"));
  ASSERT_TRUE(polyv());

  redis_->stop();
  for (int round = 0; round < 3; ++round) {  // the first call finds the outage, the next fail fast
    steady_clock::duration took{};
    const auto p = timed([&] { return pumpkin("during" + std::to_string(round)); }, took);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code, "17999") << p.error().describe();
    EXPECT_EQ(p.error().message, "生成失败,请稍后重试.");
    EXPECT_LT(took, kBound);

    const auto i =
        timed([&] { return iqiyi("myapp_3f2504e0-during-" + std::to_string(round)); }, took);
    ASSERT_FALSE(i);
    EXPECT_EQ(i.error().code, "Q00332") << i.error().describe();
    EXPECT_EQ(i.error().message, "系统错误");
    EXPECT_LT(took, kBound);

    const auto v = timed([&] { return polyv(); }, took);
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().http_status, 500u) << v.error().describe();
    EXPECT_EQ(v.error().message, "query failed.");
    EXPECT_LT(took, kBound);
  }

  // Back: shared behaviour resumes (the new Redis has no memory of earlier uses).
  ASSERT_TRUE(redis_->start()) << redis_->log();
  let_retry();
  ASSERT_TRUE(pumpkin("after00001")) << "Redis restarted but requests still fail";
  const auto replay = pumpkin("after00001");
  ASSERT_FALSE(replay);
  EXPECT_EQ(replay.error().code, "17007");
  EXPECT_EQ(replay.error().message, "参数错误");
  ASSERT_TRUE(iqiyi("myapp_3f2504e0-after-0001"));
  EXPECT_EQ(iqiyi("myapp_3f2504e0-after-0001").error().code, "Q00301");
}

TEST_F(SharedStateFault, ARestartBetweenRequestsIsNotAnOutage) {
  start_server("refuse", "refuse");
  ASSERT_TRUE(pumpkin("before0001"));
  ASSERT_TRUE(iqiyi("myapp_3f2504e0-before-0001"));
  // Pooled connections now lead to a dead server: the first call finds out and retries once
  // on a new connection, so no request fails.
  redis_->stop();
  ASSERT_TRUE(redis_->start()) << redis_->log();
  const auto after = pumpkin("after00001");
  EXPECT_TRUE(after) << after.error().describe();
  EXPECT_TRUE(iqiyi("myapp_3f2504e0-after-0001"));
  EXPECT_TRUE(polyv());
}

TEST_F(SharedStateFault, AFullRedisIsAnOutageNotAReplay) {
  start_server("refuse", "refuse");
  ASSERT_TRUE(pumpkin("before0001"));
  auto endpoint = shared_state::parse_redis_url(redis_->url());
  ASSERT_TRUE(endpoint);
  shared_state::RedisOptions admin;
  admin.endpoint = *endpoint;
  shared_state::RedisClient redis(admin);
  // noeviction (never forget a nonce to make room): a full Redis refuses writes.
  ASSERT_TRUE(redis.command({"CONFIG", "SET", "maxmemory-policy", "noeviction"}));
  ASSERT_TRUE(redis.command({"CONFIG", "SET", "maxmemory", "1"}));
  const auto full = pumpkin("whenfull01");
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code, "17999") << full.error().describe();
  EXPECT_EQ(iqiyi("myapp_3f2504e0-full-0001").error().code, "Q00332");
  ASSERT_TRUE(redis.command({"CONFIG", "SET", "maxmemory", "0"}));
  EXPECT_TRUE(pumpkin("whenfull01"));  // not spent by the refused attempt
  EXPECT_FALSE(pumpkin("before0001"));
}

TEST_F(SharedStateFault, APasswordComesFromAFile) {
  auto endpoint = shared_state::parse_redis_url(redis_->url());
  ASSERT_TRUE(endpoint);
  shared_state::RedisOptions admin;
  admin.endpoint = *endpoint;
  shared_state::RedisClient redis(admin);
  ASSERT_TRUE(redis.command({"CONFIG", "SET", "requirepass", "s3cret-redis"}));

  const std::string file = redis_->directory() + "/password";
  std::ofstream(file) << "s3cret-redis\n";
  start_server("refuse", "refuse", file);
  ASSERT_TRUE(pumpkin("withauth01"));
  EXPECT_FALSE(pumpkin("withauth01"));
  server_.reset();

  std::ofstream(file) << "wrong\n";
  start_server("refuse", "refuse", file);
  const auto refused = pumpkin("withauth02");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "17999");

  EXPECT_THROW(start_server("refuse", "refuse", redis_->directory() + "/absent"),
               std::runtime_error);
}

TEST_F(SharedStateFault, APausedRedisCostsAtMostTheTimeout) {
  start_server("refuse", "refuse");
  ASSERT_TRUE(pumpkin("before0001"));
  redis_->pause();
  steady_clock::duration took{};
  const auto p = timed([&] { return pumpkin("paused0001"); }, took);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, "17999") << p.error().describe();
  EXPECT_GE(took, milliseconds(kTimeoutMs - 50));  // it did wait for Redis ...
  EXPECT_LT(took, kBound);                         // ... but no longer than the timeout
  const auto i = timed([&] { return iqiyi("myapp_3f2504e0-paused-0001"); }, took);
  ASSERT_FALSE(i);
  EXPECT_EQ(i.error().code, "Q00332");
  EXPECT_LT(took, kBound);
  redis_->resume();
  let_retry();
  EXPECT_TRUE(pumpkin("resumed001"));
  EXPECT_FALSE(pumpkin("before0001"));  // remembered across the pause
}

// With one io thread, a request waiting for a silent Redis (on a handler thread: the
// handler_threads default with Redis) holds up no other connection.
TEST_F(SharedStateFault, APausedRedisHoldsUpNoOtherConnection) {
  start_server("refuse", "refuse", "", [](core::Config& config) { config.threads = 1; });
  ASSERT_TRUE(pumpkin("before0002"));
  redis_->pause();
  std::atomic<bool> answered{false};
  std::thread waiting([&] {
    const auto p = pumpkin("paused0002");
    answered = true;
    EXPECT_FALSE(p);
  });
  std::this_thread::sleep_for(milliseconds(50));  // it is waiting for Redis now
  const auto asked = steady_clock::now();
  const auto live = server_->get("/livez");
  const auto took = steady_clock::now() - asked;
  const bool before = !answered.load();
  waiting.join();
  redis_->resume();
  EXPECT_EQ(live.status, 200u);
  EXPECT_TRUE(before);  // answered while the other request still waited for Redis ...
  EXPECT_LT(took, milliseconds(kTimeoutMs / 2));  // ... and not behind it
}

TEST_F(SharedStateFault, LocalPolicyServesFromThisInstancesMemory) {
  start_server("local", "local");
  ASSERT_TRUE(pumpkin("before0001"));
  redis_->stop();

  steady_clock::duration took{};
  const auto served = timed([&] { return pumpkin("during0001"); }, took);
  EXPECT_TRUE(served) << served.error().describe();
  EXPECT_LT(took, kBound);
  const auto replay = pumpkin("during0001");  // refused by the local guard
  ASSERT_FALSE(replay);
  EXPECT_EQ(replay.error().code, "17007");
  EXPECT_TRUE(iqiyi("myapp_3f2504e0-during-0001"));
  EXPECT_EQ(iqiyi("myapp_3f2504e0-during-0001").error().code, "Q00301");
  // The local limiter counts: 3 allowed, the 4th refused.
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(polyv()) << i;
  const auto limited = polyv();
  ASSERT_FALSE(limited);
  EXPECT_EQ(limited.error().message, "qps exceeds number of calls");

  ASSERT_TRUE(redis_->start()) << redis_->log();
  let_retry();
  // Shared again: the shared limiter starts from its own (empty) count, and a nonce used only
  // in local memory during the outage is unknown to Redis (the documented cost of "local").
  EXPECT_TRUE(pumpkin("after00001"));
  EXPECT_FALSE(pumpkin("after00001"));
  EXPECT_TRUE(polyv());
  EXPECT_TRUE(pumpkin("during0001"));
}

}  // namespace
}  // namespace mediagate::testing
