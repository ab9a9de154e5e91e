// Polyv live v3 session list over a real socket: seed 003 + vendor-spec §4 + decisions.md.
// Signatures come from tests/support/vendor_rules (the vendor's rule re-implemented), never
// from the server's signer.
#include <gtest/gtest.h>

#include <unistd.h>
#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/temp_file.hpp"
#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"
#include "vendors/polyv/polyv_settings.hpp"

namespace mediagate::testing {
namespace {

constexpr const char* kAppId = "frlr1zazn3";
constexpr const char* kSecret = "fsq2k5weced1h8vui657xtdva66whf0g";
constexpr const char* kChannel = "2272655";
constexpr const char* kPath = "/live/v3/channel/session/data/list";
constexpr const char* kOmit = "\x01omit";  // a value that removes the parameter

// The sample fixture's sessions of channel 2272655 (UTC+8 wall clock in the comments).
constexpr const char* kLive = "livenow0001";  // 2022-05-09 20:40:00, still live
constexpr const char* kS1 = "g9lv2ghv2x";     // 2022-05-09 10:16:14
constexpr const char* kS2 = "g9b3pwv2b7";     // 2022-04-29 16:03:21
constexpr const char* kS3 = "g8ms75epoj";     // 2022-04-07 14:39:42
constexpr const char* kS4 = "g87lv4kjh2";     // 2022-03-24 20:18:53 (1648124333000)
constexpr core::EpochMs kS4Start = 1'648'124'333'000;
constexpr std::int64_t kSixtyDays = 60LL * 86'400'000;

using Ids = std::vector<std::string>;

boost::json::object body_of(const client::ClientResponse& response) {
  return boost::json::parse(response.body).as_object();
}

// The session ids of a success response, in order.
Ids ids_of(const client::ClientResponse& response) {
  const auto body = body_of(response);
  const auto& contents = body.at("data").at("contents").as_array();
  Ids result;
  for (const auto& session : contents) result.emplace_back(session.at("sessionId").as_string());
  return result;
}

std::string error_body(unsigned code, const std::string& message,
                       const std::string& status = "error") {
  return R"({"code":)" + std::to_string(code) + R"(,"status":")" + status + R"(","message":")" +
         message + R"(","data":""})";
}

void expect_error(const client::ClientResponse& response, unsigned code, const std::string& message,
                  const std::string& status = "error") {
  EXPECT_EQ(response.status, code) << response.body;
  EXPECT_EQ(response.body, error_body(code, message, status));
}

// Signed requests for one account against one TestServer.
class LiveCaller {
 public:
  LiveCaller(TestServer& server, std::string app_id, std::string secret, std::string channel)
      : server_(server),
        app_id_(std::move(app_id)),
        secret_(std::move(secret)),
        channel_(std::move(channel)) {}

  // appId, channelId and a fresh timestamp, overridden by `extra` (kOmit removes a name),
  // then signed (MD5, or SHA-256 when `sha256`) unless `extra` carries a sign.
  std::string target(const Params& extra, bool sha256 = false) const {
    Params params{{"appId", app_id_},
                  {"channelId", channel_},
                  {"timestamp", std::to_string(server_.clock().now_ms())}};
    for (const auto& [name, value] : extra) params[name] = value;
    for (auto it = params.begin(); it != params.end();) {
      it = it->second == kOmit ? params.erase(it) : std::next(it);
    }
    if (extra.count("sign") == 0) params["sign"] = polyv_live_sign(params, secret_, sha256);
    return std::string(kPath) + "?" + form_query(params);
  }
  client::ClientResponse call(const Params& extra = {}, bool sha256 = false) const {
    return server_.get(target(extra, sha256));
  }

 private:
  TestServer& server_;
  std::string app_id_;
  std::string secret_;
  std::string channel_;
};

class PolyvLive : public ::testing::Test {
 protected:
  client::ClientResponse call(const Params& extra = {}, bool sha256 = false) {
    return caller_.call(extra, sha256);
  }
  // Every session of the sample, explicitly dated (the server clock is in 2023).
  client::ClientResponse call_2022(Params extra = {}) {
    extra.emplace("startDate", "2022-03-20");
    extra.emplace("endDate", "2022-05-19");
    return call(extra);
  }

  TestServer server_;
  LiveCaller caller_{server_, kAppId, kSecret, kChannel};
};

