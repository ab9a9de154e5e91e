// What the admin API refuses in its input, over a real socket (issue 14): strings longer than
// the fixture format's bounds, so that every entity stored can be addressed, changed and
// deleted again through the routes (an id is a path segment); a JSON object naming a key
// twice; a negative movie_id. Each refusal is a 400 naming the field.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "support/admin_client.hpp"
#include "support/test_server.hpp"

namespace mediagate::testing {
namespace {

// Every byte as %XX: the longest form an id takes in a path.
std::string encoded(const std::string& id) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : id) {
    const auto byte = static_cast<unsigned char>(c);
    out += '%';
    out += kHex[byte >> 4U];
    out += kHex[byte & 0x0FU];
  }
  return out;
}

// `count` copies of a 3-byte character (at most 256 bytes for 85).
std::string chinese(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += "\xE4\xB8\xAD";  // U+4E2D
  return out;
}

std::string quoted(const std::string& text) {
  return boost::json::serialize(boost::json::string(text));
}

class AdminInput : public ::testing::Test {
 protected:
  TestServer server_{{}, {source_path("fixtures/sample.json")}, kToken};
  AdminClient admin_{server_};
};

TEST_F(AdminInput, AnIdLongerThanItsRoutesCanCarryIsRefusedNamingTheField) {
  const std::string pid(9000, 'p');
  expect_error(admin_.post("/pumpkin/partners",
                           R"({"pid":)" + quoted(pid) + R"(,"accessSecret":"s","actions":[]})"),
               400, "invalid_field", "$.pid");
  expect_error(admin_.post("/pumpkin/partners", R"({"pid":"","accessSecret":"s","actions":[]})"),
               400, "invalid_field", "$.pid");
  expect_error(admin_.post("/iqiyi/partners", R"({"partnerCode":)" + quoted(std::string(257, 'c')) +
                                                  R"(,"md5Key":"k","users":[]})"),
               400, "invalid_field", "$.partnerCode");
  expect_error(
      admin_.post("/polyv/accounts/b0f7041324/sub-accounts", quoted(std::string(257, 'e'))), 400,
      "invalid_field", "$");
}

TEST_F(AdminInput, TheLongestIdsCanBeReadAndDeletedThroughTheirRoutes) {
  // 255 bytes each, 765 characters percent-encoded: three of them in one path.
  const std::string user = chinese(85);
  const std::string channel(256, '7');
  const std::string session = chinese(85);
  ASSERT_EQ(admin_
                .post("/polyv/accounts", R"({"userId":)" + quoted(user) +
                                             R"(,"email":"long@polyv.net","secretKey":"s",)"
                                             R"("appId":"longappid1","appSecret":"a"})")
                .status,
            201u);
  const std::string account = "/polyv/accounts/" + encoded(user);
  ASSERT_EQ(admin_.post(account + "/channels", R"({"channelId":")" + channel + R"("})").status,
            201u);
  const std::string sessions = account + "/channels/" + encoded(channel) + "/sessions";
  ASSERT_EQ(admin_
                .post(sessions, R"({"sessionId":)" + quoted(session) +
                                    R"(,"startTime":1,"endTime":null,"customId":null})")
                .status,
            201u);
  EXPECT_EQ(admin_.get(sessions + "/" + encoded(session)).status, 200u);
  EXPECT_EQ(admin_.del(sessions + "/" + encoded(session)).status, 204u);
  EXPECT_EQ(admin_.del(account).status, 204u);

  const std::string pid = chinese(85);
  ASSERT_EQ(admin_
                .post("/pumpkin/partners",
                      R"({"pid":)" + quoted(pid) + R"(,"accessSecret":"s","actions":[]})")
                .status,
            201u);
  EXPECT_EQ(admin_.del("/pumpkin/partners/" + encoded(pid)).status, 204u);
}

TEST_F(AdminInput, OversizedTextIsRefusedNamingTheField) {
  const std::string big(200 * 1024, 't');
  expect_error(admin_.post("/pumpkin/media", R"({"movie_id":77,"movie_name":)" + quoted(big) + "}"),
               400, "invalid_field", "$.movie_name");
  expect_error(admin_.post("/polyv/accounts/b0f7041324/categories",
                           R"({"cataid":77,"name":)" + quoted(big) + R"(,"parent":null})"),
               400, "invalid_field", "$.name");
  // 8 KiB is still taken.
  EXPECT_EQ(admin_
                .post("/pumpkin/media",
                      R"({"movie_id":77,"movie_name":)" + quoted(std::string(8192, 't')) + "}")
                .status,
            201u);
}

TEST_F(AdminInput, ANegativeMovieIdIsRefused) {
  expect_error(admin_.post("/pumpkin/media", R"({"movie_id":-5,"movie_name":"m"})"), 400,
               "invalid_field", "$.movie_id");
  EXPECT_EQ(admin_.post("/pumpkin/media", R"({"movie_id":0,"movie_name":"m"})").status, 201u);
}

TEST_F(AdminInput, AKeyGivenTwiceIsRefusedNamingIt) {
  expect_error(
      admin_.post("/pumpkin/partners", R"({"pid":"a","pid":"b","accessSecret":"s","actions":[]})"),
      400, "duplicate_key", "$.pid");
  // Nested, in an import: the path says where.
  expect_error(admin_.post("/import", R"({"pumpkin":{"media":[{"movie_id":1,"movie_name":"a"},)"
                                      R"({"movie_id":2,"movie_name":"b","movie_name":"c"}]}})"),
               400, "duplicate_key", "$.pumpkin.media[1].movie_name");
  // The same key in two objects is fine.
  EXPECT_EQ(admin_
                .post("/import", R"({"pumpkin":{"media":[{"movie_id":1,"movie_name":"a"},)"
                                 R"({"movie_id":2,"movie_name":"b"}]}})")
                .status,
            200u);
}

}  // namespace
}  // namespace mediagate::testing
