// The admin API over a real socket: iQiyi partners and users' coupon counts, Pumpkin partners
// and media (taking a movie offline and seeing it in offline_sync), rotating their secrets,
// and importing and exporting whole fixture documents.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/admin_client.hpp"
#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"

namespace mediagate::testing {
namespace {

constexpr const char* kPartner = "T_Coupon_Pepsi";
constexpr const char* kMd5Key = "1234567890";
constexpr const char* kPid = "TEST_PID";
constexpr const char* kPumpkinSecret = "TEST_ACCESS_SECRET";
constexpr const char* kNowDate = "2023-11-15 06:13:20";  // kTestNow at UTC+8

class AdminVendors : public ::testing::Test {
 protected:
  // getVodCount for test_user_001 (CN) signed with `key`; the raw response.
  client::ClientResponse coupons(const std::string& key) {
    char uuid[48];
    std::snprintf(uuid, sizeof uuid, "myapp_3f2504e0-4f89-11d3-9a0c-%012d", ++counter_);
    Params params{{"messageId", uuid},
                  {"version", "1.0"},
                  {"partnerCode", kPartner},
                  {"user_id", "test_user_001"}};
    params["sign"] = iqiyi_sign(params, key);
    return server_.get("/vod/coupon/getVodCount.action?" + form_query(params));
  }
  // offline_sync for `timestamp`, signed with `secret`: the movie_ids, or the error body.
  std::string sync(const std::string& secret, core::EpochMs timestamp) {
    Params params{{"pid", kPid},
                  {"timestamp", std::to_string(timestamp)},
                  {"signature_nonce", "n" + std::to_string(++counter_)},
                  {"format", "JSON"},
                  {"version", "v1"},
                  {"action", "/media/offline_sync"}};
    params["sign"] = pumpkin_sign("GET", params, secret);
    const auto response = server_.get("/media/offline_sync?" + form_query(params));
    const auto body = json::parse(response.body);
    if (body.at("status_code") != json::value(200)) return response.body;
    std::string ids;
    for (const auto& item : body.at("content").at("mediaList").as_array()) {
      ids += std::string(item.at("movie_id").as_string()) + " ";
    }
    return ids;
  }