TEST_F(PolyvLive, SeedLikeRequestExactBody) {
  // vendor-spec L2's parameters (2022-04-01 00:00:00 .. 2022-05-13) with a fresh timestamp.
  const auto response = call({{"startDate", "2022-04-01 00:00:00"},
                              {"endDate", "2022-05-13"},
                              {"page", "1"},
                              {"pageSize", "10"}});
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.header("content-type"), "application/json;charset=UTF-8");
  EXPECT_EQ(
      response.body,
      R"({"code":200,"status":"success","message":"","data":{"pageSize":10,"pageNumber":1,"totalItems":4,"contents":[)"
      R"({"sessionId":"livenow0001","channelId":2272655,"userId":"b0f7041324","startTime":1652100000000,"endTime":null,"customId":"c-1"},)"
      R"({"sessionId":"g9lv2ghv2x","channelId":2272655,"userId":"b0f7041324","startTime":1652062574000,"endTime":1652062643000,"customId":null},)"
      R"({"sessionId":"g9b3pwv2b7","channelId":2272655,"userId":"b0f7041324","startTime":1651219401000,"endTime":1651219592000,"customId":null},)"
      R"({"sessionId":"g8ms75epoj","channelId":2272655,"userId":"b0f7041324","startTime":1649313582000,"endTime":1649313757000,"customId":null}],)"
      R"("limit":4,"nextPageNumber":1,"startRow":1,"firstPage":true,"lastPage":true,"prePageNumber":1,"endRow":4,"totalPages":1,"offset":0}})");
}

TEST_F(PolyvLive, EverySessionFieldAndTheLiveOne) {
  const auto response = call_2022();
  ASSERT_EQ(response.status, 200u) << response.body;
  EXPECT_EQ(ids_of(response), (Ids{kLive, kS1, kS2, kS3, kS4}));
  const auto body = body_of(response);
  EXPECT_EQ(body.at("message").as_string(), "");
  EXPECT_EQ(body.at("status").as_string(), "success");
  const auto& contents = body.at("data").at("contents").as_array();
  const auto& live = contents.at(0).as_object();
  EXPECT_TRUE(live.at("endTime").is_null());
  EXPECT_EQ(live.at("customId").as_string(), "c-1");
  const auto& last = contents.at(4).as_object();
  EXPECT_EQ(last.at("sessionId").as_string(), kS4);
  EXPECT_EQ(last.at("channelId").as_int64(), 2272655);
  EXPECT_EQ(last.at("userId").as_string(), "b0f7041324");
  EXPECT_EQ(last.at("startTime").as_int64(), kS4Start);
  EXPECT_EQ(last.at("endTime").as_int64(), 1648124412000);
  EXPECT_TRUE(last.at("customId").is_null());
  const auto& data = body.at("data").as_object();
  EXPECT_EQ(data.at("pageSize").as_int64(), 20);  // the default
  EXPECT_EQ(data.at("totalItems").as_int64(), 5);
}

TEST_F(PolyvLive, BothDateFormatsAndInclusiveEdges) {
  // Date-only = 00:00:00 of that day, for both bounds.
  EXPECT_EQ(ids_of(call({{"startDate", "2022-04-07"}, {"endDate", "2022-04-30"}})),
            (Ids{kS2, kS3}));
  EXPECT_EQ(
      ids_of(call({{"startDate", "2022-04-07 00:00:00"}, {"endDate", "2022-04-30 00:00:00"}})),
      (Ids{kS2, kS3}));
  // endDate 2022-05-09 is midnight: neither session of that day.
  EXPECT_EQ(ids_of(call({{"startDate", "2022-04-01"}, {"endDate", "2022-05-09"}})),
            (Ids{kS2, kS3}));
  // Both edges are inclusive to the second.
  EXPECT_EQ(
      ids_of(call({{"startDate", "2022-03-24 20:18:53"}, {"endDate", "2022-05-09 20:40:00"}})),
      (Ids{kLive, kS1, kS2, kS3, kS4}));
  EXPECT_EQ(
      ids_of(call({{"startDate", "2022-03-24 20:18:54"}, {"endDate", "2022-05-09 20:39:59"}})),
      (Ids{kS1, kS2, kS3}));
}

TEST_F(PolyvLive, SixtyDaySpanEdges) {
  // Exactly 60 days: allowed.
  EXPECT_EQ(
      ids_of(call({{"startDate", "2022-03-24 20:18:53"}, {"endDate", "2022-05-23 20:18:53"}})),
      (Ids{kLive, kS1, kS2, kS3, kS4}));
  EXPECT_EQ(call({{"startDate", "2022-03-14"}, {"endDate", "2022-05-13"}}).status, 200u);
  // 60 days + 1 s: refused.
  expect_error(call({{"startDate", "2022-03-24 20:18:53"}, {"endDate", "2022-05-23 20:18:54"}}),
               400, "param validate error");
  expect_error(call({{"startDate", "2022-03-13"}, {"endDate", "2022-05-13"}}), 400,
               "param validate error");
  // startDate after endDate: refused; equal: allowed.
  expect_error(call({{"startDate", "2022-05-01"}, {"endDate", "2022-04-30 23:59:59"}}), 400,
               "param validate error");
  EXPECT_EQ(
      ids_of(call({{"startDate", "2022-04-29 16:03:21"}, {"endDate", "2022-04-29 16:03:21"}})),
      (Ids{kS2}));
}

