// HTTP/1.1 conformance over raw sockets (RFC 9110, RFC 9112), against the real server with its
// vendor routes and its admin listener: the bytes a hostile or careless client may send, and
// what must come back. The project's client cannot send most of these, so a raw socket does
// (support/test_connection.hpp). docs/decisions/http-conformance.md records the choices.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "support/admin_client.hpp"
#include "support/test_connection.hpp"
#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"

namespace mediagate::testing {
namespace {

using namespace std::chrono_literals;
using namespace std::string_literals;
using http::testing::Drained;
using http::testing::TestConnection;
using http::testing::TestResponse;

constexpr const char* kIqiyiPath = "/vod/coupon/getVodCount.action";
constexpr const char* kIqiyiKey = "1234567890";
constexpr const char* kIqiyiSuccess =
    R"({"code":"A00000","msg":"成功","result":{"code":"A00000","message":"成功","data":{"sendGiftSize":3}}})";
constexpr const char* kVodUser = "b0f7041324";
constexpr const char* kVodSecret = "tIQp4ATe9Z";
// What a smuggler hides where the server should see a body: a second request.
constexpr std::string_view kSmuggled = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";

class HttpConformance : public ::testing::Test {
 protected:
  explicit HttpConformance(TestServer::Tweak tweak = {})
      : server_(std::move(tweak), {source_path("fixtures/sample.json")}, std::string(kToken)) {}

  // A signed iQiyi form body for test_user_001 (a fresh messageId each time).
  std::string iqiyi_body() {
    char id[64];
    std::snprintf(id, sizeof id, "myapp_3f2504e0-4f89-11d3-9a0c-%012d", ++counter_);
    Params params{{"messageId", id},
                  {"version", "1.0"},
                  {"partnerCode", "T_Coupon_Pepsi"},
                  {"user_id", "test_user_001"}};
    params["sign"] = iqiyi_sign(params, kIqiyiKey);
    return form_query(params);
  }

  // A signed get-by-uploader target at the server's clock.
  std::string vod_target() {
    Params params{{"ptime", std::to_string(server_.clock().now_ms())}};
    params["sign"] = polyv_vod_sign(params, kVodSecret);
    return "/v2/video/" + std::string(kVodUser) + "/get-by-uploader?" + form_query(params);
  }

  // "POST <iqiyi> HTTP/1.1" with a Host, the form content type and `headers` (CRLF each).
  static std::string iqiyi_post_head(std::string_view headers, std::string_view version = "1.1") {
    std::string head = "POST ";
    head += kIqiyiPath;
    head += " HTTP/";
    head.append(version);
    head += "\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\n";
    head.append(headers);
    head += "\r\n";
    return head;
  }

  static std::string chunked(std::string_view body) {
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", body.size());
    return std::string(size) + std::string(body) + "\r\n0\r\n\r\n";
  }

  // Sends `request` on a new connection; expects `status`, then the connection closed with
  // nothing more written (no answer to anything smuggled after the head).
  void expect_refused_and_closed(const std::string& request, unsigned status) {
    TestConnection connection(server_.port());
    ASSERT_TRUE(connection.send(request));
    const auto response = connection.read_response();
    ASSERT_TRUE(response) << request;
    EXPECT_EQ(response->status, status) << request;
    EXPECT_EQ(response->header("connection"), "close") << request;
    const Drained rest = connection.read_until_close(3s);
    EXPECT_TRUE(rest.closed) << request;
    EXPECT_EQ(rest.bytes, "") << request;
  }

