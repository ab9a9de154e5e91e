#include "core/config.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

#include <string>
#include <utility>
#include <vector>

namespace mediagate::core {
namespace {

TEST(Config, TlsIsOneSectionWithEveryForm) {
  ConfigBuilder builder;
  ASSERT_TRUE(builder.apply_json(
      R"({"tls":{"cert_file":"a.pem","key_file":"a.key","max_handshakes":8}})", "file"));
  ASSERT_TRUE(builder.apply_environment({{"MEDIAGATE_TLS_KEY_FILE", "b.key"}}));
  ASSERT_TRUE(builder.apply_setting("tls.handshake_timeout_ms", "500", "flag"));
  const auto config = builder.build();
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_TRUE(config->tls.enabled());
  EXPECT_EQ(config->tls.cert_file, "a.pem");
  EXPECT_EQ(config->tls.key_file, "b.key");
  EXPECT_EQ(config->tls.max_handshakes, 8);
  EXPECT_EQ(config->tls.handshake_timeout_ms, 500);
  EXPECT_FALSE(config->tls.admin);
  EXPECT_NE(builder.to_json().find(R"("tls":{"cert_file":"a.pem")"), std::string::npos);

  ConfigBuilder half;
  ASSERT_TRUE(half.apply_setting("tls.cert_file", "a.pem", "flag"));
  const auto refused = half.build();
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("tls"), std::string::npos);
  ConfigBuilder admin_only;
  ASSERT_TRUE(admin_only.apply_setting("tls.admin", "true", "flag"));
  EXPECT_FALSE(admin_only.build());
  EXPECT_FALSE(ConfigBuilder{}.build()->tls.enabled());
}

TEST(Config, HandlerThreadsAreAutoByStoreAndSharedStateUnlessSet) {
  const auto built = [](std::vector<std::pair<const char*, const char*>> settings) {
    ConfigBuilder builder;
    for (const auto& [name, value] : settings) {
      EXPECT_TRUE(builder.apply_setting(name, value, "flag")) << name;
    }
    return *builder.build();
  };
  const Config defaults = built({});
  EXPECT_EQ(defaults.handler_threads, -1);
  EXPECT_EQ(defaults.handler_queue, 256);
  EXPECT_EQ(effective_handler_threads(defaults), 0);  // SQLite, shared state in memory
  EXPECT_EQ(effective_handler_threads(built({{"store", "postgresql://db/x"}})), 8);
  EXPECT_EQ(
      effective_handler_threads(built({{"store", "postgres://db/x"}, {"store_pool_size", "12"}})),
      12);
  EXPECT_EQ(effective_handler_threads(built({{"shared_state.url", "redis://127.0.0.1:6379"},
                                             {"shared_state.max_connections", "5"}})),
            5);
  EXPECT_EQ(
      effective_handler_threads(built({{"store", "postgresql://db/x"}, {"handler_threads", "0"}})),
      0);
  EXPECT_EQ(effective_handler_threads(built({{"handler_threads", "3"}})), 3);
  ConfigBuilder builder;
  const auto refused = builder.apply_setting("handler_threads", "-2", "flag");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "flag: handler_threads: must be between -1 and 1024");
  EXPECT_FALSE(builder.apply_setting("handler_queue", "-1", "flag"));
}

TEST(Config, UnknownKeysAreRefusedWithTheirPath) {
  ConfigBuilder builder;
  auto result = builder.apply_json(R"({"limits":{"max_bodybytes":1}})", "mediagate.json");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "mediagate.json: limits.max_bodybytes: unknown setting");
  EXPECT_FALSE(builder.apply_environment({{"MEDIAGATE_NOPE", "1"}}));
  // The scripts' own variables (scripts/serve-demo.sh) are not the server's settings.
  EXPECT_TRUE(builder.apply_environment({{"MEDIAGATE_DEMO_LISTEN", "127.0.0.1:9090"}}));
  EXPECT_FALSE(builder.apply_setting("nope", "1", "flag"));
}

TEST(Config, ListsAndJsonDump) {
  ConfigBuilder builder;
  ASSERT_TRUE(builder.apply_setting("fixtures", "a.json,b.json", "flag"));
  const auto config = builder.build();
  ASSERT_TRUE(config);
  EXPECT_EQ(config->fixtures, (std::vector<std::string>{"a.json", "b.json"}));
  EXPECT_NE(builder.to_json().find(R"("max_body_bytes":65536)"), std::string::npos);
  ConfigBuilder reloaded;
  EXPECT_TRUE(reloaded.apply_json(builder.to_json(), "dump"));
}

