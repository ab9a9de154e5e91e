// iQiyi's VOD coupon family over a real socket: useVodCoupon, queryVodCoupon and vip/info
// (seed 002's FAQ, breadth spec §1, docs/decisions/iqiyi-coupons.md), consistent with
// getVodCount. Signatures come from support/vendor_rules (the seed's rule, written independently
// of src/auth). Runs on whichever store TestServer uses (SQLite, or PostgreSQL with
// MEDIAGATE_TEST_STORE=postgres).
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"

namespace mediagate::testing {
namespace {

constexpr const char* kUse = "/vod/coupon/useVodCoupon.action";
constexpr const char* kQuery = "/vod/coupon/queryVodCoupon.action";
constexpr const char* kCount = "/vod/coupon/getVodCount.action";
constexpr const char* kInfo = "/vip/info.action";
constexpr const char* kPartner = "T_Coupon_Pepsi";
constexpr const char* kKey = "1234567890";
constexpr const char* kJsonType = "application/json;charset=UTF-8";
constexpr const char* kJsType = "application/javascript;charset=UTF-8";
constexpr std::int64_t kHourMs = 3600LL * 1000;
constexpr std::int64_t kRightMs = 48 * kHourMs;
constexpr const char* kContent = "1214805100";

constexpr const char* kQ00301 = R"({"code":"Q00301","msg":"参数错误"})";
constexpr const char* kQ00304 =
    R"({"code":"Q00304","msg":"账号校验失败,有可能是网络问题,建议重试"})";
constexpr const char* kQ00307 = R"({"code":"Q00307","msg":"签名错误"})";
constexpr const char* kQ00332 = R"({"code":"Q00332","msg":"系统错误"})";
constexpr const char* kNoCoupon =
    R"({"code":"A00000","msg":"成功","result":{"code":"Q00401","message":"用户无可用点播券","data":null}})";

std::string count_body(int coupons) {
  return R"({"code":"A00000","msg":"成功","result":{"code":"A00000","message":"成功","data":{"sendGiftSize":)" +
         std::to_string(coupons) + "}}}";
}

std::string used_record(std::int64_t id, const std::string& content, std::int64_t use_time,
                        const std::string& user = "test_user_001") {
  const std::string deadline = std::to_string(use_time + kRightMs);
  return R"({"contentId":)" + content + R"(,"deadline":)" + deadline + R"(,"id":)" +
         std::to_string(id) + R"(,"updateTime":)" + std::to_string(use_time) +
         R"(,"useStatus":1,"useTime":)" + std::to_string(use_time) + R"(,"userId":")" + user +
         R"(","vodDeadline":)" + deadline + "}";
}

std::string unused_record(const std::string& user = "test_user_001") {
  return R"({"contentId":null,"deadline":null,"id":null,"updateTime":null,"useStatus":0,)"
         R"("useTime":null,"userId":")" +
         user + R"(","vodDeadline":null})";
}

std::string use_body(bool held, const std::string& record) {
  return R"({"code":"A00000","msg":"成功","result":{"code":"A00001","message":"成功","data":{"hasUsedVodCoupon":)" +
         std::string(held ? "true" : "false") + R"(,"vodCoupon":)" + record + "}}}";
}

std::string query_body(const std::string& records) {
  return R"({"code":"A00000","msg":"成功","result":{"code":"A00000","message":"成功","data":{"vodCoupons":[)" +
         records + "]}}}";
}

std::string info_body(const std::string& data) {
  return R"({"code":"A00000","msg":"处理成功","data":)" + data + "}";
}

class IqiyiCoupons : public ::testing::Test {
 protected:
  IqiyiCoupons() { server_.clock().set(kTestNow); }

