// Pumpkin offline media sync over a real socket: seed 000 + vendor-spec §1 + decisions.md.
// Signatures come from tests/support/vendor_rules (the demo's rule, independent of src/auth).
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_file.hpp"
#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"
#include "vendors/pumpkin/pumpkin_settings.hpp"

namespace mediagate::testing {
namespace {

constexpr const char* kPath = "/media/offline_sync";
constexpr const char* kPid = "TEST_PID";
constexpr const char* kSecret = "TEST_ACCESS_SECRET";
constexpr const char* kDemoTimestamp = "1557417600000";  // 2019-05-10 00:00:00 UTC+8
constexpr core::EpochMs kDemoMs = 1'557'417'600'000;
constexpr std::int64_t kHourMs = 3'600'000;
constexpr const char* kNowText = "1700000000000";
constexpr const char* kNowDate = "2023-11-15 06:13:20";  // kTestNow at UTC+8

constexpr const char* kParamError = "参数错误";
constexpr const char* kPidError = "pid错误或无此接口调用权限";
constexpr const char* kSignError = "sign不正确";
constexpr const char* kGenerateFailed = "生成失败,请稍后重试.";

// "yyyy-MM-dd HH:mm:ss" at UTC+8, written here without src/core.
std::string shanghai(core::EpochMs ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> at{milliseconds{ms + 8 * kHourMs}};
  const auto day = floor<days>(at);
  const year_month_day ymd{day};
  const hh_mm_ss hms{floor<seconds>(at - day)};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u %02d:%02d:%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return text;
}

// Extra data for the window and ordering tests, loaded after fixtures/sample.json.
constexpr const char* kExtraFixture = R"({"pumpkin":{
  "partners":[
    {"pid":"SECOND_PID","accessSecret":"second-secret","actions":["/media/offline_sync"]},
    {"pid":"SYNC_ONLY_PID","accessSecret":"sync-secret","actions":["/media/sync","/movie/sync"]}
  ],
  "media":[
    {"movie_id":20003,"movie_name":"窗口前一秒","delete_time":"2019-05-09 11:59:59"},
    {"movie_id":20001,"movie_name":"窗口起点","delete_time":"2019-05-09 12:00:00"},
    {"movie_id":30003,"movie_name":"同时c","delete_time":"2019-05-09 15:00:00"},
    {"movie_id":30001,"movie_name":"同时a","delete_time":"2019-05-09 15:00:00"},
    {"movie_id":30002,"movie_name":"引号\"与\\反斜杠","delete_time":"2019-05-09 15:00:00"},
    {"movie_id":20004,"movie_name":"窗口终点前一秒","delete_time":"2019-05-09 23:59:59"},
    {"movie_id":20002,"movie_name":"窗口终点","delete_time":"2019-05-10 00:00:00"},
    {"movie_id":29999,"movie_name":"在线","delete_time":null}
  ]}})";

class Pumpkin : public ::testing::Test {
 protected:
  Pumpkin() = default;
  explicit Pumpkin(std::vector<std::string> fixtures, TestServer::Tweak tweak = {})
      : server_(std::move(tweak), std::move(fixtures)) {}

  std::string next_nonce() { return "nonce" + std::to_string(++nonce_counter_); }

  // The demo's parameters before signing (a fresh nonce each time), without action.
  Params demo(const std::string& timestamp = kDemoTimestamp) {
    return {{"pid", kPid},
            {"timestamp", timestamp},
            {"signature_nonce", next_nonce()},
            {"format", "JSON"},
            {"version", "v1"}};
  }
  // The demo client: adds action, signs every parameter it sends, sends them with the sign.
  static Params signed_request(Params params, const std::string& secret = kSecret) {
    params.emplace("action", kPath);
    params["sign"] = pumpkin_sign("GET", params, secret);
    return params;
  }
  client::ClientResponse send(const Params& wire) {
    return server_.get(std::string(kPath) + "?" + form_query(wire));
  }
  client::ClientResponse send_raw(const std::string& query) {
    return server_.get(std::string(kPath) + "?" + query);
  }
  client::ClientResponse call(Params params, const std::string& secret = kSecret) {
    return send(signed_request(std::move(params), secret));
  }

