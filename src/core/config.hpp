// Server configuration: defaults < JSON file < MEDIAGATE_* environment < command-line flags.
// Every setting is a named field (dotted path, e.g. "limits.max_body_bytes"); the same name
// is the JSON path, the environment variable (MEDIAGATE_LIMITS_MAX_BODY_BYTES) and the
// `--set name=value` flag. Unknown keys and out-of-range values are refused at start-up.
#pragma once

#include <any>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/error.hpp"
#include "core/expected.hpp"

namespace mediagate::core {

struct HttpLimits {
  std::int64_t max_request_line_bytes = 8 * 1024;  // longer -> 414
  std::int64_t max_header_bytes = 16 * 1024;       // larger -> 431
  std::int64_t max_body_bytes = 64 * 1024;         // larger -> 413
  std::int64_t read_timeout_ms = 30'000;           // idle/slow connections are closed
  // An idle keep-alive connection is closed after this (at most read_timeout_ms).
  std::int64_t keep_alive_timeout_ms = 10'000;
  // At this many, an idle connection makes room for a new one, or new ones wait in the backlog.
  std::int64_t max_connections = 1024;
};

struct RateLimitSettings {
  bool enabled = true;
  std::int64_t max_requests = 1500;  // allowed per window; the next one starts the block
  std::int64_t window_ms = 10'000;
  std::int64_t block_ms = 300'000;
};

// A limiter that endpoints name by `name` (endpoint::Endpoint::limit_group), with the
// settings of the module that declares it.
struct RateLimitGroup {
  std::string name;
  RateLimitSettings settings;
};

// The settings of the modules (one section each, e.g. "vendor.time_window_ms"). Core knows no
// module: a module's section is a value type with defaults, `kSection` (its name),
// `describe(SettingFields&)` (its fields) and `check()` (its cross-field rules), handed to the
// ConfigBuilder as a ConfigSection by the composition root.
class ModuleSettings {
 public:
  // The section's values; its defaults when nothing set it. Read on every request (a freshness
  // window, a page size): an index, not a search by type name.
  template <class Section>
  const Section& get() const {
    const std::size_t slot = slot_of<Section>();
    if (slot >= sections_.size() || !sections_[slot].has_value()) {
      static const Section defaults{};
      return defaults;
    }
    return *std::any_cast<Section>(&sections_[slot]);
  }
  template <class Section>
  Section& get() {
    const std::size_t slot = slot_of<Section>();
    if (slot >= sections_.size()) sections_.resize(slot + 1);
    std::any& section = sections_[slot];
    if (!section.has_value()) section = Section{};
    return *std::any_cast<Section>(&section);
  }

 private:
  // Each section type's place, given on its first use: the same in every ModuleSettings of
  // the process.
  static std::size_t next_slot() {
    static std::atomic<std::size_t> next{0};
    return next.fetch_add(1);
  }
  template <class Section>
  static std::size_t slot_of() {
    static const std::size_t slot = next_slot();
    return slot;
  }

