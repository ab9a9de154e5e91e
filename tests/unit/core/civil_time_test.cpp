#include "core/civil_time.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace mediagate::core