  std::string expected_error(std::int64_t code, const std::string& message) {
    const auto now = server_.clock().now_ms();
    return R"({"message":")" + message + R"(","content":{},"status_code":)" + std::to_string(code) +
           R"(,"timestamp":")" + std::to_string(now) + R"(","date":")" + shanghai(now) + R"("})";
  }
  void expect_error(const client::ClientResponse& response, std::int64_t code,
                    const std::string& message) {
    EXPECT_EQ(response.status, 200u);  // every vendor error is HTTP 200
    EXPECT_EQ(response.header("content-type"), "application/json;charset=UTF-8");
    EXPECT_EQ(response.body, expected_error(code, message));
  }
  void expect_param_error(const client::ClientResponse& response) {
    expect_error(response, 17007, kParamError);
  }

  // movie_ids of a success answer, checking the envelope around them.
  static std::vector<std::string> movie_ids(const client::ClientResponse& response) {
    EXPECT_EQ(response.status, 200u);
    const auto parsed = boost::json::parse(response.body);
    const auto& root = parsed.as_object();
    EXPECT_EQ(root.at("status_code").as_int64(), 200) << response.body;
    std::vector<std::string> ids;
    if (root.at("status_code").as_int64() != 200) return ids;
    const auto& content = root.at("content").as_object();
    const auto& list = content.at("mediaList").as_array();
    for (const auto& item : list) ids.emplace_back(item.at("movie_id").as_string());
    EXPECT_EQ(content.at("total_movie_number").as_int64(), static_cast<std::int64_t>(ids.size()));
    return ids;
  }
  static void expect_ok(const client::ClientResponse& response) {
    EXPECT_EQ(response.status, 200u);
    EXPECT_NE(response.body.find(R"("status_code":200,)"), std::string::npos) << response.body;
  }

  TestServer server_;
  int nonce_counter_ = 0;
};

using Ids = std::vector<std::string>;

// --- success -------------------------------------------------------------------------------

TEST_F(Pumpkin, DemoRequestGetsTheExactBody) {
  // vendor-spec §1.4 P1, byte for byte as the demo sends it.
  const Params p1{{"pid", kPid},
                  {"timestamp", kDemoTimestamp},
                  {"signature_nonce", "AbCdE12345"},
                  {"format", "JSON"},
                  {"version", "v1"},
                  {"action", kPath}};
  ASSERT_EQ(pumpkin_sign("GET", p1, kSecret), "ABPS3k08dBuOKgcX/lGocoPOXeA=");
  const auto response = send_raw(
      "pid=TEST_PID&timestamp=1557417600000&signature_nonce=AbCdE12345&format=JSON&version=v1&"
      "action=%2Fmedia%2Foffline_sync&sign=ABPS3k08dBuOKgcX%2FlGocoPOXeA%3D");
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.header("content-type"), "application/json;charset=UTF-8");
  EXPECT_EQ(
      response.body,
      R"({"message":"获取成功","content":{"mediaList":[{"movie_name":"测试w","movie_id":"11332","delete_time":"2019-05-09 19:18:33"}],)"
      R"("total_movie_number":1,"data_generate_timestamp":"1700000000000","data_generate_time":"2023-11-15 06:13:20"},)"
      R"("status_code":200,"timestamp":"1700000000000","date":"2023-11-15 06:13:20"})");
}