  TestServer server_;
  int counter_ = 0;
};

// --- request smuggling (RFC 9112 §6.1, §6.3) -----------------------------------------------

TEST_F(HttpConformance, TransferCodingOtherThanAFinalChunkedIs400AndClosed) {
  for (const char* coding : {"gzip", "identity", "chunked, gzip", "xchunked", "chunkedx",
                             "chunked;x=1", "chunked, chunked", ""}) {
    expect_refused_and_closed(
        iqiyi_post_head("Transfer-Encoding: " + std::string(coding) + "\r\n") +
            std::string(kSmuggled),
        400);
  }
  // Over two field lines, as one list.
  expect_refused_and_closed(
      iqiyi_post_head("Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n") +
          std::string(kSmuggled),
      400);
  expect_refused_and_closed(
      iqiyi_post_head("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n") +
          std::string(kSmuggled),
      400);
}

TEST_F(HttpConformance, ACodingBeforeChunkedIsNotImplementedAndClosed) {
  // The framing is known (a final chunked) but the server decodes no other coding.
  for (const char* headers : {"Transfer-Encoding: gzip, chunked\r\n",
                              "Transfer-Encoding: gzip\r\nTransfer-Encoding: "
                              "chunked\r\n"}) {
    expect_refused_and_closed(iqiyi_post_head(headers) + chunked(kSmuggled), 501);
  }
}

TEST_F(HttpConformance, ContentLengthWithTransferEncodingIs400AndClosed) {
  const std::string body = iqiyi_body();
  const std::string length = "Content-Length: " + std::to_string(body.size()) + "\r\n";
  for (const std::string& headers :
       {length + "Transfer-Encoding: chunked\r\n", "Transfer-Encoding: chunked\r\n" + length,
        "Transfer-Encoding: gzip\r\n" + length, length + "Transfer-Encoding: gzip\r\n"}) {
    expect_refused_and_closed(iqiyi_post_head(headers) + body + std::string(kSmuggled), 400);
  }
}

TEST_F(HttpConformance, ChunkedIsCaseInsensitiveAndKeepsTheConnection) {
  TestConnection connection(server_.port());
  for (const char* coding : {"chunked", "Chunked", "CHUNKED", " chunked "}) {
    ASSERT_TRUE(
        connection.send(iqiyi_post_head("Transfer-Encoding: " + std::string(coding) + "\r\n") +
                        chunked(iqiyi_body())));
    const auto response = connection.read_response();
    ASSERT_TRUE(response) << coding;
    EXPECT_EQ(response->status, 200u) << coding;
    EXPECT_EQ(response->body, kIqiyiSuccess) << coding;
  }
}

TEST_F(HttpConformance, TransferEncodingOnHttp10IsAnsweredThenClosed) {
  TestConnection connection(server_.port());
  ASSERT_TRUE(connection.send(
      iqiyi_post_head("Connection: keep-alive\r\nTransfer-Encoding: chunked\r\n", "1.0") +
      chunked(iqiyi_body()) + std::string(kSmuggled)));
  const auto response = connection.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);
  EXPECT_EQ(response->body, kIqiyiSuccess);
  EXPECT_NE(response->header("connection"), "keep-alive");
  const Drained rest = connection.read_until_close(3s);
  EXPECT_TRUE(rest.closed);
  EXPECT_EQ(rest.bytes, "");
}

// --- HEAD (RFC 9110 §9.3.2) -----------------------------------------------------------------

TEST_F(HttpConformance, HeadAnswersAsGetWithoutTheBody) {
  TestConnection connection(server_.port());
  for (const std::string& target :
       {std::string("/healthz"), vod_target(), std::string(kIqiyiPath) + "?version=1.0",
        std::string("/media/offline_sync?pid=TEST_PID"), std::string("/nowhere")}) {
    ASSERT_TRUE(connection.send("GET " + target + " HTTP/1.1\r\nHost: t\r\n\r\n"));
    const auto get = connection.read_response();
    ASSERT_TRUE(get) << target;
    ASSERT_FALSE(get->body.empty()) << target;
    ASSERT_TRUE(connection.send("HEAD " + target + " HTTP/1.1\r\nHost: t\r\n\r\n"));
    const auto head = connection.read_head_response();
    ASSERT_TRUE(head) << target;
    EXPECT_EQ(head->status, get->status) << target;
    EXPECT_EQ(head->header("content-type"), get->header("content-type")) << target;
    EXPECT_EQ(head->header("content-length"), std::to_string(get->body.size())) << target;
    EXPECT_EQ(head->body, "") << target;
  }
  // Nothing follows a HEAD answer: a pipelined GET reads its own answer.
  ASSERT_TRUE(
      connection.send("HEAD /healthz HTTP/1.1\r\nHost: t\r\n\r\n"
                      "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
  ASSERT_TRUE(connection.read_head_response());
  const auto next = connection.read_response();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body, R"({"status":"ok"})");
}

TEST_F(HttpConformance, AllowListsHeadWhereGetIsAllowed) {
  TestConnection connection(server_.port());
  ASSERT_TRUE(connection.send("DELETE /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
  const auto response = connection.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 405u);
  EXPECT_EQ(response->header("allow"), "GET, HEAD");
}

TEST_F(HttpConformance, HeadOnTheAdminListener) {
  const std::string auth = "Authorization: Bearer " + std::string(kToken) + "\r\n";
  TestConnection connection(server_.admin_port());
  ASSERT_TRUE(
      connection.send("GET /admin/v1/polyv/accounts HTTP/1.1\r\nHost: t\r\n" + auth + "\r\n"));
  const auto get = connection.read_response();
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 200u);
  // HEAD of a GET resource, then HEAD of a POST-only one (405) and without a token (401):
  // never a body, so the pipelined GET after them reads its own answer.
  ASSERT_TRUE(connection.send("HEAD /admin/v1/polyv/accounts HTTP/1.1\r\nHost: t\r\n" + auth +
                              "\r\nHEAD /admin/v1/import HTTP/1.1\r\nHost: t\r\n" + auth +
                              "\r\nHEAD /admin/v1/polyv/accounts HTTP/1.1\r\nHost: t\r\n\r\n"
                              "GET /admin/v1/polyv/accounts HTTP/1.1\r\nHost: t\r\n" +
                              auth + "\r\n"));
  const auto head = connection.read_head_response();
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200u);
  EXPECT_EQ(head->header("content-length"), std::to_string(get->body.size()));
  const auto not_allowed = connection.read_head_response();
  ASSERT_TRUE(not_allowed);
  EXPECT_EQ(not_allowed->status, 405u);
  EXPECT_EQ(not_allowed->header("allow"), "POST");
  const auto unauthorized = connection.read_head_response();
  ASSERT_TRUE(unauthorized);
  EXPECT_EQ(unauthorized->status, 401u);
  const auto again = connection.read_response();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200u);
  EXPECT_EQ(again->body, get->body);
}