  std::string fresh_id() {
    char uuid[40];
    std::snprintf(uuid, sizeof uuid, "3f2504e0-4f89-11d3-9a0c-%012d", ++counter_);
    return std::string("myapp_") + uuid;
  }
  Params base(const std::string& user = "test_user_001") {
    return {{"messageId", fresh_id()},
            {"version", "1.0"},
            {"partnerCode", kPartner},
            {"user_id", user}};
  }
  Params use_params(const std::string& content = kContent,
                    const std::string& user = "test_user_001") {
    auto params = base(user);
    params["contentId"] = content;
    return params;
  }
  static Params info_params(const std::string& vip_type,
                            const std::string& user = "test_user_001") {
    return {{"partner", kPartner}, {"user_id", user}, {"user_type", "ott"}, {"vip_type", vip_type}};
  }
  static Params signed_params(Params params, const std::string& key = kKey) {
    if (params.count("sign") == 0) params["sign"] = iqiyi_sign(params, key);
    return params;
  }
  client::ClientResponse get(const char* path, const Params& params) {
    return server_.get(std::string(path) + "?" + form_query(signed_params(params)));
  }
  client::ClientResponse raw_get(const char* path, const std::string& query) {
    return server_.get(std::string(path) + "?" + query);
  }
  client::ClientResponse post(const char* path, const Params& params) {
    auto response = server_.client().post(path, form_query(signed_params(params)),
                                          "application/x-www-form-urlencoded");
    if (!response) throw std::runtime_error("POST: " + response.error());
    return std::move(response).value();
  }
  static void expect_body(const client::ClientResponse& response, const std::string& body,
                          const std::string& type = kJsonType) {
    EXPECT_EQ(response.status, 200u);
    EXPECT_EQ(response.header("content-type"), type);
    EXPECT_EQ(response.body, body);
  }
  void expect_count(int coupons, const std::string& user = "test_user_001") {
    auto params = base(user);
    if (user == "test_user_002") params["area"] = "TW";
    expect_body(get(kCount, params), count_body(coupons));
  }

  TestServer server_;
  int counter_ = 0;
};

// --- useVodCoupon --------------------------------------------------------------------------

TEST_F(IqiyiCoupons, AUseSpendsExactlyOneCouponAndOpensA48HourRight) {
  expect_count(3);
  expect_body(get(kUse, use_params()), use_body(false, used_record(1, kContent, kTestNow)));
  expect_count(2);
}

TEST_F(IqiyiCoupons, ARepeatWithinTheRightSpendsNothingAndSaysSo) {
  expect_body(get(kUse, use_params()), use_body(false, used_record(1, kContent, kTestNow)));
  server_.clock().advance(kRightMs - 1);  // the last millisecond of the right
  expect_body(post(kUse, use_params()), use_body(true, used_record(1, kContent, kTestNow)));
  expect_count(2);
}

TEST_F(IqiyiCoupons, OnceTheRightHasLapsedANewUseSpendsAnotherCoupon) {
  expect_body(get(kUse, use_params()), use_body(false, used_record(1, kContent, kTestNow)));
  server_.clock().advance(kRightMs);  // vodDeadline <= now: lapsed
  const std::int64_t later = kTestNow + kRightMs;
  expect_body(get(kUse, use_params()), use_body(false, used_record(2, kContent, later)));
  expect_count(1);
}

TEST_F(IqiyiCoupons, ARightIsPerContent) {
  expect_body(get(kUse, use_params()), use_body(false, used_record(1, kContent, kTestNow)));
  expect_body(get(kUse, use_params("42")), use_body(false, used_record(2, "42", kTestNow)));
  expect_count(1);
}

TEST_F(IqiyiCoupons, WithoutCouponsTheAnswerIsQ00401AndNothingChanges) {
  auto params = use_params(kContent, "test_user_002");
  params["area"] = "TW";
  expect_body(get(kUse, params), kNoCoupon);
  expect_count(0, "test_user_002");
  // Spending all three, then a fourth content.
  for (int i = 1; i <= 3; ++i) {
    expect_body(get(kUse, use_params(std::to_string(i))),
                use_body(false, used_record(i, std::to_string(i), kTestNow)));
  }
  expect_body(get(kUse, use_params("4")), kNoCoupon);
  expect_count(0);
  // A content whose right is open still answers its right.
  expect_body(get(kUse, use_params("2")), use_body(true, used_record(2, "2", kTestNow)));
}

TEST_F(IqiyiCoupons, TheRightsDeadlineMovesWithTheSandboxClock) {
  server_.clock().set(kTestNow + 5 * kHourMs);
  expect_body(get(kUse, use_params()),
              use_body(false, used_record(1, kContent, kTestNow + 5 * kHourMs)));
}

TEST_F(IqiyiCoupons, UseVectorIU1OnTheWire) {
  // breadth spec §1.6 IU1, with its published signature.
  expect_body(raw_get(kUse,
                      "area=CN&contentId=1214805100"
                      "&messageId=myapp_3f2504e0-4f89-11d3-9a0c-0305e82c3302"
                      "&partnerCode=T_Coupon_Pepsi&user_id=test_user_001&version=1.0"
                      "&sign=b761a00a67f60f3a8818efb5efe65c1e"),
              use_body(false, used_record(1, kContent, kTestNow)));
}

