// The fixture codec: sample.json parses; every validation rule names the exact JSON path;
// export → parse round-trips.
#include "domain/fixture_codec.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <functional>
#include <sstream>

namespace mediagate::domain {

void PrintTo(const FixtureError& error, std::ostream* os) {
  *os << "FixtureError{" << error.path << ": " << error.message << "}";
}

namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

constexpr int kUtc8 = 480;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::string& sample_text() {
  static const std::string text =
      read_file(std::string(MEDIAGATE_SOURCE_DIR) + "/fixtures/sample.json");
  return text;
}

store::Dataset parse_ok(std::string_view text) {
  auto parsed = parse_fixture(text, kUtc8);
  if (!parsed) {
    ADD_FAILURE() << parsed.error().path << ": " << parsed.error().message;
    return {};
  }
  return std::move(*parsed);
}

// sample.json as a mutable JSON value, changed by `edit`, then parsed: the error expected.
FixtureError error_after(const std::function<void(json::object&)>& edit) {
  json::value doc = json::parse(sample_text());
  edit(doc.as_object());
  auto parsed = parse_fixture(json::serialize(doc), kUtc8);
  if (parsed) {
    ADD_FAILURE() << "the document was accepted";
    return {};
  }
  return parsed.error();
}

FixtureError error_of(std::string_view text) {
  auto parsed = parse_fixture(text, kUtc8);
  if (parsed) {
    ADD_FAILURE() << "the document was accepted: " << text;
    return {};
  }
  return parsed.error();
}

json::object& account(json::object& doc, std::size_t i = 0) {
  return doc["polyv"].as_object()["accounts"].as_array()[i].as_object();
}
json::object& video(json::object& doc, std::size_t i) {
  return account(doc)["videos"].as_array()[i].as_object();
}
json::object& category(json::object& doc, std::size_t i) {
  return account(doc)["categories"].as_array()[i].as_object();
}
json::object& channel(json::object& doc) {
  return account(doc)["channels"].as_array()[0].as_object();
}
json::object& group(json::object& doc, std::size_t i = 0) {
  return doc["polyv"].as_object()["groups"].as_array()[i].as_object();
}
json::object& allocation(json::object& doc, std::size_t i) {
  return group(doc)["allocations"].as_array()[i].as_object();
}
json::object& iqiyi_partner(json::object& doc) {
  return doc["iqiyi"].as_object()["partners"].as_array()[0].as_object();
}
json::object& iqiyi_user(json::object& doc, std::size_t i) {
  return iqiyi_partner(doc)["users"].as_array()[i].as_object();
}
json::array& pumpkin_partners(json::object& doc) {
  return doc["pumpkin"].as_object()["partners"].as_array();
}
json::array& media(json::object& doc) {
  return doc["pumpkin"].as_object()["media"].as_array();
}

// A second account that conflicts with nothing.
json::object second_account() {
  return json::parse(R"({"userId": "u2", "email": "o@u2.com", "secretKey": "k", "appId": "a2",
    "appSecret": "s", "subAccounts": [], "categories": [{"cataid": 1, "name": "c", "parent": null}],
    "videos": [{"vid": "u2v1", "cataid": 1, "title": "", "context": "", "times": 0,
      "firstImage": "", "tag": "", "aacLink": null, "status": "61", "uploaderEmail": "o@u2.com",
      "ptime": 0}],
    "channels": [{"channelId": "9", "sessions": []}]})")
      .as_object();
}

// --- the sample -----------------------------------------------------------------------------

