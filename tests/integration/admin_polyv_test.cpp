// The admin API over a real socket, Polyv entities: accounts, sub-accounts, categories,
// videos, channels, live sessions, groups, group sub-accounts and allocations; rotating a
// secret and seeing the vendor endpoints refuse the old one and accept the new one.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/admin_client.hpp"
#include "support/sample_fixture.hpp"
#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"

namespace mediagate::testing {
namespace {

using namespace sample;  // fixtures/sample.json's names and credentials
constexpr const char* kV1 = "b0f7041324d864436f410f581444542a_b";
constexpr const char* kAccount = "/polyv/accounts/b0f7041324";

std::vector<std::string> strings_at(const json::value& body, std::string_view key,
                                    std::string_view field = {}) {
  std::vector<std::string> out;
  for (const auto& item : body.at(key).as_array()) {
    out.emplace_back(field.empty() ? item.as_string() : item.at(field).as_string());
  }
  return out;
}

class AdminPolyv : public ::testing::Test {
 protected:
  // get-by-uploader signed with `secret`: 200 when the server accepts the signature.
  unsigned vod_status(const std::string& secret) {
    Params params{{"ptime", std::to_string(server_.clock().now_ms())}};
    params["sign"] = polyv_vod_sign(params, secret);
    return server_.get(std::string("/v2/video/") + kUser + "/get-by-uploader?" + form_query(params))
        .status;
  }
  // The live session list signed with `secret`.
  unsigned live_status(const std::string& secret) {
    Params params{{"appId", kLiveAppId},
                  {"channelId", kChannel},
                  {"timestamp", std::to_string(server_.clock().now_ms())}};
    params["sign"] = polyv_live_sign(params, secret);
    return server_.get("/live/v3/channel/session/data/list?" + form_query(params)).status;
  }
  // The group allocation log signed with `secret`.
  client::ClientResponse group_call(const std::string& secret) {
    Params params{{"appId", kGroup},
                  {"timestamp", std::to_string(server_.clock().now_ms())},
                  {"emails", "testdata@polyv.com"}};
    params["sign"] = polyv_live_sign(params, secret);
    return server_.get("/v2/group/account/list-allocate-log?" + form_query(params));
  }

  TestServer server_{{}, {source_path("fixtures/sample.json")}, kToken};
  AdminClient admin_{server_};
};

// --- accounts ---

TEST_F(AdminPolyv, GetAccountMasksItsSecrets) {
  const auto response = admin_.get(kAccount);
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.header("content-type"), "application/json;charset=UTF-8");
  EXPECT_EQ(response.body,
            R"({"userId":"b0f7041324","email":"owner@zzs.com","secretKey":"********",)"
            R"("appId":"frlr1zazn3","appSecret":"********",)"
            R"("subAccounts":["test1@zzs.com","test2@zzs.com"]})");
  EXPECT_EQ(response.body.find(kVodSecret), std::string::npos);
  expect_error(admin_.get("/polyv/accounts/nobody"), 404, "not_found", "userId");
}

TEST_F(AdminPolyv, CreateReadUpdateDeleteAnAccount) {
  const auto created = admin_.post(
      "/polyv/accounts",
      R"({"userId":"u2","email":"u2@x.com","secretKey":"k2","appId":"app2","appSecret":"s2",)"
      R"("subAccounts":["a@x.com"],"categories":[{"cataid":7,"name":"c","parent":null}],)"
      R"("videos":[{"vid":"u2v1","cataid":7,"title":"t","context":"","times":1,"firstImage":"",)"
      R"("tag":"","aacLink":null,"status":"60","uploaderEmail":"a@x.com","ptime":5}],)"
      R"("channels":[{"channelId":"900","sessions":[{"sessionId":"u2s1","startTime":1}]}]})");
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.header("location"), "/admin/v1/polyv/accounts/u2");
  EXPECT_EQ(parsed(created).at("secretKey"), json::value("********"));

  EXPECT_EQ(admin_.get("/polyv/accounts/u2").body,
            R"({"userId":"u2","email":"u2@x.com","secretKey":"********","appId":"app2",)"
            R"("appSecret":"********","subAccounts":["a@x.com"]})");
  EXPECT_EQ(admin_.get("/polyv/accounts/u2/videos/u2v1").status, 200u);
  EXPECT_EQ(admin_.get("/polyv/accounts/u2/channels/900/sessions/u2s1").status, 200u);

