#include "cli/app.hpp"

#include <charconv>
#include <cstdint>
#include <cstdlib>

#include "admin/admin_api.hpp"
#include "admin/admin_auth.hpp"
#include "auth/rate_limiter.hpp"
#include "auth/replay_guard.hpp"
#include "cli/fixture_loader.hpp"
#include "core/error.hpp"
#include "core/expected.hpp"
#include "core/logger.hpp"
#include "endpoint/context.hpp"
#include "endpoint/fault_injection.hpp"
#include "endpoint/observer.hpp"
#include "endpoint/openapi.hpp"
#include "endpoint/page_cache.hpp"
#include "endpoint/registry.hpp"
#include "endpoint/service_metrics.hpp"
#include "http/client_address.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "observe/http_request_metrics.hpp"
#include "observe/metrics_page.hpp"
#include "observe/request_journal.hpp"
#include "shared_state/shared_state.hpp"
#include "vendors/client_descriptors.hpp"
#include "vendors/import_summary_text.hpp"
#include "vendors/modules.hpp"
#include "vendors/open_store.hpp"

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
  std::unique_ptr<observe::RequestJournal> journal;  // null when journal.mode is off
  std::unique_ptr<endpoint::Observer> observer;      // null when nothing observes
  observe::HttpRequestMetrics http_metrics;
  observe::MetricsPage metrics_page;
  http::Router router;
  std::unique_ptr<http::Server> server;
  // Redis through the API server's event loop (answers started on the io thread); destroyed
  // before the server's io_context.
  shared_state::AsyncSharedState async_shared;
  std::unique_ptr<admin::AdminApi> admin_api;  // null when the admin API is not served
  std::unique_ptr<http::Server> admin_server;
  http::Router metrics_router;
  std::unique_ptr<http::Server> metrics_server;  // metrics.listen only
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

// journal.mode as it applies: "auto" is "full" in sandbox mode, "off" otherwise.
observe::JournalMode journal_mode(const core::Config& config) {
  const auto& mode = config.journal.mode;
  if (mode == "full" || (mode == "auto" && config.sandbox)) return observe::JournalMode::kFull;
  if (mode == "metadata") return observe::JournalMode::kMetadata;
  return observe::JournalMode::kOff;
}

// /readyz: the store answers a read transaction (it was migrated when opened, or the server
// would not have started) and, when shared state lives in Redis, Redis answers PING.
std::optional<std::string> not_ready_reason(store::Store& store, shared_state::RedisClient* redis,
                                            core::Logger& log) {
  auto reached = store.snapshot(
      [](store::EntityStore&) -> store::StoreResult<core::Ok> { return core::Ok{}; });
  if (!reached) {
    log.warn("readiness: the store is unreachable", {{"detail", reached.error().message}});
    return "store unreachable";
  }
  if (redis != nullptr) {
    auto pong = redis->command({"PING"});
    if (!pong) {
      log.warn("readiness: shared state is unreachable", {{"detail", pong.error().message}});
      return "shared state unreachable";
    }
  }
  return std::nullopt;
}

