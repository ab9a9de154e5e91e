// Polyv live session listing: the date-range rules (defaults, the 60-day span) and channel
// ownership, over a fake store that records the query it receives.
#include "vendors/polyv/live_sessions.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "polyv_fake_store.hpp"

namespace mediagate::vendors::polyv {
namespace {

constexpr core::EpochMs kNow = 1'700'000'000'000;
constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

TEST(LiveSessionRange, NeitherBoundIsTheLastSixtyDays) {
  EXPECT_EQ(resolve_session_range(std::nullopt, std::nullopt, kNow),
            (SessionRange{kNow - 60 * kDay, kNow}));
}

TEST(LiveSessionRange, OneBoundPutsTheOtherSixtyDaysAway) {
  EXPECT_EQ(resolve_session_range(kNow, std::nullopt, 0), (SessionRange{kNow, kNow + 60 * kDay}));
  EXPECT_EQ(resolve_session_range(std::nullopt, kNow, 0), (SessionRange{kNow - 60 * kDay, kNow}));
}

TEST(LiveSessionRange, SpanEdges) {
  EXPECT_EQ(resolve_session_range(kNow, kNow + 60 * kDay, 0),
            (SessionRange{kNow, kNow + 60 * kDay}));
  EXPECT_EQ(resolve_session_range(kNow, kNow + 60 * kDay + 1, 0), std::nullopt);
  EXPECT_EQ(resolve_session_range(kNow, kNow + 60 * kDay + 1000, 0), std::nullopt);
  EXPECT_EQ(resolve_session_range(kNow, kNow, 0), (SessionRange{kNow, kNow}));
  EXPECT_EQ(resolve_session_range(kNow, kNow - 1, 0), std::nullopt);
}

TEST(LiveSessionRange, ExtremeInstantsDoNotOverflow) {
  EXPECT_EQ(resolve_session_range(kMin, kMax, 0), std::nullopt);
  EXPECT_EQ(resolve_session_range(kMax, std::nullopt, 0), (SessionRange{kMax, kMax}));
  EXPECT_EQ(resolve_session_range(std::nullopt, kMin, 0), (SessionRange{kMin, kMin}));
  EXPECT_EQ(resolve_session_range(std::nullopt, std::nullopt, kMin + 5),
            (SessionRange{kMin, kMin + 5}));
}

class LiveSessionsListing : public ::testing::Test {
 protected:
  LiveSessionsListing() {
    store_.account =
        vendors::polyv::PolyvAccountKeys{"u1", "owner@x", "vodsecret", "app1", "appsecret"};
    store_.channel_owner = "u1";
    store_.sessions.total = 7;
    store_.sessions.items = {vendors::polyv::LiveSession{"s1", kNow - kDay, std::nullopt, "c"}};
    listing_.channel_id = "123";
  }
  testing::PolyvFakeRepository store_;
  SessionListing listing_;
};

TEST_F(LiveSessionsListing, QueriesTheResolvedRangeAndPage) {
  listing_.page = 3;
  listing_.page_size = 5;
  auto page = list_channel_sessions(store_, *store_.account, listing_, kNow);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 7);
  EXPECT_EQ(page->items, store_.sessions.items);
  ASSERT_TRUE(store_.last_session_query);
  EXPECT_EQ(store_.last_channel_asked, "123");
  EXPECT_EQ(store_.last_session_query->channel_id, "123");
  EXPECT_EQ(store_.last_session_query->from, kNow - 60 * kDay);
  EXPECT_EQ(store_.last_session_query->to, kNow);
  EXPECT_EQ(store_.last_session_query->offset, 10);
  EXPECT_EQ(store_.last_session_query->limit, 5);
}

TEST_F(LiveSessionsListing, APageBeyondInt64AsksPastEveryEnd) {
  listing_.page = kMax;
  listing_.page_size = 1000;
  ASSERT_TRUE(list_channel_sessions(store_, *store_.account, listing_, kNow));
  EXPECT_EQ(store_.last_session_query->offset, kMax);
}

TEST_F(LiveSessionsListing, TheRangeIsCheckedBeforeTheChannel) {
  listing_.start = kNow;
  listing_.end = kNow + 60 * kDay + 1000;
  store_.channel_owner = std::nullopt;
  auto page = list_channel_sessions(store_, *store_.account, listing_, kNow);
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().kind, LiveSessionsError::kInvalidRange);
  EXPECT_TRUE(store_.last_channel_asked.empty());
}

TEST_F(LiveSessionsListing, UnknownOrForeignChannelIsForbidden) {
  store_.channel_owner = std::nullopt;
  auto unknown = list_channel_sessions(store_, *store_.account, listing_, kNow);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().kind, LiveSessionsError::kChannelForbidden);
  store_.channel_owner = "someone-else";
  auto foreign = list_channel_sessions(store_, *store_.account, listing_, kNow);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().kind, LiveSessionsError::kChannelForbidden);
  EXPECT_FALSE(store_.last_session_query);
}

TEST_F(LiveSessionsListing, StoreFailuresCarryTheDetail) {
  store_.fail = true;
  auto page = list_channel_sessions(store_, *store_.account, listing_, kNow);
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().kind, LiveSessionsError::kStoreFailure);
  EXPECT_EQ(page.error().detail, "disk I/O error (fake)");
}

}  // namespace
}  // namespace mediagate::vendors::polyv
