// The admin API's sandbox operations over real sockets: mounted only in sandbox mode (404 like
// any unknown admin path otherwise), every operation refused without or with a wrong token, and
// every kind of bad input refused with a 4xx naming the field. Also the start-up warning.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/admin_client.hpp"
#include "support/sandbox_support.hpp"
#include "support/temp_file.hpp"
#include "support/test_server.hpp"

namespace mediagate::testing {
namespace {

struct Operation {
  const char* method;
  const char* path;
  const char* body;
};

// Every sandbox operation, with a valid body.
const std::vector<Operation>& operations() {
  static const std::vector<Operation> all = {
      {"GET", "/sandbox/clock", ""},
      {"PUT", "/sandbox/clock", R"({"shift_ms":1000})"},
      {"DELETE", "/sandbox/clock", ""},
      {"GET", "/sandbox/faults", ""},
      {"DELETE", "/sandbox/faults", ""},
      {"GET", "/sandbox/faults/polyv-vod", ""},
      {"PUT", "/sandbox/faults/polyv-vod", R"({"error_rate":1})"},
      {"DELETE", "/sandbox/faults/polyv-vod", ""},
  };
  return all;
}

TEST(SandboxAdminOff, SandboxResourcesDoNotExistOutsideSandboxMode) {
  TestServer server({}, {source_path("fixtures/sample.json")}, kToken);
  AdminClient admin(server);
  for (const auto& op : operations()) {
    expect_error(admin.send(op.method, op.path, op.body), 404, "not_found");
  }
}

class SandboxAdmin : public ::testing::Test {
 protected:
  // EveryOperationNeedsTheToken fails authentication far more often than the per-address
  // limit allows (its own test: admin_auth_test.cpp).
  TestServer server_{sandbox_on([](core::Config& c) {
                       c.sandbox_max_latency_ms = 5000;
                       c.admin.auth_failures_max = 1'000'000;
                     }),
                     {source_path("fixtures/sample.json")},
                     kToken};
  AdminClient admin_{server_};
};

TEST_F(SandboxAdmin, EveryOperationSucceedsWithTheToken) {
  for (const auto& op : operations()) {
    const auto response = admin_.send(op.method, op.path, op.body);
    EXPECT_LT(response.status, 300u) << op.method << " " << op.path << ": " << response.body;
  }
}

TEST_F(SandboxAdmin, EveryOperationNeedsTheToken) {
  AdminClient anonymous(server_, "");
  AdminClient wrong(server_, "Bearer not-the-token");
  AdminClient basic(server_, std::string("Basic ") + kToken);
  for (const auto& op : operations()) {
    for (auto* client : {&anonymous, &wrong, &basic}) {
      const auto response = client->send(op.method, op.path, op.body);
      expect_error(response, 401, "unauthorized");
      EXPECT_EQ(response.body.find(kToken), std::string::npos);
    }
  }
  // Nothing was changed by the refused requests.
  const auto clock = parsed(admin_.get("/sandbox/clock"));
  EXPECT_EQ(clock.at("offset_ms").as_int64(), 0);
  EXPECT_TRUE(parsed(admin_.get("/sandbox/faults/polyv-vod")).at("fault").is_null());
}

TEST_F(SandboxAdmin, ClockRefusesBadInput) {
  auto put = [&](const std::string& body) { return admin_.put("/sandbox/clock", body); };
  expect_error(admin_.send("PUT", "/sandbox/clock"), 400, "invalid_json", "$");
  expect_error(put("{"), 400, "invalid_json", "$");
  expect_error(put("[1]"), 400, "invalid_field", "$");
  expect_error(put("{}"), 400, "missing_field", "$.now_ms");
  expect_error(put(R"({"now":1})"), 400, "unknown_field", "$.now");
  expect_error(put(R"({"now_ms":1,"shift_ms":1})"), 400, "invalid_field", "$.shift_ms");
  expect_error(put(R"({"now_ms":"1700000000000"})"), 400, "invalid_field", "$.now_ms");
  expect_error(put(R"({"now_ms":-1})"), 400, "invalid_field", "$.now_ms");
  expect_error(put(R"({"now_ms":1.5})"), 400, "invalid_field", "$.now_ms");
  expect_error(put(R"({"now_ms":253402300800000})"), 400, "invalid_field", "$.now_ms");
  // The end of 9999 in UTC is already the year 10000 at UTC+8 (utc_offset_minutes).
  expect_error(put(R"({"now_ms":253402300799999})"), 400, "invalid_field", "$.now_ms");
  expect_error(put(R"({"now_ms":253402272000000})"), 400, "invalid_field", "$.now_ms");
  expect_error(put(R"({"now_ms":1,"now_ms":2})"), 400, "duplicate_key", "$.now_ms");
  expect_error(put(R"({"shift_ms":true})"), 400, "invalid_field", "$.shift_ms");
  expect_error(put(R"({"shift_ms":-1700000000001})"), 400, "invalid_field", "$.shift_ms");
  expect_error(put(R"({"shift_ms":18446744073709551615})"), 400, "invalid_field", "$.shift_ms");
  expect_error(admin_.post("/sandbox/clock", "{}"), 405, "method_not_allowed");
  // Nothing was changed.
  EXPECT_EQ(parsed(admin_.get("/sandbox/clock")).at("now_ms").as_int64(), kTestNow);
  // The edges are accepted.
  EXPECT_EQ(put(R"({"now_ms":0})").status, 200u);
  EXPECT_EQ(put(R"({"now_ms":253402271999999})").status, 200u);
}

TEST_F(SandboxAdmin, FaultsRefuseBadInput) {
  auto put = [&](const std::string& body) { return admin_.put("/sandbox/faults/polyv-vod", body); };
  // Unknown endpoints, for every operation on one.
  expect_error(admin_.get("/sandbox/faults/nosuch"), 404, "not_found", "endpoint");
  expect_error(admin_.put("/sandbox/faults/nosuch", R"({"error_rate":1})"), 404, "not_found",
               "endpoint");
  expect_error(admin_.del("/sandbox/faults/nosuch"), 404, "not_found", "endpoint");
  // The body.
  expect_error(admin_.send("PUT", "/sandbox/faults/polyv-vod"), 400, "invalid_json", "$");
  expect_error(put("not json"), 400, "invalid_json", "$");
  expect_error(put("1"), 400, "invalid_field", "$");
  expect_error(put("{}"), 400, "invalid_field", "$");
  expect_error(put(R"({"latency":5})"), 400, "unknown_field", "$.latency");
  expect_error(put(R"({"latency_ms":-1})"), 400, "invalid_field", "$.latency_ms");
  expect_error(put(R"({"latency_ms":5001})"), 400, "invalid_field", "$.latency_ms");
  expect_error(put(R"({"latency_ms":"5"})"), 400, "invalid_field", "$.latency_ms");
  expect_error(put(R"({"error_rate":1.01})"), 400, "invalid_field", "$.error_rate");
  expect_error(put(R"({"error_rate":-0.1})"), 400, "invalid_field", "$.error_rate");
  expect_error(put(R"({"error_rate":"0.5"})"), 400, "invalid_field", "$.error_rate");
  expect_error(put(R"({"reset_connection":1})"), 400, "invalid_field", "$.reset_connection");
  expect_error(put(R"({"seed":-1})"), 400, "invalid_field", "$.seed");
  expect_error(put(R"({"seed":9007199254740992})"), 400, "invalid_field", "$.seed");
  expect_error(put(R"({"vendor_error":"503"})"), 400, "invalid_field", "$.vendor_error");
  expect_error(put(R"({"vendor_error":{"message":"x"}})"), 400, "missing_field",
               "$.vendor_error.code");
  expect_error(put(R"({"vendor_error":{"code":99,"message":"x"}})"), 400, "invalid_field",
               "$.vendor_error.code");
  expect_error(put(R"({"vendor_error":{"code":600,"message":"x"}})"), 400, "invalid_field",
               "$.vendor_error.code");
  expect_error(put(R"({"vendor_error":{"code":400,"message":""}})"), 400, "invalid_field",
               "$.vendor_error.message");
  expect_error(put(R"({"vendor_error":{"code":400,"message":"x","msg":"y"}})"), 400,
               "unknown_field", "$.vendor_error.msg");
  expect_error(put(R"({"vendor_error":{"code":400,"message":"x"},"reset_connection":true})"), 400,
               "invalid_field", "$.reset_connection");
  // Each vendor reads its own format.
  expect_error(
      admin_.put("/sandbox/faults/iqiyi-vod-count", R"({"vendor_error":{"code":400,"msg":"x"}})"),
      400, "invalid_field", "$.vendor_error.code");
  expect_error(admin_.put("/sandbox/faults/iqiyi-vod-count",
                          R"({"vendor_error":{"code":"Q00301","message":"x"}})"),
               400, "unknown_field", "$.vendor_error.message");
  expect_error(admin_.put("/sandbox/faults/pumpkin-offline-sync",
                          R"({"vendor_error":{"status_code":"17006","message":"x"}})"),
               400, "invalid_field", "$.vendor_error.status_code");
  expect_error(
      admin_.put("/sandbox/faults/pumpkin-offline-sync", R"({"vendor_error":{"message":"x"}})"),
      400, "missing_field", "$.vendor_error.status_code");
  expect_error(admin_.post("/sandbox/faults/polyv-vod", "{}"), 405, "method_not_allowed");
  // Nothing was set by the refused requests.
  const auto listing = parsed(admin_.get("/sandbox/faults"));
  for (const auto& item : listing.at("items").as_array()) {
    EXPECT_TRUE(item.at("fault").is_null()) << json::serialize(item);
  }
  // A null vendor_error is the same as none.
  const auto ok = put(R"({"vendor_error":null,"latency_ms":0,"error_rate":0})");
  EXPECT_EQ(ok.status, 200u) << ok.body;
}

TEST(SandboxStartup, WarnsLoudlyInTheServerLog) {
  const auto path = temp_path("mediagate-sandbox-log");
  {
    TestServer server(sandbox_on([&](core::Config& c) { c.server_log = path; }));
  }
  const std::string text = read_file_text(path);
  std::filesystem::remove(path);
  EXPECT_NE(text.find("SANDBOX MODE"), std::string::npos) << text;
  EXPECT_NE(text.find("\"warn\""), std::string::npos) << text;
  // This server has no admin token: the operator is told the controls are unavailable.
  EXPECT_NE(text.find("fault controls are unavailable"), std::string::npos) << text;
}

TEST(SandboxStartup, NoWarningOutsideSandboxMode) {
  const auto path = temp_path("mediagate-normal-log");
  {
    TestServer server([&](core::Config& c) { c.server_log = path; });
  }
  const std::string text = read_file_text(path);
  std::filesystem::remove(path);
  EXPECT_EQ(text.find("SANDBOX"), std::string::npos) << text;
}

}  // namespace
}  // namespace mediagate::testing
