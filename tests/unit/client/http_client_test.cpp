#include "client/http_client.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "client/raw_connection.hpp"
#include "test_server.hpp"

namespace mediagate::client {
namespace {

using namespace std::chrono_literals;
using testing::TestServer;
using testing::TestServerOptions;

// A port on 127.0.0.1 where nothing listens (bound, then released).
std::uint16_t closed_port() {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor acceptor(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

TEST(HttpClientTest, GetReturnsStatusHeadersAndBody) {
  TestServer server;
  HttpClient client("127.0.0.1", server.port());
  const auto response = client.get("/v1/x?a=1&b=%20");
  ASSERT_TRUE(response) << response.error();
  EXPECT_EQ(response->status, 200u);
  EXPECT_EQ(response->header("x-reply"), "Yes");  // names are lowercased
  EXPECT_EQ(response->header("content-type"), "text/plain");
  EXPECT_EQ(response->header("missing"), "");
  EXPECT_EQ(response->body,
            "GET /v1/x?a=1&b=%20\n127.0.0.1:" + std::to_string(server.port()) + "\n\n\n");
}

TEST(HttpClientTest, PostSendsBodyContentTypeAndHeaders) {
  TestServer server;
  HttpClient client("127.0.0.1", server.port());
  const auto response = client.post("/form", "a=1&b=2", "application/x-www-form-urlencoded",
                                    {{"X-Test", "hello"}, {"Host", "api.example.com"}});
  ASSERT_TRUE(response) << response.error();
  EXPECT_EQ(response->body,
            "POST /form\napi.example.com\napplication/x-www-form-urlencoded\nhello\na=1&b=2");
}

TEST(HttpClientTest, AnyMethodAndStatus) {
  TestServer server;
  HttpClient client("127.0.0.1", server.port());
  const auto purge = client.request("PURGE", "/status/404");
  ASSERT_TRUE(purge) << purge.error();
  EXPECT_EQ(purge->status, 404u);
  EXPECT_EQ(purge->body.substr(0, 18), "PURGE /status/404\n");
}

TEST(HttpClientTest, KeepsTheConnectionAlive) {
  TestServer server;
  HttpClient client("127.0.0.1", server.port());
  for (int i = 0; i < 5; ++i) {
    const auto response = client.get("/x");
    ASSERT_TRUE(response) << response.error();
    EXPECT_EQ(response->status, 200u);
  }
  EXPECT_TRUE(client.connected());
  EXPECT_EQ(client.connections_opened(), 1);
  EXPECT_EQ(server.connections(), 1);
}

TEST(HttpClientTest, ReconnectsOnceWhenTheServerClosedTheConnection) {
  TestServer server({.close_after_each = true});
  HttpClient client("127.0.0.1", server.port());
  for (int i = 0; i < 3; ++i) {
    const auto response = client.get("/x?i=" + std::to_string(i));
    ASSERT_TRUE(response) << i << ": " << response.error();
    EXPECT_EQ(response->status, 200u);
  }
  EXPECT_EQ(client.connections_opened(), 3);
  EXPECT_EQ(server.requests(), 3);
}

TEST(HttpClientTest, ClosesWhenTheServerSaysSo) {
  TestServer server;
  HttpClient client("127.0.0.1", server.port());
  const auto response = client.get("/x", {{"Connection", "close"}});
  ASSERT_TRUE(response) << response.error();
  EXPECT_FALSE(client.connected());
  ASSERT_TRUE(client.get("/y"));
  EXPECT_EQ(client.connections_opened(), 2);
}

TEST(HttpClientTest, TimesOutWhenTheServerDoesNotAnswer) {
  TestServer server({.never_answer = true});
  HttpClient client("127.0.0.1", server.port(), 200ms);
  const auto started = std::chrono::steady_clock::now();
  const auto response = client.get("/x");
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error(), "read: timed out");
  EXPECT_GE(elapsed, 150ms);
  EXPECT_LT(elapsed, 2s);
  EXPECT_FALSE(client.connected());
}

TEST(HttpClientTest, ReportsConnectFailure) {
  const auto port = closed_port();
  HttpClient client("127.0.0.1", port, 1s);
  const auto response = client.get("/x");
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().rfind("connect to 127.0.0.1:" + std::to_string(port), 0), 0u)
      << response.error();
}

TEST(HttpClientTest, IsMovable) {
  TestServer server;
  HttpClient first("127.0.0.1", server.port());
  ASSERT_TRUE(first.get("/x"));
  HttpClient second = std::move(first);
  ASSERT_TRUE(second.get("/y"));
  EXPECT_EQ(second.connections_opened(), 1);
}

TEST(RawConnectionTest, SendsBytesAndReadsUntilClose) {
  TestServer server;
  auto connection = RawConnection::open("127.0.0.1", server.port());
  ASSERT_TRUE(connection) << connection.error();
  ASSERT_TRUE(connection->send("GET /raw HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"));
  const auto result = connection->read_until_close(2s);
  EXPECT_TRUE(result.closed);
  EXPECT_EQ(result.bytes.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << result.bytes;
  EXPECT_NE(result.bytes.find("GET /raw\nh\n"), std::string::npos) << result.bytes;
}

TEST(RawConnectionTest, ReadUntilDelimiterKeepsTheConnection) {
  TestServer server;
  auto connection = RawConnection::open("127.0.0.1", server.port());
  ASSERT_TRUE(connection) << connection.error();
  ASSERT_TRUE(connection->send("GET /a HTTP/1.1\r\nHost: h\r\n\r\n"));
  const auto head = connection->read_until("\r\n\r\n", 2s);
  EXPECT_FALSE(head.closed);
  EXPECT_NE(head.bytes.find("\r\n\r\n"), std::string::npos);
  ASSERT_TRUE(connection->send("GET /b HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"));
  const auto rest = connection->read_until_close(2s);
  EXPECT_TRUE(rest.closed);
  EXPECT_NE((head.bytes + rest.bytes).find("GET /b\n"), std::string::npos);
}

TEST(RawConnectionTest, TimeoutLeavesTheConnectionOpen) {
  TestServer server({.never_answer = true});
  auto connection = RawConnection::open("127.0.0.1", server.port());
  ASSERT_TRUE(connection) << connection.error();
  const auto started = std::chrono::steady_clock::now();
  const auto nothing = connection->read_until_close(100ms);
  EXPECT_FALSE(nothing.closed);
  EXPECT_TRUE(nothing.bytes.empty());
  EXPECT_GE(std::chrono::steady_clock::now() - started, 90ms);
  EXPECT_TRUE(connection->send("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
}

TEST(RawConnectionTest, SeesTheServerClose) {
  TestServer server;
  auto connection = RawConnection::open("127.0.0.1", server.port());
  ASSERT_TRUE(connection) << connection.error();
  ASSERT_TRUE(connection->send("not http at all\r\n\r\n"));  // the test server hangs up
  const auto result = connection->read_until_close(2s);
  EXPECT_TRUE(result.closed);
}

TEST(RawConnectionTest, OpenFailsWhenNothingListens) {
  const auto connection = RawConnection::open("127.0.0.1", closed_port(), 1s);
  ASSERT_FALSE(connection);
  EXPECT_NE(connection.error().find("connect to 127.0.0.1:"), std::string::npos);
}

}  // namespace
}  // namespace mediagate::client
