#include "client/base_url.hpp"

#include <gtest/gtest.h>

#include "vendors/iqiyi/iqiyi_descriptor.hpp"
#include "vendors/polyv/polyv_base_url.hpp"

namespace mediagate::client {
namespace {

TEST(BaseUrlTest, HostPortAndPrefix) {
  const auto url = BaseUrl::parse("http://127.0.0.1:8080");
  ASSERT_TRUE(url) << url.error();
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->port, 8080);
  EXPECT_EQ(url->path_prefix, "");
  EXPECT_EQ(url->authority(), "127.0.0.1:8080");
  EXPECT_EQ(url->str(), "http://127.0.0.1:8080");
  EXPECT_EQ(url->target("/v2/x?a=1"), "/v2/x?a=1");

  const auto prefixed = BaseUrl::parse("HTTP://api.polyv.net/gateway/polyv/");
  ASSERT_TRUE(prefixed) << prefixed.error();
  EXPECT_EQ(prefixed->host, "api.polyv.net");
  EXPECT_EQ(prefixed->port, 80);
  EXPECT_EQ(prefixed->path_prefix, "/gateway/polyv");
  EXPECT_EQ(prefixed->authority(), "api.polyv.net");
  EXPECT_EQ(prefixed->str(), "http://api.polyv.net/gateway/polyv");
  EXPECT_EQ(prefixed->target("/v2/x"), "/gateway/polyv/v2/x");
}

TEST(BaseUrlTest, Ipv6) {
  const auto url = BaseUrl::parse("http://[::1]:9000/p");
  ASSERT_TRUE(url) << url.error();
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 9000);
  EXPECT_EQ(url->authority(), "[::1]:9000");
  EXPECT_EQ(url->str(), "http://[::1]:9000/p");
}

TEST(BaseUrlTest, VendorHostsParse) {
  for (const auto text : {vendors::polyv::kPolyvBaseUrl, vendors::iqiyi::kIqiyiBaseUrl,
                          vendors::iqiyi::kIqiyiTestBaseUrl}) {
    EXPECT_TRUE(BaseUrl::parse(text)) << text;
  }
}

TEST(BaseUrlTest, Https) {
  const auto url = BaseUrl::parse("HTTPS://api.polyv.net/v2/");
  ASSERT_TRUE(url) << url.error();
  EXPECT_TRUE(url->https);
  EXPECT_EQ(url->port, 443);
  EXPECT_EQ(url->authority(), "api.polyv.net");
  EXPECT_EQ(url->str(), "https://api.polyv.net/v2");
  const auto other_port = BaseUrl::parse("https://localhost:8443");
  ASSERT_TRUE(other_port) << other_port.error();
  EXPECT_EQ(other_port->authority(), "localhost:8443");
  const auto port_80 = BaseUrl::parse("https://localhost:80");
  ASSERT_TRUE(port_80) << port_80.error();
  EXPECT_EQ(port_80->authority(), "localhost:80");
  EXPECT_FALSE(BaseUrl::parse("ftp://localhost"));
}

TEST(BaseUrlTest, RefusesWhatItCannotUse) {
  for (const char* text :
       {"", "api.polyv.net", "ftp://x", "http://", "http://:80", "http://host:", "http://host:0",
        "http://host:65536", "http://host:8a", "http://host:123456", "http://u:p@host",
        "http://host/?q=1", "http://host/#f", "http://ho st", "http://[::1", "http://[::1]x",
        "http://[zz]:1"}) {
    EXPECT_FALSE(BaseUrl::parse(text)) << text;
  }
}

TEST(BaseUrlTest, HttpFactory) {
  const auto url = BaseUrl::http("localhost", 80);
  EXPECT_EQ(url.authority(), "localhost");
  EXPECT_EQ(url, *BaseUrl::parse("http://localhost"));
}

}  // namespace
}  // namespace mediagate::client
