#include "core/config.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <fstream>
#include <functional>
#include <sstream>
#include <variant>

#include "core/numbers.hpp"

extern char** environ;

namespace mediagate::core {
namespace {

using Field = SettingFields::Field;
using IntField = SettingFields::Int;

constexpr std::int64_t kMaxInt = std::int64_t{1} << 40;

void describe_core(Config& c, SettingFields& f) {
  f.add("listen", &c.listen);
  f.add("threads", &c.threads, 1, 256);
  f.add("handler_threads", &c.handler_threads, -1, 1024);
  f.add("handler_queue", &c.handler_queue, 0, 1'000'000);
  f.add("answers_start_inline", &c.answers_start_inline);
  f.add("store", &c.store);
  f.add("store_pool_size", &c.store_pool_size, 1, 1000);
  f.add("store_connect_timeout_ms", &c.store_connect_timeout_ms, 1, 3'600'000);
  f.add("store_statement_timeout_ms", &c.store_statement_timeout_ms, 1, 3'600'000);
  f.add("store_change_check_ms", &c.store_change_check_ms, 0, 3'600'000);
  f.add("store_generation_poll_ms", &c.store_generation_poll_ms, 0, 3'600'000);
  f.add("store_cached_lookups", &c.store_cached_lookups, 0, 100'000'000);
  f.add("store_rank_lists", &c.store_rank_lists, 0, 1'000'000);
  f.add("store_rank_ids", &c.store_rank_ids, 0, kMaxInt);
  f.add("page_cache_bytes", &c.page_cache_bytes, 0, kMaxInt);
  f.add("fixtures", &c.fixtures);
  f.add("trusted_proxies", &c.trusted_proxies);
  f.add("access_log", &c.access_log);
  f.add("server_log", &c.server_log);
  f.add("utc_offset_minutes", &c.utc_offset_minutes, std::int64_t{-14} * 60, std::int64_t{14} * 60);
  f.add("sandbox", &c.sandbox);
  f.add("sandbox_max_latency_ms", &c.sandbox_max_latency_ms, 0, 3'600'000);
  f.add("limits.max_request_line_bytes", &c.limits.max_request_line_bytes, 64, kMaxInt);
  f.add("limits.max_header_bytes", &c.limits.max_header_bytes, 256, kMaxInt);
  f.add("limits.max_body_bytes", &c.limits.max_body_bytes, 0, kMaxInt);
  f.add("limits.read_timeout_ms", &c.limits.read_timeout_ms, 1, kMaxInt);
  f.add("limits.keep_alive_timeout_ms", &c.limits.keep_alive_timeout_ms, 1, kMaxInt);
  f.add("limits.max_connections", &c.limits.max_connections, 1, 1'000'000);
  f.add("admin.enabled", &c.admin.enabled);
  f.add("admin.listen", &c.admin.listen);
  f.add("admin.token_file", &c.admin.token_file);
  f.add("admin.max_body_bytes", &c.admin.max_body_bytes, 0, kMaxInt);
  f.add("admin.auth_failures_max", &c.admin.auth_failures_max, 1, 1'000'000);
  f.add("admin.auth_failure_window_ms", &c.admin.auth_failure_window_ms, 1, kMaxInt);
  f.add("admin.auth_block_ms", &c.admin.auth_block_ms, 0, kMaxInt);
  f.add("admin.max_search_bytes", &c.admin.max_search_bytes, 1, 65'536);
  f.add("shared_state.url", &c.shared_state.url);
  f.add("shared_state.key_prefix", &c.shared_state.key_prefix);
  f.add("shared_state.password_file", &c.shared_state.password_file);
  f.add("shared_state.connect_timeout_ms", &c.shared_state.connect_timeout_ms, 1, 60'000);
  f.add("shared_state.command_timeout_ms", &c.shared_state.command_timeout_ms, 1, 60'000);
  f.add("shared_state.max_connections", &c.shared_state.max_connections, 1, 1'024);
  f.add("shared_state.max_batch", &c.shared_state.max_batch, 1, 4'096);
  f.add("shared_state.max_pending", &c.shared_state.max_pending, 1, 1'000'000);
  f.add("shared_state.max_pending_bytes", &c.shared_state.max_pending_bytes, 65'536,
        std::int64_t{1} << 34);
  f.add("shared_state.retry_interval_ms", &c.shared_state.retry_interval_ms, 0, kMaxInt);
  f.add("shared_state.replay_on_failure", &c.shared_state.replay_on_failure);
  f.add("shared_state.rate_limit_on_failure", &c.shared_state.rate_limit_on_failure);
  f.add("shared_state.memory.replay_max_bytes", &c.shared_state.memory.replay_max_bytes, 4096,
        kMaxInt);
  f.add("tls.cert_file", &c.tls.cert_file);
  f.add("tls.key_file", &c.tls.key_file);
  f.add("tls.admin", &c.tls.admin);
  f.add("tls.max_handshakes", &c.tls.max_handshakes, 1, 100'000);
  f.add("tls.handshake_timeout_ms", &c.tls.handshake_timeout_ms, 1, kMaxInt);
  f.add("tls.session_cache_size", &c.tls.session_cache_size, 0, 10'000'000);
  f.add("journal.mode", &c.journal.mode);
  f.add("journal.max_entries", &c.journal.max_entries, 0, 10'000'000);
  f.add("journal.max_bytes", &c.journal.max_bytes, 0, kMaxInt);
  f.add("metrics.enabled", &c.metrics.enabled);
  f.add("metrics.listen", &c.metrics.listen);
}

}  // namespace

std::int64_t effective_handler_threads(const Config& config) {
  if (config.handler_threads >= 0) return config.handler_threads;
  if (config.store.rfind("sqlite:", 0) != 0) return config.store_pool_size;
  if (config.shared_state.url != "memory") return config.shared_state.max_connections;
  return 0;
}

namespace {

// Whether `listen` (HOST:PORT) names a loopback address.
bool loopback_listen(std::string_view listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string_view::npos) return false;
  std::string_view host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// A store URL may carry a database password (postgresql://user:PASSWORD@host/db or
// ?password=PASSWORD): printed as "***".
std::string redact_url_password(std::string url) {
  const auto scheme = url.find("://");
  if (scheme != std::string::npos) {
    const auto authority = scheme + 3;
    const auto end = url.find_first_of("/?", authority);
    const auto at = url.rfind('@', end == std::string::npos ? url.size() : end);
    const auto colon = url.find(':', authority);
    if (at != std::string::npos && at >= authority && colon != std::string::npos && colon < at) {
      url.replace(colon + 1, at - colon - 1, "***");
    }
  }
  for (auto at = url.find("password="); at != std::string::npos;
       at = url.find("password=", at + 1)) {
    const auto start = at + 9;
    const auto end = url.find_first_of("& ", start);
    url.replace(start, (end == std::string::npos ? url.size() : end) - start, "***");
  }
  return url;
}

Field* find_field(std::vector<Field>& fields, std::string_view name) {
  const auto it =
      std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return f.name == name; });
  return it == fields.end() ? nullptr : &*it;
}

bool is_section(const std::vector<Field>& fields, std::string_view prefix) {
  return std::any_of(fields.begin(), fields.end(), [&](const Field& f) {
    return f.name.size() > prefix.size() && f.name.compare(0, prefix.size(), prefix) == 0 &&
           f.name[prefix.size()] == '.';
  });
}

Unexpected<ConfigError> fail(std::string_view origin, std::string_view name, std::string_view why) {
  return unexpected(
      Error::config(std::string(origin) + ": " + std::string(name) + ": " + std::string(why)));
}

Expected<Ok, ConfigError> set_from_text(const Field& field, std::string_view text,
                                        std::string_view origin) {
  if (auto* s = std::get_if<std::string*>(&field.target)) {
    **s = std::string(text);
  } else if (auto* i = std::get_if<IntField>(&field.target)) {
    const auto value = parse_int64(text);
    if (!value) return fail(origin, field.name, "expected an integer");
    if (*value < i->min || *value > i->max) {
      return fail(origin, field.name,
                  "must be between " + std::to_string(i->min) + " and " + std::to_string(i->max));
    }
    *i->target = *value;
  } else if (auto* b = std::get_if<bool*>(&field.target)) {
    if (text == "true" || text == "1" || text == "on") {
      **b = true;
    } else if (text == "false" || text == "0" || text == "off") {
      **b = false;
    } else {
      return fail(origin, field.name, "expected true or false");
    }
  } else {
    auto* list = std::get<std::vector<std::string>*>(field.target);
    list->clear();
    std::string_view rest = text;
    while (!rest.empty()) {  // a comma-separated list
      const auto comma = rest.find(',');
      const auto item = rest.substr(0, comma);
      if (!item.empty()) list->emplace_back(item);
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
  }
  return Ok{};
}

Expected<Ok, ConfigError> set_from_json(const Field& field, const boost::json::value& value,
                                        std::string_view origin) {
  if (std::holds_alternative<std::string*>(field.target)) {
    if (!value.is_string()) return fail(origin, field.name, "expected a string");
    return set_from_text(field, value.get_string(), origin);
  }
  if (std::holds_alternative<IntField>(field.target)) {
    if (!value.is_int64() && !value.is_uint64())
      return fail(origin, field.name, "expected an integer");
    return set_from_text(field, boost::json::serialize(value), origin);
  }
  if (std::holds_alternative<bool*>(field.target)) {
    if (!value.is_bool()) return fail(origin, field.name, "expected true or false");
    *std::get<bool*>(field.target) = value.get_bool();
    return Ok{};
  }
  if (!value.is_array()) return fail(origin, field.name, "expected an array of strings");
  auto* list = std::get<std::vector<std::string>*>(field.target);
  list->clear();
  for (const auto& item : value.get_array()) {
    if (!item.is_string()) return fail(origin, field.name, "expected an array of strings");
    list->emplace_back(item.get_string());
  }
  return Ok{};
}

Expected<Ok, ConfigError> apply_object(std::vector<Field>& fields,
                                       const boost::json::object& object, const std::string& prefix,
                                       std::string_view origin) {
  for (const auto& [key, value] : object) {
    const std::string name = prefix + std::string(key);
    if (Field* field = find_field(fields, name)) {
      MG_TRY_VOID(set_from_json(*field, value, origin));
    } else if (is_section(fields, name)) {
      if (!value.is_object()) return fail(origin, name, "expected an object");
      MG_TRY_VOID(apply_object(fields, value.get_object(), name + ".", origin));
    } else {
      return fail(origin, name, "unknown setting");
    }
  }
  return Ok{};
}

std::string env_name_of(std::string_view field_name) {
  std::string name = "MEDIAGATE_";
  for (const char c : field_name) {
    name.push_back(c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return name;
}

}  // namespace

Expected<Ok, ConfigError> ConfigBuilder::apply_json(std::string_view json_text,
                                                    std::string_view origin) {
  boost::system::error_code ec;
  const auto value = boost::json::parse(json_text, ec);
  if (ec)
    return unexpected(Error::config(std::string(origin) + ": not valid JSON: " + ec.message()));
  if (!value.is_object())
    return unexpected(Error::config(std::string(origin) + ": expected an object"));
  auto fields = fields_of(config_);
  return apply_object(fields, value.get_object(), "", origin);
}

Expected<Ok, ConfigError> ConfigBuilder::apply_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return unexpected(Error::config(path + ": cannot be read"));
  std::ostringstream text;
  text << in.rdbuf();
  return apply_json(text.str(), path);
}

Expected<Ok, ConfigError> ConfigBuilder::apply_environment(
    const std::map<std::string, std::string>& environment) {
  auto fields = fields_of(config_);
  std::map<std::string, const Field*> by_env;
  for (const auto& field : fields) by_env[env_name_of(field.name)] = &field;
  for (const auto& [name, value] : environment) {
    if (name.rfind("MEDIAGATE_", 0) != 0) continue;
    const auto it = by_env.find(name);
    if (it == by_env.end()) {
      // Variables the server reads elsewhere (the admin token) are not settings, nor are the
      // test harness's (MEDIAGATE_TEST_*: which servers the tests use), which reach a server a
      // test starts as a child process, nor the scripts' own (MEDIAGATE_DEMO_*:
      // scripts/serve-demo.sh), which reach the server it starts.
      if (name == "MEDIAGATE_ADMIN_TOKEN" || name.rfind("MEDIAGATE_TEST_", 0) == 0 ||
          name.rfind("MEDIAGATE_DEMO_", 0) == 0) {
        continue;
      }
      return unexpected(Error::config("environment: " + name + ": unknown setting"));
    }
    MG_TRY_VOID(set_from_text(*it->second, value, "environment " + name));
  }
  return Ok{};
}

Expected<Ok, ConfigError> ConfigBuilder::apply_setting(std::string_view name,
                                                       std::string_view value,
                                                       std::string_view origin) {
  auto fields = fields_of(config_);
  const Field* field = find_field(fields, name);
  if (field == nullptr) return fail(origin, name, "unknown setting");
  return set_from_text(*field, value, origin);
}

void SettingFields::add(std::string_view name, RateLimitSettings* target) {
  const std::string prefix = std::string(name) + ".";
  add(prefix + "enabled", &target->enabled);
  add(prefix + "max_requests", &target->max_requests, 1, kMaxInt);
  add(prefix + "window_ms", &target->window_ms, 1, kMaxInt);
  add(prefix + "block_ms", &target->block_ms, 0, kMaxInt);
}

std::vector<Field> ConfigBuilder::fields_of(Config& config) const {
  SettingFields core;
  describe_core(config, core);
  std::vector<Field> fields = std::move(core.fields());
  for (const auto& section : sections_) {
    SettingFields own(section.name + ".");
    section.describe(config.modules, own);
    for (auto& field : own.fields()) fields.push_back(std::move(field));
  }
  return fields;
}

Expected<Config, ConfigError> ConfigBuilder::build() const {
  const Config& c = config_;
  for (const auto& section : sections_) {
    if (auto problem = section.check(c.modules)) return unexpected(Error::config(*problem));
  }
  if (c.listen.find(':') == std::string::npos) {
    return unexpected(Error::config("listen: expected HOST:PORT"));
  }
  if (c.admin.enabled && c.admin.listen.find(':') == std::string::npos) {
    return unexpected(Error::config("admin.listen: expected HOST:PORT"));
  }
  const auto& shared = c.shared_state;
  if (shared.url != "memory" && shared.url.rfind("redis://", 0) != 0) {
    return unexpected(Error::config("shared_state.url: expected memory or redis://HOST:PORT[/DB]"));
  }
  for (const auto& [name, value] :
       {std::pair<std::string_view, const std::string&>{"shared_state.replay_on_failure",
                                                        shared.replay_on_failure},
        std::pair<std::string_view, const std::string&>{"shared_state.rate_limit_on_failure",
                                                        shared.rate_limit_on_failure}}) {
    if (value != "refuse" && value != "local") {
      return unexpected(Error::config(std::string(name) + ": expected refuse or local"));
    }
  }
  if (c.tls.cert_file.empty() != c.tls.key_file.empty()) {
    return unexpected(Error::config("tls: cert_file and key_file go together"));
  }
  if (c.tls.admin && !c.tls.enabled()) {
    return unexpected(Error::config("tls.admin: needs tls.cert_file and tls.key_file"));
  }
  const auto& mode = c.journal.mode;
  if (mode != "auto" && mode != "off" && mode != "metadata" && mode != "full") {
    return unexpected(Error::config("journal.mode: expected auto, off, metadata or full"));
  }
  if (mode == "full" && !c.sandbox) {
    return unexpected(Error::config(
        "journal.mode: full keeps request parameters and is for sandbox mode only; use "
        "metadata"));
  }
  if (!c.metrics.listen.empty() && !loopback_listen(c.metrics.listen)) {
    return unexpected(
        Error::config("metrics.listen: expected HOST:PORT on a loopback address (127.0.0.1, ::1, "
                      "localhost): it is served without a token"));
  }
  return c;
}

std::string ConfigBuilder::to_json() const {
  Config copy = config_;
  copy.store = redact_url_password(copy.store);
  boost::json::object root;
  for (const auto& field : fields_of(copy)) {
    boost::json::object* node = &root;
    std::string_view rest = field.name;
    for (auto dot = rest.find('.'); dot != std::string_view::npos; dot = rest.find('.')) {
      auto& child = (*node)[rest.substr(0, dot)];
      if (!child.is_object()) child = boost::json::object{};
      node = &child.get_object();
      rest = rest.substr(dot + 1);
    }
    auto& slot = (*node)[rest];
    std::visit(
        [&](const auto& target) {
          using T = std::decay_t<decltype(target)>;
          if constexpr (std::is_same_v<T, IntField>) {
            slot = *target.target;
          } else if constexpr (std::is_same_v<T, std::vector<std::string>*>) {
            boost::json::array items;
            for (const auto& item : *target) items.emplace_back(item);
            slot = std::move(items);
          } else {
            slot = *target;
          }
        },
        field.target);
  }
  return boost::json::serialize(root);
}

std::vector<std::string> ConfigBuilder::setting_names() const {
  Config scratch;
  std::vector<std::string> names;
  for (const auto& field : fields_of(scratch)) names.push_back(field.name);
  return names;
}

std::map<std::string, std::string> mediagate_environment() {
  std::map<std::string, std::string> result;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    if (text.rfind("MEDIAGATE_", 0) != 0) continue;
    const auto eq = text.find('=');
    if (eq == std::string_view::npos) continue;
    result.emplace(text.substr(0, eq), text.substr(eq + 1));
  }
  return result;
}

}  // namespace mediagate::core
