// The web console's server side over real sockets (issue 12, item 5): the embedded files on
// the admin listener (no token, their types, policy and cache headers, 301/304/404/405), and the
// sandbox endpoints the workbench and explorer call (token required, exact answers, refused
// input, 404 outside sandbox mode, the secret never in an answer or the journal), and
// GET /routes. The page itself is tested in chromium (tests/browser/).
#include <gtest/gtest.h>

#include <string>

#include "admin/console.hpp"
#include "support/admin_client.hpp"
#include "support/sandbox_support.hpp"
#include "support/test_server.hpp"
#include "vendors/client_descriptors.hpp"

namespace mediagate::testing {
namespace {

constexpr const char* kVodSecret = "tIQp4ATe9Z";
constexpr const char* kPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// The vendor's documented example (vendor-spec.md, Polyv VOD): its canonical string and sign.
constexpr const char* kSignBody =
    R"({"signer":"polyv-vod","params":{"ptime":"1540780829403","email":"test1@zzs.com",)"
    R"("cataid":"1","page":"1"},"secret":"tIQp4ATe9Z"})";

client::ClientResponse raw_get(const TestServer& server, const std::string& target,
                               client::HeaderList headers = {}) {
  client::HttpClient http("127.0.0.1", server.admin_port());
  auto response = http.request("GET", target, {}, {}, headers);
  if (!response) throw std::runtime_error(response.error());
  return std::move(response).value();
}

class Console : public ::testing::Test {
 protected:
  TestServer server_{sandbox_on([](core::Config& c) { c.admin.auth_failures_max = 1'000'000; }),
                     {source_path("fixtures/sample.json")},
                     kToken};
  AdminClient admin_{server_};
};

TEST_F(Console, TheRootRedirectsAndServesTheIndexWithoutAToken) {
  const auto redirect = raw_get(server_, "/console");
  EXPECT_EQ(redirect.status, 301u);
  EXPECT_EQ(redirect.header("location"), "/console/");

  const auto index = raw_get(server_, "/console/");
  EXPECT_EQ(index.status, 200u);
  EXPECT_EQ(index.header("content-type"), "text/html;charset=utf-8");
  EXPECT_EQ(index.header("content-security-policy"), kPolicy);
  EXPECT_EQ(index.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(index.header("referrer-policy"), "no-referrer");
  EXPECT_EQ(index.header("cache-control"), "no-cache");
  EXPECT_EQ(index.body.rfind("<!doctype html>", 0), 0u);
  EXPECT_NE(index.body.find(R"(<script type="module" src="console.js">)"), std::string::npos);
  // No inline script: the policy would block it.
  EXPECT_EQ(index.body.find("<script>"), std::string::npos);
  EXPECT_EQ(index.body, raw_get(server_, "/console/index.html").body);
}

TEST_F(Console, EachFileHasItsTypeAndItsETagAnswers304) {
  const auto script = raw_get(server_, "/console/console.js");
  EXPECT_EQ(script.status, 200u);
  EXPECT_EQ(script.header("content-type"), "text/javascript;charset=utf-8");
  const auto style = raw_get(server_, "/console/console.css");
  EXPECT_EQ(style.status, 200u);
  EXPECT_EQ(style.header("content-type"), "text/css;charset=utf-8");

  const std::string etag(script.header("etag"));
  ASSERT_EQ(etag.size(), 18u) << etag;  // "\"" + 16 hex digits + "\""
  const auto again = raw_get(server_, "/console/console.js", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304u);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.header("etag"), etag);
  const auto other = raw_get(server_, "/console/console.js", {{"If-None-Match", "\"0\""}});
  EXPECT_EQ(other.status, 200u);
}

TEST_F(Console, UnknownFilesAre404AndOtherMethods405) {
  for (const char* target : {"/console/nope.js", "/console/../admin/v1/status",
                             "/console/index.html/x", "/console/%69ndex.html"}) {
    const auto response = raw_get(server_, target);
    EXPECT_EQ(response.status, 404u) << target;
    EXPECT_EQ(response.body,
              R"({"error":"not_found","message":"no such console file","field":null})")
        << target;
  }
  // Not a console path: the admin API's token check applies.
  EXPECT_EQ(raw_get(server_, "/consoles").status, 401u);

  client::HttpClient http("127.0.0.1", server_.admin_port());
  const auto post = http.request("POST", "/console/", "x", "text/plain", {});
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405u);
  EXPECT_EQ(post->header("allow"), "GET, HEAD");  // the server adds HEAD
}

TEST_F(Console, TheWorkbenchEndpointsNeedTheToken) {
  AdminClient anonymous(server_, "");
  AdminClient wrong(server_, "Bearer not-the-token");
  for (auto* client : {&anonymous, &wrong}) {
    EXPECT_EQ(client->get("/sandbox/signers").status, 401u);
    EXPECT_EQ(client->post("/sandbox/signatures", kSignBody).status, 401u);
    EXPECT_EQ(client->post("/sandbox/requests", R"({"method":"GET","target":"/healthz"})").status,
              401u);
    EXPECT_EQ(client->get("/routes").status, 401u);
  }
}

TEST_F(Console, SignersListTheSdkDescriptors) {
  const auto response = admin_.get("/sandbox/signers");
  ASSERT_EQ(response.status, 200u) << response.body;
  const auto items = parsed(response).at("items").as_array();
  ASSERT_EQ(items.size(), vendors::client_descriptors().size());  // every SDK signer
  EXPECT_EQ(json::serialize(items.at(0)),
            R"({"name":"polyv-vod","path":"/v2/video/{userid}/get-by-uploader",)"
            R"("accepts_post":false,"signs_given_path":false})");
}

TEST_F(Console, SignaturesAreTheServerSignersWithTheSecretRedacted) {
  const auto response = admin_.post("/sandbox/signatures", kSignBody);
  ASSERT_EQ(response.status, 200u) << response.body;
  EXPECT_EQ(
      response.body,
      R"({"signer":"polyv-vod","canonical":"cataid=1&email=test1@zzs.com&page=1&)"
      R"(ptime=1540780829403","string_to_sign":"cataid=1&email=test1@zzs.com&page=1&)"
      R"(ptime=1540780829403<secret>","signature":"D3D40346B3A7EF59E4DADD7EE60B444246EC7D86"})");
  EXPECT_EQ(response.body.find(kVodSecret), std::string::npos);
}