TEST_F(PolyvLive, OnlyOneBoundPutsTheOtherSixtyDaysAway) {
  // startDate 2022-04-07 14:39:42 -> until 2022-06-06 14:39:42.
  EXPECT_EQ(ids_of(call({{"startDate", "2022-04-07 14:39:42"}})), (Ids{kLive, kS1, kS2, kS3}));
  // endDate 2022-04-29 16:03:21 -> from 2022-02-28 16:03:21.
  EXPECT_EQ(ids_of(call({{"endDate", "2022-04-29 16:03:21"}})), (Ids{kS2, kS3, kS4}));
  // endDate exactly 60 days after kS4's start reaches it; one second later does not.
  EXPECT_EQ(ids_of(call({{"endDate", "2022-05-23 20:18:53"}})), (Ids{kLive, kS1, kS2, kS3, kS4}));
  EXPECT_EQ(ids_of(call({{"endDate", "2022-05-23 20:18:54"}})), (Ids{kLive, kS1, kS2, kS3}));
  // startDate exactly 60 days before livenow0001 reaches it.
  EXPECT_EQ(ids_of(call({{"startDate", "2022-03-10 20:40:00"}})), (Ids{kLive, kS1, kS2, kS3, kS4}));
  EXPECT_EQ(ids_of(call({{"startDate", "2022-03-10 20:39:59"}})), (Ids{kS1, kS2, kS3, kS4}));
}

TEST_F(PolyvLive, DefaultWindowIsTheLastSixtyDays) {
  // In 2023 (TestServer's clock) nothing is recent.
  EXPECT_EQ(ids_of(call()), Ids{});
  // now - 60 days lands exactly on kS4's start: included...
  server_.clock().set(kS4Start + kSixtyDays);
  EXPECT_EQ(ids_of(call()), (Ids{kLive, kS1, kS2, kS3, kS4}));
  // ...one millisecond later it is not.
  server_.clock().set(kS4Start + kSixtyDays + 1);
  EXPECT_EQ(ids_of(call()), (Ids{kLive, kS1, kS2, kS3}));
  // now is the upper bound: a session starting after now is not listed.
  server_.clock().set(1'652'100'000'000 - 1);  // one ms before livenow0001 started
  EXPECT_EQ(ids_of(call()), (Ids{kS1, kS2, kS3, kS4}));
  server_.clock().set(1'652'100'000'000);
  EXPECT_EQ(ids_of(call()), (Ids{kLive, kS1, kS2, kS3, kS4}));
}

TEST_F(PolyvLive, EmptyResultExactBlock) {
  const auto response = call({{"startDate", "2022-01-01"}, {"endDate", "2022-02-01"}});
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(
      response.body,
      R"({"code":200,"status":"success","message":"","data":{"pageSize":20,"pageNumber":1,"totalItems":0,"contents":[],)"
      R"("limit":0,"nextPageNumber":1,"startRow":0,"firstPage":true,"lastPage":true,"prePageNumber":1,"endRow":0,"totalPages":0,"offset":0}})");
}

TEST_F(PolyvLive, PaginationBlockOnEveryPageAndPastTheEnd) {
  // The data object without its contents, keys in the order received.
  auto block = [](const client::ClientResponse& response) {
    const auto body = body_of(response);
    std::string text;
    for (const auto& [key, value] : body.at("data").as_object()) {
      if (key == "contents") continue;
      text += (text.empty() ? "{" : ",") + boost::json::serialize(boost::json::string(key)) + ":" +
              boost::json::serialize(value);
    }
    return text + "}";
  };
  const auto p1 = call_2022({{"page", "1"}, {"pageSize", "2"}});
  EXPECT_EQ(ids_of(p1), (Ids{kLive, kS1}));
  EXPECT_EQ(
      block(p1),
      R"({"pageSize":2,"pageNumber":1,"totalItems":5,"limit":2,"nextPageNumber":2,"startRow":1,"firstPage":true,"lastPage":false,"prePageNumber":1,"endRow":2,"totalPages":3,"offset":0})");
  const auto p2 = call_2022({{"page", "2"}, {"pageSize", "2"}});
  EXPECT_EQ(ids_of(p2), (Ids{kS2, kS3}));
  EXPECT_EQ(
      block(p2),
      R"({"pageSize":2,"pageNumber":2,"totalItems":5,"limit":2,"nextPageNumber":3,"startRow":3,"firstPage":false,"lastPage":false,"prePageNumber":1,"endRow":4,"totalPages":3,"offset":2})");
  const auto p3 = call_2022({{"page", "3"}, {"pageSize", "2"}});
  EXPECT_EQ(ids_of(p3), (Ids{kS4}));
  EXPECT_EQ(
      block(p3),
      R"({"pageSize":2,"pageNumber":3,"totalItems":5,"limit":1,"nextPageNumber":3,"startRow":5,"firstPage":false,"lastPage":true,"prePageNumber":2,"endRow":5,"totalPages":3,"offset":4})");
  const auto p7 = call_2022({{"page", "7"}, {"pageSize", "2"}});
  EXPECT_EQ(p7.status, 200u);
  EXPECT_EQ(ids_of(p7), Ids{});
  EXPECT_EQ(
      block(p7),
      R"({"pageSize":2,"pageNumber":7,"totalItems":5,"limit":0,"nextPageNumber":3,"startRow":0,"firstPage":false,"lastPage":true,"prePageNumber":6,"endRow":0,"totalPages":3,"offset":12})");
  // The largest page number still answers (offset saturates instead of overflowing).
  const auto far = call_2022({{"page", "9223372036854775807"}, {"pageSize", "1000"}});
  EXPECT_EQ(far.status, 200u);
  EXPECT_EQ(ids_of(far), Ids{});
  EXPECT_EQ(body_of(far).at("data").at("offset").as_int64(), 9223372036854775807);
}