TEST(FixtureCodec, SampleParses) {
  const store::Dataset data = parse_ok(sample_text());
  ASSERT_EQ(data.polyv_accounts.size(), 1u);
  const auto& account0 = data.polyv_accounts[0];
  EXPECT_EQ(account0.keys,
            (store::PolyvAccountKeys{"b0f7041324", "owner@zzs.com", "tIQp4ATe9Z", "frlr1zazn3",
                                     "fsq2k5weced1h8vui657xtdva66whf0g"}));
  EXPECT_THAT(account0.sub_accounts, ::testing::ElementsAre("test1@zzs.com", "test2@zzs.com"));
  ASSERT_EQ(account0.categories.size(), 3u);
  EXPECT_EQ(account0.categories[0], (store::Category{1, "默认分类", std::nullopt}));
  EXPECT_EQ(account0.categories[2].parent, 1539918907896);
  ASSERT_EQ(account0.videos.size(), 4u);
  EXPECT_EQ(account0.videos[2].vid, "b0f70413240000000000000000000003_b");
  EXPECT_EQ(account0.videos[2].aac_link, "http://example.invalid/a.aac");
  EXPECT_EQ(account0.videos[2].status, "20");
  EXPECT_EQ(account0.videos[0].ptime, 1540780829403);
  ASSERT_EQ(account0.channels.size(), 1u);
  ASSERT_EQ(account0.channels[0].sessions.size(), 5u);
  EXPECT_EQ(account0.channels[0].sessions[4],
            (store::LiveSession{"livenow0001", 1652100000000, std::nullopt, "c-1"}));

  ASSERT_EQ(data.polyv_groups.size(), 2u);
  const auto& first = data.polyv_groups[0].allocations[0];
  EXPECT_EQ(first.email, "testdata@polyv.com");
  EXPECT_EQ(first.date, 1574072498000);  // 2019-11-18 18:21:38 at UTC+8
  EXPECT_EQ(first.concurrences, 970);
  EXPECT_EQ(first.space, std::nullopt);
  EXPECT_EQ(data.polyv_groups[0].allocations[1].space, 10737418240);
  EXPECT_TRUE(data.polyv_groups[1].keys.forbidden);
  EXPECT_FALSE(data.polyv_groups[0].keys.forbidden);

  ASSERT_EQ(data.iqiyi_partners.size(), 1u);
  EXPECT_EQ(data.iqiyi_partners[0].users[1], (store::IqiyiUser{"test_user_002", "TW", 0}));
  ASSERT_EQ(data.pumpkin_partners.size(), 2u);
  EXPECT_THAT(data.pumpkin_partners[0].actions,
              ::testing::ElementsAre("/media/offline_sync", "/media/sync", "/movie/sync"));
  EXPECT_THAT(data.pumpkin_partners[1].actions, ::testing::IsEmpty());
  ASSERT_EQ(data.pumpkin_media.size(), 5u);
  EXPECT_EQ(data.pumpkin_media[0], (store::PumpkinMedia{11332, "测试w", 1557400713000}));
  ASSERT_EQ(data.pumpkin_details.size(), 2u);
  EXPECT_EQ(data.pumpkin_details[1].seasons.at(0).parts.size(), 2u);
  EXPECT_EQ(data.pumpkin_media[1].delete_time, std::nullopt);
}

TEST(FixtureCodec, DatesAreReadAtTheGivenOffset) {
  const std::string doc = R"({"pumpkin": {"media": [
      {"movie_id": 1, "movie_name": "m", "delete_time": "2019-11-18 18:21:38"}]}})";
  auto utc8 = parse_fixture(doc, 480);
  ASSERT_TRUE(utc8);
  EXPECT_EQ(utc8->pumpkin_media[0].delete_time, 1574072498000);
  auto utc = parse_fixture(doc, 0);
  ASSERT_TRUE(utc);
  EXPECT_EQ(utc->pumpkin_media[0].delete_time, 1574072498000 + 8 * 3600 * 1000);
  const std::string text = export_fixture(*utc8, 480);
  EXPECT_THAT(text, HasSubstr(R"("delete_time": "2019-11-18 18:21:38")"));
}

TEST(FixtureCodec, EverySectionIsOptional) {
  EXPECT_EQ(parse_ok("{}"), store::Dataset{});
  EXPECT_EQ(parse_ok(R"({"polyv": {}, "iqiyi": {}, "pumpkin": {}})"), store::Dataset{});
  // Lists may be omitted, nullable fields too, and `forbidden` defaults to false.
  const auto data = parse_ok(R"({"polyv": {
      "accounts": [{"userId": "u", "email": "e", "secretKey": "k", "appId": "a", "appSecret": "s",
                    "categories": [{"cataid": 1, "name": "c"}],
                    "videos": [{"vid": "v", "cataid": 1, "title": "", "context": "", "times": 0,
                                "firstImage": "", "tag": "", "status": "61",
                                "uploaderEmail": "e", "ptime": 0}],
                    "channels": [{"channelId": "1", "sessions": [{"sessionId": "s",
                                                                  "startTime": 5}]}]}],
      "groups": [{"appId": "g", "appSecret": "s"}]}})");
  ASSERT_EQ(data.polyv_accounts.size(), 1u);
  EXPECT_EQ(data.polyv_accounts[0].categories[0].parent, std::nullopt);
  EXPECT_EQ(data.polyv_accounts[0].videos[0].aac_link, std::nullopt);
  EXPECT_EQ(data.polyv_accounts[0].channels[0].sessions[0].end_time, std::nullopt);
  EXPECT_FALSE(data.polyv_groups[0].keys.forbidden);
}

// --- round trip -----------------------------------------------------------------------------

TEST(FixtureCodec, ExportParsesBackToTheSameDataset) {
  const store::Dataset data = parse_ok(sample_text());
  const std::string text = export_fixture(data, kUtc8);
  EXPECT_EQ(parse_ok(text), data);
  EXPECT_EQ(export_fixture(parse_ok(text), kUtc8), text);  // stable
}

TEST(FixtureCodec, RoundTripKeepsAwkwardStringsAndNulls) {
  store::Dataset data;
  store::PolyvAccount account;
  account.keys = {"u\"1", "owner\\@x", "line\nbreak\ttab", "\x01\x1f", "中文 ✓ \xF0\x9F\x8E\xAC"};
  account.sub_accounts = {"{not json}", "[0, 1]", " "};
  account.categories = {{-5, "负", std::nullopt}, {INT64_MAX, "max", -5}};
  account.videos.push_back(
      {"v", INT64_MAX, "t", "", INT64_MIN, "", "", std::nullopt, "-1", " ", -1});
  account.channels = {{"0", {}}};
  data.polyv_accounts.push_back(account);
  data.polyv_groups.push_back({{"g", "s", true}, {}, {}});
  data.pumpkin_media.push_back({0, "", std::nullopt});
  const std::string text = export_fixture(data, kUtc8);
  EXPECT_EQ(parse_ok(text), data) << text;
}

