// A mediagate server for integration tests: a fresh SQLite file in a temporary directory,
// the sample fixtures loaded, a ManualClock, listening on 127.0.0.1 with an ephemeral port.
// MEDIAGATE_TEST_SHARED_STATE=redis puts its replay guard and rate limiter in the test Redis
// (MEDIAGATE_TEST_REDIS_URL) under a key prefix of its own.
// With MEDIAGATE_TEST_STORE=postgres the store is instead a fresh schema (dropped afterwards)
// on the PostgreSQL server at MEDIAGATE_TEST_POSTGRES_URL, so every integration suite can run
// against either backend (scripts/test.sh runs them on both).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "client/client_options.hpp"
#include "client/http_client.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"

namespace mediagate::testing {

// An instant well after every fixture date: 2023-11-14 22:13:20 UTC.
inline constexpr core::EpochMs kTestNow = 1'700'000'000'000;

std::string source_path(const std::string& relative);  // MEDIAGATE_SOURCE_DIR + "/" + relative

// A new schema on the PostgreSQL server at MEDIAGATE_TEST_POSTGRES_URL: the store URL that puts
// it first on the search path; `drop` is set to remove it. Throws when the variable is unset or
// the schema cannot be created.
std::string fresh_postgres_store(std::function<void()>& drop);

class TestServer {
 public:
  using Tweak = std::function<void(core::Config&)>;
  // Rate limiting is off unless `tweak` turns it on; access logs are off.
  // The admin API listens on 127.0.0.1 (ephemeral port) when `admin_token` is given (it stands
  // in for MEDIAGATE_ADMIN_TOKEN; the real environment is never read) or `tweak` sets
  // admin.token_file; otherwise it is not served.
  explicit TestServer(Tweak tweak = {},
                      std::vector<std::string> fixtures = {source_path("fixtures/sample.json")},
                      std::optional<std::string> admin_token = std::nullopt);
  ~TestServer();

  core::ManualClock& clock() { return clock_; }
  cli::App& app() { return *app_; }
  unsigned short port() const { return app_->port(); }
  // The admin listener's port; 0 when the admin API is not served.
  unsigned short admin_port() const { return app_->admin_port(); }
  const std::string& directory() const { return directory_; }
  // The store URL the server was started with (a tweak may have replaced the default).
  const std::string& store_url() const { return store_url_; }
  // Drops `table` from the server's store underneath it (to test store failures), whichever
  // the backend. Throws if it cannot.
  void drop_store_table(const std::string& table) const;

  // A new client connection to this server: HTTPS when the server serves TLS (then trusting the
  // ca.pem beside tls.cert_file, as support/tls_certificates.hpp makes them).
  client::HttpClient client() const;
  // The client's TLS options (disabled for a plain server).
  const client::TlsClientOptions& client_tls() const { return client_tls_; }
  // One request on a shared keep-alive client.
  client::ClientResponse get(const std::string& target);

  // What an SDK client of this (plain HTTP) server is configured with: 127.0.0.1:port(),
  // timestamps from clock(), `timeout` for each step.
  client::ClientOptions sdk_options(
      std::chrono::milliseconds timeout = std::chrono::seconds(5)) const {
    client::ClientOptions options;
    options.base_url = client::BaseUrl::http("127.0.0.1", port());
    options.clock = &clock_;
    options.timeout = timeout;
    return options;
  }

 private:
  core::ManualClock clock_{kTestNow};
  std::string directory_;
  std::string store_url_;
  std::function<void()> drop_store_;  // removes a PostgreSQL schema made for this server
  std::unique_ptr<cli::App> app_;
  std::unique_ptr<client::HttpClient> client_;
  client::TlsClientOptions client_tls_;
};

}  // namespace mediagate::testing
