// The composition root: builds the store, clocks, logs, shared request memory and the router
// from a Config, and runs the HTTP server; and, when a token is configured and admin.enabled,
// the admin API on its own listener (admin.listen), started and stopped with it. Used by `mediagate
// serve` and by the integration tests (which inject a ManualClock and bind port 0).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/expected.hpp"
#include "store/store.hpp"

namespace mediagate::cli {

struct AppOptions {
  core::Config config;
  // Time source; nullptr = the system clock. Not owned; must outlive the App.
  const core::Clock* clock = nullptr;
  // Install SIGINT/SIGTERM handlers that stop the server gracefully.
  bool handle_signals = false;
  // The admin token, when admin.token_file is empty, comes from MEDIAGATE_ADMIN_TOKEN in the
  // process environment; a value here stands in for that variable ("" = unset). For tests.
  std::optional<std::string> admin_token_env;
};

class App {
 public:
  // Opens the store, loads config.fixtures, builds every route. Errors are start-up errors.
  static core::Expected<std::unique_ptr<App>, std::string> create(AppOptions options);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Binds the listeners and starts the worker threads; returns at once.
  core::Expected<core::Ok, std::string> start();
  // The bound port (useful with port 0).
  unsigned short port() const;
  // The admin listener's bound port; 0 when the admin API is not served.
  unsigned short admin_port() const;
  // The metrics listener's bound port (metrics.listen); 0 when there is none.
  unsigned short metrics_port() const;
  // Loads the TLS certificate and key again on every listener that uses TLS (what SIGHUP does
  // under `serve`); a listener whose new pair is unusable keeps its current one. The first
  // error, if any.
  core::Expected<core::Ok, std::string> reload_tls();
  // Stops accepting, finishes in-flight requests, returns when every thread has ended.
  void stop();
  // Blocks until the server has stopped (by stop() or a signal).
  void wait();

  store::Store& store();
  const core::Config& config() const;

  // What the App is made of (defined in app.cpp only).
  struct Parts;

 private:
  explicit App(std::unique_ptr<Parts> parts);
  static core::Expected<core::Ok, std::string> reload_tls_of(Parts& parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace mediagate::cli
