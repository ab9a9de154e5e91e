#include "support/test_server.hpp"

#include <gtest/gtest.h>

#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "store/postgres/connection.hpp"
#include "support/redis_env.hpp"
#include "vendors/polyv/polyv_settings.hpp"

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

namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

}  // namespace

std::string fresh_postgres_store(std::function<void()>& drop) {
  const std::string server = environment("MEDIAGATE_TEST_POSTGRES_URL");
  if (server.empty()) throw std::runtime_error("MEDIAGATE_TEST_POSTGRES_URL is unset");
  static std::atomic<int> counter{0};
  const std::string schema =
      "mg_it_" + std::to_string(::getpid()) + "_" + std::to_string(counter.fetch_add(1));
  // A schema left by an earlier run of a process with the same pid is replaced.
  auto created = store::postgres::run_once(
      server, "DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
  if (!created) throw std::runtime_error("CREATE SCHEMA: " + created.error().message);
  drop = [server, schema] {
    (void)store::postgres::run_once(server, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  };
  const char separator = server.find('?') == std::string::npos ? '?' : '&';
  return server + separator + "options=-csearch_path%3D" + schema;
}

TestServer::TestServer(Tweak tweak, std::vector<std::string> fixtures,
                       std::optional<std::string> admin_token) {
  std::string pattern = (std::filesystem::temp_directory_path() / "mediagate-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  directory_ = pattern;

  core::Config config;
  config.listen = "127.0.0.1:0";
  config.threads = 2;
  const std::string backend = environment("MEDIAGATE_TEST_STORE");
  if (backend == "postgres") {
    if (environment("MEDIAGATE_TEST_POSTGRES_URL").empty()) {
      throw std::runtime_error("MEDIAGATE_TEST_STORE=postgres needs MEDIAGATE_TEST_POSTGRES_URL");
    }
    config.store = fresh_postgres_store(drop_store_);
  } else if (backend.empty() || backend == "sqlite") {
    config.store = "sqlite:" + directory_ + "/store.db";
  } else {
    throw std::runtime_error("MEDIAGATE_TEST_STORE: expected sqlite or postgres, not " + backend);
  }
  config.fixtures = std::move(fixtures);
  config.access_log = "off";
  config.server_log = "off";
  config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.enabled = false;
  config.admin.listen = "127.0.0.1:0";
  // Tests change the store underneath the server (drop_store_table) and expect the next request
  // to see it; the interval itself is tested in caching_repositories_test.cpp and
  // page_cache_test.cpp.
  config.store_change_check_ms = 0;
  apply_test_shared_state(config);
  if (tweak) tweak(config);
  store_url_ = config.store;
  if (config.tls.enabled()) {
    client_tls_.enabled = true;
    client_tls_.ca_file =
        (std::filesystem::path(config.tls.cert_file).parent_path() / "ca.pem").string();
  }

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
  if (drop_store_) drop_store_();
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

void TestServer::drop_store_table(const std::string& table) const {
  if (store_url_.starts_with("sqlite:")) {
    sqlite3* db = nullptr;
    const std::string path = store_url_.substr(7);
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
      sqlite3_close(db);
      throw std::runtime_error("cannot open " + path);
    }
    sqlite3_busy_timeout(db, 5000);
    char* message = nullptr;
    const int rc = sqlite3_exec(db, ("DROP TABLE " + table).c_str(), nullptr, nullptr, &message);
    const std::string detail = message != nullptr ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    if (rc != SQLITE_OK) throw std::runtime_error("DROP TABLE " + table + ": " + detail);
    return;
  }
  // A DROP fires no trigger: the counter is bumped and the schema's channel notified as a write
  // would, and the wait is until the server has learnt it (its data generation moved), so that
  // the next request sees the drop.
  const auto before = app_->store().data_generation();
  auto dropped = store::postgres::run_once(
      store_url_, "DROP TABLE " + table +
                      " CASCADE; UPDATE mediagate_data_generation SET generation = generation + 1;"
                      " SELECT pg_notify('mediagate_data', current_schema())");
  if (!dropped) throw std::runtime_error("DROP TABLE " + table + ": " + dropped.error().message);
  if (!before) return;  // nothing is cached while the server's listener is not listening
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (app_->store().data_generation() == before) {
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("DROP TABLE " + table + ": the server did not notice in 5 s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

client::HttpClient TestServer::client() const {
  return client::HttpClient("127.0.0.1", port(), std::chrono::seconds(10), client_tls_);
}

client::ClientResponse TestServer::get(const std::string& target) {
  if (!client_) {
    client_ = std::make_unique<client::HttpClient>("127.0.0.1", port(), std::chrono::seconds(10),
                                                   client_tls_);
  }
  auto response = client_->request("GET", target);
  if (!response) throw std::runtime_error("GET " + target + ": " + response.error());
  return std::move(response).value();
}

}  // namespace mediagate::testing
