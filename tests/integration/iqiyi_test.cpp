// iQiyi getVodCount over a real socket: seed 002 + decisions.md ("iQiyi getVodCount", "Limits
// and order of checks"). Signatures come from support/vendor_rules (the seed's rule, written
// independently of src/auth).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"

namespace mediagate::testing {
namespace {

constexpr const char* kPath = "/vod/coupon/getVodCount.action";
constexpr const char* kPartner = "T_Coupon_Pepsi";
constexpr const char* kKey = "1234567890";
constexpr const char* kForm = "application/x-www-form-urlencoded";
constexpr const char* kJsonType = "application/json;charset=UTF-8";
constexpr const char* kJsType = "application/javascript;charset=UTF-8";
constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

// The wire texts, spelled out here rather than taken from the server's constants.
constexpr const char* kQ00301 = R"({"code":"Q00301","msg":"参数错误"})";
constexpr const char* kQ00304 =
    R"({"code":"Q00304","msg":"账号校验失败,有可能是网络问题,建议重试"})";
constexpr const char* kQ00307 = R"({"code":"Q00307","msg":"签名错误"})";
constexpr const char* kQ00332 = R"({"code":"Q00332","msg":"系统错误"})";

std::string success(int coupons) {
  return R"({"code":"A00000","msg":"成功","result":{"code":"A00000","message":"成功","data":{"sendGiftSize":)" +
         std::to_string(coupons) + "}}}";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class Iqiyi : public ::testing::Test {
 protected:
  explicit Iqiyi(TestServer::Tweak tweak = {},
                 std::vector<std::string> fixtures = {source_path("fixtures/sample.json")})
      : server_(std::move(tweak), std::move(fixtures)) {}

  // A fresh `appName_UUID` messageId (42 characters).
  std::string fresh_id() {
    char uuid[40];
    std::snprintf(uuid, sizeof uuid, "3f2504e0-4f89-11d3-9a0c-%012d", ++counter_);
    return std::string("myapp_") + uuid;
  }
  // The required parameters for test_user_001 (area left to the default unless given).
  Params base(const std::string& user = "test_user_001") {
    return {{"messageId", fresh_id()},
            {"version", "1.0"},
            {"partnerCode", kPartner},
            {"user_id", user}};
  }
  static Params signed_params(Params params, const std::string& key = kKey) {
    if (params.count("sign") == 0) params["sign"] = iqiyi_sign(params, key);
    return params;
  }
  client::ClientResponse get(const Params& params) {
    return server_.get(std::string(kPath) + "?" + form_query(signed_params(params)));
  }
  client::ClientResponse raw_get(const std::string& query) {
    return server_.get(std::string(kPath) + "?" + query);
  }
  client::ClientResponse post(const std::string& body, const std::string& content_type = kForm,
                              const std::string& query = "") {
    const std::string target = query.empty() ? kPath : std::string(kPath) + "?" + query;
    auto response = server_.client().post(target, body, content_type);
    if (!response) throw std::runtime_error("POST: " + response.error());
    return std::move(response).value();
  }
  client::ClientResponse post(const Params& params, const std::string& content_type = kForm) {
    return post(form_query(signed_params(params)), content_type);
  }
  static void expect_body(const client::ClientResponse& response, const std::string& body,
                          const std::string& type = kJsonType) {
    EXPECT_EQ(response.status, 200u);
    EXPECT_EQ(response.header("content-type"), type);
    EXPECT_EQ(response.body, body);
  }

  TestServer server_;
  int counter_ = 0;
};

// --- success -------------------------------------------------------------------------------

TEST_F(Iqiyi, SuccessOverGetExactBody) {
  auto params = base();
  params["area"] = "CN";
  expect_body(get(params), success(3));
}

TEST_F(Iqiyi, SeedVectorI1OnTheWire) {
  // vendor-spec §3.4 I1, sent with its published signature.
  expect_body(raw_get("area=CN&messageId=myapp_3f2504e0-4f89-11d3-9a0c-0305e82c3301"
                      "&partnerCode=T_Coupon_Pepsi&user_id=test_user_001&version=1.0"
                      "&sign=d6eae7918ce367f69ef37119bf3400a2"),
              success(3));
}

TEST_F(Iqiyi, SeedVectorI2WithSignedCallback) {
  expect_body(raw_get("area=CN&callback=jsonp_cb1"
                      "&messageId=myapp_3f2504e0-4f89-11d3-9a0c-0305e82c3301"
                      "&partnerCode=T_Coupon_Pepsi&user_id=test_user_001&version=1.0"
                      "&sign=d59b6b7b0bc05df2f7e2e028c0539491"),
              "jsonp_cb1(" + success(3) + ")", kJsType);
}

TEST_F(Iqiyi, SeedVectorI3WithEmptyIsLogin) {
  expect_body(raw_get("area=CN&is_login=&messageId=myapp_3f2504e0-4f89-11d3-9a0c-0305e82c3301"
                      "&partnerCode=T_Coupon_Pepsi&user_id=test_user_001&version=1.0"
                      "&sign=4d1ddf87deec53b2fceab48e9f6bdcdb"),
              success(3));
}

TEST_F(Iqiyi, SuccessOverPostForm) {
  expect_body(post(base()), success(3));
  expect_body(post(base(), "application/x-www-form-urlencoded;charset=UTF-8"), success(3));
  expect_body(post(base(), "Application/X-WWW-Form-URLEncoded ; Charset=utf-8"), success(3));
}

TEST_F(Iqiyi, PostParametersMayBeSplitBetweenQueryAndBody) {
  const Params all = signed_params(base());
  Params in_query{{"messageId", all.at("messageId")}, {"sign", all.at("sign")}};
  Params in_body = all;
  in_body.erase("messageId");
  in_body.erase("sign");
  expect_body(post(form_query(in_body), kForm, form_query(in_query)), success(3));
}

TEST_F(Iqiyi, PostWithoutBodyOrContentTypeReadsTheQuery) {
  auto response =
      server_.client().post(std::string(kPath) + "?" + form_query(signed_params(base())), "", "");
  ASSERT_TRUE(response);
  expect_body(*response, success(3));
}

TEST_F(Iqiyi, AreaDefaultsToCn) {
  expect_body(get(base()), success(3));
  auto empty_area = base();
  empty_area["area"] = "";  // signed as "area=", read as the default
  expect_body(get(empty_area), success(3));
}

TEST_F(Iqiyi, TaiwanUser) {
  auto params = base("test_user_002");
  params["area"] = "TW";
  expect_body(get(params), success(0));
  // A user exists only in its own area.
  expect_body(get(base("test_user_002")), kQ00304);
  auto wrong_area = base();
  wrong_area["area"] = "TW";
  expect_body(get(wrong_area), kQ00304);
}

TEST_F(Iqiyi, UnknownUser) {
  expect_body(get(base("nobody")), kQ00304);
  expect_body(get(base("TEST_USER_001")), kQ00304);
}

// --- parameters ----------------------------------------------------------------------------

TEST_F(Iqiyi, EachMissingRequiredParameter) {
  for (const char* name : {"messageId", "version", "partnerCode", "user_id"}) {
    auto params = base();
    params.erase(name);
    expect_body(get(params), kQ00301);  // signed without it
    params = base();
    params[name] = "";  // present but empty, signed as "name="
    expect_body(get(params), kQ00301);
  }
  auto unsigned_params = base();
  expect_body(raw_get(form_query(unsigned_params)), kQ00301);
  unsigned_params["sign"] = "";
  expect_body(raw_get(form_query(unsigned_params)), kQ00301);
}

TEST_F(Iqiyi, VersionMustBeOnePointZero) {
  for (const char* version : {"1", "2.0", "1.00", "1.0 ", "v1.0"}) {
    auto params = base();
    params["version"] = version;
    expect_body(get(params), kQ00301);
  }
}

TEST_F(Iqiyi, BadArea) {
  for (const char* area : {"HK", "cn", "tw", "CN ", "CNTW"}) {
    auto params = base();
    params["area"] = area;
    expect_body(get(params), kQ00301);
  }
}

TEST_F(Iqiyi, MessageIdMustBeLongerThanSixteenCharacters) {
  auto params = base();
  params["messageId"] = "myapp_0123456789";  // 16
  expect_body(get(params), kQ00301);
  params["messageId"] = "myapp_01234567890";  // 17
  expect_body(get(params), success(3));
  // Characters, not bytes: 16 characters in 46 bytes are too short, 17 are enough.
  params["messageId"] = "应用_一二三四五六七八九十一二三";  // 16 characters
  expect_body(get(params), kQ00301);
  params["messageId"] = "应用_一二三四五六七八九十一二三四";  // 17 characters
  expect_body(get(params), success(3));
}

TEST_F(Iqiyi, MessageIdNeedsTheAppNamePrefix) {
  for (const char* id : {"_myapp0123456789abc", "myapp0123456789abcdef", "myapp0123456789abcd_",
                         "__________________"}) {
    auto params = base();
    params["messageId"] = id;
    expect_body(get(params), kQ00301);
  }
  auto params = base();
  params["messageId"] = "a_b_c_0123456789abcdef";  // the first '_' splits; the rest may hold more
  expect_body(get(params), success(3));
}

TEST_F(Iqiyi, XiaomiBoxParameters) {
  // All three with a user_id: signed like any other parameter.
  auto params = base();
  params["is_login"] = "1";
  params["dev_mac"] = "AA:BB:CC:DD:EE:FF";
  params["cp_data"] = "{\"k\":\"v\"}";
  expect_body(get(params), success(3));
  // Without user_id, one non-empty Xiaomi-box parameter makes the request well-formed; no store
  // maps a box to a user, so the account check fails.
  for (const char* name : {"is_login", "dev_mac", "cp_data"}) {
    auto box = base();
    box.erase("user_id");
    box[name] = "1";
    expect_body(get(box), kQ00304);
  }
  // Without user_id and with only empty Xiaomi-box parameters: a missing parameter.
  auto empty_box = base();
  empty_box.erase("user_id");
  empty_box["is_login"] = "";
  empty_box["dev_mac"] = "";
  expect_body(get(empty_box), kQ00301);
}

TEST_F(Iqiyi, UnknownPartner) {
  auto params = base();
  params["partnerCode"] = "T_Coupon_Nobody";
  expect_body(get(params), kQ00301);
  params["partnerCode"] = "t_coupon_pepsi";
  expect_body(get(params), kQ00301);
}

// --- signature -----------------------------------------------------------------------------

TEST_F(Iqiyi, BadSignature) {
  expect_body(get(signed_params(base(), "not-the-key")), kQ00307);
  // The right digest in upper case.
  auto params = signed_params(base());
  for (auto& c : params["sign"]) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  expect_body(get(params), kQ00307);
  // Signed, then a parameter changed.
  params = signed_params(base());
  params["user_id"] = "test_user_002";
  expect_body(get(params), kQ00307);
  // Not hex at all.
  params = base();
  params["sign"] = "x";
  expect_body(get(params), kQ00307);
}

TEST_F(Iqiyi, SignatureWithOrWithoutCallbackAccepted) {
  auto with = base();
  with["callback"] = "cb";
  expect_body(get(with), "cb(" + success(3) + ")", kJsType);  // callback signed

  auto without = signed_params(base());
  without["callback"] = "cb";  // added after signing
  expect_body(get(without), "cb(" + success(3) + ")", kJsType);
}

TEST_F(Iqiyi, EmptyParametersAreSignedAsNameEquals) {
  auto params = base();
  params["is_login"] = "";
  expect_body(get(params), success(3));  // "is_login=" in the signed string

  auto unsigned_empty = signed_params(base());
  unsigned_empty["is_login"] = "";  // sent, but left out of the signature
  expect_body(get(unsigned_empty), kQ00307);
}

// --- messageId replay ----------------------------------------------------------------------

TEST_F(Iqiyi, ReplayRefusedUntilTheHorizonHasPassed) {
  const Params params = signed_params(base());
  expect_body(get(params), success(3));
  expect_body(get(params), kQ00301);
  expect_body(post(form_query(params)), kQ00301);  // over POST as well
  server_.clock().advance(kDayMs);
  expect_body(get(params), kQ00301);  // the horizon is inclusive
  server_.clock().advance(1);
  expect_body(get(params), success(3));
  expect_body(get(params), kQ00301);  // and spent again
}

TEST_F(Iqiyi, MessageIdIsSpentOnceTheSignatureIsVerified) {
  // After Q00304 the id is spent: a retry needs a new one.
  auto params = base("nobody");
  const std::string id = params["messageId"];
  expect_body(get(params), kQ00304);
  auto retry = base();
  retry["messageId"] = id;
  expect_body(get(retry), kQ00301);

  // Before the signature is verified it is not: a bad signature, an unknown partner and a bad
  // parameter leave the id usable.
  auto fresh = base();
  expect_body(get(signed_params(fresh, "not-the-key")), kQ00307);
  auto unknown = fresh;
  unknown["partnerCode"] = "T_Coupon_Nobody";
  expect_body(get(unknown), kQ00301);
  auto bad_version = fresh;
  bad_version["version"] = "2.0";
  expect_body(get(bad_version), kQ00301);
  expect_body(get(fresh), success(3));
}

class IqiyiTwoPartners : public Iqiyi {
 protected:
  IqiyiTwoPartners() : Iqiyi({}, {source_path("fixtures/sample.json"), second_fixture()}) {}
  ~IqiyiTwoPartners() override { std::filesystem::remove_all(fixture_directory()); }

  static std::string fixture_directory() {
    return (std::filesystem::temp_directory_path() /
            ("mediagate-iqiyi-" + std::to_string(::getpid())))
        .string();
  }
  static std::string second_fixture() {
    std::filesystem::create_directories(fixture_directory());
    const std::string path = fixture_directory() + "/second_partner.json";
    std::ofstream(path) << R"({"iqiyi":{"partners":[{"partnerCode":"T_Coupon_Cola",)"
                        << R"("md5Key":"cola-key","users":[)"
                        << R"({"user_id":"test_user_001","area":"CN","vodCoupons":7}]}]}})";
    return path;
  }
};

TEST_F(IqiyiTwoPartners, MessageIdsAreScopedPerPartner) {
  auto pepsi = base();
  auto cola = pepsi;  // the same messageId and user
  cola["partnerCode"] = "T_Coupon_Cola";
  expect_body(get(pepsi), success(3));
  expect_body(get(signed_params(cola, "cola-key")), success(7));
  expect_body(get(pepsi), kQ00301);
  expect_body(get(signed_params(cola, "cola-key")), kQ00301);
  // Each partner's key signs only for that partner.
  auto cross = base();
  cross["partnerCode"] = "T_Coupon_Cola";
  expect_body(get(signed_params(cross, kKey)), kQ00307);
}

// --- order of checks -----------------------------------------------------------------------

TEST_F(Iqiyi, ChecksRunInTheDecidedOrder) {
  // A parameter error beats a bad signature.
  auto params = base();
  params["area"] = "HK";
  expect_body(get(signed_params(params, "not-the-key")), kQ00301);
  // An unknown partner beats a bad signature.
  params = base();
  params["partnerCode"] = "T_Coupon_Nobody";
  params["sign"] = "0123456789abcdef0123456789abcdef";
  expect_body(get(params), kQ00301);
  // A bad signature beats a replayed messageId and an unknown user.
  params = base();
  expect_body(get(params), success(3));
  auto replay_bad_sign = base("nobody");
  replay_bad_sign["messageId"] = params["messageId"];
  expect_body(get(signed_params(replay_bad_sign, "not-the-key")), kQ00307);
  // A replayed messageId beats an unknown user.
  expect_body(get(replay_bad_sign), kQ00301);
}

// --- JSONP ---------------------------------------------------------------------------------

TEST_F(Iqiyi, JsonpOnSuccessAndOnEveryError) {
  auto with_cb = [&](Params params, const std::string& key = kKey) {
    params["callback"] = "jQuery_1.cb$2";
    return get(signed_params(params, key));
  };
  expect_body(with_cb(base()), "jQuery_1.cb$2(" + success(3) + ")", kJsType);
  auto bad_version = base();
  bad_version["version"] = "2.0";
  expect_body(with_cb(bad_version), std::string("jQuery_1.cb$2(") + kQ00301 + ")", kJsType);
  expect_body(with_cb(base(), "not-the-key"), std::string("jQuery_1.cb$2(") + kQ00307 + ")",
              kJsType);
  expect_body(with_cb(base("nobody")), std::string("jQuery_1.cb$2(") + kQ00304 + ")", kJsType);
  // Over POST, and a wrong content type with the callback in the query.
  auto form = base();
  form["callback"] = "f";
  expect_body(post(form), "f(" + success(3) + ")", kJsType);
  expect_body(post("a=1", "text/plain", "callback=f"), std::string("f(") + kQ00301 + ")", kJsType);
  // An empty callback means plain JSON (it is still signed as "callback=").
  auto empty = base();
  empty["callback"] = "";
  expect_body(get(empty), success(3));
}

TEST_F(Iqiyi, InvalidCallbackIsNotReflected) {
  for (const std::string& name :
       {std::string("alert(1)//"), std::string("1abc"), std::string("a-b"), std::string("<script>"),
        std::string(65, 'a'), std::string("名字")}) {
    auto params = base();
    params["callback"] = name;
    const auto response = get(params);
    expect_body(response, kQ00301);
    EXPECT_EQ(response.body.find(name), std::string::npos) << name;
  }
  auto longest = base();
  longest["callback"] = std::string(64, 'a');
  expect_body(get(longest), std::string(64, 'a') + "(" + success(3) + ")", kJsType);
}

// --- bad input -----------------------------------------------------------------------------

TEST_F(Iqiyi, MalformedQueries) {
  const std::string good = form_query(signed_params(base()));
  for (const char* extra : {"&cp_data=%ZZ", "&cp_data=%", "&cp_data=%4", "&cp_data=%FF%FE",
                            "&cp_data=%C0%AF", "&%ZZ=1", "&version=1.0", "&sign=abc"}) {
    expect_body(raw_get(good + extra), kQ00301);
  }
  // A valid callback in a query that cannot be decoded is not trusted: plain JSON.
  expect_body(raw_get("callback=f&x=%ZZ"), kQ00301);
}

TEST_F(Iqiyi, MalformedPostBodies) {
  const Params params = signed_params(base());
  const std::string body = form_query(params);
  expect_body(post(body + "&dev_mac=%ZZ"), kQ00301);
  expect_body(post(body + "&dev_mac=%ED%A0%80"), kQ00301);           // a UTF-16 surrogate
  expect_body(post(body + "&user_id=test_user_001"), kQ00301);       // duplicate in the body
  expect_body(post(body, kForm, "user_id=test_user_001"), kQ00301);  // query and body
  expect_body(post(body, kForm, "messageId=" + params.at("messageId")), kQ00301);
  // The same request, well-formed, still succeeds: none of the above spent its messageId.
  expect_body(post(body), success(3));
}

TEST_F(Iqiyi, WrongContentType) {
  const std::string body = form_query(signed_params(base()));
  for (const char* type : {"application/json", "text/plain", "multipart/form-data; boundary=x",
                           "application/x-www-form-urlencodedx", "x-www-form-urlencoded"}) {
    expect_body(post(body, type), kQ00301);
  }
  // A body without any Content-Type is not read as a form either.
  expect_body(post(body, ""), kQ00301);
  expect_body(post(body), success(3));
}

TEST_F(Iqiyi, OversizedBodyGetsTheTransportAnswer) {
  const std::string body =
      form_query(signed_params(base())) + "&cp_data=" + std::string(100 * 1024, 'a');
  auto response = server_.client().post(kPath, body, kForm);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413u);
}

TEST_F(Iqiyi, OtherMethodsAre405) {
  const std::string target = std::string(kPath) + "?" + form_query(signed_params(base()));
  for (const char* method : {"PUT", "DELETE", "PATCH"}) {
    auto response = server_.client().request(method, target, "", "");
    ASSERT_TRUE(response) << method;
    EXPECT_EQ(response->status, 405u) << method;
  }
  EXPECT_EQ(server_.get("/vod/coupon/getVodCount.action/x").status, 404u);
  EXPECT_EQ(server_.get("/vod/coupon/getvodcount.action").status, 404u);
}

// --- store failure and logs ----------------------------------------------------------------

// Waits for `path` to contain `needle` (log lines are written after the response).
std::string wait_for_log(const std::string& path, const std::string& needle) {
  std::string text;
  for (int i = 0; i < 200; ++i) {
    text = read_file(path);
    if (text.find(needle) != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return text;
}

std::string log_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("mediagate-iqiyi-" + std::to_string(::getpid()) + "-" + name + ".log"))
      .string();
}

class IqiyiLogged : public Iqiyi {
 protected:
  IqiyiLogged()
      : Iqiyi([](core::Config& config) {
          config.access_log = log_path("access");
          config.server_log = log_path("server");
        }) {}
  ~IqiyiLogged() override {
    std::filesystem::remove(log_path("access"));
    std::filesystem::remove(log_path("server"));
  }
};

TEST_F(IqiyiLogged, StoreFailureIsQ00332AndLoggedWithoutSecrets) {
  // The user lookup fails...
  server_.drop_store_table("iqiyi_users");
  auto params = signed_params(base());
  expect_body(get(params), kQ00332);
  auto with_cb = base();
  with_cb["callback"] = "cb";
  expect_body(get(with_cb), std::string("cb(") + kQ00332 + ")", kJsType);
  // ...and so does the partner lookup.
  server_.drop_store_table("iqiyi_partners");
  expect_body(get(base()), kQ00332);

  const std::string server_log = wait_for_log(log_path("server"), "iqiyi_partners");
  EXPECT_NE(server_log.find("store failure"), std::string::npos) << server_log;
  EXPECT_NE(server_log.find("iqiyi_users"), std::string::npos) << server_log;
  EXPECT_EQ(server_log.find(kKey), std::string::npos) << server_log;
  EXPECT_EQ(server_log.find(params.at("sign")), std::string::npos) << server_log;
}

TEST_F(IqiyiLogged, AccessLogNamesVendorAndPartnerButNeverTheSign) {
  const auto params = signed_params(base());
  expect_body(get(params), success(3));
  const std::string access = wait_for_log(log_path("access"), "T_Coupon_Pepsi");
  EXPECT_NE(access.find(R"("vendor":"iqiyi")"), std::string::npos) << access;
  EXPECT_NE(access.find(R"("partner":"T_Coupon_Pepsi")"), std::string::npos) << access;
  EXPECT_EQ(access.find(params.at("sign")), std::string::npos) << access;
  EXPECT_EQ(access.find(params.at("messageId")), std::string::npos) << access;
}

}  // namespace
}  // namespace mediagate::testing