TEST(FixtureCodec, ExportIsIndentedWithOneRecordPerLine) {
  const std::string text = export_fixture(parse_ok(sample_text()), kUtc8);
  EXPECT_THAT(text, HasSubstr("{\n  \"polyv\": {\n    \"accounts\": [\n"));
  EXPECT_THAT(text, HasSubstr(R"("subAccounts": ["test1@zzs.com", "test2@zzs.com"],)"));
  EXPECT_THAT(text,
              HasSubstr(R"({"movie_id": 11333, "movie_name": "在线影片", "delete_time": null})"));
  EXPECT_THAT(text, HasSubstr(R"("date": "2019-11-18 18:21:38")"));
}

// --- invalid JSON ---------------------------------------------------------------------------

TEST(FixtureValidation, InvalidJsonIsReportedAtTheRoot) {
  const auto error = error_of("{\n  \"polyv\": {,}\n}");
  EXPECT_EQ(error.path, "$");
  EXPECT_THAT(error.message, HasSubstr("invalid JSON at line 2"));
  EXPECT_EQ(error_of("").path, "$");
  EXPECT_EQ(error_of(R"({"polyv": {}} trailing)").path, "$");
  EXPECT_EQ(error_of(R"({"polyv": {},})").path, "$");  // no trailing commas
  EXPECT_EQ(error_of("{/* comment */}").path, "$");    // no comments
  EXPECT_EQ(error_of("{\"pumpkin\": {\"partners\": [{\"pid\": \"\xff\"}]}}").path, "$");  // UTF-8
}

TEST(FixtureValidation, TheDocumentIsAnObject) {
  EXPECT_EQ(error_of("[]"), (FixtureError{"$", "expected an object"}));
  EXPECT_EQ(error_of(R"({"polyv": []})"), (FixtureError{"$.polyv", "expected an object"}));
}

// --- unknown keys, required fields, types ----------------------------------------------------

TEST(FixtureValidation, UnknownKeysAreErrors) {
  EXPECT_EQ(error_after([](json::object& d) { d["extra"] = 1; }),
            (FixtureError{"$.extra", "unknown key"}));
  EXPECT_EQ(error_after([](json::object& d) { video(d, 3)["duration"] = 1; }),
            (FixtureError{"$.polyv.accounts[0].videos[3].duration", "unknown key"}));
  EXPECT_EQ(error_after([](json::object& d) { account(d)["sub accounts"] = json::array(); }),
            (FixtureError{"$.polyv.accounts[0][\"sub accounts\"]", "unknown key"}));
  EXPECT_EQ(error_after([](json::object& d) { media(d)[1].as_object()["deleteTime"] = nullptr; }),
            (FixtureError{"$.pumpkin.media[1].deleteTime", "unknown key"}));
}

TEST(FixtureValidation, RequiredFieldsMustBePresent) {
  EXPECT_EQ(error_after([](json::object& d) { video(d, 1).erase("title"); }),
            (FixtureError{"$.polyv.accounts[0].videos[1].title", "missing required field"}));
  EXPECT_EQ(error_after([](json::object& d) { account(d).erase("appSecret"); }),
            (FixtureError{"$.polyv.accounts[0].appSecret", "missing required field"}));
  EXPECT_EQ(
      error_after([](json::object& d) { allocation(d, 2).erase("originText"); }),
      (FixtureError{"$.polyv.groups[0].allocations[2].originText", "missing required field"}));
  EXPECT_EQ(error_after([](json::object& d) { iqiyi_user(d, 0).erase("vodCoupons"); }),
            (FixtureError{"$.iqiyi.partners[0].users[0].vodCoupons", "missing required field"}));
  EXPECT_EQ(error_after([](json::object& d) { media(d)[0].as_object().erase("movie_id"); }),
            (FixtureError{"$.pumpkin.media[0].movie_id", "missing required field"}));
}

