// shared_state.memory.replay_max_bytes: its default (a day at 100 new tokens a second), its
// three forms (JSON, environment, --set) and its bounds.
#include <gtest/gtest.h>

#include "core/config.hpp"

namespace mediagate::core {
namespace {

TEST(SharedStateMemoryConfig, DefaultIs256MiB) {
  const auto config = ConfigBuilder{}.build();
  ASSERT_TRUE(config);
  EXPECT_EQ(config->shared_state.memory.replay_max_bytes, std::int64_t{256} << 20);
  EXPECT_NE(ConfigBuilder{}.to_json().find(R"("memory":{"replay_max_bytes":268435456})"),
            std::string::npos)
      << ConfigBuilder{}.to_json();
}

TEST(SharedStateMemoryConfig, JsonEnvironmentAndFlagForms) {
  ConfigBuilder builder;
  ASSERT_TRUE(
      builder.apply_json(R"({"shared_state":{"memory":{"replay_max_bytes":1048576}}})", "f"));
  EXPECT_EQ(builder.build()->shared_state.memory.replay_max_bytes, 1 << 20);
  ASSERT_TRUE(
      builder.apply_environment({{"MEDIAGATE_SHARED_STATE_MEMORY_REPLAY_MAX_BYTES", "8192"}}));
  EXPECT_EQ(builder.build()->shared_state.memory.replay_max_bytes, 8192);
  ASSERT_TRUE(builder.apply_setting("shared_state.memory.replay_max_bytes", "16384", "flag"));
  EXPECT_EQ(builder.build()->shared_state.memory.replay_max_bytes, 16384);
}

TEST(SharedStateMemoryConfig, OutOfRangeIsRefused) {
  ConfigBuilder builder;
  const auto small = builder.apply_setting("shared_state.memory.replay_max_bytes", "4095", "flag");
  ASSERT_FALSE(small);
  EXPECT_NE(small.error().message.find("shared_state.memory.replay_max_bytes"), std::string::npos);
  EXPECT_FALSE(builder.apply_setting("shared_state.memory.replay_max_bytes", "lots", "flag"));
  EXPECT_FALSE(builder.apply_json(R"({"shared_state":{"memory":{"max_bytes":1}}})", "f"));
  EXPECT_TRUE(builder.apply_setting("shared_state.memory.replay_max_bytes", "4096", "flag"));
}

}  // namespace
}  // namespace mediagate::core
