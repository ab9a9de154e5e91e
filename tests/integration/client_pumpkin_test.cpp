// The SDK's PumpkinClient against a live mediagate over a socket (sample fixtures).
#include <gtest/gtest.h>

#include <chrono>

#include "support/fixed_nonces.hpp"
#include "support/test_server.hpp"
#include "vendors/pumpkin/pumpkin_client.hpp"

namespace mediagate::testing {
namespace {

using namespace std::chrono_literals;
using client::ClientError;

constexpr const char* kPid = "TEST_PID";
constexpr const char* kSecret = "TEST_ACCESS_SECRET";
constexpr core::EpochMs kDemoInstant = 1'557'417'600'000;  // 2019-05-10 00:00:00 UTC+8

class ClientPumpkin : public ::testing::Test {
 protected:
  client::PumpkinClient pumpkin(const std::string& pid = kPid, const std::string& secret = kSecret,
                                client::NonceSource* nonces = nullptr) {
    auto options = server_.sdk_options();
    options.nonces = nonces;
    return client::PumpkinClient(options, {pid, secret});
  }

  TestServer server_;
};

TEST_F(ClientPumpkin, TheDemosWindowDecoded) {
  auto client = pumpkin();
  const auto list = client.offline_sync({kDemoInstant});
  ASSERT_TRUE(list) << list.error().describe();
  ASSERT_EQ(list->media.size(), 1u);
  EXPECT_EQ(list->media[0], (client::OfflineMedia{"11332", "测试w", "2019-05-09 19:18:33"}));
  EXPECT_EQ(list->total_movie_number, 1);
  EXPECT_EQ(list->data_generate_timestamp, "1700000000000");  // the server's clock
  EXPECT_EQ(list->data_generate_time, "2023-11-15 06:13:20");
  EXPECT_EQ(list->timestamp, "1700000000000");
  EXPECT_EQ(list->date, "2023-11-15 06:13:20");

  // Default window end: now (from the injected clock), when nothing went offline.
  const auto now = client.offline_sync();
  ASSERT_TRUE(now) << now.error().describe();
  EXPECT_TRUE(now->media.empty());
  EXPECT_EQ(now->total_movie_number, 0);
  EXPECT_EQ(client.connections_opened(), 1);
}

TEST_F(ClientPumpkin, VendorErrors) {
  const auto bad_sign = pumpkin(kPid, "wrong").offline_sync();
  ASSERT_FALSE(bad_sign);
  EXPECT_EQ(bad_sign.error().kind, ClientError::Kind::kVendor);
  EXPECT_EQ(bad_sign.error().code, "17006");
  EXPECT_EQ(bad_sign.error().numeric_code(), 17006);
  EXPECT_EQ(bad_sign.error().message, "sign不正确");
  EXPECT_EQ(bad_sign.error().http_status, 200u);

  const auto not_allowed = pumpkin("NO_MEDIA_PID", "other-secret").offline_sync();
  ASSERT_FALSE(not_allowed);
  EXPECT_EQ(not_allowed.error().code, "17007");
  EXPECT_EQ(not_allowed.error().message, "pid错误或无此接口调用权限");

  const auto future = pumpkin().offline_sync({server_.clock().now_ms() + 180'001});
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().code, "17007");
  EXPECT_EQ(future.error().message, "参数错误");
}

TEST_F(ClientPumpkin, EachCallHasANewNonceUnlessTheSourceRepeatsItself) {
  auto client = pumpkin();
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(client.offline_sync()) << i;

  FixedNonces same;  // always the same nonce: the second call is a replay
  auto repeating = pumpkin(kPid, kSecret, &same);
  EXPECT_TRUE(repeating.offline_sync());
  const auto replay = repeating.offline_sync();
  ASSERT_FALSE(replay);
  EXPECT_EQ(replay.error().code, "17007");
  EXPECT_EQ(replay.error().message, "参数错误");
}

}  // namespace
}  // namespace mediagate::testing
