#include "observe/duration_histogram.hpp"

namespace mediagate::observe {
namespace {

// A positive value rounded to the nearest integer, halves away from zero (std::lround, which
// is not constexpr in C++20): unlike truncating value + 0.5, it cannot round up a value just
// below one half.
constexpr std::int64_t round_positive(double value) {
  const auto whole = static_cast<std::int64_t>(value);
  return value - static_cast<double>(whole) >= 0.5 ? whole + 1 : whole;
}

// kDurationBounds in nanoseconds, so that no observation converts to floating point.
constexpr std::array<std::int64_t, kDurationBounds.size()> kBoundsNs = [] {
  std::array<std::int64_t, kDurationBounds.size()> ns{};
  for (std::size_t i = 0; i < ns.size(); ++i) {
    ns[i] = round_positive(kDurationBounds[i] * 1e9);
  }
  return ns;
}();
static_assert(kBoundsNs.front() == 5'000'000 && kBoundsNs.back() == 10'000'000'000);

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
