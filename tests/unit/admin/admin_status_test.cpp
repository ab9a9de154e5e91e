// GET /admin/v1/status: the replay guard's memory (pairs, bytes, fill) as JSON, null when the
// guard keeps nothing in this process; authenticated like every admin resource.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "admin/admin_api.hpp"
#include "store/store.hpp"

namespace mediagate::admin {
namespace {

namespace json = boost::json;

// A guard that keeps nothing in this process (as the Redis one).
class ElsewhereGuard final : public auth::ReplayGuard {
 public:
  auth::ReplayCheck first_use(std::string_view, std::string_view, core::EpochMs,
                              std::int64_t) override {
    return auth::ReplayCheck::kFirstUse;
  }
};

class AdminStatus : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::open_store("sqlite::memory:", {}, {});
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
  }
  std::unique_ptr<AdminApi> api(auth::ReplayGuard* guard, std::string shared_state) {
    AdminOptions options;
    options.token = "tok";
    options.replay_guard = guard;
    options.shared_state = std::move(shared_state);
    return std::make_unique<AdminApi>(*store_, clock_, log_, std::move(options));
  }
  static http::Response get(const AdminApi& api, std::string target,
                            std::string authorization = "Bearer tok") {
    http::Request r;
    r.method = "GET";
    const auto question = target.find('?');
    r.path = target.substr(0, question);
    if (question != std::string::npos) r.query = target.substr(question + 1);
    r.headers.emplace_back("authorization", std::move(authorization));
    return api.handle(r);
  }

  core::ManualClock clock_{1'700'000'000'000};
  core::Logger log_{nullptr, clock_};
  std::unique_ptr<store::Store> store_;
};

TEST_F(AdminStatus, ReportsTheReplayGuardsMemory) {
  auth::ReplayGuardSettings settings;
  settings.max_bytes = 1 << 20;
  auth::InMemoryReplayGuard guard(settings);
  for (int i = 0; i < 1'000; ++i) {
    guard.first_use("iqiyi:P", "m" + std::to_string(i), clock_.now_ms(), 86'400'000);
  }
  const auto status = api(&guard, "memory");
  const auto response = get(*status, "/admin/v1/status");
  ASSERT_EQ(response.status, 200u) << response.body;
  EXPECT_EQ(response.log_vendor, "admin");
  const auto body = json::parse(response.body).as_object();
  EXPECT_EQ(body.at("shared_state"), json::value("memory"));
  const auto& memory = body.at("replay_memory").as_object();
  const auto stats = guard.stats(clock_.now_ms());
  EXPECT_EQ(memory.at("pairs").to_number<std::size_t>(), 1'000u);
  EXPECT_EQ(memory.at("stored").to_number<std::size_t>(), 1'000u);
  EXPECT_EQ(memory.at("capacity_pairs").to_number<std::size_t>(), stats.capacity_pairs);
  EXPECT_EQ(memory.at("bytes_used").to_number<std::size_t>(), stats.bytes_used);
  EXPECT_EQ(memory.at("max_bytes").to_number<std::size_t>(), std::size_t{1} << 20);
  EXPECT_NEAR(memory.at("fill_ratio").to_number<double>(), stats.fill_ratio, 1e-6);
  EXPECT_GT(memory.at("fill_ratio").to_number<double>(), 0.0);
  EXPECT_EQ(memory.at("refused_full").to_number<std::uint64_t>(), 0u);
  // Plain decimals: no exponent for a gauge reader to parse.
  EXPECT_EQ(response.body.find('E'), std::string::npos) << response.body;
}

TEST_F(AdminStatus, NullWithoutInProcessMemory) {
  ElsewhereGuard guard;
  for (auth::ReplayGuard* g :
       {static_cast<auth::ReplayGuard*>(&guard), static_cast<auth::ReplayGuard*>(nullptr)}) {
    const auto status = api(g, "redis");
    const auto response = get(*status, "/admin/v1/status");
    ASSERT_EQ(response.status, 200u);
    EXPECT_EQ(response.body, R"({"shared_state":"redis","replay_memory":null})");
  }
}

TEST_F(AdminStatus, AuthenticatedAndWithoutParameters) {
  auth::InMemoryReplayGuard guard;
  const auto status = api(&guard, "memory");
  EXPECT_EQ(get(*status, "/admin/v1/status", "Bearer nope").status, 401u);
  const auto refused = get(*status, "/admin/v1/status?verbose=1");
  EXPECT_EQ(refused.status, 400u);
  EXPECT_EQ(json::parse(refused.body).at("error"), json::value("invalid_parameter"));
}

}  // namespace
}  // namespace mediagate::admin