TEST_F(IqiyiCoupons, UseErrors) {
  expect_body(get(kUse, use_params(kContent, "nobody")), kQ00304);
  for (const char* name : {"messageId", "version", "partnerCode", "contentId"}) {
    auto params = use_params();
    params.erase(name);
    SCOPED_TRACE(name);
    expect_body(get(kUse, params), kQ00301);
  }
  auto unsigned_params = signed_params(use_params());
  unsigned_params.erase("sign");
  expect_body(raw_get(kUse, form_query(unsigned_params)), kQ00301);
  for (const char* bad : {"abc", "-1", "0", "1.5", "12345678901234567890"}) {
    SCOPED_TRACE(bad);
    expect_body(get(kUse, use_params(bad)), kQ00301);
  }
  auto wrong_area = use_params();
  wrong_area["area"] = "US";
  expect_body(get(kUse, wrong_area), kQ00301);
  auto unknown_partner = use_params();
  unknown_partner["partnerCode"] = "nobody";
  expect_body(get(kUse, unknown_partner), kQ00301);
  expect_body(get(kUse, signed_params(use_params(), "wrong-key")), kQ00307);
  // A spent messageId, even on a use: Q00301 (a retry needs a new one).
  const auto once = signed_params(use_params());
  expect_body(get(kUse, once), use_body(false, used_record(1, kContent, kTestNow)));
  expect_body(get(kUse, once), kQ00301);
  // ...and the messageId space is shared with getVodCount.
  auto count = signed_params(base());
  expect_body(get(kCount, count), count_body(2));
  auto reuse = count;
  reuse["contentId"] = kContent;
  reuse.erase("sign");
  expect_body(get(kUse, reuse), kQ00301);
  // A Xiaomi-box call names no user.
  auto box = use_params();
  box.erase("user_id");
  box["dev_mac"] = "00:11:22:33:44:55";
  expect_body(get(kUse, box), kQ00304);
  expect_count(2);
}

TEST_F(IqiyiCoupons, UseJsonpOnSuccessAndErrors) {
  auto params = use_params();
  params["callback"] = "cb";
  expect_body(get(kUse, params), "cb(" + use_body(false, used_record(1, kContent, kTestNow)) + ")",
              kJsType);
  auto none = use_params(kContent, "test_user_002");
  none["area"] = "TW";
  none["callback"] = "cb";
  expect_body(get(kUse, none), std::string("cb(") + kNoCoupon + ")", kJsType);
  auto bad = use_params();
  bad["callback"] = "cb";
  expect_body(get(kUse, signed_params(bad, "wrong")), std::string("cb(") + kQ00307 + ")", kJsType);
  auto evil = use_params();
  evil["callback"] = "alert(1)";
  expect_body(get(kUse, evil), kQ00301);
}

TEST_F(IqiyiCoupons, StoreFailureIsQ00332) {
  server_.drop_store_table("iqiyi_coupon_uses");
  expect_body(get(kUse, use_params()), kQ00332);
  expect_body(get(kQuery, base()), kQ00332);
  expect_body(get(kInfo, info_params("coupon")), kQ00332);
  expect_count(3);  // nothing was spent
}

// --- queryVodCoupon ------------------------------------------------------------------------

TEST_F(IqiyiCoupons, QueryListsUsesThenUnusedCoupons) {
  expect_body(get(kQuery, base()),
              query_body(unused_record() + "," + unused_record() + "," + unused_record()));
  expect_body(get(kUse, use_params()), use_body(false, used_record(1, kContent, kTestNow)));
  server_.clock().advance(kHourMs);
  expect_body(get(kUse, use_params("7")), use_body(false, used_record(2, "7", kTestNow + kHourMs)));
  expect_body(get(kQuery, base()),
              query_body(used_record(1, kContent, kTestNow) + "," +
                         used_record(2, "7", kTestNow + kHourMs) + "," + unused_record()));
  // Lapsed rights stay listed (used, expired).
  server_.clock().advance(10 * kRightMs);
  expect_body(post(kQuery, base()),
              query_body(used_record(1, kContent, kTestNow) + "," +
                         used_record(2, "7", kTestNow + kHourMs) + "," + unused_record()));
}

