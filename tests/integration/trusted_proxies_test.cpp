// Client addresses behind a reverse proxy over a real socket: with trusted_proxies naming the
// socket peer (127.0.0.1 here, standing in for the balancer), X-Forwarded-For picks the Polyv
// rate-limit bucket; without it every request through the proxy shares the proxy's bucket.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"
#include "vendors/polyv/polyv_settings.hpp"

namespace mediagate::testing {
namespace {

constexpr const char* kSecret = "tIQp4ATe9Z";
constexpr const char* kBlocked =
    R"({"code":400,"status":"error","message":"qps exceeds number of calls","data":""})";

TestServer::Tweak rate_limited(std::vector<std::string> trusted_proxies) {
  return [trusted_proxies = std::move(trusted_proxies)](core::Config& config) {
    config.trusted_proxies = trusted_proxies;
    config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.enabled = true;
    config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.max_requests = 3;
    config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.window_ms = 10'000;
    config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.block_ms = 300'000;
  };
}

// One signed get-by-uploader on `connection` as if forwarded for these X-Forwarded-For lines.
client::ClientResponse forwarded(TestServer& server, client::HttpClient& connection,
                                 const client::HeaderList& headers) {
  Params params{{"ptime", std::to_string(server.clock().now_ms())}};
  params["sign"] = polyv_vod_sign(params, kSecret);
  auto response =
      connection.get("/v2/video/b0f7041324/get-by-uploader?" + form_query(params), headers);
  if (!response) throw std::runtime_error(response.error());
  return *response;
}

const client::HeaderList kClientA{{"X-Forwarded-For", "203.0.113.1"}};
const client::HeaderList kClientB{{"X-Forwarded-For", "203.0.113.2"}};

TEST(TrustedProxies, EachForwardedClientHasItsOwnRateLimitBucket) {
  TestServer server(rate_limited({"127.0.0.1/32"}));
  auto connection = server.client();  // one socket: every request has the same peer
  for (int i = 0; i < 3; ++i) EXPECT_EQ(forwarded(server, connection, kClientA).status, 200u) << i;
  EXPECT_EQ(forwarded(server, connection, kClientA).body, kBlocked);
  // Client B, through the same proxy connection, is still served.
  EXPECT_EQ(forwarded(server, connection, kClientB).status, 200u);
  // A cannot escape by prepending another address: only the right-most untrusted one counts,
  // also when it comes on a later header line.
  EXPECT_EQ(forwarded(server, connection, {{"X-Forwarded-For", "198.51.100.9, 203.0.113.1"}}).body,
            kBlocked);
  EXPECT_EQ(forwarded(server, connection,
                      {{"X-Forwarded-For", "203.0.113.2"}, {"X-Forwarded-For", "203.0.113.1"}})
                .body,
            kBlocked);
  // A proxy chain ending in trusted hops still finds B.
  EXPECT_EQ(forwarded(server, connection, {{"X-Forwarded-For", "203.0.113.2, 127.0.0.1"}}).status,
            200u);
  // Without the header the proxy itself is the client, with a bucket of its own.
  EXPECT_EQ(forwarded(server, connection, {}).status, 200u);
}

TEST(TrustedProxies, WithoutTrustedProxiesTheHeaderIsIgnored) {
  TestServer server(rate_limited({}));
  auto connection = server.client();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(forwarded(server, connection, kClientA).status, 200u) << i;
  // B shares the peer's bucket (127.0.0.1): what a caller claims in the header does not count.
  EXPECT_EQ(forwarded(server, connection, kClientB).body, kBlocked);
}

TEST(TrustedProxies, AnUntrustedPeersHeaderIsIgnored) {
  TestServer server(rate_limited({"10.0.0.0/8"}));  // the test's 127.0.0.1 is not trusted
  auto connection = server.client();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(forwarded(server, connection, kClientA).status, 200u) << i;
  EXPECT_EQ(forwarded(server, connection, kClientB).body, kBlocked);
}

TEST(TrustedProxies, ABadEntryStopsStartUpNamingTheSetting) {
  try {
    TestServer server([](core::Config& config) {
      config.trusted_proxies = {"127.0.0.1", "10.0.0.0/33"};
    });
    FAIL() << "the server started";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("trusted_proxies: \"10.0.0.0/33\""), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace mediagate::testing
