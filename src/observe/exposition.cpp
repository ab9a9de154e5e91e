#include "observe/exposition.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace mediagate::observe {

void append_label(std::string& labels, std::string_view name, std::string_view value) {
  if (!labels.empty()) labels += ',';
  labels += name;
  labels += "=\"";
  for (const char c : value) {
    if (c == '\\') {
      labels += "\\\\";
    } else if (c == '"') {
      labels += "\\\"";
    } else if (c == '\n') {
      labels += "\\n";
    } else {
      labels += c;
    }
  }
  labels += '"';
}

std::string format_sample_value(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  std::array<char, 64> text{};
  const auto written = std::to_chars(text.data(), text.data() + text.size(), value);
  return {text.data(), written.ptr};
}

void Exposition::family(std::string_view name, std::string_view type, std::string_view help) {
  text_ += "# HELP ";
  text_ += name;
  text_ += ' ';
  for (const char c : help) {  // HELP escapes backslash and line feed
    if (c == '\\') {
      text_ += "\\\\";
    } else if (c == '\n') {
      text_ += "\\n";
    } else {
      text_ += c;
    }
  }
  text_ += "\n# TYPE ";
  text_ += name;
  text_ += ' ';
  text_ += type;
  text_ += '\n';
}

void Exposition::head(std::string_view name, std::string_view labels) {
  text_ += name;
  if (!labels.empty()) {
    text_ += '{';
    text_ += labels;
    text_ += '}';
  }
  text_ += ' ';
}

void Exposition::sample(std::string_view name, std::string_view labels, std::uint64_t value) {
  head(name, labels);
  text_ += std::to_string(value);
  text_ += '\n';
}

void Exposition::sample(std::string_view name, std::string_view labels, double value) {
  head(name, labels);
  text_ += format_sample_value(value);
  text_ += '\n';
}

void Exposition::histogram(std::string_view name, std::string_view labels,
                           const HistogramSnapshot& data) {
  const std::string bucket = std::string(name) + "_bucket";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kDurationBuckets; ++i) {
    cumulative += data.buckets[i];
    std::string with_le(labels);
    append_label(with_le, "le",
                 i < kDurationBounds.size() ? format_sample_value(kDurationBounds[i]) : "+Inf");
    sample(bucket, with_le, cumulative);
  }
  sample(std::string(name) + "_sum", labels, data.sum_seconds);
  sample(std::string(name) + "_count", labels, cumulative);
}

void write_build_info(Exposition& out) {
  out.family("mediagate_build_info", "gauge", "The version this binary was built as; always 1.");
  std::string labels;
  append_label(labels, "version", MEDIAGATE_VERSION);
  out.sample("mediagate_build_info", labels, std::uint64_t{1});
}

}  // namespace mediagate::observe
