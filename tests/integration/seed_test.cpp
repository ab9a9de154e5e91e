// `mediagate seed` (cli::run_seed) end to end: generated data written into a real SQLite
// store, identical on a re-run, and served: signed vendor requests answer from it with the
// credentials of fixtures/sample.json.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "cli/seed_command.hpp"
#include "store/store.hpp"
#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"
#include "vendors/dataset_writes.hpp"
#include "vendors/demo_generator.hpp"
#include "vendors/iqiyi/iqiyi_repository.hpp"
#include "vendors/open_store.hpp"
#include "vendors/polyv/polyv_repository.hpp"
#include "vendors/pumpkin/pumpkin_repository.hpp"

namespace mediagate::testing {
namespace {
using vendors::polyv::polyv_repository;

constexpr std::int64_t kHourMs = 3'600'000;

class Seed : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "mediagate-seed-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    url_ = "sqlite:" + dir_ + "/seed.db";
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  // The options run_seed gets from args() below.
  static vendors::DemoOptions options() {
    vendors::DemoOptions o;
    o.size.videos = 2000;
    o.size.sessions = 600;
    o.size.allocations = 300;
    o.size.pumpkin_media = 400;
    o.size.iqiyi_users = 300;
    o.batch_rows = 700;
    return o;
  }
  std::vector<std::string> args() const {
    return {"--store", url_,      "--videos", "2000",    "--sessions", "600",     "--allocations",
            "300",     "--media", "400",      "--users", "300",        "--batch", "700"};
  }
  // Runs the command; returns its exit code, its standard output in `out` and its standard
  // error in `err`.
  static int seed(const std::vector<std::string>& arguments, std::string* out = nullptr,
                  std::string* err = nullptr) {
    ::testing::internal::CaptureStdout();
    ::testing::internal::CaptureStderr();
    const int code = cli::run_seed(arguments);
    const std::string out_text = ::testing::internal::GetCapturedStdout();
    const std::string err_text = ::testing::internal::GetCapturedStderr();
    if (out != nullptr) *out = out_text;
    if (err != nullptr) *err = err_text;
    return code;
  }

  std::string dir_;
  std::string url_;
};

TEST_F(Seed, WritesTheGeneratedDataAndPrintsTheCredentials) {
  std::string out;
  ASSERT_EQ(seed(args(), &out), 0);
  EXPECT_NE(out.find("2000 videos"), std::string::npos) << out;
  EXPECT_NE(out.find("b0f7041324 tIQp4ATe9Z | frlr1zazn3"), std::string::npos) << out;
  EXPECT_NE(out.find("TEST_PID TEST_ACCESS_SECRET"), std::string::npos) << out;

  const auto expected = vendors::generate_demo_dataset(options());
  auto store = vendors::open_store(url_);
  ASSERT_TRUE(store);
  for (const auto& account : expected.polyv_accounts) {
    vendors::polyv::VideoQuery query;
    query.user_id = account.keys.user_id;
    query.limit = 1;
    auto page = polyv_repository(**store).query_videos(query);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->total, static_cast<std::int64_t>(account.videos.size()));
  }
  auto offline = vendors::pumpkin::pumpkin_repository(**store).list_offline_media(
      0, vendors::kDefaultDemoAnchor);
  ASSERT_TRUE(offline);
  EXPECT_EQ(offline->size(), 400u * 7 / 10);
  auto user = vendors::iqiyi::iqiyi_repository(**store).find_user(
      "T_Coupon_Pepsi", expected.iqiyi_partners[0].users[0].user_id,
      expected.iqiyi_partners[0].users[0].area);
  ASSERT_TRUE(user);
  EXPECT_EQ(*user, expected.iqiyi_partners[0].users[0]);
  // The generated coupon uses are stored as generated (export orders them by user, then time).
  auto exported = vendors::export_dataset(*(*store));
  ASSERT_TRUE(exported);
  std::size_t uses = 0;
  ASSERT_EQ(exported->iqiyi_partners.size(), expected.iqiyi_partners.size());
  for (std::size_t p = 0; p < expected.iqiyi_partners.size(); ++p) {
    const auto& code = expected.iqiyi_partners[p].partner_code;
    const auto stored = std::find_if(
        exported->iqiyi_partners.begin(), exported->iqiyi_partners.end(),
        [&](const vendors::iqiyi::IqiyiPartner& partner) { return partner.partner_code == code; });
    ASSERT_NE(stored, exported->iqiyi_partners.end()) << code;
    auto generated = expected.iqiyi_partners[p].coupon_uses;
    std::sort(generated.begin(), generated.end(), [](const auto& a, const auto& b) {
      return std::tie(a.user_id, a.area, a.use_time) < std::tie(b.user_id, b.area, b.use_time);
    });
    EXPECT_EQ(stored->coupon_uses, generated);
    uses += generated.size();
  }
  EXPECT_GT(uses, 0u);
  EXPECT_NE(out.find(std::to_string(uses) + " iqiyi coupon uses"), std::string::npos) << out;
}