TEST_F(Console, SignaturesRefuseBadInputNamingTheField) {
  expect_error(admin_.post("/sandbox/signatures", R"({"params":{},"secret":"s"})"), 400,
               "missing_field", "$.signer");
  expect_error(admin_.post("/sandbox/signatures", R"({"signer":"nope","params":{},"secret":"s"})"),
               400, "invalid_field", "$.signer");
  expect_error(admin_.post("/sandbox/signatures", R"({"signer":"polyv-vod","secret":"s"})"), 400,
               "missing_field", "$.params");
  expect_error(
      admin_.post("/sandbox/signatures", R"({"signer":"polyv-vod","params":{"a":1},"secret":"s"})"),
      400, "invalid_field", "$.params.a");
  expect_error(admin_.post("/sandbox/signatures", R"({"signer":"polyv-vod","params":{}})"), 400,
               "missing_field", "$.secret");
  expect_error(
      admin_.post("/sandbox/signatures", R"({"signer":"polyv-vod","params":{},"secret":""})"), 400,
      "invalid_field", "$.secret");
  expect_error(admin_.post("/sandbox/signatures",
                           R"({"signer":"polyv-vod","params":{},"secret":"s","method":"PUT"})"),
               400, "invalid_field", "$.method");
  expect_error(admin_.post("/sandbox/signatures",
                           R"({"signer":"polyv-vod","params":{},"secret":"s","sign_all":true})"),
               400, "invalid_field", "$.sign_all");
  expect_error(admin_.post("/sandbox/signatures",
                           R"({"signer":"polyv-vod","params":{},"secret":"s","extra":1})"),
               400, "unknown_field", "$.extra");
  expect_error(admin_.post("/sandbox/signatures", "[]"), 400, "invalid_field", "$");
}

TEST_F(Console, RequestsAreBuiltSignedAndAnsweredByTheVendorRouter) {
  const auto response = admin_.post(
      "/sandbox/requests",
      R"({"signer":"polyv-vod","params":{"page":"1"},"userid":"b0f7041324","secret":"tIQp4ATe9Z"})");
  ASSERT_EQ(response.status, 200u) << response.body;
  const auto body = parsed(response);
  const auto& request = body.at("request");
  const std::string ptime = std::to_string(server_.clock().now_ms());
  EXPECT_EQ(request.at("method").as_string(), "GET");
  EXPECT_EQ(request.at("target").as_string().subview().rfind(
                "/v2/video/b0f7041324/get-by-uploader?page=1&ptime=" + ptime + "&sign=", 0),
            0u)
      << response.body;
  EXPECT_EQ(request.at("signature").at("canonical").as_string(), "page=1&ptime=" + ptime);
  const auto& answer = body.at("response");
  EXPECT_EQ(answer.at("status").as_int64(), 200);
  EXPECT_EQ(answer.at("connection_reset").as_bool(), false);
  EXPECT_EQ(answer.at("delay_ms").as_int64(), 0);
  EXPECT_EQ(json::parse(answer.at("body").as_string()).at("status").as_string(), "success");
  EXPECT_EQ(response.body.find(kVodSecret), std::string::npos);

  // It went through the pipeline: journaled (the signature masked, no secret).
  const auto journal = admin_.get("/journal?verdict=ok");
  ASSERT_EQ(journal.status, 200u);
  EXPECT_EQ(parsed(journal).at("total").as_int64(), 1) << journal.body;
  EXPECT_EQ(journal.body.find(kVodSecret), std::string::npos);
  EXPECT_EQ(journal.body.find(std::string(request.at("signature").at("signature").as_string())),
            std::string::npos);
}

