// The fixture codec one entity at a time (what the admin API reads and writes): the checks an
// entity alone allows, with paths from "$", and the writers' keys in the document's order.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/json_writer.hpp"
#include "vendors/iqiyi/iqiyi_fixture.hpp"
#include "vendors/polyv/polyv_fixture.hpp"
#include "vendors/pumpkin/pumpkin_fixture.hpp"

namespace mediagate::vendors {
namespace {

using namespace polyv;    // NOLINT(google-build-using-namespace)
using namespace iqiyi;    // NOLINT(google-build-using-namespace)
using namespace pumpkin;  // NOLINT(google-build-using-namespace)

namespace json = boost::json;
constexpr int kUtc8 = 480;

// The error path of decoding `text` with `decode`, or "ok".
template <class Decode>
std::string path_of(Decode&& decode, std::string_view text) {
  auto decoded = decode(json::parse(text));
  return decoded ? "ok" : decoded.error().path + ": " + decoded.error().message;
}

template <class T, class Write>
std::string written(const T& value, Write&& write) {
  core::JsonWriter w;
  w.begin_object();
  write(w, value);
  w.end_object();
  return std::move(w).str();
}

TEST(EntityCodec, VideoRoundTripsAndKeepsItsOwnChecks) {
  const std::string text =
      R"({"vid":"v","cataid":1,"title":"t","context":"c","times":2,"firstImage":"f","tag":"g",)"
      R"("aacLink":null,"status":"61","uploaderEmail":"e","ptime":3})";
  auto video = decode_video(json::parse(text));
  ASSERT_TRUE(video);
  EXPECT_EQ(written(*video, write_video_fields), text);
  EXPECT_EQ(path_of(decode_video, R"({"vid":"v"})"), "$.cataid: missing required field");
  EXPECT_EQ(path_of(decode_video, R"([])"), "$: expected an object");
  std::string bad_status = text;
  bad_status.replace(bad_status.find("\"61\""), 4, "\"62\"");
  EXPECT_EQ(path_of(decode_video, bad_status).substr(0, 10), "$.status: ");
  // The category and the uploader are the caller's to check.
  EXPECT_EQ(path_of(decode_video, text), "ok");
}

TEST(EntityCodec, AccountCarriesItsChildrenCheckedAmongThemselves) {
  EXPECT_EQ(path_of(decode_polyv_account,
                    R"({"userId":"u","email":"e","secretKey":"k","appId":"a","appSecret":"s",)"
                    R"("categories":[{"cataid":1,"name":"n"}],"videos":[{"vid":"v","cataid":2,)"
                    R"("title":"","context":"","times":0,"firstImage":"","tag":"","status":"60",)"
                    R"("uploaderEmail":"e","ptime":0}]})"),
            "$.videos[0].cataid: cataid 2 is not a category of this account");
  EXPECT_EQ(path_of(decode_polyv_account,
                    R"({"userId":"u","email":"e","secretKey":"k","appId":"a","appSecret":"s",)"
                    R"("extra":1})"),
            "$.extra: unknown key");
}

TEST(EntityCodec, EveryOtherEntity) {
  EXPECT_EQ(path_of(decode_category, R"({"cataid":1,"name":"n","parent":99})"), "ok");
  EXPECT_EQ(path_of(decode_category, R"({"cataid":1.5,"name":"n"})"),
            "$.cataid: expected an integer");
  EXPECT_EQ(path_of(decode_channel, R"({"channelId":"12","sessions":[{"sessionId":"s",)"
                                    R"("startTime":1},{"sessionId":"s","startTime":2}]})"),
            "$.sessions[1].sessionId: duplicate sessionId \"s\"");
  EXPECT_EQ(path_of(decode_session, R"({"sessionId":"s","startTime":1,"endTime":"2"})"),
            "$.endTime: expected an integer or null");
  EXPECT_EQ(path_of([](const json::value& v) { return decode_allocation(v, kUtc8); },
                    R"({"email":"e","date":"2020-01-01 00:00:00","type":"both","origin":"o",)"
                    R"("originText":"t"})"),
            "$.type: type must be \"live\" or \"vod\"");
  EXPECT_EQ(
      path_of([](const json::value& v) { return decode_polyv_group(v, kUtc8); },
              R"({"appId":"g","appSecret":"s","allocations":[{"email":"x",)"
              R"("date":"2020-01-01 00:00:00","type":"vod","origin":"o","originText":"t"}]})"),
      "$.allocations[0].email: \"x\" is not one of this group's subAccounts");
  EXPECT_EQ(path_of(decode_iqiyi_partner, R"({"partnerCode":"p","md5Key":"k","users":[)"
                                          R"({"user_id":"u","area":"CN","vodCoupons":-1}]})"),
            "$.users[0].vodCoupons: vodCoupons must be >= 0");
  EXPECT_EQ(path_of(decode_iqiyi_user, R"({"user_id":"u","area":"JP","vodCoupons":1})"),
            "$.area: area must be \"CN\" or \"TW\"");
  EXPECT_EQ(path_of(decode_pumpkin_partner, R"({"pid":"p","accessSecret":"s","actions":[1]})"),
            "$.actions[0]: expected a string");
  EXPECT_EQ(path_of([](const json::value& v) { return decode_pumpkin_media(v, kUtc8); },
                    R"({"movie_id":1,"movie_name":"m","delete_time":"2019-13-01 00:00:00"})"),
            "$.delete_time: expected a date \"yyyy-MM-dd HH:mm:ss\", got \"2019-13-01 00:00:00\"");
}

TEST(EntityCodec, WritersUseTheDocumentsKeysAndDates) {
  vendors::polyv::Allocation a{"e", 1'574'072'498'000, "live", "O", "T", std::nullopt, 5, {}, {},
                               {}};
  EXPECT_EQ(
      written(a, [](core::JsonWriter& w,
                    const vendors::polyv::Allocation& x) { write_allocation_fields(w, x, kUtc8); }),
      R"({"email":"e","date":"2019-11-18 18:21:38","type":"live","origin":"O",)"
      R"("originText":"T","space":null,"flow":5,"channels":null,"concurrences":null,)"
      R"("duration":null})");
  vendors::pumpkin::PumpkinMedia m{7, "n", std::nullopt};
  EXPECT_EQ(
      written(m, [](core::JsonWriter& w,
                    const vendors::pumpkin::PumpkinMedia& x) { write_media_fields(w, x, kUtc8); }),
      R"({"movie_id":7,"movie_name":"n","delete_time":null})");
  EXPECT_EQ(written(vendors::iqiyi::IqiyiUser{"u", "CN", 2}, write_iqiyi_user_fields),
            R"({"user_id":"u","area":"CN","vodCoupons":2})");
  EXPECT_EQ(written(vendors::polyv::Category{3, "c", 1}, write_category_fields),
            R"({"cataid":3,"name":"c","parent":1})");
  EXPECT_EQ(written(vendors::polyv::LiveSession{"s", 1, std::nullopt, "c"}, write_session_fields),
            R"({"sessionId":"s","startTime":1,"endTime":null,"customId":"c"})");
}

}  // namespace
}  // namespace mediagate::vendors
