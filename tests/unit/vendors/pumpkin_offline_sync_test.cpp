// Pumpkin offline_sync without a socket: the handler over a scripted repository, for what the
// integration tests cannot provoke cleanly (a failing partner lookup, the exact window asked
// of the store, a store that returns online media, the UTC offset, the log lines).
#include <gtest/gtest.h>

#include <cstdio>
#include <limits>
#include <memory>
#include <string>

#include "core/url_form.hpp"
#include "unused_store.hpp"
#include "vendors/pumpkin/offline_media.hpp"
#include "vendors/pumpkin/offline_sync.hpp"
#include "vendors/pumpkin/pumpkin_envelope.hpp"
#include "vendors/pumpkin/pumpkin_repository.hpp"
#include "vendors/pumpkin/pumpkin_settings.hpp"
#include "vendors/pumpkin/pumpkin_signer.hpp"

namespace mediagate::vendors::pumpkin {
namespace {

using store::StoreError;
using store::StoreResult;

constexpr core::EpochMs kNow = 1'700'000'000'000;
constexpr core::EpochMs kDemoMs = 1'557'417'600'000;  // 2019-05-10 00:00:00 UTC+8

// Answers the two Pumpkin queries from fields.
class ScriptedPumpkin final : public PumpkinRepository {
 public:
  std::optional<vendors::pumpkin::PumpkinPartner> partner =
      vendors::pumpkin::PumpkinPartner{"TEST_PID", "TEST_ACCESS_SECRET", {"/media/offline_sync"}};
  std::vector<vendors::pumpkin::PumpkinMedia> media;
  bool fail_partner = false;
  bool fail_media = false;
  int partner_calls = 0;
  core::EpochMs asked_from = 0;
  core::EpochMs asked_to = 0;

  StoreResult<std::optional<vendors::pumpkin::PumpkinPartner>> find_partner(
      std::string_view pid) override {
    ++partner_calls;
    if (fail_partner) return core::unexpected(core::Error::store("disk I/O error (partner)"));
    if (!partner || partner->pid != pid) return std::optional<vendors::pumpkin::PumpkinPartner>{};
    return partner;
  }
  StoreResult<std::vector<vendors::pumpkin::PumpkinMedia>> list_offline_media(
      core::EpochMs from, core::EpochMs to) override {
    asked_from = from;
    asked_to = to;
    if (fail_media) return core::unexpected(core::Error::store("no such table: pumpkin_media"));
    return media;
  }
};

// Puts a ScriptedPumpkin in `store`'s repositories; it lives as long as the store.
ScriptedPumpkin& script(store::Store& store) {
  auto scripted = std::make_unique<ScriptedPumpkin>();
  auto& kept = *scripted;
  store.repositories().put<PumpkinRepository>(std::move(scripted));
  return kept;
}

class PumpkinOfflineSync : public ::testing::Test {
 protected:
  PumpkinOfflineSync() : log_sink_(std::tmpfile()), log_(log_sink_, clock_) {}
  ~PumpkinOfflineSync() override { std::fclose(log_sink_); }

  // A signed demo query (the server's own signer: the independent one is in the integration
  // tests) with the given nonce and timestamp.
  static std::string query(const std::string& nonce, core::EpochMs timestamp = kDemoMs,
                           const std::string& pid = "TEST_PID") {
    core::ParamMap params{{"pid", pid},
                          {"timestamp", std::to_string(timestamp)},
                          {"signature_nonce", nonce},
                          {"format", "JSON"},
                          {"version", "v1"}};
    const auto sign = vendors::pumpkin::pumpkin_sign(
                          vendors::pumpkin::pumpkin_signed_set(params, kOfflineSyncPath), "GET",
                          "TEST_ACCESS_SECRET")
                          .signature;
    params.emplace("sign", sign);
    return core::encode_form(core::FormFields(params.begin(), params.end()));
  }

  http::Response call(const std::string& raw_query) {
    endpoint::Context context{store_, clock_, config_, log_, replay_guard_};
    auto handler = offline_sync().bind(context);
    http::Request request;
    request.method = "GET";
    request.path = std::string(kOfflineSyncPath);
    request.query = raw_query;
    return handler(request);
  }

  std::string log_text() {
    std::fflush(log_sink_);
    std::rewind(log_sink_);
    std::string text;
    char buffer[4096];
    std::size_t read = 0;
    while ((read = std::fread(buffer, 1, sizeof buffer, log_sink_)) > 0) text.append(buffer, read);
    return text;
  }

  static std::string error_body(std::int64_t code, const std::string& message) {
    return R"({"message":")" + message + R"(","content":{},"status_code":)" + std::to_string(code) +
           R"(,"timestamp":"1700000000000","date":"2023-11-15 06:13:20"})";
  }