TEST(FixtureValidation, FieldsMustHaveTheirType) {
  EXPECT_EQ(error_after([](json::object& d) { account(d)["userId"] = 5; }),
            (FixtureError{"$.polyv.accounts[0].userId", "expected a string"}));
  EXPECT_EQ(error_after([](json::object& d) { video(d, 3)["cataid"] = "1"; }),
            (FixtureError{"$.polyv.accounts[0].videos[3].cataid", "expected an integer"}));
  EXPECT_EQ(error_after([](json::object& d) { video(d, 0)["ptime"] = 1.5; }),
            (FixtureError{"$.polyv.accounts[0].videos[0].ptime", "expected an integer"}));
  EXPECT_EQ(error_after([](json::object& d) { video(d, 0)["times"] = nullptr; }),
            (FixtureError{"$.polyv.accounts[0].videos[0].times", "expected an integer"}));
  EXPECT_EQ(error_after([](json::object& d) { video(d, 0)["aacLink"] = 3; }),
            (FixtureError{"$.polyv.accounts[0].videos[0].aacLink", "expected a string or null"}));
  EXPECT_EQ(
      error_after([](json::object& d) { category(d, 1)["parent"] = "1"; }),
      (FixtureError{"$.polyv.accounts[0].categories[1].parent", "expected an integer or null"}));
  EXPECT_EQ(
      error_after([](json::object& d) { allocation(d, 0)["space"] = true; }),
      (FixtureError{"$.polyv.groups[0].allocations[0].space", "expected an integer or null"}));
  EXPECT_EQ(error_after([](json::object& d) { group(d)["forbidden"] = "no"; }),
            (FixtureError{"$.polyv.groups[0].forbidden", "expected true or false"}));
  EXPECT_EQ(error_after([](json::object& d) { account(d)["videos"] = json::object(); }),
            (FixtureError{"$.polyv.accounts[0].videos", "expected an array"}));
  EXPECT_EQ(error_after([](json::object& d) { account(d)["subAccounts"].as_array()[1] = 2; }),
            (FixtureError{"$.polyv.accounts[0].subAccounts[1]", "expected a string"}));
  EXPECT_EQ(error_after([](json::object& d) { pumpkin_partners(d)[1] = "NO_MEDIA_PID"; }),
            (FixtureError{"$.pumpkin.partners[1]", "expected an object"}));
  EXPECT_EQ(error_after([](json::object& d) { media(d)[0].as_object()["delete_time"] = 0; }),
            (FixtureError{"$.pumpkin.media[0].delete_time", "expected a string or null"}));
}

TEST(FixtureValidation, IntegersMustFitInt64) {
  const auto error = error_of(R"({"pumpkin": {"media": [
      {"movie_id": 9223372036854775808, "movie_name": "m", "delete_time": null}]}})");
  EXPECT_EQ(error, (FixtureError{"$.pumpkin.media[0].movie_id", "integer out of range (int64)"}));
  EXPECT_EQ(error_of(R"({"pumpkin": {"media": [
      {"movie_id": 1e3, "movie_name": "m", "delete_time": null}]}})")
                .path,
            "$.pumpkin.media[0].movie_id");
}

// --- unique ids -----------------------------------------------------------------------------

TEST(FixtureValidation, VidIsUniqueAcrossAccounts) {
  EXPECT_EQ(error_after([](json::object& d) { video(d, 2)["vid"] = video(d, 0)["vid"]; }).path,
            "$.polyv.accounts[0].videos[2].vid");
  const auto error = error_after([](json::object& d) {
    auto other = second_account();
    other["videos"].as_array()[0].as_object()["vid"] = video(d, 1)["vid"];
    d["polyv"].as_object()["accounts"].as_array().push_back(other);
  });
  EXPECT_EQ(error.path, "$.polyv.accounts[1].videos[0].vid");
  EXPECT_THAT(error.message, HasSubstr("duplicate vid"));
}

TEST(FixtureValidation, UserIdAndAppIdAreUniqueAcrossAccounts) {
  // The second account alone is valid.
  EXPECT_EQ(parse_ok(json::serialize(json::object{
                         {"polyv", json::object{{"accounts", json::array{second_account()}}}}}))
                .polyv_accounts.size(),
            1u);
  EXPECT_EQ(error_after([](json::object& d) {
              auto other = second_account();
              other["userId"] = "b0f7041324";
              d["polyv"].as_object()["accounts"].as_array().push_back(other);
            }).path,
            "$.polyv.accounts[1].userId");
  EXPECT_EQ(error_after([](json::object& d) {
              auto other = second_account();
              other["appId"] = "frlr1zazn3";
              d["polyv"].as_object()["accounts"].as_array().push_back(other);
            }).path,
            "$.polyv.accounts[1].appId");
}

TEST(FixtureValidation, CataidIsUniqueWithinAnAccountOnly) {
  EXPECT_EQ(error_after([](json::object& d) { category(d, 2)["cataid"] = 1; }),
            (FixtureError{"$.polyv.accounts[0].categories[2].cataid", "duplicate cataid 1"}));
  json::value doc = json::parse(sample_text());
  doc.as_object()["polyv"].as_object()["accounts"].as_array().push_back(second_account());
  EXPECT_TRUE(parse_fixture(json::serialize(doc), kUtc8));  // both accounts have cataid 1
}

TEST(FixtureValidation, ChannelAndSessionIdsAreUnique) {
  EXPECT_EQ(error_after([](json::object& d) {
              auto other = second_account();
              other["channels"].as_array()[0].as_object()["channelId"] = "2272655";
              d["polyv"].as_object()["accounts"].as_array().push_back(other);
            }).path,
            "$.polyv.accounts[1].channels[0].channelId");
  EXPECT_EQ(error_after([](json::object& d) {
              channel(d)["sessions"].as_array()[4].as_object()["sessionId"] = "g9lv2ghv2x";
            }).path,
            "$.polyv.accounts[0].channels[0].sessions[4].sessionId");
}