  TestServer server_{{}, {source_path("fixtures/sample.json")}, kToken};
  AdminClient admin_{server_};
  int counter_ = 0;
};

// --- iQiyi ---

TEST_F(AdminVendors, IqiyiPartners) {
  EXPECT_EQ(admin_.get("/iqiyi/partners").body,
            R"({"items":[{"partnerCode":"T_Coupon_Pepsi","md5Key":"********"}],"total":1,)"
            R"("offset":0,"limit":100})");
  const auto created = admin_.post(
      "/iqiyi/partners",
      R"({"partnerCode":"P2","md5Key":"k2","users":[{"user_id":"u","area":"TW","vodCoupons":4}]})");
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.body, R"({"partnerCode":"P2","md5Key":"********"})");
  EXPECT_EQ(admin_.get("/iqiyi/partners/P2/users/u/TW").body,
            R"({"user_id":"u","area":"TW","vodCoupons":4})");
  expect_error(admin_.post("/iqiyi/partners", R"({"partnerCode":"P2","md5Key":"k"})"), 409,
               "conflict", "$.partnerCode");
  expect_error(admin_.post("/iqiyi/partners", R"({"partnerCode":"P3"})"), 400, "missing_field",
               "$.md5Key");
  expect_error(admin_.put("/iqiyi/partners/P2", R"({"users":[]})"), 400, "invalid_field",
               "$.users");
  expect_error(admin_.put("/iqiyi/partners/P2", R"({"partnerCode":"P9"})"), 400, "invalid_field",
               "$.partnerCode");
  EXPECT_EQ(admin_.put("/iqiyi/partners/P2", R"({"md5Key":"k3"})").status, 200u);
  EXPECT_EQ(admin_.get("/iqiyi/partners/P2").status, 200u);
  EXPECT_EQ(admin_.del("/iqiyi/partners/P2").status, 204u);
  expect_error(admin_.get("/iqiyi/partners/P2"), 404, "not_found", "partnerCode");
  expect_error(admin_.get("/iqiyi/partners/P2/users"), 404, "not_found", "partnerCode");
  expect_error(admin_.del("/iqiyi/partners/P2"), 404, "not_found", "partnerCode");
}

TEST_F(AdminVendors, IqiyiCouponUsesAreListedAndDeleted) {
  server_.clock().set(kTestNow);
  Params use{{"messageId", "myapp_admin-coupon-use-0001"},
             {"version", "1.0"},
             {"partnerCode", kPartner},
             {"user_id", "test_user_001"},
             {"contentId", "77"}};
  use["sign"] = iqiyi_sign(use, kMd5Key);
  const auto used = server_.get("/vod/coupon/useVodCoupon.action?" + form_query(use));
  ASSERT_NE(used.body.find(R"("hasUsedVodCoupon":false)"), std::string::npos) << used.body;
  const std::string path =
      std::string("/iqiyi/partners/") + kPartner + "/users/test_user_001/CN/coupon-uses";
  const auto list = admin_.get(path);
  ASSERT_EQ(list.status, 200u) << list.body;
  EXPECT_EQ(list.body, R"({"items":[{"id":1,"contentId":77,"useTime":1700000000000,)"
                       R"("vodDeadline":1700172800000}],"total":1,"offset":0,"limit":100})");
  expect_error(
      admin_.get(std::string("/iqiyi/partners/") + kPartner + "/users/ghost/CN/coupon-uses"), 404,
      "not_found", "userId");
  EXPECT_EQ(admin_.del(path + "/1").status, 204u);
  expect_error(admin_.del(path + "/1"), 404, "not_found", "useId");
  expect_error(admin_.del(path + "/x"), 404, "not_found", "useId");
  EXPECT_EQ(parsed(admin_.get(path)).at("total"), json::value(0));
  // The right closed with its record; the coupon was not given back.
  use["messageId"] = "myapp_admin-coupon-use-0002";
  use.erase("sign");
  use["sign"] = iqiyi_sign(use, kMd5Key);
  const auto again = server_.get("/vod/coupon/useVodCoupon.action?" + form_query(use));
  EXPECT_NE(again.body.find(R"("hasUsedVodCoupon":false)"), std::string::npos) << again.body;
  EXPECT_NE(coupons(kMd5Key).body.find(R"("sendGiftSize":1)"), std::string::npos);
}

TEST_F(AdminVendors, IqiyiCouponUsesAreRecordedAsTheEndpointSpendsThem) {
  server_.clock().set(kTestNow);
  const std::string path =
      std::string("/iqiyi/partners/") + kPartner + "/users/test_user_001/CN/coupon-uses";
  EXPECT_NE(coupons(kMd5Key).body.find(R"("sendGiftSize":3)"), std::string::npos);

  // A use at the server's clock spends one coupon and opens a 48-hour right.
  const auto first = admin_.post(path, R"({"contentId":88})");
  ASSERT_EQ(first.status, 201u) << first.body;
  EXPECT_EQ(first.body,
            R"({"id":1,"contentId":88,"useTime":1700000000000,"vodDeadline":1700172800000})");
  EXPECT_EQ(first.header("location"),
            "/admin/v1/iqiyi/partners/T_Coupon_Pepsi/users/test_user_001/CN/coupon-uses/1");
  EXPECT_NE(coupons(kMd5Key).body.find(R"("sendGiftSize":2)"), std::string::npos);

  // The same content while its right is open: the open use, nothing spent (as the endpoint).
  const auto again = admin_.post(path, R"({"contentId":88,"useTime":1700000001000})");
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(again.body, first.body);
  EXPECT_NE(coupons(kMd5Key).body.find(R"("sendGiftSize":2)"), std::string::npos);

  // The endpoint sees the right the admin API recorded.
  Params use{{"messageId", "myapp_admin-coupon-use-0101"},
             {"version", "1.0"},
             {"partnerCode", kPartner},
             {"user_id", "test_user_001"},
             {"contentId", "88"}};
  use["sign"] = iqiyi_sign(use, kMd5Key);
  const auto held = server_.get("/vod/coupon/useVodCoupon.action?" + form_query(use));
  EXPECT_NE(held.body.find(R"("hasUsedVodCoupon":true)"), std::string::npos) << held.body;

  // An earlier time of use, then the last coupon.
  const auto earlier = admin_.post(path, R"({"contentId":89,"useTime":1600000000000})");
  ASSERT_EQ(earlier.status, 201u) << earlier.body;
  EXPECT_EQ(earlier.body,
            R"({"id":2,"contentId":89,"useTime":1600000000000,"vodDeadline":1600172800000})");
  ASSERT_EQ(admin_.post(path, R"({"contentId":90})").status, 201u);
  EXPECT_NE(coupons(kMd5Key).body.find(R"("sendGiftSize":0)"), std::string::npos);
  const auto none = admin_.post(path, R"({"contentId":91})");
  expect_error(none, 409, "conflict", "$.contentId");
  EXPECT_NE(none.body.find("has no VOD coupon left"), std::string::npos) << none.body;
  EXPECT_EQ(parsed(admin_.get(path)).at("total"), json::value(3));
  EXPECT_NE(coupons(kMd5Key).body.find(R"("sendGiftSize":0)"), std::string::npos);
}

TEST_F(AdminVendors, ARecordedCouponUseIsCheckedBeforeAnythingIsSpent) {
  const std::string path =
      std::string("/iqiyi/partners/") + kPartner + "/users/test_user_001/CN/coupon-uses";
  expect_error(admin_.post(path, R"({})"), 400, "missing_field", "$.contentId");
  expect_error(admin_.post(path, R"({"contentId":0})"), 400, "invalid_field", "$.contentId");
  expect_error(admin_.post(path, R"({"contentId":"88"})"), 400, "invalid_field", "$.contentId");
  expect_error(admin_.post(path, R"({"contentId":1000000000000000000})"), 400, "invalid_field",
               "$.contentId");
  expect_error(admin_.post(path, R"({"contentId":1.5})"), 400, "invalid_field", "$.contentId");
  expect_error(admin_.post(path, R"({"contentId":1,"useTime":-1})"), 400, "invalid_field",
               "$.useTime");
  expect_error(admin_.post(path, R"({"contentId":1,"useTime":253402300800000})"), 400,
               "invalid_field", "$.useTime");
  expect_error(admin_.post(path, R"({"contentId":1,"vodDeadline":5})"), 400, "unknown_field",
               "$.vodDeadline");
  expect_error(admin_.post(path, R"([1])"), 400, "invalid_field", "$");
  expect_error(admin_.post(path, "{"), 400, "invalid_json", "$");
  expect_error(
      admin_.post(std::string("/iqiyi/partners/") + kPartner + "/users/ghost/CN/coupon-uses",
                  R"({"contentId":1})"),
      404, "not_found", "userId");
  expect_error(admin_.post("/iqiyi/partners/nobody/users/test_user_001/CN/coupon-uses",
                           R"({"contentId":1})"),
               404, "not_found", "partnerCode");
  // test_user_002 (TW) has none: refused, and nothing recorded.
  const std::string empty =
      std::string("/iqiyi/partners/") + kPartner + "/users/test_user_002/TW/coupon-uses";
  expect_error(admin_.post(empty, R"({"contentId":1})"), 409, "conflict", "$.contentId");
  EXPECT_EQ(parsed(admin_.get(empty)).at("total"), json::value(0));
  // Nothing was spent by any of these.
  EXPECT_NE(coupons(kMd5Key).body.find(R"("sendGiftSize":3)"), std::string::npos);
  EXPECT_EQ(parsed(admin_.get(path)).at("total"), json::value(0));
}

TEST_F(AdminVendors, IqiyiCouponCountsReachTheVendorEndpoint) {
  const std::string path = std::string("/iqiyi/partners/") + kPartner + "/users";
  const auto list = parsed(admin_.get(path + "?limit=1"));
  EXPECT_EQ(list.at("total"), json::value(2));
  EXPECT_EQ(list.at("items").as_array().size(), 1u);

  EXPECT_NE(coupons(kMd5Key).body.find(R"("sendGiftSize":3)"), std::string::npos);
  const auto updated = admin_.put(path + "/test_user_001/CN", R"({"vodCoupons":9})");
  ASSERT_EQ(updated.status, 200u) << updated.body;
  EXPECT_EQ(updated.body, R"({"user_id":"test_user_001","area":"CN","vodCoupons":9})");
  EXPECT_NE(coupons(kMd5Key).body.find(R"("sendGiftSize":9)"), std::string::npos);

  expect_error(admin_.put(path + "/test_user_001/CN", R"({"vodCoupons":-1})"), 400, "invalid_field",
               "$.vodCoupons");
  expect_error(admin_.put(path + "/test_user_001/CN", R"({"vodCoupons":1,"area":"TW"})"), 400,
               "invalid_field", "$.area");
  expect_error(admin_.put(path + "/ghost/CN", R"({"vodCoupons":1})"), 404, "not_found", "userId");

  const char* const user = R"({"user_id":"test_user_001","area":"TW","vodCoupons":1})";
  const auto created = admin_.post(path, user);
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.header("location"),
            "/admin/v1/iqiyi/partners/T_Coupon_Pepsi/users/test_user_001/TW");
  expect_error(admin_.post(path, user), 409, "conflict", "$.user_id");
  expect_error(admin_.post(path, R"({"user_id":"x","area":"US","vodCoupons":1})"), 400,
               "invalid_field", "$.area");
  EXPECT_EQ(admin_.del(path + "/test_user_001/TW").status, 204u);
  expect_error(admin_.get(path + "/test_user_001/TW"), 404, "not_found", "userId");
  expect_error(admin_.del(path + "/test_user_001/TW"), 404, "not_found", "userId");
}

