// The admin API's collections searched in the store (?q=, issue 12: the console's data browser),
// over a real socket, on SQLite and (MEDIAGATE_TEST_STORE=postgres) PostgreSQL: matches, no
// match, LIKE's wildcards and its escape character taken literally, ASCII letters in either
// case, pages of the matches with their total, and the bound on the text (400 naming `q`).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "support/admin_client.hpp"
#include "support/test_server.hpp"

namespace mediagate::testing {
namespace {

std::string quoted(const std::string& text) {
  return boost::json::serialize(boost::json::string(text));
}

std::vector<std::string> names(const json::value& body, std::string_view field) {
  std::vector<std::string> out;
  for (const auto& item : body.at("items").as_array()) {
    out.emplace_back(item.at(field).as_string());
  }
  return out;
}

class AdminSearch : public ::testing::Test {
 protected:
  void add_media(std::int64_t id, const std::string& name) {
    const auto created =
        admin_.post("/pumpkin/media", R"({"movie_id":)" + std::to_string(id) + R"(,"movie_name":)" +
                                          quoted(name) + "}");
    ASSERT_EQ(created.status, 201u) << created.body;
  }
  json::value media(const std::string& query) {
    const auto response = admin_.get("/pumpkin/media?" + query);
    EXPECT_EQ(response.status, 200u) << response.body;
    return parsed(response);
  }

