// Sandbox fault injection for the vendor endpoints: per endpoint, a latency, a failure rate and
// what a failure is (the vendor's own internal error, a given vendor error, or a connection
// reset). This layer knows no vendor: each vendor folder describes its endpoints (name, route,
// how to read a vendor error and render it in the vendor's envelope) when it registers them.
// Installed only in sandbox mode (Context::faults is null otherwise: routes are then
// registered unwrapped and cost nothing). Operated through the admin API
// (/admin/v1/sandbox/faults).
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace mediagate::endpoint {

struct Context;

// Answers a request in place of the endpoint's handler.
using Responder = std::function<http::Response(const http::Request&)>;

// Why a vendor error description was refused: the key at fault (inside the vendor_error
// object, e.g. "code"; empty for the object as a whole) and what is wrong with it.
struct VendorErrorProblem {
  std::string key;
  std::string message;
};

// Reads a vendor error description (admin JSON) into a Responder, or says what is wrong.
using VendorErrorReader =
    std::function<core::Expected<Responder, VendorErrorProblem>(const boost::json::object&)>;

// For readers: refuses keys other than `known`; reads a required string (non-empty) or integer
// (in [min, max]).
core::Expected<core::Ok, VendorErrorProblem> only_keys(
    const boost::json::object& object, std::initializer_list<std::string_view> known);
core::Expected<std::string, VendorErrorProblem> required_string(const boost::json::object& object,
                                                                std::string_view key);
core::Expected<std::int64_t, VendorErrorProblem> required_int(const boost::json::object& object,
                                                              std::string_view key,
                                                              std::int64_t min, std::int64_t max);

// One endpoint as the fault layer sees it, supplied by the vendor folder that owns it.
struct FaultEndpoint {
  std::string name;                 // stable, URL-safe, e.g. "vendor-endpoint"
  std::string pattern;              // the route, e.g. "/v2/video/{userid}/get-by-uploader"
  std::string vendor_error_format;  // one line for operators, e.g. {"code":int,"message":string}
  VendorErrorReader read_vendor_error;
  Responder internal_error;  // the vendor's own "server failed" answer
};

// What an operator asked for on one endpoint.
struct Fault {
  std::int64_t latency_ms = 0;    // every request waits this long before its answer is written
  double error_rate = 0;          // probability (0..1) that a request fails
  bool reset_connection = false;  // a failure resets the connection (no answer)
  // A failure answers this (vendor envelope), when set; otherwise the endpoint's internal error.
  std::optional<boost::json::object> vendor_error;
  Responder vendor_error_responder;  // read from vendor_error by the endpoint's reader
  std::uint64_t seed = 0;            // the failure draws: std::mt19937_64 seeded with this
};

// What to do with one request.
struct FaultPlan {
  std::chrono::milliseconds delay{0};
  bool fail = false;
  bool reset_connection = false;
  Responder respond;  // set when fail && !reset_connection
};

// Whether one draw of `engine` falls below `rate`: the top 53 bits of the next output, as a
// fraction of 2^53, compared with `rate` (rate 0 never fails, rate 1 always does). Exposed so
// that tests can predict a seeded sequence.
bool draw_failure(std::mt19937_64& engine, double rate);

// The endpoints and their faults. Endpoints are added at start-up (before serving); faults are
// set, read and cleared at any time from any thread.
class FaultTable {
 public:
  explicit FaultTable(std::int64_t max_latency_ms) : max_latency_ms_(max_latency_ms) {}
  FaultTable(const FaultTable&) = delete;
  FaultTable& operator=(const FaultTable&) = delete;

  // Start-up only. A name given twice keeps the first.
  void add_endpoint(FaultEndpoint endpoint);
  // In the order added.
  const std::vector<std::shared_ptr<const FaultEndpoint>>& endpoints() const { return endpoints_; }
  const FaultEndpoint* find_endpoint(std::string_view name) const;
  // The largest latency_ms accepted (the sandbox_max_latency_ms setting).
  std::int64_t max_latency_ms() const { return max_latency_ms_; }

  // Sets (replaces) the fault of a known endpoint and restarts its draws from fault.seed.
  // False if the endpoint is unknown.
  bool set(std::string_view name, Fault fault);
  // The fault set on `name`, if any.
  std::optional<Fault> get(std::string_view name) const;
  // True if a fault was set.
  bool clear(std::string_view name);
  void clear_all();

  // The plan for one request to `name` (no fault: nothing happens).
  FaultPlan plan(std::string_view name);

 private:
  struct Active {
    Fault fault;
    std::mt19937_64 engine;
  };
  std::int64_t max_latency_ms_;
  std::vector<std::shared_ptr<const FaultEndpoint>> endpoints_;
  mutable std::mutex mutex_;
  std::map<std::string, Active, std::less<>> active_;
};

// The handler to register for `endpoint`: `handler` itself when faults are off
// (context.faults is null); otherwise `handler` behind the endpoint's faults, and the endpoint
// is added to the table.
http::Handler with_faults(Context& context, FaultEndpoint endpoint, http::Handler handler);

}  // namespace mediagate::endpoint
