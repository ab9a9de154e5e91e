// The admin credential: the bearer check, where the token comes from, fresh secrets.
#include "admin/admin_auth.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "admin/admin_api.hpp"

namespace mediagate::admin {
namespace {

TEST(CheckBearer, AcceptsOnlyTheExactTokenAfterTheScheme) {
  EXPECT_EQ(check_bearer("Bearer abc", "abc"), AuthOutcome::kAllowed);
  EXPECT_EQ(check_bearer("bearer abc", "abc"), AuthOutcome::kAllowed);
  EXPECT_EQ(check_bearer("BEARER abc", "abc"), AuthOutcome::kAllowed);
  EXPECT_EQ(check_bearer("", "abc"), AuthOutcome::kMissing);
  EXPECT_EQ(check_bearer("Basic abc", "abc"), AuthOutcome::kWrongScheme);
  EXPECT_EQ(check_bearer("Bearer", "abc"), AuthOutcome::kWrongScheme);
  EXPECT_EQ(check_bearer("Bearer ", "abc"), AuthOutcome::kWrongScheme);
  EXPECT_EQ(check_bearer("abc", "abc"), AuthOutcome::kWrongScheme);
  EXPECT_EQ(check_bearer("Bearer abd", "abc"), AuthOutcome::kWrongToken);
  EXPECT_EQ(check_bearer("Bearer ab", "abc"), AuthOutcome::kWrongToken);
  EXPECT_EQ(check_bearer("Bearer abcd", "abc"), AuthOutcome::kWrongToken);
  EXPECT_EQ(check_bearer("Bearer  abc", "abc"), AuthOutcome::kWrongToken);
  EXPECT_EQ(check_bearer("Bearer ABC", "abc"), AuthOutcome::kWrongToken);
  EXPECT_EQ(check_bearer("Bearer x", ""), AuthOutcome::kWrongToken);  // never an empty token
}

TEST(AuthFailureLimiter, BlocksAnAddressAfterTooManyFailuresWithinTheWindow) {
  AuthFailureLimiter limiter({/*max_failures=*/2, /*window_ms=*/1000, /*block_ms=*/5000});
  EXPECT_FALSE(limiter.blocked_until("a", 0));
  EXPECT_FALSE(limiter.failed("a", 0));
  EXPECT_FALSE(limiter.failed("a", 500));
  EXPECT_FALSE(limiter.failed("b", 500));  // per address
  EXPECT_EQ(limiter.failed("a", 999), 5999);
  EXPECT_EQ(limiter.blocked_until("a", 5998), 5999);
  EXPECT_FALSE(limiter.blocked_until("b", 5998));
  EXPECT_FALSE(limiter.blocked_until("a", 5999));  // the block has ended
  // A new window after the previous one ended.
  EXPECT_FALSE(limiter.failed("b", 1500));
  EXPECT_FALSE(limiter.failed("b", 1600));
  EXPECT_FALSE(limiter.failed("b", 2600));
}

TEST(AuthFailureLimiter, MemoryIsBounded) {
  AuthFailureLimiter limiter({1, 1000, 1000}, /*max_addresses=*/8);
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(limiter.failed(std::to_string(i), 0));
  EXPECT_LE(limiter.size(), 8u);
  // Once the windows have ended, room is made for new addresses.
  EXPECT_FALSE(limiter.failed("new", 2000));
  EXPECT_EQ(limiter.failed("new", 2001), 3001);
}

class TokenFile : public ::testing::Test {
 protected:
  void write(const std::string& text) { std::ofstream(path_, std::ios::binary) << text; }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  std::string path_ =
      (std::filesystem::temp_directory_path() / ("mediagate-token-" + std::to_string(::getpid())))
          .string();
};

TEST_F(TokenFile, TheFileWinsAndLosesItsLineBreak) {
  write("from-file\r\n");
  auto token = resolve_admin_token(path_, std::string("from-env"));
  ASSERT_TRUE(token);
  EXPECT_EQ(*token, std::optional<std::string>("from-file"));
}

TEST_F(TokenFile, UnreadableOrEmptyIsAnErrorNamingTheSetting) {
  auto missing = resolve_admin_token(path_, std::nullopt);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().find("admin.token_file"), std::string::npos);
  write("\n");
  auto empty = resolve_admin_token(path_, std::string("from-env"));
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().find("empty"), std::string::npos);
}

TEST(TokenEnvironment, UsedWithoutAFileAndEmptyMeansNone) {
  EXPECT_EQ(*resolve_admin_token("", std::string("from-env")),
            std::optional<std::string>("from-env"));
  EXPECT_EQ(*resolve_admin_token("", std::string("")), std::nullopt);
  EXPECT_EQ(*resolve_admin_token("", std::nullopt), std::nullopt);
}

TEST(RandomSecret, ThirtyTwoLettersAndDigitsEachTimeDifferent) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    const auto secret = random_secret();
    ASSERT_EQ(secret.size(), 32u);
    for (const char c : secret) {
      EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
    }
    seen.insert(secret);
  }
  EXPECT_EQ(seen.size(), 50u);
}

}  // namespace
}  // namespace mediagate::admin
