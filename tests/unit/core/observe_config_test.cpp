// The journal and metrics settings: defaults, every source, and the rules between them.
#include <gtest/gtest.h>

#include <string>

#include "core/config.hpp"

namespace mediagate::core {
namespace {

TEST(ObserveConfig, Defaults) {
  const auto config = ConfigBuilder().build();
  ASSERT_TRUE(config);
  EXPECT_EQ(config->journal.mode, "auto");
  EXPECT_EQ(config->journal.max_entries, 1000);
  EXPECT_EQ(config->journal.max_bytes, 4 << 20);
  EXPECT_TRUE(config->metrics.enabled);
  EXPECT_EQ(config->metrics.listen, "");
}

TEST(ObserveConfig, EverySource) {
  ConfigBuilder builder;
  ASSERT_TRUE(builder.apply_json(R"({"journal":{"mode":"metadata","max_entries":10}})", "file"));
  ASSERT_TRUE(builder.apply_environment({{"MEDIAGATE_JOURNAL_MAX_BYTES", "65536"}}));
  ASSERT_TRUE(builder.apply_setting("metrics.listen", "127.0.0.1:9100", "--set"));
  ASSERT_TRUE(builder.apply_setting("metrics.enabled", "false", "--set"));
  const auto config = builder.build();
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->journal.mode, "metadata");
  EXPECT_EQ(config->journal.max_entries, 10);
  EXPECT_EQ(config->journal.max_bytes, 65536);
  EXPECT_EQ(config->metrics.listen, "127.0.0.1:9100");
  EXPECT_FALSE(config->metrics.enabled);
}

TEST(ObserveConfig, RefusesAnUnknownModeAndFullOutsideSandboxMode) {
  ConfigBuilder builder;
  ASSERT_TRUE(builder.apply_setting("journal.mode", "everything", "--set"));
  auto config = builder.build();
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("journal.mode"), std::string::npos);
  ASSERT_TRUE(builder.apply_setting("journal.mode", "full", "--set"));
  config = builder.build();
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("sandbox"), std::string::npos);
  ASSERT_TRUE(builder.apply_setting("sandbox", "true", "--set"));
  EXPECT_TRUE(builder.build());
}

TEST(ObserveConfig, TheTokenlessMetricsListenerMustBeOnLoopback) {
  for (const char* listen : {"127.0.0.1:9100", "[::1]:9100", "localhost:9100", "127.0.0.2:0"}) {
    ConfigBuilder builder;
    ASSERT_TRUE(builder.apply_setting("metrics.listen", listen, "--set"));
    EXPECT_TRUE(builder.build()) << listen;
  }
  for (const char* listen : {"0.0.0.0:9100", "10.0.0.1:9100", "[::]:9100", "9100"}) {
    ConfigBuilder builder;
    ASSERT_TRUE(builder.apply_setting("metrics.listen", listen, "--set"));
    const auto config = builder.build();
    ASSERT_FALSE(config) << listen;
    EXPECT_NE(config.error().message.find("metrics.listen"), std::string::npos);
  }
}

}  // namespace
}  // namespace mediagate::core