  std::deque<std::any> sections_;  // growing at the end keeps references valid
};

// The admin API's listener. Its bearer token is not a setting: it is read from `token_file`
// or the MEDIAGATE_ADMIN_TOKEN environment variable, and never printed.
struct AdminSettings {
  bool enabled = true;                    // started only when a token is configured
  std::string listen = "127.0.0.1:8081";  // HOST:PORT (port 0: any free port)
  std::string token_file;                 // a file holding the token; "" = the environment
  std::int64_t max_body_bytes = 16LL * 1024 * 1024;  // larger admin bodies -> 413
  // Failed authentications per client address: more than auth_failures_max within
  // auth_failure_window_ms refuse every request from that address (429) for auth_block_ms.
  std::int64_t auth_failures_max = 10;
  std::int64_t auth_failure_window_ms = 60'000;
  std::int64_t auth_block_ms = 60'000;
  // A list's search text (?q=) at most this many bytes; longer -> 400.
  std::int64_t max_search_bytes = 256;
};

// The replay guard kept in this process (shared_state.url "memory", and the "local" failure
// policy's fallback). Size: peak new tokens a second x horizon x 29 bytes (docs/operations.md).
struct SharedStateMemorySettings {
  // The guard's memory at most; when full, new tokens get the vendor's system error.
  // 256 MiB: 24 hours at 100 new tokens a second (8.64 million pairs) at 73 % full.
  std::int64_t replay_max_bytes = std::int64_t{256} << 20;
};

// Where the replay guard and the rate limiter keep their memory (docs/operations.md).
// "memory": in this process; "redis://HOST:PORT[/DB]": shared by every instance using it.
struct SharedStateSettings {
  std::string url = "memory";
  std::string key_prefix = "mediagate:";  // namespaces keys so deployments can share a Redis
  std::string password_file;              // a file holding Redis's password (AUTH); "" = none
  std::int64_t connect_timeout_ms = 500;
  std::int64_t command_timeout_ms = 500;  // per Redis call; nothing waits longer
  std::int64_t max_connections = 16;      // pooled, shared by the serving threads
  std::int64_t max_batch = 64;            // concurrent calls sent together, at most
  // Answers started on the io thread wait for Redis on one event-loop connection: calls sent
  // or waiting there at once, at most (one more fails at once, as if Redis were unreachable).
  std::int64_t max_pending = 4'096;
  // ... and their bytes at once, at most (commands, script sources, bookkeeping).
  std::int64_t max_pending_bytes = std::int64_t{8} << 20;
  std::int64_t retry_interval_ms = 1'000;  // after a failure, Redis is not tried for this long
  // While Redis is unreachable: "refuse" (the vendor's system error) or "local" (this
  // process's own memory, with a warning in the server log, until Redis answers again).
  std::string replay_on_failure = "refuse";
  std::string rate_limit_on_failure = "local";
  SharedStateMemorySettings memory;
};

// TLS on the listeners (docs/operations.md "HTTPS"). A self-contained section: set both files
// to serve HTTPS on `listen`; SIGHUP reloads them (a bad new pair keeps the old one).
struct TlsSettings {
  std::string cert_file;  // PEM: the server certificate, then any intermediates (a chain)
  std::string
      key_file;        // PEM: its private key (never logged; warned about if group/other-readable)
  bool admin = false;  // the admin listener speaks TLS too, with the same pair
  // Handshakes in progress at once per listener; more wait (within handshake_timeout_ms), so that
  // a flood of new connections cannot take the CPU from connections already established.
  std::int64_t max_handshakes = 16;
  // From the accept to the end of the handshake (at most limits.read_timeout_ms).
  std::int64_t handshake_timeout_ms = 10'000;
  // TLS sessions a listener remembers for resumption by session id (tickets need none).
  std::int64_t session_cache_size = 20'480;

  bool enabled() const { return !cert_file.empty() || !key_file.empty(); }
};

// The request journal (docs/sandbox.md "Request journal", docs/operations.md): the last vendor
// requests of this instance, bounded both ways; the older ones make room.
struct JournalSettings {
  // "auto": "full" in sandbox mode, "off" otherwise; "off"; "metadata" (who, what, verdict,
  // status, latency: no parameters); "full" (also the masked parameters and, for a refused
  // signature, the server's canonical string and redacted string to sign; sandbox mode only).
  std::string mode = "auto";
  std::int64_t max_entries = 1000;
  std::int64_t max_bytes = std::int64_t{4} << 20;
};

// GET /metrics (Prometheus text format; docs/operations.md "Metrics").
struct MetricsSettings {
  bool enabled = true;  // served on the admin listener (admin token)
  // Also served without a token on this HOST:PORT, which must be a loopback address (for a
  // scraper on the same host); "" = no such listener.
  std::string listen;
};

struct Config;
// handler_threads with "auto" (-1) resolved for the store and shared state configured.
std::int64_t effective_handler_threads(const Config& config);

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::int64_t threads = 2;
  // Threads that run the vendor endpoints' handlers off the event loop, so that a request
  // waiting for PostgreSQL or Redis holds up no other connection (http/handler_pool.hpp).
  // -1 = auto: none on SQLite with shared_state "memory" (a call there is CPU-bound and
  // cached); store_pool_size with PostgreSQL; shared_state.max_connections with Redis alone.
  std::int64_t handler_threads = -1;
  // Requests that may wait for a handler thread; one more is answered 503 "server busy".
  std::int64_t handler_queue = 256;
  // With handler threads: each vendor endpoint's answer starts on the io thread, waits for Redis
  // there without a thread, and hands only the steps that block (a store read not cached) to
  // a handler thread (http/deferred.hpp). false: the whole answer runs on a handler thread.
  bool answers_start_inline = true;
  std::string store = "sqlite:mediagate.db";         // sqlite:PATH or postgresql://...
  std::int64_t store_pool_size = 8;                  // database connections per process
  std::int64_t store_connect_timeout_ms = 5000;      // PostgreSQL: opening a connection
  std::int64_t store_statement_timeout_ms = 10'000;  // PostgreSQL: a statement or any wait
  // SQLite: how often to look for commits by other processes (e.g. `mediagate import` into the
  // served file); this process's own writes are seen at once. 0 = before every request.
  std::int64_t store_change_check_ms = 200;
  // PostgreSQL: other instances' commits arrive by LISTEN/NOTIFY at once; the schema's change
  // counter is also read this often (and a lost listener retried at most this far apart).
  // 0 = no change tracking: nothing is cached for PostgreSQL.
  std::int64_t store_generation_poll_ms = 1000;
  // Answers of credential/partner/user lookups kept in memory per kind (0 = none).
  std::int64_t store_cached_lookups = 100'000;
  // SQLite: ordered id lists kept for deep get-by-uploader / group pages (store/sqlite/
  // rank_cache.hpp): at most this many lists and ids in all (8 bytes each); 0 lists = none.
  std::int64_t store_rank_lists = 256;
  std::int64_t store_rank_ids = 32 << 20;
  // Rendered pages (get-by-uploader, sessions, group log) kept in memory, in bytes (0 = none).
  std::int64_t page_cache_bytes = 64 << 20;
  std::vector<std::string> fixtures;
  // Reverse proxies / load balancers (IP addresses and CIDR ranges) whose X-Forwarded-For
  // names the client; empty: the socket peer is the client. Checked when the server is built.
  std::vector<std::string> trusted_proxies;
  std::string access_log = "stderr";  // "stderr", "stdout", "off" or a file path
  std::string server_log = "stderr";
  std::int64_t utc_offset_minutes = 8 * 60;
  bool sandbox = false;
  // Sandbox fault injection: the largest latency an operator may inject (docs/sandbox.md).
  std::int64_t sandbox_max_latency_ms = 60'000;
  HttpLimits limits;
  AdminSettings admin;
  SharedStateSettings shared_state;
  TlsSettings tls;
  JournalSettings journal;
  MetricsSettings metrics;
  ModuleSettings modules;
};