TEST_F(Seed, ARerunWithTheSameOptionsChangesNothing) {
  ASSERT_EQ(seed(args()), 0);
  auto store = vendors::open_store(url_);
  ASSERT_TRUE(store);
  auto before = vendors::export_dataset(*(*store));
  ASSERT_TRUE(before);
  std::string out;
  ASSERT_EQ(seed(args(), &out), 0);
  EXPECT_NE(out.find(": 0 polyv accounts, 0 categories, 0 videos"), std::string::npos) << out;
  auto after = vendors::export_dataset(*(*store));
  ASSERT_TRUE(after);
  EXPECT_EQ(*after, *before);
}

TEST_F(Seed, BadArgumentsAreRefusedBeforeTouchingTheStore) {
  std::string err;
  EXPECT_EQ(seed({"--store", url_, "--videos", "-5"}, nullptr, &err), 2);
  EXPECT_NE(err.find("--videos expects a non-negative integer, not '-5'"), std::string::npos)
      << err;
  EXPECT_EQ(seed({"--store", url_, "--videos", "many"}), 2);
  EXPECT_EQ(seed({"--store", url_, "--accounts", "0"}, nullptr, &err), 2);
  EXPECT_NE(err.find("accounts must be between 1 and 10000"), std::string::npos) << err;
  EXPECT_EQ(seed({"--store", url_, "--anchor", "2026-13-01 00:00:00"}), 2);
  EXPECT_EQ(seed({"--store", url_, "--now", "--anchor", "2026-01-01 00:00:00"}), 2);
  EXPECT_EQ(seed({"--store", url_, "--frobnicate"}), 2);
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/seed.db"));
  std::string help;
  EXPECT_EQ(seed({"--help"}, &help), 0);
  EXPECT_NE(help.find("Usage: mediagate seed"), std::string::npos);
}

