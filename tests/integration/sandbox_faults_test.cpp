// Sandbox fault injection over real sockets: per endpoint latency (asynchronous: other
// connections are served meanwhile), failure rate (0, 1, and a seeded sequence reproduced
// here), each vendor's own internal error and operator-given vendor errors in the vendor's
// envelope, connection resets, and the list/get/clear operations of the admin API.
#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <future>
#include <random>
#include <string>
#include <vector>

#include "core/civil_time.hpp"
#include "endpoint/fault_injection.hpp"
#include "support/admin_client.hpp"
#include "support/sandbox_support.hpp"
#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"

namespace mediagate::testing {
namespace {

using Clock = std::chrono::steady_clock;

class SandboxFaults : public ::testing::Test {
 protected:
  std::string vod_target() {
    Params params{{"ptime", std::to_string(server_.clock().now_ms())}};
    params["sign"] = polyv_vod_sign(params, "tIQp4ATe9Z");
    return "/v2/video/b0f7041324/get-by-uploader?" + form_query(params);
  }
  std::string live_target() {
    Params params{{"appId", "frlr1zazn3"},
                  {"channelId", "2272655"},
                  {"timestamp", std::to_string(server_.clock().now_ms())}};
    params["sign"] = polyv_live_sign(params, "fsq2k5weced1h8vui657xtdva66whf0g");
    return "/live/v3/channel/session/data/list?" + form_query(params);
  }
  std::string group_target() {
    Params params{{"appId", "ga1ayl6dh2"},
                  {"timestamp", std::to_string(server_.clock().now_ms())},
                  {"emails", "testdata@polyv.com"}};
    params["sign"] = polyv_live_sign(params, "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d");
    return "/v2/group/account/list-allocate-log?" + form_query(params);
  }
  std::string iqiyi_target() {
    Params params{{"messageId", "myapp_3f2504e0-4f89-11d3-9a0c-fault" + std::to_string(++counter_)},
                  {"version", "1.0"},
                  {"partnerCode", "T_Coupon_Pepsi"},
                  {"user_id", "test_user_001"}};
    params["sign"] = iqiyi_sign(params, "1234567890");
    return "/vod/coupon/getVodCount.action?" + form_query(params);
  }
  std::string pumpkin_target() {
    Params params{{"pid", "TEST_PID"},
                  {"timestamp", "1557417600000"},
                  {"signature_nonce", "fault-nonce-" + std::to_string(++counter_)},
                  {"action", "/media/offline_sync"}};
    params["sign"] = pumpkin_sign("GET", params, "TEST_ACCESS_SECRET");
    return "/media/offline_sync?" + form_query(params);
  }
  client::ClientResponse put_fault(const std::string& endpoint, const std::string& body) {
    return admin_.put("/sandbox/faults/" + endpoint, body);
  }
  std::string pumpkin_body(std::int64_t code, const std::string& message) {
    const auto now = server_.clock().now_ms();
    return R"({"message":")" + message + R"(","content":{},"status_code":)" + std::to_string(code) +
           R"(,"timestamp":")" + std::to_string(now) + R"(","date":")" +
           core::format_wall_time(now, 480) + R"("})";
  }

  int counter_ = 0;
  // One server thread: a delayed answer must not hold it.
  TestServer server_{sandbox_on([](core::Config& c) { c.threads = 1; }),
                     {source_path("fixtures/sample.json")},
                     kToken};
  AdminClient admin_{server_};
};

constexpr const char* kPolyvInternal =
    R"({"code":500,"status":"error","message":"query failed.","data":""})";

TEST_F(SandboxFaults, ListsEveryEndpointWithoutFaults) {
  const auto response = admin_.get("/sandbox/faults");
  ASSERT_EQ(response.status, 200u) << response.body;
  const auto body = parsed(response).as_object();
  EXPECT_EQ(body.at("max_latency_ms").as_int64(), server_.app().config().sandbox_max_latency_ms);
  std::vector<std::string> names;
  for (const auto& item : body.at("items").as_array()) {
    names.emplace_back(item.at("endpoint").as_string());
    EXPECT_TRUE(item.at("fault").is_null());
    EXPECT_FALSE(item.at("path").as_string().empty());
    EXPECT_FALSE(item.at("vendor_error_format").as_string().empty());
  }
  EXPECT_EQ(names,
            (std::vector<std::string>{
                "polyv-vod", "polyv-live", "polyv-group", "iqiyi-vod-count", "pumpkin-offline-sync",
                "polyv-live-info", "pumpkin-media-sync", "pumpkin-movie-sync",
                "iqiyi-use-vod-coupon", "iqiyi-query-vod-coupon", "iqiyi-vip-info"}));
  const auto one = admin_.get("/sandbox/faults/pumpkin-offline-sync");
  ASSERT_EQ(one.status, 200u);
  EXPECT_EQ(parsed(one).at("path").as_string(), "/media/offline_sync");
}

