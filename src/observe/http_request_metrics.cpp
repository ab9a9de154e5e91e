#include "observe/http_request_metrics.hpp"

#include <array>
#include <cstdint>
#include <string>

namespace mediagate::observe {
namespace {

constexpr std::array<std::string_view, 10> kMethods = {
    "_OTHER", "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"};

std::size_t method_index(std::string_view method) {
  for (std::size_t i = 1; i < kMethods.size(); ++i) {
    if (kMethods[i] == method) return i;
  }
  return 0;
}

constexpr std::string_view kName = "http_server_request_duration_seconds";

}  // namespace

std::string_view method_label(std::string_view method) {
  return kMethods[method_index(method)];
}

void HttpRequestMetrics::record(std::string_view method, std::string_view route, unsigned status,
                                std::chrono::nanoseconds duration) {
  const std::size_t method_at = method_index(method);
  // Exact, never zero (status >= 100): the pattern's address (user space, < 2^48), the status
  // (< 1024) and the method (< 16).
  const auto address = static_cast<std::uint64_t>(
      reinterpret_cast<std::uintptr_t>(route.empty() ? nullptr : route.data()));
  const std::uint64_t key = (address << 14U) | (std::uint64_t{status & 0x3FFU} << 4U) | method_at;
  auto* histogram = series_.find_or_add(key, [&] {
    std::string labels;
    append_label(labels, "http_request_method", kMethods[method_at]);
    append_label(labels, "http_route", route.empty() ? kUnmatchedRoute : route);
    append_label(labels, "http_response_status_code", std::to_string(status));
    return labels;
  });
  (histogram != nullptr ? *histogram : overflow_).observe(duration);
}

void HttpRequestMetrics::write(Exposition& out) const {
  out.family(kName, "histogram",
             "Duration of HTTP server requests (OpenTelemetry http.server.request.duration).");
  series_.for_each([&](const std::string& labels, const DurationHistogram& histogram) {
    out.histogram(kName, labels, histogram.snapshot());
  });
  const auto overflow = overflow_.snapshot();
  if (overflow.count > 0) {
    std::string labels;
    append_label(labels, "http_request_method", "_OTHER");
    append_label(labels, "http_route", "overflow");
    append_label(labels, "http_response_status_code", "0");
    out.histogram(kName, labels, overflow);
  }
}

}  // namespace mediagate::observe