TEST(Config, TrustedProxiesAreAListOfStrings) {
  EXPECT_TRUE(ConfigBuilder().build()->trusted_proxies.empty());  // default: headers ignored
  ConfigBuilder from_file;
  ASSERT_TRUE(from_file.apply_json(R"({"trusted_proxies":["10.0.0.0/8","::1"]})", "f"));
  EXPECT_EQ(from_file.build()->trusted_proxies, (std::vector<std::string>{"10.0.0.0/8", "::1"}));
  ConfigBuilder from_environment;
  ASSERT_TRUE(
      from_environment.apply_environment({{"MEDIAGATE_TRUSTED_PROXIES", "127.0.0.1,fd00::/8"}}));
  EXPECT_EQ(from_environment.build()->trusted_proxies,
            (std::vector<std::string>{"127.0.0.1", "fd00::/8"}));
  ConfigBuilder from_flag;
  ASSERT_TRUE(from_flag.apply_setting("trusted_proxies", "192.0.2.1", "flag"));
  EXPECT_EQ(from_flag.build()->trusted_proxies, (std::vector<std::string>{"192.0.2.1"}));
  // Addresses are checked when the server is built (http::TrustedProxies); the shape here.
  const auto refused = ConfigBuilder().apply_json(R"({"trusted_proxies":"10.0.0.1"})", "f");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "f: trusted_proxies: expected an array of strings");
  EXPECT_FALSE(ConfigBuilder().apply_json(R"({"trusted_proxies":[10]})", "f"));
}

TEST(Config, SharedStateSettingsAreChecked) {
  ConfigBuilder defaults;
  const auto config = defaults.build();
  ASSERT_TRUE(config);
  EXPECT_EQ(config->shared_state.url, "memory");
  EXPECT_EQ(config->shared_state.replay_on_failure, "refuse");
  EXPECT_EQ(config->shared_state.rate_limit_on_failure, "local");

  ConfigBuilder redis;
  ASSERT_TRUE(redis.apply_json(
      R"({"shared_state":{"url":"redis://10.0.0.5:6379/2","replay_on_failure":"local"}})", "f"));
  ASSERT_TRUE(redis.apply_environment({{"MEDIAGATE_SHARED_STATE_COMMAND_TIMEOUT_MS", "50"}}));
  const auto built = redis.build();
  ASSERT_TRUE(built);
  EXPECT_EQ(built->shared_state.url, "redis://10.0.0.5:6379/2");
  EXPECT_EQ(built->shared_state.replay_on_failure, "local");
  EXPECT_EQ(built->shared_state.command_timeout_ms, 50);

  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"shared_state.url", "postgres://x"},
           {"shared_state.replay_on_failure", "open"},
           {"shared_state.rate_limit_on_failure", ""}}) {
    ConfigBuilder bad;
    ASSERT_TRUE(bad.apply_setting(name, value, "flag"));
    const auto refused = bad.build();
    ASSERT_FALSE(refused) << name;
    EXPECT_NE(refused.error().message.find(name), std::string::npos);
  }
  ConfigBuilder zero;
  EXPECT_FALSE(zero.apply_setting("shared_state.command_timeout_ms", "0", "flag"));
}

TEST(Config, TestSuiteVariablesAreNotSettings) {
  ConfigBuilder builder;
  EXPECT_TRUE(builder.apply_environment({{"MEDIAGATE_TEST_REDIS_URL", "redis://127.0.0.1:1"},
                                         {"MEDIAGATE_TEST_REQUIRE_SERVICES", "1"}}));
}

}  // namespace
}  // namespace mediagate::core

namespace mediagate::core {
namespace {

TEST(Config, StoreSettingsHaveNamesRangesAndDefaults) {
  ConfigBuilder builder;
  ASSERT_TRUE(builder.apply_environment(
      {{"MEDIAGATE_STORE_POOL_SIZE", "3"}, {"MEDIAGATE_STORE_STATEMENT_TIMEOUT_MS", "250"}}));
  ASSERT_TRUE(builder.apply_json(R"({"store_connect_timeout_ms":1500})", "f"));
  EXPECT_FALSE(builder.apply_setting("store_pool_size", "0", "flag"));
  const auto config = builder.build();
  ASSERT_TRUE(config);
  EXPECT_EQ(config->store_pool_size, 3);
  EXPECT_EQ(config->store_statement_timeout_ms, 250);
  EXPECT_EQ(config->store_connect_timeout_ms, 1500);
  EXPECT_EQ(Config{}.store_pool_size, 8);
}

TEST(Config, CacheSettingsHaveNamesRangesAndDefaults) {
  ConfigBuilder builder;
  ASSERT_TRUE(builder.apply_environment(
      {{"MEDIAGATE_STORE_CHANGE_CHECK_MS", "0"}, {"MEDIAGATE_PAGE_CACHE_BYTES", "1024"}}));
  ASSERT_TRUE(builder.apply_json(R"({"store_cached_lookups":5,"store_rank_lists":0})", "f"));
  ASSERT_TRUE(builder.apply_setting("store_rank_ids", "100", "flag"));
  EXPECT_FALSE(builder.apply_setting("store_change_check_ms", "-1", "flag"));
  EXPECT_FALSE(builder.apply_setting("page_cache_bytes", "-1", "flag"));
  EXPECT_FALSE(builder.apply_setting("store_cached_lookups", "x", "flag"));
  const auto config = builder.build();
  ASSERT_TRUE(config);
  EXPECT_EQ(config->store_change_check_ms, 0);
  EXPECT_EQ(config->page_cache_bytes, 1024);
  EXPECT_EQ(config->store_cached_lookups, 5);
  EXPECT_EQ(config->store_rank_lists, 0);
  EXPECT_EQ(config->store_rank_ids, 100);
  const Config defaults;
  EXPECT_EQ(defaults.store_change_check_ms, 200);
  EXPECT_EQ(defaults.page_cache_bytes, 64 << 20);
  EXPECT_EQ(defaults.store_cached_lookups, 100'000);
  EXPECT_EQ(defaults.store_rank_lists, 256);
  EXPECT_EQ(defaults.store_rank_ids, 32 << 20);
}

TEST(Config, TheTestHarnesssVariablesAreNotSettings) {
  ConfigBuilder builder;
  EXPECT_TRUE(builder.apply_environment({{"MEDIAGATE_TEST_POSTGRES_URL", "postgresql://x/y"},
                                         {"MEDIAGATE_TEST_REQUIRE_SERVICES", "1"}}));
  EXPECT_FALSE(builder.apply_environment({{"MEDIAGATE_TESTS", "1"}}));
}

TEST(Config, PrintingRedactsAStoreUrlPassword) {
  ConfigBuilder builder;
  ASSERT_TRUE(builder.apply_setting(
      "store", "postgresql://mg:s3cret@db:5432/mg?sslmode=require&password=s3cret", "flag"));
  const auto json = builder.to_json();
  EXPECT_EQ(json.find("s3cret"), std::string::npos) << json;
  EXPECT_NE(json.find("postgresql://mg:***@db:5432/mg?sslmode=require&password=***"),
            std::string::npos)
      << json;
}

}  // namespace
}  // namespace mediagate::core

namespace mediagate::core {
namespace {

// A module's section as core sees it: a toy, naming no module.
struct ToySettings {
  static constexpr std::string_view kSection = "toy";
  std::int64_t depth = 3;
  std::string colour = "red";
  bool loud = false;
  RateLimitSettings rate_limit;

