// The in-memory replay guard through a running server: its capacity is the setting
// shared_state.memory.replay_max_bytes; when full a fresh messageId gets Q00332 (and a replay
// still Q00301) until remembered ones expire; GET /admin/v1/status shows pairs, bytes and fill
// as they change; and a day of sandbox-clock traffic leaves one horizon's worth remembered.
// These servers keep their replay memory in the process whatever MEDIAGATE_TEST_SHARED_STATE
// says (the Redis guard's sizing is in docs/operations.md).
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "support/admin_client.hpp"
#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"

namespace mediagate::testing {
namespace {

constexpr const char* kPath = "/vod/coupon/getVodCount.action";
constexpr const char* kPartner = "T_Coupon_Pepsi";
constexpr const char* kKey = "1234567890";
constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr const char* kQ00301 = R"({"code":"Q00301","msg":"参数错误"})";
constexpr const char* kQ00332 = R"({"code":"Q00332","msg":"系统错误"})";

TestServer::Tweak in_memory(std::int64_t max_bytes, bool sandbox = false) {
  return [=](core::Config& config) {
    config.shared_state.url = "memory";
    config.shared_state.memory.replay_max_bytes = max_bytes;
    config.sandbox = sandbox;
  };
}

class ReplayMemory : public ::testing::Test {
 protected:
  std::string message_id(std::int64_t n) {
    char uuid[48];
    std::snprintf(uuid, sizeof uuid, "3f2504e0-4f89-11d3-9a0c-%012lld", static_cast<long long>(n));
    return std::string("myapp_") + uuid;
  }
  std::string get(TestServer& server, const std::string& id) {
    Params params{{"messageId", id},
                  {"version", "1.0"},
                  {"partnerCode", kPartner},
                  {"user_id", "test_user_001"}};
    params["sign"] = iqiyi_sign(params, kKey);
    const auto response = server.get(std::string(kPath) + "?" + form_query(params));
    EXPECT_EQ(response.status, 200u);
    return response.body;
  }
  static bool accepted(const std::string& body) {
    return body.find(R"("code":"A00000")") != std::string::npos;
  }
  static json::object replay_memory(AdminClient& admin) {
    const auto response = admin.get("/status");
    EXPECT_EQ(response.status, 200u) << response.body;
    const auto body = parsed(response).as_object();
    EXPECT_EQ(body.at("shared_state"), json::value("memory"));
    return body.at("replay_memory").as_object();
  }
};

TEST_F(ReplayMemory, FullIsQ00332UntilRememberedIdsExpireAndTheStatusShowsIt) {
  // 4 KiB, the smallest setting: one table of 240 slots, 180 pairs.
  TestServer server(in_memory(4096), {source_path("fixtures/sample.json")}, kToken);
  AdminClient admin(server);
  auto memory = replay_memory(admin);
  EXPECT_EQ(memory.at("max_bytes").as_int64(), 4096);
  const auto capacity = memory.at("capacity_pairs").as_int64();
  EXPECT_EQ(capacity, 180);
  EXPECT_EQ(memory.at("pairs").as_int64(), 0);

  for (std::int64_t i = 0; i < capacity; ++i)
    ASSERT_TRUE(accepted(get(server, message_id(i)))) << i;
  memory = replay_memory(admin);
  EXPECT_EQ(memory.at("pairs").as_int64(), capacity);
  EXPECT_EQ(memory.at("fill_ratio").as_double(), 1.0);
  EXPECT_LE(memory.at("bytes_used").as_int64(), 4096);

  EXPECT_EQ(get(server, message_id(capacity)), kQ00332);  // full: fail closed
  EXPECT_EQ(get(server, message_id(3)), kQ00301);         // a replay is still a replay
  EXPECT_EQ(replay_memory(admin).at("refused_full").as_int64(), 1);

  server.clock().advance(kDayMs);
  EXPECT_EQ(get(server, message_id(capacity)), kQ00332);  // the horizon is inclusive
  server.clock().advance(1);
  EXPECT_TRUE(accepted(get(server, message_id(capacity))));
  EXPECT_TRUE(accepted(get(server, message_id(3))));
  EXPECT_EQ(replay_memory(admin).at("pairs").as_int64(), 2);
}

// A day at peak on the sandbox's movable clock, compressed: a fresh messageId every 5 minutes
// of server time for 30 hours. Every one is accepted; every remembered one inside the horizon
// is refused; the status's pair count climbs to one horizon's worth and stays there.
TEST_F(ReplayMemory, ADayOfSandboxClockTrafficPlateausAtOneHorizon) {
  TestServer server(in_memory(1 << 20, /*sandbox=*/true), {source_path("fixtures/sample.json")},
                    kToken);
  AdminClient admin(server);
  constexpr int kStepMinutes = 5;
  constexpr int kPerHorizon = 24 * 60 / kStepMinutes;  // 288
  std::vector<std::int64_t> pairs;
  for (int step = 0; step < 30 * 60 / kStepMinutes; ++step) {
    ASSERT_TRUE(accepted(get(server, message_id(step)))) << step;
    if (step > 0) {
      const int replayed =
          std::max(0, step - kPerHorizon) + (step * 7919) % std::min(step, kPerHorizon);
      ASSERT_EQ(get(server, message_id(replayed)), kQ00301) << step << " " << replayed;
    }
    if (step % 12 == 0) pairs.push_back(replay_memory(admin).at("pairs").as_int64());
    const auto moved = admin.put("/sandbox/clock",
                                 R"({"shift_ms":)" + std::to_string(kStepMinutes * 60'000) + "}");
    ASSERT_EQ(moved.status, 200u) << moved.body;
  }
  ASSERT_EQ(pairs.size(), 30u);
  EXPECT_EQ(pairs[12], 12 * 60 / kStepMinutes + 1);
  for (std::size_t hour = 24; hour < 30; ++hour) {
    // One horizon's ids (inclusive at both ends), plus at most the minute not yet counted out.
    EXPECT_GE(pairs[hour], kPerHorizon) << hour;
    EXPECT_LE(pairs[hour], kPerHorizon + 1) << hour;
  }
}

}  // namespace
}  // namespace mediagate::testing
