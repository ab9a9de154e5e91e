// The page cache (endpoint/page_cache.hpp) and the lookup caches (the modules' caching
// repositories) over a real socket: the same bytes as without them, every request still
// authenticated, a write through the admin API seen by the next request, and (with a long
// store_change_check_ms) a page answered from memory without touching the database.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "support/admin_client.hpp"
#include "support/sample_fixture.hpp"
#include "support/test_connection.hpp"
#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"

namespace mediagate::testing {
namespace {

using namespace sample;  // fixtures/sample.json's names and credentials

std::string vod_target(TestServer& server, Params params, const std::string& secret = kVodSecret) {
  if (params.count("ptime") == 0) params["ptime"] = std::to_string(server.clock().now_ms());
  if (params.count("sign") == 0) params["sign"] = polyv_vod_sign(params, secret);
  return std::string("/v2/video/") + kUser + "/get-by-uploader?" + form_query(params);
}

std::string live_target(TestServer& server, const Params& extra = {}) {
  Params params{{"appId", kLiveAppId},
                {"channelId", kChannel},
                {"timestamp", std::to_string(server.clock().now_ms())},
                {"startDate", "2022-03-20"},
                {"endDate", "2022-05-19"}};
  for (const auto& [name, value] : extra) params[name] = value;
  params["sign"] = polyv_live_sign(params, kLiveSecret);
  return "/live/v3/channel/session/data/list?" + form_query(params);
}

std::string group_target(TestServer& server, const Params& extra = {}) {
  Params params{{"appId", kGroup},
                {"timestamp", std::to_string(server.clock().now_ms())},
                {"emails", "testdata@polyv.com"}};
  for (const auto& [name, value] : extra) params[name] = value;
  params["sign"] = polyv_live_sign(params, kGroupSecret);
  return "/v2/group/account/list-allocate-log?" + form_query(params);
}

// The requests compared: every cached endpoint, several shapes each.
std::vector<std::string> targets(TestServer& server) {
  return {vod_target(server, {}),
          vod_target(server, {{"orderType", "2"}}),
          vod_target(server, {{"cataid", "1539918907896"}, {"containSubCata", "1"}}),
          vod_target(server, {{"email", "test1@zzs.com"}}),
          vod_target(server, {{"published", "1"}, {"pageSize", "1"}, {"page", "2"}}),
          vod_target(server, {{"page", "99"}}),
          vod_target(server, {{"jsonp", "cb_1"}}),
          live_target(server),
          live_target(server, {{"pageSize", "1"}, {"page", "2"}}),
          group_target(server),
          group_target(server, {{"type", "vod"}}),
          group_target(server, {{"pageSize", "1"}, {"page", "2"}})};
}

TEST(PageCache, AnswersTheSameBytesAsWithoutItAndAgain) {
  TestServer cached;
  TestServer plain([](core::Config& config) {
    config.page_cache_bytes = 0;
    config.store_cached_lookups = 0;
  });
  for (int round = 0; round < 3; ++round) {
    const auto with = targets(cached);
    const auto without = targets(plain);
    for (std::size_t i = 0; i < with.size(); ++i) {
      const auto a = cached.get(with[i]);
      const auto b = plain.get(without[i]);
      EXPECT_EQ(a.status, 200u) << with[i] << "\n" << a.body;
      EXPECT_EQ(a.status, b.status) << with[i];
      EXPECT_EQ(a.body, b.body) << with[i];
    }
  }
}

// Everything the server sends for one request on a connection it then closes.
std::string wire_bytes(const TestServer& server, const std::string& method,
                       const std::string& target) {
  http::testing::TestConnection connection(server.port());
  EXPECT_TRUE(connection.connected());
  EXPECT_TRUE(connection.send(method + " " + target +
                              " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"));
  return connection.read_until_close(std::chrono::seconds(10)).bytes;
}

TEST(PageCache, AKeptPageIsWrittenByteForByteAsTheFirstAnswerToGetAndHead) {
  TestServer cached;
  TestServer plain([](core::Config& config) { config.page_cache_bytes = 0; });
  const std::vector<std::function<std::string(TestServer&)>> requests{
      [](TestServer& server) { return vod_target(server, {}); },
      [](TestServer& server) {
        return vod_target(server, {{"jsonp", "cb_1"}});
      },
      [](TestServer& server) {
        return vod_target(server, {{"jsonp", "jQuery.x"}});
      },
      [](TestServer& server) { return live_target(server); },
      [](TestServer& server) { return group_target(server); }};
  for (const auto& request : requests) {
    const std::string target = request(cached);
    const std::string first = wire_bytes(cached, "GET", target);  // rendered, then kept
    const auto end = first.find("\r\n\r\n");
    ASSERT_NE(end, std::string::npos) << target << "\n" << first;
    EXPECT_TRUE(first.starts_with("HTTP/1.1 200 OK\r\n")) << first.substr(0, end);
    const std::string body = first.substr(end + 4);
    EXPECT_NE(first.find("\r\nContent-Length: " + std::to_string(body.size()) + "\r\n"),
              std::string::npos)
        << first.substr(0, end);
    EXPECT_GT(body.size(), 100u) << body;
    EXPECT_EQ(wire_bytes(cached, "GET", target), first) << target;  // the kept page
    EXPECT_EQ(wire_bytes(cached, "GET", request(cached)), first) << target;
    EXPECT_EQ(wire_bytes(cached, "HEAD", target), first.substr(0, end + 4)) << target;
    EXPECT_EQ(wire_bytes(plain, "GET", request(plain)), first) << target;
    EXPECT_EQ(wire_bytes(plain, "HEAD", request(plain)), first.substr(0, end + 4)) << target;
  }
  // The JSONP answer is the plain one wrapped: the same kept page inside.
  const std::string plain_body = cached.get(vod_target(cached, {})).body;
  EXPECT_EQ(cached.get(vod_target(cached, {{"jsonp", "cb_1"}})).body, "cb_1(" + plain_body + ")");
}

TEST(PageCache, EveryRequestIsStillAuthenticated) {
  TestServer server;
  ASSERT_EQ(server.get(vod_target(server, {})).status, 200u);  // now kept
  const auto wrong = server.get(vod_target(server, {}, "not-the-secret"));
  EXPECT_EQ(wrong.status, 400u);
  EXPECT_EQ(wrong.body,
            R"({"code":400,"status":"error","message":"the sign is not right.","data":""})");
  const auto old = std::to_string(server.clock().now_ms() - 180001);
  EXPECT_EQ(server.get(vod_target(server, {{"ptime", old}})).body,
            R"({"code":400,"status":"error","message":"ptime is too old.","data":""})");
  // A kept page wears each request's own JSONP callback.
  const auto one = server.get(vod_target(server, {{"jsonp", "first"}}));
  const auto two = server.get(vod_target(server, {{"jsonp", "second"}}));
  EXPECT_EQ(one.body.substr(0, 6), "first(");
  EXPECT_EQ(two.body.substr(0, 7), "second(");
  EXPECT_EQ(one.body.substr(6), two.body.substr(7));
}

TEST(PageCache, AnAdminWriteIsSeenByTheNextRequest) {
  TestServer server({}, {source_path("fixtures/sample.json")}, kToken);
  AdminClient admin(server);
  const auto before = server.get(vod_target(server, {})).body;
  EXPECT_EQ(server.get(vod_target(server, {})).body, before);
  EXPECT_EQ(before.find("b0f7041324new"), std::string::npos);

  const std::string videos = std::string("/polyv/accounts/") + kUser + "/videos";
  ASSERT_EQ(admin.post(videos, kNewVideo).status, 201u);
  EXPECT_NE(server.get(vod_target(server, {})).body.find("b0f7041324new"), std::string::npos);
  ASSERT_EQ(admin.del(videos + "/b0f7041324new").status, 204u);
  EXPECT_EQ(server.get(vod_target(server, {})).body, before);

  // A rotated secret is in force at once: the old one is refused, the new one accepted.
  const auto rotated = admin.post(std::string("/polyv/accounts/") + kUser + "/rotate-secret",
                                  R"({"kind":"secretKey"})");
  ASSERT_EQ(rotated.status, 200u) << rotated.body;
  const std::string secret(parsed(rotated).at("secretKey").as_string());
  EXPECT_EQ(server.get(vod_target(server, {})).status, 400u);
  EXPECT_EQ(server.get(vod_target(server, {}, secret)).body, before);

  const auto sessions = server.get(live_target(server)).body;
  ASSERT_EQ(admin
                .del(std::string("/polyv/accounts/") + kUser + "/channels/" + kChannel +
                     "/sessions/g9lv2ghv2x")
                .status,
            204u);
  EXPECT_NE(server.get(live_target(server)).body, sessions);

  const auto log = server.get(group_target(server)).body;
  const std::string allocations = std::string("/polyv/groups/") + kGroup + "/allocations";
  const auto created = admin.post(
      allocations,
      R"({"email":"testdata@polyv.com","date":"2020-02-02 10:00:00","type":"vod","origin":"ADD_FLOW",)"
      R"("originText":"流量","space":null,"flow":1024,"channels":null,"concurrences":null,"duration":null})");
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_NE(server.get(group_target(server)).body, log);
}

TEST(PageCache, WithALongChangeCheckAKeptPageIsAnsweredFromMemory) {
  // Writes by another connection are looked for once an hour: a table dropped underneath (as
  // another process could) is not noticed, and the kept page and credentials still answer.
  auto long_check = [](core::Config& config) { config.store_change_check_ms = 3'600'000; };
  TestServer cached(long_check);
  TestServer plain([&](core::Config& config) {
    long_check(config);
    config.page_cache_bytes = 0;
  });
  const auto first = cached.get(vod_target(cached, {}));
  ASSERT_EQ(first.status, 200u);
  ASSERT_EQ(plain.get(vod_target(plain, {})).status, 200u);
  cached.drop_store_table("polyv_videos");
  plain.drop_store_table("polyv_videos");
  const std::string failed = R"({"code":500,"status":"error","message":"query failed.","data":""})";
  if (cached.store_url().starts_with("postgres")) {
    // PostgreSQL has no change check to lengthen: its change notifications (which the test
    // helper sends for the DROP) tell the server at once, and the kept page is dropped.
    EXPECT_EQ(cached.get(vod_target(cached, {})).body, failed);
    return;
  }
  EXPECT_EQ(cached.get(vod_target(cached, {})).body, first.body);
  // Without the page cache the query reaches the database and fails as the vendor does.
  EXPECT_EQ(plain.get(vod_target(plain, {})).body, failed);
  // A page not kept yet needs the database.
  EXPECT_EQ(cached.get(vod_target(cached, {{"orderType", "2"}})).status, 500u);
}

}  // namespace
}  // namespace mediagate::testing
