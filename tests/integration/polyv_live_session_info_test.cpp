// GET /live/v3/channel/session/list over a real socket (vendor-spec-breadth §2,
// docs/decisions/vendor-choices.md "Polyv session/list"): the parameters, checks and pager of
// /session/data/list, without the 60-day limit, contents without customId. Signatures come from
// tests/support/vendor_rules, never from the server's signer.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/polyv_breadth_fixture.hpp"
#include "support/sample_fixture.hpp"
#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"

namespace mediagate::testing {
namespace {

constexpr const char* kPath = "/live/v3/channel/session/list";
constexpr const char* kOmit = "\x01omit";

using Ids = std::vector<std::string>;

boost::json::object body_of(const client::ClientResponse& response) {
  return boost::json::parse(response.body).as_object();
}

Ids ids_of(const client::ClientResponse& response) {
  Ids ids;
  const auto body = body_of(response);
  for (const auto& s : body.at("data").at("contents").as_array()) {
    ids.emplace_back(s.at("sessionId").as_string());
  }
  return ids;
}

void expect_error(const client::ClientResponse& response, unsigned code, const std::string& message,
                  const std::string& status = "error") {
  EXPECT_EQ(response.status, code) << response.body;
  EXPECT_EQ(response.body, R"({"code":)" + std::to_string(code) + R"(,"status":")" + status +
                               R"(","message":")" + message + R"(","data":""})");
  EXPECT_EQ(response.header("content-type"), "application/json;charset=UTF-8");
}

class PolyvSessionInfo : public ::testing::Test {
 protected:
  // appId, channelId (the breadth channel) and a fresh timestamp, overridden by `extra`
  // (kOmit removes a name), then signed unless `extra` carries a sign.
  std::string target(const Params& extra, bool sha256 = false,
                     const std::string& channel = kBreadthChannel,
                     const std::string& secret = sample::kLiveSecret,
                     const std::string& path = kPath) {
    Params params{{"appId", sample::kLiveAppId},
                  {"channelId", channel},
                  {"timestamp", std::to_string(server_.clock().now_ms())}};
    for (const auto& [name, value] : extra) params[name] = value;
    for (auto it = params.begin(); it != params.end();) {
      it = it->second == kOmit ? params.erase(it) : std::next(it);
    }
    if (extra.count("sign") == 0) params["sign"] = polyv_live_sign(params, secret, sha256);
    return path + "?" + form_query(params);
  }
  client::ClientResponse call(const Params& extra = {}, bool sha256 = false,
                              const std::string& channel = kBreadthChannel) {
    return server_.get(target(extra, sha256, channel));
  }

  BreadthFixture fixture_;
  TestServer server_{{}, {fixture_.path()}};
};

TEST_F(PolyvSessionInfo, EveryFieldInTheDocumentedOrder) {
  const auto response = call({{"startDate", "2020-01-01"}, {"endDate", "2021-01-01"}});
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.header("content-type"), "application/json;charset=UTF-8");
  EXPECT_EQ(
      response.body,
      R"({"code":200,"status":"success","message":"","data":{"pageSize":20,"pageNumber":1,"totalItems":1,"contents":[)"
      R"({"channelId":2191532,"sessionId":"fz3e0q7ckd","userId":"b0f7041324","startTime":1609416000000,"endTime":1609419600000}],)"
      R"("limit":1,"nextPageNumber":1,"startRow":1,"firstPage":true,"lastPage":true,"prePageNumber":1,"endRow":1,"totalPages":1,"offset":0}})");
}

TEST_F(PolyvSessionInfo, NoDatesListsEverySessionWhateverTheClock) {
  // The clock is in 2023: /data/list's default 60 days would hold nothing.
  const auto all = call();
  ASSERT_EQ(all.status, 200u) << all.body;
  EXPECT_EQ(ids_of(all), (Ids{kBreadthLive, kBreadthClosed}));
  const auto body = body_of(all);
  const auto& live = body.at("data").at("contents").as_array().at(0).as_object();
  EXPECT_TRUE(live.at("endTime").is_null());
  EXPECT_EQ(live.at("startTime").as_int64(), kBreadthLiveStart);
  EXPECT_EQ(live.size(), 5u);  // channelId, sessionId, userId, startTime, endTime: no customId
  EXPECT_EQ(live.if_contains("customId"), nullptr);
  // The sample's channel too, all five of its sessions (newest first, the live one included).
  EXPECT_EQ(ids_of(call({}, false, sample::kChannel)),
            (Ids{"livenow0001", "g9lv2ghv2x", "g9b3pwv2b7", "g8ms75epoj", "g87lv4kjh2"}));
  // /data/list with no dates at this clock: nothing.
  EXPECT_EQ(ids_of(server_.get(target({}, false, kBreadthChannel, sample::kLiveSecret,
                                      "/live/v3/channel/session/data/list"))),
            Ids{});
}