TEST_F(AdminVendors, RotateTheIqiyiKey) {
  ASSERT_NE(coupons(kMd5Key).body.find("A00000"), std::string::npos);
  const auto rotated =
      admin_.send("POST", std::string("/iqiyi/partners/") + kPartner + "/rotate-secret");
  ASSERT_EQ(rotated.status, 200u) << rotated.body;
  const auto body = parsed(rotated);
  EXPECT_EQ(body.at("partnerCode"), json::value(kPartner));
  const std::string key(body.at("md5Key").as_string());
  EXPECT_NE(coupons(kMd5Key).body.find("Q00307"), std::string::npos);  // 签名错误
  EXPECT_NE(coupons(key).body.find("A00000"), std::string::npos);
  expect_error(admin_.send("POST", "/iqiyi/partners/nobody/rotate-secret"), 404, "not_found",
               "partnerCode");
}

// --- Pumpkin ---

TEST_F(AdminVendors, PumpkinPartners) {
  EXPECT_EQ(admin_.get("/pumpkin/partners/TEST_PID").body,
            R"({"pid":"TEST_PID","accessSecret":"********","actions":["/media/offline_sync",)"
            R"("/media/sync","/movie/sync"]})");
  const auto created =
      admin_.post("/pumpkin/partners", R"({"pid":"P2","accessSecret":"s","actions":["/b","/a"]})");
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.body, R"({"pid":"P2","accessSecret":"********","actions":["/a","/b"]})");
  expect_error(admin_.post("/pumpkin/partners", R"({"pid":"P2","accessSecret":"s"})"), 409,
               "conflict", "$.pid");
  expect_error(
      admin_.post("/pumpkin/partners", R"({"pid":"P3","accessSecret":"s","actions":["/a","/a"]})"),
      400, "invalid_field", "$.actions[1]");
  // PUT replaces the actions.
  const auto updated = admin_.put("/pumpkin/partners/P2", R"({"actions":["/c"]})");
  ASSERT_EQ(updated.status, 200u) << updated.body;
  EXPECT_EQ(updated.body, R"({"pid":"P2","accessSecret":"********","actions":["/c"]})");
  const auto list = parsed(admin_.get("/pumpkin/partners"));
  EXPECT_EQ(list.at("total"), json::value(3));
  EXPECT_EQ(admin_.del("/pumpkin/partners/P2").status, 204u);
  expect_error(admin_.get("/pumpkin/partners/P2"), 404, "not_found", "pid");
}