TEST(FixtureValidation, GroupAppIdIsUnique) {
  EXPECT_EQ(error_after([](json::object& d) { group(d, 1)["appId"] = "ga1ayl6dh2"; }).path,
            "$.polyv.groups[1].appId");
}

TEST(FixtureValidation, IqiyiPartnerCodeAndUserAreaAreUnique) {
  EXPECT_EQ(error_after([](json::object& d) {
              auto& partners = d["iqiyi"].as_object()["partners"].as_array();
              partners.push_back(partners[0]);
            }).path,
            "$.iqiyi.partners[1].partnerCode");
  EXPECT_EQ(error_after([](json::object& d) {
              iqiyi_user(d, 1)["user_id"] = "test_user_001";
              iqiyi_user(d, 1)["area"] = "CN";
            }).path,
            "$.iqiyi.partners[0].users[1].user_id");
  // The same user in the other area is another user.
  json::value doc = json::parse(sample_text());
  auto& user = doc.as_object()["iqiyi"]
                   .as_object()["partners"]
                   .as_array()[0]
                   .as_object()["users"]
                   .as_array()[1]
                   .as_object();
  user["user_id"] = "test_user_001";
  EXPECT_TRUE(parse_fixture(json::serialize(doc), kUtc8));
}

TEST(FixtureValidation, PidAndMovieIdAreUnique) {
  EXPECT_EQ(error_after([](json::object& d) {
              pumpkin_partners(d)[1].as_object()["pid"] = "TEST_PID";
            }).path,
            "$.pumpkin.partners[1].pid");
  EXPECT_EQ(error_after([](json::object& d) { media(d)[2].as_object()["movie_id"] = 11332; }),
            (FixtureError{"$.pumpkin.media[2].movie_id", "duplicate movie_id 11332"}));
}

TEST(FixtureValidation, ListsHoldNoDuplicates) {
  EXPECT_EQ(error_after([](json::object& d) {
              account(d)["subAccounts"] = json::array{"a@x", "a@x"};
            }).path,
            "$.polyv.accounts[0].subAccounts[1]");
  EXPECT_EQ(error_after([](json::object& d) {
              group(d)["subAccounts"].as_array().push_back("other@polyv.com");
            }).path,
            "$.polyv.groups[0].subAccounts[2]");
  EXPECT_EQ(
      error_after([](json::object& d) {
        pumpkin_partners(d)[0].as_object()["actions"].as_array().push_back("/media/offline_sync");
      }).path,
      "$.pumpkin.partners[0].actions[3]");
  EXPECT_EQ(error_after([](json::object& d) {
              auto& allocations = group(d)["allocations"].as_array();
              json::value copy = allocations[0];
              copy.as_object()["concurrences"] = 1;
              allocations.push_back(copy);
            }).path,
            "$.polyv.groups[0].allocations[3]");
}

// --- references -----------------------------------------------------------------------------

TEST(FixtureValidation, VideoCataidExistsInItsAccount) {
  EXPECT_EQ(error_after([](json::object& d) { video(d, 3)["cataid"] = 2; }),
            (FixtureError{"$.polyv.accounts[0].videos[3].cataid",
                          "cataid 2 is not a category of this account"}));
  // A category of another account does not count.
  EXPECT_EQ(error_after([](json::object& d) {
              auto other = second_account();
              other["videos"].as_array()[0].as_object()["cataid"] = 1539918907896;
              d["polyv"].as_object()["accounts"].as_array().push_back(other);
            }).path,
            "$.polyv.accounts[1].videos[0].cataid");
}

TEST(FixtureValidation, CategoryParentExistsInItsAccount) {
  EXPECT_EQ(error_after([](json::object& d) { category(d, 1)["parent"] = 7; }),
            (FixtureError{"$.polyv.accounts[0].categories[1].parent",
                          "parent 7 is not a category of this account"}));
}

TEST(FixtureValidation, CategoriesFormNoCycle) {
  // 1 -> 1539918907897 -> 1539918907896 -> 1: reported at the cycle's first category.
  const auto error = error_after([](json::object& d) { category(d, 0)["parent"] = 1539918907897; });
  EXPECT_EQ(error.path, "$.polyv.accounts[0].categories[0].parent");
  EXPECT_THAT(error.message, HasSubstr("cycle"));
  EXPECT_EQ(error_after([](json::object& d) { category(d, 2)["parent"] = 1539918907897; }).path,
            "$.polyv.accounts[0].categories[2].parent");  // its own parent
  // Children listed before their parents are fine.
  EXPECT_TRUE(parse_fixture(R"({"polyv": {"accounts": [{"userId": "u", "email": "e",
      "secretKey": "k", "appId": "a", "appSecret": "s", "categories": [
        {"cataid": 3, "name": "c", "parent": 2}, {"cataid": 2, "name": "b", "parent": 1},
        {"cataid": 1, "name": "a", "parent": null}]}]}})",
                            kUtc8));
}

