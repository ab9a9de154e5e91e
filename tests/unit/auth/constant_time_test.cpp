#include "auth/constant_time.hpp"

#include <gtest/gtest.h>

#include <string>

namespace mediagate::auth {
namespace {

TEST(ConstantTimeEquals, EqualAndDifferentContents) {
  EXPECT_TRUE(constant_time_equals("", ""));
  EXPECT_TRUE(constant_time_equals("abc", "abc"));
  EXPECT_FALSE(constant_time_equals("abc", "abd"));
  EXPECT_FALSE(constant_time_equals("abc", "xbc"));
  EXPECT_TRUE(constant_time_equals(std::string("a\0b", 3), std::string("a\0b", 3)));
  EXPECT_FALSE(constant_time_equals(std::string("a\0b", 3), std::string("a\0c", 3)));
}

TEST(ConstantTimeEquals, LengthMismatchIsFalse) {
  EXPECT_FALSE(constant_time_equals("abc", "ab"));
  EXPECT_FALSE(constant_time_equals("", "a"));
  EXPECT_FALSE(constant_time_equals("abc", std::string("abc\0", 4)));
}

TEST(ConstantTimeEquals, CaseSensitive) {
  EXPECT_FALSE(constant_time_equals("ABCDEF", "abcdef"));
}

TEST(SignatureMatches, NeverMatchesEmpty) {
  EXPECT_FALSE(signature_matches("", ""));
  EXPECT_FALSE(signature_matches("ABC", ""));
  EXPECT_FALSE(signature_matches("", "ABC"));
  EXPECT_TRUE(signature_matches("ABC", "ABC"));
  EXPECT_FALSE(signature_matches("ABC", "abc"));
}

}  // namespace
}  // namespace mediagate::auth
