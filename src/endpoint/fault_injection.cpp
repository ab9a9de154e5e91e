#include "endpoint/fault_injection.hpp"

#include <algorithm>

#include "endpoint/context.hpp"
#include "endpoint/observer.hpp"

namespace mediagate::endpoint {

bool draw_failure(std::mt19937_64& engine, double rate) {
  constexpr double kScale = 1.0 / 9007199254740992.0;  // 2^-53
  const double fraction = static_cast<double>(engine() >> 11U) * kScale;
  return fraction < rate;
}

core::Expected<core::Ok, VendorErrorProblem> only_keys(
    const boost::json::object& object, std::initializer_list<std::string_view> known) {
  for (const auto& entry : object) {
    if (std::find(known.begin(), known.end(), entry.key()) == known.end()) {
      return core::unexpected(VendorErrorProblem{std::string(entry.key()), "unknown key"});
    }
  }
  return core::Ok{};
}

core::Expected<std::string, VendorErrorProblem> required_string(const boost::json::object& object,
                                                                std::string_view key) {
  const auto* value = object.if_contains(key);
  if (value == nullptr) {
    return core::unexpected(VendorErrorProblem{std::string(key), "missing required field"});
  }
  if (!value->is_string() || value->get_string().empty()) {
    return core::unexpected(VendorErrorProblem{std::string(key), "expected a non-empty string"});
  }
  return std::string(value->get_string());
}

core::Expected<std::int64_t, VendorErrorProblem> required_int(const boost::json::object& object,
                                                              std::string_view key,
                                                              std::int64_t min, std::int64_t max) {
  const auto* value = object.if_contains(key);
  if (value == nullptr) {
    return core::unexpected(VendorErrorProblem{std::string(key), "missing required field"});
  }
  const auto range =
      "expected an integer from " + std::to_string(min) + " to " + std::to_string(max);
  if (value->is_int64() && value->get_int64() >= min && value->get_int64() <= max) {
    return value->get_int64();
  }
  if (value->is_uint64() && max >= 0 && value->get_uint64() <= static_cast<std::uint64_t>(max) &&
      static_cast<std::int64_t>(value->get_uint64()) >= min) {
    return static_cast<std::int64_t>(value->get_uint64());
  }
  return core::unexpected(VendorErrorProblem{std::string(key), range});
}

void FaultTable::add_endpoint(FaultEndpoint endpoint) {
  if (find_endpoint(endpoint.name) != nullptr) return;
  endpoints_.push_back(std::make_shared<const FaultEndpoint>(std::move(endpoint)));
}

const FaultEndpoint* FaultTable::find_endpoint(std::string_view name) const {
  const auto it = std::find_if(endpoints_.begin(), endpoints_.end(),
                               [&](const auto& endpoint) { return endpoint->name == name; });
  return it == endpoints_.end() ? nullptr : it->get();
}

bool FaultTable::set(std::string_view name, Fault fault) {
  if (find_endpoint(name) == nullptr) return false;
  const std::lock_guard lock(mutex_);
  std::mt19937_64 engine(fault.seed);
  active_.insert_or_assign(std::string(name), Active{std::move(fault), engine});
  return true;
}

std::optional<Fault> FaultTable::get(std::string_view name) const {
  const std::lock_guard lock(mutex_);
  const auto it = active_.find(name);
  if (it == active_.end()) return std::nullopt;
  return it->second.fault;
}

bool FaultTable::clear(std::string_view name) {
  const std::lock_guard lock(mutex_);
  const auto it = active_.find(name);
  if (it == active_.end()) return false;
  active_.erase(it);
  return true;
}

void FaultTable::clear_all() {
  const std::lock_guard lock(mutex_);
  active_.clear();
}

FaultPlan FaultTable::plan(std::string_view name) {
  FaultPlan plan;
  const std::lock_guard lock(mutex_);
  const auto it = active_.find(name);
  if (it == active_.end()) return plan;
  auto& [fault, engine] = it->second;
  plan.delay = std::chrono::milliseconds(fault.latency_ms);
  if (fault.error_rate > 0 && draw_failure(engine, fault.error_rate)) {
    plan.fail = true;
    plan.reset_connection = fault.reset_connection;
    if (!plan.reset_connection && fault.vendor_error_responder) {
      plan.respond = fault.vendor_error_responder;
    }
  }
  return plan;
}

http::Handler with_faults(Context& context, FaultEndpoint endpoint, http::Handler handler) {
  if (context.faults == nullptr) return handler;
  FaultTable* faults = context.faults;
  const std::string name = endpoint.name;
  Responder internal_error = endpoint.internal_error;
  faults->add_endpoint(std::move(endpoint));
  Observer* observer = context.observer;
  EndpointStats* stats = observer != nullptr ? &observer->endpoint(name) : nullptr;
  const core::Clock* clock = &context.clock;
  return [faults, name, internal_error, observer, stats, clock,
          handler = std::move(handler)](http::Request& request) {
    const auto started = request.received != std::chrono::steady_clock::time_point{}
                             ? request.received
                             : std::chrono::steady_clock::now();
    FaultPlan plan = faults->plan(name);
    http::Response response;
    if (!plan.fail) {
      response = handler(request);
    } else if (plan.reset_connection) {
      response.abort_connection = true;
    } else {
      response = plan.respond ? plan.respond(request) : internal_error(request);
    }
    if (response.log_vendor.empty()) response.log_vendor = name;
    response.delay = plan.delay;
    if (observer != nullptr && (plan.fail || plan.delay.count() > 0)) {
      const FaultKind kind = !plan.fail              ? FaultKind::kLatency
                             : plan.reset_connection ? FaultKind::kReset
                                                     : FaultKind::kError;
      observer->injected(*stats, request, response, kind, clock->now_ms(), started);
    }
    return response;
  };
}

}  // namespace mediagate::endpoint
