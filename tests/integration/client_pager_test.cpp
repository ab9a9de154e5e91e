// The SDK's page iterators over generated data: a second fixture (53 videos, 41 live sessions,
// 37 group allocations, written in shuffled order) loaded next to the sample one. For every
// page size, iterating yields every row exactly once, in the server's order.
#include <gtest/gtest.h>

#include <unistd.h>
#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "support/temp_file.hpp"
#include "support/test_server.hpp"
#include "vendors/polyv/polyv_group_client.hpp"
#include "vendors/polyv/polyv_live_client.hpp"
#include "vendors/polyv/polyv_vod_client.hpp"

namespace mediagate::testing {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

constexpr int kVideos = 53;
constexpr int kSessions = 41;
constexpr int kAllocations = 37;

constexpr const char* kUser = "c0ffee0001";
constexpr const char* kVodSecret = "genVodSecret";
constexpr const char* kLiveApp = "genapp0001";
constexpr const char* kLiveSecret = "genLiveSecret";
constexpr const char* kChannel = "900001";
constexpr const char* kGroup = "gengroup01";
constexpr const char* kGroupSecret = "genGroupSecret";

std::string padded(int i, std::size_t width) {
  std::string text = std::to_string(i);
  return std::string(width - text.size(), '0') + text;
}

std::string vid(int i) {
  return std::string(kUser) + padded(i, 22) + "_g";
}
std::string session_id(int i) {
  return "gs" + padded(i, 6);
}
std::string origin(int i) {
  return "ORIGIN_" + padded(i, 3);
}

// Writes the generated fixture; the rows go in shuffled order so that only the server's
// ordering can give them back in order.
std::string write_generated_fixture() {
  std::mt19937 shuffle_engine(20231114);
  json::array videos;
  for (int i = 0; i < kVideos; ++i) {
    videos.push_back(json::object{
        {"vid", vid(i)},
        {"cataid", 100},
        {"title", "video " + std::to_string(i)},
        {"context", ""},
        {"times", (i * 7) % 13},
        {"firstImage", ""},
        {"tag", ""},
        {"aacLink", nullptr},
        {"status", "61"},
        {"uploaderEmail", i % 2 == 0 ? "s1@gen.example" : "s2@gen.example"},
        {"ptime", 1'600'000'000'000 + static_cast<std::int64_t>(i) * 1000}});  // ascending by i
  }
  std::shuffle(videos.begin(), videos.end(), shuffle_engine);
  json::array sessions;
  for (int i = 0; i < kSessions; ++i) {
    const std::int64_t start = kTestNow - static_cast<std::int64_t>(i + 1) * 3'600'000;
    sessions.push_back(
        json::object{{"sessionId", session_id(i)},
                     {"startTime", start},  // descending by i
                     {"endTime", i == 0 ? json::value(nullptr) : json::value(start + 60'000)},
                     {"customId", nullptr}});
  }
  std::shuffle(sessions.begin(), sessions.end(), shuffle_engine);
  json::array allocations;
  for (int i = 0; i < kAllocations; ++i) {
    allocations.push_back(
        json::object{{"email", i % 2 == 0 ? "g1@gen.example" : "g2@gen.example"},
                     {"date", "2023-10-01 10:" + padded(i, 2) + ":00"},  // ascending by i
                     {"type", i % 3 == 0 ? "vod" : "live"},
                     {"origin", origin(i)},
                     {"originText", "生成"},
                     {"space", nullptr},
                     {"flow", nullptr},
                     {"channels", nullptr},
                     {"concurrences", i},
                     {"duration", nullptr}});
  }
  std::shuffle(allocations.begin(), allocations.end(), shuffle_engine);

  json::object account{
      {"userId", kUser},
      {"email", "owner@gen.example"},
      {"secretKey", kVodSecret},
      {"appId", kLiveApp},
      {"appSecret", kLiveSecret},
      {"subAccounts", json::array{"s1@gen.example", "s2@gen.example"}},
      {"categories",
       json::array{json::object{{"cataid", 100}, {"name", "gen"}, {"parent", nullptr}}}},
      {"videos", videos},
      {"channels", json::array{json::object{{"channelId", kChannel}, {"sessions", sessions}}}}};
  json::object group{{"appId", kGroup},
                     {"appSecret", kGroupSecret},
                     {"forbidden", false},
                     {"subAccounts", json::array{"g1@gen.example", "g2@gen.example"}},
                     {"allocations", allocations}};
  const json::object document{
      {"polyv", json::object{{"accounts", json::array{account}}, {"groups", json::array{group}}}}};
  return write_temp_file("mediagate-client-pager.json", json::serialize(document));
}

class ClientPager : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string path = write_generated_fixture();
    server_ = new TestServer({}, {source_path("fixtures/sample.json"), path});
    std::filesystem::remove(path);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static client::ClientOptions options() { return server_->sdk_options(); }
  static std::int64_t pages_for(int rows, std::int64_t size) { return (rows + size - 1) / size; }

  static TestServer* server_;
};

TestServer* ClientPager::server_ = nullptr;

constexpr std::int64_t kPageSizes[] = {1, 7, 20, 1000};

TEST_F(ClientPager, VodVideosOnceEachInPtimeOrder) {
  std::vector<std::string> want;
  for (int i = 0; i < kVideos; ++i) want.push_back(vid(i));
  client::PolyvVodClient vod(options(), {kUser, kVodSecret});
  for (const auto size : kPageSizes) {
    auto pages = vod.videos({}, size);
    std::vector<std::string> got;
    for (const client::Video& video : pages) got.push_back(video.vid);
    EXPECT_EQ(got, want) << "page size " << size;
    EXPECT_FALSE(pages.error()) << pages.error()->describe();
    EXPECT_EQ(pages.pages_fetched(), pages_for(kVideos, size)) << "page size " << size;
  }
  EXPECT_EQ(vod.connections_opened(), 1);
}

TEST_F(ClientPager, VodWithAFilterAndAnOrder) {
  client::VideoQuery query;
  query.email = "s2@gen.example";
  query.order = client::VideoOrder::kPtimeDescending;
  std::vector<std::string> want;
  for (int i = kVideos - 1; i >= 0; --i) {
    if (i % 2 == 1) want.push_back(vid(i));
  }
  client::PolyvVodClient vod(options(), {kUser, kVodSecret});
  for (const auto size : kPageSizes) {
    auto items = vod.videos(query, size).collect();
    ASSERT_TRUE(items) << items.error().describe();
    std::vector<std::string> got;
    for (const auto& video : *items) got.push_back(video.vid);
    EXPECT_EQ(got, want) << "page size " << size;
  }
}

TEST_F(ClientPager, LiveSessionsOnceEachNewestFirst) {
  std::vector<std::string> want;
  for (int i = 0; i < kSessions; ++i) want.push_back(session_id(i));
  client::PolyvLiveClient live(options(), {kLiveApp, kLiveSecret});
  client::SessionQuery query;
  query.channel_id = kChannel;  // default range: the last 60 days
  for (const auto size : kPageSizes) {
    auto pages = live.sessions(query, size);
    std::vector<std::string> got;
    std::int64_t page_count = 0;
    while (auto page = pages.next_page()) {
      ++page_count;
      EXPECT_EQ(page->page_number, page_count);
      EXPECT_EQ(page->total_items, kSessions);
      EXPECT_EQ(page->total_pages, pages_for(kSessions, size));
      EXPECT_EQ(page->last_page, page_count == page->total_pages);
      for (const auto& session : page->contents) got.push_back(session.session_id);
    }
    EXPECT_EQ(got, want) << "page size " << size;
    EXPECT_FALSE(pages.error());
    EXPECT_EQ(page_count, pages_for(kSessions, size));
    EXPECT_EQ(pages.pages_fetched(), page_count);
  }
}

TEST_F(ClientPager, GroupAllocationsOnceEachNewestFirst) {
  std::vector<std::string> want;
  for (int i = kAllocations - 1; i >= 0; --i) want.push_back(origin(i));
  client::PolyvGroupClient group(options(), {kGroup, kGroupSecret});
  client::AllocationQuery query;
  query.emails = {"g1@gen.example", "g2@gen.example"};
  for (const auto size : kPageSizes) {
    auto pages = group.allocations(query, size);
    std::vector<std::string> got;
    while (auto allocation = pages.next()) got.push_back(allocation->origin);
    EXPECT_EQ(got, want) << "page size " << size;
    EXPECT_FALSE(pages.error());
    EXPECT_EQ(pages.pages_fetched(), pages_for(kAllocations, size));
  }
  // A filter that leaves a part: vod rows (every third), one email.
  query.type = client::AllocationType::kVod;
  query.emails = {"g1@gen.example"};
  std::vector<std::string> vod_rows;
  for (int i = kAllocations - 1; i >= 0; --i) {
    if (i % 3 == 0 && i % 2 == 0) vod_rows.push_back(origin(i));
  }
  auto filtered = group.allocations(query, 2).collect();
  ASSERT_TRUE(filtered);
  std::vector<std::string> got;
  for (const auto& allocation : *filtered) got.push_back(allocation.origin);
  EXPECT_EQ(got, vod_rows);
}

TEST_F(ClientPager, AnErrorEndsIterationWithTheErrorAvailable) {
  core::ManualClock client_clock(server_->clock().now_ms());
  auto skewed = options();
  skewed.clock = &client_clock;
  client::PolyvVodClient vod(skewed, {kUser, kVodSecret});
  auto pages = vod.videos({}, 7);
  ASSERT_TRUE(pages.next_page());
  ASSERT_TRUE(pages.next_page());
  client_clock.advance(-180'001);  // the third request's ptime is too old
  EXPECT_FALSE(pages.next_page());
  ASSERT_TRUE(pages.error());
  EXPECT_EQ(pages.error()->kind, client::ClientError::Kind::kVendor);
  EXPECT_EQ(pages.error()->message, "ptime is too old.");
  EXPECT_TRUE(pages.finished());
  EXPECT_FALSE(pages.next_page());
  EXPECT_EQ(pages.pages_fetched(), 3);
}

TEST_F(ClientPager, NothingToListIsOneRequestAndNoItems) {
  client::PolyvGroupClient group(options(), {kGroup, kGroupSecret});
  client::AllocationQuery query;
  query.emails = {"nobody@gen.example"};
  auto pages = group.allocations(query, 5);
  EXPECT_TRUE(pages.begin() == pages.end());
  EXPECT_FALSE(pages.error());
  EXPECT_EQ(pages.pages_fetched(), 1);
}

}  // namespace
}  // namespace mediagate::testing