// --- absolute-form targets (RFC 9112 §3.2.2) ------------------------------------------------

TEST_F(HttpConformance, AbsoluteFormTargetsAreServedLikeOriginForm) {
  TestConnection connection(server_.port());
  const std::string target = vod_target();
  ASSERT_TRUE(connection.send("GET " + target + " HTTP/1.1\r\nHost: t\r\n\r\n"));
  const auto origin = connection.read_response();
  ASSERT_TRUE(origin);
  EXPECT_EQ(origin->status, 200u);
  for (const std::string& prefix :
       {"http://127.0.0.1:" + std::to_string(server_.port()), std::string("HTTP://api.polyv.net"),
        std::string("https://[::1]:443")}) {
    ASSERT_TRUE(connection.send("GET " + prefix + target + " HTTP/1.1\r\nHost: t\r\n\r\n"));
    const auto absolute = connection.read_response();
    ASSERT_TRUE(absolute) << prefix;
    EXPECT_EQ(absolute->status, 200u) << prefix;
    EXPECT_EQ(absolute->body, origin->body) << prefix;
  }
  // The iQiyi POST too; an empty path is "/".
  const std::string body = iqiyi_body();
  std::string post = iqiyi_post_head("Content-Length: " + std::to_string(body.size()) + "\r\n");
  post.replace(0, 5, "POST http://t");
  ASSERT_TRUE(connection.send(post + body));
  const auto posted = connection.read_response();
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->body, kIqiyiSuccess);
  ASSERT_TRUE(connection.send("GET http://t?x=1 HTTP/1.1\r\nHost: t\r\n\r\n"));
  const auto root = connection.read_response();
  ASSERT_TRUE(root);
  EXPECT_EQ(root->status, 404u);
}