TEST(FixtureValidation, UploaderIsTheOwnerOrASubAccount) {
  EXPECT_EQ(
      error_after([](json::object& d) { video(d, 0)["uploaderEmail"] = "stranger@zzs.com"; }).path,
      "$.polyv.accounts[0].videos[0].uploaderEmail");
  // A group's sub-account is not an account's sub-account.
  EXPECT_EQ(error_after([](json::object& d) {
              video(d, 1)["uploaderEmail"] = "testdata@polyv.com";
            }).path,
            "$.polyv.accounts[0].videos[1].uploaderEmail");
}

TEST(FixtureValidation, AllocationEmailIsASubAccountOfItsGroup) {
  const auto error =
      error_after([](json::object& d) { allocation(d, 1)["email"] = "test1@zzs.com"; });
  EXPECT_EQ(error.path, "$.polyv.groups[0].allocations[1].email");
  EXPECT_THAT(error.message, HasSubstr("not one of this group's subAccounts"));
}

// --- values ---------------------------------------------------------------------------------

TEST(FixtureValidation, DatesParseAsWallTime) {
  for (const char* bad : {"2019-11-18T18:21:38", "2019-02-30 00:00:00", "2019-11-18 24:00:00",
                          "2019-11-18", "2019-11-18 18:21:38.000", ""}) {
    EXPECT_EQ(error_after([&](json::object& d) { allocation(d, 0)["date"] = bad; }).path,
              "$.polyv.groups[0].allocations[0].date")
        << bad;
  }
  const auto error =
      error_after([](json::object& d) { media(d)[2].as_object()["delete_time"] = "yesterday"; });
  EXPECT_EQ(error.path, "$.pumpkin.media[2].delete_time");
  EXPECT_THAT(error.message, HasSubstr("yyyy-MM-dd HH:mm:ss"));
}

TEST(FixtureValidation, StatusIsADocumentedCode) {
  for (const char* good : {"60", "61", "10", "20", "50", "51", "-1"}) {
    json::value doc = json::parse(sample_text());
    video(doc.as_object(), 0)["status"] = good;
    EXPECT_TRUE(parse_fixture(json::serialize(doc), kUtc8)) << good;
  }
  for (const char* bad : {"62", "0", "", " 60", "-2"}) {
    EXPECT_EQ(error_after([&](json::object& d) { video(d, 0)["status"] = bad; }).path,
              "$.polyv.accounts[0].videos[0].status")
        << bad;
  }
  EXPECT_EQ(error_after([](json::object& d) { video(d, 0)["status"] = 60; }),
            (FixtureError{"$.polyv.accounts[0].videos[0].status", "expected a string"}));
}

TEST(FixtureValidation, AreaIsCnOrTw) {
  EXPECT_EQ(error_after([](json::object& d) { iqiyi_user(d, 0)["area"] = "cn"; }),
            (FixtureError{"$.iqiyi.partners[0].users[0].area", "area must be \"CN\" or \"TW\""}));
}

TEST(FixtureValidation, VodCouponsAreNotNegative) {
  EXPECT_EQ(error_after([](json::object& d) { iqiyi_user(d, 1)["vodCoupons"] = -1; }),
            (FixtureError{"$.iqiyi.partners[0].users[1].vodCoupons", "vodCoupons must be >= 0"}));
}

// --- iQiyi coupon uses ---------------------------------------------------------------------

// sample.json's iQiyi partner with `uses` as its couponUses.
void set_coupon_uses(json::object& doc, std::string_view uses) {
  iqiyi_partner(doc)["couponUses"] = json::parse(uses);
}

constexpr std::string_view kTwoUses =
    R"([{"user_id": "test_user_001", "area": "CN", "contentId": 1214805100,
         "useTime": 1700000000000, "vodDeadline": 1700172800000},
        {"user_id": "test_user_002", "area": "TW", "contentId": 7,
         "useTime": 1600000000000, "vodDeadline": 1600172800000}])";

TEST(FixtureCodec, CouponUsesParseExportAndParseBack) {
  json::value doc = json::parse(sample_text());
  set_coupon_uses(doc.as_object(), kTwoUses);
  const store::Dataset data = parse_ok(json::serialize(doc));
  ASSERT_EQ(data.iqiyi_partners.size(), 1u);
  EXPECT_THAT(data.iqiyi_partners[0].coupon_uses,
              ::testing::ElementsAre(store::IqiyiCouponUseEntry{"test_user_001", "CN", 1214805100,
                                                                1700000000000, 1700172800000},
                                     store::IqiyiCouponUseEntry{"test_user_002", "TW", 7,
                                                                1600000000000, 1600172800000}));
  const std::string text = export_fixture(data, kUtc8);
  EXPECT_THAT(text, HasSubstr(R"("couponUses": [)"));
  EXPECT_EQ(parse_ok(text), data);
  EXPECT_EQ(export_fixture(parse_ok(text), kUtc8), text);
}

TEST(FixtureCodec, APartnerWithoutUsesExportsNoCouponUsesKey) {
  const std::string text =
      export_fixture(parse_ok(R"({"iqiyi": {"partners": [{"partnerCode": "p", "md5Key": "k",
                   "users": [{"user_id": "u", "area": "CN", "vodCoupons": 1}]}]}})"),
                     kUtc8);
  EXPECT_EQ(text.find("couponUses"), std::string::npos);
  EXPECT_THAT(text, HasSubstr(R"("users": [)"));
}

