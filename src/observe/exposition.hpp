// The Prometheus text exposition format, version 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/): one `# HELP` and `# TYPE`
// line per family, then its samples, `name{label="value",...} value`. Label values are
// escaped (backslash, double quote, line feed); values are integers or shortest round-trip
// decimals (+Inf, -Inf, NaN as the format spells them).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "observe/duration_histogram.hpp"

namespace mediagate::observe {

// The Content-Type of a scrape's answer.
inline constexpr std::string_view kExpositionContentType =
    "text/plain; version=0.0.4; charset=utf-8";

// Appends `name="value"` (escaped) to `labels`, after a comma when it is not empty.
void append_label(std::string& labels, std::string_view name, std::string_view value);
// `value` as the format writes a sample value.
std::string format_sample_value(double value);

class Exposition {
 public:
  // Starts a family: type is "counter", "gauge" or "histogram".
  void family(std::string_view name, std::string_view type, std::string_view help);
  // One sample; `labels` as append_label builds them (may be empty).
  void sample(std::string_view name, std::string_view labels, std::uint64_t value);
  void sample(std::string_view name, std::string_view labels, double value);
  // The _bucket (cumulative, with le), _sum and _count samples of one histogram series.
  void histogram(std::string_view name, std::string_view labels, const HistogramSnapshot& data);

  const std::string& text() const { return text_; }
  std::string take() && { return std::move(text_); }

 private:
  void head(std::string_view name, std::string_view labels);
  std::string text_;
};

// mediagate_build_info{version="..."} 1: the version this binary was built as.
void write_build_info(Exposition& out);

}  // namespace mediagate::observe