  void describe(SettingFields& fields) {
    fields.add("depth", &depth, 1, 10);
    fields.add("colour", &colour);
    fields.add("loud", &loud);
    fields.add("rate_limit", &rate_limit);
  }
  std::optional<std::string> check() const {
    if (loud && colour == "grey") return "toy.loud: a grey toy is quiet";
    return std::nullopt;
  }
};

TEST(ConfigSections, AModulesSettingsHaveEveryFormOfTheCoreOnes) {
  ConfigBuilder builder({config_section<ToySettings>()});
  ASSERT_TRUE(builder.apply_json(R"({"toy":{"depth":5,"rate_limit":{"block_ms":7}}})", "f"));
  ASSERT_TRUE(builder.apply_environment({{"MEDIAGATE_TOY_COLOUR", "blue"}}));
  ASSERT_TRUE(builder.apply_setting("toy.loud", "true", "flag"));
  const auto config = builder.build();
  ASSERT_TRUE(config);
  const auto& toy = config->modules.get<ToySettings>();
  EXPECT_EQ(toy.depth, 5);
  EXPECT_EQ(toy.colour, "blue");
  EXPECT_TRUE(toy.loud);
  EXPECT_EQ(toy.rate_limit.block_ms, 7);
  EXPECT_TRUE(toy.rate_limit.enabled);
  EXPECT_NE(builder.to_json().find(R"("toy":{"depth":5,"colour":"blue","loud":true,)"),
            std::string::npos)
      << builder.to_json();
  const auto names = builder.setting_names();
  EXPECT_NE(std::find(names.begin(), names.end(), "toy.rate_limit.max_requests"), names.end());
}

TEST(ConfigSections, RangesTypesAndChecksApply) {
  ConfigBuilder builder({config_section<ToySettings>()});
  const auto out_of_range = builder.apply_setting("toy.depth", "11", "flag");
  ASSERT_FALSE(out_of_range);
  EXPECT_EQ(out_of_range.error().message, "flag: toy.depth: must be between 1 and 10");
  EXPECT_FALSE(builder.apply_json(R"({"toy":{"loud":"yes"}})", "f"));
  EXPECT_FALSE(builder.apply_json(R"({"toy":{"size":1}})", "f"));
  ASSERT_TRUE(builder.apply_setting("toy.colour", "grey", "flag"));
  ASSERT_TRUE(builder.apply_setting("toy.loud", "on", "flag"));
  const auto refused = builder.build();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "toy.loud: a grey toy is quiet");
}

TEST(ConfigSections, UnregisteredSectionsAreUnknownAndReadAsDefaults) {
  ConfigBuilder builder;
  const auto refused = builder.apply_setting("toy.depth", "4", "flag");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "flag: toy.depth: unknown setting");
  const Config config;
  EXPECT_EQ(config.modules.get<ToySettings>().depth, 3);
  Config copy = config;
  copy.modules.get<ToySettings>().depth = 9;
  EXPECT_EQ(config.modules.get<ToySettings>().depth, 3);
  EXPECT_EQ(Config(copy).modules.get<ToySettings>().depth, 9);
}

}  // namespace
}  // namespace mediagate::core