TEST(FixtureValidation, ACouponUseIsOfOneOfThePartnersUsers) {
  EXPECT_EQ(error_after([](json::object& d) {
              set_coupon_uses(d, R"([{"user_id": "test_user_001", "area": "TW", "contentId": 1,
                                      "useTime": 0, "vodDeadline": 0}])");
            }),
            (FixtureError{"$.iqiyi.partners[0].couponUses[0].user_id",
                          "no user \"test_user_001\" in area TW among this partner's users"}));
  EXPECT_EQ(error_after([](json::object& d) {
              set_coupon_uses(d, R"([{"user_id": "nobody", "area": "CN", "contentId": 1,
                                      "useTime": 0, "vodDeadline": 0}])");
            }),
            (FixtureError{"$.iqiyi.partners[0].couponUses[0].user_id",
                          "no user \"nobody\" in area CN among this partner's users"}));
}

TEST(FixtureValidation, ACouponUsesFieldsAreChecked) {
  const auto with_use = [](std::string use) {
    return error_after([&](json::object& d) { set_coupon_uses(d, "[" + use + "]"); });
  };
  const std::string good_start = R"({"user_id": "test_user_001", "area": "CN", )";
  EXPECT_EQ(with_use(good_start + R"("contentId": 0, "useTime": 0, "vodDeadline": 0})"),
            (FixtureError{"$.iqiyi.partners[0].couponUses[0].contentId",
                          "contentId must be 1 to 999999999999999999"}));
  EXPECT_EQ(
      with_use(good_start + R"("contentId": 1000000000000000000, "useTime": 0, "vodDeadline": 0})"),
      (FixtureError{"$.iqiyi.partners[0].couponUses[0].contentId",
                    "contentId must be 1 to 999999999999999999"}));
  EXPECT_EQ(with_use(good_start + R"("contentId": 1, "useTime": -1, "vodDeadline": 0})"),
            (FixtureError{"$.iqiyi.partners[0].couponUses[0].useTime", "useTime must be >= 0"}));
  EXPECT_EQ(with_use(good_start + R"("contentId": 1, "useTime": 5, "vodDeadline": 4})"),
            (FixtureError{"$.iqiyi.partners[0].couponUses[0].vodDeadline",
                          "vodDeadline must be >= useTime"}));
  EXPECT_EQ(with_use(good_start + R"("contentId": "1", "useTime": 5, "vodDeadline": 6})"),
            (FixtureError{"$.iqiyi.partners[0].couponUses[0].contentId", "expected an integer"}));
  EXPECT_EQ(with_use(good_start + R"("contentId": 1, "vodDeadline": 6})"),
            (FixtureError{"$.iqiyi.partners[0].couponUses[0].useTime", "missing required field"}));
  EXPECT_EQ(with_use(good_start + R"("contentId": 1, "useTime": 5, "vodDeadline": 6, "id": 1})"),
            (FixtureError{"$.iqiyi.partners[0].couponUses[0].id", "unknown key"}));
  EXPECT_EQ(
      with_use(R"({"user_id": "test_user_001", "area": "cn", "contentId": 1, "useTime": 5,
                         "vodDeadline": 6})"),
      (FixtureError{"$.iqiyi.partners[0].couponUses[0].area", "area must be \"CN\" or \"TW\""}));
  EXPECT_EQ(error_after([](json::object& d) { iqiyi_partner(d)["couponUses"] = 1; }),
            (FixtureError{"$.iqiyi.partners[0].couponUses", "expected an array"}));
}

TEST(FixtureValidation, ACouponUseIsListedOnce) {
  EXPECT_EQ(error_after([](json::object& d) {
              set_coupon_uses(d, R"([{"user_id": "test_user_001", "area": "CN", "contentId": 9,
                                      "useTime": 5, "vodDeadline": 6},
                                     {"user_id": "test_user_001", "area": "CN", "contentId": 9,
                                      "useTime": 5, "vodDeadline": 8}])");
            }),
            (FixtureError{"$.iqiyi.partners[0].couponUses[1]",
                          "duplicate coupon use of \"test_user_001\" in area CN on contentId 9 "
                          "at useTime 5"}));
}

TEST(FixtureValidation, APartnerAloneCarriesNoCouponUses) {
  // The admin API's partner body: uses are recorded under …/coupon-uses instead.
  auto partner = decode_iqiyi_partner(json::parse(
      R"({"partnerCode": "p", "md5Key": "k", "users": [{"user_id": "u", "area": "CN",
          "vodCoupons": 1}], "couponUses": []})"));
  ASSERT_FALSE(partner);
  EXPECT_EQ(partner.error(), (FixtureError{"$.couponUses", "unknown key"}));
}

TEST(FixtureValidation, AllocationTypeIsLiveOrVod) {
  EXPECT_EQ(
      error_after([](json::object& d) { allocation(d, 2)["type"] = "all"; }),
      (FixtureError{"$.polyv.groups[0].allocations[2].type", "type must be \"live\" or \"vod\""}));
}

