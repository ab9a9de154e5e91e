// http_server_request_duration_seconds: OpenTelemetry's HTTP server duration metric
// (semantic conventions: name, bucket bounds, and the attributes http.request.method,
// http.route and http.response.status_code as Prometheus labels http_request_method,
// http_route and http_response_status_code). Label values stay bounded: a method outside
// RFC 9110's and PATCH is "_OTHER", a request no route matched has http_route "unmatched"
// (never its path), and routes are the listeners' patterns. Recording is lock-free
// (SeriesTable keyed by the route pattern's address, the status and the method).
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

#include "observe/duration_histogram.hpp"
#include "observe/exposition.hpp"
#include "observe/series_table.hpp"

namespace mediagate::observe {

inline constexpr std::string_view kUnmatchedRoute = "unmatched";

// The method as the label writes it: itself when known, "_OTHER" otherwise.
std::string_view method_label(std::string_view method);

class HttpRequestMetrics {
 public:
  // `route` must stay where it is for the life of this object (a router's pattern) or be
  // empty.
  void record(std::string_view method, std::string_view route, unsigned status,
              std::chrono::nanoseconds duration);
  void write(Exposition& out) const;

 private:
  static constexpr std::size_t kMaxSeries = 1024;
  SeriesTable<DurationHistogram> series_{kMaxSeries};
  DurationHistogram overflow_;  // when every series is taken (not expected)
};

}  // namespace mediagate::observe