TEST_F(Console, RequestsSentAsGivenReachAnyRouteAndReportFaults) {
  const auto health = admin_.post("/sandbox/requests", R"({"method":"GET","target":"/healthz"})");
  ASSERT_EQ(health.status, 200u) << health.body;
  EXPECT_EQ(parsed(health).at("request").at("signature"), json::value(nullptr));
  EXPECT_EQ(parsed(health).at("response").at("status").as_int64(), 200);

  const auto refused = admin_.post(
      "/sandbox/requests",
      R"({"method":"GET","target":"/v2/video/b0f7041324/get-by-uploader?page=1&ptime=1&sign=x"})");
  ASSERT_EQ(refused.status, 200u) << refused.body;
  EXPECT_EQ(parsed(refused).at("response").at("status").as_int64(), 400);

  ASSERT_EQ(admin_.put("/sandbox/faults/polyv-vod", R"({"latency_ms":250})").status, 200u);
  const auto slow = admin_.post(
      "/sandbox/requests",
      R"({"signer":"polyv-vod","params":{},"userid":"b0f7041324","secret":"tIQp4ATe9Z"})");
  EXPECT_EQ(parsed(slow).at("response").at("delay_ms").as_int64(), 250) << slow.body;
  ASSERT_EQ(admin_.put("/sandbox/faults/polyv-vod", R"({"reset_connection":true})").status, 200u);
  const auto reset = admin_.post(
      "/sandbox/requests",
      R"({"signer":"polyv-vod","params":{},"userid":"b0f7041324","secret":"tIQp4ATe9Z"})");
  EXPECT_EQ(parsed(reset).at("response").at("connection_reset").as_bool(), true) << reset.body;
  EXPECT_EQ(parsed(reset).at("response").at("status").as_int64(), 0);

  expect_error(admin_.post("/sandbox/requests", R"({"method":"GET","target":"healthz"})"), 400,
               "invalid_field", "$.target");
  expect_error(admin_.post("/sandbox/requests", R"({"method":"get","target":"/healthz"})"), 400,
               "invalid_field", "$.method");
  expect_error(
      admin_.post("/sandbox/requests", R"({"signer":"polyv-vod","params":{},"secret":"s"})"), 400,
      "invalid_field", "$.params");  // the path needs a userid
}

TEST_F(Console, RoutesListTheMountedAdminRoutes) {
  const auto response = admin_.get("/routes");
  ASSERT_EQ(response.status, 200u) << response.body;
  EXPECT_NE(response.body.find(R"({"method":"GET","pattern":"/admin/v1/journal"})"),
            std::string::npos);
  EXPECT_NE(response.body.find(R"({"method":"POST","pattern":"/admin/v1/sandbox/requests"})"),
            std::string::npos);
  expect_error(admin_.get("/routes?x=1"), 400, "invalid_parameter", "x=1");
}

TEST(ConsoleProduction, TheFilesAreServedButTheWorkbenchIsSandboxOnly) {
  TestServer server({}, {source_path("fixtures/sample.json")}, kToken);
  EXPECT_EQ(raw_get(server, "/console/").status, 200u);
  AdminClient admin(server);
  expect_error(admin.get("/sandbox/signers"), 404, "not_found");
  expect_error(admin.post("/sandbox/signatures", kSignBody), 404, "not_found");
  expect_error(admin.post("/sandbox/requests", R"({"method":"GET","target":"/healthz"})"), 404,
               "not_found");
  const auto routes = admin.get("/routes");
  EXPECT_EQ(routes.status, 200u);
  EXPECT_EQ(routes.body.find("/sandbox/"), std::string::npos);
}

TEST(ConsoleFiles, ContentTypesByExtension) {
  EXPECT_EQ(admin::content_type_of("a.html"), "text/html;charset=utf-8");
  EXPECT_EQ(admin::content_type_of("a.svg"), "image/svg+xml");
  EXPECT_EQ(admin::content_type_of("a.png"), "image/png");
  EXPECT_EQ(admin::content_type_of("js"), "application/octet-stream");
  EXPECT_EQ(admin::content_type_of("a.bin"), "application/octet-stream");
  EXPECT_TRUE(admin::is_console_path("/console"));
  EXPECT_TRUE(admin::is_console_path("/console/x"));
  EXPECT_FALSE(admin::is_console_path("/consolex"));
  EXPECT_FALSE(admin::is_console_path("/admin/v1/console"));
}

}  // namespace
}  // namespace mediagate::testing
