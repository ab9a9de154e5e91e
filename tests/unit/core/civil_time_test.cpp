#include "core/civil_time.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>

namespace mediagate::core {
namespace {

TEST(CivilTime, MatchesTheVendorsEpochDatePairs) {
  // Pumpkin's example: 1555673163000 <-> 2019-04-19 19:26:03 (UTC+8).
  EXPECT_EQ(format_wall_time(1555673163000, kShanghaiOffsetMinutes), "2019-04-19 19:26:03");
  EXPECT_EQ(parse_wall_time("2019-04-19 19:26:03", kShanghaiOffsetMinutes), 1555673163000);
  EXPECT_EQ(format_wall_time(1557816111972, kShanghaiOffsetMinutes), "2019-05-14 14:41:51");
  EXPECT_EQ(parse_wall_date("2019-05-10", kShanghaiOffsetMinutes), 1557417600000);
}

TEST(CivilTime, RejectsMalformedAndOutOfRange) {
  for (const char* bad : {"2019-4-19 19:26:03", "2019-02-30 00:00:00", "2019-13-01 00:00:00",
                          "2019-01-01 24:00:00", "2019-01-01 00:60:00", "2019-01-01T00:00:00",
                          "2019-01-01 00:00:0x", "", "2019-01-01 00:00:00 "}) {
    EXPECT_FALSE(parse_wall_time(bad, 480)) << bad;
  }
  EXPECT_FALSE(parse_wall_date("2019-02-29", 480));
  EXPECT_TRUE(parse_wall_date("2020-02-29", 480));
}

TEST(CivilTime, RoundTripsAcrossDaysAndBeforeEpoch) {
  for (EpochMs at : {EpochMs{0}, EpochMs{-1000}, EpochMs{951782400000}, EpochMs{4102444799000}}) {
    const auto text = format_wall_time(at, 480);
    EXPECT_EQ(parse_wall_time(text, 480), at) << text;
  }
  EXPECT_EQ(format_wall_time(-1, 0), "1969-12-31 23:59:59");
}

// What format_wall_time must print, computed independently: std::chrono's civil calendar
// and printf (what the function used before its printf-free fast path).
std::string reference_format(EpochMs at, int offset_minutes) {
  using namespace std::chrono;
  const sys_time<milliseconds> local{milliseconds{at + std::int64_t{offset_minutes} * 60'000}};
  const auto day = floor<days>(local);
  const year_month_day date{day};
  const hh_mm_ss time{floor<seconds>(local - day)};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u %02lld:%02lld:%02lld",
                static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), static_cast<long long>(time.hours().count()),
                static_cast<long long>(time.minutes().count()),
                static_cast<long long>(time.seconds().count()));
  return buffer;
}

TEST(CivilTime, FormatsAnyInstantAsTheCalendarDoes) {
  std::mt19937_64 random(20261130);
  // Years 0001 to 9999 and a little outside (the printf fallback), every UTC offset in use.
  std::uniform_int_distribution<EpochMs> instants(-62'200'000'000'000, 253'500'000'000'000);
  std::uniform_int_distribution<int> offsets(-14 * 60, 14 * 60);
  for (int i = 0; i < 20'000; ++i) {
    const EpochMs at = instants(random);
    const int offset = offsets(random);
    ASSERT_EQ(format_wall_time(at, offset), reference_format(at, offset)) << at << " " << offset;
  }
  EXPECT_EQ(format_wall_time(253'402'300'799'999, 0), "9999-12-31 23:59:59");
  EXPECT_EQ(format_wall_time(253'402'300'800'000, 0), "10000-01-01 00:00:00");
}

}  // namespace
}  // namespace mediagate::core