  testing::UnusedStore store_;
  ScriptedPumpkin& pumpkin_ = script(store_);
  core::ManualClock clock_{kNow};
  core::Config config_;
  std::FILE* log_sink_;
  core::Logger log_;
  auth::InMemoryReplayGuard replay_guard_;
};

TEST_F(PumpkinOfflineSync, PartnerLookupFailureIsGenerateFailedAndKeepsTheNonce) {
  pumpkin_.fail_partner = true;
  const std::string request = query("n1");
  const auto failed = call(request);
  EXPECT_EQ(failed.status, 200u);
  EXPECT_EQ(failed.body, error_body(17999, "生成失败,请稍后重试."));
  EXPECT_EQ(failed.log_vendor, "pumpkin");
  EXPECT_EQ(failed.log_partner, "TEST_PID");
  const std::string log = log_text();
  EXPECT_NE(log.find("disk I/O error (partner)"), std::string::npos) << log;
  EXPECT_EQ(log.find("TEST_ACCESS_SECRET"), std::string::npos) << log;
  EXPECT_EQ(log.find("sign"), std::string::npos) << log;
  // The signature was never checked, so the nonce was not recorded: the retry succeeds.
  pumpkin_.fail_partner = false;
  EXPECT_NE(call(request).body.find(R"("status_code":200)"), std::string::npos);
}

TEST_F(PumpkinOfflineSync, ListingFailureIsGenerateFailedAfterTheNonceIsRecorded) {
  pumpkin_.fail_media = true;
  const std::string request = query("n2");
  EXPECT_EQ(call(request).body, error_body(17999, "生成失败,请稍后重试."));
  EXPECT_NE(log_text().find("no such table: pumpkin_media"), std::string::npos);
  pumpkin_.fail_media = false;
  EXPECT_EQ(call(request).body, error_body(17007, "参数错误"));  // a verified nonce is spent
  EXPECT_NE(call(query("n3")).body.find(R"("status_code":200)"), std::string::npos);
}

TEST_F(PumpkinOfflineSync, AsksTheStoreForTheConfiguredWindowEndingAtTheTimestamp) {
  call(query("w1"));
  EXPECT_EQ(pumpkin_.asked_from, kDemoMs - 12LL * 3600 * 1000);
  EXPECT_EQ(pumpkin_.asked_to, kDemoMs);
  config_.modules.get<vendors::pumpkin::PumpkinSettings>().window_ms = 30 * 60 * 1000;
  call(query("w2", kDemoMs + 7));
  EXPECT_EQ(pumpkin_.asked_from, kDemoMs + 7 - 30 * 60 * 1000);
  EXPECT_EQ(pumpkin_.asked_to, kDemoMs + 7);
}

TEST_F(PumpkinOfflineSync, OnlineMediaFromTheStoreAreNeverListed) {
  pumpkin_.media = {{11332, "测试w", kDemoMs - 16'887'000}, {11333, "在线影片", std::nullopt}};
  const auto response = call(query("o1"));
  EXPECT_NE(
      response.body.find(
          R"("mediaList":[{"movie_name":"测试w","movie_id":"11332","delete_time":"2019-05-09 19:18:33"}],"total_movie_number":1,)"),
      std::string::npos)
      << response.body;
  EXPECT_EQ(response.body.find("11333"), std::string::npos);
}

TEST_F(PumpkinOfflineSync, DatesFollowTheConfiguredOffset) {
  config_.utc_offset_minutes = 0;
  pumpkin_.media = {{11332, "测试w", kDemoMs - 16'887'000}};
  const auto response = call(query("u1"));
  EXPECT_NE(response.body.find(R"("delete_time":"2019-05-09 11:18:33")"), std::string::npos)
      << response.body;
  EXPECT_NE(response.body.find(R"("date":"2023-11-14 22:13:20")"), std::string::npos);
  EXPECT_NE(response.body.find(R"("data_generate_time":"2023-11-14 22:13:20")"), std::string::npos);
}

TEST_F(PumpkinOfflineSync, LogTagsNameTheVendorAndThePidAsSent) {
  EXPECT_EQ(call("%ZZ").log_partner, "");
  EXPECT_EQ(call("%ZZ").log_vendor, "pumpkin");
  EXPECT_EQ(call("pid=NOBODY").log_partner, "NOBODY");
  const auto unknown = call(query("t1", kDemoMs, "NOBODY"));
  EXPECT_EQ(unknown.body, error_body(17007, "pid错误或无此接口调用权限"));
  EXPECT_EQ(unknown.log_partner, "NOBODY");
  EXPECT_EQ(pumpkin_.partner_calls, 1);  // parameter errors never reach the store
}

TEST(PumpkinEnvelope, SeedInstantAndKeyOrder) {
  EXPECT_EQ(
      error_response(kSignError, 1'555'673'163'000, 8 * 60).body,
      R"({"message":"sign不正确","content":{},"status_code":17006,"timestamp":"1555673163000","date":"2019-04-19 19:26:03"})");
  const auto ok = success_response(R"({"a":1})", 1'557'816'111'972, 8 * 60);
  EXPECT_EQ(ok.status, 200u);
  EXPECT_EQ(ok.content_type, "application/json;charset=UTF-8");
  EXPECT_EQ(
      ok.body,
      R"({"message":"获取成功","content":{"a":1},"status_code":200,"timestamp":"1557816111972","date":"2019-05-14 14:41:51"})");
}

TEST(PumpkinWindow, HalfOpenAndSaturating) {
  EXPECT_EQ(vendors::pumpkin::offline_window(kDemoMs, 1000),
            (vendors::pumpkin::OfflineWindow{kDemoMs - 1000, kDemoMs}));
  constexpr auto kMin = std::numeric_limits<core::EpochMs>::min();
  EXPECT_EQ(vendors::pumpkin::offline_window(kMin + 5, 10),
            (vendors::pumpkin::OfflineWindow{kMin, kMin + 5}));
  EXPECT_EQ(vendors::pumpkin::offline_window(0, -3), (vendors::pumpkin::OfflineWindow{0, 0}));
}

}  // namespace
}  // namespace mediagate::vendors::pumpkin