  // PUT without the secrets keeps them; the path gives the userId.
  const auto updated = admin_.put("/polyv/accounts/u2", R"({"email":"a@x.com","appId":"app2b"})");
  ASSERT_EQ(updated.status, 200u) << updated.body;
  EXPECT_EQ(parsed(updated).at("appId"), json::value("app2b"));
  const auto exported = parsed(admin_.get("/export"));
  bool found = false;
  for (const auto& account : exported.at("polyv").at("accounts").as_array()) {
    if (account.at("userId") != json::value("u2")) continue;
    found = true;
    EXPECT_EQ(account.at("secretKey"), json::value("k2"));
    EXPECT_EQ(account.at("appSecret"), json::value("s2"));
    EXPECT_EQ(account.at("email"), json::value("a@x.com"));
  }
  EXPECT_TRUE(found);

  const auto deleted = admin_.del("/polyv/accounts/u2");
  EXPECT_EQ(deleted.status, 204u);
  EXPECT_TRUE(deleted.body.empty());
  expect_error(admin_.get("/polyv/accounts/u2"), 404, "not_found", "userId");
  expect_error(admin_.del("/polyv/accounts/u2"), 404, "not_found", "userId");
  // Its children went with it: the ids are free again.
  expect_error(admin_.get("/polyv/accounts/u2/videos/u2v1"), 404, "not_found", "userId");
  EXPECT_EQ(admin_.post(std::string(kAccount) + "/channels", R"({"channelId":"900"})").status,
            201u);
}

TEST_F(AdminPolyv, ListAccountsPages) {
  for (const std::string id : {"a1", "a2", "a3"}) {
    ASSERT_EQ(admin_
                  .post("/polyv/accounts", R"({"userId":")" + id +
                                               R"(","email":"e","secretKey":"k","appId":"app-)" +
                                               id + R"(","appSecret":"s"})")
                  .status,
              201u);
  }
  const auto first = parsed(admin_.get("/polyv/accounts?limit=2"));
  EXPECT_EQ(strings_at(first, "items", "userId"), (std::vector<std::string>{"a1", "a2"}));
  EXPECT_EQ(first.at("total"), json::value(4));
  EXPECT_EQ(first.at("offset"), json::value(0));
  EXPECT_EQ(first.at("limit"), json::value(2));
  const auto second = parsed(admin_.get("/polyv/accounts?offset=2&limit=2"));
  EXPECT_EQ(strings_at(second, "items", "userId"), (std::vector<std::string>{"a3", kUser}));
  const auto past = parsed(admin_.get("/polyv/accounts?offset=10"));
  EXPECT_TRUE(past.at("items").as_array().empty());
  EXPECT_EQ(past.at("limit"), json::value(100));  // the default

  expect_error(admin_.get("/polyv/accounts?limit=1001"), 400, "invalid_parameter", "limit");
  expect_error(admin_.get("/polyv/accounts?limit=x"), 400, "invalid_parameter", "limit");
  expect_error(admin_.get("/polyv/accounts?offset=-1"), 400, "invalid_parameter", "offset");
  expect_error(admin_.get("/polyv/accounts?page=2"), 400, "invalid_parameter", "page");
  expect_error(admin_.get("/polyv/accounts?limit=1&limit=2"), 400, "invalid_parameter", "limit");
}

TEST_F(AdminPolyv, AccountBadInputNamesTheField) {
  expect_error(admin_.post("/polyv/accounts", R"({"userId":"x",)"), 400, "invalid_json", "$");
  expect_error(admin_.post("/polyv/accounts", ""), 400, "invalid_json", "$");
  expect_error(admin_.post("/polyv/accounts", "[]"), 400, "invalid_field", "$");
  const std::string base = R"("email":"e","secretKey":"k","appId":"new-app","appSecret":"s")";
  expect_error(admin_.post("/polyv/accounts", R"({"userId":"x",)" + base + R"(,"colour":1})"), 400,
               "unknown_field", "$.colour");
  expect_error(admin_.post("/polyv/accounts", R"({"userId":1,)" + base + "}"), 400, "invalid_field",
               "$.userId");
  expect_error(admin_.post("/polyv/accounts", R"({"userId":"x","secretKey":"k","appId":"a",)"
                                              R"("appSecret":"s"})"),
               400, "missing_field", "$.email");
  expect_error(admin_.post("/polyv/accounts",
                           R"({"userId":"x",)" + base + R"(,"videos":[{"vid":"v","cataid":"1"}]})"),
               400, "invalid_field", "$.videos[0].cataid");
  expect_error(admin_.post("/polyv/accounts", R"({"userId":"x","email":"e","secretKey":"********",)"
                                              R"("appId":"a","appSecret":"s"})"),
               400, "invalid_field", "$.secretKey");
  // Nothing was created.
  EXPECT_EQ(parsed(admin_.get("/polyv/accounts")).at("total"), json::value(1));
}