TEST_F(Seed, TheAnchorMovesTheTimeline) {
  ASSERT_EQ(seed({"--store", url_, "--videos", "10", "--sessions", "0", "--allocations", "0",
                  "--media", "100", "--users", "0", "--anchor", "2024-06-01 12:00:00"}),
            0);
  auto store = vendors::open_store(url_);
  ASSERT_TRUE(store);
  constexpr core::EpochMs kAnchor = 1'717'214'400'000;  // 2024-06-01 12:00:00 UTC+8
  auto media = vendors::pumpkin::pumpkin_repository(**store).list_offline_media(0, kAnchor + 1);
  ASSERT_TRUE(media);
  EXPECT_EQ(media->size(), 70u);
  EXPECT_LT(*media->back().delete_time, kAnchor);
  EXPECT_GE(*media->front().delete_time, kAnchor - 100 * 36 * 60'000);
}

class SeedServed : public Seed {
 protected:
  void SetUp() override {
    Seed::SetUp();
    ASSERT_EQ(seed(args()), 0);
    server_ = std::make_unique<TestServer>([this](core::Config& config) { config.store = url_; },
                                           std::vector<std::string>{});
  }
  void TearDown() override {
    server_.reset();
    Seed::TearDown();
  }
  static boost::json::object body(const client::ClientResponse& response) {
    return boost::json::parse(response.body).as_object();
  }

  std::unique_ptr<TestServer> server_;
};

TEST_F(SeedServed, PolyvGetByUploaderWithTheSampleCredentials) {
  const auto expected = vendors::generate_demo_dataset(options());
  const auto& account = expected.polyv_accounts[0];
  std::int64_t by_test1 = 0;
  std::int64_t by_subs = 0;
  for (const auto& v : account.videos) {
    if (v.uploader_email == "test1@zzs.com") ++by_test1;
    if (v.uploader_email != account.keys.email) ++by_subs;
  }
  ASSERT_GT(by_test1, 0);

  auto get = [&](Params params) {
    params["ptime"] = std::to_string(server_->clock().now_ms());
    params["sign"] = polyv_vod_sign(params, "tIQp4ATe9Z");
    return server_->get("/v2/video/b0f7041324/get-by-uploader?" + form_query(params));
  };
  const auto everyone = get({{"pageSize", "5"}});
  ASSERT_EQ(everyone.status, 200u) << everyone.body;
  EXPECT_EQ(body(everyone).at("data").at("totalItems").as_int64(), by_subs);
  EXPECT_EQ(body(everyone).at("data").at("contents").as_array().size(), 5u);

  const auto test1 = get({{"email", "test1@zzs.com"}, {"orderType", "4"}});
  ASSERT_EQ(test1.status, 200u) << test1.body;
  const auto data = body(test1).at("data").as_object();
  EXPECT_EQ(data.at("totalItems").as_int64(), by_test1);
  // Most played first: a long tail, so the first is far above the median.
  const auto& contents = data.at("contents").as_array();
  ASSERT_FALSE(contents.empty());
  EXPECT_GE(contents.front().at("times").as_int64(), contents.back().at("times").as_int64());
}

TEST_F(SeedServed, PumpkinOfflineSyncListsTheLastTwelveHoursBeforeTheAnchor) {
  const core::EpochMs anchor = vendors::kDefaultDemoAnchor;
  server_->clock().set(anchor);
  const auto expected = vendors::generate_demo_dataset(options());
  std::int64_t in_window = 0;
  for (const auto& m : expected.pumpkin_media) {
    if (m.delete_time && *m.delete_time >= anchor - 12 * kHourMs && *m.delete_time < anchor) {
      ++in_window;
    }
  }
  ASSERT_GT(in_window, 0);
  Params params{{"pid", "TEST_PID"},
                {"timestamp", std::to_string(anchor)},
                {"signature_nonce", "seed-test-nonce"},
                {"format", "JSON"},
                {"version", "v1"},
                {"action", "/media/offline_sync"}};
  params["sign"] = pumpkin_sign("GET", params, "TEST_ACCESS_SECRET");
  const auto response = server_->get("/media/offline_sync?" + form_query(params));
  ASSERT_EQ(response.status, 200u);
  const auto root = body(response);
  ASSERT_EQ(root.at("status_code").as_int64(), 200) << response.body;
  EXPECT_EQ(root.at("content").at("total_movie_number").as_int64(), in_window);
}

TEST_F(SeedServed, ASeededIqiyiUserSpendsACouponAndTheCountDropsByOne) {
  // The demo data holds coupon balances: the first T_Coupon_Pepsi user with one spends it.
  const auto expected = vendors::generate_demo_dataset(options());
  const vendors::iqiyi::IqiyiUser* holder = nullptr;
  for (const auto& partner : expected.iqiyi_partners) {
    if (partner.partner_code != "T_Coupon_Pepsi") continue;
    for (const auto& user : partner.users) {
      if (user.vod_coupons > 0) {
        holder = &user;
        break;
      }
    }
  }
  ASSERT_NE(holder, nullptr);
  int serial = 0;
  auto call = [&](const std::string& path, Params params) {
    params["messageId"] = "seedtest_coupon-" + std::to_string(++serial) + "-00000000";
    params["version"] = "1.0";
    params["partnerCode"] = "T_Coupon_Pepsi";
    params["user_id"] = holder->user_id;
    params["area"] = holder->area;
    params["sign"] = iqiyi_sign(params, "1234567890");
    return server_->get(path + "?" + form_query(params));
  };
  const auto count = [&] {
    const auto answer = body(call("/vod/coupon/getVodCount.action", {}));
    return answer.at("result").at("data").at("sendGiftSize").as_int64();
  };
  EXPECT_EQ(count(), holder->vod_coupons);
  const auto used = call("/vod/coupon/useVodCoupon.action", {{"contentId", "1214805100"}});
  ASSERT_EQ(used.status, 200u);
  EXPECT_EQ(body(used).at("result").at("code").as_string(), "A00001") << used.body;
  EXPECT_FALSE(body(used).at("result").at("data").at("hasUsedVodCoupon").as_bool());
  EXPECT_EQ(count(), holder->vod_coupons - 1);
}

}  // namespace
}  // namespace mediagate::testing