TEST_F(PolyvLive, HugePageSizeIsClamped) {
  for (const char* size : {"1001", "100000000000", "99999999999999999999999999"}) {
    const auto response = call_2022({{"pageSize", size}});
    ASSERT_EQ(response.status, 200u) << size;
    EXPECT_EQ(body_of(response).at("data").at("pageSize").as_int64(), 1000) << size;
    EXPECT_EQ(ids_of(response).size(), 5u);
  }
  EXPECT_EQ(body_of(call_2022({{"pageSize", "1000"}})).at("data").at("pageSize").as_int64(), 1000);
}

TEST_F(PolyvLive, Sha256SignatureMethod) {
  // SHA-256 over the same string, signatureMethod included.
  const auto sha =
      call({{"signatureMethod", "SHA256"}, {"startDate", "2022-04-01"}, {"endDate", "2022-05-13"}},
           true);
  EXPECT_EQ(sha.status, 200u) << sha.body;
  EXPECT_EQ(ids_of(sha), (Ids{kLive, kS1, kS2, kS3}));
  // Signed with MD5 but asking for SHA256, and the reverse: refused.
  expect_error(call({{"signatureMethod", "SHA256"}}, false), 400, "invalid signature.");
  expect_error(call({}, true), 400, "invalid signature.");
  // signatureMethod left out of the SHA-256 string (the TypeScript SDK's form B): accepted
  // since issue 15 (polyv_sign_forms_test.cpp covers every form).
  Params params{{"appId", kAppId},
                {"channelId", kChannel},
                {"timestamp", std::to_string(server_.clock().now_ms())}};
  const std::string without = polyv_live_sign(params, kSecret, true);
  params["signatureMethod"] = "SHA256";
  params["sign"] = without;
  EXPECT_EQ(server_.get(std::string(kPath) + "?" + form_query(params)).status, 200u);
  // An empty signatureMethod does not exist: MD5.
  EXPECT_EQ(call({{"signatureMethod", ""}}).status, 200u);
  // Unsupported values are a parameter error.
  for (const char* method : {"MD5", "sha256", "SHA1", "HMAC"}) {
    expect_error(call({{"signatureMethod", method}}), 400, "param validate error");
  }
}

TEST_F(PolyvLive, SignatureRules) {
  // Wrong secret, lowercase hex, and an unsigned extra parameter.
  expect_error(call({{"sign", polyv_live_sign({{"appId", kAppId}}, kSecret)}}), 400,
               "invalid signature.");
  Params params{{"appId", kAppId},
                {"channelId", kChannel},
                {"timestamp", std::to_string(server_.clock().now_ms())}};
  const std::string upper = polyv_live_sign(params, kSecret);
  params["sign"] = upper;
  EXPECT_EQ(server_.get(std::string(kPath) + "?" + form_query(params)).status, 200u);
  std::string lower = upper;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  params["sign"] = lower;
  expect_error(server_.get(std::string(kPath) + "?" + form_query(params)), 400,
               "invalid signature.");
  LiveCaller wrong_secret(server_, kAppId, "not-the-secret", kChannel);
  expect_error(wrong_secret.call(), 400, "invalid signature.");
  // Extra parameters (requestId) are signed like any other; empty ones are not signed.
  EXPECT_EQ(call({{"requestId", "abcdef0123456789"}, {"page", ""}}).status, 200u);
  // A value with a space and a colon is signed raw (the wire has '+' and %3A).
  EXPECT_EQ(call({{"startDate", "2022-04-01 00:00:00"}}).status, 200u);
}