TEST_F(AdminVendors, PumpkinPermissionsAndSecretReachTheVendorEndpoint) {
  const core::EpochMs now = server_.clock().now_ms();
  ASSERT_EQ(sync(kPumpkinSecret, now), "");  // allowed, nothing offline in the window
  ASSERT_EQ(admin_.put("/pumpkin/partners/TEST_PID", R"({"actions":[]})").status, 200u);
  EXPECT_NE(sync(kPumpkinSecret, now).find(R"("status_code":17007)"), std::string::npos);
  ASSERT_EQ(
      admin_.put("/pumpkin/partners/TEST_PID", R"({"actions":["/media/offline_sync"]})").status,
      200u);

  const auto rotated = admin_.send("POST", "/pumpkin/partners/TEST_PID/rotate-secret");
  ASSERT_EQ(rotated.status, 200u) << rotated.body;
  const std::string secret(parsed(rotated).at("accessSecret").as_string());
  EXPECT_NE(sync(kPumpkinSecret, now).find(R"("status_code":17006)"), std::string::npos);
  EXPECT_EQ(sync(secret, now), "");
  // Rotation keeps the actions.
  EXPECT_EQ(parsed(admin_.get("/pumpkin/partners/TEST_PID")).at("actions").as_array().size(), 1u);
}

