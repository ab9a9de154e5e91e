// The sandbox settings: off by default, and the fault-latency cap's range in every source.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/config.hpp"

namespace mediagate::core {
namespace {

TEST(SandboxConfig, OffByDefaultWithAOneMinuteLatencyCap) {
  const auto config = ConfigBuilder().build();
  ASSERT_TRUE(config);
  EXPECT_FALSE(config->sandbox);
  EXPECT_EQ(config->sandbox_max_latency_ms, 60'000);
}

TEST(SandboxConfig, LatencyCapFromEverySourceWithinItsRange) {
  ConfigBuilder builder;
  ASSERT_TRUE(builder.apply_json(R"({"sandbox":true,"sandbox_max_latency_ms":1000})", "file"));
  EXPECT_EQ(builder.build()->sandbox_max_latency_ms, 1000);
  ASSERT_TRUE(builder.apply_environment({{"MEDIAGATE_SANDBOX_MAX_LATENCY_MS", "2000"}}));
  EXPECT_EQ(builder.build()->sandbox_max_latency_ms, 2000);
  ASSERT_TRUE(builder.apply_setting("sandbox_max_latency_ms", "0", "--set"));
  EXPECT_EQ(builder.build()->sandbox_max_latency_ms, 0);
  ASSERT_TRUE(builder.apply_setting("sandbox_max_latency_ms", "3600000", "--set"));

  const auto too_big = builder.apply_setting("sandbox_max_latency_ms", "3600001", "--set");
  ASSERT_FALSE(too_big);
  EXPECT_NE(too_big.error().message.find("sandbox_max_latency_ms"), std::string::npos);
  EXPECT_FALSE(builder.apply_setting("sandbox_max_latency_ms", "-1", "--set"));
  EXPECT_FALSE(builder.apply_json(R"({"sandbox_max_latency_ms":"5"})", "file"));
  EXPECT_EQ(builder.build()->sandbox_max_latency_ms, 3'600'000);
  EXPECT_NE(builder.to_json().find(R"("sandbox_max_latency_ms":3600000)"), std::string::npos);
}

}  // namespace
}  // namespace mediagate::core