TEST_F(HttpConformance, AbsoluteFormWithUserinfoIs400) {
  // RFC 9110 §4.2.4: userinfo in an http(s) URI is to be treated as an error.
  expect_refused_and_closed("GET http://user:pass@t/healthz HTTP/1.1\r\nHost: t\r\n\r\n", 400);
}

// --- Host (RFC 9112 §3.2) -------------------------------------------------------------------

TEST_F(HttpConformance, MissingDuplicateOrInvalidHostIs400AndClosed) {
  for (const std::string& fields :
       {std::string(""), std::string("Host: a\r\nHost: a\r\n"), std::string("Host: a b\r\n"),
        std::string("Host: a/b\r\n"), std::string("Host: user@a\r\n"),
        std::string("Host: a:b:c\r\n"), std::string("Host: a:80x\r\n"),
        std::string("Host: [::1\r\n"), std::string("Host: a%zz\r\n"), std::string("Host: a?b\r\n"),
        std::string("Host: \xC3\xA9.cn\r\n"), std::string("Host: a\r\n b\r\n")}) {
    expect_refused_and_closed("GET /healthz HTTP/1.1\r\n" + fields + "\r\n", 400);
  }
  // Two Host lines are refused on HTTP/1.0 too; so is an invalid one.
  expect_refused_and_closed("GET /healthz HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", 400);
  expect_refused_and_closed("GET /healthz HTTP/1.0\r\nHost: a b\r\n\r\n", 400);
  // And on the admin listener.
  TestConnection admin(server_.admin_port());
  ASSERT_TRUE(admin.send("GET /admin/v1/polyv/accounts HTTP/1.1\r\nAuthorization: Bearer " +
                         std::string(kToken) + "\r\n\r\n"));
  const auto refused = admin.read_response();
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400u);
}

TEST_F(HttpConformance, ValidHostsAreServed) {
  for (const std::string& host :
       {std::string("Host: \r\n"), std::string("Host: [::1]:8080\r\n"),
        std::string("Host: 127.0.0.1\r\n"), std::string("Host: example.com:\r\n"),
        std::string("Host: api-1.polyv.net:80\r\n"), std::string("Host: xn--fsq.cn\r\n"),
        std::string("Host: a%41b\r\n")}) {
    TestConnection connection(server_.port());
    ASSERT_TRUE(connection.send("GET /healthz HTTP/1.1\r\n" + host + "\r\n"));
    const auto response = connection.read_response();
    ASSERT_TRUE(response) << host;
    EXPECT_EQ(response->status, 200u) << host;
  }
  // HTTP/1.0 needs no Host.
  TestConnection old(server_.port());
  ASSERT_TRUE(old.send("GET /healthz HTTP/1.0\r\n\r\n"));
  const auto response = old.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);
}

// --- chunked bodies, Expect, pipelining -----------------------------------------------------

TEST_F(HttpConformance, ChunkedIqiyiPostWithExtensionsAndTrailers) {
  TestConnection connection(server_.port());
  const std::string body = iqiyi_body();
  const std::size_t half = body.size() / 2;
  char first[32];
  char second[32];
  std::snprintf(first, sizeof first, "%zx;name=value\r\n", half);
  std::snprintf(second, sizeof second, "%zX\r\n", body.size() - half);
  ASSERT_TRUE(connection.send(iqiyi_post_head("Transfer-Encoding: chunked\r\n") + first +
                              body.substr(0, half) + "\r\n" + second + body.substr(half) +
                              "\r\n0\r\nX-Trailer: t\r\n\r\n"));
  const auto response = connection.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);
  EXPECT_EQ(response->body, kIqiyiSuccess);
}