  TestServer server_{{}, {source_path("fixtures/sample.json")}, kToken};
  AdminClient admin_{server_};
};

TEST_F(AdminSearch, MatchesAnywhereInTheTextInEitherCaseAndNothingElse) {
  add_media(800001, "Alpha and Omega");
  add_media(800002, "The ALPHA file");
  add_media(800003, "Gamma");
  const auto found = media("q=alpha");
  EXPECT_EQ(names(found, "movie_name"),
            (std::vector<std::string>{"Alpha and Omega", "The ALPHA file"}));
  EXPECT_EQ(found.at("total"), json::value(2));
  // A number column is searched as its digits.
  EXPECT_EQ(names(media("q=800003"), "movie_name"), (std::vector<std::string>{"Gamma"}));
  // Percent-encoded like any query parameter: a space and a non-ASCII text.
  EXPECT_EQ(names(media("q=and%20Omega"), "movie_name"),
            (std::vector<std::string>{"Alpha and Omega"}));
  add_media(800004, "\xE4\xB8\xAD\xE6\x96\x87 title");  // 中文
  EXPECT_EQ(media("q=%E4%B8%AD%E6%96%87").at("total"), json::value(1));

  const auto none = media("q=no-such-media");
  EXPECT_TRUE(none.at("items").as_array().empty());
  EXPECT_EQ(none.at("total"), json::value(0));
  // Without q, every row (the sample's five and these four).
  EXPECT_EQ(media("").at("total"), json::value(9));
  // An empty q is no search.
  EXPECT_EQ(media("q=").at("total"), json::value(9));
}

TEST_F(AdminSearch, WildcardsAndTheEscapeCharacterAreTakenLiterally) {
  add_media(800011, "100% pure");
  add_media(800012, "100x pure");
  add_media(800013, "snake_case");
  add_media(800014, "snakeXcase");
  add_media(800015, "back\\slash");
  add_media(800016, "backXslash");
  EXPECT_EQ(names(media("q=100%25"), "movie_name"), (std::vector<std::string>{"100% pure"}));
  EXPECT_EQ(names(media("q=%25"), "movie_name"), (std::vector<std::string>{"100% pure"}));
  EXPECT_EQ(names(media("q=e_c"), "movie_name"), (std::vector<std::string>{"snake_case"}));
  EXPECT_EQ(names(media("q=_"), "movie_name"), (std::vector<std::string>{"snake_case"}));
  EXPECT_EQ(names(media("q=k%5Cs"), "movie_name"), (std::vector<std::string>{"back\\slash"}));
  EXPECT_EQ(names(media("q=%5C"), "movie_name"), (std::vector<std::string>{"back\\slash"}));
  EXPECT_EQ(media("q=%27%20OR%201%3D1%20--").at("total"), json::value(0));  // ' OR 1=1 --
}

TEST_F(AdminSearch, TheMatchesArePagedWithTheSameRules) {
  for (int i = 1; i <= 25; ++i) {
    add_media(810000 + i, "Probe " + std::string(i < 10 ? "0" : "") + std::to_string(i));
  }
  const auto first = media("q=probe&limit=10");
  EXPECT_EQ(first.at("total"), json::value(25));
  EXPECT_EQ(first.at("offset"), json::value(0));
  EXPECT_EQ(first.at("limit"), json::value(10));
  EXPECT_EQ(names(first, "movie_name").front(), "Probe 01");
  const auto last = media("offset=20&limit=10&q=probe");
  EXPECT_EQ(names(last, "movie_name"),
            (std::vector<std::string>{"Probe 21", "Probe 22", "Probe 23", "Probe 24", "Probe 25"}));
  EXPECT_EQ(last.at("total"), json::value(25));
  const auto past = media("offset=30&q=probe");
  EXPECT_TRUE(past.at("items").as_array().empty());
  EXPECT_EQ(past.at("total"), json::value(25));
  EXPECT_EQ(media("limit=0&q=probe%202").at("total"), json::value(6));  // Probe 20 to 25
}

TEST_F(AdminSearch, TheTextIsBoundedWithAClear400) {
  EXPECT_EQ(admin_.get("/pumpkin/media?q=" + std::string(256, 'x')).status, 200u);
  const auto refused = admin_.get("/pumpkin/media?q=" + std::string(257, 'x'));
  expect_error(refused, 400, "invalid_parameter", "q");
  EXPECT_NE(parsed(refused).at("message").as_string().find("256 bytes"), json::string::npos);
  expect_error(admin_.get("/polyv/accounts?q=" + std::string(257, 'x')), 400, "invalid_parameter",
               "q");
  // Not UTF-8: refused by the query string parser already (400, no field).
  expect_error(admin_.get("/pumpkin/media?q=%FF"), 400, "invalid_parameter");
  expect_error(admin_.get("/pumpkin/media?q=a&q=b"), 400, "invalid_parameter", "q");
}

TEST(AdminSearchBound, IsASetting) {
  TestServer server{[](core::Config& c) { c.admin.max_search_bytes = 4; },
                    {source_path("fixtures/sample.json")},
                    kToken};
  AdminClient admin{server};
  EXPECT_EQ(admin.get("/pumpkin/media?q=abcd").status, 200u);
  expect_error(admin.get("/pumpkin/media?q=abcde"), 400, "invalid_parameter", "q");
}

TEST_F(AdminSearch, EveryCollectionSearchesItsOwnColumns) {
  // Polyv accounts: user id, email or app id (never a secret).
  ASSERT_EQ(admin_
                .post("/polyv/accounts", R"({"userId":"searchuser","email":"finder@example.com",)"
                                         R"("secretKey":"hiddenkey","appId":"searchapp",)"
                                         R"("appSecret":"hiddensecret"})")
                .status,
            201u);
  EXPECT_EQ(names(parsed(admin_.get("/polyv/accounts?q=FINDER@")), "userId"),
            (std::vector<std::string>{"searchuser"}));
  EXPECT_EQ(parsed(admin_.get("/polyv/accounts?q=hiddenkey")).at("total"), json::value(0));
  EXPECT_EQ(parsed(admin_.get("/polyv/accounts?q=hiddensecret")).at("total"), json::value(0));
  // Videos of an account: vid or title.
  const auto videos = parsed(admin_.get("/polyv/accounts/b0f7041324/videos?q=owner%20up"));
  EXPECT_EQ(names(videos, "vid"), (std::vector<std::string>{"b0f70413240000000000000000000004_b"}));
  // iQiyi partners and Pumpkin partners: their codes, never their keys.
  ASSERT_EQ(admin_.post("/iqiyi/partners", R"({"partnerCode":"findme-iq","md5Key":"k","users":[]})")
                .status,
            201u);
  EXPECT_EQ(names(parsed(admin_.get("/iqiyi/partners?q=findme")), "partnerCode"),
            (std::vector<std::string>{"findme-iq"}));
  ASSERT_EQ(admin_
                .post("/pumpkin/partners",
                      R"({"pid":"findme-pk","accessSecret":"secretpk","actions":[]})")
                .status,
            201u);
  EXPECT_EQ(names(parsed(admin_.get("/pumpkin/partners?q=FINDME")), "pid"),
            (std::vector<std::string>{"findme-pk"}));
  EXPECT_EQ(parsed(admin_.get("/pumpkin/partners?q=secretpk")).at("total"), json::value(0));
}

}  // namespace
}  // namespace mediagate::testing
