#include "support/test_server.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "support/redis_env.hpp"

namespace mediagate::testing {

namespace {

// MEDIAGATE_TEST_SHARED_STATE=redis runs every TestServer with its replay guard and rate
// limiter in the test Redis (MEDIAGATE_TEST_REDIS_URL), each under a key prefix of its own.
void apply_test_shared_state(core::Config& config) {
  const char* mode = std::getenv("MEDIAGATE_TEST_SHARED_STATE");
  if (mode == nullptr || std::string(mode).empty() || std::string(mode) == "memory") return;
  if (std::string(mode) != "redis") {
    throw std::runtime_error("MEDIAGATE_TEST_SHARED_STATE: expected memory or redis");
  }
  const auto url = test_redis_url();
  if (!url)
    throw std::runtime_error("MEDIAGATE_TEST_SHARED_STATE=redis needs MEDIAGATE_TEST_REDIS_URL");
  config.shared_state.url = *url;
  config.shared_state.key_prefix = fresh_redis_prefix();
}

}  // namespace

std::string source_path(const std::string& relative) {
  return std::string(MEDIAGATE_SOURCE_DIR) + "/" + relative;
}

TestServer::TestServer(Tweak tweak, std::vector<std::string> fixtures,
                       std::optional<std::string> admin_token) {
  std::string pattern = (std::filesystem::temp_directory_path() / "mediagate-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  directory_ = pattern;

  core::Config config;
  config.listen = "127.0.0.1:0";
  config.threads = 2;
  config.store = "sqlite:" + directory_ + "/store.db";
  config.fixtures = std::move(fixtures);
  config.access_log = "off";
  config.server_log = "off";
  config.polyv.rate_limit.enabled = false;
  config.admin.listen = "127.0.0.1:0";
  apply_test_shared_state(config);
  if (tweak) tweak(config);

  cli::AppOptions options;
  options.config = config;
  options.clock = &clock_;
  options.admin_token_env = admin_token.value_or("");
  auto app = cli::App::create(options);
  if (!app) throw std::runtime_error("App::create: " + app.error());
  app_ = std::move(app).value();
  auto started = app_->start();
  if (!started) throw std::runtime_error("App::start: " + started.error());
}

TestServer::~TestServer() {
  client_.reset();
  app_->stop();
  app_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

client::HttpClient TestServer::client() const {
  return client::HttpClient("127.0.0.1", port());
}

client::ClientResponse TestServer::get(const std::string& target) {
  if (!client_) client_ = std::make_unique<client::HttpClient>("127.0.0.1", port());
  auto response = client_->request("GET", target);
  if (!response) throw std::runtime_error("GET " + target + ": " + response.error());
  return std::move(response).value();
}

}  // namespace mediagate::testing
