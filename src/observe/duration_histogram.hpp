// A histogram of durations with OpenTelemetry's advised bucket bounds for
// http.server.request.duration (seconds: 0.005 ... 10), updated lock-free by any thread
// (relaxed atomic increments: a scrape may see one observation's bucket before its sum).
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace mediagate::observe {

// The upper bounds (inclusive, "le"), in seconds; a last bucket, +Inf, takes the rest.
inline constexpr std::array<double, 14> kDurationBounds = {
    0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10};
inline constexpr std::size_t kDurationBuckets = kDurationBounds.size() + 1;

// The bucket a duration falls in: the first whose bound it does not exceed; the +Inf bucket
// (kDurationBounds.size()) beyond the last bound.
std::size_t duration_bucket(std::chrono::nanoseconds duration);

struct HistogramSnapshot {
  std::array<std::uint64_t, kDurationBuckets> buckets{};  // per bucket (not cumulative)
  std::uint64_t count = 0;                                // the sum of the buckets
  double sum_seconds = 0;
};

class DurationHistogram {
 public:
  void observe(std::chrono::nanoseconds duration) {
    buckets_[duration_bucket(duration)].fetch_add(1, std::memory_order_relaxed);
    const auto ns = duration.count() > 0 ? static_cast<std::uint64_t>(duration.count()) : 0U;
    sum_ns_.fetch_add(ns, std::memory_order_relaxed);
  }
  HistogramSnapshot snapshot() const;

 private:
  std::array<std::atomic<std::uint64_t>, kDurationBuckets> buckets_{};
  std::atomic<std::uint64_t> sum_ns_{0};
};

}  // namespace mediagate::observe
