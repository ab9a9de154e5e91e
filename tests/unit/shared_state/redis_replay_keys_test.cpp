// The Redis replay guard's compact keys and values: a fixed-length hashed key (checked against
// an independent SHA-256, Python's hashlib), values Redis can keep as integers, exact
// comparisons across the two value forms, and, with the test Redis, the bytes a key takes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <limits>
#include <string>

#include "shared_state/redis_client.hpp"
#include "shared_state/redis_keys.hpp"
#include "shared_state/redis_replay_guard.hpp"
#include "support/redis_env.hpp"
#include "unit/shared_state/test_redis.hpp"

namespace mediagate::shared_state {
namespace {

using auth::ReplayCheck;
constexpr std::int64_t k2To53 = std::int64_t{1} << 53;

TEST(RedisReplayKeys, HashedFixedLengthAndUnambiguous) {
  // Expected values from hashlib: base64url(sha256(pack('<Q', len(scope)) + scope + token)[:16]).
  EXPECT_EQ(replay_key("mediagate:", "iqiyi:T_Coupon_Pepsi",
                       "myapp_3f2504e0-4f89-11d3-9a0c-0305e82c3302"),
            "mediagate:r:2jkR8xoori3Ui71hciVgqQ");
  EXPECT_EQ(replay_key("p:", "pumpkin:TEST_PID", "AbCdE12345"), "p:r:KjpWErV9ZAPdtOsDBpocCQ");
  EXPECT_NE(replay_key("p:", "ab", "c"), replay_key("p:", "a", "bc"));
  EXPECT_NE(replay_key("p:", "s", "t"), replay_key("q:", "s", "t"));
  const std::string long_token(10'000, 'x');
  EXPECT_EQ(replay_key("p:", "s", long_token).size(), 2u + 2u + 22u);
  EXPECT_EQ(replay_key("p:", "", "").size(), 2u + 2u + 22u);
}

TEST(RedisReplayKeys, StoredInstantsArePlainIntegersInTheClocksRange) {
  EXPECT_EQ(encode_stored_instant(1'700'000'000'000), "1700000000000");
  EXPECT_EQ(encode_stored_instant(0), "0");
  EXPECT_EQ(encode_stored_instant(k2To53 - 1), std::to_string(k2To53 - 1));
  EXPECT_EQ(encode_stored_instant(k2To53), encode_instant(k2To53));
  EXPECT_EQ(encode_stored_instant(-1), encode_instant(-1));
  EXPECT_EQ(encode_stored_instant(k2To53).size(), 20u);
}

class RedisReplayValues : public ::testing::Test {
 protected:
  void SetUp() override {
    MEDIAGATE_NEED_REDIS_OPTIONS(options);
    client_ = std::make_unique<RedisClient>(options);
    prefix_ = testing::fresh_redis_prefix();
  }
  std::unique_ptr<RedisClient> client_;
  std::string prefix_;
};

// Around 0 and 2^53, where the stored form changes, expiry is exact to the millisecond.
TEST_F(RedisReplayValues, ExactAcrossTheTwoForms) {
  RedisReplayGuard guard(*client_, prefix_);
  // Recorded in the plain form, expiring in the wide one, and back.
  EXPECT_EQ(guard.first_use("s", "a", k2To53 - 2, 3), ReplayCheck::kFirstUse);  // until 2^53+1
  EXPECT_EQ(guard.first_use("s", "a", k2To53 - 1, 3), ReplayCheck::kReplay);
  EXPECT_EQ(guard.first_use("s", "a", k2To53 + 1, 3), ReplayCheck::kReplay);
  EXPECT_EQ(guard.first_use("s", "a", k2To53 + 2, 3), ReplayCheck::kFirstUse);
  EXPECT_EQ(guard.first_use("s", "b", k2To53 - 5, 3), ReplayCheck::kFirstUse);  // until 2^53-2
  EXPECT_EQ(guard.first_use("s", "b", k2To53 - 2, 3), ReplayCheck::kReplay);
  EXPECT_EQ(guard.first_use("s", "b", k2To53, 3), ReplayCheck::kFirstUse);  // now wide
  // Around 0: negative instants are wide, from 0 on plain.
  EXPECT_EQ(guard.first_use("s", "c", -3, 2), ReplayCheck::kFirstUse);  // until -1
  EXPECT_EQ(guard.first_use("s", "c", -1, 2), ReplayCheck::kReplay);
  EXPECT_EQ(guard.first_use("s", "c", 0, 2), ReplayCheck::kFirstUse);  // until 2
  EXPECT_EQ(guard.first_use("s", "c", 2, 2), ReplayCheck::kReplay);
  EXPECT_EQ(guard.first_use("s", "c", 3, 2), ReplayCheck::kFirstUse);
  EXPECT_EQ(guard.first_use("s", "d", -10, 20), ReplayCheck::kFirstUse);  // until 10
  EXPECT_EQ(guard.first_use("s", "d", -1, 20), ReplayCheck::kReplay);
  EXPECT_EQ(guard.first_use("s", "d", 10, 20), ReplayCheck::kReplay);
  EXPECT_EQ(guard.first_use("s", "d", 11, 20), ReplayCheck::kFirstUse);
}

// What a key costs Redis (MEMORY USAGE: the key's object and its value; the two dictionary
// entries add about 60 bytes, docs/operations.md): the same for both vendors' keys whatever the
// token, and the value kept as an integer.
TEST_F(RedisReplayValues, BothVendorsKeysAreSmall) {
  // A prefix as short as the default one ("mediagate:"), of this process alone.
  const std::string prefix = "mg" + std::to_string(::getpid()) + ":";
  RedisReplayGuard guard(*client_, prefix);
  const std::string tokens[][2] = {
      {"iqiyi:T_Coupon_Pepsi", "myapp_3f2504e0-4f89-11d3-9a0c-0305e82c3302"},
      {"pumpkin:TEST_PID", "AbCdE12345"},
      {"pumpkin:TEST_PID", "AbCdE12345AbCdE12345AbCdE12345"}};
  for (const auto& [scope, token] : tokens) {
    ASSERT_EQ(guard.first_use(scope, token, 1'700'000'000'000, 900'000), ReplayCheck::kFirstUse);
    const std::string key = replay_key(prefix, scope, token);
    const auto encoding = client_->command({"OBJECT", "ENCODING", key});
    ASSERT_TRUE(encoding);
    EXPECT_EQ(encoding->text, "int") << scope;
    const auto usage = client_->command({"MEMORY", "USAGE", key});
    ASSERT_TRUE(usage);
    EXPECT_LE(usage->integer, 88) << scope << " " << token;
    ASSERT_TRUE(client_->command({"DEL", key}));
  }
}

}  // namespace
}  // namespace mediagate::shared_state
