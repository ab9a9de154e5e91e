#include "http/client_address.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace mediagate::http {
namespace {

TrustedProxies trusted(const std::vector<std::string>& list) {
  auto parsed = TrustedProxies::parse(list);
  EXPECT_TRUE(parsed) << (parsed ? "" : parsed.error());
  return parsed ? *parsed : TrustedProxies{};
}

std::string client(const TrustedProxies& proxies, std::string_view peer,
                   const std::vector<std::string_view>& forwarded_for) {
  return proxies.client_address(peer, forwarded_for);
}

TEST(TrustedProxiesParse, AcceptsAddressesAndRanges) {
  const auto proxies = trusted({"10.0.0.1", " 192.168.0.0/16 ", "0.0.0.0/0", "172.16.0.0/32",
                                "fd00::/8", "::1", "2001:db8::/128", "::ffff:100.64.0.0/106"});
  EXPECT_FALSE(proxies.empty());
  EXPECT_TRUE(trusted({}).empty());
}

TEST(TrustedProxiesParse, MatchesByPrefix) {
  const auto v4 = trusted({"10.1.0.0/16", "192.0.2.7", "198.51.100.0/31"});
  EXPECT_TRUE(v4.contains("10.1.0.0"));
  EXPECT_TRUE(v4.contains("10.1.255.255"));
  EXPECT_FALSE(v4.contains("10.2.0.0"));
  EXPECT_TRUE(v4.contains("192.0.2.7"));
  EXPECT_FALSE(v4.contains("192.0.2.8"));
  EXPECT_TRUE(v4.contains("198.51.100.1"));
  EXPECT_FALSE(v4.contains("198.51.100.2"));
  EXPECT_FALSE(v4.contains("::ffff:10.2.0.1"));
  EXPECT_TRUE(v4.contains("::ffff:10.1.2.3"));  // mapped IPv6 is its IPv4 address
  EXPECT_FALSE(v4.contains("not an address"));

  const auto everything = trusted({"0.0.0.0/0"});
  EXPECT_TRUE(everything.contains("1.2.3.4"));
  EXPECT_TRUE(everything.contains("255.255.255.255"));
  EXPECT_FALSE(everything.contains("::1"));  // IPv4 ranges never match IPv6

  const auto odd_prefix = trusted({"10.0.0.0/9"});
  EXPECT_TRUE(odd_prefix.contains("10.127.0.1"));
  EXPECT_FALSE(odd_prefix.contains("10.128.0.1"));

  const auto host_bits = trusted({"10.1.2.3/8"});  // host bits ignored
  EXPECT_TRUE(host_bits.contains("10.200.0.1"));

  const auto v6 = trusted({"fd00::/8", "2001:db8::1/128", "::/0"});
  EXPECT_TRUE(v6.contains("fdff:1::2"));
  EXPECT_TRUE(v6.contains("2001:db8::1"));
  EXPECT_TRUE(v6.contains("2001:db8::2"));  // ::/0
  EXPECT_FALSE(v6.contains("10.0.0.1"));

  const auto exact_v6 = trusted({"2001:db8::1/128", "fd00::/8"});
  EXPECT_TRUE(exact_v6.contains("2001:db8::1"));
  EXPECT_FALSE(exact_v6.contains("2001:db8::2"));
  EXPECT_FALSE(exact_v6.contains("fe00::1"));

  const auto mapped = trusted({"::ffff:127.0.0.1", "::ffff:100.64.0.0/106"});
  EXPECT_TRUE(mapped.contains("127.0.0.1"));
  EXPECT_TRUE(mapped.contains("100.127.255.255"));
  EXPECT_FALSE(mapped.contains("100.128.0.0"));
}

TEST(TrustedProxiesParse, RefusesBadEntriesNamingThem) {
  for (const char* bad :
       {"", "garbage", "10.0.0.1/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/x", "10.0.0.0/8/8",
        "/8", "::1/129", "fd00::/1000", "10.0.0.256", "1.2.3.4:80", "[::1]", "10.0.0.0 /8",
        "::ffff:10.0.0.0/95", "example.com", "10.0.0.0/+8"}) {
    const auto parsed = TrustedProxies::parse({"127.0.0.1", bad});
    ASSERT_FALSE(parsed) << bad;
    EXPECT_NE(parsed.error().find("\"" + std::string(bad) + "\""), std::string::npos)
        << parsed.error();
  }
}

TEST(TrustedProxiesClientAddress, NoTrustedProxiesKeepsThePeer) {
  const TrustedProxies none;
  EXPECT_EQ(client(none, "127.0.0.1", {"203.0.113.9"}), "127.0.0.1");
}

TEST(TrustedProxiesClientAddress, AnUntrustedPeersHeaderIsIgnored) {
  const auto proxies = trusted({"10.0.0.0/8"});
  // A client talking to us directly cannot choose its address by sending the header.
  EXPECT_EQ(client(proxies, "203.0.113.9", {"10.0.0.5"}), "203.0.113.9");
  EXPECT_EQ(client(proxies, "203.0.113.9", {"198.51.100.1", "10.0.0.5"}), "203.0.113.9");
}

TEST(TrustedProxiesClientAddress, TrustedPeerGivesTheRightMostUntrustedAddress) {
  const auto proxies = trusted({"10.0.0.0/8"});
  EXPECT_EQ(client(proxies, "10.0.0.1", {"203.0.113.9"}), "203.0.113.9");
  // The left part is whatever the client sent: only the address our proxy added counts.
  EXPECT_EQ(client(proxies, "10.0.0.1", {"1.1.1.1, 2.2.2.2,203.0.113.9"}), "203.0.113.9");
  EXPECT_EQ(client(proxies, "10.0.0.1", {}), "10.0.0.1");  // no header: the proxy itself
  EXPECT_EQ(client(proxies, "10.0.0.1", {""}), "10.0.0.1");
}

TEST(TrustedProxiesClientAddress, AChainOfTrustedProxiesIsSkipped) {
  const auto proxies = trusted({"10.0.0.0/8", "192.168.1.1"});
  EXPECT_EQ(client(proxies, "10.0.0.1", {"6.6.6.6, 203.0.113.9, 192.168.1.1, 10.9.9.9"}),
            "203.0.113.9");
}

TEST(TrustedProxiesClientAddress, AllTrustedGivesTheLeftMost) {
  const auto proxies = trusted({"10.0.0.0/8"});
  EXPECT_EQ(client(proxies, "10.0.0.1", {"10.0.0.7, 10.0.0.8"}), "10.0.0.7");
}

TEST(TrustedProxiesClientAddress, AMalformedEntryStopsTheWalk) {
  const auto proxies = trusted({"10.0.0.0/8"});
  // The last good address seen before the garbled one (a trusted proxy), else the peer.
  EXPECT_EQ(client(proxies, "10.0.0.1", {"203.0.113.9, unknown"}), "10.0.0.1");
  EXPECT_EQ(client(proxies, "10.0.0.1", {"203.0.113.9, unknown, 10.0.0.2"}), "10.0.0.2");
  EXPECT_EQ(client(proxies, "10.0.0.1", {"203.0.113.9:5678"}), "10.0.0.1");
  EXPECT_EQ(client(proxies, "10.0.0.1", {"[2001:db8::1]"}), "10.0.0.1");
  // An untrusted address to the right of garbage is still the client.
  EXPECT_EQ(client(proxies, "10.0.0.1", {"garbage, 203.0.113.9"}), "203.0.113.9");
  // Empty list elements are skipped, not garbage.
  EXPECT_EQ(client(proxies, "10.0.0.1", {"203.0.113.9,, "}), "203.0.113.9");
}

TEST(TrustedProxiesClientAddress, SeveralHeaderLinesAreOneListInOrder) {
  const auto proxies = trusted({"10.0.0.0/8"});
  EXPECT_EQ(client(proxies, "10.0.0.1", {"1.1.1.1", "203.0.113.9, 10.0.0.3"}), "203.0.113.9");
  EXPECT_EQ(client(proxies, "10.0.0.1", {"1.1.1.1", "10.0.0.3"}), "1.1.1.1");
  EXPECT_EQ(client(proxies, "10.0.0.1", {"10.0.0.4", "10.0.0.3"}), "10.0.0.4");
}

TEST(TrustedProxiesClientAddress, MappedIpv6IsNormalised) {
  const auto proxies = trusted({"127.0.0.1"});
  // A dual-stack listener sees an IPv4 proxy as ::ffff:127.0.0.1.
  EXPECT_EQ(client(proxies, "::ffff:127.0.0.1", {"::ffff:203.0.113.9"}), "203.0.113.9");
  EXPECT_EQ(client(proxies, "127.0.0.1", {"2001:db8::7"}), "2001:db8::7");
  EXPECT_EQ(client(proxies, "::ffff:127.0.0.1", {"::ffff:127.0.0.1"}), "127.0.0.1");
}

}  // namespace
}  // namespace mediagate::http