TEST(FixtureValidation, ChannelIdIsDigits) {
  EXPECT_EQ(error_after([&](json::object& d) { channel(d)["channelId"] = ""; }),
            (FixtureError{"$.polyv.accounts[0].channels[0].channelId", "must not be empty"}));
  for (const char* bad : {"22a", " 1", "-1", "１"}) {
    EXPECT_EQ(
        error_after([&](json::object& d) { channel(d)["channelId"] = bad; }),
        (FixtureError{"$.polyv.accounts[0].channels[0].channelId", "channelId must be digits"}))
        << bad;
  }
}

TEST(FixtureValidation, TheFirstErrorInDocumentOrderIsReported) {
  EXPECT_EQ(error_after([](json::object& d) {
              iqiyi_user(d, 0)["area"] = "XX";
              video(d, 2)["status"] = "99";
            }).path,
            "$.polyv.accounts[0].videos[2].status");
}

// --- bounds (issue 14: whatever is stored can be addressed again) ----------------------------

TEST(FixtureValidation, IdsAreNotEmptyAndAtMost256Bytes) {
  const std::string longest(kMaxIdBytes, 'i');
  const std::string longer(kMaxIdBytes + 1, 'i');
  EXPECT_EQ(error_after([&](json::object& d) { account(d)["userId"] = longer; }),
            (FixtureError{"$.polyv.accounts[0].userId", "longer than 256 bytes"}));
  EXPECT_EQ(error_after([&](json::object& d) { account(d)["userId"] = ""; }),
            (FixtureError{"$.polyv.accounts[0].userId", "must not be empty"}));
  EXPECT_EQ(error_after([&](json::object& d) { video(d, 1)["vid"] = longer; }),
            (FixtureError{"$.polyv.accounts[0].videos[1].vid", "longer than 256 bytes"}));
  EXPECT_EQ(error_after([&](json::object& d) {
              account(d)["subAccounts"].as_array().emplace_back(longer);
            }),
            (FixtureError{"$.polyv.accounts[0].subAccounts[2]", "longer than 256 bytes"}));
  EXPECT_EQ(
      error_after([&](json::object& d) { pumpkin_partners(d)[0].as_object()["pid"] = longer; }),
      (FixtureError{"$.pumpkin.partners[0].pid", "longer than 256 bytes"}));
  EXPECT_EQ(error_after([&](json::object& d) { iqiyi_user(d, 0)["user_id"] = ""; }),
            (FixtureError{"$.iqiyi.partners[0].users[0].user_id", "must not be empty"}));
  // 256 bytes is taken (here as UTF-8: 85 three-byte characters and one byte).
  std::string chinese = "x";
  for (int i = 0; i < 85; ++i) chinese += "\xE4\xB8\xAD";
  ASSERT_EQ(chinese.size(), kMaxIdBytes);
  const auto doc = [&](const std::string& pid) {
    return R"({"pumpkin":{"partners":[{"pid":)" + json::serialize(json::string(pid)) +
           R"(,"accessSecret":"s"}]}})";
  };
  EXPECT_TRUE(parse_fixture(doc(chinese), kUtc8));
  EXPECT_TRUE(parse_fixture(doc(longest), kUtc8));
}

TEST(FixtureValidation, TextIsAtMost8KiB) {
  EXPECT_EQ(error_after([&](json::object& d) {
              video(d, 0)["title"] = std::string(kMaxTextBytes + 1, 't');
            }),
            (FixtureError{"$.polyv.accounts[0].videos[0].title", "longer than 8192 bytes"}));
  EXPECT_EQ(error_after([&](json::object& d) {
              media(d)[1].as_object()["movie_name"] = std::string(200 * 1024, 't');
            }),
            (FixtureError{"$.pumpkin.media[1].movie_name", "longer than 8192 bytes"}));
  EXPECT_EQ(error_after([&](json::object& d) {
              account(d)["secretKey"] = std::string(kMaxIdBytes + 1, 'k');
            }),
            (FixtureError{"$.polyv.accounts[0].secretKey", "longer than 256 bytes"}));
}

TEST(FixtureValidation, MovieIdIsNotNegative) {
  EXPECT_EQ(error_after([&](json::object& d) { media(d)[0].as_object()["movie_id"] = -5; }),
            (FixtureError{"$.pumpkin.media[0].movie_id", "movie_id must be >= 0"}));
}

TEST(FixtureValidation, AKeyGivenTwiceIsRefusedWithItsPath) {
  const auto result = parse_fixture(
      R"({"pumpkin":{"media":[{"movie_id":1,"movie_name":"a","movie_id":2}]}})", kUtc8);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(),
            (FixtureError{"$.pumpkin.media[0].movie_id", "duplicate key \"movie_id\""}));
  const auto top = parse_fixture(R"({"pumpkin":{},"pumpkin":{}})", kUtc8);
  ASSERT_FALSE(top);
  EXPECT_EQ(top.error().path, "$.pumpkin");
}

}  // namespace
}  // namespace mediagate::domain