TEST_F(SandboxFaults, ErrorRateOneGivesEachVendorsInternalError) {
  for (const auto* name :
       {"polyv-vod", "polyv-live", "polyv-group", "iqiyi-vod-count", "pumpkin-offline-sync"}) {
    ASSERT_EQ(put_fault(name, R"({"error_rate":1})").status, 200u) << name;
  }
  for (const auto& target : {vod_target(), live_target(), group_target()}) {
    const auto response = server_.get(target);
    EXPECT_EQ(response.status, 500u);
    EXPECT_EQ(response.body, kPolyvInternal);
  }
  const auto iqiyi = server_.get(iqiyi_target());
  EXPECT_EQ(iqiyi.status, 200u);
  EXPECT_EQ(iqiyi.body, R"({"code":"Q00332","msg":"系统错误"})");
  const auto pumpkin = server_.get(pumpkin_target());
  EXPECT_EQ(pumpkin.status, 200u);
  EXPECT_EQ(pumpkin.body, pumpkin_body(17999, "生成失败,请稍后重试."));

  // Cleared one by one, then all at once.
  EXPECT_EQ(admin_.del("/sandbox/faults/polyv-vod").status, 204u);
  EXPECT_EQ(server_.get(vod_target()).status, 200u);
  EXPECT_EQ(server_.get(live_target()).status, 500u);
  EXPECT_EQ(admin_.del("/sandbox/faults").status, 204u);
  EXPECT_EQ(server_.get(live_target()).status, 200u);
  EXPECT_EQ(parsed(server_.get(iqiyi_target())).at("code").as_string(), "A00000");
  EXPECT_EQ(parsed(server_.get(pumpkin_target())).at("status_code").as_int64(), 200);
  const auto listing = parsed(admin_.get("/sandbox/faults"));
  for (const auto& item : listing.at("items").as_array()) {
    EXPECT_TRUE(item.at("fault").is_null());
  }
}

TEST_F(SandboxFaults, VendorErrorsInEachVendorsEnvelope) {
  ASSERT_EQ(
      put_fault("polyv-vod", R"({"vendor_error":{"code":403,"message":"no permission."}})").status,
      200u);
  auto vod = server_.get(vod_target());
  EXPECT_EQ(vod.status, 403u);
  EXPECT_EQ(vod.body, R"({"code":403,"status":"error","message":"no permission.","data":""})");

  ASSERT_EQ(
      put_fault("polyv-live", R"({"vendor_error":{"code":500,"message":"busy","status":"fail"}})")
          .status,
      200u);
  auto live = server_.get(live_target());
  EXPECT_EQ(live.status, 500u);
  EXPECT_EQ(live.body, R"({"code":500,"status":"fail","message":"busy","data":""})");

  ASSERT_EQ(
      put_fault("iqiyi-vod-count", R"({"vendor_error":{"code":"Q00304","msg":"账号校验失败"}})")
          .status,
      200u);
  auto iqiyi = server_.get(iqiyi_target());
  EXPECT_EQ(iqiyi.status, 200u);
  EXPECT_EQ(iqiyi.body, R"({"code":"Q00304","msg":"账号校验失败"})");

  ASSERT_EQ(put_fault("pumpkin-offline-sync",
                      R"({"vendor_error":{"status_code":17006,"message":"sign不正确"}})")
                .status,
            200u);
  auto pumpkin = server_.get(pumpkin_target());
  EXPECT_EQ(pumpkin.status, 200u);
  EXPECT_EQ(pumpkin.body, pumpkin_body(17006, "sign不正确"));

  // The fault is shown as set, with the rate it implies.
  const auto shown = parsed(admin_.get("/sandbox/faults/polyv-vod")).at("fault").as_object();
  EXPECT_EQ(shown.at("error_rate").to_number<double>(), 1.0);
  EXPECT_EQ(shown.at("vendor_error").at("code").as_int64(), 403);
  EXPECT_FALSE(shown.at("reset_connection").as_bool());
  // Other endpoints are untouched.
  EXPECT_EQ(server_.get(group_target()).status, 200u);
}