TEST_F(HttpConformance, ChunkedBodyOverTheLimitIs413AndClosed) {
  // limits.max_body_bytes (64 KiB by default) holds for the sum of the chunks.
  std::string request = iqiyi_post_head("Transfer-Encoding: chunked\r\n");
  const std::string chunk(16 * 1024, 'a');
  for (int i = 0; i < 5; ++i) request += "4000\r\n" + chunk + "\r\n";
  request += "0\r\n\r\n";
  expect_refused_and_closed(request, 413);
}

TEST_F(HttpConformance, ExpectContinueOnTheIqiyiPost) {
  TestConnection connection(server_.port());
  const std::string body = iqiyi_body();
  ASSERT_TRUE(connection.send(iqiyi_post_head(
      "Expect: 100-continue\r\nContent-Length: " + std::to_string(body.size()) + "\r\n")));
  const auto interim = connection.read_response();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100u);
  ASSERT_TRUE(connection.send(body));
  const auto response = connection.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);
  EXPECT_EQ(response->body, kIqiyiSuccess);
}

TEST_F(HttpConformance, ExpectContinueWithABodyOverTheLimitIs413WithoutContinue) {
  TestConnection connection(server_.port());
  ASSERT_TRUE(
      connection.send(iqiyi_post_head("Expect: 100-continue\r\nContent-Length: 10000000\r\n")));
  const auto response = connection.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413u);
}

TEST_F(HttpConformance, PipelinedRequestsAreAnsweredInOrder) {
  TestConnection connection(server_.port());
  const std::string body = iqiyi_body();
  std::string requests = "GET " + vod_target() + " HTTP/1.1\r\nHost: t\r\n\r\n";
  requests += iqiyi_post_head("Content-Length: " + std::to_string(body.size()) + "\r\n") + body;
  requests += "GET /nowhere HTTP/1.1\r\nHost: t\r\n\r\n";
  requests += "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";
  ASSERT_TRUE(connection.send(requests));
  std::vector<unsigned> statuses;
  std::vector<std::string> bodies;
  for (int i = 0; i < 4; ++i) {
    const auto response = connection.read_response();
    ASSERT_TRUE(response) << i;
    statuses.push_back(response->status);
    bodies.push_back(response->body);
  }
  EXPECT_EQ(statuses, (std::vector<unsigned>{200, 200, 404, 200}));
  EXPECT_NE(bodies[0].find(R"("totalItems":3)"), std::string::npos) << bodies[0];
  EXPECT_EQ(bodies[1], kIqiyiSuccess);
  EXPECT_EQ(bodies[3], R"({"status":"ok"})");
}

// --- malformed field lines (RFC 9112 §2.2, §5) ----------------------------------------------

TEST_F(HttpConformance, MalformedFieldLinesAre400AndClosed) {
  const std::vector<std::string> requests = {
      // whitespace between the field name and the colon (§5.1: MUST be refused).
      "GET /healthz HTTP/1.1\r\nHost : t\r\n\r\n",
      // NUL and other controls in a field value or name.
      "GET /healthz HTTP/1.1\r\nHost: t\r\nX-Nul: a\0b\r\n\r\n"s,
      "GET /healthz HTTP/1.1\r\nHost: t\r\nX-Ctl: a\x01"
      "b\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nHost: t\r\nX-N\0l: a\r\n\r\n"s,
      // a bare CR.
      "GET /healthz HTTP/1.1\r\nHost: t\r\nX-Cr: a\rb\r\n\r\n",
  };
  for (const auto& request : requests) expect_refused_and_closed(request, 400);
}

