#include <gtest/gtest.h>

#include "core/config.hpp"
#include "vendors/modules.hpp"
#include "vendors/polyv/polyv_settings.hpp"

// The vendor modules' settings sections, as the server's ConfigBuilder knows them.
namespace mediagate::core {
namespace {

TEST(VendorSettings, LayersOverrideInOrder) {
  ConfigBuilder builder(vendors::config_sections());
  ASSERT_TRUE(
      builder.apply_json(R"({"listen":"0.0.0.0:9000","limits":{"max_body_bytes":100}})", "file"));
  ASSERT_TRUE(builder.apply_environment(
      {{"MEDIAGATE_LISTEN", "127.0.0.1:9001"}, {"MEDIAGATE_POLYV_RATE_LIMIT_ENABLED", "false"}}));
  ASSERT_TRUE(builder.apply_setting("limits.max_body_bytes", "200", "flag"));
  const auto config = builder.build();
  ASSERT_TRUE(config);
  EXPECT_EQ(config->listen, "127.0.0.1:9001");
  EXPECT_EQ(config->limits.max_body_bytes, 200);
  EXPECT_FALSE(config->modules.get<vendors::polyv::PolyvSettings>().rate_limit.enabled);
  EXPECT_EQ(config->modules.get<vendors::polyv::PolyvSettings>().time_window_ms, 180000);
}

TEST(VendorSettings, TypesAndRangesAreChecked) {
  ConfigBuilder builder(vendors::config_sections());
  EXPECT_FALSE(builder.apply_json(R"({"threads":"2"})", "f"));
  EXPECT_FALSE(builder.apply_json(R"({"threads":0})", "f"));
  EXPECT_FALSE(builder.apply_json(R"({"sandbox":1})", "f"));
  EXPECT_FALSE(builder.apply_json(R"({"limits":3})", "f"));
  EXPECT_FALSE(builder.apply_json(R"([1])", "f"));
  EXPECT_FALSE(builder.apply_json(R"({"listen":)", "f"));
  EXPECT_FALSE(builder.apply_setting("threads", "two", "flag"));
  ASSERT_TRUE(builder.apply_setting("polyv.default_page_size", "2000", "flag"));
  EXPECT_FALSE(builder.build());
}

}  // namespace
}  // namespace mediagate::core