TEST_F(Pumpkin, GenerationTimeAndEnvelopeTimeFollowTheServerClock) {
  server_.clock().set(1'557'816'111'972);  // the seed's envelope timestamp
  const auto response = call(demo());
  const auto parsed = boost::json::parse(response.body);
  const auto& root = parsed.as_object();
  const auto& content = root.at("content").as_object();
  EXPECT_EQ(content.at("data_generate_timestamp").as_string(), "1557816111972");
  EXPECT_EQ(content.at("data_generate_time").as_string(), "2019-05-14 14:41:51");
  EXPECT_EQ(root.at("timestamp").as_string(), "1557816111972");
  EXPECT_EQ(root.at("date").as_string(), "2019-05-14 14:41:51");
  EXPECT_EQ(movie_ids(response), (Ids{"11332"}));
}

TEST_F(Pumpkin, ServerAddsActionWhenTheWireLacksIt) {
  Params wire = demo();
  Params signed_set = wire;
  signed_set["action"] = kPath;
  wire["sign"] = pumpkin_sign("GET", signed_set, kSecret);
  EXPECT_EQ(movie_ids(send(wire)), (Ids{"11332"}));
}

TEST_F(Pumpkin, ActionIsAlwaysThePathWhateverTheClientSends) {
  // Signed over the path, sent with another action: the wire value is ignored.
  Params wire = signed_request(demo());
  wire["action"] = "/pay/redeem_code";
  EXPECT_EQ(movie_ids(send(wire)), (Ids{"11332"}));
  // Signed over another action: refused, whatever is sent.
  Params other = demo();
  other["action"] = "/pay/redeem_code";
  other["sign"] = pumpkin_sign("GET", other, kSecret);
  expect_error(send(other), 17006, kSignError);
  // Signed without action at all: refused.
  Params bare = demo();
  bare["sign"] = pumpkin_sign("GET", bare, kSecret);
  expect_error(send(bare), 17006, kSignError);
}

TEST_F(Pumpkin, ExtraUnsignedParametersAreIgnored) {
  Params wire = signed_request(demo());
  wire["mode"] = "full";
  wire["callback"] = "f";
  wire["zzz"] = "";
  EXPECT_EQ(movie_ids(send(wire)), (Ids{"11332"}));
}

TEST_F(Pumpkin, FormatAndVersionDefaultWhenAbsent) {
  Params no_format = demo();
  no_format.erase("format");
  EXPECT_EQ(movie_ids(call(no_format)), (Ids{"11332"}));
  Params no_version = demo();
  no_version.erase("version");
  EXPECT_EQ(movie_ids(call(no_version)), (Ids{"11332"}));
  Params neither = demo();
  neither.erase("format");
  neither.erase("version");
  EXPECT_EQ(movie_ids(call(neither)), (Ids{"11332"}));
  // Absent means absent from the signed set too: signing a defaulted value is refused.
  Params wire = demo();
  wire.erase("format");
  Params signed_with_default = wire;
  signed_with_default["format"] = "JSON";
  signed_with_default["action"] = kPath;
  wire["sign"] = pumpkin_sign("GET", signed_with_default, kSecret);
  expect_error(send(wire), 17006, kSignError);
}

TEST_F(Pumpkin, ParametersInAnyOrderAndEncoding) {
  const std::string nonce = next_nonce();
  Params params{{"pid", kPid},
                {"timestamp", kDemoTimestamp},
                {"signature_nonce", nonce},
                {"format", "JSON"},
                {"version", "v1"},
                {"action", kPath}};
  const std::string sign = pumpkin_sign("GET", params, kSecret);
  std::string encoded_sign;
  for (const char c : sign) {
    if (c == '+')
      encoded_sign += "%2B";
    else if (c == '/')
      encoded_sign += "%2f";  // lowercase hex escape
    else if (c == '=')
      encoded_sign += "%3D";
    else
      encoded_sign += c;
  }
  EXPECT_EQ(movie_ids(send_raw("sign=" + encoded_sign + "&version=v1&action=/media/offline_sync&" +
                               "%66ormat=JSON&signature_nonce=" + nonce +
                               "&timestamp=1557417600000&pid=TEST_PID")),
            (Ids{"11332"}));
}

