// Polyv VOD v2 get-by-uploader over a real socket: seed 001 + decisions.md.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <boost/json.hpp>

#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"
#include "vendors/polyv/polyv_settings.hpp"

namespace mediagate::testing {
namespace {

constexpr const char* kUser = "b0f7041324";
constexpr const char* kSecret = "tIQp4ATe9Z";

class PolyvVod : public ::testing::Test {
 protected:
  // Signs `params` (ptime defaults to the server's now) with the vendor's rule.
  std::string target(Params params, const std::string& user = kUser) {
    if (params.count("ptime") == 0) params["ptime"] = std::to_string(server_.clock().now_ms());
    if (params.count("sign") == 0) params["sign"] = polyv_vod_sign(params, kSecret);
    return "/v2/video/" + user + "/get-by-uploader?" + form_query(params);
  }
  client::ClientResponse call(Params params, const std::string& user = kUser) {
    return server_.get(target(std::move(params), user));
  }
  static boost::json::object body(const client::ClientResponse& response) {
    return boost::json::parse(response.body).as_object();
  }
  static std::vector<std::string> vids(const client::ClientResponse& response) {
    std::vector<std::string> result;
    const auto parsed = body(response);
    for (const auto& video : parsed.at("data").at("contents").as_array()) {
      result.emplace_back(video.at("vid").as_string());
    }
    return result;
  }
  void expect_error(const client::ClientResponse& response, unsigned code,
                    const std::string& message) {
    EXPECT_EQ(response.status, code);
    EXPECT_EQ(response.body, R"({"code":)" + std::to_string(code) +
                                 R"(,"status":"error","message":")" + message + R"(","data":""})");
  }

