// VendorClient's transport against the echo server of test_server.hpp: what goes on the
// wire (prefix, Host, body), connection reuse, timeouts, refused connections, and answers
// that are not vendor envelopes. (The vendors' real answers: tests/integration/client_*.)
#include "client/vendor_client.hpp"

#include <gtest/gtest.h>

#include "support/fixed_nonces.hpp"
#include "test_server.hpp"
#include "vendors/iqiyi/iqiyi_descriptor.hpp"
#include "vendors/polyv/polyv_live_descriptor.hpp"
#include "vendors/polyv/polyv_vod_client.hpp"
#include "vendors/polyv/polyv_vod_descriptor.hpp"
#include "vendors/pumpkin/pumpkin_descriptor.hpp"

namespace mediagate::client {
namespace {

using namespace std::chrono_literals;
using mediagate::testing::FixedNonces;
using testing::TestServer;
using testing::TestServerOptions;

class VendorClientTest : public ::testing::Test {
 protected:
  ClientOptions options(const TestServer& server, std::string prefix = {}) {
    ClientOptions out;
    out.base_url = BaseUrl::http("127.0.0.1", server.port());
    out.base_url.path_prefix = std::move(prefix);
    out.clock = &clock_;
    out.nonces = &nonces_;
    out.timeout = 2s;
    return out;
  }
  core::ManualClock clock_{1'700'000'000'000};
  FixedNonces nonces_;
};

TEST_F(VendorClientTest, SendsThePreparedRequestUnderThePrefixWithTheHostHeader) {
  TestServer server;
  VendorClient client(vendors::polyv::polyv_vod_descriptor(), options(server, "/proxy"),
                      "tIQp4ATe9Z");
  const auto exchange = client.exchange(RequestSpec{"GET", {{"page", "2"}}, "b0f7041324"});
  ASSERT_TRUE(exchange) << exchange.error().describe();
  const std::string target =
      "/proxy/v2/video/b0f7041324/get-by-uploader?page=2&ptime=1700000000000&sign=" +
      exchange->request.steps.signature;
  EXPECT_EQ(exchange->response.body,
            "GET " + target + "\n127.0.0.1:" + std::to_string(server.port()) + "\n\n\n");
  EXPECT_EQ(exchange->url, "http://127.0.0.1:" + std::to_string(server.port()) + target);
  EXPECT_EQ(exchange->request.steps.signature.size(), 40u);
}

TEST_F(VendorClientTest, IqiyiPostCarriesTheFormBody) {
  TestServer server;
  VendorClient client(vendors::iqiyi::iqiyi_descriptor(), options(server), "1234567890");
  const auto exchange =
      client.exchange(RequestSpec{"POST", {{"partnerCode", "P"}, {"user_id", "u"}}, ""});
  ASSERT_TRUE(exchange) << exchange.error().describe();
  EXPECT_EQ(exchange->response.body,
            "POST /vod/coupon/getVodCount.action\n127.0.0.1:" + std::to_string(server.port()) +
                "\napplication/x-www-form-urlencoded;charset=UTF-8\n\n" + exchange->request.body);
  EXPECT_NE(exchange->request.body.find("messageId=mediagate_3f2504e0-4f89-41d3-9a0c-0305e82c3301"),
            std::string::npos);
}

TEST_F(VendorClientTest, ReusesOneConnection) {
  TestServer server;
  VendorClient client(vendors::pumpkin::pumpkin_descriptor(), options(server),
                      "TEST_ACCESS_SECRET");
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(client.exchange(RequestSpec{"GET", {{"pid", "P"}}, ""}));
  }
  EXPECT_EQ(client.connections_opened(), 1);
  EXPECT_EQ(server.connections(), 1);
  EXPECT_EQ(server.requests(), 4);
}

TEST_F(VendorClientTest, AnAnswerThatIsNoEnvelopeIsMalformed) {
  TestServer server;
  VendorClient client(vendors::polyv::polyv_live_descriptor(), options(server), "s");
  const auto ok = client.call(RequestSpec{"GET", {{"appId", "a"}}, ""});
  ASSERT_FALSE(ok);
  EXPECT_EQ(ok.error().kind, ClientError::Kind::kMalformedResponse);
  EXPECT_EQ(ok.error().http_status, 200u);

  PolyvVodClient vod(options(server), {"b0f7041324", "tIQp4ATe9Z"});
  const auto page = vod.get_by_uploader();
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().kind, ClientError::Kind::kMalformedResponse);
}

TEST_F(VendorClientTest, ATimeoutIsATransportErrorSaidToBeOne) {
  TestServer server({.never_answer = true});
  auto slow = options(server);
  slow.timeout = 150ms;
  PolyvVodClient vod(slow, {"b0f7041324", "tIQp4ATe9Z"});
  const auto started = std::chrono::steady_clock::now();
  const auto page = vod.get_by_uploader();
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().kind, ClientError::Kind::kTransport);
  EXPECT_TRUE(page.error().timed_out);
  EXPECT_EQ(page.error().message, "read: timed out");
  EXPECT_LT(elapsed, 2s);
}

TEST_F(VendorClientTest, ARefusedConnectionIsATransportError) {
  std::uint16_t port = 0;
  {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor acceptor(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
    port = acceptor.local_endpoint().port();
  }
  ClientOptions closed;
  closed.base_url = BaseUrl::http("127.0.0.1", port);
  closed.timeout = 1s;
  VendorClient client(vendors::pumpkin::pumpkin_descriptor(), closed, "s");
  const auto exchange = client.exchange(RequestSpec{"GET", {{"pid", "P"}}, ""});
  ASSERT_FALSE(exchange);
  EXPECT_EQ(exchange.error().kind, ClientError::Kind::kTransport);
  EXPECT_FALSE(exchange.error().timed_out);
  EXPECT_NE(exchange.error().message.find("connect to 127.0.0.1:"), std::string::npos);
}

TEST_F(VendorClientTest, InvalidRequestsAreRefusedBeforeConnecting) {
  TestServer server;
  VendorClient client(vendors::polyv::polyv_vod_descriptor(), options(server), "s");
  const auto exchange = client.exchange(RequestSpec{"GET", {{"jsonp", "f"}}, "u"});
  ASSERT_FALSE(exchange);
  EXPECT_EQ(exchange.error().kind, ClientError::Kind::kInvalidArgument);
  EXPECT_EQ(client.connections_opened(), 0);
  EXPECT_EQ(server.connections(), 0);
}

TEST_F(VendorClientTest, DefaultClockAndNoncesAreUsable) {
  TestServer server;
  ClientOptions defaults;
  defaults.base_url = BaseUrl::http("127.0.0.1", server.port());
  VendorClient client(vendors::pumpkin::pumpkin_descriptor(), defaults, "s");
  const auto first = client.prepare(RequestSpec{"GET", {{"pid", "P"}}, ""});
  const auto second = client.prepare(RequestSpec{"GET", {{"pid", "P"}}, ""});
  ASSERT_TRUE(first && second);
  EXPECT_NE(first->query, second->query);  // a new nonce each time
  EXPECT_NE(first->query.find("timestamp=1"), std::string::npos);
}

}  // namespace
}  // namespace mediagate::client
