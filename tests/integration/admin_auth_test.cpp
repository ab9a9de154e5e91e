// The admin API's listener and credential over a real socket: bearer-token auth (missing,
// wrong scheme, wrong token), where the token comes from, the listener absent without one,
// transport limits, and the access log (vendor "admin", never the token).
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "support/admin_client.hpp"
#include "support/temp_file.hpp"
#include "support/test_server.hpp"

namespace mediagate::testing {
namespace {

class AdminAuth : public ::testing::Test {
 protected:
  TestServer server_{{}, {source_path("fixtures/sample.json")}, kToken};
};

void expect_unauthorized(const client::ClientResponse& response) {
  expect_error(response, 401, "unauthorized");
  EXPECT_EQ(response.header("www-authenticate"), R"(Bearer realm="mediagate-admin")");
  EXPECT_EQ(response.body.find(kToken), std::string::npos);
}

TEST_F(AdminAuth, TheRightTokenIsServed) {
  ASSERT_NE(server_.admin_port(), 0);
  EXPECT_NE(server_.admin_port(), server_.port());
  AdminClient admin(server_);
  EXPECT_EQ(admin.get("/polyv/accounts").status, 200u);
  // The scheme is case-insensitive (RFC 9110); the token is not.
  EXPECT_EQ(AdminClient(server_, std::string("bearer ") + kToken).get("/polyv/accounts").status,
            200u);
}

TEST_F(AdminAuth, NoAuthorizationHeaderIs401WithAChallenge) {
  expect_unauthorized(AdminClient(server_, "").get("/polyv/accounts"));
  // Every path, known or not, and every method: nothing is revealed before authentication.
  expect_unauthorized(AdminClient(server_, "").get("/no/such/thing"));
  expect_unauthorized(AdminClient(server_, "").del("/polyv/accounts/b0f7041324"));
}

TEST_F(AdminAuth, WrongSchemeIs401) {
  for (const std::string& authorization :
       {std::string("Basic ") + kToken, std::string(kToken), std::string("Bearer"),
        std::string("Bearer "), std::string("Token ") + kToken, std::string("Bearer\t") + kToken}) {
    expect_unauthorized(AdminClient(server_, authorization).get("/polyv/accounts"));
  }
}

TEST_F(AdminAuth, WrongTokenIs401AndChangesNothing) {
  const std::string token = kToken;
  // (Trailing spaces are not part of a header value: HTTP trims them.)
  for (const std::string& wrong :
       {token.substr(0, token.size() - 1), token + "x", std::string("Bearer ") + "not-the-token",
        std::string(" ") + token, std::string("")}) {
    expect_unauthorized(AdminClient(server_, "Bearer " + wrong).get("/polyv/accounts"));
  }
  expect_unauthorized(AdminClient(server_, "Bearer wrong").del("/polyv/accounts/b0f7041324"));
  EXPECT_EQ(AdminClient(server_).get("/polyv/accounts/b0f7041324").status, 200u);
}

TEST_F(AdminAuth, UnknownRoutesAndMethodsAreAdminErrors) {
  AdminClient admin(server_);
  expect_error(admin.get("/polyv/nothing"), 404, "not_found");
  const auto response = admin.send("PATCH", "/polyv/accounts");
  expect_error(response, 405, "method_not_allowed");
  EXPECT_EQ(response.header("allow"), "GET, HEAD, POST");
}

TEST_F(AdminAuth, TheVendorListenerServesNoAdminRoute) {
  client::HttpClient vendor("127.0.0.1", server_.port());
  auto response =
      vendor.get("/admin/v1/polyv/accounts", {{"Authorization", "Bearer " + std::string(kToken)}});
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 404u);
}

TEST(AdminListener, AbsentWithoutAToken) {
  TestServer server;
  EXPECT_EQ(server.admin_port(), 0);
  EXPECT_EQ(server.get("/healthz").status, 200u);  // the vendor listener runs as ever
}

TEST(AdminListener, AbsentWhenDisabledEvenWithAToken) {
  TestServer server([](core::Config& c) { c.admin.enabled = false; },
                    {source_path("fixtures/sample.json")}, kToken);
  EXPECT_EQ(server.admin_port(), 0);
}

TEST(AdminListener, TokenFromAFileWithoutItsLineBreak) {
  TempFile file("admin-token", "token-from-a-file\n");
  TestServer server([&](core::Config& c) { c.admin.token_file = file.path(); });
  ASSERT_NE(server.admin_port(), 0);
  EXPECT_EQ(AdminClient(server, "Bearer token-from-a-file").get("/polyv/accounts").status, 200u);
  expect_unauthorized(AdminClient(server, "Bearer token-from-a-fil").get("/polyv/accounts"));
}

TEST(AdminListener, AnUnreadableOrEmptyTokenFileStopsStartUp) {
  TempFile missing("admin-token-missing", "");
  EXPECT_THROW(TestServer([&](core::Config& c) { c.admin.token_file = missing.path(); }),
               std::runtime_error);
  TempFile empty("admin-token-empty", "\n");
  EXPECT_THROW(TestServer([&](core::Config& c) { c.admin.token_file = empty.path(); }),
               std::runtime_error);
}

TEST(AdminListener, AccessLogSaysAdminAndNeverTheToken) {
  TempFile log("admin-access-log", "");
  {
    TestServer server([&](core::Config& c) { c.access_log = log.path(); },
                      {source_path("fixtures/sample.json")}, kToken);
    EXPECT_EQ(AdminClient(server).get("/polyv/accounts?limit=1").status, 200u);
    EXPECT_EQ(AdminClient(server, "Bearer guess").get("/polyv/accounts").status, 401u);
    EXPECT_EQ(AdminClient(server)
                  .post("/polyv/accounts/b0f7041324/rotate-secret", R"({"kind":"secretKey"})")
                  .status,
              200u);
  }
  const std::string text = log.read();
  std::istringstream lines(text);
  int admin_lines = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.find(R"("path":"/admin/v1/)") == std::string::npos) continue;
    ++admin_lines;
    EXPECT_NE(line.find(R"("vendor":"admin")"), std::string::npos) << line;
  }
  EXPECT_EQ(admin_lines, 3);
  EXPECT_EQ(text.find(kToken), std::string::npos);
  EXPECT_EQ(text.find("guess"), std::string::npos);
}