TEST_F(HttpConformance, ObsoleteLineFoldingIsReplacedBySpace) {
  // §5.2: refuse, or replace each obs-fold by SP before reading the value; Beast does the
  // latter. A folded Expect still asks for 100 Continue...
  TestConnection connection(server_.port());
  const std::string body = iqiyi_body();
  ASSERT_TRUE(connection.send(iqiyi_post_head(
      "Expect:\r\n 100-continue\r\nContent-Length: " + std::to_string(body.size()) + "\r\n")));
  const auto interim = connection.read_response();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100u);
  ASSERT_TRUE(connection.send(body));
  const auto response = connection.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, kIqiyiSuccess);
  // ...and folding hides nothing from the checks: a folded Transfer-Encoding (or Host) is read
  // with a space where the fold was.
  expect_refused_and_closed(
      iqiyi_post_head("Transfer-Encoding: chunked,\r\n\tgzip\r\n") + std::string(kSmuggled), 400);
  expect_refused_and_closed(
      iqiyi_post_head("Transfer-Encoding: gzip\r\n chunked\r\n") + chunked(kSmuggled), 400);
}

TEST_F(HttpConformance, BareLineFeedsAre400AndClosed) {
  // §2.2 lets a recipient accept a bare LF as a line end; this server does not (a proxy in
  // front that does could otherwise frame the request differently).
  expect_refused_and_closed("GET /healthz HTTP/1.1\nHost: t\n\n", 400);
  expect_refused_and_closed("GET /healthz HTTP/1.1\r\nHost: t\nX-A: b\r\n\r\n", 400);
}

// --- the access log stays JSON: valid UTF-8 (RFC 8259 §8.1) ---------------------------------

class HttpConformanceLog : public HttpConformance {
 protected:
  HttpConformanceLog()
      : HttpConformance([](core::Config& config) {
          std::remove(log_path().c_str());
          config.access_log = log_path();
        }) {}
  ~HttpConformanceLog() override { std::remove(log_path().c_str()); }

  // Not a member: the server starts (and opens it) before the members are made.
  static std::string log_path() {
    return ::testing::TempDir() + "mediagate-conformance-access-" + std::to_string(::getpid()) +
           ".log";
  }

  static std::vector<std::string> log_lines() {
    std::ifstream in(log_path());
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }
};

TEST_F(HttpConformanceLog, NonUtf8TargetsAndPathParametersAreLoggedAsValidUtf8) {
  TestConnection connection(server_.port());
  for (const std::string& target :
       {std::string("/media/offl\xC8ne_sync"), std::string("/v2/video/%FF%FE/get-by-uploader"),
        std::string("/v2/video/\xFF\xFE/get-by-uploader?ptime=1"),
        std::string("/a/\xE4\xB8") + std::string(600, 'x')}) {
    ASSERT_TRUE(connection.send("GET " + target + " HTTP/1.1\r\nHost: t\r\n\r\n"));
    ASSERT_TRUE(connection.read_response()) << target;
  }
  server_.app().stop();
  const auto lines = log_lines();
  ASSERT_EQ(lines.size(), 4u);
  for (const auto& line : lines) {
    boost::system::error_code ec;
    const auto parsed = boost::json::parse(line, ec);  // refuses invalid UTF-8
    ASSERT_FALSE(ec) << line;
    EXPECT_TRUE(parsed.is_object()) << line;
  }
  const auto first = boost::json::parse(lines[0]);
  EXPECT_EQ(first.at("path").as_string(), "/media/offl\xEF\xBF\xBDne_sync");  // U+FFFD
  const auto second = boost::json::parse(lines[1]);
  EXPECT_EQ(second.at("path").as_string(), "/v2/video/%FF%FE/get-by-uploader");
}

}  // namespace
}  // namespace mediagate::testing