TEST_F(PolyvSessionInfo, NoSixtyDayLimitAndOpenBounds) {
  // A year: refused by /data/list, answered here.
  const Params year{{"startDate", "2020-01-01"}, {"endDate", "2021-06-01"}};
  EXPECT_EQ(ids_of(call(year)), (Ids{kBreadthLive, kBreadthClosed}));
  expect_error(server_.get(target(year, false, kBreadthChannel, sample::kLiveSecret,
                                  "/live/v3/channel/session/data/list")),
               400, "param validate error");
  // Only one bound: the other is open (not 60 days away).
  EXPECT_EQ(ids_of(call({{"startDate", "2010-01-01"}})), (Ids{kBreadthLive, kBreadthClosed}));
  EXPECT_EQ(ids_of(call({{"endDate", "2021-01-01"}})), (Ids{kBreadthClosed}));
  EXPECT_EQ(ids_of(call({{"startDate", "2021-01-01"}})), (Ids{kBreadthLive}));
  // Edges inclusive to the second; date-only = 00:00:00 (the Java SDK's endDate=<today> trap).
  EXPECT_EQ(
      ids_of(call({{"startDate", "2020-12-31 20:00:00"}, {"endDate", "2020-12-31 20:00:00"}})),
      (Ids{kBreadthClosed}));
  EXPECT_EQ(ids_of(call({{"startDate", "2020-12-31 20:00:01"}})), (Ids{kBreadthLive}));
  EXPECT_EQ(ids_of(call({{"endDate", "2021-05-24"}})), (Ids{kBreadthClosed}));
  // Empty values count as absent.
  EXPECT_EQ(ids_of(call({{"startDate", ""}, {"endDate", ""}, {"page", ""}, {"pageSize", ""}})),
            (Ids{kBreadthLive, kBreadthClosed}));
  // startDate after endDate is still refused.
  expect_error(call({{"startDate", "2021-01-02"}, {"endDate", "2021-01-01"}}), 400,
               "param validate error");
}

TEST_F(PolyvSessionInfo, PagingAsDataList) {
  auto block = [](const client::ClientResponse& response) {
    std::string text;
    const auto body = body_of(response);
    for (const auto& [key, value] : body.at("data").as_object()) {
      if (key == "contents") continue;
      text += (text.empty() ? "{" : ",") + boost::json::serialize(boost::json::string(key)) + ":" +
              boost::json::serialize(value);
    }
    return text + "}";
  };
  const auto p1 = call({{"page", "1"}, {"pageSize", "1"}});
  EXPECT_EQ(ids_of(p1), (Ids{kBreadthLive}));
  EXPECT_EQ(
      block(p1),
      R"({"pageSize":1,"pageNumber":1,"totalItems":2,"limit":1,"nextPageNumber":2,"startRow":1,"firstPage":true,"lastPage":false,"prePageNumber":1,"endRow":1,"totalPages":2,"offset":0})");
  const auto p2 = call({{"page", "2"}, {"pageSize", "1"}});
  EXPECT_EQ(ids_of(p2), (Ids{kBreadthClosed}));
  EXPECT_EQ(
      block(p2),
      R"({"pageSize":1,"pageNumber":2,"totalItems":2,"limit":1,"nextPageNumber":2,"startRow":2,"firstPage":false,"lastPage":true,"prePageNumber":1,"endRow":2,"totalPages":2,"offset":1})");
  const auto past = call({{"page", "5"}, {"pageSize", "1"}});
  EXPECT_EQ(ids_of(past), Ids{});
  EXPECT_EQ(
      block(past),
      R"({"pageSize":1,"pageNumber":5,"totalItems":2,"limit":0,"nextPageNumber":2,"startRow":0,"firstPage":false,"lastPage":true,"prePageNumber":4,"endRow":0,"totalPages":2,"offset":4})");
  // The Java SDK always sends pageSize 20; above the maximum is clamped.
  EXPECT_EQ(body_of(call({{"pageSize", "20"}})).at("data").at("pageSize").as_int64(), 20);
  EXPECT_EQ(body_of(call({{"pageSize", "5000"}})).at("data").at("pageSize").as_int64(), 1000);
  // A kept page is answered again, the same.
  EXPECT_EQ(call({{"page", "1"}, {"pageSize", "1"}}).body, p1.body);
}

