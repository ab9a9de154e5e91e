// The SDK's IqiyiClient against a live mediagate over a socket (sample fixtures).
#include <gtest/gtest.h>

#include <chrono>
#include <regex>

#include "support/test_server.hpp"
#include "vendors/iqiyi/iqiyi_client.hpp"

namespace mediagate::testing {
namespace {

using namespace std::chrono_literals;
using client::ClientError;
using client::VodCountQuery;

constexpr const char* kPartner = "T_Coupon_Pepsi";
constexpr const char* kKey = "1234567890";

class ClientIqiyi : public ::testing::Test {
 protected:
  client::IqiyiClient iqiyi(const std::string& partner = kPartner, const std::string& key = kKey) {
    client::ClientOptions options;
    options.base_url = client::BaseUrl::http("127.0.0.1", server_.port());
    options.clock = &server_.clock();
    options.timeout = 5s;
    options.app_name = "sdktest";
    return client::IqiyiClient(options, {partner, key});
  }
  static VodCountQuery user(const std::string& id, const std::string& area = "CN",
                            bool post = false) {
    VodCountQuery query;
    query.user_id = id;
    query.area = area;
    query.use_post = post;
    return query;
  }

  TestServer server_;
};

TEST_F(ClientIqiyi, GetAndPostEachWithAFreshMessageId) {
  auto client = iqiyi();
  const auto by_get = client.get_vod_count(user("test_user_001"));
  ASSERT_TRUE(by_get) << by_get.error().describe();
  EXPECT_EQ(by_get->send_gift_size, 3);
  const std::regex message_id(
      "sdktest_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  EXPECT_TRUE(std::regex_match(by_get->message_id, message_id)) << by_get->message_id;

  const auto by_post = client.get_vod_count(user("test_user_001", "CN", true));
  ASSERT_TRUE(by_post) << by_post.error().describe();
  EXPECT_EQ(by_post->send_gift_size, 3);
  EXPECT_NE(by_post->message_id, by_get->message_id);

  const auto taiwan = client.get_vod_count(user("test_user_002", "TW"));
  ASSERT_TRUE(taiwan) << taiwan.error().describe();
  EXPECT_EQ(taiwan->send_gift_size, 0);
  EXPECT_EQ(client.connections_opened(), 1);
}

TEST_F(ClientIqiyi, VendorErrors) {
  const auto bad_sign = iqiyi(kPartner, "wrong-key").get_vod_count(user("test_user_001"));
  ASSERT_FALSE(bad_sign);
  EXPECT_EQ(bad_sign.error().kind, ClientError::Kind::kVendor);
  EXPECT_EQ(bad_sign.error().code, "Q00307");
  EXPECT_EQ(bad_sign.error().message, "签名错误");
  EXPECT_EQ(bad_sign.error().http_status, 200u);

  const auto unknown_user = iqiyi().get_vod_count(user("nobody"));
  ASSERT_FALSE(unknown_user);
  EXPECT_EQ(unknown_user.error().code, "Q00304");
  EXPECT_EQ(unknown_user.error().message, "账号校验失败,有可能是网络问题,建议重试");

  const auto wrong_area = iqiyi().get_vod_count(user("test_user_001", "TW"));
  EXPECT_EQ(wrong_area.error().code, "Q00304");

  EXPECT_EQ(iqiyi("NoSuchPartner").get_vod_count(user("test_user_001")).error().code, "Q00301");
}

TEST_F(ClientIqiyi, CouponUseQueryAndInfo) {
  server_.clock().set(kTestNow);
  auto client = iqiyi();
  client::VodCouponUseRequest request;
  request.user_id = "test_user_001";
  request.content_id = 1214805100;
  const auto used = client.use_vod_coupon(request);
  ASSERT_TRUE(used) << used.error().describe();
  EXPECT_FALSE(used->has_used_vod_coupon);
  EXPECT_EQ(used->vod_coupon.content_id, 1214805100);
  EXPECT_EQ(used->vod_coupon.use_status, 1);
  EXPECT_EQ(used->vod_coupon.use_time, kTestNow);
  EXPECT_EQ(used->vod_coupon.vod_deadline, kTestNow + 172'800'000);
  EXPECT_EQ(used->vod_coupon.user_id, "test_user_001");
  request.use_post = true;
  const auto again = client.use_vod_coupon(request);
  ASSERT_TRUE(again) << again.error().describe();
  EXPECT_TRUE(again->has_used_vod_coupon);
  EXPECT_EQ(again->vod_coupon.id, used->vod_coupon.id);
  EXPECT_NE(again->message_id, used->message_id);
  EXPECT_EQ(client.get_vod_count(user("test_user_001"))->send_gift_size, 2);

  const auto listed = client.query_vod_coupon(user("test_user_001"));
  ASSERT_TRUE(listed) << listed.error().describe();
  ASSERT_EQ(listed->coupons.size(), 3u);
  EXPECT_EQ(listed->coupons[0].id, used->vod_coupon.id);
  EXPECT_EQ(listed->coupons[1].use_status, 0);
  EXPECT_FALSE(listed->coupons[1].id.has_value());

  const auto info = client.vip_info_coupons("test_user_001");
  ASSERT_TRUE(info) << info.error().describe();
  ASSERT_EQ(info->coupons.size(), 3u);
  EXPECT_EQ(info->coupons[0].vod_deadline, kTestNow + 172'800'000);

  client::VodCouponUseRequest none;
  none.user_id = "test_user_002";
  none.area = "TW";
  none.content_id = 1;
  const auto refused = client.use_vod_coupon(none);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ClientError::Kind::kVendor);
  EXPECT_EQ(refused.error().code, "Q00401");
  EXPECT_EQ(refused.error().message, "用户无可用点播券");
}

TEST_F(ClientIqiyi, AReusedMessageIdIsRefused) {
  auto client = iqiyi();
  auto query = user("test_user_001");
  query.message_id = "sdktest_fixed-message-id-0001";
  EXPECT_TRUE(client.get_vod_count(query));
  const auto again = client.get_vod_count(query);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "Q00301");
  EXPECT_EQ(again.error().message, "参数错误");
}

TEST_F(ClientIqiyi, ABodyOverTheLimitIsAnHttpAnswer) {
  const auto too_big = iqiyi().get_vod_count(user(std::string(70 * 1024, 'u'), "CN", true));
  ASSERT_FALSE(too_big);
  EXPECT_EQ(too_big.error().kind, ClientError::Kind::kHttpStatus);
  EXPECT_EQ(too_big.error().http_status, 413u);
}

}  // namespace
}  // namespace mediagate::testing
