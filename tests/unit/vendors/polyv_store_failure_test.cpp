// The Polyv live and group handlers called directly (no socket) over a store that fails:
// the client sees 500 "query failed." (status "error"), the operator's log gets the detail.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "auth/replay_guard.hpp"
#include "polyv_fake_store.hpp"
#include "vendors/polyv/group_allocate_log.hpp"
#include "vendors/polyv/live_session_list.hpp"
#include "vendors/polyv/polyv_live_signer.hpp"

namespace mediagate::vendors::polyv {
namespace {

constexpr core::EpochMs kNow = 1'700'000'000'000;
constexpr const char* kQueryFailed =
    R"({"code":500,"status":"error","message":"query failed.","data":""})";

class PolyvStoreFailure : public ::testing::Test {
 protected:
  PolyvStoreFailure() {
    store_.account = vendors::polyv::PolyvAccountKeys{"u1", "o@x", "k", "app1", "secret"};
    store_.channel_owner = "u1";
    store_.group = vendors::polyv::PolyvGroupKeys{"g1", "secret", false};
  }
  ~PolyvStoreFailure() override {
    if (sink_ != nullptr) std::fclose(sink_);
  }

  // The server's own signer is fine here: these tests are about the store, not signatures.
  std::string logged() {
    std::fflush(sink_);
    std::rewind(sink_);
    std::string text;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, sink_) != nullptr) text += buffer;
    return text;
  }

  http::Request request(std::string query) {
    http::Request r;
    r.method = "GET";
    r.query = std::move(query);
    r.remote_address = "127.0.0.1";
    return r;
  }

  testing::PolyvFakeStore fake_store_;
  testing::PolyvFakeRepository& store_ = fake_store_.polyv();
  core::ManualClock clock_{kNow};
  core::Config config_;
  std::FILE* sink_ = std::tmpfile();
  core::Logger log_{sink_, clock_};
  auth::InMemoryReplayGuard replay_;
  endpoint::Context context_{fake_store_, clock_, config_, log_, replay_};
};

TEST_F(PolyvStoreFailure, LiveAccountLookupFails) {
  store_.fail = true;
  auto live = live_session_list().bind(context_);
  auto r = request("appId=app1&timestamp=" + std::to_string(kNow) + "&sign=X&channelId=1");
  const auto response = live(r);
  EXPECT_EQ(response.status, 500u);
  EXPECT_EQ(response.body, kQueryFailed);
  EXPECT_EQ(response.log_vendor, "polyv-live");
  EXPECT_EQ(response.log_partner, "app1");
  EXPECT_NE(logged().find("disk I/O error (fake)"), std::string::npos);
}

TEST_F(PolyvStoreFailure, LiveSessionQueryFails) {
  store_.fail_queries = true;
  auto live = live_session_list().bind(context_);
  const std::string ts = std::to_string(kNow);
  // MD5("secret" + "appIdapp1channelId2272655timestamp<ts>" + "secret"), via the shared rule.
  core::ParamMap params{{"appId", "app1"}, {"channelId", "2272655"}, {"timestamp", ts}};
  store_.channel_owner = "u1";
  auto r = request("appId=app1&channelId=2272655&timestamp=" + ts +
                   "&sign=" + vendors::polyv::polyv_live_sign(params, "secret").signature);
  const auto response = live(r);
  EXPECT_EQ(response.status, 500u);
  EXPECT_EQ(response.body, kQueryFailed);
  EXPECT_NE(logged().find("disk I/O error (fake)"), std::string::npos);
}

TEST_F(PolyvStoreFailure, GroupLookupFails) {
  store_.fail = true;
  auto group = group_allocate_log().bind(context_);
  auto r = request("appId=g1&timestamp=" + std::to_string(kNow) + "&sign=X&emails=a@x");
  const auto response = group(r);
  EXPECT_EQ(response.status, 500u);
  EXPECT_EQ(response.body, kQueryFailed);
  EXPECT_EQ(response.log_vendor, "polyv-group");
  EXPECT_EQ(response.log_partner, "g1");
  EXPECT_NE(logged().find("disk I/O error (fake)"), std::string::npos);
}

TEST_F(PolyvStoreFailure, GroupAllocationQueryFails) {
  store_.fail_queries = true;
  auto group = group_allocate_log().bind(context_);
  const std::string ts = std::to_string(kNow);
  core::ParamMap params{{"appId", "g1"}, {"emails", "a@x"}, {"timestamp", ts}};
  auto r = request("appId=g1&emails=a%40x&timestamp=" + ts +
                   "&sign=" + vendors::polyv::polyv_live_sign(params, "secret").signature);
  const auto response = group(r);
  EXPECT_EQ(response.status, 500u);
  EXPECT_EQ(response.body, kQueryFailed);
  EXPECT_NE(logged().find("disk I/O error (fake)"), std::string::npos);
}

}  // namespace
}  // namespace mediagate::vendors::polyv