TEST_F(AdminPolyv, AccountConflictsAre409) {
  const std::string rest = R"("email":"e","secretKey":"k","appId":"fresh","appSecret":"s")";
  expect_error(admin_.post("/polyv/accounts", R"({"userId":"b0f7041324",)" + rest + "}"), 409,
               "conflict", "$.userId");
  expect_error(admin_.post("/polyv/accounts", R"({"userId":"x","email":"e","secretKey":"k",)"
                                              R"("appId":"frlr1zazn3","appSecret":"s"})"),
               409, "conflict", "$.appId");
  expect_error(
      admin_.post("/polyv/accounts",
                  R"({"userId":"x",)" + rest +
                      R"(,"categories":[{"cataid":1,"name":"c"}],"videos":[{"vid":")" + kV1 +
                      R"(","cataid":1,"title":"t","context":"","times":0,"firstImage":"",)"
                      R"("tag":"","status":"60","uploaderEmail":"e","ptime":0}]})"),
      409, "conflict", "$.videos[0].vid");
  expect_error(admin_.post("/polyv/accounts", R"({"userId":"x",)" + rest +
                                                  R"(,"channels":[{"channelId":"2272655"}]})"),
               409, "conflict", "$.channels[0].channelId");
  expect_error(
      admin_.post("/polyv/accounts", R"({"userId":"x",)" + rest +
                                         R"(,"channels":[{"channelId":"1","sessions":)"
                                         R"([{"sessionId":"g9lv2ghv2x","startTime":1}]}]})"),
      409, "conflict", "$.channels[0].sessions[0].sessionId");
  EXPECT_EQ(admin_.get("/polyv/accounts/x").status, 404u);  // rolled back
}

TEST_F(AdminPolyv, UpdateAccountRules) {
  expect_error(admin_.put(kAccount, R"({"userId":"other","email":"owner@zzs.com","appId":"a"})"),
               400, "invalid_field", "$.userId");
  expect_error(admin_.put(kAccount, R"({"email":"owner@zzs.com","appId":"a","videos":[]})"), 400,
               "invalid_field", "$.videos");
  expect_error(
      admin_.put(kAccount, R"({"email":"owner@zzs.com","appId":"a","appSecret":"********"})"), 400,
      "invalid_field", "$.appSecret");
  expect_error(admin_.put("/polyv/accounts/nobody", R"({"email":"e","appId":"a"})"), 404,
               "not_found", "userId");
  // The owner uploaded a video under its email: changing the email would orphan it.
  expect_error(admin_.put(kAccount, R"({"email":"new@zzs.com","appId":"frlr1zazn3"})"), 409,
               "conflict", "$.email");
  // Setting a secret explicitly is allowed (e.g. carrying over a partner's existing secret).
  ASSERT_EQ(admin_
                .put(kAccount, R"({"email":"owner@zzs.com","appId":"frlr1zazn3",)"
                               R"("secretKey":"chosen-secret"})")
                .status,
            200u);
  EXPECT_NE(vod_status(kVodSecret), 200u);
  EXPECT_EQ(vod_status("chosen-secret"), 200u);
  EXPECT_EQ(live_status(kLiveSecret), 200u);  // the live secret was kept
}

