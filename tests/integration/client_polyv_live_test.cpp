// The SDK's PolyvLiveClient against a live mediagate over a socket (sample fixtures).
#include <gtest/gtest.h>

#include <chrono>

#include "support/test_server.hpp"
#include "vendors/polyv/polyv_live_client.hpp"

namespace mediagate::testing {
namespace {

using namespace std::chrono_literals;
using client::ClientError;
using client::SessionQuery;

constexpr const char* kAppId = "frlr1zazn3";
constexpr const char* kSecret = "fsq2k5weced1h8vui657xtdva66whf0g";

class ClientPolyvLive : public ::testing::Test {
 protected:
  client::PolyvLiveClient live(const std::string& app_id = kAppId,
                               const std::string& secret = kSecret,
                               const core::Clock* clock = nullptr) {
    auto options = server_.sdk_options();
    if (clock != nullptr) options.clock = clock;
    return client::PolyvLiveClient(options, {app_id, secret});
  }
  // The sample channel's sessions are in spring 2022: ask for that range explicitly.
  static SessionQuery spring_2022() {
    SessionQuery query;
    query.channel_id = "2272655";
    query.start_date = "2022-03-20";
    query.end_date = "2022-05-15 23:59:59";
    return query;
  }
  static std::vector<std::string> ids(const client::SessionPage& page) {
    std::vector<std::string> out;
    for (const auto& session : page.contents) out.push_back(session.session_id);
    return out;
  }

