// The fixture format's Pumpkin media details (docs/fixtures.md): defaults, validation with
// exact paths, id uniqueness across media, seasons and parts, and the export round trip.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/fixture_codec.hpp"

namespace mediagate::domain {
namespace {

constexpr int kUtc8 = 480;

std::string doc(const std::string& media) {
  return R"({"pumpkin":{"media":[)" + media + "]}}";
}

FixtureError error_of(const std::string& text) {
  auto parsed = parse_fixture(text, kUtc8);
  if (parsed) {
    ADD_FAILURE() << "accepted: " << text;
    return {};
  }
  return parsed.error();
}

TEST(PumpkinDetailsCodec, DefaultsAndFullForm) {
  auto parsed = parse_fixture(
      doc(R"({"movie_id":1,"movie_name":"a","details":{}},)"
          R"({"movie_id":2,"movie_name":"b","details":{"movie_type":"2","movie_title":"t",)"
          R"("movie_duration":"90","create_time":"2019-05-09 11:15:00","update_time":null,)"
          R"("seasons":[{"movie_id":3,"movie_name":"s","movie_year":"2017","parts":[)"
          R"({"movie_id":4,"movie_number":"1"}]}]}},)"
          R"({"movie_id":5,"movie_name":"c","details":null})"),
      kUtc8);
  ASSERT_TRUE(parsed) << parsed.error().path << ": " << parsed.error().message;
  ASSERT_EQ(parsed->pumpkin_details.size(), 2u);
  store::PumpkinMediaDetails empty;
  empty.movie_id = 1;
  EXPECT_EQ(parsed->pumpkin_details[0], empty);
  const auto& series = parsed->pumpkin_details[1];
  EXPECT_EQ(series.movie_id, 2);
  EXPECT_EQ(series.movie_type, "2");
  EXPECT_EQ(series.texts.movie_title, "t");
  EXPECT_EQ(series.movie_duration, "90");
  EXPECT_EQ(series.create_time, 1557371700000);
  EXPECT_EQ(series.update_time, std::nullopt);
  ASSERT_EQ(series.seasons.size(), 1u);
  EXPECT_EQ(series.seasons[0].texts.movie_year, "2017");
  EXPECT_EQ(series.seasons[0].parts[0], (store::PumpkinPart{4, "1"}));

  const auto text = export_fixture(*parsed, kUtc8);
  auto again = parse_fixture(text, kUtc8);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *parsed);
  EXPECT_EQ(export_fixture(*again, kUtc8), text);
}

TEST(PumpkinDetailsCodec, ValidationNamesThePath) {
  auto e = error_of(doc(R"({"movie_id":1,"movie_name":"a","details":{"movie_type":"3"}})"));
  EXPECT_EQ(e.path, "$.pumpkin.media[0].details.movie_type");
  e = error_of(doc(R"({"movie_id":1,"movie_name":"a","details":{"x":1}})"));
  EXPECT_EQ(e.path, "$.pumpkin.media[0].details.x");
  EXPECT_EQ(e.message, "unknown key");
  e = error_of(doc(
      R"({"movie_id":1,"movie_name":"a","details":{"seasons":[{"movie_id":2,"movie_name":"s"}]}})"));
  EXPECT_EQ(e.path, "$.pumpkin.media[0].details.seasons");
  e = error_of(doc(
      R"({"movie_id":1,"movie_name":"a","details":{"movie_type":"2","seasons":[{"movie_id":-2,"movie_name":"s"}]}})"));
  EXPECT_EQ(e.path, "$.pumpkin.media[0].details.seasons[0].movie_id");
  e = error_of(doc(
      R"({"movie_id":1,"movie_name":"a","details":{"movie_type":"2","seasons":[{"movie_id":2,"movie_name":"s","parts":[{"movie_id":3}]}]}})"));
  EXPECT_EQ(e.path, "$.pumpkin.media[0].details.seasons[0].parts[0].movie_number");
  e = error_of(doc(R"({"movie_id":1,"movie_name":"a","details":{"update_time":"yesterday"}})"));
  EXPECT_EQ(e.path, "$.pumpkin.media[0].details.update_time");
  e = error_of(doc(R"({"movie_id":1,"movie_name":"a","details":{"movie_title":7}})"));
  EXPECT_EQ(e.path, "$.pumpkin.media[0].details.movie_title");
}

TEST(PumpkinDetailsCodec, SeasonAndPartIdsAreDistinctFromEveryOtherId) {
  // A part with its own series' id.
  auto e = error_of(doc(
      R"({"movie_id":1,"movie_name":"a","details":{"movie_type":"2","seasons":[{"movie_id":2,"movie_name":"s","parts":[{"movie_id":1,"movie_number":"1"}]}]}})"));
  EXPECT_EQ(e.path, "$.pumpkin.media[0].details.seasons[0].parts[0].movie_id");
  EXPECT_EQ(e.message, "duplicate movie_id 1");
  // A season with the id of another media, listed later.
  e = error_of(doc(
      R"({"movie_id":1,"movie_name":"a","details":{"movie_type":"2","seasons":[{"movie_id":9,"movie_name":"s"}]}},)"
      R"({"movie_id":9,"movie_name":"b"})"));
  EXPECT_EQ(e.path, "$.pumpkin.media[0].details.seasons[0].movie_id");
  // The same part id in two series.
  e = error_of(doc(
      R"({"movie_id":1,"movie_name":"a","details":{"movie_type":"2","seasons":[{"movie_id":2,"movie_name":"s","parts":[{"movie_id":7,"movie_number":"1"}]}]}},)"
      R"({"movie_id":3,"movie_name":"b","details":{"movie_type":"2","seasons":[{"movie_id":4,"movie_name":"s","parts":[{"movie_id":7,"movie_number":"1"}]}]}})"));
  EXPECT_EQ(e.path, "$.pumpkin.media[1].details.seasons[0].parts[0].movie_id");
}

TEST(PumpkinDetailsCodec, AdminEntryDecodesDetailsAndTheOldDecoderRefusesThem) {
  const auto value = boost::json::parse(
      R"({"movie_id":1,"movie_name":"a","delete_time":null,"details":{"movie_title":"t"}})");
  auto entry = decode_pumpkin_media_entry(value, kUtc8);
  ASSERT_TRUE(entry);
  ASSERT_TRUE(entry->details.has_value());
  EXPECT_EQ(entry->details->movie_id, 1);
  EXPECT_EQ(entry->details->texts.movie_title, "t");
  auto plain = decode_pumpkin_media(value, kUtc8);
  ASSERT_FALSE(plain);
  EXPECT_EQ(plain.error().path, "$.details");
}

}  // namespace
}  // namespace mediagate::domain
