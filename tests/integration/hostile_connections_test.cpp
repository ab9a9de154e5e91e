// Connections that hold the server rather than send requests, against the real server (its
// vendor routes, two server threads) on loopback with small limits so that each test takes a
// few seconds: a flood of sockets that never send anything, far above limits.max_connections,
// while a keep-alive client goes on being served; and slowloris (a request dribbled a byte at a
// time) against the read and keep-alive timeouts. docs/decisions/http-conformance.md.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "support/test_connection.hpp"
#include "support/test_server.hpp"

namespace mediagate::testing {
namespace {

using namespace std::chrono_literals;
using http::testing::Drained;
using http::testing::get_request;
using http::testing::TestConnection;
using Clock = std::chrono::steady_clock;

TEST(HostileConnections, NeverSendingFloodTenTimesTheLimitLeavesAKeepAliveClientServed) {
  constexpr int kLimit = 16;
  constexpr int kRounds = 20;
  constexpr int kPerRound = kLimit / 2;  // 160 sockets in all, ten times the limit
  TestServer server([](core::Config& config) {
    config.limits.max_connections = kLimit;
    config.limits.read_timeout_ms = 10'000;  // the flood is not simply timed out
    config.limits.keep_alive_timeout_ms = 10'000;
  });
  TestConnection client(server.port());
  ASSERT_TRUE(client.send(get_request("/healthz")));
  ASSERT_TRUE(client.read_response());

  std::vector<std::unique_ptr<TestConnection>> flood;
  const auto started = Clock::now();
  for (int round = 0; round < kRounds; ++round) {
    for (int i = 0; i < kPerRound; ++i) {
      flood.push_back(std::make_unique<TestConnection>(server.port()));
      ASSERT_TRUE(flood.back()->connected()) << round << "/" << i;
    }
    // Let the server accept them: each takes the place of the connection idle the longest,
    // which is an older flood socket (the client answered after those arrived).
    std::this_thread::sleep_for(50ms);
    ASSERT_TRUE(client.send(get_request("/healthz"))) << "round " << round;
    const auto response = client.read_response(3s);
    ASSERT_TRUE(response) << "round " << round;
    EXPECT_EQ(response->status, 200u);
  }
  EXPECT_LT(Clock::now() - started, 8s);

  // The server held at most the limit: all but the newest flood sockets were closed, unanswered.
  int closed = 0;
  for (std::size_t i = 0; i + kLimit < flood.size(); ++i) {
    const Drained drained = flood[i]->read_until_close(1s);
    EXPECT_EQ(drained.bytes, "") << i;
    if (drained.closed) ++closed;
  }
  EXPECT_EQ(closed, kRounds * kPerRound - kLimit);
  // A new client is served at once too.
  TestConnection late(server.port());
  ASSERT_TRUE(late.send(get_request("/healthz")));
  const auto response = late.read_response(2s);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);
}

// Sends `head` one byte every 100 ms until the server closes the connection (or 10 s pass);
// how long that took from `since`.
Clock::duration dribble_until_closed(TestConnection& connection, const std::string& head,
                                     Clock::time_point since) {
  for (std::size_t i = 0; Clock::now() - since < 10s; ++i) {
    if (!connection.send(head.substr(i % head.size(), 1))) break;
    const Drained drained = connection.read_until_close(100ms);
    EXPECT_EQ(drained.bytes, "");  // closed without an answer
    if (drained.closed) break;
  }
  return Clock::now() - since;
}

TEST(HostileConnections, SlowlorisIsClosedAtTheReadTimeoutWhileOthersAreServed) {
  TestServer server([](core::Config& config) {
    config.limits.read_timeout_ms = 1000;
    config.limits.keep_alive_timeout_ms = 500;
  });
  // A header line that never ends: a byte every 100 ms keeps nothing open beyond the timeout.
  const std::string head = "GET /healthz HTTP/1.1\r\nHost: test\r\nX-Slow: abcdefghijklmnop";
  std::thread other([&server] {
    for (int i = 0; i < 10; ++i) {
      const auto response = server.get("/healthz");
      EXPECT_EQ(response.status, 200u);
      std::this_thread::sleep_for(100ms);
    }
  });
  TestConnection slow(server.port());
  const auto elapsed = dribble_until_closed(slow, head, Clock::now());
  other.join();
  EXPECT_GE(elapsed, 900ms);
  EXPECT_LT(elapsed, 2500ms);
}

TEST(HostileConnections, SlowlorisAfterAKeptAliveRequestIsClosedToo) {
  TestServer server([](core::Config& config) {
    config.limits.read_timeout_ms = 1000;
    config.limits.keep_alive_timeout_ms = 500;
  });
  TestConnection slow(server.port());
  ASSERT_TRUE(slow.send(get_request("/healthz")));
  ASSERT_TRUE(slow.read_response());
  // The next request begins within the keep-alive timeout, then dribbles: it has the read
  // timeout from its first byte, no more.
  const auto started = Clock::now();
  const auto elapsed = dribble_until_closed(
      slow, "GET /healthz HTTP/1.1\r\nHost: test\r\nX-Slow: abcdefgh", started);
  EXPECT_GE(elapsed, 900ms);
  EXPECT_LT(elapsed, 2500ms);

  // And a kept-alive connection that sends nothing is closed at the keep-alive timeout.
  TestConnection idle(server.port());
  ASSERT_TRUE(idle.send(get_request("/healthz")));
  ASSERT_TRUE(idle.read_response());
  const auto idle_started = Clock::now();
  const Drained drained = idle.read_until_close(3s);
  EXPECT_TRUE(drained.closed);
  EXPECT_EQ(drained.bytes, "");
  EXPECT_GE(Clock::now() - idle_started, 400ms);
  EXPECT_LT(Clock::now() - idle_started, 1500ms);
}

}  // namespace
}  // namespace mediagate::testing
