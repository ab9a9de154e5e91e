// Every SDK call against a peer that never answers: a socket bound and listening but never
// accepting (the kernel completes the handshake, nobody reads). Each call ends with a
// transport error marked as a timeout, within its timeout.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "support/test_server.hpp"
#include "vendors/iqiyi/iqiyi_client.hpp"
#include "vendors/polyv/polyv_group_client.hpp"
#include "vendors/polyv/polyv_live_client.hpp"
#include "vendors/polyv/polyv_vod_client.hpp"
#include "vendors/pumpkin/pumpkin_client.hpp"

namespace mediagate::testing {
namespace {

using namespace std::chrono_literals;
using client::ClientError;

// 127.0.0.1:port, listening, never accepting.
class SilentListener {
 public:
  SilentListener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::listen(fd_, 16) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      ADD_FAILURE() << "cannot listen";
    }
    port_ = ntohs(address.sin_port);
  }
  ~SilentListener() {
    if (fd_ >= 0) ::close(fd_);
  }
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;
  std::uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

constexpr auto kTimeout = 200ms;

client::ClientOptions silent_options(const SilentListener& listener) {
  client::ClientOptions options;
  options.base_url = client::BaseUrl::http("127.0.0.1", listener.port());
  options.timeout = kTimeout;
  return options;
}

template <class Call>
void expect_timeout(const char* what, Call call) {
  SCOPED_TRACE(what);
  const auto started = std::chrono::steady_clock::now();
  const auto result = call();
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ClientError::Kind::kTransport);
  EXPECT_TRUE(result.error().timed_out);
  EXPECT_EQ(result.error().message, "read: timed out");
  EXPECT_GE(elapsed, kTimeout);
  EXPECT_LT(elapsed, 3s);
}

TEST(ClientTransport, EveryCallTimesOutAgainstAPeerThatNeverAnswers) {
  SilentListener listener;
  const auto options = silent_options(listener);
  client::PolyvVodClient vod(options, {"b0f7041324", "tIQp4ATe9Z"});
  expect_timeout("polyv-vod", [&] { return vod.get_by_uploader(); });
  client::PolyvLiveClient live(options, {"frlr1zazn3", "s"});
  expect_timeout("polyv-live", [&] { return live.list_sessions({.channel_id = "2272655"}); });
  client::PolyvGroupClient group(options, {"ga1ayl6dh2", "s"});
  expect_timeout("polyv-group",
                 [&] { return group.list_allocate_log({.emails = {"a@polyv.com"}}); });
  client::IqiyiClient iqiyi(options, {"T_Coupon_Pepsi", "1234567890"});
  expect_timeout("iqiyi GET", [&] { return iqiyi.get_vod_count({.user_id = "test_user_001"}); });
  expect_timeout("iqiyi POST", [&] {
    return iqiyi.get_vod_count({.user_id = "test_user_001", .use_post = true});
  });
  client::PumpkinClient pumpkin(options, {"TEST_PID", "TEST_ACCESS_SECRET"});
  expect_timeout("pumpkin", [&] { return pumpkin.offline_sync(); });
  auto pages = vod.videos({}, 5);
  EXPECT_FALSE(pages.next());
  ASSERT_TRUE(pages.error());
  EXPECT_TRUE(pages.error()->timed_out);
}

TEST(ClientTransport, ReconnectsWhenTheServerClosedTheIdleConnection) {
  TestServer server([](core::Config& config) { config.limits.read_timeout_ms = 100; });
  client::ClientOptions options;
  options.base_url = client::BaseUrl::http("127.0.0.1", server.port());
  options.clock = &server.clock();
  options.timeout = 5s;
  client::PolyvVodClient vod(options, {"b0f7041324", "tIQp4ATe9Z"});
  ASSERT_TRUE(vod.get_by_uploader());
  ASSERT_TRUE(vod.get_by_uploader());
  EXPECT_EQ(vod.connections_opened(), 1);
  std::this_thread::sleep_for(400ms);  // the server closes the idle connection
  const auto after = vod.get_by_uploader();
  ASSERT_TRUE(after) << after.error().describe();
  EXPECT_EQ(vod.connections_opened(), 2);
}

// https base URLs are accepted (issue 17; tests/integration/tls_test.cpp); other schemes are
// refused with a sentence naming both accepted ones.
TEST(ClientTransport, OnlyHttpAndHttpsBaseUrls) {
  ASSERT_TRUE(client::BaseUrl::parse("https://api.polyv.net"));
  const auto url = client::BaseUrl::parse("ftp://api.polyv.net");
  ASSERT_FALSE(url);
  EXPECT_NE(url.error().find("http:// or https://"), std::string::npos) << url.error();
}

}  // namespace
}  // namespace mediagate::testing