// What GET /metrics writes (docs/operations.md, "Metrics").
void add_metric_writers(App::Parts& parts) {
  auto& page = parts.metrics_page;
  page.add(observe::write_build_info);
  page.add([&parts](observe::Exposition& out) { parts.http_metrics.write(out); });
  page.add([&parts](observe::Exposition& out) {
    out.family("mediagate_open_connections", "gauge", "Connections open now, by listener.");
    for (const auto& [listener, server] :
         {std::pair<std::string_view, http::Server*>{"api", parts.server.get()},
          {"admin", parts.admin_server.get()},
          {"metrics", parts.metrics_server.get()}}) {
      if (server == nullptr) continue;
      std::string labels;
      observe::append_label(labels, "listener", listener);
      out.sample("mediagate_open_connections", labels,
                 static_cast<std::uint64_t>(std::max<std::int64_t>(0, server->open_connections())));
    }
  });
  page.add([&parts](observe::Exposition& out) {
    out.family("mediagate_handler_queue_depth", "gauge",
               "Requests waiting for a handler thread now (handler_threads).");
    out.sample("mediagate_handler_queue_depth", "",
               static_cast<std::uint64_t>(parts.server->handler_queue_depth()));
    out.family("mediagate_handler_threads_busy", "gauge",
               "Handler threads running a request now (handler_threads).");
    out.sample("mediagate_handler_threads_busy", "",
               static_cast<std::uint64_t>(parts.server->handler_threads_busy()));
  });
  if (parts.async_shared.redis) {
    page.add([&parts](observe::Exposition& out) {
      out.family("mediagate_redis_event_loop_pending_calls", "gauge",
                 "Redis calls sent or waiting on the event loop's connection now "
                 "(at most shared_state.max_pending).");
      out.sample("mediagate_redis_event_loop_pending_calls", "",
                 static_cast<std::uint64_t>(parts.async_shared.redis->pending()));
      out.family("mediagate_redis_event_loop_pending_bytes", "gauge",
                 "Bytes of those calls now: commands, script sources, bookkeeping "
                 "(at most shared_state.max_pending_bytes).");
      out.sample("mediagate_redis_event_loop_pending_bytes", "",
                 static_cast<std::uint64_t>(parts.async_shared.redis->pending_bytes()));
    });
  }
  if (parts.observer) {
    page.add([&parts](observe::Exposition& out) { parts.observer->write(out); });
  }
  if (parts.pages) {
    page.add([&parts](observe::Exposition& out) {
      endpoint::write_page_cache_metrics(out, *parts.pages);
    });
  }
  page.add([&parts](observe::Exposition& out) {
    endpoint::write_replay_guard_metrics(out, *parts.replay_guard, parts.clock->now_ms());
  });
  if (parts.journal) {
    page.add([&parts](observe::Exposition& out) {
      endpoint::write_journal_metrics(out, *parts.journal);
    });
  }
}

}  // namespace