TEST_F(SandboxFaults, ErrorRateZeroNeverFails) {
  ASSERT_EQ(put_fault("polyv-vod", R"({"error_rate":0,"vendor_error":{"code":503,"message":"x"}})")
                .status,
            200u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(server_.get(vod_target()).status, 200u);
}

TEST_F(SandboxFaults, SeededErrorRateIsReproducible) {
  constexpr std::uint64_t kSeed = 20231114;
  constexpr int kRequests = 64;
  const std::string fault = R"({"error_rate":0.5,"seed":)" + std::to_string(kSeed) + "}";
  std::mt19937_64 engine(kSeed);
  std::vector<bool> expected;
  for (int i = 0; i < kRequests; ++i) expected.push_back(endpoint::draw_failure(engine, 0.5));
  const auto failures = std::count(expected.begin(), expected.end(), true);
  ASSERT_GT(failures, 10);  // the seed gives a real mix
  ASSERT_LT(failures, kRequests - 10);

  for (int round = 0; round < 2; ++round) {  // setting the fault again restarts the sequence
    const auto set = put_fault("polyv-vod", fault);
    ASSERT_EQ(set.status, 200u) << set.body;
    EXPECT_EQ(parsed(set).at("fault").at("seed").to_number<std::uint64_t>(), kSeed);
    EXPECT_NE(set.body.find(R"("error_rate":0.5,)"), std::string::npos) << set.body;
    std::vector<bool> observed;
    for (int i = 0; i < kRequests; ++i) observed.push_back(server_.get(vod_target()).status == 500);
    EXPECT_EQ(observed, expected) << "round " << round;
  }
}

TEST_F(SandboxFaults, LatencyDelaysTheAnswerWithoutHoldingTheServer) {
  constexpr int kLatencyMs = 600;
  ASSERT_EQ(put_fault("polyv-vod", R"({"latency_ms":)" + std::to_string(kLatencyMs) + "}").status,
            200u);
  const std::string target = vod_target();
  const auto port = server_.port();
  const auto started = Clock::now();
  auto delayed = std::async(std::launch::async, [port, target] {
    client::HttpClient slow("127.0.0.1", port);
    return slow.get(target);
  });
  // While that answer waits, the only server thread serves another connection at once.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto other_started = Clock::now();
  const auto other = server_.get(live_target());
  const auto other_took = Clock::now() - other_started;
  EXPECT_EQ(other.status, 200u);
  EXPECT_LT(other_took, std::chrono::milliseconds(kLatencyMs / 2));
  EXPECT_EQ(delayed.wait_for(std::chrono::seconds(0)), std::future_status::timeout);

  auto response = delayed.get();
  const auto took = Clock::now() - started;
  ASSERT_TRUE(response) << response.error();
  EXPECT_EQ(response->status, 200u);  // latency alone never fails
  EXPECT_GE(took, std::chrono::milliseconds(kLatencyMs));
}

TEST_F(SandboxFaults, ResetConnectionSendsNoAnswer) {
  ASSERT_EQ(put_fault("pumpkin-offline-sync", R"({"reset_connection":true})").status, 200u);
  const std::string request =
      "GET " + pumpkin_target() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n";
  const auto outcome = raw_exchange(server_.port(), request);
  EXPECT_TRUE(outcome.reset);
  EXPECT_FALSE(outcome.timed_out);
  EXPECT_TRUE(outcome.received.empty()) << outcome.received;

  // The same endpoint answers again once cleared; others were never affected.
  EXPECT_EQ(server_.get(vod_target()).status, 200u);
  EXPECT_EQ(admin_.del("/sandbox/faults/pumpkin-offline-sync").status, 204u);
  const auto after =
      raw_exchange(server_.port(), "GET " + pumpkin_target() +
                                       " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  EXPECT_FALSE(after.reset);
  EXPECT_EQ(after.received.rfind("HTTP/1.1 200", 0), 0u) << after.received;
}

// RFC 9110 §9.3.2 through the fault injection: a HEAD is a GET whose answer loses its body,
// faults included. The head of a fault's answer announces the GET's length and sends no byte of
// it, so the next answer on the same connection is read where it starts.
std::size_t head_content_length(const std::string& head) {
  std::string lower;
  for (const char c : head) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto at = lower.find("\r\ncontent-length: ");
  if (at == std::string::npos) return std::string::npos;
  return std::stoul(lower.substr(at + 18));
}

TEST_F(SandboxFaults, HeadThroughAVendorErrorSendsTheHeadAlone) {
  ASSERT_EQ(
      put_fault("polyv-vod", R"({"vendor_error":{"code":403,"message":"no permission."}})").status,
      200u);
  const auto get = server_.get(vod_target());
  ASSERT_EQ(get.status, 403u);
  const std::string request = "HEAD " + vod_target() +
                              " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                              "GET " +
                              group_target() +
                              " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  const auto outcome = raw_exchange(server_.port(), request);
  ASSERT_FALSE(outcome.reset);
  const auto end_of_head = outcome.received.find("\r\n\r\n");
  ASSERT_NE(end_of_head, std::string::npos) << outcome.received;
  const std::string head = outcome.received.substr(0, end_of_head + 4);
  EXPECT_EQ(head.rfind("HTTP/1.1 403", 0), 0u) << head;
  EXPECT_EQ(head_content_length(head), get.body.size()) << head;
  // The very next byte is the second answer's status line: no body was sent for the HEAD.
  const std::string rest = outcome.received.substr(end_of_head + 4);
  EXPECT_EQ(rest.rfind("HTTP/1.1 200", 0), 0u) << rest.substr(0, 200);
  EXPECT_NE(rest.find(R"("status":"success")"), std::string::npos) << rest.substr(0, 400);
}

TEST_F(SandboxFaults, HeadThroughAnInternalErrorSendsTheHeadAlone) {
  ASSERT_EQ(put_fault("iqiyi-vod-count", R"({"error_rate":1})").status, 200u);
  const std::string internal = R"({"code":"Q00332","msg":"系统错误"})";
  const std::string request = "HEAD " + iqiyi_target() +
                              " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                              "HEAD " +
                              iqiyi_target() +
                              " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  const auto outcome = raw_exchange(server_.port(), request);
  ASSERT_FALSE(outcome.reset);
  // Two heads, one after the other, each announcing the vendor's internal error and carrying
  // none of it.
  const auto first_end = outcome.received.find("\r\n\r\n");
  ASSERT_NE(first_end, std::string::npos) << outcome.received;
  const std::string first = outcome.received.substr(0, first_end + 4);
  const std::string second = outcome.received.substr(first_end + 4);
  for (const auto& head : {first, second}) {
    EXPECT_EQ(head.rfind("HTTP/1.1 200", 0), 0u) << head;
    EXPECT_EQ(head_content_length(head), internal.size()) << head;
    EXPECT_EQ(head.find("Q00332"), std::string::npos) << head;
  }
  EXPECT_EQ(second.size() - second.find("\r\n\r\n"), 4u) << second;
}

TEST_F(SandboxFaults, HeadWaitsOutTheLatencyLikeGet) {
  constexpr int kLatencyMs = 300;
  ASSERT_EQ(put_fault("polyv-live", R"({"latency_ms":)" + std::to_string(kLatencyMs) + "}").status,
            200u);
  const auto started = Clock::now();
  const auto outcome =
      raw_exchange(server_.port(), "HEAD " + live_target() +
                                       " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  const auto took = Clock::now() - started;
  ASSERT_FALSE(outcome.reset);
  EXPECT_GE(took, std::chrono::milliseconds(kLatencyMs));
  EXPECT_EQ(outcome.received.rfind("HTTP/1.1 200", 0), 0u) << outcome.received;
  const auto end_of_head = outcome.received.find("\r\n\r\n");
  ASSERT_NE(end_of_head, std::string::npos);
  EXPECT_EQ(end_of_head + 4, outcome.received.size()) << outcome.received;  // the head alone
  EXPECT_GT(head_content_length(outcome.received), 0u);
}

TEST_F(SandboxFaults, HeadThroughAResetGetsNoAnswer) {
  ASSERT_EQ(put_fault("pumpkin-offline-sync", R"({"reset_connection":true})").status, 200u);
  const auto outcome = raw_exchange(
      server_.port(), "HEAD " + pumpkin_target() +
                          " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n");
  EXPECT_TRUE(outcome.reset);
  EXPECT_FALSE(outcome.timed_out);
  EXPECT_TRUE(outcome.received.empty()) << outcome.received;
}

TEST_F(SandboxFaults, LatencyIsCappedBySetting) {
  const auto max = server_.app().config().sandbox_max_latency_ms;
  EXPECT_EQ(put_fault("polyv-vod", R"({"latency_ms":)" + std::to_string(max) + "}").status, 200u);
  expect_error(put_fault("polyv-vod", R"({"latency_ms":)" + std::to_string(max + 1) + "}"), 400,
               "invalid_field", "$.latency_ms");
}

}  // namespace
}  // namespace mediagate::testing