TEST_F(PolyvLive, RequiredParametersInOrder) {
  for (const char* name : {"appId", "timestamp", "sign", "channelId"}) {
    expect_error(call({{name, kOmit}}), 400, std::string("param should not be empty: ") + name);
    expect_error(call({{name, ""}}), 400, std::string("param should not be empty: ") + name);
  }
  expect_error(server_.get(kPath), 400, "param should not be empty: appId");
  expect_error(server_.get(std::string(kPath) + "?"), 400, "param should not be empty: appId");
  // Several missing: the first in the documented order.
  expect_error(call({{"channelId", kOmit}, {"appId", kOmit}}), 400,
               "param should not be empty: appId");
  expect_error(call({{"channelId", kOmit}, {"sign", ""}}), 400, "param should not be empty: sign");
  expect_error(call({{"channelId", kOmit}, {"timestamp", kOmit}, {"sign", ""}}), 400,
               "param should not be empty: timestamp");
}

TEST_F(PolyvLive, FormatErrors) {
  expect_error(call({{"timestamp", "12a"}}), 400, "param is not digit: timestamp");
  expect_error(call({{"timestamp", "-1700000000000"}}), 400, "param is not digit: timestamp");
  expect_error(call({{"timestamp", "1.7e12"}}), 400, "param is not digit: timestamp");
  for (const char* page : {"abc", "-1", "+1", "1.0", " 1", "0x1"}) {
    expect_error(call({{"page", page}}), 400, "param is not digit: page");
    expect_error(call({{"pageSize", page}}), 400, "param is not digit: pageSize");
  }
  // Digits out of range.
  expect_error(call({{"page", "0"}}), 400, "param validate error");
  expect_error(call({{"pageSize", "0"}}), 400, "param validate error");
  expect_error(call({{"page", "99999999999999999999"}}), 400, "param validate error");
  for (const char* date :
       {"2022/04/01", "2022-04-01 00:00", "2022-4-1", "2022-02-30", "2022-04-01T00:00:00",
        "2022-04-01 24:00:00", "20220401", "2022-04-01 00:00:00 ", "yesterday"}) {
    expect_error(call({{"startDate", date}}), 400, "invalid date time format");
    expect_error(call({{"endDate", date}}), 400, "invalid date time format");
  }
}

TEST_F(PolyvLive, TimestampWindowEdges) {
  const auto now = server_.clock().now_ms();
  EXPECT_EQ(call({{"timestamp", std::to_string(now - 180000)}}).status, 200u);
  EXPECT_EQ(call({{"timestamp", std::to_string(now + 180000)}}).status, 200u);
  expect_error(call({{"timestamp", std::to_string(now - 180001)}}), 400, "invalid timestamp.");
  expect_error(call({{"timestamp", std::to_string(now + 180001)}}), 400, "invalid timestamp.");
  expect_error(call({{"timestamp", "0"}}), 400, "invalid timestamp.");
  expect_error(call({{"timestamp", "99999999999999999999999"}}), 400, "invalid timestamp.");
  // Seconds instead of milliseconds.
  expect_error(call({{"timestamp", std::to_string(now / 1000)}}), 400, "invalid timestamp.");
}

TEST_F(PolyvLive, UnknownApplicationAndForbiddenChannel) {
  LiveCaller stranger(server_, "nosuchapp1", kSecret, kChannel);
  expect_error(stranger.call(), 400, "application not found.");
  LiveCaller other_channel(server_, kAppId, kSecret, "9999999");
  expect_error(other_channel.call(), 500, "access forbidden", "fail");
}

TEST_F(PolyvLive, AChannelIdThatIsNotDigitsIsAFormatError) {
  // vendor-spec §4.6; docs/decisions/vendor-choices.md.
  for (const char* channel : {"1.5", "abc", "-1", "+1", " 1", "1e3", "\xD9\xA3"}) {
    LiveCaller caller(server_, kAppId, kSecret, channel);
    expect_error(caller.call(), 400, "param is not digit: channelId");
  }
  // A format error, checked after timestamp's and before the window and the appId.
  const std::string stale = std::to_string(server_.clock().now_ms() - 999999);
  LiveCaller caller(server_, "nosuchapp1", kSecret, "1.5");
  expect_error(caller.call({{"timestamp", stale}}), 400, "param is not digit: channelId");
  expect_error(caller.call({{"timestamp", "x"}}), 400, "param is not digit: timestamp");
  expect_error(caller.call({{"page", "x"}}), 400, "param is not digit: channelId");
}

