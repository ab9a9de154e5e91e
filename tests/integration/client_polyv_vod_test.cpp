// The SDK's PolyvVodClient against a live mediagate over a socket (sample fixtures).
#include <gtest/gtest.h>

#include <chrono>

#include "support/test_server.hpp"
#include "vendors/polyv/polyv_vod_client.hpp"

namespace mediagate::testing {
namespace {

using namespace std::chrono_literals;
using client::ClientError;
using client::VideoOrder;
using client::VideoQuery;

constexpr const char* kUser = "b0f7041324";
constexpr const char* kSecret = "tIQp4ATe9Z";
constexpr const char* kV1 = "b0f7041324d864436f410f581444542a_b";
constexpr const char* kV2 = "b0f70413248dbeccef72d9f244278fe1_b";
constexpr const char* kV3 = "b0f70413240000000000000000000003_b";

class ClientPolyvVod : public ::testing::Test {
 protected:
  client::ClientOptions options() { return server_.sdk_options(); }
  client::PolyvVodClient vod(const std::string& user = kUser, const std::string& secret = kSecret) {
    return client::PolyvVodClient(options(), {user, secret});
  }
  static std::vector<std::string> vids(const client::VideoPage& page) {
    std::vector<std::string> out;
    for (const auto& video : page.contents) out.push_back(video.vid);
    return out;
  }

  TestServer server_;
};

TEST_F(ClientPolyvVod, DefaultListingDecodedIntoVideos) {
  auto client = vod();
  const auto page = client.get_by_uploader();
  ASSERT_TRUE(page) << page.error().describe();
  EXPECT_EQ(page->page_number, 1);
  EXPECT_EQ(page->page_size, 20);
  EXPECT_EQ(page->total_items, 3);
  EXPECT_EQ(page->total_pages, 1);
  EXPECT_EQ(vids(*page), (std::vector<std::string>{kV1, kV2, kV3}));
  const client::Video first{kV1,
                            1,
                            "test",
                            "dasdasdadasd",
                            0,
                            "http://img.videocc.net/uimage/b/b0f7041324/a/"
                            "b0f7041324d864436f410f581444542a_b.jpg",
                            "1",
                            std::nullopt,
                            "61",
                            "test1@zzs.com",
                            1540780829403};
  EXPECT_EQ(page->contents[0], first);
  EXPECT_EQ(page->contents[1].tag, "标签");
  EXPECT_EQ(page->contents[2].aac_link, "http://example.invalid/a.aac");
  EXPECT_EQ(page->contents[2].status, "20");
}

TEST_F(ClientPolyvVod, EveryQueryFieldReachesTheServer) {
  auto client = vod();
  VideoQuery query;
  query.email = "test1@zzs.com";
  query.order = VideoOrder::kPtimeDescending;
  EXPECT_EQ(vids(*client.get_by_uploader(query)), (std::vector<std::string>{kV2, kV1}));

  VideoQuery subtree;
  subtree.cataid = 1539918907896;
  subtree.contain_sub_cata = true;
  subtree.order = VideoOrder::kTimesDescending;
  EXPECT_EQ(vids(*client.get_by_uploader(subtree)), (std::vector<std::string>{kV2, kV3}));
  subtree.contain_sub_cata = false;
  EXPECT_EQ(vids(*client.get_by_uploader(subtree)), (std::vector<std::string>{kV2}));

  VideoQuery published;
  published.published = true;
  published.request_id = "0123456789abcdef0123456789abcdef";
  EXPECT_EQ(vids(*client.get_by_uploader(published)), (std::vector<std::string>{kV1, kV2}));

  VideoQuery paged;
  paged.page = 2;
  paged.page_size = 2;
  const auto page = client.get_by_uploader(paged);
  ASSERT_TRUE(page);
  EXPECT_EQ(vids(*page), (std::vector<std::string>{kV3}));
  EXPECT_EQ(page->page_number, 2);
  EXPECT_EQ(page->total_pages, 2);
  EXPECT_EQ(client.connections_opened(), 1);  // one kept-alive connection for every call
}

TEST_F(ClientPolyvVod, VendorErrorsCarryTheVendorsCodeAndText) {
  const auto wrong_secret = vod(kUser, "not-the-secret").get_by_uploader();
  ASSERT_FALSE(wrong_secret);
  EXPECT_EQ(wrong_secret.error().kind, ClientError::Kind::kVendor);
  EXPECT_EQ(wrong_secret.error().code, "400");
  EXPECT_EQ(wrong_secret.error().message, "the sign is not right.");
  EXPECT_EQ(wrong_secret.error().vendor_status, "error");
  EXPECT_EQ(wrong_secret.error().http_status, 400u);

  const auto unknown_user = vod("ffffffffff").get_by_uploader();
  ASSERT_FALSE(unknown_user);
  EXPECT_EQ(unknown_user.error().message, "Could not find user by userid.");

  VideoQuery ghost;
  ghost.email = "ghost@zzs.com";
  EXPECT_EQ(vod().get_by_uploader(ghost).error().message, "child user not exist.");
  VideoQuery no_cata;
  no_cata.cataid = 42;
  EXPECT_EQ(vod().get_by_uploader(no_cata).error().message, "cata is not exist.");
}

TEST_F(ClientPolyvVod, PtimeComesFromTheInjectedClock) {
  core::ManualClock late(server_.clock().now_ms() - 180'001);
  auto stale_options = options();
  stale_options.clock = &late;
  client::PolyvVodClient client(stale_options, {kUser, kSecret});
  EXPECT_EQ(client.get_by_uploader().error().message, "ptime is too old.");
  late.advance(1);  // exactly at the window's edge
  EXPECT_TRUE(client.get_by_uploader());
  late.set(server_.clock().now_ms() + 180'001);
  EXPECT_EQ(client.get_by_uploader().error().message, "ptime is illegal.");
}

TEST_F(ClientPolyvVod, TransportAnswersAreNotVendorErrors) {
  auto prefixed = options();
  prefixed.base_url.path_prefix = "/nowhere";
  const auto not_found = client::PolyvVodClient(prefixed, {kUser, kSecret}).get_by_uploader();
  ASSERT_FALSE(not_found);
  EXPECT_EQ(not_found.error().kind, ClientError::Kind::kHttpStatus);
  EXPECT_EQ(not_found.error().http_status, 404u);

  VideoQuery huge;  // a request line over the server's 8 KiB limit
  huge.email = std::string(9000, 'a') + "@zzs.com";
  const auto too_long = vod().get_by_uploader(huge);
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().kind, ClientError::Kind::kHttpStatus);
  EXPECT_EQ(too_long.error().http_status, 414u);
}

}  // namespace
}  // namespace mediagate::testing
