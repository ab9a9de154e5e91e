// The SDK's PolyvGroupClient against a live mediagate over a socket (sample fixtures).
#include <gtest/gtest.h>

#include <chrono>

#include "support/test_server.hpp"
#include "vendors/polyv/polyv_group_client.hpp"

namespace mediagate::testing {
namespace {

using namespace std::chrono_literals;
using client::AllocationQuery;
using client::AllocationType;
using client::ClientError;

constexpr const char* kGroup = "ga1ayl6dh2";
constexpr const char* kSecret = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d";

class ClientPolyvGroup : public ::testing::Test {
 protected:
  client::PolyvGroupClient group(const std::string& app_id = kGroup,
                                 const std::string& secret = kSecret,
                                 const core::Clock* clock = nullptr) {
    auto options = server_.sdk_options();
    if (clock != nullptr) options.clock = clock;
    return client::PolyvGroupClient(options, {app_id, secret});
  }
  static AllocationQuery everyone() {
    AllocationQuery query;
    query.emails = {"testdata@polyv.com", "other@polyv.com"};
    return query;
  }
  static std::vector<std::string> origins(const client::AllocationPage& page) {
    std::vector<std::string> out;
    for (const auto& allocation : page.contents) out.push_back(allocation.origin);
    return out;
  }

  TestServer server_;
};

TEST_F(ClientPolyvGroup, AllocationsDecoded) {
  auto client = group();
  const auto page = client.list_allocate_log(everyone());
  ASSERT_TRUE(page) << page.error().describe();
  EXPECT_EQ(origins(*page),
            (std::vector<std::string>{"ADD_CONCURRENCES", "ADD_SPACE", "ADD_DURATION"}));
  EXPECT_EQ(page->total_items, 3);
  EXPECT_EQ(page->total_pages, 1);
  EXPECT_EQ(page->page_size, 20);
  const client::Allocation seed{
      "testdata@polyv.com", "2019-11-18 18:21:38", "ADD_CONCURRENCES", "添加并发数",
      std::nullopt,         std::nullopt,          std::nullopt,       970,
      std::nullopt};
  EXPECT_EQ(page->contents[0], seed);
  EXPECT_EQ(page->contents[1].space, 10737418240);
  EXPECT_EQ(page->contents[2].duration, 600);
}

TEST_F(ClientPolyvGroup, EveryQueryFieldReachesTheServer) {
  auto client = group();
  auto live_only = everyone();
  live_only.type = AllocationType::kLive;
  EXPECT_EQ(origins(*client.list_allocate_log(live_only)),
            (std::vector<std::string>{"ADD_CONCURRENCES", "ADD_DURATION"}));
  auto vod_only = everyone();
  vod_only.type = AllocationType::kVod;
  EXPECT_EQ(origins(*client.list_allocate_log(vod_only)), (std::vector<std::string>{"ADD_SPACE"}));

  auto window = everyone();
  window.type = AllocationType::kAll;
  window.start_time = "2019-11-17 09:00:00";
  window.end_time = "2019-11-18 18:21:38";
  EXPECT_EQ(origins(*client.list_allocate_log(window)),
            (std::vector<std::string>{"ADD_CONCURRENCES", "ADD_SPACE"}));

  auto one = everyone();
  one.emails = {"other@polyv.com"};
  EXPECT_EQ(origins(*client.list_allocate_log(one)), (std::vector<std::string>{"ADD_DURATION"}));

  auto paged = everyone();
  paged.page = 3;
  paged.page_size = 1;
  const auto page = client.list_allocate_log(paged);
  ASSERT_TRUE(page);
  EXPECT_EQ(origins(*page), (std::vector<std::string>{"ADD_DURATION"}));
  EXPECT_EQ(page->total_pages, 3);
  EXPECT_EQ(client.connections_opened(), 1);
}

TEST_F(ClientPolyvGroup, VendorErrors) {
  const auto bad_sign = group(kGroup, "wrong").list_allocate_log(everyone());
  ASSERT_FALSE(bad_sign);
  EXPECT_EQ(bad_sign.error().kind, ClientError::Kind::kVendor);
  EXPECT_EQ(bad_sign.error().code, "403");
  EXPECT_EQ(bad_sign.error().http_status, 403u);
  EXPECT_EQ(bad_sign.error().message, "invalid signature.");

  EXPECT_EQ(group("nosuchgrp").list_allocate_log(everyone()).error().message, "account not found.");
  EXPECT_EQ(group("gbanned001", "00000000000000000000000000000000")
                .list_allocate_log(everyone())
                .error()
                .message,
            "account is forbidden.");
  EXPECT_EQ(group().list_allocate_log(AllocationQuery{}).error().message, "emails is required.");

  core::ManualClock stale(server_.clock().now_ms() - 180'001);
  EXPECT_EQ(group(kGroup, kSecret, &stale).list_allocate_log(everyone()).error().message,
            "invalid timestamp.");
}

}  // namespace
}  // namespace mediagate::testing
