#include "cli/app.hpp"

#include <charconv>
#include <cstdlib>

#include "admin/admin_api.hpp"
#include "admin/admin_auth.hpp"
#include "auth/rate_limiter.hpp"
#include "auth/replay_guard.hpp"
#include "cli/fixture_loader.hpp"
#include "core/logger.hpp"
#include "endpoint/context.hpp"
#include "endpoint/fault_injection.hpp"
#include "endpoint/page_cache.hpp"
#include "endpoint/registry.hpp"
#include "http/client_address.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "shared_state/shared_state.hpp"
#include "vendors/modules.hpp"

namespace mediagate::cli {

struct App::Parts {
  core::Config config;
  core::SystemClock system_clock;
  const core::Clock* clock = nullptr;
  std::unique_ptr<core::OffsetClock> sandbox_clock;  // sandbox mode only; `clock` points to it
  std::unique_ptr<endpoint::FaultTable> faults;      // sandbox mode only
  std::unique_ptr<endpoint::PageCache> pages;        // null when page_cache_bytes is 0
  std::unique_ptr<core::Logger> server_log;
  std::unique_ptr<core::Logger> access_log;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<shared_state::RedisClient> redis;  // "redis://" shared state only
  std::map<std::string, std::unique_ptr<auth::RateLimiter>, std::less<>> rate_limiters;
  std::unique_ptr<auth::ReplayGuard> replay_guard;
  std::unique_ptr<endpoint::Context> context;
  http::Router router;
  std::unique_ptr<http::Server> server;
  std::unique_ptr<admin::AdminApi> admin_api;  // null when the admin API is not served
  std::unique_ptr<http::Server> admin_server;
};

namespace {

core::Expected<std::pair<std::string, std::uint16_t>, std::string> split_listen(
    const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return core::unexpected("listen: expected HOST:PORT");
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  unsigned port = 0;
  const auto text = std::string_view(listen).substr(colon + 1);
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (ec != std::errc{} || ptr != text.data() + text.size() || port > 65535 || host.empty()) {
    return core::unexpected("listen: expected HOST:PORT, got " + listen);
  }
  return std::pair{host, static_cast<std::uint16_t>(port)};
}

}  // namespace

App::App(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
App::~App() {
  if (parts_ && parts_->server) parts_->server->stop();
  if (parts_ && parts_->admin_server) parts_->admin_server->stop();
}

core::Expected<std::unique_ptr<App>, std::string> App::create(AppOptions options) {
  auto parts = std::make_unique<Parts>();
  parts->config = std::move(options.config);
  const core::Config& config = parts->config;
  parts->clock = options.clock != nullptr ? options.clock : &parts->system_clock;
  // Sandbox mode: the server reads its time through an offset the admin API can move.
  if (config.sandbox) {
    parts->sandbox_clock = std::make_unique<core::OffsetClock>(*parts->clock);
    parts->clock = parts->sandbox_clock.get();
  }
  parts->server_log =
      std::make_unique<core::Logger>(core::Logger::open(config.server_log, parts->system_clock));
  parts->access_log =
      std::make_unique<core::Logger>(core::Logger::open(config.access_log, parts->system_clock));

  auto listen = split_listen(config.listen);
  if (!listen) return core::unexpected(listen.error());
  auto trusted_proxies = http::TrustedProxies::parse(config.trusted_proxies);
  if (!trusted_proxies) return core::unexpected("trusted_proxies: " + trusted_proxies.error());

  auto store = store::open_store(config.store, store::store_options(config));
  if (!store) return core::unexpected("store: " + store.error().message);
  parts->store = std::move(store).value();
  for (const auto& path : config.fixtures) {
    auto summary =
        load_fixture_file(*parts->store, path, static_cast<int>(config.utc_offset_minutes));
    if (!summary) return core::unexpected("fixtures: " + summary.error());
    parts->server_log->info("fixtures loaded", {{"file", path}, {"summary", describe(*summary)}});
  }

  auto shared = shared_state::make_shared_state(config, vendors::rate_limit_groups(config),
                                                *parts->server_log);
  if (!shared) return core::unexpected(shared.error());
  parts->redis = std::move(shared->redis);
  parts->rate_limiters = std::move(shared->rate_limiters);
  parts->replay_guard = std::move(shared->replay_guard);
  parts->context = std::make_unique<endpoint::Context>(endpoint::Context{
      *parts->store, *parts->clock, parts->config, *parts->server_log, *parts->replay_guard});
  for (const auto& [group, limiter] : parts->rate_limiters) {
    parts->context->rate_limiters.emplace(group, limiter.get());
  }
  if (config.page_cache_bytes > 0) {
    parts->pages =
        std::make_unique<endpoint::PageCache>(static_cast<std::size_t>(config.page_cache_bytes));
    parts->context->pages = parts->pages.get();
  }

  if (config.sandbox) {
    parts->faults = std::make_unique<endpoint::FaultTable>(config.sandbox_max_latency_ms);
    parts->context->faults = parts->faults.get();
    parts->server_log->warn(
        "SANDBOX MODE: rejected signatures reveal the expected canonical string; the admin API "
        "can move the server clock and inject faults. Never use this in production.",
        {{"sandbox", true}});
  }
  http::add_health_route(parts->router);
  endpoint::register_routes(parts->router, *parts->context, vendors::routes());

  http::ServerOptions server_options;
  server_options.trusted_proxies = *trusted_proxies;
  server_options.host = listen->first;
  server_options.port = listen->second;
  server_options.threads = static_cast<int>(config.threads);
  server_options.limits = config.limits;
  server_options.handle_signals = options.handle_signals;
  server_options.tls = config.tls;
  if (config.tls.enabled()) {
    // SIGHUP: certificate renewal. Each listener keeps its pair if the new one is unusable.
    Parts* reloaded = parts.get();
    server_options.on_hangup = [reloaded] { (void)reload_tls_of(*reloaded); };
  }
  const http::Router* router = &parts->router;
  parts->server = std::make_unique<http::Server>(
      server_options, [router](http::Request& request) { return router->dispatch(request); },
      *parts->access_log, *parts->server_log);

  // The admin API, on its own listener; not started (with a warning) without a token.
  if (config.admin.enabled) {
    std::optional<std::string> environment = options.admin_token_env;
    if (!environment) {
      if (const char* value = std::getenv("MEDIAGATE_ADMIN_TOKEN")) environment = value;
    }
    auto token = admin::resolve_admin_token(config.admin.token_file, environment);
    if (!token) return core::unexpected(token.error());
    if (*token) {
      auto admin_listen = split_listen(config.admin.listen);
      if (!admin_listen) return core::unexpected("admin." + admin_listen.error());
      admin::AdminOptions admin_options;
      admin_options.token = std::move(**token);
      admin_options.utc_offset_minutes = static_cast<int>(config.utc_offset_minutes);
      admin_options.auth_failures = {config.admin.auth_failures_max,
                                     config.admin.auth_failure_window_ms,
                                     config.admin.auth_block_ms};
      if (config.sandbox) {
        admin_options.sandbox =
            admin::SandboxControls{parts->sandbox_clock.get(), parts->faults.get()};
      }
      admin_options.shared_state = config.shared_state.url == "memory" ? "memory" : "redis";
      admin_options.replay_guard = parts->replay_guard.get();
      admin_options.resources = vendors::admin_resources();
      parts->admin_api = std::make_unique<admin::AdminApi>(
          *parts->store, *parts->clock, *parts->server_log, std::move(admin_options));
      http::ServerOptions admin_server_options;
      admin_server_options.host = admin_listen->first;
      admin_server_options.port = admin_listen->second;
      admin_server_options.threads = 1;
      admin_server_options.trusted_proxies = *trusted_proxies;
      admin_server_options.limits = config.limits;
      admin_server_options.limits.max_body_bytes = config.admin.max_body_bytes;
      if (config.tls.admin) admin_server_options.tls = config.tls;
      const admin::AdminApi* api = parts->admin_api.get();
      parts->admin_server = std::make_unique<http::Server>(
          admin_server_options, [api](http::Request& request) { return api->handle(request); },
          *parts->access_log, *parts->server_log);
    } else {
      parts->server_log->warn(
          "admin API not started: no token (set admin.token_file or MEDIAGATE_ADMIN_TOKEN)");
    }
  }
  if (config.sandbox && !parts->admin_api) {
    parts->server_log->warn(
        "sandbox: no admin API, so the clock and fault controls are unavailable (signature "
        "hints still work)");
  }
  return std::unique_ptr<App>(new App(std::move(parts)));
}

core::Expected<core::Ok, std::string> App::reload_tls_of(Parts& parts) {
  core::Expected<core::Ok, std::string> result = core::Ok{};
  for (http::Server* server : {parts.server.get(), parts.admin_server.get()}) {
    if (server == nullptr || !server->tls()) continue;
    auto reloaded = server->reload_tls();  // logs its own failure
    if (!reloaded && result) result = core::unexpected(reloaded.error());
  }
  return result;
}

core::Expected<core::Ok, std::string> App::reload_tls() {
  return reload_tls_of(*parts_);
}

core::Expected<core::Ok, std::string> App::start() {
  auto listening = parts_->server->listen();
  if (!listening) return listening;
  if (parts_->admin_server) {
    auto admin_listening = parts_->admin_server->listen();
    if (!admin_listening) return core::unexpected("admin API: " + admin_listening.error());
  }
  parts_->server_log->info("listening", {{"address", parts_->config.listen},
                                         {"port", static_cast<std::int64_t>(port())}});
  parts_->server->start();
  if (parts_->admin_server) {
    parts_->server_log->info("admin API listening",
                             {{"address", parts_->config.admin.listen},
                              {"port", static_cast<std::int64_t>(admin_port())}});
    parts_->admin_server->start();
  }
  return core::Ok{};
}

unsigned short App::port() const {
  return parts_->server->port();
}
unsigned short App::admin_port() const {
  return parts_->admin_server ? parts_->admin_server->port() : 0;
}
void App::stop() {
  parts_->server->stop();
  if (parts_->admin_server) parts_->admin_server->stop();
  parts_->server->join();
  if (parts_->admin_server) parts_->admin_server->join();
}
void App::wait() {
  // The API listener owns the signal handlers; when it stops, the admin listener follows.
  parts_->server->join();
  if (parts_->admin_server) {
    parts_->admin_server->stop();
    parts_->admin_server->join();
  }
}
store::Store& App::store() {
  return *parts_->store;
}
const core::Config& App::config() const {
  return parts_->config;
}

}  // namespace mediagate::cli
