// /admin/v1/sandbox/...: the server clock and per-endpoint fault injection, in sandbox mode only
// (see docs/sandbox.md). Nothing here touches the store.
//   GET    /sandbox/clock              {"now_ms","offset_ms","now"}
//   PUT    /sandbox/clock              {"now_ms": N} sets, {"shift_ms": ±N} shifts; -> the clock
//   DELETE /sandbox/clock              back to the base clock (offset 0); 204
//   GET    /sandbox/faults             every endpoint with its fault (or null)
//   GET    /sandbox/faults/{endpoint}  one of them
//   PUT    /sandbox/faults/{endpoint}  {"latency_ms","error_rate","vendor_error",
//                                        "reset_connection","seed"}; -> the endpoint
//   DELETE /sandbox/faults/{endpoint}  clears it; 204
//   DELETE /sandbox/faults             clears all; 204
#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <random>

#include "admin/admin_support.hpp"
#include "core/civil_time.hpp"

namespace mediagate::admin {
namespace {

namespace json = boost::json;

// The end of year 9999 in UTC.
constexpr core::EpochMs kEndOf9999Utc = 253'402'300'799'999;

// The clock may be moved anywhere from the epoch to the end of year 9999 at the configured
// offset, so that every date the vendors render keeps "yyyy-MM-dd HH:mm:ss" (a date at a
// negative offset before the epoch is still in 1969).
core::EpochMs max_clock_ms(const AdminContext& ctx) {
  return kEndOf9999Utc - std::int64_t{std::max(0, ctx.utc_offset_minutes)} * 60'000;
}
// Seeds are JSON-safe integers (exact in every JSON implementation).
constexpr std::int64_t kMaxSeed = (std::int64_t{1} << 53) - 1;

std::string clock_json(const AdminContext& ctx) {
  const core::EpochMs now = ctx.sandbox.clock->now_ms();
  return object_json([&](core::JsonWriter& w) {
    w.field("now_ms", now)
        .field("offset_ms", ctx.sandbox.clock->offset_ms())
        .field("now", core::format_wall_time(now, ctx.utc_offset_minutes));
  });
}

std::optional<std::int64_t> as_int64(const json::value& value) {
  if (value.is_int64()) return value.get_int64();
  if (value.is_uint64() &&
      value.get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return static_cast<std::int64_t>(value.get_uint64());
  }
  return std::nullopt;
}

// An integer member in [min, max], or nothing when absent.
AdminResult<std::optional<std::int64_t>> int_member(const json::object& object,
                                                    std::string_view key, std::int64_t min,
                                                    std::int64_t max) {
  const auto* value = object.if_contains(key);
  if (value == nullptr) return std::optional<std::int64_t>{};
  const auto number = as_int64(*value);
  if (!number || *number < min || *number > max) {
    return core::unexpected(bad_request(
        "invalid_field",
        "expected an integer from " + std::to_string(min) + " to " + std::to_string(max),
        "$." + std::string(key)));
  }
  return number;
}

// --- clock ---

AdminResult<Reply> get_clock(const AdminContext& ctx, const http::Request&) {
  return json_reply(200, clock_json(ctx));
}

AdminResult<Reply> put_clock(const AdminContext& ctx, const http::Request& request) {
  MG_TRY(const auto object, body_object(request));
  MG_TRY_VOID(only_keys(object, {"now_ms", "shift_ms"}));
  const bool has_now = object.contains("now_ms");
  const bool has_shift = object.contains("shift_ms");
  if (has_now && has_shift) {
    return core::unexpected(bad_request(
        "invalid_field", "give either now_ms (set) or shift_ms (shift), not both", "$.shift_ms"));
  }
  if (!has_now && !has_shift) {
    return core::unexpected(bad_request(
        "missing_field", "now_ms (set the clock) or shift_ms (shift it) is required", "$.now_ms"));
  }
  const core::EpochMs max_ms = max_clock_ms(ctx);
  if (has_now) {
    MG_TRY(const auto now, int_member(object, "now_ms", 0, max_ms));
    ctx.sandbox.clock->set_to(*now);
  } else {
    MG_TRY(const auto shift, int_member(object, "shift_ms", -max_ms, max_ms));
    const core::EpochMs target = ctx.sandbox.clock->now_ms() + *shift;
    if (target < 0 || target > max_ms) {
      return core::unexpected(bad_request("invalid_field",
                                          "the shifted clock must stay between 0 and " +
                                              std::to_string(max_ms) +
                                              " ms (the end of 9999 at the configured UTC offset)",
                                          "$.shift_ms"));
    }
    ctx.sandbox.clock->shift_by(*shift);
  }
  return json_reply(200, clock_json(ctx));
}

AdminResult<Reply> delete_clock(const AdminContext& ctx, const http::Request&) {
  ctx.sandbox.clock->reset();
  return no_content();
}

// --- faults ---

// The shortest text that reads back as `value` ("0.5", "1", "0.125"); Boost.JSON would write
// "5E-1", valid but unfriendly to operators.
std::string number_text(double value) {
  std::array<char, 32> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return ec == std::errc{} ? std::string(buffer.data(), end) : "0";
}

std::string fault_json(const std::optional<endpoint::Fault>& fault) {
  if (!fault) return "null";
  std::string out = "{\"latency_ms\":" + std::to_string(fault->latency_ms);
  out += ",\"error_rate\":" + number_text(fault->error_rate);
  out += ",\"reset_connection\":";
  out += fault->reset_connection ? "true" : "false";
  out += ",\"vendor_error\":";
  out += fault->vendor_error ? json::serialize(*fault->vendor_error) : "null";
  out += ",\"seed\":" + std::to_string(fault->seed) + "}";
  return out;
}

// {"endpoint":…,"path":…,"vendor_error_format":…,"fault":{…}|null}
std::string endpoint_json(const AdminContext& ctx, const endpoint::FaultEndpoint& endpoint) {
  std::string out = "{\"endpoint\":" + json::serialize(json::string(endpoint.name));
  out += ",\"path\":" + json::serialize(json::string(endpoint.pattern));
  out += ",\"vendor_error_format\":" + json::serialize(json::string(endpoint.vendor_error_format));
  out += ",\"fault\":" + fault_json(ctx.sandbox.faults->get(endpoint.name)) + "}";
  return out;
}

AdminResult<const endpoint::FaultEndpoint*> require_endpoint(const AdminContext& ctx,
                                                             const http::Request& request) {
  const std::string& name = path_param(request, "endpoint");
  const auto* endpoint = ctx.sandbox.faults->find_endpoint(name);
  if (endpoint == nullptr) {
    std::string known;
    for (const auto& each : ctx.sandbox.faults->endpoints()) {
      known += known.empty() ? "" : ", ";
      known += each->name;
    }
    return core::unexpected(not_found(
        "no vendor endpoint " + json::serialize(json::string(name)) + " (known: " + known + ")",
        "endpoint"));
  }
  return endpoint;
}

AdminError vendor_error_problem(const endpoint::VendorErrorProblem& problem) {
  std::string code = "invalid_field";
  if (problem.message == "unknown key") {
    code = "unknown_field";
  } else if (problem.message == "missing required field") {
    code = "missing_field";
  }
  std::string field = "$.vendor_error";
  if (!problem.key.empty()) field += "." + problem.key;
  return bad_request(std::move(code), problem.message, std::move(field));
}

AdminResult<endpoint::Fault> read_fault(const AdminContext& ctx,
                                        const endpoint::FaultEndpoint& endpoint,
                                        const json::object& object) {
  MG_TRY_VOID(
      only_keys(object, {"latency_ms", "error_rate", "vendor_error", "reset_connection", "seed"}));
  if (object.empty()) {
    return core::unexpected(bad_request(
        "invalid_field",
        "a fault needs at least one of latency_ms, error_rate, vendor_error, reset_connection",
        "$"));
  }
  endpoint::Fault fault;
  MG_TRY(const auto latency,
         int_member(object, "latency_ms", 0, ctx.sandbox.faults->max_latency_ms()));
  fault.latency_ms = latency.value_or(0);

  if (const auto* reset = object.if_contains("reset_connection")) {
    if (!reset->is_bool()) {
      return core::unexpected(
          bad_request("invalid_field", "expected true or false", "$.reset_connection"));
    }
    fault.reset_connection = reset->get_bool();
  }

  if (const auto* given = object.if_contains("vendor_error");
      given != nullptr && !given->is_null()) {
    if (!given->is_object()) {
      return core::unexpected(bad_request(
          "invalid_field", "expected an object " + endpoint.vendor_error_format, "$.vendor_error"));
    }
    MG_TRY(fault.vendor_error_responder,
           endpoint.read_vendor_error(given->get_object()).transform_error(vendor_error_problem));
    fault.vendor_error = given->get_object();
  }
  if (fault.vendor_error && fault.reset_connection) {
    return core::unexpected(bad_request(
        "invalid_field", "a failure is either a vendor error or a connection reset, not both",
        "$.reset_connection"));
  }

  // A failure kind given without a rate always happens; a latency alone never fails.
  fault.error_rate = fault.vendor_error || fault.reset_connection ? 1.0 : 0.0;
  if (const auto* rate = object.if_contains("error_rate")) {
    const bool is_number = rate->is_double() || rate->is_int64() || rate->is_uint64();
    const double value = is_number ? rate->to_number<double>() : -1.0;
    if (!is_number || !(value >= 0.0 && value <= 1.0)) {
      return core::unexpected(
          bad_request("invalid_field", "expected a number from 0 to 1", "$.error_rate"));
    }
    fault.error_rate = value;
  }

  MG_TRY(const auto seed, int_member(object, "seed", 0, kMaxSeed));
  if (seed) {
    fault.seed = static_cast<std::uint64_t>(*seed);
  } else {
    std::random_device device;
    const std::uint64_t high = device();
    const std::uint64_t low = device();
    fault.seed = ((high << 32U) | low) & static_cast<std::uint64_t>(kMaxSeed);
  }
  return fault;
}

AdminResult<Reply> list_faults(const AdminContext& ctx, const http::Request&) {
  std::string out = "{\"items\":[";
  for (const auto& endpoint : ctx.sandbox.faults->endpoints()) {
    if (out.back() != '[') out += ',';
    out += endpoint_json(ctx, *endpoint);
  }
  out += "],\"max_latency_ms\":" + std::to_string(ctx.sandbox.faults->max_latency_ms()) + "}";
  return json_reply(200, std::move(out));
}

AdminResult<Reply> get_fault(const AdminContext& ctx, const http::Request& request) {
  return require_endpoint(ctx, request).transform([&](const endpoint::FaultEndpoint* endpoint) {
    return json_reply(200, endpoint_json(ctx, *endpoint));
  });
}

AdminResult<Reply> put_fault(const AdminContext& ctx, const http::Request& request) {
  MG_TRY(const auto* const endpoint, require_endpoint(ctx, request));
  MG_TRY(const auto object, body_object(request));
  MG_TRY(auto fault, read_fault(ctx, *endpoint, object));
  ctx.sandbox.faults->set(endpoint->name, std::move(fault));
  ctx.server_log.warn("sandbox: fault injected", {{"endpoint", std::string_view(endpoint->name)}});
  return json_reply(200, endpoint_json(ctx, *endpoint));
}

AdminResult<Reply> delete_fault(const AdminContext& ctx, const http::Request& request) {
  MG_TRY(const auto* const endpoint, require_endpoint(ctx, request));
  ctx.sandbox.faults->clear(endpoint->name);
  return no_content();
}

AdminResult<Reply> delete_faults(const AdminContext& ctx, const http::Request&) {
  ctx.sandbox.faults->clear_all();
  return no_content();
}

constexpr std::array kRoutes = {
    AdminRoute{"GET",
               "/sandbox/clock",
               get_clock,
               {.summary = "The sandbox clock", .answer = "{now_ms, offset_ms, now}"}},
    AdminRoute{"PUT",
               "/sandbox/clock",
               put_clock,
               {.summary = "Set the sandbox clock, or shift it",
                .body = "{now_ms} sets the clock, {shift_ms} shifts it",
                .answer = "{now_ms, offset_ms, now}"}},
    AdminRoute{"DELETE",
               "/sandbox/clock",
               delete_clock,
               {.summary = "Put the sandbox clock back to the real time", .success = 204}},
    AdminRoute{"GET",
               "/sandbox/faults",
               list_faults,
               {.summary = "Every endpoint with its fault (or null)", .answer = "the endpoints"}},
    AdminRoute{"DELETE",
               "/sandbox/faults",
               delete_faults,
               {.summary = "Remove every injected fault", .success = 204}},
    AdminRoute{"GET",
               "/sandbox/faults/{endpoint}",
               get_fault,
               {.summary = "One endpoint with its fault (or null)", .answer = "the endpoint"}},
    AdminRoute{"PUT",
               "/sandbox/faults/{endpoint}",
               put_fault,
               {.summary = "Inject a fault into one endpoint",
                .body = "{latency_ms, error_rate, vendor_error, reset_connection, seed}",
                .answer = "the endpoint with its fault"}},
    AdminRoute{"DELETE",
               "/sandbox/faults/{endpoint}",
               delete_fault,
               {.summary = "Remove one endpoint's fault", .success = 204}},
};

}  // namespace

std::span<const AdminRoute> sandbox_routes() {
  return kRoutes;
}

}  // namespace mediagate::admin