TEST_F(IqiyiCoupons, QueryVectorIQ1AndErrors) {
  expect_body(raw_get(kQuery,
                      "area=CN&messageId=myapp_3f2504e0-4f89-11d3-9a0c-0305e82c3303"
                      "&partnerCode=T_Coupon_Pepsi&user_id=test_user_001&version=1.0"
                      "&sign=b8a2c169a0597b0f4eda43be7863c398"),
              query_body(unused_record() + "," + unused_record() + "," + unused_record()));
  auto empty = base("test_user_002");
  empty["area"] = "TW";
  expect_body(get(kQuery, empty), query_body(""));
  expect_body(get(kQuery, base("nobody")), kQ00304);
  expect_body(get(kQuery, signed_params(base(), "wrong")), kQ00307);
  auto missing = base();
  missing.erase("version");
  expect_body(get(kQuery, missing), kQ00301);
  auto cb = base();
  cb["callback"] = "q.cb";
  expect_body(
      get(kQuery, cb),
      "q.cb(" + query_body(unused_record() + "," + unused_record() + "," + unused_record()) + ")",
      kJsType);
}

// --- vip/info ------------------------------------------------------------------------------

TEST_F(IqiyiCoupons, InfoCouponVectorIV1AndTheSameCouponsAsTheQuery) {
  expect_body(
      raw_get(kInfo,
              "partner=T_Coupon_Pepsi&user_id=test_user_001&user_type=ott"
              "&vip_type=coupon&sign=26f2dd23880db2b03251060e0ab6a0d3"),
      info_body("[" + unused_record() + "," + unused_record() + "," + unused_record() + "]"));
  expect_body(get(kUse, use_params()), use_body(false, used_record(1, kContent, kTestNow)));
  expect_body(get(kInfo, info_params("coupon")),
              info_body("[" + used_record(1, kContent, kTestNow) + "," + unused_record() + "," +
                        unused_record() + "]"));
}

TEST_F(IqiyiCoupons, InfoVodReportsTheOpenRight) {
  expect_body(get(kInfo, info_params("vod")), info_body("{}"));
  expect_body(get(kUse, use_params()), use_body(false, used_record(1, kContent, kTestNow)));
  // 2023-11-14 22:13:20 UTC + 48 h = 2023-11-17 06:13:20 +08.
  const std::string right = R"({"deadline":{"t":)" + std::to_string(kTestNow + kRightMs) +
                            R"(,"date":"2023年11月17日"}})";
  expect_body(get(kInfo, info_params("vod")), info_body(right));
  auto for_content = info_params("vod");
  for_content["content_id"] = kContent;
  expect_body(get(kInfo, for_content), info_body(right));
  for_content["content_id"] = "99";
  expect_body(get(kInfo, for_content), info_body("{}"));
  expect_body(get(kInfo, info_params("gold")), info_body("{}"));
  server_.clock().advance(kRightMs);
  expect_body(get(kInfo, info_params("vod")), info_body("{}"));
}

TEST_F(IqiyiCoupons, InfoErrorsAndJsonp) {
  expect_body(get(kInfo, info_params("coupon", "nobody")), kQ00304);
  for (const char* name : {"partner", "user_id", "user_type", "vip_type"}) {
    auto params = info_params("coupon");
    params.erase(name);
    SCOPED_TRACE(name);
    expect_body(get(kInfo, params), kQ00301);
  }
  auto bad_type = info_params("platinum");
  expect_body(get(kInfo, bad_type), kQ00301);
  auto bad_user_type = info_params("coupon");
  bad_user_type["user_type"] = "fax";
  expect_body(get(kInfo, bad_user_type), kQ00301);
  auto bad_content = info_params("vod");
  bad_content["content_id"] = "x1";
  expect_body(get(kInfo, bad_content), kQ00301);
  auto unknown = info_params("coupon");
  unknown["partner"] = "nobody";
  expect_body(get(kInfo, unknown), kQ00301);
  expect_body(get(kInfo, signed_params(info_params("coupon"), "wrong")), kQ00307);
  // partnerCode is not vip/info's name for the partner.
  auto renamed = info_params("coupon");
  renamed.erase("partner");
  renamed["partnerCode"] = kPartner;
  expect_body(get(kInfo, renamed), kQ00301);
  auto cb = info_params("vod");
  cb["callback"] = "cb";
  expect_body(get(kInfo, cb), "cb(" + info_body("{}") + ")", kJsType);
  // No messageId: the same signed request may be sent again.
  const auto again = signed_params(info_params("vod"));
  expect_body(get(kInfo, again), info_body("{}"));
  expect_body(get(kInfo, again), info_body("{}"));
}

// --- one coupon, one use: threads over sockets ---------------------------------------------