TEST_F(AdminPolyv, RotateTheVodSecretThenOnlyTheNewOneSigns) {
  ASSERT_EQ(vod_status(kVodSecret), 200u);
  const auto rotated =
      admin_.post(std::string(kAccount) + "/rotate-secret", R"({"kind":"secretKey"})");
  ASSERT_EQ(rotated.status, 200u) << rotated.body;
  const auto body = parsed(rotated);
  EXPECT_EQ(body.at("userId"), json::value(kUser));
  const std::string secret(body.at("secretKey").as_string());
  EXPECT_EQ(secret.size(), 32u);
  EXPECT_NE(secret, kVodSecret);

  EXPECT_NE(vod_status(kVodSecret), 200u);
  EXPECT_EQ(vod_status(secret), 200u);
  EXPECT_EQ(live_status(kLiveSecret), 200u);  // the other kind is untouched
  // Shown once: reads still mask it.
  EXPECT_EQ(admin_.get(kAccount).body.find(secret), std::string::npos);
}

TEST_F(AdminPolyv, RotateTheLiveSecret) {
  ASSERT_EQ(live_status(kLiveSecret), 200u);
  const auto rotated =
      admin_.post(std::string(kAccount) + "/rotate-secret", R"({"kind":"appSecret"})");
  ASSERT_EQ(rotated.status, 200u) << rotated.body;
  const std::string secret(parsed(rotated).at("appSecret").as_string());
  EXPECT_NE(live_status(kLiveSecret), 200u);
  EXPECT_EQ(live_status(secret), 200u);
  EXPECT_EQ(vod_status(kVodSecret), 200u);
}

TEST_F(AdminPolyv, RotateNeedsAKnownKindAndAccount) {
  const std::string path = std::string(kAccount) + "/rotate-secret";
  expect_error(admin_.post(path, R"({"kind":"password"})"), 400, "invalid_field", "$.kind");
  expect_error(admin_.post(path, R"({"kind":1})"), 400, "invalid_field", "$.kind");
  expect_error(admin_.post(path, R"({})"), 400, "missing_field", "$.kind");
  expect_error(admin_.send("POST", path), 400, "invalid_json", "$");
  expect_error(admin_.post(path, R"({"kind":"secretKey","also":1})"), 400, "unknown_field",
               "$.also");
  expect_error(admin_.post("/polyv/accounts/nobody/rotate-secret", R"({"kind":"secretKey"})"), 404,
               "not_found", "userId");
  EXPECT_EQ(vod_status(kVodSecret), 200u);
}

// --- sub-accounts ---

TEST_F(AdminPolyv, SubAccounts) {
  const std::string path = std::string(kAccount) + "/sub-accounts";
  const auto list = parsed(admin_.get(path + "?limit=1"));
  EXPECT_EQ(strings_at(list, "items"), (std::vector<std::string>{"test1@zzs.com"}));
  EXPECT_EQ(list.at("total"), json::value(2));

  const auto created = admin_.post(path, R"("new@zzs.com")");
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.body, R"("new@zzs.com")");
  EXPECT_EQ(created.header("location"),
            "/admin/v1/polyv/accounts/b0f7041324/sub-accounts/new@zzs.com");
  EXPECT_EQ(admin_.get(path + "/new@zzs.com").body, R"("new@zzs.com")");
  expect_error(admin_.post(path, R"("new@zzs.com")"), 409, "conflict", "$");
  expect_error(admin_.post(path, R"({"email":"x"})"), 400, "invalid_field", "$");
  expect_error(admin_.post(path, R"("")"), 400, "invalid_field", "$");
  expect_error(admin_.get(path + "/ghost@zzs.com"), 404, "not_found", "email");

  // A sub-account that uploaded videos stays.
  expect_error(admin_.del(path + "/test1@zzs.com"), 409, "conflict", "email");
  EXPECT_EQ(admin_.del(path + "/new@zzs.com").status, 204u);
  expect_error(admin_.del(path + "/new@zzs.com"), 404, "not_found", "email");
  expect_error(admin_.get("/polyv/accounts/nobody/sub-accounts"), 404, "not_found", "userId");
}

// --- categories ---