// --- the time window -----------------------------------------------------------------------

TEST_F(Pumpkin, StaleTimestampsAreAccepted) {
  EXPECT_EQ(movie_ids(call(demo("1"))), Ids{});
  EXPECT_EQ(movie_ids(call(demo("0"))), Ids{});
  EXPECT_EQ(movie_ids(call(demo("0001557417600000"))), (Ids{"11332"}));
}

TEST_F(Pumpkin, FutureToleranceEdgeIsInclusive) {
  const auto now = server_.clock().now_ms();
  expect_ok(call(demo(std::to_string(now))));
  expect_ok(call(demo(std::to_string(now + 180'000))));
  expect_param_error(call(demo(std::to_string(now + 180'001))));
  expect_param_error(call(demo("9223372036854775807")));
  server_.clock().advance(1);
  expect_ok(call(demo(std::to_string(now + 180'001))));
}

TEST_F(Pumpkin, EmptyWindowGivesAnEmptyListAndZeroTotal) {
  const std::string midnight = std::to_string(kDemoMs - 24 * kHourMs);  // 2019-05-09 00:00:00
  const auto response = call(demo(midnight));
  EXPECT_EQ(
      response.body,
      R"({"message":"获取成功","content":{"mediaList":[],"total_movie_number":0,)"
      R"("data_generate_timestamp":"1700000000000","data_generate_time":"2023-11-15 06:13:20"},)"
      R"("status_code":200,"timestamp":"1700000000000","date":"2023-11-15 06:13:20"})");
  // 11334 (2019-05-08 08:00:00) is in the window ending 2019-05-08 12:00:00.
  EXPECT_EQ(movie_ids(call(demo(std::to_string(kDemoMs - 36 * kHourMs)))), (Ids{"11334"}));
}

TEST(PumpkinWindowSetting, OnlineMediaAreNeverListed) {
  TestServer server([](core::Config& config) {
    config.modules.get<vendors::pumpkin::PumpkinSettings>().window_ms = 20LL * 365 * 24 * kHourMs;
  });
  Params params{
      {"pid", kPid}, {"timestamp", kNowText}, {"signature_nonce", "wide"}, {"action", kPath}};
  params["sign"] = pumpkin_sign("GET", params, kSecret);
  const auto response = server.get(std::string(kPath) + "?" + form_query(params));
  const auto parsed = boost::json::parse(response.body);
  const auto& list = parsed.at("content").at("mediaList").as_array();
  ASSERT_EQ(list.size(), 2u) << response.body;
  EXPECT_EQ(list[0].at("movie_id").as_string(), "11334");
  EXPECT_EQ(list[1].at("movie_id").as_string(), "11332");
  EXPECT_EQ(response.body.find("11333"), std::string::npos);
}

class PumpkinExtra : public Pumpkin {
 protected:
  PumpkinExtra() : Pumpkin({source_path("fixtures/sample.json"), extra_.path()}) {}
  static inline TempFile extra_{"pumpkin-extra-fixture.json", kExtraFixture};
};

TEST_F(PumpkinExtra, WindowStartIsIncludedAndEndExcluded) {
  // [2019-05-09 12:00:00, 2019-05-10 00:00:00): 20003 (11:59:59) and 20002 (00:00:00) are out.
  EXPECT_EQ(movie_ids(call(demo())), (Ids{"20001", "30001", "30002", "30003", "11332", "20004"}));
  // One millisecond later both edges move: 20001 leaves, 20002 enters.
  EXPECT_EQ(movie_ids(call(demo(std::to_string(kDemoMs + 1)))),
            (Ids{"30001", "30002", "30003", "11332", "20004", "20002"}));
  // One millisecond earlier: 20003 is still out (11:59:59.000 < 11:59:59.999).
  EXPECT_EQ(movie_ids(call(demo(std::to_string(kDemoMs - 1)))),
            (Ids{"20001", "30001", "30002", "30003", "11332", "20004"}));
}

TEST_F(PumpkinExtra, OrderedByDeleteTimeThenMovieIdWithEscapedNames) {
  const auto response = call(demo());
  EXPECT_NE(
      response.body.find(
          R"({"movie_name":"同时a","movie_id":"30001","delete_time":"2019-05-09 15:00:00"},)"
          R"({"movie_name":"引号\"与\\反斜杠","movie_id":"30002","delete_time":"2019-05-09 15:00:00"},)"
          R"({"movie_name":"同时c","movie_id":"30003","delete_time":"2019-05-09 15:00:00"})"),
      std::string::npos)
      << response.body;
  EXPECT_NE(response.body.find(R"("total_movie_number":6,)"), std::string::npos);
}

// --- replay ------------------------------------------------------------------------------

TEST_F(Pumpkin, NonceReplayRefusedWithinTheHorizonAndAcceptedAfter) {
  const Params request = signed_request(demo());
  EXPECT_EQ(movie_ids(send(request)), (Ids{"11332"}));
  expect_param_error(send(request));
  server_.clock().advance(15 * 60 * 1000);  // exactly the horizon: still refused
  expect_param_error(send(request));
  server_.clock().advance(1);
  EXPECT_EQ(movie_ids(send(request)), (Ids{"11332"}));
  expect_param_error(send(request));  // and recorded again
}

TEST_F(Pumpkin, NonceIsRecordedOnlyOnceTheSignatureIsVerified) {
  Params params = demo();
  Params bad_sign = signed_request(params, "not-the-secret");
  expect_error(send(bad_sign), 17006, kSignError);
  Params unknown_pid = params;
  unknown_pid["pid"] = "NOBODY";
  expect_error(call(unknown_pid), 17007, kPidError);
  Params wrong_format = params;
  wrong_format["format"] = "XML";
  expect_param_error(call(wrong_format));
  // The same nonce, now with a good signature: first use.
  EXPECT_EQ(movie_ids(call(params)), (Ids{"11332"}));
  // A bad signature with a used nonce is a signature error: the signature is checked first.
  expect_error(send(signed_request(params, "not-the-secret")), 17006, kSignError);
}

TEST_F(PumpkinExtra, NoncesArePerPid) {
  Params first = demo();
  first["signature_nonce"] = "shared-nonce";
  Params second = first;
  second["pid"] = "SECOND_PID";
  EXPECT_EQ(movie_ids(call(first)).size(), 6u);
  EXPECT_EQ(movie_ids(call(second, "second-secret")).size(), 6u);
  expect_param_error(call(first));
  expect_param_error(call(second, "second-secret"));
}

// --- errors and their order ----------------------------------------------------------------

TEST_F(Pumpkin, EachMissingOrEmptyRequiredParameter) {
  for (const char* name : {"pid", "timestamp", "signature_nonce", "sign"}) {
    Params missing = signed_request(demo());
    missing.erase(name);
    expect_param_error(send(missing));
    Params empty = signed_request(demo());
    empty[name] = "";
    expect_param_error(send(empty));
  }
  expect_param_error(send_raw(""));
  expect_param_error(server_.get(kPath));
}

TEST_F(Pumpkin, MalformedTimestamp) {
  for (const char* timestamp :
       {"abc", "-1", "+1557417600000", "1557417600000.0", "1.5e12", " 1557417600000",
        "1557417600000 ", "0x1F", "99999999999999999999", "١٥٥٧٤١٧٦٠٠٠٠٠"}) {
    expect_param_error(call(demo(timestamp)));
  }
}

TEST_F(Pumpkin, OnlyJsonFormatAndVersionV1) {
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, std::string>>{{"format", "XML"},
                                                        {"format", "json"},
                                                        {"format", ""},
                                                        {"format", "JSON "},
                                                        {"version", "v2"},
                                                        {"version", "V1"},
                                                        {"version", ""},
                                                        {"version", "1"}}) {
    Params params = demo();
    params[name] = value;
    expect_param_error(call(params));
  }
}

TEST_F(PumpkinExtra, PidUnknownOrNotAllowed) {
  Params no_media = demo();
  no_media["pid"] = "NO_MEDIA_PID";
  expect_error(call(no_media, "other-secret"), 17007, kPidError);
  Params sync_only = demo();
  sync_only["pid"] = "SYNC_ONLY_PID";
  expect_error(call(sync_only, "sync-secret"), 17007, kPidError);
  Params unknown = demo();
  unknown["pid"] = "NOBODY";
  expect_error(call(unknown), 17007, kPidError);
  Params lower = demo();
  lower["pid"] = "test_pid";  // pids are case-sensitive
  expect_error(call(lower), 17007, kPidError);
}

TEST_F(Pumpkin, BadSignatures) {
  const Params good = signed_request(demo());
  const std::string sign = good.at("sign");
  // the wrong secret, the right digest for POST, the right digest in another case
  expect_error(send(signed_request(demo(), "TEST_ACCESS_SECRET2")), 17006, kSignError);
  Params post = demo();
  post["action"] = kPath;
  post["sign"] = pumpkin_sign("POST", post, kSecret);
  expect_error(send(post), 17006, kSignError);
  for (const bool upper : {true, false}) {
    Params recased = good;
    for (auto& c : recased["sign"]) {
      c = static_cast<char>(upper ? std::toupper(static_cast<unsigned char>(c))
                                  : std::tolower(static_cast<unsigned char>(c)));
    }
    ASSERT_NE(recased["sign"], sign);
    expect_error(send(recased), 17006, kSignError);
  }
  // truncated, without padding, with a trailing character, garbage
  for (const std::string& altered :
       {sign.substr(0, sign.size() - 1), sign.substr(0, 27) + "A", sign + "=", sign + " ",
        std::string("x"), std::string(28, 'A')}) {
    Params wrong = good;
    wrong["sign"] = altered;
    expect_error(send(wrong), 17006, kSignError);
  }
  // Everything in the signed set matters (another pid is a pid error, tested elsewhere).
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"timestamp", "1557417600001"}, {"signature_nonce", "other-nonce"}}) {
    Params changed = good;
    changed[name] = value;
    expect_error(send(changed), 17006, kSignError);
  }
  for (const char* name : {"format", "version"}) {
    Params dropped = good;
    dropped.erase(name);
    expect_error(send(dropped), 17006, kSignError);
  }
  // The untouched request still works (none of the above consumed its nonce).
  EXPECT_EQ(movie_ids(send(good)), (Ids{"11332"}));
}

TEST_F(Pumpkin, SignWhosePlusArrivedAsASpaceIsAccepted) {
  // Decision: a client that forgets to form-encode the sign sends '+' raw, which decodes to a
  // space; the server reads it back as '+' (vendor-spec §1.3 item 7).
  Params request;
  for (int i = 0; i < 1000; ++i) {
    request = signed_request(demo());
    if (request.at("sign").find('+') != std::string::npos) break;
  }
  const std::string sign = request.at("sign");
  ASSERT_NE(sign.find('+'), std::string::npos);
  std::string query;
  for (const auto& [name, value] : request) {
    if (name == "sign") continue;
    query += form_query({{name, value}}) + "&";
  }
  EXPECT_EQ(movie_ids(send_raw(query + "sign=" + sign)), (Ids{"11332"}));  // raw '+', '/', '='
  // A space where the real sign has no '+' is still a wrong sign.
  Params no_plus;
  for (int i = 0; i < 1000; ++i) {
    no_plus = signed_request(demo());
    if (no_plus.at("sign").find('+') == std::string::npos) break;
  }
  no_plus["sign"][3] = ' ';
  expect_error(send(no_plus), 17006, kSignError);
}

TEST_F(Pumpkin, ChecksRunInTheDecidedOrder) {
  // parameter error beats an unknown pid and a bad signature
  Params unknown_future = demo(std::to_string(server_.clock().now_ms() + 999'999));
  unknown_future["pid"] = "NOBODY";
  unknown_future["action"] = kPath;
  unknown_future["sign"] = "garbage";
  expect_param_error(send(unknown_future));
  Params unknown_xml = demo();
  unknown_xml["pid"] = "NOBODY";
  unknown_xml["format"] = "XML";
  expect_param_error(call(unknown_xml));
  // pid error beats a bad signature
  Params unknown_bad_sign = demo();
  unknown_bad_sign["pid"] = "NO_MEDIA_PID";
  unknown_bad_sign["action"] = kPath;
  unknown_bad_sign["sign"] = "garbage";
  expect_error(send(unknown_bad_sign), 17007, kPidError);
  // signature error beats a replayed nonce
  const Params good = signed_request(demo());
  expect_ok(send(good));
  Params replay_bad_sign = good;
  replay_bad_sign["sign"] = "garbage";
  expect_error(send(replay_bad_sign), 17006, kSignError);
  expect_param_error(send(good));
}

TEST_F(Pumpkin, NonceWithUtf8AndReservedCharacters) {
  // vendor-spec §1.4 P2.
  Params p2{
      {"pid", kPid},      {"timestamp", kNowText}, {"signature_nonce", "n o*n~ce/\xE4\xB8\xAD"},
      {"format", "JSON"}, {"version", "v1"},       {"action", kPath}};
  ASSERT_EQ(pumpkin_sign("GET", p2, kSecret), "GbfAwQaupT6zVhb5ZJxJJKQgW14=");
  p2["sign"] = "GbfAwQaupT6zVhb5ZJxJJKQgW14=";
  const auto response = send(p2);  // form encoding: space as '+'
  EXPECT_EQ(movie_ids(response), Ids{});
  EXPECT_EQ(
      response.body,
      R"({"message":"获取成功","content":{"mediaList":[],"total_movie_number":0,)"
      R"("data_generate_timestamp":"1700000000000","data_generate_time":"2023-11-15 06:13:20"},)"
      R"("status_code":200,"timestamp":"1700000000000","date":"2023-11-15 06:13:20"})");
  // The same nonce with RFC 3986 escapes decodes to the same nonce: a replay.
  expect_param_error(
      send_raw("pid=TEST_PID&timestamp=1700000000000&signature_nonce=n%20o%2An%7Ece%2F%E4%B8%AD&"
               "format=JSON&version=v1&sign=GbfAwQaupT6zVhb5ZJxJJKQgW14%3D"));
}

TEST_F(Pumpkin, MalformedQueriesAreParameterErrors) {
  const Params good = signed_request(demo());
  const std::string query = form_query(good);
  expect_param_error(send_raw(query + "&mode=%ZZ"));
  expect_param_error(send_raw(query + "&mode=%"));
  expect_param_error(send_raw(query + "&mode=%4"));
  expect_param_error(send_raw(query + "&mode=%FF%FE"));          // invalid UTF-8
  expect_param_error(send_raw(query + "&mode=%C0%AF"));          // overlong
  expect_param_error(send_raw(query + "&%ED%A0%80=1"));          // a surrogate in a name
  expect_param_error(send_raw(query + "&pid=TEST_PID"));         // duplicate, same value
  expect_param_error(send_raw(query + "&mode=full&mode=full"));  // duplicate unsigned name
  expect_param_error(send_raw(query + "&sign=" + form_query({{"s", good.at("sign")}}).substr(2)));
  // None of them consumed the nonce.
  EXPECT_EQ(movie_ids(send_raw(query)), (Ids{"11332"}));
}

TEST_F(Pumpkin, TransportAnswersAndRouting) {
  const std::string huge(100 * 1024, 'a');
  const auto long_line = server_.client().request("GET", std::string(kPath) + "?mode=" + huge);
  ASSERT_TRUE(long_line);
  EXPECT_EQ(long_line->status, 414u);
  const std::string target = std::string(kPath) + "?" + form_query(signed_request(demo()));
  const auto post = server_.client().request("POST", target, "", "");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405u);
  EXPECT_EQ(post->header("allow"), "GET, HEAD");
  const auto form_post = server_.client().request("POST", kPath, form_query(signed_request(demo())),
                                                  "application/x-www-form-urlencoded");
  ASSERT_TRUE(form_post);
  EXPECT_EQ(form_post->status, 405u);
  EXPECT_EQ(server_.get("/media/offline_sync/extra").status, 404u);
  EXPECT_EQ(server_.get("/movie/change_list").status, 404u);  // undocumented, not served
  // The GET itself still works (the refused POST did not consume its nonce).
  EXPECT_EQ(movie_ids(server_.get(target)), (Ids{"11332"}));
}

// --- store failure and logs -----------------------------------------------------------------

TEST(PumpkinStoreFailure, AnswersGenerateFailedAndLogsTheDetailButNoSecret) {
  const std::string server_log = temp_path("pumpkin-server-log");
  const std::string access_log = temp_path("pumpkin-access-log");
  {
    TestServer server([&](core::Config& config) {
      config.server_log = server_log;
      config.access_log = access_log;
    });
    Params params{{"pid", kPid},
                  {"timestamp", kDemoTimestamp},
                  {"signature_nonce", "before"},
                  {"format", "JSON"},
                  {"version", "v1"},
                  {"action", kPath}};
    params["sign"] = pumpkin_sign("GET", params, kSecret);
    const auto ok = server.get(std::string(kPath) + "?" + form_query(params));
    EXPECT_NE(ok.body.find(R"("movie_id":"11332")"), std::string::npos) << ok.body;

    server.drop_store_table("pumpkin_media");

    params.erase("sign");
    params["signature_nonce"] = "after";
    params["sign"] = pumpkin_sign("GET", params, kSecret);
    const auto failed = server.get(std::string(kPath) + "?" + form_query(params));
    EXPECT_EQ(failed.status, 200u);
    EXPECT_EQ(failed.body, std::string(R"({"message":")") + kGenerateFailed +
                               R"(","content":{},"status_code":17999,"timestamp":")" + kNowText +
                               R"(","date":")" + kNowDate + R"("})");

    const std::string log = read_file_text(server_log);
    EXPECT_NE(log.find("store failure"), std::string::npos) << log;
    EXPECT_NE(log.find("pumpkin_media"), std::string::npos) << log;
    EXPECT_NE(log.find(kPid), std::string::npos) << log;
    EXPECT_EQ(log.find(kSecret), std::string::npos) << log;
    EXPECT_EQ(log.find(params.at("sign")), std::string::npos) << log;

    // The access log names the vendor and the pid, never the query.
    std::string access;  // written once the response is sent: wait for both lines
    for (int i = 0; i < 500 && std::count(access.begin(), access.end(), '\n') < 2; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      access = read_file_text(access_log);
    }
    EXPECT_NE(access.find(R"("vendor":"pumpkin")"), std::string::npos) << access;
    EXPECT_NE(access.find(R"("partner":"TEST_PID")"), std::string::npos) << access;
    EXPECT_EQ(access.find("signature_nonce"), std::string::npos) << access;
    EXPECT_EQ(access.find(params.at("sign")), std::string::npos) << access;
  }
  std::error_code ignored;
  std::filesystem::remove(server_log, ignored);
  std::filesystem::remove(access_log, ignored);
}

}  // namespace
}  // namespace mediagate::testing