TEST_F(AdminVendors, TakeAMovieOfflineAndSeeItInTheSyncWindow) {
  const core::EpochMs now = server_.clock().now_ms();
  EXPECT_EQ(sync(kPumpkinSecret, now + 1000), "");
  const auto offline = admin_.send("POST", "/pumpkin/media/11333/offline");
  ASSERT_EQ(offline.status, 200u) << offline.body;
  EXPECT_EQ(offline.body,
            std::string(R"({"movie_id":11333,"movie_name":"在线影片","delete_time":")") + kNowDate +
                "\"}");
  EXPECT_EQ(sync(kPumpkinSecret, now + 1000), "11333 ");
  EXPECT_EQ(sync(kPumpkinSecret, now), "");  // the window ends before its timestamp

  // An explicit time, inside an older window.
  const auto dated =
      admin_.post("/pumpkin/media/11333/offline", R"({"delete_time":"2019-05-09 23:00:00"})");
  ASSERT_EQ(dated.status, 200u) << dated.body;
  EXPECT_EQ(parsed(dated).at("delete_time"), json::value("2019-05-09 23:00:00"));
  EXPECT_EQ(sync(kPumpkinSecret, now + 1000), "");

  expect_error(admin_.post("/pumpkin/media/11333/offline", R"({"delete_time":"tomorrow"})"), 400,
               "invalid_field", "$.delete_time");
  expect_error(admin_.post("/pumpkin/media/11333/offline", R"({"when":"x"})"), 400, "unknown_field",
               "$.when");
  expect_error(admin_.send("POST", "/pumpkin/media/404/offline"), 404, "not_found", "movieId");
  expect_error(admin_.send("POST", "/pumpkin/media/abc/offline"), 400, "invalid_parameter",
               "movieId");
}

TEST_F(AdminVendors, PumpkinMedia) {
  const auto list = parsed(admin_.get("/pumpkin/media?offset=3&limit=1"));
  EXPECT_EQ(list.at("total"), json::value(5));
  EXPECT_EQ(list.at("items").as_array()[0].at("movie_id"), json::value(11333));

  const char* const media = R"({"movie_id":50,"movie_name":"新片","delete_time":null})";
  const auto created = admin_.post("/pumpkin/media", media);
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.body, media);
  EXPECT_EQ(created.header("location"), "/admin/v1/pumpkin/media/50");
  EXPECT_EQ(admin_.get("/pumpkin/media/50").body, media);
  expect_error(admin_.post("/pumpkin/media", media), 409, "conflict", "$.movie_id");
  expect_error(admin_.post("/pumpkin/media", R"({"movie_id":"51","movie_name":"x"})"), 400,
               "invalid_field", "$.movie_id");
  expect_error(admin_.post("/pumpkin/media", R"({"movie_id":51,"movie_name":"x","delete_time":1})"),
               400, "invalid_field", "$.delete_time");

  const auto updated = admin_.put("/pumpkin/media/50", R"({"movie_name":"改","delete_time":null})");
  ASSERT_EQ(updated.status, 200u) << updated.body;
  EXPECT_EQ(updated.body, R"({"movie_id":50,"movie_name":"改","delete_time":null})");
  expect_error(admin_.put("/pumpkin/media/50", R"({"movie_id":51,"movie_name":"x"})"), 400,
               "invalid_field", "$.movie_id");
  expect_error(admin_.put("/pumpkin/media/51", R"({"movie_name":"x"})"), 404, "not_found",
               "movieId");
  EXPECT_EQ(admin_.del("/pumpkin/media/50").status, 204u);
  expect_error(admin_.get("/pumpkin/media/50"), 404, "not_found", "movieId");
}

