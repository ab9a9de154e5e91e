#include "core/civil_time.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace mediagate::core {
namespace {

using namespace std::chrono;

constexpr std::int64_t kMsPerMinute = 60'000;
constexpr std::int64_t kMsPerDay = 86'400'000;

// Reads `width` decimal digits at `pos`; nothing if any is not a digit.
std::optional<int> read_digits(std::string_view text, std::size_t pos, std::size_t width) {
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<std::int64_t> days_of(std::string_view text) {
  // yyyy-MM-dd
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = read_digits(text, 0, 4);
  const auto m = read_digits(text, 5, 2);
  const auto d = read_digits(text, 8, 2);
  if (!y || !m || !d) return std::nullopt;
  const year_month_day date{year{*y}, month{static_cast<unsigned>(*m)},
                            day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  return sys_days{date}.time_since_epoch().count();
}

}  // namespace

WallTimeText wall_time_text(EpochMs at, int offset_minutes) {
  const std::int64_t local_ms = at + offset_minutes * kMsPerMinute;
  std::int64_t days = local_ms / kMsPerDay;
  std::int64_t rest = local_ms % kMsPerDay;
  if (rest < 0) {
    rest += kMsPerDay;
    --days;
  }
  const year_month_day date{sys_days{std::chrono::days{days}}};
  const auto secs = rest / 1000;
  const int y = static_cast<int>(date.year());
  WallTimeText text;
  if (y >= 0 && y <= 9999) {
    // The common case without printf's format parsing (a listing may format one per item).
    constexpr std::string_view kPattern = "0000-00-00 00:00:00";
    std::copy(kPattern.begin(), kPattern.end(), text.chars.begin());
    text.size = kPattern.size();
    auto put = [&text](std::size_t position, std::int64_t value, int width) {
      for (int i = width - 1; i >= 0; --i, value /= 10) {
        text.chars[position + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
      }
    };
    put(0, y, 4);
    put(5, static_cast<unsigned>(date.month()), 2);
    put(8, static_cast<unsigned>(date.day()), 2);
    put(11, secs / 3600, 2);
    put(14, (secs / 60) % 60, 2);
    put(17, secs % 60, 2);
    return text;
  }
  const int written =
      std::snprintf(text.chars.data(), text.chars.size(), "%04d-%02u-%02u %02lld:%02lld:%02lld",
                    static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                    static_cast<unsigned>(date.day()), static_cast<long long>(secs / 3600),
                    static_cast<long long>((secs / 60) % 60), static_cast<long long>(secs % 60));
  text.size = written < 0 ? 0 : std::min(static_cast<std::size_t>(written), text.chars.size() - 1);
  return text;
}

std::string format_wall_time(EpochMs at, int offset_minutes) {
  return std::string(wall_time_text(at, offset_minutes).view());
}

std::optional<EpochMs> parse_wall_time(std::string_view text, int offset_minutes) {
  if (text.size() != 19 || text[10] != ' ' || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  const auto days = days_of(text.substr(0, 10));
  const auto hh = read_digits(text, 11, 2);
  const auto mm = read_digits(text, 14, 2);
  const auto ss = read_digits(text, 17, 2);
  if (!days || !hh || !mm || !ss || *hh > 23 || *mm > 59 || *ss > 59) return std::nullopt;
  const std::int64_t local_ms = *days * kMsPerDay + (*hh * 3600LL + *mm * 60LL + *ss) * 1000LL;
  return local_ms - offset_minutes * kMsPerMinute;
}

std::optional<EpochMs> parse_wall_date(std::string_view text, int offset_minutes) {
  if (text.size() != 10) return std::nullopt;
  const auto days = days_of(text);
  if (!days) return std::nullopt;
  return *days * kMsPerDay - offset_minutes * kMsPerMinute;
}

}  // namespace mediagate::core