TEST_F(AdminPolyv, Categories) {
  const std::string path = std::string(kAccount) + "/categories";
  EXPECT_EQ(parsed(admin_.get(path)).at("total"), json::value(3));
  const auto created = admin_.post(path, R"({"cataid":42,"name":"新","parent":1})");
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.body, R"({"cataid":42,"name":"新","parent":1})");
  EXPECT_EQ(admin_.get(path + "/42").body, created.body);

  expect_error(admin_.post(path, R"({"cataid":42,"name":"again"})"), 409, "conflict", "$.cataid");
  expect_error(admin_.post(path, R"({"cataid":43,"name":"x","parent":999})"), 422,
               "invalid_reference", "$.parent");
  expect_error(admin_.post(path, R"({"cataid":43,"name":"x","parent":43})"), 422,
               "invalid_reference", "$.parent");
  expect_error(admin_.post(path, R"({"cataid":"43","name":"x"})"), 400, "invalid_field",
               "$.cataid");

  const auto moved = admin_.put(path + "/42", R"({"name":"renamed","parent":1539918907897})");
  ASSERT_EQ(moved.status, 200u) << moved.body;
  EXPECT_EQ(moved.body, R"({"cataid":42,"name":"renamed","parent":1539918907897})");
  // 1 -> ... -> 1539918907897 -> 42: making 1 a child of 42 is a cycle.
  expect_error(admin_.put(path + "/1", R"({"name":"root","parent":42})"), 422, "invalid_reference",
               "$.parent");
  expect_error(admin_.put(path + "/42", R"({"cataid":7,"name":"x"})"), 400, "invalid_field",
               "$.cataid");
  expect_error(admin_.put(path + "/77", R"({"name":"x"})"), 404, "not_found", "cataid");
  expect_error(admin_.get(path + "/abc"), 400, "invalid_parameter", "cataid");

  expect_error(admin_.del(path + "/1539918907897"), 409, "conflict", "cataid");  // has a child
  EXPECT_EQ(admin_.del(path + "/42").status, 204u);
  expect_error(admin_.del(path + "/1539918907897"), 409, "conflict", "cataid");  // has a video
  expect_error(admin_.get(path + "/42"), 404, "not_found", "cataid");
}

// --- videos ---

TEST_F(AdminPolyv, VideosCreateReadUpdateDeleteAndTheVendorSeesThem) {
  const std::string path = std::string(kAccount) + "/videos";
  const auto created = admin_.post(path, kNewVideo);
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.body, kNewVideo);
  EXPECT_EQ(created.header("location"), "/admin/v1/polyv/accounts/b0f7041324/videos/b0f7041324new");
  EXPECT_EQ(admin_.get(path + "/b0f7041324new").body, kNewVideo);

  Params params{{"ptime", std::to_string(server_.clock().now_ms())}};
  params["sign"] = polyv_vod_sign(params, kVodSecret);
  const auto vendor = server_.get("/v2/video/b0f7041324/get-by-uploader?" + form_query(params));
  EXPECT_NE(vendor.body.find("b0f7041324new"), std::string::npos);

  std::string changed = kNewVideo;
  changed.replace(changed.find("新视频"), std::string("新视频").size(), "改名");
  const auto updated = admin_.put(path + "/b0f7041324new", changed);
  ASSERT_EQ(updated.status, 200u) << updated.body;
  EXPECT_EQ(admin_.get(path + "/b0f7041324new").body, changed);

  EXPECT_EQ(admin_.del(path + "/b0f7041324new").status, 204u);
  expect_error(admin_.get(path + "/b0f7041324new"), 404, "not_found", "vid");
  expect_error(admin_.del(path + "/b0f7041324new"), 404, "not_found", "vid");
}

TEST_F(AdminPolyv, VideoRulesNameTheField) {
  const std::string path = std::string(kAccount) + "/videos";
  auto with = [](std::string_view from, std::string_view to) {
    std::string body = kNewVideo;
    body.replace(body.find(from), from.size(), to);
    return body;
  };
  expect_error(admin_.post(path, with(R"("cataid":1)", R"("cataid":5)")), 422, "invalid_reference",
               "$.cataid");
  expect_error(admin_.post(path, with("test2@zzs.com", "stranger@zzs.com")), 422,
               "invalid_reference", "$.uploaderEmail");
  expect_error(admin_.post(path, with(R"("status":"60")", R"("status":"99")")), 400,
               "invalid_field", "$.status");
  expect_error(admin_.post(path, with(R"("times":12)", R"("times":"12")")), 400, "invalid_field",
               "$.times");
  expect_error(
      admin_.post(path, with(R"("vid":"b0f7041324new")", std::string(R"("vid":")") + kV1 + "\"")),
      409, "conflict", "$.vid");
  expect_error(admin_.put(path + "/" + kV1, kNewVideo), 400, "invalid_field", "$.vid");
  expect_error(admin_.put(path + "/unknown", with(R"("vid":"b0f7041324new",)", "")), 404,
               "not_found", "vid");
  expect_error(admin_.post("/polyv/accounts/nobody/videos", kNewVideo), 404, "not_found", "userId");
}