TEST(AdminListener, FailedAuthenticationsAreLimitedPerAddressAndLoggedWithoutTheToken) {
  TempFile log("admin-server-log", "");
  {
    TestServer server(
        [&](core::Config& c) {
          c.server_log = log.path();
          c.admin.auth_failures_max = 3;
          c.admin.auth_failure_window_ms = 60'000;
          c.admin.auth_block_ms = 120'000;
        },
        {source_path("fixtures/sample.json")}, kToken);
    // Successes do not count.
    for (int i = 0; i < 5; ++i) EXPECT_EQ(AdminClient(server).get("/pumpkin/media").status, 200u);
    EXPECT_EQ(AdminClient(server, "Bearer guess-SECRET-1").get("/pumpkin/media").status, 401u);
    EXPECT_EQ(AdminClient(server, "").get("/pumpkin/media").status, 401u);
    EXPECT_EQ(AdminClient(server, "Basic guess-SECRET-2").get("/pumpkin/media").status, 401u);
    // The fourth failure within the window blocks the address, the right token included.
    const auto blocked = AdminClient(server, "Bearer guess-SECRET-3").get("/pumpkin/media");
    expect_error(blocked, 429, "too_many_requests");
    EXPECT_EQ(blocked.header("retry-after"), "120");
    const auto still = AdminClient(server).get("/pumpkin/media");
    expect_error(still, 429, "too_many_requests");
    server.clock().advance(60'000);
    EXPECT_EQ(AdminClient(server).get("/pumpkin/media").header("retry-after"), "60");
    server.clock().advance(60'000);
    EXPECT_EQ(AdminClient(server).get("/pumpkin/media").status, 200u);
    // The vendor listener is not concerned.
    EXPECT_EQ(server.get("/healthz").status, 200u);
  }
  const std::string text = log.read();
  EXPECT_NE(text.find(R"("msg":"admin: authentication failed")"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("remote":"127.0.0.1")"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("reason":"wrong token")"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("msg":"admin: too many failed authentications, address blocked")"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("SECRET"), std::string::npos) << text;
  EXPECT_EQ(text.find(kToken), std::string::npos) << text;
}

TEST(AdminListener, ABodyOverTheAdminLimitIs413) {
  TestServer server([](core::Config& c) { c.admin.max_body_bytes = 1024; },
                    {source_path("fixtures/sample.json")}, kToken);
  AdminClient admin(server);
  const std::string big = R"({"movie_id":1,"movie_name":")" + std::string(2000, 'x') + R"("})";
  EXPECT_EQ(admin.post("/pumpkin/media", big).status, 413u);
  AdminClient again(server);
  EXPECT_EQ(again.get("/pumpkin/media/1").status, 404u);  // nothing was written
}

TEST(AdminListener, TheAdminLimitIsItsOwn) {
  // The vendor listener's 64 KiB limit does not apply to an import.
  TestServer server([](core::Config& c) { c.limits.max_body_bytes = 1024; },
                    {source_path("fixtures/sample.json")}, kToken);
  std::string document = R"({"pumpkin":{"media":[)";
  for (int i = 0; i < 200; ++i) {
    if (i > 0) document += ',';
    document += R"({"movie_id":)" + std::to_string(900000 + i) +
                R"(,"movie_name":"bulk","delete_time":null})";
  }
  document += "]}}";
  ASSERT_GT(document.size(), 1024u);
  const auto response = AdminClient(server).post("/import", document);
  EXPECT_EQ(response.status, 200u) << response.body;
}

}  // namespace
}  // namespace mediagate::testing