TEST_F(PolyvSessionInfo, EveryErrorWithItsExactText) {
  for (const char* name : {"appId", "timestamp", "sign", "channelId"}) {
    expect_error(call({{name, kOmit}}), 400, std::string("param should not be empty: ") + name);
    expect_error(call({{name, ""}}), 400, std::string("param should not be empty: ") + name);
  }
  expect_error(server_.get(kPath), 400, "param should not be empty: appId");
  expect_error(call({{"timestamp", "12a"}}), 400, "param is not digit: timestamp");
  expect_error(call({}, false, "22x"), 400, "param is not digit: channelId");
  expect_error(call({{"page", "x"}}), 400, "param is not digit: page");
  expect_error(call({{"pageSize", "-1"}}), 400, "param is not digit: pageSize");
  expect_error(call({{"page", "0"}}), 400, "param validate error");
  expect_error(call({{"pageSize", "0"}}), 400, "param validate error");
  expect_error(call({{"startDate", "2020/01/01"}}), 400, "invalid date time format");
  expect_error(call({{"endDate", "2021-01-01T00:00:00"}}), 400, "invalid date time format");
  expect_error(call({{"signatureMethod", "MD5"}}), 400, "param validate error");
  const auto now = server_.clock().now_ms();
  expect_error(call({{"timestamp", std::to_string(now - 180'001)}}), 400, "invalid timestamp.");
  expect_error(call({{"timestamp", std::to_string(now + 180'001)}}), 400, "invalid timestamp.");
  EXPECT_EQ(call({{"timestamp", std::to_string(now - 180'000)}}).status, 200u);
  Params stranger{{"appId", "nosuchapp1"}};
  expect_error(call(stranger), 400, "application not found.");
  expect_error(call({{"sign", "0123456789ABCDEF0123456789ABCDEF"}}), 400, "invalid signature.");
  expect_error(server_.get(target({}, false, kBreadthChannel, "not-the-secret")), 400,
               "invalid signature.");
  expect_error(call({}, false, "9999999"), 500, "access forbidden", "fail");
  expect_error(server_.get(std::string(kPath) + "?x=%ZZ"), 400, "param validate error");
  expect_error(server_.get(target({}) + "&page=1&page=2"), 400, "param validate error");
  // The order of /data/list: a bad signature beats a forbidden channel.
  expect_error(call({{"sign", "BAD"}}, false, "9999999"), 400, "invalid signature.");
}

TEST_F(PolyvSessionInfo, NoJsonpOnTheLiveApi) {
  // Polyv live v3 documents no JSONP: `jsonp` and `callback` are ordinary signed parameters.
  const auto response = call({{"jsonp", "cb"}, {"callback", "cb"}});
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.header("content-type"), "application/json;charset=UTF-8");
  EXPECT_EQ(response.body.rfind(R"({"code":200,)", 0), 0u) << response.body;
  expect_error(call({{"jsonp", "cb"}, {"sign", "BAD"}}), 400, "invalid signature.");
}

TEST_F(PolyvSessionInfo, Sha256AndTheJavaSdkRequestId) {
  EXPECT_EQ(ids_of(call({{"signatureMethod", "SHA256"}}, true)),
            (Ids{kBreadthLive, kBreadthClosed}));
  EXPECT_EQ(ids_of(call({{"requestId", "3f2504e04f8911d39a0c0305e82c3301"}})),
            (Ids{kBreadthLive, kBreadthClosed}));
}

TEST_F(PolyvSessionInfo, RoutingAndMethods) {
  const auto post = server_.client().request("POST", target({}), "", "");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405u);
  EXPECT_EQ(server_.get("/live/v3/channel/session/list/extra").status, 404u);
}

}  // namespace
}  // namespace mediagate::testing