// Spends two of test_user_001's three coupons, then sends `kRacers` uses at once, each on its
// own connection, half of them for one content and half for others: exactly one spends the
// last coupon; the others answer the open right (same content) or Q00401.
void race_for_the_last_coupon(TestServer& server) {
  server.clock().set(kTestNow);
  constexpr int kRacers = 16;
  const auto request = [](const std::string& message_id, const std::string& content) {
    Params params{{"messageId", message_id},
                  {"version", "1.0"},
                  {"partnerCode", kPartner},
                  {"user_id", "test_user_001"},
                  {"contentId", content}};
    params["sign"] = iqiyi_sign(params, kKey);
    return std::string(kUse) + "?" + form_query(params);
  };
  for (int i = 1; i <= 2; ++i) {
    auto spent = server.client().get(
        request("race_warmup-" + std::to_string(i) + "-0000000000", "90" + std::to_string(i)));
    ASSERT_TRUE(spent) << spent.error();
    ASSERT_EQ(spent->body, use_body(false, used_record(i, "90" + std::to_string(i), kTestNow)));
  }
  std::atomic<bool> go{false};
  std::atomic<int> consumed{0};
  std::atomic<int> held{0};
  std::atomic<int> none{0};
  std::vector<std::string> others(kRacers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kRacers; ++i) {
    threads.emplace_back([&, i] {
      auto client = server.client();
      const std::string content = i % 2 == 0 ? kContent : std::to_string(1000 + i);
      const std::string target =
          request("race_racer-" + std::to_string(i) + "-0000000000", content);
      while (!go.load()) std::this_thread::yield();
      auto answer = client.get(target);
      if (!answer) {
        others[static_cast<std::size_t>(i)] = answer.error();
        return;
      }
      const std::string& body = answer->body;
      if (body.find(R"("hasUsedVodCoupon":false)") != std::string::npos) {
        ++consumed;
      } else if (body.find(R"("hasUsedVodCoupon":true)") != std::string::npos) {
        ++held;
      } else if (body == kNoCoupon) {
        ++none;
      } else {
        others[static_cast<std::size_t>(i)] = body;
      }
    });
  }
  go = true;
  for (auto& thread : threads) thread.join();
  for (const auto& other : others) EXPECT_EQ(other, "");
  EXPECT_EQ(consumed.load(), 1);
  EXPECT_EQ(consumed.load() + held.load() + none.load(), kRacers);
  // getVodCount agrees: none left; the query lists three uses and no unused coupon.
  Params count{{"messageId", "race_count-00000000000"},
               {"version", "1.0"},
               {"partnerCode", kPartner},
               {"user_id", "test_user_001"}};
  count["sign"] = iqiyi_sign(count, kKey);
  auto counted = server.client().get(std::string(kCount) + "?" + form_query(count));
  ASSERT_TRUE(counted) << counted.error();
  EXPECT_EQ(counted->body, count_body(0));
  Params query = count;
  query["messageId"] = "race_query-00000000000";
  query.erase("sign");
  query["sign"] = iqiyi_sign(query, kKey);
  auto listed = server.client().get(std::string(kQuery) + "?" + form_query(query));
  ASSERT_TRUE(listed) << listed.error();
  std::size_t uses = 0;
  for (std::size_t at = listed->body.find(R"("useStatus":1)"); at != std::string::npos;
       at = listed->body.find(R"("useStatus":1)", at + 1)) {
    ++uses;
  }
  EXPECT_EQ(uses, 3u) << listed->body;
  EXPECT_EQ(listed->body.find(R"("useStatus":0)"), std::string::npos) << listed->body;
}

TEST(IqiyiCouponRace, OneCouponOneUseOnSqlite) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("mediagate-coupon-race-" + std::to_string(::getpid()) + ".db");
  {
    TestServer server([&](core::Config& config) {
      config.threads = 8;
      config.store = "sqlite:" + path.string();
    });
    race_for_the_last_coupon(server);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path.string() + suffix);
  }
}

TEST(IqiyiCouponRace, OneCouponOneUseOnPostgres) {
  const char* url = std::getenv("MEDIAGATE_TEST_POSTGRES_URL");
  if (url == nullptr || *url == '\0') {
    const char* required = std::getenv("MEDIAGATE_TEST_REQUIRE_SERVICES");
    const std::string why =
        "MEDIAGATE_TEST_POSTGRES_URL is not set: PostgreSQL tests are off (scripts/test.sh "
        "turns them on)";
    if (required != nullptr && std::string(required) == "1") FAIL() << why;
    GTEST_SKIP() << why;
  }
  std::function<void()> drop;
  const std::string store = fresh_postgres_store(drop);
  {
    TestServer server([&](core::Config& config) {
      config.threads = 8;
      config.store = store;
    });
    race_for_the_last_coupon(server);
  }
  if (drop) drop();
}

}  // namespace
}  // namespace mediagate::testing
