// The sandbox's server clock over real sockets: the admin API reads, sets, shifts and resets
// it, and the vendor endpoints obey it: a Polyv ptime goes stale, a Pumpkin nonce's and an
// iQiyi messageId's replay horizon pass. The offset wraps the injected base clock (a
// ManualClock here), which keeps moving underneath.
#include <gtest/gtest.h>

#include <string>

#include "core/civil_time.hpp"
#include "support/admin_client.hpp"
#include "support/sandbox_support.hpp"
#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"
#include "vendors/iqiyi/iqiyi_settings.hpp"
#include "vendors/polyv/polyv_settings.hpp"
#include "vendors/pumpkin/pumpkin_settings.hpp"

namespace mediagate::testing {
namespace {

class SandboxClock : public ::testing::Test {
 protected:
  json::object clock_state() { return parsed(admin_.get("/sandbox/clock")).as_object(); }
  client::ClientResponse put_clock(const std::string& body) {
    return admin_.put("/sandbox/clock", body);
  }

  TestServer server_{sandbox_on(), {source_path("fixtures/sample.json")}, kToken};
  AdminClient admin_{server_};
};

TEST_F(SandboxClock, ReadSetShiftAndReset) {
  auto state = clock_state();
  EXPECT_EQ(state.at("now_ms").as_int64(), kTestNow);
  EXPECT_EQ(state.at("offset_ms").as_int64(), 0);
  EXPECT_EQ(state.at("now").as_string(), core::format_wall_time(kTestNow, 480));

  // Set: the answer is the new clock.
  const core::EpochMs target = kTestNow + 5'000'000;
  auto set = put_clock(R"({"now_ms":)" + std::to_string(target) + "}");
  ASSERT_EQ(set.status, 200u) << set.body;
  EXPECT_EQ(parsed(set).at("now_ms").as_int64(), target);
  EXPECT_EQ(parsed(set).at("offset_ms").as_int64(), 5'000'000);

  // Shift: relative to the current (already offset) time; negative shifts go back.
  auto shifted = put_clock(R"({"shift_ms":-1000})");
  ASSERT_EQ(shifted.status, 200u) << shifted.body;
  EXPECT_EQ(parsed(shifted).at("now_ms").as_int64(), target - 1000);

  // The base clock keeps moving under the offset.
  server_.clock().advance(7);
  state = clock_state();
  EXPECT_EQ(state.at("now_ms").as_int64(), target - 1000 + 7);
  EXPECT_EQ(state.at("offset_ms").as_int64(), 5'000'000 - 1000);

  // Reset: back to the base clock.
  EXPECT_EQ(admin_.del("/sandbox/clock").status, 204u);
  state = clock_state();
  EXPECT_EQ(state.at("now_ms").as_int64(), kTestNow + 7);
  EXPECT_EQ(state.at("offset_ms").as_int64(), 0);
}

TEST_F(SandboxClock, EveryRenderedDateKeepsFourDigitYearsAtTheConfiguredOffset) {
  // 9999-12-31 23:59:59.999 at UTC+8 is the latest the clock may be set or shifted to.
  constexpr core::EpochMs kLatest = 253'402'271'999'999;
  expect_error(put_clock(R"({"now_ms":)" + std::to_string(kLatest + 1) + "}"), 400, "invalid_field",
               "$.now_ms");
  ASSERT_EQ(put_clock(R"({"now_ms":)" + std::to_string(kLatest - 1000) + "}").status, 200u);
  expect_error(put_clock(R"({"shift_ms":1001})"), 400, "invalid_field", "$.shift_ms");
  ASSERT_EQ(put_clock(R"({"shift_ms":1000})").status, 200u);
  EXPECT_EQ(clock_state().at("now").as_string(), "9999-12-31 23:59:59");
  // Pumpkin's envelope carries the server's date.
  const auto body = parsed(server_.get("/media/offline_sync")).as_object();
  EXPECT_EQ(body.at("date").as_string(), "9999-12-31 23:59:59");
}

TEST_F(SandboxClock, ShiftingMakesAPolyvPtimeStale) {
  Params params{{"ptime", std::to_string(kTestNow)}};
  params["sign"] = polyv_vod_sign(params, "tIQp4ATe9Z");
  const std::string target = "/v2/video/b0f7041324/get-by-uploader?" + form_query(params);
  EXPECT_EQ(server_.get(target).status, 200u);

  const auto window =
      server_.app().config().modules.get<vendors::polyv::PolyvSettings>().time_window_ms;
  ASSERT_EQ(put_clock(R"({"shift_ms":)" + std::to_string(window) + "}").status, 200u);
  EXPECT_EQ(server_.get(target).status, 200u);  // the window is inclusive
  ASSERT_EQ(put_clock(R"({"shift_ms":1})").status, 200u);
  const auto stale = server_.get(target);
  EXPECT_EQ(stale.status, 400u);
  EXPECT_NE(stale.body.find("ptime is too old."), std::string::npos) << stale.body;

  // Setting the clock back makes the same request fresh again.
  ASSERT_EQ(put_clock(R"({"now_ms":)" + std::to_string(kTestNow) + "}").status, 200u);
  EXPECT_EQ(server_.get(target).status, 200u);
  // And a ptime in the (shifted) future is "illegal".
  ASSERT_EQ(put_clock(R"({"shift_ms":)" + std::to_string(-window - 1) + "}").status, 200u);
  EXPECT_NE(server_.get(target).body.find("ptime is illegal."), std::string::npos);
}

TEST_F(SandboxClock, ShiftingPassesThePumpkinNonceHorizon) {
  Params params{{"pid", "TEST_PID"},
                {"timestamp", "1557417600000"},
                {"signature_nonce", "sandbox-nonce-1"},
                {"format", "JSON"},
                {"version", "v1"},
                {"action", "/media/offline_sync"}};
  params["sign"] = pumpkin_sign("GET", params, "TEST_ACCESS_SECRET");
  const std::string target = "/media/offline_sync?" + form_query(params);
  auto status_code = [&]() { return parsed(server_.get(target)).at("status_code").as_int64(); };
  EXPECT_EQ(status_code(), 200);
  EXPECT_EQ(status_code(), 17007);  // replayed nonce

  const auto horizon =
      server_.app().config().modules.get<vendors::pumpkin::PumpkinSettings>().nonce_horizon_ms;
  ASSERT_EQ(put_clock(R"({"shift_ms":)" + std::to_string(horizon) + "}").status, 200u);
  EXPECT_EQ(status_code(), 17007);  // the horizon is inclusive
  ASSERT_EQ(put_clock(R"({"shift_ms":1})").status, 200u);
  EXPECT_EQ(status_code(), 200);
  // The envelope's timestamp is the shifted server time.
  const auto body = parsed(server_.get(target)).as_object();
  EXPECT_EQ(body.at("timestamp").as_string(), std::to_string(kTestNow + horizon + 1));
}

TEST_F(SandboxClock, ShiftingPassesTheIqiyiMessageIdHorizon) {
  Params params{{"messageId", "myapp_3f2504e0-4f89-11d3-9a0c-sandbox00002"},
                {"version", "1.0"},
                {"partnerCode", "T_Coupon_Pepsi"},
                {"user_id", "test_user_001"}};
  params["sign"] = iqiyi_sign(params, "1234567890");
  const std::string target = "/vod/coupon/getVodCount.action?" + form_query(params);
  auto code = [&]() { return std::string(parsed(server_.get(target)).at("code").as_string()); };
  EXPECT_EQ(code(), "A00000");
  EXPECT_EQ(code(), "Q00301");  // replayed messageId

  const auto horizon =
      server_.app().config().modules.get<vendors::iqiyi::IqiyiSettings>().message_id_horizon_ms;
  ASSERT_EQ(put_clock(R"({"shift_ms":)" + std::to_string(horizon) + "}").status, 200u);
  EXPECT_EQ(code(), "Q00301");
  ASSERT_EQ(put_clock(R"({"shift_ms":1})").status, 200u);
  EXPECT_EQ(code(), "A00000");
}

}  // namespace
}  // namespace mediagate::testing