TEST_F(AdminPolyv, VideosListPages) {
  const std::string path = std::string(kAccount) + "/videos";
  const auto page = parsed(admin_.get(path + "?offset=1&limit=2"));
  EXPECT_EQ(page.at("total"), json::value(4));
  EXPECT_EQ(page.at("items").as_array().size(), 2u);
  EXPECT_EQ(page.at("items").as_array()[0].at("vid"),
            json::value("b0f70413248dbeccef72d9f244278fe1_b"));  // by ptime
  EXPECT_TRUE(parsed(admin_.get(path + "?offset=4")).at("items").as_array().empty());
  EXPECT_TRUE(parsed(admin_.get(path + "?limit=0")).at("items").as_array().empty());
}

TEST_F(AdminPolyv, AVideoIsOnlyFoundUnderItsOwnAccount) {
  ASSERT_EQ(admin_
                .post("/polyv/accounts", R"({"userId":"other","email":"o","secretKey":"k",)"
                                         R"("appId":"other-app","appSecret":"s"})")
                .status,
            201u);
  expect_error(admin_.get(std::string("/polyv/accounts/other/videos/") + kV1), 404, "not_found",
               "vid");
  expect_error(admin_.del(std::string("/polyv/accounts/other/videos/") + kV1), 404, "not_found",
               "vid");
  EXPECT_EQ(admin_.get(std::string(kAccount) + "/videos/" + kV1).status, 200u);
}

// --- channels and sessions ---

TEST_F(AdminPolyv, Channels) {
  const std::string path = std::string(kAccount) + "/channels";
  EXPECT_EQ(admin_.get(path).body,
            R"({"items":[{"channelId":"2272655"}],"total":1,"offset":0,"limit":100})");
  const auto created =
      admin_.post(path, R"({"channelId":"3000","sessions":[{"sessionId":"n1","startTime":5}]})");
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.body, R"({"channelId":"3000"})");
  EXPECT_EQ(admin_.get(path + "/3000").body, R"({"channelId":"3000"})");
  EXPECT_EQ(admin_.get(path + "/3000/sessions/n1").status, 200u);
  expect_error(admin_.post(path, R"({"channelId":"3000"})"), 409, "conflict", "$.channelId");
  expect_error(admin_.post(path, R"({"channelId":"30a"})"), 400, "invalid_field", "$.channelId");
  expect_error(admin_.post(path, R"({"channelId":"3001","sessions":[{"sessionId":"g9lv2ghv2x",)"
                                 R"("startTime":1}]})"),
               409, "conflict", "$.sessions[0].sessionId");
  expect_error(admin_.put(path + "/3000", R"({"channelId":"3000"})"), 405, "method_not_allowed");

  EXPECT_EQ(admin_.del(path + "/3000").status, 204u);
  expect_error(admin_.get(path + "/3000"), 404, "not_found", "channelId");
  // Its sessions went with it.
  EXPECT_EQ(
      admin_.post(path, R"({"channelId":"3002","sessions":[{"sessionId":"n1","startTime":5}]})")
          .status,
      201u);
}

