// GET /admin/v1/routes: the admin API's own route list.
// GET /admin/v1/status: what the server holds in memory that an operator sizes, today the
// replay guard (docs/operations.md, "Replay memory"). Reads no store.
#include <array>
#include <charconv>
#include <string>

#include "admin/admin_support.hpp"

namespace mediagate::admin {
namespace {

// {"shared_state":"memory","replay_memory":{"pairs":…,"stored":…,"capacity_pairs":…,
// "bytes_used":…,"max_bytes":…,"fill_ratio":…,"refused_full":…}}; replay_memory is null when
// the guard keeps nothing in this process (Redis, failure policy "refuse").
AdminResult<Reply> status(const AdminContext& ctx, const http::Request& request) {
  if (!request.query.empty()) {
    return core::unexpected(
        bad_request("invalid_parameter", "status takes no parameters", request.query));
  }
  std::string body = R"({"shared_state":)";
  core::append_json_string(body, ctx.shared_state);
  body += R"(,"replay_memory":)";
  const auto stats = ctx.replay_guard != nullptr
                         ? ctx.replay_guard->memory_stats(ctx.clock.now_ms())
                         : std::nullopt;
  if (!stats) {
    body += "null}";
    return json_reply(200, std::move(body));
  }
  const auto field = [&](std::string_view name, std::uint64_t value, bool first = false) {
    if (!first) body += ',';
    core::append_json_string(body, name);
    body += ':';
    body += std::to_string(value);
  };
  body += '{';
  field("pairs", stats->pairs, true);
  field("stored", stats->stored);
  field("capacity_pairs", stats->capacity_pairs);
  field("bytes_used", stats->bytes_used);
  field("max_bytes", stats->max_bytes);
  // A plain decimal with six places (no exponent for a gauge reader to parse).
  std::array<char, 32> ratio{};
  const auto written = std::to_chars(ratio.data(), ratio.data() + ratio.size(), stats->fill_ratio,
                                     std::chars_format::fixed, 6);
  body += R"(,"fill_ratio":)";
  body.append(ratio.data(), written.ptr);
  field("refused_full", stats->refused_full);
  body += "}}";
  return json_reply(200, std::move(body));
}

// {"items":[{"method","pattern"}…]}: what this admin listener serves, in mounting order
// (the console's data browser finds its collections here, so it names no vendor).
AdminResult<Reply> list_routes(const AdminContext& ctx, const http::Request& request) {
  if (!request.query.empty()) {
    return core::unexpected(
        bad_request("invalid_parameter", "routes takes no parameters", request.query));
  }
  return json_reply(
      200, object_json([&](core::JsonWriter& w) {
        w.key("items").begin_array();
        for (const auto& [method, pattern] : ctx.routes) {
          w.begin_object().field("method", method).field("pattern", pattern).end_object();
        }
        w.end_array();
      }));
}

const AdminRoute kRoutes[] = {
    {"GET",
     "/status",
     status,
     {.summary = "What the server holds in memory (the replay guard's figures)",
      .answer = "{shared_state, replay_memory: {pairs, stored, capacity_pairs, bytes_used, "
                "max_bytes, fill_ratio, refused_full} or null}"}},
    {"GET",
     "/routes",
     list_routes,
     {.summary = "The routes this admin listener serves, in mounting order (the console's data "
                 "browser finds its collections here)",
      .answer = "{items: [{method, pattern}]}"}},
};

}  // namespace

std::span<const AdminRoute> status_routes() {
  return kRoutes;
}

}  // namespace mediagate::admin
