#include "client/nonce_source.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace mediagate::client {
namespace {

TEST(NonceSourceTest, AlphanumericHasTheLengthAndAlphabet) {
  RandomNonceSource source;
  const std::regex pattern("[A-Za-z0-9]{10}");
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const auto nonce = source.alphanumeric(10);
    EXPECT_TRUE(std::regex_match(nonce, pattern)) << nonce;
    seen.insert(nonce);
  }
  EXPECT_EQ(seen.size(), 200u);
  EXPECT_EQ(source.alphanumeric(0), "");
  EXPECT_EQ(source.alphanumeric(30).size(), 30u);
}

TEST(NonceSourceTest, UuidIsVersion4) {
  RandomNonceSource source;
  const std::regex pattern("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const auto uuid = source.uuid();
    EXPECT_TRUE(std::regex_match(uuid, pattern)) << uuid;
    seen.insert(uuid);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(NonceSourceTest, TwoSourcesDiffer) {
  RandomNonceSource a;
  RandomNonceSource b;
  EXPECT_NE(a.alphanumeric(16), b.alphanumeric(16));
}

}  // namespace
}  // namespace mediagate::client