TEST_F(AdminPolyv, Sessions) {
  const std::string path = std::string(kAccount) + "/channels/2272655/sessions";
  const auto page = parsed(admin_.get(path + "?limit=2"));
  EXPECT_EQ(page.at("total"), json::value(5));
  EXPECT_EQ(strings_at(page, "items", "sessionId"),
            (std::vector<std::string>{"livenow0001", "g9lv2ghv2x"}));  // newest first

  const char* const session = R"({"sessionId":"s-new","startTime":1,"endTime":2,"customId":"c"})";
  const auto created = admin_.post(path, session);
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.body, session);
  EXPECT_EQ(admin_.get(path + "/s-new").body, session);
  expect_error(admin_.post(path, session), 409, "conflict", "$.sessionId");
  expect_error(admin_.post(path, R"({"sessionId":"s2","startTime":"1"})"), 400, "invalid_field",
               "$.startTime");

  const auto updated =
      admin_.put(path + "/livenow0001", R"({"startTime":1652100000000,"endTime":1652103600000})");
  ASSERT_EQ(updated.status, 200u) << updated.body;
  EXPECT_EQ(
      updated.body,
      R"({"sessionId":"livenow0001","startTime":1652100000000,"endTime":1652103600000,"customId":null})");
  expect_error(admin_.put(path + "/livenow0001", R"({"sessionId":"x","startTime":1})"), 400,
               "invalid_field", "$.sessionId");

  EXPECT_EQ(admin_.del(path + "/s-new").status, 204u);
  expect_error(admin_.get(path + "/s-new"), 404, "not_found", "sessionId");
  expect_error(admin_.get(std::string(kAccount) + "/channels/999/sessions"), 404, "not_found",
               "channelId");
}

// --- groups ---

TEST_F(AdminPolyv, GroupsCreateReadUpdateDelete) {
  EXPECT_EQ(admin_.get("/polyv/groups/ga1ayl6dh2").body,
            R"({"appId":"ga1ayl6dh2","appSecret":"********","forbidden":false,)"
            R"("subAccounts":["other@polyv.com","testdata@polyv.com"]})");
  const auto list = parsed(admin_.get("/polyv/groups?limit=1&offset=1"));
  EXPECT_EQ(strings_at(list, "items", "appId"), (std::vector<std::string>{"gbanned001"}));
  EXPECT_EQ(list.at("total"), json::value(2));

  const auto created = admin_.post(
      "/polyv/groups",
      R"({"appId":"g3","appSecret":"s3","subAccounts":["m@x.com"],"allocations":[{"email":"m@x.com",)"
      R"("date":"2020-01-01 00:00:00","type":"vod","origin":"O","originText":"T","space":1}]})");
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.body,
            R"({"appId":"g3","appSecret":"********","forbidden":false,"subAccounts":["m@x.com"]})");
  expect_error(admin_.post("/polyv/groups", R"({"appId":"g3","appSecret":"s"})"), 409, "conflict",
               "$.appId");
  expect_error(admin_.post("/polyv/groups", R"({"appId":"g4","appSecret":"s","allocations":)"
                                            R"([{"email":"x","date":"2020-01-01","type":"vod",)"
                                            R"("origin":"O","originText":"T"}]})"),
               400, "invalid_field", "$.allocations[0].date");

  const auto updated = admin_.put("/polyv/groups/g3", R"({"forbidden":true})");
  ASSERT_EQ(updated.status, 200u) << updated.body;
  EXPECT_EQ(parsed(updated).at("forbidden"), json::value(true));
  expect_error(admin_.put("/polyv/groups/g3", R"({"forbidden":true,"subAccounts":[]})"), 400,
               "invalid_field", "$.subAccounts");
  expect_error(admin_.put("/polyv/groups/g3", R"({"forbidden":"yes"})"), 400, "invalid_field",
               "$.forbidden");

  EXPECT_EQ(admin_.del("/polyv/groups/g3").status, 204u);
  expect_error(admin_.get("/polyv/groups/g3"), 404, "not_found", "appId");
  expect_error(admin_.del("/polyv/groups/g3"), 404, "not_found", "appId");
}

TEST_F(AdminPolyv, ForbiddingAGroupReachesTheVendorEndpoint) {
  ASSERT_EQ(group_call(kGroupSecret).status, 200u);
  ASSERT_EQ(admin_.put("/polyv/groups/ga1ayl6dh2", R"({"forbidden":true})").status, 200u);
  EXPECT_NE(group_call(kGroupSecret).body.find("account is forbidden."), std::string::npos);
}

TEST_F(AdminPolyv, RotateTheGroupSecret) {
  const auto rotated = admin_.send("POST", "/polyv/groups/ga1ayl6dh2/rotate-secret");
  ASSERT_EQ(rotated.status, 200u) << rotated.body;
  const std::string secret(parsed(rotated).at("appSecret").as_string());
  EXPECT_NE(group_call(kGroupSecret).status, 200u);
  EXPECT_EQ(group_call(secret).status, 200u);
  expect_error(admin_.post("/polyv/groups/ga1ayl6dh2/rotate-secret", R"({"kind":"secretKey"})"),
               400, "invalid_field", "$.kind");
}

