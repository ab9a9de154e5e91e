// The SDK's request building with the vendors' descriptors: every vector of
// tests/data/vectors.json through compute_signature, what fill_generated adds, and the wire form
// of build_request.
#include "client/signed_request.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/fixed_nonces.hpp"
#include "support/signature_vectors.hpp"
#include "vendors/client_descriptors.hpp"
#include "vendors/iqiyi/iqiyi_descriptor.hpp"
#include "vendors/polyv/polyv_group_descriptor.hpp"
#include "vendors/polyv/polyv_live_descriptor.hpp"
#include "vendors/polyv/polyv_live_info_descriptor.hpp"
#include "vendors/polyv/polyv_vod_descriptor.hpp"
#include "vendors/polyv/polyv_vod_signer.hpp"
#include "vendors/pumpkin/pumpkin_descriptor.hpp"

namespace mediagate::client {
namespace {

namespace json = boost::json;
using mediagate::testing::FixedNonces;
using vendors::iqiyi::iqiyi_descriptor;
using vendors::polyv::polyv_group_descriptor;
using vendors::polyv::polyv_live_descriptor;
using vendors::polyv::polyv_live_info_descriptor;
using vendors::polyv::polyv_vod_descriptor;
using vendors::pumpkin::kPumpkinPath;
using vendors::pumpkin::pumpkin_descriptor;

TEST(SignedRequestTest, EveryVectorThroughComputeSignature) {
  const auto vectors = testing::load_signature_vectors();
  int checked = 0;
  for (const auto& [kind, list] : vectors) {
    for (const auto& entry : list.as_array()) {
      const auto& vector = entry.as_object();
      const std::string secret(vector.at("secret").as_string());
      SignInput input;
      input.params = testing::vector_params(vector);
      if (kind == "polyv_vod_sha1") {
        input.vendor = &polyv_vod_descriptor();
      } else if (kind == "iqiyi_md5") {
        input.vendor = &iqiyi_descriptor();
      } else if (kind == "polyv_live_md5" || kind == "polyv_live_sha256") {
        const auto* endpoint = vector.if_contains("endpoint");
        input.vendor = endpoint != nullptr && endpoint->as_string() == "group"
                           ? &polyv_group_descriptor()
                           : &polyv_live_descriptor();
      } else if (kind == "pumpkin_hmac_sha1") {
        input.vendor = &pumpkin_descriptor();
        input.method = std::string(vector.at("method").as_string());
        // The server's fixed set when the vector's action is the endpoint's path; the demo's
        // generic helper (every parameter) otherwise (P3).
        input.sign_all = input.params.at("action") != kPumpkinPath;
      } else {
        ADD_FAILURE() << "unknown vector kind " << kind;
        continue;
      }
      const auto steps = compute_signature(input, secret);
      ASSERT_TRUE(steps) << steps.error().message;
      EXPECT_EQ(steps->signature, vector.at("sign").as_string()) << kind;
      if (const auto* plain = vector.if_contains("plain")) {
        // The secret is appended (VOD, iQiyi): the redacted string ends with "<secret>".
        std::string expected(plain->as_string());
        expected.replace(expected.size() - secret.size(), secret.size(), "<secret>");
        EXPECT_EQ(steps->string_to_sign_redacted, expected);
      }
      EXPECT_EQ(steps->canonical.find(secret), std::string::npos);
      EXPECT_EQ(steps->string_to_sign_redacted.find(secret), std::string::npos);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 16);
}

TEST(SignedRequestTest, PolyvSandwichIsRedactedAtBothEnds) {
  SignInput input;
  input.vendor = &polyv_live_descriptor();
  input.params = {{"appId", "frlr1zazn3"},
                  {"timestamp", "1652411923329"},
                  {"channelId", "2272655"},
                  {"page", "1"},
                  {"pageSize", "10"}};
  const auto steps = compute_signature(input, "fsq2k5weced1h8vui657xtdva66whf0g");
  ASSERT_TRUE(steps);
  EXPECT_EQ(steps->canonical,
            "appIdfrlr1zazn3channelId2272655page1pageSize10timestamp1652411923329");
  EXPECT_EQ(steps->string_to_sign_redacted, "<secret>" + steps->canonical + "<secret>");
  EXPECT_EQ(steps->signature, "86C148F08E6B3384AE0177DDAA265531");
}

TEST(SignedRequestTest, PumpkinFixedSetIgnoresExtrasAndUsesThePath) {
  SignInput input;
  input.vendor = &pumpkin_descriptor();
  input.params = {{"pid", "TEST_PID"},
                  {"timestamp", "1557417600000"},
                  {"signature_nonce", "AbCdE12345"},
                  {"format", "JSON"},
                  {"version", "v1"},
                  {"mode", "full"}};
  const auto steps = compute_signature(input, "TEST_ACCESS_SECRET");
  ASSERT_TRUE(steps);
  EXPECT_EQ(steps->signature, "ABPS3k08dBuOKgcX/lGocoPOXeA=");  // vector P1: action added
  EXPECT_EQ(steps->string_to_sign_redacted.substr(0, 8), "GET&%2F&");
  input.signed_path = "/media/sync";
  EXPECT_NE(compute_signature(input, "TEST_ACCESS_SECRET")->signature,
            "ABPS3k08dBuOKgcX/lGocoPOXeA=");
}

TEST(SignedRequestTest, RefusesAnEmptySecretAndAnUnknownSignatureMethod) {
  SignInput input;
  input.vendor = &polyv_vod_descriptor();
  EXPECT_EQ(compute_signature(input, "").error().kind, ClientError::Kind::kInvalidArgument);
  input.vendor = &polyv_live_descriptor();
  input.params = {{"signatureMethod", "MD5"}};
  EXPECT_EQ(compute_signature(input, "s").error().kind, ClientError::Kind::kInvalidArgument);
  input.vendor = &polyv_group_descriptor();  // no switch there: an ordinary signed parameter
  EXPECT_TRUE(compute_signature(input, "s"));
}

TEST(SignedRequestTest, VendorNames) {
  using vendors::parse_vendor;
  ASSERT_EQ(vendors::client_descriptors().size(), 11U);
  for (const auto* vendor : vendors::client_descriptors()) {
    EXPECT_EQ(parse_vendor(to_string(*vendor)), vendor);
  }
  EXPECT_FALSE(parse_vendor("polyv"));
  EXPECT_FALSE(parse_vendor(""));
  EXPECT_EQ(vendor_path(polyv_vod_descriptor(), "b0f7041324"),
            "/v2/video/b0f7041324/get-by-uploader");
  EXPECT_EQ(vendor_path(polyv_vod_descriptor(), "a/b c"), "/v2/video/a%2Fb%20c/get-by-uploader");
  EXPECT_EQ(vendor_path(iqiyi_descriptor()), "/vod/coupon/getVodCount.action");
  EXPECT_EQ(parse_vendor("polyv-live-info"), &polyv_live_info_descriptor());
  EXPECT_EQ(vendor_path(polyv_live_info_descriptor()), "/live/v3/channel/session/list");
}

TEST(SignedRequestTest, FillGeneratedAddsOnlyWhatIsMissing) {
  const core::ManualClock clock(1'700'000'000'000);
  FixedNonces nonces;
  core::ParamMap vod;
  fill_generated(polyv_vod_descriptor(), vod, clock, nonces);
  EXPECT_EQ(vod, (core::ParamMap{{"ptime", "1700000000000"}}));
  core::ParamMap explicit_ptime{{"ptime", ""}};
  fill_generated(polyv_vod_descriptor(), explicit_ptime, clock, nonces);
  EXPECT_EQ(explicit_ptime, (core::ParamMap{{"ptime", ""}}));

  for (const auto* vendor :
       {&polyv_live_descriptor(), &polyv_live_info_descriptor(), &polyv_group_descriptor()}) {
    core::ParamMap params{{"appId", "x"}};
    fill_generated(*vendor, params, clock, nonces);
    EXPECT_EQ(params, (core::ParamMap{{"appId", "x"}, {"timestamp", "1700000000000"}}));
  }

  core::ParamMap iqiyi;
  fill_generated(iqiyi_descriptor(), iqiyi, clock, nonces, "myapp");
  EXPECT_EQ(iqiyi, (core::ParamMap{{"messageId", "myapp_3f2504e0-4f89-41d3-9a0c-0305e82c3301"},
                                   {"version", "1.0"}}));

  core::ParamMap pumpkin{{"pid", "TEST_PID"}, {"timestamp", "1557417600000"}};
  fill_generated(pumpkin_descriptor(), pumpkin, clock, nonces);
  EXPECT_EQ(pumpkin, (core::ParamMap{{"action", "/media/offline_sync"},
                                     {"format", "JSON"},
                                     {"pid", "TEST_PID"},
                                     {"signature_nonce", "AbCdE12345"},
                                     {"timestamp", "1557417600000"},
                                     {"version", "v1"}}));
}

TEST(SignedRequestTest, PolyvVodWireForm) {
  RequestSpec spec;
  spec.userid = "b0f7041324";
  spec.params = {{"ptime", "1540780829403"},
                 {"email", "test1@zzs.com"},
                 {"cataid", "1"},
                 {"page", "1"},
                 {"orderType", ""}};
  const auto request = build_request(polyv_vod_descriptor(), spec, "tIQp4ATe9Z");
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->method, "GET");
  EXPECT_EQ(request->path, "/v2/video/b0f7041324/get-by-uploader");
  EXPECT_EQ(request->steps.signature, "D3D40346B3A7EF59E4DADD7EE60B444246EC7D86");  // vector V2
  EXPECT_EQ(request->query,
            "cataid=1&email=test1%40zzs.com&orderType=&page=1&ptime=1540780829403"
            "&sign=D3D40346B3A7EF59E4DADD7EE60B444246EC7D86");
  EXPECT_EQ(request->target(), request->path + "?" + request->query);
  EXPECT_TRUE(request->body.empty());
  ASSERT_FALSE(request->fields.empty());
  EXPECT_EQ(request->fields.back().first, "sign");
}

TEST(SignedRequestTest, PolyvLiveWireFormEncodesTheRawValues) {
  RequestSpec spec;
  spec.params = {{"appId", "frlr1zazn3"},  {"timestamp", "1652411923329"},
                 {"channelId", "2272655"}, {"page", "1"},
                 {"pageSize", "10"},       {"startDate", "2022-04-01 00:00:00"},
                 {"endDate", "2022-05-13"}};
  const auto request =
      build_request(polyv_live_descriptor(), spec, "fsq2k5weced1h8vui657xtdva66whf0g");
  ASSERT_TRUE(request);
  EXPECT_EQ(request->query,
            "appId=frlr1zazn3&channelId=2272655&endDate=2022-05-13&page=1&pageSize=10"
            "&startDate=2022-04-01+00%3A00%3A00&timestamp=1652411923329"
            "&sign=F0AEA06EF600CCA05B842BC68FB44CF0");  // vector L2
}

TEST(SignedRequestTest, PumpkinWireFormEncodesTheBase64Sign) {
  RequestSpec spec;
  spec.params = {{"pid", "TEST_PID"},
                 {"timestamp", "1557417600000"},
                 {"signature_nonce", "AbCdE12345"},
                 {"format", "JSON"},
                 {"version", "v1"},
                 {"action", "/media/offline_sync"}};
  const auto request = build_request(pumpkin_descriptor(), spec, "TEST_ACCESS_SECRET");
  ASSERT_TRUE(request);
  EXPECT_EQ(request->path, "/media/offline_sync");
  EXPECT_EQ(request->query,
            "action=%2Fmedia%2Foffline_sync&format=JSON&pid=TEST_PID&signature_nonce=AbCdE12345"
            "&timestamp=1557417600000&version=v1&sign=ABPS3k08dBuOKgcX%2FlGocoPOXeA%3D");
}

TEST(SignedRequestTest, IqiyiPostSendsAFormBody) {
  RequestSpec spec;
  spec.method = "POST";
  spec.params = {{"area", "CN"},
                 {"messageId", "myapp_3f2504e0-4f89-11d3-9a0c-0305e82c3301"},
                 {"partnerCode", "T_Coupon_Pepsi"},
                 {"user_id", "test_user_001"},
                 {"version", "1.0"}};
  const auto request = build_request(iqiyi_descriptor(), spec, "1234567890");
  ASSERT_TRUE(request);
  EXPECT_EQ(request->method, "POST");
  EXPECT_TRUE(request->query.empty());
  EXPECT_EQ(request->target(), "/vod/coupon/getVodCount.action");
  EXPECT_EQ(request->content_type, "application/x-www-form-urlencoded;charset=UTF-8");
  EXPECT_EQ(
      request->body,
      "area=CN&messageId=myapp_3f2504e0-4f89-11d3-9a0c-0305e82c3301&partnerCode=T_Coupon_Pepsi"
      "&user_id=test_user_001&version=1.0&sign=d6eae7918ce367f69ef37119bf3400a2");  // I1
}

TEST(SignedRequestTest, BuildRequestRefusesBeforeSending) {
  const auto refused = [](const VendorDescriptor& vendor, RequestSpec spec,
                          const std::string& secret = "s") {
    const auto request = build_request(vendor, spec, secret);
    return !request && request.error().kind == ClientError::Kind::kInvalidArgument;
  };
  EXPECT_TRUE(refused(polyv_vod_descriptor(), RequestSpec{"GET", {}, ""}));       // no userid
  EXPECT_TRUE(refused(polyv_vod_descriptor(), RequestSpec{"GET", {}, "u"}, ""));  // no secret
  EXPECT_TRUE(refused(polyv_live_descriptor(), RequestSpec{"GET", {{"sign", "X"}}, ""}));
  EXPECT_TRUE(refused(polyv_vod_descriptor(), RequestSpec{"GET", {{"jsonp", "f"}}, "u"}));
  EXPECT_TRUE(refused(iqiyi_descriptor(), RequestSpec{"GET", {{"callback", "f"}}, ""}));
  EXPECT_TRUE(refused(pumpkin_descriptor(), RequestSpec{"POST", {}, ""}));
  EXPECT_TRUE(refused(iqiyi_descriptor(), RequestSpec{"PUT", {}, ""}));
  EXPECT_TRUE(refused(polyv_live_descriptor(), RequestSpec{"GET", {{"signatureMethod", "X"}}, ""}));
  EXPECT_FALSE(refused(iqiyi_descriptor(), RequestSpec{"POST", {}, ""}));
}

}  // namespace
}  // namespace mediagate::client