  TestServer server_;
};

TEST_F(ClientPolyvLive, SessionsDecodedWithThePaginationBlock) {
  auto client = live();
  const auto page = client.list_sessions(spring_2022());
  ASSERT_TRUE(page) << page.error().describe();
  EXPECT_EQ(ids(*page), (std::vector<std::string>{"livenow0001", "g9lv2ghv2x", "g9b3pwv2b7",
                                                  "g8ms75epoj", "g87lv4kjh2"}));
  EXPECT_EQ(page->total_items, 5);
  EXPECT_EQ(page->total_pages, 1);
  EXPECT_EQ(page->limit, 5);
  EXPECT_EQ(page->start_row, 1);
  EXPECT_EQ(page->end_row, 5);
  EXPECT_TRUE(page->first_page);
  EXPECT_TRUE(page->last_page);
  const client::LiveSession live_now{"livenow0001", "2272655",    "b0f7041324",
                                     1652100000000, std::nullopt, "c-1"};
  EXPECT_EQ(page->contents[0], live_now);
  EXPECT_EQ(page->contents[1].end_time, 1652062643000);
  EXPECT_EQ(page->contents[1].custom_id, std::nullopt);
}

TEST_F(ClientPolyvLive, PagingAndSha256) {
  auto client = live();
  auto query = spring_2022();
  query.page = 2;
  query.page_size = 2;
  query.sha256 = true;
  query.request_id = "req-0001";
  const auto page = client.list_sessions(query);
  ASSERT_TRUE(page) << page.error().describe();
  EXPECT_EQ(ids(*page), (std::vector<std::string>{"g9b3pwv2b7", "g8ms75epoj"}));
  EXPECT_EQ(page->total_pages, 3);
  EXPECT_EQ(page->offset, 2);
  EXPECT_EQ(page->next_page_number, 3);
  EXPECT_EQ(page->pre_page_number, 1);
  EXPECT_FALSE(page->first_page);
  EXPECT_FALSE(page->last_page);
}

TEST_F(ClientPolyvLive, VendorErrors) {
  const auto bad_sign = live(kAppId, "wrong").list_sessions(spring_2022());
  ASSERT_FALSE(bad_sign);
  EXPECT_EQ(bad_sign.error().kind, ClientError::Kind::kVendor);
  EXPECT_EQ(bad_sign.error().code, "400");
  EXPECT_EQ(bad_sign.error().message, "invalid signature.");

  EXPECT_EQ(live("nosuchapp0").list_sessions(spring_2022()).error().message,
            "application not found.");

  auto foreign = spring_2022();
  foreign.channel_id = "999999";
  const auto forbidden = live().list_sessions(foreign);
  ASSERT_FALSE(forbidden);
  EXPECT_EQ(forbidden.error().code, "500");
  EXPECT_EQ(forbidden.error().vendor_status, "fail");
  EXPECT_EQ(forbidden.error().message, "access forbidden");

  auto too_long = spring_2022();
  too_long.start_date = "2022-01-01";
  EXPECT_EQ(live().list_sessions(too_long).error().message, "param validate error");
  auto bad_date = spring_2022();
  bad_date.end_date = "15/05/2022";
  EXPECT_EQ(live().list_sessions(bad_date).error().message, "invalid date time format");
  auto no_channel = spring_2022();
  no_channel.channel_id.clear();
  EXPECT_EQ(live().list_sessions(no_channel).error().message,
            "param should not be empty: channelId");
}

TEST_F(ClientPolyvLive, TimestampComesFromTheInjectedClock) {
  core::ManualClock ahead(server_.clock().now_ms() + 180'001);
  auto client = live(kAppId, kSecret, &ahead);
  EXPECT_EQ(client.list_sessions(spring_2022()).error().message, "invalid timestamp.");
  ahead.advance(-1);  // exactly at the window's edge
  EXPECT_TRUE(client.list_sessions(spring_2022()));
}

TEST_F(ClientPolyvLive, SessionInfoListHasNoSixtyDayLimitAndNoCustomId) {
  auto client = live();
  client::SessionInfoQuery query;
  query.channel_id = "2272655";  // no dates: every session, whatever the clock
  const auto page = client.list_session_info(query);
  ASSERT_TRUE(page) << page.error().describe();
  ASSERT_EQ(page->contents.size(), 5u);
  const client::LiveSessionInfo live_now{"2272655", "livenow0001", "b0f7041324", 1652100000000,
                                         std::nullopt};
  EXPECT_EQ(page->contents[0], live_now);
  EXPECT_EQ(page->contents[4].session_id, "g87lv4kjh2");
  EXPECT_EQ(page->contents[4].end_time, 1648124412000);
  EXPECT_EQ(page->total_items, 5);
  EXPECT_EQ(page->page_size, 20);
  EXPECT_TRUE(page->last_page);
  // A span /data/list refuses, SHA-256 and a requestId, walked a page of 2 at a time.
  query.start_date = "2021-01-01";
  query.end_date = "2022-12-31";
  query.sha256 = true;
  query.request_id = "3f2504e04f8911d39a0c0305e82c3301";
  auto pages = client.session_info(query, 2);
  const auto all = pages.collect();
  ASSERT_TRUE(all) << all.error().describe();
  EXPECT_EQ(pages.pages_fetched(), 3);
  std::vector<std::string> walked;
  for (const auto& session : *all) walked.push_back(session.session_id);
  EXPECT_EQ(walked, (std::vector<std::string>{"livenow0001", "g9lv2ghv2x", "g9b3pwv2b7",
                                              "g8ms75epoj", "g87lv4kjh2"}));
  EXPECT_EQ(client.list_sessions(query).error().message, "param validate error");
}

TEST_F(ClientPolyvLive, SessionInfoVendorErrors) {
  client::SessionInfoQuery query;
  query.channel_id = "2272655";
  const auto bad_sign = live(kAppId, "wrong").list_session_info(query);
  ASSERT_FALSE(bad_sign);
  EXPECT_EQ(bad_sign.error().kind, ClientError::Kind::kVendor);
  EXPECT_EQ(bad_sign.error().code, "400");
  EXPECT_EQ(bad_sign.error().message, "invalid signature.");
  query.channel_id = "999999";
  const auto forbidden = live().list_session_info(query);
  ASSERT_FALSE(forbidden);
  EXPECT_EQ(forbidden.error().code, "500");
  EXPECT_EQ(forbidden.error().vendor_status, "fail");
  EXPECT_EQ(forbidden.error().message, "access forbidden");
}

}  // namespace
}  // namespace mediagate::testing