TEST_F(AdminPolyv, GroupSubAccounts) {
  const std::string path = "/polyv/groups/ga1ayl6dh2/sub-accounts";
  EXPECT_EQ(parsed(admin_.get(path)).at("total"), json::value(2));
  ASSERT_EQ(admin_.post(path, R"("third@polyv.com")").status, 201u);
  EXPECT_EQ(admin_.get(path + "/third@polyv.com").status, 200u);
  expect_error(admin_.post(path, R"("third@polyv.com")"), 409, "conflict", "$");
  expect_error(admin_.del(path + "/testdata@polyv.com"), 409, "conflict", "email");
  EXPECT_EQ(admin_.del(path + "/third@polyv.com").status, 204u);
  expect_error(admin_.get(path + "/third@polyv.com"), 404, "not_found", "email");
}

TEST_F(AdminPolyv, Allocations) {
  const std::string path = "/polyv/groups/ga1ayl6dh2/allocations";
  const auto list = parsed(admin_.get(path + "?limit=2"));
  EXPECT_EQ(list.at("total"), json::value(3));
  const auto& first = list.at("items").as_array()[0];
  EXPECT_EQ(first.at("date"), json::value("2019-11-18 18:21:38"));  // insertion order
  const auto first_id = first.at("id").as_int64();

  const char* const record =
      R"({"email":"other@polyv.com","date":"2020-02-02 10:00:00","type":"vod","origin":"ADD_FLOW",)"
      R"("originText":"流量","space":null,"flow":1024,"channels":null,"concurrences":null,"duration":null})";
  const auto created = admin_.post(path, record);
  ASSERT_EQ(created.status, 201u) << created.body;
  const auto id = parsed(created).at("id").as_int64();
  EXPECT_EQ(created.body, R"({"id":)" + std::to_string(id) + "," + std::string(record + 1));
  EXPECT_EQ(created.header("location"),
            "/admin/v1/polyv/groups/ga1ayl6dh2/allocations/" + std::to_string(id));
  EXPECT_EQ(admin_.get(path + "/" + std::to_string(id)).body, created.body);
  expect_error(admin_.post(path, record), 409, "conflict", "$");

  std::string stranger = record;
  stranger.replace(stranger.find("other@polyv.com"), 15, "nobody@polyv.com");
  expect_error(admin_.post(path, stranger), 422, "invalid_reference", "$.email");
  expect_error(admin_.post(path, R"({"id":1,)" + std::string(record + 1)), 400, "unknown_field",
               "$.id");

  std::string more = record;
  more.replace(more.find(R"("flow":1024)"), 11, R"("flow":2048)");
  const auto updated = admin_.put(path + "/" + std::to_string(id), more);
  ASSERT_EQ(updated.status, 200u) << updated.body;
  EXPECT_EQ(parsed(updated).at("flow"), json::value(2048));
  EXPECT_EQ(parsed(updated).at("id"), json::value(id));
  // Taking another record's key is a conflict.
  const auto original = parsed(admin_.get(path + "/" + std::to_string(first_id)));
  json::object clash = parsed(updated).as_object();
  for (const auto* key : {"email", "date", "type", "origin"}) clash[key] = original.at(key);
  expect_error(admin_.put(path + "/" + std::to_string(id), json::serialize(clash)), 409, "conflict",
               "$");
  expect_error(admin_.put(path + "/" + std::to_string(id), R"({"id":1,)" + std::string(record + 1)),
               400, "invalid_field", "$.id");
  expect_error(admin_.get(path + "/x"), 400, "invalid_parameter", "id");
  expect_error(admin_.get(path + "/999999"), 404, "not_found", "id");

  EXPECT_EQ(admin_.del(path + "/" + std::to_string(id)).status, 204u);
  expect_error(admin_.del(path + "/" + std::to_string(id)), 404, "not_found", "id");
  EXPECT_EQ(parsed(admin_.get(path)).at("total"), json::value(3));
}

}  // namespace
}  // namespace mediagate::testing