TEST_F(PolyvLive, ChecksRunInTheDecidedOrder) {
  const std::string stale = std::to_string(server_.clock().now_ms() - 999999);
  // required beats every format error
  expect_error(call({{"channelId", kOmit}, {"timestamp", "x"}, {"page", "y"}}), 400,
               "param should not be empty: channelId");
  // formats beat the window: digits, then dates, then value ranges
  expect_error(call({{"timestamp", "x"}, {"page", "y"}}), 400, "param is not digit: timestamp");
  expect_error(call({{"page", "y"}, {"pageSize", "z"}}), 400, "param is not digit: page");
  expect_error(call({{"pageSize", "z"}, {"startDate", "bad"}}), 400,
               "param is not digit: pageSize");
  expect_error(call({{"startDate", "bad"}, {"timestamp", stale}}), 400, "invalid date time format");
  expect_error(call({{"page", "0"}, {"timestamp", stale}}), 400, "param validate error");
  expect_error(call({{"signatureMethod", "SHA1"}, {"timestamp", stale}}), 400,
               "param validate error");
  // the window beats an unknown appId
  LiveCaller stranger(server_, "nosuchapp1", kSecret, kChannel);
  expect_error(stranger.call({{"timestamp", stale}}), 400, "invalid timestamp.");
  // an unknown appId beats a bad signature
  expect_error(stranger.call({{"sign", "BAD"}}), 400, "application not found.");
  // a bad signature beats a bad span and a foreign channel
  expect_error(call({{"sign", "BAD"},
                     {"startDate", "2020-01-01"},
                     {"endDate", "2022-01-01"},
                     {"channelId", "9999999"}}),
               400, "invalid signature.");
  // the span beats the channel
  LiveCaller other_channel(server_, kAppId, kSecret, "9999999");
  expect_error(other_channel.call({{"startDate", "2020-01-01"}, {"endDate", "2022-01-01"}}), 400,
               "param validate error");
  expect_error(other_channel.call({{"startDate", "2022-01-02"}, {"endDate", "2022-01-01"}}), 400,
               "param validate error");
  // a malformed query string beats even a missing parameter
  expect_error(server_.get(std::string(kPath) + "?x=%ZZ"), 400, "param validate error");
}

TEST_F(PolyvLive, BrokenQueryStrings) {
  const std::string good = caller_.target({});
  EXPECT_EQ(server_.get(good).status, 200u);
  expect_error(server_.get(good + "&requestId=%ZZ"), 400, "param validate error");
  expect_error(server_.get(good + "&requestId=%"), 400, "param validate error");
  expect_error(server_.get(good + "&requestId=%4"), 400, "param validate error");
  expect_error(server_.get(good + "&requestId=%FF%FE"), 400, "param validate error");
  expect_error(server_.get(good + "&requestId=%C0%AF"), 400, "param validate error");  // overlong
  expect_error(server_.get(good + "&channelId=" + kChannel), 400, "param validate error");
  expect_error(server_.get(good + "&page=1&page=1"), 400, "param validate error");
  // UTF-8 that is well formed is fine (and signed raw).
  EXPECT_EQ(call({{"requestId", "直播-场次"}}).status, 200u);
}

TEST_F(PolyvLive, RoutingAndMethods) {
  const auto post = server_.client().request("POST", caller_.target({}), "", "");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405u);
  EXPECT_EQ(server_.get("/live/v3/channel/session/data/list/extra").status, 404u);
  // The Java SDK's /session/list is served too (polyv_live_session_info_test.cpp).
  expect_error(server_.get("/live/v3/channel/session/list"), 400,
               "param should not be empty: appId");
}

