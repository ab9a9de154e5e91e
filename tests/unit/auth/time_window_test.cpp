#include "auth/time_window.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace mediagate::auth {
namespace {

constexpr core::EpochMs kNow = 1'652'411'923'329;
constexpr std::int64_t kWindow = 180'000;

TEST(CheckWindow, InclusiveEdges) {
  EXPECT_EQ(check_window(kNow, kNow, kWindow), WindowCheck::kInside);
  EXPECT_EQ(check_window(kNow - 180'000, kNow, kWindow), WindowCheck::kInside);
  EXPECT_EQ(check_window(kNow - 180'001, kNow, kWindow), WindowCheck::kTooOld);
  EXPECT_EQ(check_window(kNow + 180'000, kNow, kWindow), WindowCheck::kInside);
  EXPECT_EQ(check_window(kNow + 180'001, kNow, kWindow), WindowCheck::kInFuture);
}

TEST(CheckWindow, ZeroAndNegativeWindows) {
  EXPECT_EQ(check_window(kNow, kNow, 0), WindowCheck::kInside);
  EXPECT_EQ(check_window(kNow - 1, kNow, 0), WindowCheck::kTooOld);
  EXPECT_EQ(check_window(kNow + 1, kNow, 0), WindowCheck::kInFuture);
  EXPECT_EQ(check_window(kNow, kNow, -5), WindowCheck::kInside);
  EXPECT_EQ(check_window(kNow + 1, kNow, -5), WindowCheck::kInFuture);
}

TEST(CheckWindow, ExtremeRequestValuesDoNotOverflow) {
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(check_window(kMin, kNow, kWindow), WindowCheck::kTooOld);
  EXPECT_EQ(check_window(kMax, kNow, kWindow), WindowCheck::kInFuture);
  EXPECT_EQ(check_window(0, kNow, kWindow), WindowCheck::kTooOld);
  EXPECT_EQ(check_window(-1, kNow, kWindow), WindowCheck::kTooOld);
  EXPECT_EQ(check_window(kMin, kNow, kMax, 0), WindowCheck::kTooOld);
  EXPECT_EQ(check_window(kMax, kMin, kWindow), WindowCheck::kInFuture);
  EXPECT_EQ(check_window(kMin, kMax, kWindow), WindowCheck::kTooOld);
}

TEST(CheckWindow, AsymmetricPumpkinStyle) {
  constexpr auto kAnyPast = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(check_window(0, kNow, kAnyPast, kWindow), WindowCheck::kInside);
  EXPECT_EQ(check_window(kNow - 30LL * 24 * 3600 * 1000, kNow, kAnyPast, kWindow),
            WindowCheck::kInside);
  EXPECT_EQ(check_window(kNow + 180'000, kNow, kAnyPast, kWindow), WindowCheck::kInside);
  EXPECT_EQ(check_window(kNow + 180'001, kNow, kAnyPast, kWindow), WindowCheck::kInFuture);
  EXPECT_EQ(check_window(kNow - 11, kNow, 10, 0), WindowCheck::kTooOld);
  EXPECT_EQ(check_window(kNow - 10, kNow, 10, 0), WindowCheck::kInside);
}

}  // namespace
}  // namespace mediagate::auth
