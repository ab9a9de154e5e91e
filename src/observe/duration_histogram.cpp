#include "observe/duration_histogram.hpp"

namespace mediagate::observe {
namespace {

// kDurationBounds in nanoseconds, so that no observation converts to floating point.
constexpr std::array<std::int64_t, kDurationBounds.size()> kBoundsNs = [] {
  std::array<std::int64_t, kDurationBounds.size()> ns{};
  for (std::size_t i = 0; i < ns.size(); ++i) {
    ns[i] = static_cast<std::int64_t>(kDurationBounds[i] * 1e9 + 0.5);
  }
  return ns;
}();

}  // namespace

std::size_t duration_bucket(std::chrono::nanoseconds duration) {
  const std::int64_t ns = duration.count();
  std::size_t i = 0;
  while (i < kBoundsNs.size() && ns > kBoundsNs[i]) ++i;
  return i;
}

HistogramSnapshot DurationHistogram::snapshot() const {
  HistogramSnapshot out;
  for (std::size_t i = 0; i < kDurationBuckets; ++i) {
    out.buckets[i] = buckets_[i].load(std::memory_order_relaxed);
    out.count += out.buckets[i];
  }
  out.sum_seconds = static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) / 1e9;
  return out;
}

}  // namespace mediagate::observe