TEST(PolyvLiveRateLimit, SharedWithTheOtherPolyvEndpoints) {
  TestServer server([](core::Config& config) {
    config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.enabled = true;
    config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.max_requests = 4;
    config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.window_ms = 10'000;
    config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.block_ms = 300'000;
  });
  LiveCaller live(server, kAppId, kSecret, kChannel);
  // Two VOD requests (even malformed) and two live ones use up the allowance together.
  EXPECT_EQ(server.get("/v2/video/b0f7041324/get-by-uploader?%ZZ").status, 400u);
  EXPECT_EQ(server.get("/v2/group/account/list-allocate-log").status, 400u);
  EXPECT_EQ(live.call().status, 200u);
  EXPECT_EQ(server.get(std::string(kPath) + "?%ZZ").status, 400u);
  expect_error(live.call(), 400, "qps exceeds number of calls");
  server.clock().advance(299'000);
  expect_error(live.call(), 400, "qps exceeds number of calls");
  server.clock().advance(2'000);
  EXPECT_EQ(live.call().status, 200u);
}

TEST(PolyvLiveAccessLog, RecordsVendorAndAppIdNeverTheSignature) {
  const std::string log_path = (std::filesystem::temp_directory_path() /
                                ("mediagate-live-access-" + std::to_string(::getpid()) + ".log"))
                                   .string();
  std::string sign;
  {
    TestServer server([&](core::Config& config) { config.access_log = log_path; });
    LiveCaller live(server, kAppId, kSecret, kChannel);
    const std::string target = live.target({});
    sign = target.substr(target.find("sign=") + 5, 32);
    EXPECT_EQ(server.get(target).status, 200u);
  }
  std::ifstream in(log_path);
  std::stringstream text;
  text << in.rdbuf();
  std::filesystem::remove(log_path);
  const auto line = text.str();
  EXPECT_NE(line.find(R"("vendor":"polyv-live")"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("partner":"frlr1zazn3")"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("path":"/live/v3/channel/session/data/list")"), std::string::npos);
  EXPECT_EQ(line.find(sign), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Property test on generated data: every page size walks every matching row exactly once, in
// order (startTime descending, ties sessionId ascending), and every block obeys the formulas.

struct GenSession {
  std::string id;
  core::EpochMs start;
};

constexpr const char* kGenApp = "genlive001";
constexpr const char* kGenSecret = "0123456789abcdef0123456789abcdef";
constexpr const char* kGenChannel = "3000001";
constexpr core::EpochMs kGenBase = 1'650'000'000'000;  // 2022-04-15 13:20:00 +08

// 237 sessions on one channel over ~50 days, with ties on startTime, some live, some custom
// ids; a second channel of the same account and a channel of another account.
std::vector<GenSession> generated_sessions() {
  std::vector<GenSession> sessions;
  std::uint64_t state = 42;
  for (int i = 0; i < 237; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    // Every 5th session shares its start time with the previous one (a tie).
    const core::EpochMs start =
        (i % 5 == 4 && !sessions.empty())
            ? sessions.back().start
            : kGenBase + static_cast<core::EpochMs>((state >> 20) % (50ULL * 86'400'000ULL));
    // Ids are a permutation of 0..236 (97 is prime to 237): id order is not insertion order.
    char id[16];
    std::snprintf(id, sizeof id, "sess%03d", (i * 97) % 237);
    sessions.push_back({id, start});
  }
  return sessions;
}

std::string write_generated_fixture(const std::vector<GenSession>& sessions) {
  boost::json::array rows;
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    boost::json::object row;
    row["sessionId"] = sessions[i].id;
    row["startTime"] = sessions[i].start;
    if (i % 11 == 0) {
      row["endTime"] = nullptr;
    } else {
      row["endTime"] = sessions[i].start + 3'600'000;
    }
    if (i % 3 == 0) {
      row["customId"] = "custom-" + std::to_string(i);
    } else {
      row["customId"] = nullptr;
    }
    rows.push_back(std::move(row));
  }
  boost::json::object channel{{"channelId", kGenChannel}, {"sessions", std::move(rows)}};
  boost::json::object second{
      {"channelId", "3000002"},
      {"sessions", boost::json::array{boost::json::object{{"sessionId", "other-channel"},
                                                          {"startTime", kGenBase + 5},
                                                          {"endTime", nullptr},
                                                          {"customId", nullptr}}}}};
  boost::json::object account{
      {"userId", "gen0000001"},   {"email", "gen@example.invalid"},
      {"secretKey", "genvodkey"}, {"appId", kGenApp},
      {"appSecret", kGenSecret},  {"channels", boost::json::array{channel, second}}};
  boost::json::object foreign{
      {"userId", "gen0000002"},
      {"email", "foreign@example.invalid"},
      {"secretKey", "foreignkey"},
      {"appId", "genlive002"},
      {"appSecret", "ffffffffffffffffffffffffffffffff"},
      {"channels", boost::json::array{boost::json::object{{"channelId", "3000003"}}}}};
  boost::json::object doc{
      {"polyv", boost::json::object{{"accounts", boost::json::array{account, foreign}}}}};
  return write_temp_file("mediagate-live-gen.json", boost::json::serialize(doc));
}

class PolyvLiveGenerated : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sessions_ = new std::vector<GenSession>(generated_sessions());
    const std::string path = write_generated_fixture(*sessions_);
    server_ = new TestServer({}, {source_path("fixtures/sample.json"), path});
    std::filesystem::remove(path);
    server_->clock().set(kGenBase + 50LL * 86'400'000 + 1000);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete sessions_;
  }

  // The ids a query for [from, to] must return, in order.
  static Ids expected(core::EpochMs from, core::EpochMs to) {
    std::vector<GenSession> rows;
    for (const auto& s : *sessions_) {
      if (s.start >= from && s.start <= to) rows.push_back(s);
    }
    std::sort(rows.begin(), rows.end(), [](const GenSession& a, const GenSession& b) {
      return a.start != b.start ? a.start > b.start : a.id < b.id;
    });
    Ids ids;
    for (const auto& s : rows) ids.push_back(s.id);
    return ids;
  }

  // Walks every page of `size` and checks each block; returns the concatenated ids.
  static Ids walk(const Params& range, std::int64_t size, std::int64_t total) {
    LiveCaller caller(*server_, kGenApp, kGenSecret, kGenChannel);
    const std::int64_t pages = (total + size - 1) / size;
    Ids all;
    for (std::int64_t page = 1; page <= pages + 1; ++page) {
      Params params = range;
      params["page"] = std::to_string(page);
      params["pageSize"] = std::to_string(size);
      const auto response = caller.call(params);
      EXPECT_EQ(response.status, 200u) << response.body;
      const auto body = body_of(response);
      const auto& data = body.at("data").as_object();
      const std::int64_t offset = (page - 1) * size;
      const std::int64_t rows = std::max<std::int64_t>(0, std::min(size, total - offset));
      SCOPED_TRACE(::testing::Message() << "size " << size << " page " << page);
      EXPECT_EQ(data.at("pageSize").as_int64(), size);
      EXPECT_EQ(data.at("pageNumber").as_int64(), page);
      EXPECT_EQ(data.at("totalItems").as_int64(), total);
      EXPECT_EQ(data.at("totalPages").as_int64(), pages);
      EXPECT_EQ(data.at("limit").as_int64(), rows);
      EXPECT_EQ(data.at("offset").as_int64(), offset);
      EXPECT_EQ(data.at("startRow").as_int64(), rows == 0 ? 0 : offset + 1);
      EXPECT_EQ(data.at("endRow").as_int64(), rows == 0 ? 0 : offset + rows);
      EXPECT_EQ(data.at("firstPage").as_bool(), page == 1);
      EXPECT_EQ(data.at("lastPage").as_bool(), page >= pages);
      EXPECT_EQ(data.at("prePageNumber").as_int64(), std::max<std::int64_t>(1, page - 1));
      EXPECT_EQ(data.at("nextPageNumber").as_int64(),
                std::max<std::int64_t>(1, std::min(pages, page + 1)));
      const auto& contents = data.at("contents").as_array();
      EXPECT_EQ(static_cast<std::int64_t>(contents.size()), rows);
      for (const auto& session : contents) {
        EXPECT_EQ(session.at("channelId").as_int64(), 3000001);
        EXPECT_EQ(session.at("userId").as_string(), "gen0000001");
        all.emplace_back(session.at("sessionId").as_string());
      }
    }
    return all;
  }

  static std::vector<GenSession>* sessions_;
  static TestServer* server_;
};

std::vector<GenSession>* PolyvLiveGenerated::sessions_ = nullptr;
TestServer* PolyvLiveGenerated::server_ = nullptr;

TEST_F(PolyvLiveGenerated, EveryPageSizeWalksEveryRowOnceInOrder) {
  // The default window (now - 60 days .. now) holds every generated session.
  const Ids all = expected(kGenBase - kSixtyDays, kGenBase + kSixtyDays);
  ASSERT_EQ(all.size(), 237u);
  for (const std::int64_t size : {1, 7, 20, 1000}) {
    EXPECT_EQ(walk({}, size, 237), all) << "size " << size;
  }
}

TEST_F(PolyvLiveGenerated, ASubRangeFiltersAndStillPagesCorrectly) {
  // 2022-04-25 00:00:00 .. 2022-05-10 12:00:00 at UTC+8.
  const core::EpochMs from = 1'650'816'000'000;
  const core::EpochMs to = 1'652'155'200'000;
  const Ids want = expected(from, to);
  ASSERT_GT(want.size(), 20u);
  ASSERT_LT(want.size(), 237u);
  const Params range{{"startDate", "2022-04-25"}, {"endDate", "2022-05-10 12:00:00"}};
  for (const std::int64_t size : {1, 7, 20, 1000}) {
    EXPECT_EQ(walk(range, size, static_cast<std::int64_t>(want.size())), want) << size;
  }
}

TEST_F(PolyvLiveGenerated, ChannelsOfTheSameAndOfAnotherAccount) {
  LiveCaller second(*server_, kGenApp, kGenSecret, "3000002");
  const auto response = second.call();
  EXPECT_EQ(ids_of(response), (Ids{"other-channel"}));
  LiveCaller foreign(*server_, kGenApp, kGenSecret, "3000003");
  expect_error(foreign.call(), 500, "access forbidden", "fail");
  // The other account sees its own (empty) channel, not this one.
  LiveCaller owner(*server_, "genlive002", "ffffffffffffffffffffffffffffffff", "3000003");
  EXPECT_EQ(owner.call().status, 200u);
  LiveCaller intruder(*server_, "genlive002", "ffffffffffffffffffffffffffffffff", kGenChannel);
  expect_error(intruder.call(), 500, "access forbidden", "fail");
  // And the sample account cannot read the generated one's channel.
  LiveCaller sample(*server_, kAppId, kSecret, kGenChannel);
  expect_error(sample.call(), 500, "access forbidden", "fail");
}

}  // namespace
}  // namespace mediagate::testing