// What a section says about its fields: each one's name (relative to the section), where its
// value lives and, for integers, its range.
class SettingFields {
 public:
  struct Int {
    std::int64_t* target;
    std::int64_t min;
    std::int64_t max;
  };
  using Target = std::variant<std::string*, Int, bool*, std::vector<std::string>*>;
  struct Field {
    std::string name;
    Target target;
  };

  explicit SettingFields(std::string prefix = {}) : prefix_(std::move(prefix)) {}

  void add(std::string_view name, std::int64_t* target, std::int64_t min, std::int64_t max) {
    push(name, Int{target, min, max});
  }
  void add(std::string_view name, std::string* target) { push(name, target); }
  void add(std::string_view name, bool* target) { push(name, target); }
  void add(std::string_view name, std::vector<std::string>* target) { push(name, target); }
  // "NAME.enabled", "NAME.max_requests", "NAME.window_ms", "NAME.block_ms".
  void add(std::string_view name, RateLimitSettings* target);

  std::vector<Field>& fields() { return fields_; }

 private:
  void push(std::string_view name, Target target) {
    fields_.push_back({prefix_ + std::string(name), target});
  }
  std::string prefix_;
  std::vector<Field> fields_;
};

// A module's section as the ConfigBuilder sees it.
struct ConfigSection {
  std::string name;  // the fields' prefix: "vendor" -> "vendor.time_window_ms"
  std::function<void(ModuleSettings&, SettingFields&)> describe;
  // A broken cross-field rule, as "vendor.x: must ..."; nothing when the section is sound.
  std::function<std::optional<std::string>(const ModuleSettings&)> check;
};

// The ConfigSection of a section type (see ModuleSettings).
template <class Section>
ConfigSection config_section() {
  return ConfigSection{
      std::string(Section::kSection),
      [](ModuleSettings& modules, SettingFields& fields) {
        modules.get<Section>().describe(fields);
      },
      [](const ModuleSettings& modules) { return modules.get<Section>().check(); }};
}

// A configuration problem (kind kConfig), the setting's name in its message.
using ConfigError = Error;

class ConfigBuilder {
 public:
  // Knows the core settings and those of `sections` (the modules').
  explicit ConfigBuilder(std::vector<ConfigSection> sections = {})
      : sections_(std::move(sections)) {}

  // Applies a JSON document (the config file's text); `origin` names it in errors.
  Expected<Ok, ConfigError> apply_json(std::string_view json_text, std::string_view origin);
  Expected<Ok, ConfigError> apply_file(const std::string& path);
  // Applies MEDIAGATE_* variables from `environment` (name -> value).
  Expected<Ok, ConfigError> apply_environment(
      const std::map<std::string, std::string>& environment);
  // Applies one "name=value" (as given to --set, or a named flag).
  Expected<Ok, ConfigError> apply_setting(std::string_view name, std::string_view value,
                                          std::string_view origin);
  // Checks cross-field rules and returns the result.
  Expected<Config, ConfigError> build() const;

  // The JSON of the current settings. Secrets are not part of Config, except a password a
  // store URL may carry: it is printed as "***".
  std::string to_json() const;
  // Every setting's name, for --help.
  std::vector<std::string> setting_names() const;

 private:
  std::vector<SettingFields::Field> fields_of(Config& config) const;

  std::vector<ConfigSection> sections_;
  Config config_;
};

// The current process environment, as a map (only MEDIAGATE_* entries).
std::map<std::string, std::string> mediagate_environment();

}  // namespace mediagate::core