// --- import and export ---

TEST_F(AdminVendors, ExportImportRoundTrip) {
  const auto exported = admin_.get("/export");
  ASSERT_EQ(exported.status, 200u);
  // The operator's backup carries the secrets.
  EXPECT_NE(exported.body.find("tIQp4ATe9Z"), std::string::npos);

  // Importing it back changes nothing.
  const auto again = admin_.post("/import", exported.body);
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(
      again.body,
      R"({"imported":{"polyv":{"accounts":0,"categories":0,"videos":0,"channels":0,)"
      R"("sessions":0,"groups":0,"allocations":0},"iqiyi":{"partners":0,"users":0,"couponUses":0},)"
      R"("pumpkin":{"partners":0,"media":0}}})");

  // Into an empty store: everything arrives, and exports the same.
  TestServer empty({}, {}, kToken);
  AdminClient other(empty);
  const auto imported = other.post("/import", exported.body);
  ASSERT_EQ(imported.status, 200u) << imported.body;
  const auto counts = parsed(imported).at("imported");
  EXPECT_EQ(counts.at("polyv").at("videos"), json::value(4));
  EXPECT_EQ(counts.at("polyv").at("sessions"), json::value(5));
  EXPECT_EQ(counts.at("pumpkin").at("media"), json::value(5));
  EXPECT_EQ(other.get("/export").body, exported.body);
}

TEST_F(AdminVendors, ImportIsValidatedAndAllOrNothing) {
  expect_error(admin_.post("/import", "{"), 400, "invalid_json", "$");
  expect_error(admin_.post("/import", ""), 400, "invalid_json", "$");
  expect_error(admin_.post("/import", R"({"polyv":{},"netflix":{}})"), 400, "unknown_field",
               "$.netflix");
  // The first media is fine, the second is not: neither is imported.
  expect_error(admin_.post("/import", R"({"pumpkin":{"media":[{"movie_id":70,"movie_name":"ok"},)"
                                      R"({"movie_id":71,"movie_name":"bad","delete_time":"x"}]}})"),
               400, "invalid_field", "$.pumpkin.media[1].delete_time");
  expect_error(admin_.get("/pumpkin/media/70"), 404, "not_found", "movieId");
  // An appId another account already uses.
  expect_error(
      admin_.post("/import", R"({"pumpkin":{"media":[{"movie_id":70,"movie_name":"ok"}]},)"
                             R"("polyv":{"accounts":[{"userId":"new","email":"e",)"
                             R"("secretKey":"k","appId":"frlr1zazn3","appSecret":"s"}]}})"),
      409, "conflict", "$.polyv.accounts[0].appId");
  expect_error(admin_.get("/pumpkin/media/70"), 404, "not_found", "movieId");

  const auto ok =
      admin_.post("/import", R"({"pumpkin":{"media":[{"movie_id":70,"movie_name":"ok"}]}})");
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(parsed(ok).at("imported").at("pumpkin").at("media"), json::value(1));
  EXPECT_EQ(admin_.get("/pumpkin/media/70").status, 200u);
  expect_error(admin_.post("/export", "{}"), 405, "method_not_allowed");
}

}  // namespace
}  // namespace mediagate::testing
