// The admin settings: defaults, one name in every layer, the token never a setting.
#include <gtest/gtest.h>

#include "core/config.hpp"

namespace mediagate::core {
namespace {

TEST(AdminConfig, Defaults) {
  const Config config;
  EXPECT_TRUE(config.admin.enabled);
  EXPECT_EQ(config.admin.listen, "127.0.0.1:8081");
  EXPECT_EQ(config.admin.token_file, "");
  EXPECT_EQ(config.admin.max_body_bytes, 16 * 1024 * 1024);
}

TEST(AdminConfig, SettingsByEveryLayerAndTheTokenIsNotOne) {
  ConfigBuilder builder;
  ASSERT_TRUE(builder.apply_json(R"({"admin":{"listen":"0.0.0.0:9000","enabled":false}})", "file"));
  ASSERT_TRUE(builder.apply_environment({{"MEDIAGATE_ADMIN_TOKEN_FILE", "/run/secrets/admin"},
                                         {"MEDIAGATE_ADMIN_TOKEN", "not-a-setting"}}));
  ASSERT_TRUE(builder.apply_setting("admin.max_body_bytes", "1024", "--set"));
  auto config = builder.build();
  ASSERT_TRUE(config);
  EXPECT_EQ(config->admin.listen, "0.0.0.0:9000");
  EXPECT_FALSE(config->admin.enabled);
  EXPECT_EQ(config->admin.token_file, "/run/secrets/admin");
  EXPECT_EQ(config->admin.max_body_bytes, 1024);
  const auto printed = builder.to_json();
  EXPECT_NE(printed.find(R"("admin":{"enabled":false,"listen":"0.0.0.0:9000")"), std::string::npos);
  EXPECT_EQ(printed.find("not-a-setting"), std::string::npos);
  EXPECT_FALSE(builder.apply_setting("admin.token", "x", "--set"));  // never on a command line
}

TEST(AdminConfig, ListenIsCheckedWhenEnabled) {
  ConfigBuilder builder;
  ASSERT_TRUE(builder.apply_setting("admin.listen", "8081", "--set"));
  auto refused = builder.build();
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("admin.listen"), std::string::npos);
  ASSERT_TRUE(builder.apply_setting("admin.enabled", "false", "--set"));
  EXPECT_TRUE(builder.build());
}

}  // namespace
}  // namespace mediagate::core