App::App(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
App::~App() {
  if (parts_ && parts_->server) parts_->server->stop();
  if (parts_ && parts_->admin_server) parts_->admin_server->stop();
  if (parts_ && parts_->metrics_server) parts_->metrics_server->stop();
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

  MG_TRY(const auto listen, split_listen(config.listen));
  MG_TRY(const auto trusted_proxies,
         http::TrustedProxies::parse(config.trusted_proxies)
             .transform_error(core::prefix_message("trusted_proxies: ")));
  MG_TRY(parts->store, vendors::open_store(config.store, store::store_options(config))
                           .transform_error(core::prefix_message("store: ")));
  for (const auto& path : config.fixtures) {
    MG_TRY(const auto summary,
           load_fixture_file(*parts->store, path, static_cast<int>(config.utc_offset_minutes))
               .transform_error(core::prefix_message("fixtures: ")));
    parts->server_log->info("fixtures loaded",
                            {{"file", path}, {"summary", vendors::describe_summary(summary)}});
  }

  // The caches key on the data generation: a store that learns it once connected (PostgreSQL's
  // change listener) is given its connect timeout to do so before the server accepts.
  if (const auto store_options = store::store_options(config);
      parts->store->cached_lookups() > 0 &&
      !parts->store->await_data_generation(store_options.connect_timeout)) {
    parts->server_log->warn(
        "the store tells no data generation yet: answers are read from it, not cached, until "
        "it does",
        {{"waited_ms", static_cast<std::int64_t>(store_options.connect_timeout.count())}});
  }

  MG_TRY(auto shared, shared_state::make_shared_state(config, vendors::rate_limit_groups(config),
                                                      *parts->server_log));
  parts->redis = std::move(shared.redis);
  parts->rate_limiters = std::move(shared.rate_limiters);
  parts->replay_guard = std::move(shared.replay_guard);
  const shared_state::SharedState::Links shared_links = shared.links;
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

  const observe::JournalMode journal = journal_mode(config);
  if (journal != observe::JournalMode::kOff) {
    parts->journal = std::make_unique<observe::RequestJournal>(
        observe::JournalLimits{static_cast<std::size_t>(config.journal.max_entries),
                               static_cast<std::size_t>(config.journal.max_bytes)});
  }
  if (parts->journal || config.metrics.enabled) {
    parts->observer = std::make_unique<endpoint::Observer>(journal, parts->journal.get());
    parts->context->observer = parts->observer.get();
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
  {
    App::Parts* p = parts.get();
    http::add_probe_routes(
        parts->router, [p] { return not_ready_reason(*p->store, p->redis.get(), *p->server_log); });
  }
  {
    const auto routes = vendors::routes();
    endpoint::register_routes(parts->router, *parts->context, routes);
    // The OpenAPI document of those routes, generated from their declarations once.
    endpoint::add_document_route(
        parts->router, "/openapi.json",
        endpoint::openapi_document(
            routes, config,
            {"mediagate partner APIs",
             "The vendor endpoints this server answers, generated from their declarations. "
             "Extensions: x-mediagate-signature, x-mediagate-freshness, x-mediagate-replay, "
             "x-mediagate-rate-limit, x-mediagate-jsonp, x-mediagate-credential, "
             "x-mediagate-answers."}));
  }

  http::ServerOptions server_options;
  server_options.trusted_proxies = trusted_proxies;
  server_options.host = listen.first;
  server_options.port = listen.second;
  server_options.threads = static_cast<int>(config.threads);
  server_options.handler_threads = static_cast<int>(core::effective_handler_threads(config));
  server_options.handler_queue = config.handler_queue;
  server_options.start_inline = config.answers_start_inline;
  server_options.on_stop = [stopped = parts.get()] {
    if (stopped->async_shared.redis) stopped->async_shared.redis->close_when_idle();
  };
  server_options.limits = config.limits;
  server_options.handle_signals = options.handle_signals;
  server_options.tls = config.tls;
  if (config.tls.enabled()) {
    // SIGHUP: certificate renewal. Each listener keeps its pair if the new one is unusable.
    Parts* reloaded = parts.get();
    server_options.on_hangup = [reloaded] { (void)reload_tls_of(*reloaded); };
  }
  if (config.metrics.enabled) {
    observe::HttpRequestMetrics* metrics = &parts->http_metrics;
    server_options.on_answered = [metrics](std::string_view method, std::string_view route,
                                           unsigned status, std::chrono::nanoseconds duration) {
      metrics->record(method, route, status, duration);
    };
  }
  const http::Router* router = &parts->router;
  parts->server = std::make_unique<http::Server>(
      server_options, [router](http::Request& request) { return router->dispatch(request); },
      *parts->access_log, *parts->server_log);
  if (parts->redis != nullptr && server_options.handler_threads > 0 &&
      server_options.start_inline) {
    parts->async_shared = shared_state::make_async_shared_state(*parts->redis, shared_links, config,
                                                                parts->server->executor());
    parts->context->async_replay = parts->async_shared.replay_guard.get();
    for (const auto& [group, limiter] : parts->async_shared.rate_limiters) {
      parts->context->async_rate_limiters.emplace(group, limiter.get());
    }
  }

  // The admin API, on its own listener; not started (with a warning) without a token.
  if (config.admin.enabled) {
    std::optional<std::string> environment = options.admin_token_env;
    if (!environment) {
      if (const char* value = std::getenv("MEDIAGATE_ADMIN_TOKEN")) environment = value;
    }
    MG_TRY(auto token, admin::resolve_admin_token(config.admin.token_file, environment));
    if (token) {
      MG_TRY(const auto admin_listen,
             split_listen(config.admin.listen).transform_error(core::prefix_message("admin.")));
      admin::AdminOptions admin_options;
      admin_options.token = std::move(*token);
      admin_options.utc_offset_minutes = static_cast<int>(config.utc_offset_minutes);
      admin_options.max_search_bytes = static_cast<std::size_t>(config.admin.max_search_bytes);
      admin_options.auth_failures = {config.admin.auth_failures_max,
                                     config.admin.auth_failure_window_ms,
                                     config.admin.auth_block_ms};
      if (config.sandbox) {
        // The console's workbench signs with the SDK's descriptors and sends through this
        // listener's router, in this process (admin/workbench.cpp says why).
        admin_options.sandbox = admin::SandboxControls{
            parts->sandbox_clock.get(), parts->faults.get(), vendors::client_descriptors(),
            [router](http::Request& request) { return router->dispatch(request); }};
      }
      admin_options.shared_state = config.shared_state.url == "memory" ? "memory" : "redis";
      admin_options.replay_guard = parts->replay_guard.get();
      admin_options.resources = vendors::admin_resources();
      admin_options.documents = vendors::document_rules();
      admin_options.modules = config.modules;
      admin_options.journal = parts->journal.get();
      admin_options.journal_mode = journal == observe::JournalMode::kFull ? "full" : "metadata";
      if (config.metrics.enabled) {
        const observe::MetricsPage* page = &parts->metrics_page;
        admin_options.metrics = [page] { return page->render(); };
      }
      parts->admin_api = std::make_unique<admin::AdminApi>(
          *parts->store, *parts->clock, *parts->server_log, std::move(admin_options));
      http::ServerOptions admin_server_options;
      admin_server_options.host = admin_listen.first;
      admin_server_options.port = admin_listen.second;
      admin_server_options.threads = 1;
      admin_server_options.trusted_proxies = trusted_proxies;
      admin_server_options.limits = config.limits;
      admin_server_options.limits.max_body_bytes = config.admin.max_body_bytes;
      if (config.tls.admin) admin_server_options.tls = config.tls;
      admin_server_options.on_answered = server_options.on_answered;
      const admin::AdminApi* api = parts->admin_api.get();
      parts->admin_server = std::make_unique<http::Server>(
          admin_server_options, [api](http::Request& request) { return api->handle(request); },
          *parts->access_log, *parts->server_log);
    } else {
      parts->server_log->warn(
          "admin API not started: no token (set admin.token_file or MEDIAGATE_ADMIN_TOKEN)");
    }
  }
  // GET /metrics without a token, on a loopback listener of its own (metrics.listen).
  if (config.metrics.enabled && !config.metrics.listen.empty()) {
    MG_TRY(const auto metrics_listen,
           split_listen(config.metrics.listen).transform_error(core::prefix_message("metrics.")));
    const observe::MetricsPage* page = &parts->metrics_page;
    parts->metrics_router.add({"GET"}, "/metrics", [page](http::Request&) {
      http::Response response;
      response.content_type = std::string(observe::kExpositionContentType);
      response.body = page->render();
      response.log_vendor = "metrics";
      return response;
    });
    http::ServerOptions metrics_options;
    metrics_options.host = metrics_listen.first;
    metrics_options.port = metrics_listen.second;
    metrics_options.threads = 1;
    metrics_options.limits = config.limits;
    metrics_options.on_answered = server_options.on_answered;
    const http::Router* metrics_router = &parts->metrics_router;
    parts->metrics_server = std::make_unique<http::Server>(
        metrics_options,
        [metrics_router](http::Request& request) { return metrics_router->dispatch(request); },
        *parts->access_log, *parts->server_log);
  }
  if (config.metrics.enabled) add_metric_writers(*parts);
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
  MG_TRY_VOID(parts_->server->listen());
  if (parts_->admin_server) {
    MG_TRY_VOID(
        parts_->admin_server->listen().transform_error(core::prefix_message("admin API: ")));
  }
  if (parts_->metrics_server) {
    MG_TRY_VOID(
        parts_->metrics_server->listen().transform_error(core::prefix_message("metrics: ")));
  }
  parts_->server_log->info("listening",
                           {{"address", parts_->config.listen},
                            {"port", static_cast<std::int64_t>(port())},
                            {"handler_threads", core::effective_handler_threads(parts_->config)}});
  parts_->server->start();
  if (parts_->admin_server) {
    parts_->server_log->info("admin API listening",
                             {{"address", parts_->config.admin.listen},
                              {"port", static_cast<std::int64_t>(admin_port())}});
    parts_->admin_server->start();
  }
  if (parts_->metrics_server) {
    parts_->server_log->info("metrics listening",
                             {{"address", parts_->config.metrics.listen},
                              {"port", static_cast<std::int64_t>(metrics_port())}});
    parts_->metrics_server->start();
  }
  return core::Ok{};
}

unsigned short App::port() const {
  return parts_->server->port();
}
unsigned short App::admin_port() const {
  return parts_->admin_server ? parts_->admin_server->port() : 0;
}
unsigned short App::metrics_port() const {
  return parts_->metrics_server ? parts_->metrics_server->port() : 0;
}
void App::stop() {
  parts_->server->stop();
  if (parts_->admin_server) parts_->admin_server->stop();
  if (parts_->metrics_server) parts_->metrics_server->stop();
  parts_->server->join();
  if (parts_->admin_server) parts_->admin_server->join();
  if (parts_->metrics_server) parts_->metrics_server->join();
}
void App::wait() {
  // The API listener owns the signal handlers; when it stops, the admin listener follows.
  parts_->server->join();
  if (parts_->admin_server) {
    parts_->admin_server->stop();
    parts_->admin_server->join();
  }
  if (parts_->metrics_server) {
    parts_->metrics_server->stop();
    parts_->metrics_server->join();
  }
}
store::Store& App::store() {
  return *parts_->store;
}
const core::Config& App::config() const {
  return parts_->config;
}

}  // namespace mediagate::cli
