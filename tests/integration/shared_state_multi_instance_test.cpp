// Two `mediagate serve` processes (the real binary) on one store and one Redis, as two
// instances behind a load balancer: a Pumpkin nonce or an iQiyi messageId used on one is
// refused on the other, the Polyv per-IP rate limit counts the requests of both, and what one
// instance's admin API imports or deletes is what the other serves within the staleness bound
// (kStalenessBound: PostgreSQL's change notifications, or SQLite's store_change_check_ms).
// The store is a fresh PostgreSQL schema when MEDIAGATE_TEST_POSTGRES_URL is set (required with
// MEDIAGATE_TEST_REQUIRE_SERVICES=1); otherwise, as a local fallback, one SQLite file.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/admin_client.hpp"
#include "support/fixed_nonces.hpp"
#include "support/redis_env.hpp"
#include "support/test_server.hpp"
#include "vendors/iqiyi/iqiyi_client.hpp"
#include "vendors/polyv/polyv_vod_client.hpp"
#include "vendors/pumpkin/pumpkin_client.hpp"

namespace mediagate::testing {
namespace {

constexpr int kRateLimit = 4;
// How long after a commit on one instance the other may still serve what it kept: the bound the
// operations guide states (typically a few milliseconds on PostgreSQL, measured in
// postgres_generation_test.cpp; SQLite's default change check is 200 ms), with room for a loaded
// machine. The VOD endpoint is rate limited (kRateLimit), so the other instance is asked at once
// and, if it still answers the old data, once more when the bound has passed.
constexpr std::chrono::milliseconds kStalenessBound{500};

// The store both instances share: a fresh schema on the test PostgreSQL (`drop` removes it),
// or, when none is configured and none is required, an SQLite file in `directory`.
std::string shared_store_url(const std::string& directory, std::function<void()>& drop) {
  const char* postgres = std::getenv("MEDIAGATE_TEST_POSTGRES_URL");
  if (postgres != nullptr && *postgres != '\0') return fresh_postgres_store(drop);
  if (services_required()) {
    throw std::runtime_error(
        "MEDIAGATE_TEST_POSTGRES_URL is unset but MEDIAGATE_TEST_REQUIRE_SERVICES=1");
  }
  static bool reported = false;
  if (!reported) {
    std::cerr << "[ NOTE     ] SharedStateMultiInstance: no MEDIAGATE_TEST_POSTGRES_URL, the "
                 "instances share an SQLite file instead of PostgreSQL\n";
    reported = true;
  }
  return "sqlite:" + directory + "/shared.db";
}

// One `mediagate serve` child process, stopped by its pid.
class Instance {
 public:
  Instance(const std::string& directory, const std::string& name,
           std::vector<std::string> arguments)
      : log_(directory + "/" + name + ".log") {
    arguments.insert(arguments.begin(), {"mediagate", "serve"});
    pid_ = fork();
    if (pid_ == 0) {
      FILE* out = std::freopen(log_.c_str(), "w", stderr);
      (void)out;
      std::vector<char*> argv;
      for (auto& argument : arguments) argv.push_back(argument.data());
      argv.push_back(nullptr);
      execv(MEDIAGATE_BINARY, argv.data());
      _exit(127);
    }
    // The server prints its port once it listens (bounded wait: 10 s); the admin listener's
    // port is in the server log line before it.
    const std::regex port_line(R"(\(port (\d+)\))");
    const std::regex admin_line(R"re(admin API listening[^\n]*"port":(\d+))re");
    for (int i = 0; i < 200 && port_ == 0 && pid_ > 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      const std::string text = log();
      std::smatch match;
      if (std::regex_search(text, match, port_line)) {
        port_ = static_cast<unsigned short>(std::stoi(match[1]));
        if (std::regex_search(text, match, admin_line)) {
          admin_port_ = static_cast<unsigned short>(std::stoi(match[1]));
        }
      }
    }
  }
  ~Instance() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    pid_t reaped = 0;
    for (int i = 0; i < 100 && reaped == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      reaped = waitpid(pid_, nullptr, WNOHANG);
    }
    if (reaped == 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  unsigned short port() const { return port_; }
  unsigned short admin_port() const { return admin_port_; }
  std::string log() const {
    std::ifstream in(log_);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

 private:
  std::string log_;
  pid_t pid_ = -1;
  unsigned short port_ = 0;
  unsigned short admin_port_ = 0;
};

class SharedStateMultiInstance : public ::testing::Test {
 protected:
  void SetUp() override {
    MEDIAGATE_NEED_REDIS(redis_url);
    std::string pattern =
        (std::filesystem::temp_directory_path() / "mediagate-multi-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    directory_ = pattern;
    const std::string store = shared_store_url(directory_, drop_store_);
    const std::string prefix = fresh_redis_prefix();
    const std::string token_file = directory_ + "/admin-token";
    std::ofstream(token_file) << kToken << "\n";
    auto arguments = [&](bool with_fixtures) {
      std::vector<std::string> args = {
          "--listen",       "127.0.0.1:0",
          "--store",        store,
          "--shared-state", redis_url,
          "--set",          "shared_state.key_prefix=" + prefix,
          "--set",          "access_log=off",
          "--set",          "admin.token_file=" + token_file,
          "--set",          "admin.listen=127.0.0.1:0",
          "--set",          "polyv.rate_limit.max_requests=" + std::to_string(kRateLimit),
          "--set",          "polyv.rate_limit.window_ms=600000"};
      if (with_fixtures) {
        args.push_back("--fixtures");
        args.push_back(source_path("fixtures/sample.json"));
      }
      return args;
    };
    // A loads the fixtures into the shared store; B starts once A is up.
    a_ = std::make_unique<Instance>(directory_, "a", arguments(true));
    ASSERT_NE(a_->port(), 0) << a_->log();
    b_ = std::make_unique<Instance>(directory_, "b", arguments(false));
    ASSERT_NE(b_->port(), 0) << b_->log();
    ASSERT_NE(a_->admin_port(), 0) << a_->log();
    ASSERT_NE(b_->admin_port(), 0) << b_->log();
  }
  void TearDown() override {
    a_.reset();
    b_.reset();
    if (drop_store_) drop_store_();
    if (!directory_.empty()) std::filesystem::remove_all(directory_);
  }

  static client::ClientOptions options(const Instance& instance,
                                       client::NonceSource* nonces = nullptr) {
    client::ClientOptions out;
    out.base_url = client::BaseUrl::http("127.0.0.1", instance.port());
    out.nonces = nonces;  // the system clock signs: the instances use it too
    return out;
  }
  static auto pumpkin(const Instance& instance, const std::string& nonce) {
    FixedNonces nonces(nonce);
    return client::PumpkinClient(options(instance, &nonces), {"TEST_PID", "TEST_ACCESS_SECRET"})
        .offline_sync();
  }
  static auto iqiyi(const Instance& instance, const std::string& message_id) {
    client::VodCountQuery query;
    query.user_id = "test_user_001";
    query.message_id = message_id;
    return client::IqiyiClient(options(instance), {"T_Coupon_Pepsi", "1234567890"})
        .get_vod_count(query);
  }
  static auto polyv(const Instance& instance) {
    return client::PolyvVodClient(options(instance), {"b0f7041324", "tIQp4ATe9Z"})
        .get_by_uploader();
  }
  // Every video of the sample account, any status, as the instance's VOD endpoint lists them.
  static std::vector<std::string> listed_vids(const Instance& instance) {
    client::VideoQuery query;
    query.page_size = 100;
    const auto page = client::PolyvVodClient(options(instance), {"b0f7041324", "tIQp4ATe9Z"})
                          .get_by_uploader(query);
    EXPECT_TRUE(page) << page.error().describe() << instance.log();
    std::vector<std::string> vids;
    if (!page) return vids;
    EXPECT_EQ(page->total_items, static_cast<std::int64_t>(page->contents.size()));
    for (const auto& video : page->contents) vids.push_back(video.vid);
    return vids;
  }
  static bool contains(const std::vector<std::string>& vids, const std::string& vid) {
    return std::find(vids.begin(), vids.end(), vid) != vids.end();
  }
  // What `instance` lists once a commit acknowledged at `committed` must be visible there: at
  // once if `fresh` already holds, else after the staleness bound (which it must then hold).
  static std::vector<std::string> listed_within_bound(
      const Instance& instance, std::chrono::steady_clock::time_point committed,
      const std::function<bool(const std::vector<std::string>&)>& fresh) {
    auto vids = listed_vids(instance);
    if (fresh(vids)) return vids;
    std::cerr << "[ NOTE     ] the other instance still served the old list "
              << std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - committed)
                     .count()
              << " ms after the commit; asking again after the bound\n";
    std::this_thread::sleep_until(committed + kStalenessBound);
    return listed_vids(instance);
  }
  // The vids of the sample account in an admin export.
  static std::vector<std::string> exported_vids(const json::value& document) {
    std::vector<std::string> vids;
    for (const auto& account : document.at("polyv").at("accounts").as_array()) {
      if (account.at("userId") != json::value("b0f7041324")) continue;
      for (const auto& video : account.at("videos").as_array()) {
        vids.emplace_back(video.at("vid").as_string());
      }
    }
    return vids;
  }

  std::string directory_;
  std::function<void()> drop_store_;  // removes the PostgreSQL schema, if one was made
  std::unique_ptr<Instance> a_;
  std::unique_ptr<Instance> b_;
};

TEST_F(SharedStateMultiInstance, APumpkinNonceUsedOnOneInstanceIsRefusedOnTheOther) {
  const auto first = pumpkin(*a_, "crossnonce01");
  ASSERT_TRUE(first) << first.error().describe() << a_->log();
  const auto replay = pumpkin(*b_, "crossnonce01");
  ASSERT_FALSE(replay);
  EXPECT_EQ(replay.error().code, "17007");
  EXPECT_EQ(replay.error().message, "参数错误");
  EXPECT_TRUE(pumpkin(*b_, "crossnonce02"));
  EXPECT_FALSE(pumpkin(*a_, "crossnonce02"));
}

TEST_F(SharedStateMultiInstance, AnIqiyiMessageIdUsedOnOneInstanceIsRefusedOnTheOther) {
  const std::string id = "myapp_3f2504e0-4f89-11d3-9a0c-multi0000001";
  const auto first = iqiyi(*b_, id);
  ASSERT_TRUE(first) << first.error().describe() << b_->log();
  EXPECT_EQ(first->send_gift_size, 3);
  const auto replay = iqiyi(*a_, id);
  ASSERT_FALSE(replay);
  EXPECT_EQ(replay.error().code, "Q00301");
  EXPECT_EQ(replay.error().message, "参数错误");
}

TEST_F(SharedStateMultiInstance, ThePolyvRateLimitCountsBothInstances) {
  // kRateLimit requests spread over A and B are allowed; the next one, on either, is refused.
  for (int i = 0; i < kRateLimit; ++i) {
    const auto allowed = polyv(i % 2 == 0 ? *a_ : *b_);
    ASSERT_TRUE(allowed) << i << ": " << allowed.error().describe();
  }
  for (const Instance* instance : {a_.get(), b_.get()}) {
    const auto refused = polyv(*instance);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().http_status, 400u);
    EXPECT_EQ(refused.error().message, "qps exceeds number of calls");
  }
}

TEST_F(SharedStateMultiInstance, AnImportThroughOneInstanceIsServedByTheOtherWithinTheBound) {
  // B lists the account first (so a listing cache, if any, is warm), then A imports a new
  // video into it: its own export with one video added.
  const std::string vid = "b0f7041324aaaaaaaaaaaaaaaaaaaaaaaa_b";
  const auto before = listed_vids(*b_);
  ASSERT_FALSE(before.empty());
  ASSERT_FALSE(contains(before, vid));

  AdminClient admin_a(a_->admin_port());
  const auto exported = admin_a.get("/export");
  ASSERT_EQ(exported.status, 200u) << exported.body;
  json::value document = parsed(exported);
  bool added = false;
  for (auto& account : document.at("polyv").at("accounts").as_array()) {
    if (account.at("userId") != json::value("b0f7041324")) continue;
    account.at("videos").as_array().push_back(json::value{{"vid", vid},
                                                          {"cataid", 1},
                                                          {"title", "imported on A"},
                                                          {"context", ""},
                                                          {"times", 0},
                                                          {"firstImage", ""},
                                                          {"tag", ""},
                                                          {"aacLink", nullptr},
                                                          {"status", "61"},
                                                          {"uploaderEmail", "test1@zzs.com"},
                                                          {"ptime", 1600000000000}});
    added = true;
  }
  ASSERT_TRUE(added);
  const auto imported = admin_a.post("/import", json::serialize(document));
  ASSERT_EQ(imported.status, 200u) << imported.body;
  const auto committed = std::chrono::steady_clock::now();

  // B's signed VOD request lists it within the bound, and B's export holds it.
  const auto after =
      listed_within_bound(*b_, committed, [&](const auto& vids) { return contains(vids, vid); });
  EXPECT_EQ(after.size(), before.size() + 1);
  EXPECT_TRUE(contains(after, vid));
  AdminClient admin_b(b_->admin_port());
  const auto exported_b = admin_b.get("/export");
  ASSERT_EQ(exported_b.status, 200u) << exported_b.body;
  EXPECT_TRUE(contains(exported_vids(parsed(exported_b)), vid));
  const auto video_b = admin_b.get("/polyv/accounts/b0f7041324/videos/" + vid);
  ASSERT_EQ(video_b.status, 200u) << video_b.body;
  EXPECT_EQ(parsed(video_b).at("title"), json::value("imported on A"));
}

TEST_F(SharedStateMultiInstance, AnAdminDeleteOnOneInstanceIsSeenByTheOther) {
  const auto before = listed_vids(*a_);
  ASSERT_FALSE(before.empty());
  const std::string vid = before.front();

  AdminClient admin_b(b_->admin_port());
  const auto deleted = admin_b.del("/polyv/accounts/b0f7041324/videos/" + vid);
  ASSERT_EQ(deleted.status, 204u) << deleted.body;
  const auto committed = std::chrono::steady_clock::now();

  const auto after =
      listed_within_bound(*a_, committed, [&](const auto& vids) { return !contains(vids, vid); });
  EXPECT_EQ(after.size(), before.size() - 1);
  EXPECT_FALSE(contains(after, vid));
  AdminClient admin_a(a_->admin_port());
  expect_error(admin_a.get("/polyv/accounts/b0f7041324/videos/" + vid), 404, "not_found", "vid");
  EXPECT_FALSE(contains(exported_vids(parsed(admin_a.get("/export"))), vid));
}

}  // namespace
}  // namespace mediagate::testing
