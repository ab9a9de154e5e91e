// The Prometheus text format as written, histogram buckets (OpenTelemetry's bounds), and the
// lock-free series table.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "observe/duration_histogram.hpp"
#include "observe/exposition.hpp"
#include "observe/series_table.hpp"

namespace mediagate::observe {
namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;

TEST(DurationHistogram, UsesOpenTelemetrysBounds) {
  const std::array<double, 14> expected = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25,
                                           0.5,   0.75, 1,     2.5,  5,     7.5, 10};
  EXPECT_EQ(kDurationBounds, expected);
}

TEST(DurationHistogram, BoundsAreInclusive) {
  EXPECT_EQ(duration_bucket(nanoseconds(0)), 0U);
  EXPECT_EQ(duration_bucket(milliseconds(5)), 0U);
  EXPECT_EQ(duration_bucket(milliseconds(5) + nanoseconds(1)), 1U);
  EXPECT_EQ(duration_bucket(milliseconds(10'000)), 13U);
  EXPECT_EQ(duration_bucket(milliseconds(10'001)), 14U);
}

TEST(DurationHistogram, SnapshotCountsAndSums) {
  DurationHistogram h;
  h.observe(milliseconds(1));
  h.observe(milliseconds(30));
  h.observe(milliseconds(20'000));
  const auto s = h.snapshot();
  EXPECT_EQ(s.count, 3U);
  EXPECT_EQ(s.buckets[0], 1U);
  EXPECT_EQ(s.buckets[3], 1U);
  EXPECT_EQ(s.buckets[14], 1U);
  EXPECT_DOUBLE_EQ(s.sum_seconds, 20.031);
}

TEST(Exposition, WritesFamiliesSamplesAndEscapedLabels) {
  Exposition out;
  out.family("x_total", "counter", "A \\ help\nline");
  std::string labels;
  append_label(labels, "a", "q\"b\\c\nd");
  append_label(labels, "b", "中");
  out.sample("x_total", labels, std::uint64_t{7});
  out.sample("x_total", "", 0.5);
  EXPECT_EQ(out.text(),
            "# HELP x_total A \\\\ help\\nline\n# TYPE x_total counter\n"
            "x_total{a=\"q\\\"b\\\\c\\nd\",b=\"中\"} 7\nx_total 0.5\n");
}

TEST(Exposition, WritesCumulativeHistogramBuckets) {
  DurationHistogram h;
  h.observe(milliseconds(1));
  h.observe(milliseconds(7));
  Exposition out;
  out.histogram("d_seconds", "m=\"GET\"", h.snapshot());
  const auto& text = out.text();
  EXPECT_NE(text.find("d_seconds_bucket{m=\"GET\",le=\"0.005\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("d_seconds_bucket{m=\"GET\",le=\"0.01\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("d_seconds_bucket{m=\"GET\",le=\"+Inf\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("d_seconds_count{m=\"GET\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("d_seconds_sum{m=\"GET\"} 0.008\n"), std::string::npos);
}

TEST(Exposition, FormatsSpecialValues) {
  EXPECT_EQ(format_sample_value(1.0 / 0.0), "+Inf");
  EXPECT_EQ(format_sample_value(-1.0 / 0.0), "-Inf");
  EXPECT_EQ(format_sample_value(0.0 / 0.0), "NaN");
  EXPECT_EQ(format_sample_value(2.5), "2.5");
}

TEST(SeriesTable, FindsTheSameSeriesAndRefusesWhenFull) {
  SeriesTable<std::atomic<std::uint64_t>> table(2);
  int built = 0;
  auto* a = table.find_or_add(1, [&] {
    ++built;
    return std::string("k=\"1\"");
  });
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(table.find_or_add(1, [&] { return std::string("never"); }), a);
  EXPECT_NE(table.find_or_add(2, [] { return std::string("k=\"2\""); }), nullptr);
  EXPECT_EQ(table.find_or_add(3, [] { return std::string("k=\"3\""); }), nullptr);
  EXPECT_EQ(built, 1);
  int seen = 0;
  table.for_each([&](const std::string&, const auto&) { ++seen; });
  EXPECT_EQ(seen, 2);
}

TEST(SeriesTable, CountsFromManyThreads) {
  SeriesTable<std::atomic<std::uint64_t>> table(64);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (std::uint64_t i = 0; i < 4000; ++i) {
        const std::uint64_t key = 1 + i % 16;
        table.find_or_add(key, [key] { return std::to_string(key); })
            ->fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::uint64_t total = 0;
  int series = 0;
  table.for_each([&](const std::string&, const auto& value) {
    total += value.load();
    ++series;
  });
  EXPECT_EQ(series, 16);
  EXPECT_EQ(total, 16000U);
}

}  // namespace
}  // namespace mediagate::observe