  TestServer server_;
};

constexpr const char* kV1 = "b0f7041324d864436f410f581444542a_b";  // test1, cata 1, ptime ..29403
constexpr const char* kV2 = "b0f70413248dbeccef72d9f244278fe1_b";  // test1, cata ..896, times 7
constexpr const char* kV3 = "b0f70413240000000000000000000003_b";  // test2, cata ..897, status 20
constexpr const char* kOwnerVid = "b0f70413240000000000000000000004_b";

TEST_F(PolyvVod, DefaultListsEverySubAccountUploadButNotTheOwnersExactBody) {
  const auto response = call({});
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.header("content-type"), "application/json;charset=UTF-8");
  EXPECT_EQ(
      response.body,
      R"({"code":200,"status":"success","message":"success","data":{"pageSize":20,"pageNumber":1,"totalItems":3,"contents":[)"
      R"({"vid":"b0f7041324d864436f410f581444542a_b","cataid":1,"title":"test","context":"dasdasdadasd","times":0,"firstImage":"http://img.videocc.net/uimage/b/b0f7041324/a/b0f7041324d864436f410f581444542a_b.jpg","tag":"1","aacLink":null,"status":"61","uploaderEmail":"test1@zzs.com","ptime":1540780829403},)"
      R"({"vid":"b0f70413248dbeccef72d9f244278fe1_b","cataid":1539918907896,"title":"test","context":"简介","times":7,"firstImage":"http://img.videocc.net/uimage/b/b0f7041324/1/b0f7041324d864436f410f581444542a_b.jpg","tag":"标签","aacLink":null,"status":"61","uploaderEmail":"test1@zzs.com","ptime":1540797491063},)"
      R"({"vid":"b0f70413240000000000000000000003_b","cataid":1539918907897,"title":"代数入门","context":"","times":3,"firstImage":"","tag":"","aacLink":"http://example.invalid/a.aac","status":"20","uploaderEmail":"test2@zzs.com","ptime":1540800000000}]}})");
}

TEST_F(PolyvVod, EachOrderType) {
  EXPECT_EQ(vids(call({{"orderType", "1"}})), (std::vector<std::string>{kV1, kV2, kV3}));
  EXPECT_EQ(vids(call({{"orderType", "2"}})), (std::vector<std::string>{kV3, kV2, kV1}));
  EXPECT_EQ(vids(call({{"orderType", "3"}})), (std::vector<std::string>{kV1, kV3, kV2}));
  EXPECT_EQ(vids(call({{"orderType", "4"}})), (std::vector<std::string>{kV2, kV3, kV1}));
  EXPECT_EQ(vids(call({{"orderType", ""}})), (std::vector<std::string>{kV1, kV2, kV3}));
}

TEST_F(PolyvVod, CategorySubtreeWithAndWithoutContainSubCata) {
  EXPECT_EQ(vids(call({{"cataid", "1539918907896"}})), (std::vector<std::string>{kV2}));
  EXPECT_EQ(vids(call({{"cataid", "1539918907896"}, {"containSubCata", "0"}})),
            (std::vector<std::string>{kV2}));
  EXPECT_EQ(vids(call({{"cataid", "1539918907896"}, {"containSubCata", "1"}})),
            (std::vector<std::string>{kV2, kV3}));
  EXPECT_EQ(vids(call({{"cataid", "1"}})), (std::vector<std::string>{kV1}));
  EXPECT_EQ(vids(call({{"cataid", "1"}, {"containSubCata", "1"}})),
            (std::vector<std::string>{kV1, kV2, kV3}));
  EXPECT_EQ(vids(call({{"cataid", "1539918907897"}, {"containSubCata", "1"}})),
            (std::vector<std::string>{kV3}));
}

TEST_F(PolyvVod, PublishedFilter) {
  EXPECT_EQ(vids(call({{"published", "1"}})), (std::vector<std::string>{kV1, kV2}));
  EXPECT_EQ(vids(call({{"published", "0"}})), (std::vector<std::string>{kV1, kV2, kV3}));
}

TEST_F(PolyvVod, EmailFilterAndItsDefault) {
  EXPECT_EQ(vids(call({{"email", "test1@zzs.com"}})), (std::vector<std::string>{kV1, kV2}));
  EXPECT_EQ(vids(call({{"email", "test2@zzs.com"}})), (std::vector<std::string>{kV3}));
  for (const auto& v : vids(call({}))) EXPECT_NE(v, kOwnerVid);
  // The main account is not a sub-account.
  expect_error(call({{"email", "owner@zzs.com"}}), 400, "child user not exist.");
  expect_error(call({{"email", "nobody@zzs.com"}}), 400, "child user not exist.");
}

TEST_F(PolyvVod, SeedVectorV3ParametersSignedByTheVendorRule) {
  // vendor-spec §2.4 V3's parameter set, with a fresh ptime.
  const auto response = call({{"email", "test1@zzs.com"},
                              {"cataid", "1539918907896"},
                              {"containSubCata", "1"},
                              {"published", "1"},
                              {"orderType", "2"},
                              {"page", "1"}});
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(vids(response), (std::vector<std::string>{kV2}));
}

TEST_F(PolyvVod, PagingAndPastTheEnd) {
  auto page1 = call({{"page", "1"}, {"pageSize", "2"}});
  EXPECT_EQ(vids(page1), (std::vector<std::string>{kV1, kV2}));
  EXPECT_EQ(body(page1).at("data").at("pageSize").as_int64(), 2);
  auto page2 = call({{"page", "2"}, {"pageSize", "2"}});
  EXPECT_EQ(vids(page2), (std::vector<std::string>{kV3}));
  EXPECT_EQ(body(page2).at("data").at("pageNumber").as_int64(), 2);
  auto past = call({{"page", "5"}, {"pageSize", "2"}});
  EXPECT_EQ(past.status, 200u);
  EXPECT_TRUE(body(past).at("data").at("contents").as_array().empty());
  EXPECT_EQ(body(past).at("data").at("totalItems").as_int64(), 3);
  auto far = call({{"page", "9223372036854775807"}, {"pageSize", "1000"}});
  EXPECT_EQ(far.status, 200u);
  EXPECT_TRUE(body(far).at("data").at("contents").as_array().empty());
}

TEST_F(PolyvVod, HugePageSizeIsClampedTo1000) {
  // One rule for VOD, live and group (docs/decisions/vendor-choices.md): digits above the
  // maximum clamp, however many there are.
  for (const char* size : {"1001", "100000000000", "99999999999999999999"}) {
    const auto response = call({{"pageSize", size}});
    EXPECT_EQ(response.status, 200u) << size;
    EXPECT_EQ(body(response).at("data").at("pageSize").as_int64(), 1000) << size;
  }
}

TEST_F(PolyvVod, JsonpWrapsSuccessAndError) {
  const auto ok = call({{"jsonp", "cb_1"}});
  EXPECT_EQ(ok.status, 200u);
  EXPECT_EQ(ok.header("content-type"), "application/javascript;charset=UTF-8");
  ASSERT_GT(ok.body.size(), 6u);
  EXPECT_EQ(ok.body.substr(0, 5), "cb_1(");
  EXPECT_EQ(ok.body.back(), ')');
  EXPECT_NO_THROW(boost::json::parse(ok.body.substr(5, ok.body.size() - 6)));

  const auto error = call({{"jsonp", "cb_1"}, {"sign", "WRONG"}});
  EXPECT_EQ(error.status, 400u);
  EXPECT_EQ(error.body,
            R"(cb_1({"code":400,"status":"error","message":"the sign is not right.","data":""}))");
  // A callback that is not an identifier is never reflected.
  const auto hostile = call({{"jsonp", "alert(1)//"}});
  expect_error(hostile, 400, "param validate error");
}

TEST_F(PolyvVod, PtimeWindowEdges) {
  const auto now = server_.clock().now_ms();
  EXPECT_EQ(call({{"ptime", std::to_string(now - 180000)}}).status, 200u);
  expect_error(call({{"ptime", std::to_string(now - 180001)}}), 400, "ptime is too old.");
  EXPECT_EQ(call({{"ptime", std::to_string(now + 180000)}}).status, 200u);
  expect_error(call({{"ptime", std::to_string(now + 180001)}}), 400, "ptime is illegal.");
  expect_error(call({{"ptime", "12ab"}}), 400, "ptime is illegal.");
  expect_error(call({{"ptime", "-5"}}), 400, "ptime is illegal.");
}

TEST_F(PolyvVod, EveryDocumentedErrorText) {
  // sign can not be empty.
  expect_error(server_.get("/v2/video/b0f7041324/get-by-uploader?ptime=1"), 400,
               "sign can not be empty.");
  expect_error(server_.get("/v2/video/b0f7041324/get-by-uploader?ptime=1&sign="), 400,
               "sign can not be empty.");
  // ptime missing.
  expect_error(server_.get("/v2/video/b0f7041324/get-by-uploader?sign=ABC"), 400,
               "ptime is illegal.");
  // Could not find user by userid.
  expect_error(call({}, "ffffffffff"), 400, "Could not find user by userid.");
  // the sign is not right. (wrong secret, and the right digest in the wrong case)
  Params params{{"ptime", std::to_string(server_.clock().now_ms())}};
  params["sign"] = polyv_vod_sign(params, "not-the-secret");
  expect_error(call(params), 400, "the sign is not right.");
  std::string lower = polyv_vod_sign(params, kSecret);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  params["sign"] = lower;
  expect_error(call(params), 400, "the sign is not right.");
  // cata is not exist. / child user not exist.
  expect_error(call({{"cataid", "42"}}), 400, "cata is not exist.");
  expect_error(call({{"email", "ghost@zzs.com"}}), 400, "child user not exist.");
}

TEST_F(PolyvVod, ChecksRunInTheDecidedOrder) {
  const std::string stale = std::to_string(server_.clock().now_ms() - 999999);
  // sign empty beats a bad ptime
  expect_error(server_.get("/v2/video/ffffffffff/get-by-uploader?ptime=" + stale), 400,
               "sign can not be empty.");
  // ptime beats an unknown user
  expect_error(call({{"ptime", stale}}, "ffffffffff"), 400, "ptime is too old.");
  // an unknown user beats a bad signature
  expect_error(call({{"sign", "BAD"}}, "ffffffffff"), 400, "Could not find user by userid.");
  // a bad signature beats an unknown category and an unknown email
  expect_error(call({{"cataid", "42"}, {"email", "ghost@zzs.com"}, {"sign", "BAD"}}), 400,
               "the sign is not right.");
  // an unknown category beats an unknown email
  expect_error(call({{"cataid", "42"}, {"email", "ghost@zzs.com"}}), 400, "cata is not exist.");
}

TEST_F(PolyvVod, ExtraParametersAreSignedLikeAnyOther) {
  EXPECT_EQ(call({{"requestId", "0123456789abcdef0123456789abcdef"}, {"format", "json"}}).status,
            200u);
  // Signed without requestId but sent with it: refused.
  Params params{{"ptime", std::to_string(server_.clock().now_ms())}};
  params["sign"] = polyv_vod_sign(params, kSecret);
  params["requestId"] = "abc";
  expect_error(call(params), 400, "the sign is not right.");
}

TEST_F(PolyvVod, MalformedParametersGetTheParameterError) {
  for (const char* extra :
       {"page=abc", "page=-1", "page=0", "pageSize=0", "pageSize=x", "orderType=5", "orderType=0",
        "containSubCata=2", "published=yes", "cataid=1a"}) {
    const std::string name(extra, std::string_view(extra).find('='));
    const std::string value(std::string_view(extra).substr(name.size() + 1));
    expect_error(call({{name, value}}), 400, "param validate error");
  }
}

TEST_F(PolyvVod, BrokenQueryStrings) {
  const std::string base = "/v2/video/b0f7041324/get-by-uploader?";
  const std::string ptime = std::to_string(server_.clock().now_ms());
  const std::string sign = polyv_vod_sign({{"ptime", ptime}}, kSecret);
  const std::string good = "ptime=" + ptime + "&sign=" + sign;
  EXPECT_EQ(server_.get(base + good).status, 200u);
  expect_error(server_.get(base + good + "&email=%ZZ"), 400, "param validate error");
  expect_error(server_.get(base + good + "&email=%"), 400, "param validate error");
  expect_error(server_.get(base + good + "&email=%FF%FE"), 400, "param validate error");
  expect_error(server_.get(base + good + "&ptime=" + ptime), 400, "param validate error");
}

TEST_F(PolyvVod, TransportLimitsAndRouting) {
  const std::string huge(100 * 1024, 'a');
  EXPECT_EQ(
      server_.client().request("GET", "/v2/video/b0f7041324/get-by-uploader?x=" + huge)->status,
      414u);
  EXPECT_EQ(server_.get("/v2/video/b0f7041324/get-by-uploader/extra").status, 404u);
  EXPECT_EQ(server_.get("/v2/video/b0f7041324").status, 404u);
  const auto post = server_.client().request("POST", target({}), "", "");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405u);
  EXPECT_EQ(server_.get("/healthz").status, 200u);
}

TEST_F(PolyvVod, StoreFailureIsQueryFailed) {
  // Break the store underneath the running server: the videos table disappears.
  server_.drop_store_table("polyv_videos");
  expect_error(call({}), 500, "query failed.");
  // The server keeps serving what does not need the missing table.
  expect_error(call({}, "ffffffffff"), 400, "Could not find user by userid.");
}

TEST(PolyvVodRateLimit, BlocksAnIpAfterTheLimitForTheBlockTime) {
  TestServer server([](core::Config& config) {
    config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.enabled = true;
    config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.max_requests = 5;
    config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.window_ms = 10'000;
    config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.block_ms = 300'000;
  });
  auto signed_target = [&] {
    Params params{{"ptime", std::to_string(server.clock().now_ms())}};
    params["sign"] = polyv_vod_sign(params, kSecret);
    return "/v2/video/b0f7041324/get-by-uploader?" + form_query(params);
  };
  const std::string blocked =
      R"({"code":400,"status":"error","message":"qps exceeds number of calls","data":""})";
  for (int i = 0; i < 4; ++i) EXPECT_EQ(server.get(signed_target()).status, 200u) << i;
  // Malformed requests count too.
  EXPECT_EQ(server.get("/v2/video/b0f7041324/get-by-uploader?%ZZ").status, 400u);
  EXPECT_EQ(server.get(signed_target()).body, blocked);
  server.clock().advance(299'000);
  EXPECT_EQ(server.get(signed_target()).body, blocked);
  server.clock().advance(2'000);
  EXPECT_EQ(server.get(signed_target()).status, 200u);
}

}  // namespace
}  // namespace mediagate::testing
