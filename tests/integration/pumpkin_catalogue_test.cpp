// Pumpkin's catalogue endpoints over a real socket: GET /media/sync (full and batch) and
// GET /movie/sync (vendor-spec-breadth §4, docs/decisions/pumpkin-breadth.md), the data of
// fixtures/sample.json, both signed sets, every error, and consistency with offline_sync.
// Signatures come from tests/support/vendor_rules (the demo's rule, independent of src/auth).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "support/admin_client.hpp"
#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"
#include "vendors/pumpkin/pumpkin_client.hpp"

namespace mediagate::testing {
namespace {

namespace json = boost::json;

constexpr const char* kMediaPath = "/media/sync";
constexpr const char* kMoviePath = "/movie/sync";
constexpr const char* kPid = "TEST_PID";
constexpr const char* kSecret = "TEST_ACCESS_SECRET";
constexpr const char* kNow = R"("timestamp":"1700000000000","date":"2023-11-15 06:13:20"})";
constexpr std::int64_t kMinuteMs = 60'000;

constexpr const char* kParamError = "参数错误";
constexpr const char* kPidError = "pid错误或无此接口调用权限";
constexpr const char* kSignError = "sign不正确";

// fixtures/sample.json's online media, ordered by movie_id, as /media/sync writes them.
constexpr const char* kFilm10003 =
    R"({"movie_id":"10003","movie_title":"两个女人一台戏   自我救赎的一百种方式","movie_name":"赦免",)"
    R"("movie_name_english":"Absolution","movie_alias":"Henkesi edestä ä",)"
    R"("movie_desc":"女主在医院看望出车祸的朋友，又发现朋友的隐情。故事将如何走向……",)"
    R"("movie_director":"Petri Kotwica",)"
    R"("movie_actor":"Jukka Hurme,Minna Hämäläinen,Stefan Karlsson,Elise Kouki,Mika Kujala,Jussi Kylmäniemi,Mirja Oksanen,Tom Petäjä",)"
    R"("movie_country":"芬兰","movie_language":"芬兰语","movie_year":"2015","movie_type":"1",)"
    R"("episode_num":1,"vertical_pic":"http://movie.image.vcinema.com.cn/qqfGyZpljhz6rn5BIHHAGGri.png",)"
    R"("horizontal_pic":"http://movie.image.vcinema.com.cn/svVQ3Jmc9Ti3luJRHzkQFycy.png",)"
    R"("online_status":"ONLINE","movieCreateTime":"2018-01-29 15:01:30",)"
    R"("video":[{"video_id":"v_10003","video_number":"1","video_name":"赦免","play_url":""}]})";
constexpr const char* kSeries10371 =
    R"({"movie_id":"10371","movie_title":"法网恢恢 疏而不漏","movie_name":"不可遗忘",)"
    R"("movie_name_english":"Unforgotten","movie_alias":"未遗忘的事",)"
    R"("movie_desc":"是以调查陈年旧案为主题的英国罪案剧。","movie_director":"Andy Wilson",)"
    R"("movie_actor":"Nicola Walker,Sanjeev Bhaskar","movie_country":"英国","movie_language":"英语",)"
    R"("movie_year":"2015","movie_type":"2","episode_num":1,)"
    R"("vertical_pic":"http://movie.image.vcinema.com.cn/rU1xCnhV4bBnT4XmuGAwKwnQ.png",)"
    R"("horizontal_pic":"http://movie.image.vcinema.com.cn/VVtPefbhBDW6NKAwfUN6RKky.png",)"
    R"("online_status":"ONLINE","movieCreateTime":"2018-08-23 18:01:50",)"
    R"("media_seasons":[{"movie_id":"10372","movie_title":"陈年死尸调查出惊天秘密",)"
    R"("movie_name":"不可遗忘第2季","movie_name_english":"Unforgotten Season 2",)"
    R"("movie_alias":"未遗忘的事 第二季","movie_desc":"伦敦的利河里打捞起一个旅行箱。",)"
    R"("movie_director":"Andy Wilson","movie_actor":"Nicola Walker,Sanjeev Bhaskar",)"
    R"("movie_country":"英国","movie_language":"英语","movie_year":"2017","movie_type":"2",)"
    R"("total_parts":2,"season_parts":[{"movie_id":"10373","movie_number":"1","play_url":""},)"
    R"({"movie_id":"10374","movie_number":"2","play_url":""}],"play_url":""}]})";
// A media without details: empty texts, a film.
constexpr const char* kBare11333 =
    R"({"movie_id":"11333","movie_title":"","movie_name":"在线影片","movie_name_english":"",)"
    R"("movie_alias":"","movie_desc":"","movie_director":"","movie_actor":"","movie_country":"",)"
    R"("movie_language":"","movie_year":"","movie_type":"1","episode_num":1,"vertical_pic":"",)"
    R"("horizontal_pic":"","online_status":"ONLINE","movieCreateTime":null,)"
    R"("video":[{"video_id":"v_11333","video_number":"1","video_name":"在线影片","play_url":""}]})";

std::string media_body(const std::vector<std::string>& items) {
  std::string list;
  for (const auto& item : items) list += (list.empty() ? "" : ",") + item;
  return R"({"message":"获取成功","content":{"total_movie_number":)" +
         std::to_string(items.size()) +
         R"(,"data_generate_time":"2023-11-15 06:13:20","data_generate_timestamp":"1700000000000",)"
         R"("mediaList":[)" +
         list + R"(]},"status_code":200,)" + kNow;
}

class PumpkinCatalogue : public ::testing::Test {
 protected:
  std::string next_nonce() { return "cat" + std::to_string(++nonce_counter_); }

  Params demo(const std::string& timestamp = "1700000000000") {
    return {{"pid", kPid},
            {"timestamp", timestamp},
            {"signature_nonce", next_nonce()},
            {"format", "JSON"},
            {"version", "v1"}};
  }
  // The demo client: action added, every parameter present signed (`mode` goes out unsigned
  // when added after this).
  static Params signed_request(Params params, const std::string& path,
                               const std::string& secret = kSecret) {
    params.emplace("action", path);
    params["sign"] = pumpkin_sign("GET", params, secret);
    return params;
  }
  client::ClientResponse send(const std::string& path, const Params& wire) {
    return server_.get(path + "?" + form_query(wire));
  }
  client::ClientResponse call(const std::string& path, Params params,
                              const std::string& secret = kSecret) {
    return send(path, signed_request(std::move(params), path, secret));
  }
  // The demo's TestMovie: signed, then mode added unsigned.
  client::ClientResponse media(const std::string& mode, const std::string& timestamp) {
    Params wire = signed_request(demo(timestamp), kMediaPath);
    wire["mode"] = mode;
    return send(kMediaPath, wire);
  }

  static std::string expected_error(std::int64_t code, const std::string& message) {
    return R"({"message":")" + message + R"(","content":{},"status_code":)" + std::to_string(code) +
           "," + kNow;
  }
  void expect_error(const client::ClientResponse& response, std::int64_t code,
                    const std::string& message) {
    EXPECT_EQ(response.status, 200u);
    EXPECT_EQ(response.header("content-type"), "application/json;charset=UTF-8");
    EXPECT_EQ(response.body, expected_error(code, message));
  }

  // movie_ids of a success answer of either endpoint.
  static std::vector<std::string> ids(const client::ClientResponse& response,
                                      const char* list = "mediaList") {
    EXPECT_EQ(response.status, 200u);
    const auto parsed = json::parse(response.body);
    const auto& root = parsed.as_object();
    std::vector<std::string> out;
    if (root.at("status_code").as_int64() != 200) {
      ADD_FAILURE() << response.body;
      return out;
    }
    const auto& content = root.at("content").as_object();
    for (const auto& item : content.at(list).as_array()) {
      out.emplace_back(item.at("movie_id").as_string());
    }
    EXPECT_EQ(content.at("total_movie_number").as_int64(), static_cast<std::int64_t>(out.size()));
    return out;
  }

  TestServer server_{{}, {source_path("fixtures/sample.json")}, kToken};
  AdminClient admin_{server_};
  int nonce_counter_ = 0;
};

using Ids = std::vector<std::string>;

// --- /media/sync -----------------------------------------------------------------------------

TEST_F(PumpkinCatalogue, FullListsEveryOnlineMediaWithEveryField) {
  const auto response = media("full", "1700000000000");
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.header("content-type"), "application/json;charset=UTF-8");
  EXPECT_EQ(response.body, media_body({kFilm10003, kSeries10371, kBare11333}));
  // mode absent means full.
  EXPECT_EQ(call(kMediaPath, demo()).body, response.body);
}

TEST_F(PumpkinCatalogue, VectorM1BatchWithModeUnsignedThenSigned) {
  // vendor-spec-breadth §4.4 M1, byte for byte: the half hour before 2019-05-09 11:30:00 +08
  // holds 10003 (updated 11:15:00); 10371 (08:00) is outside it.
  const Params base{{"pid", kPid},
                    {"timestamp", "1557372600000"},
                    {"signature_nonce", "AbCdE12345"},
                    {"format", "JSON"},
                    {"version", "v1"},
                    {"action", kMediaPath}};
  ASSERT_EQ(pumpkin_sign("GET", base, kSecret), "JTn9a9aHnV0id5+SMQZWHCIEm9c=");
  const auto unsigned_mode = server_.get(
      "/media/sync?pid=TEST_PID&timestamp=1557372600000&signature_nonce=AbCdE12345&format=JSON&"
      "version=v1&action=%2Fmedia%2Fsync&sign=JTn9a9aHnV0id5%2BSMQZWHCIEm9c%3D&mode=batch");
  EXPECT_EQ(unsigned_mode.body, media_body({kFilm10003}));

  Params with_mode = base;
  with_mode["mode"] = "batch";
  ASSERT_EQ(pumpkin_sign("GET", with_mode, kSecret), "/lKEWjwpga/sNt5lPzvHH4MrLsY=");
  server_.clock().advance(16 * kMinuteMs);  // the same nonce again, once its 15 minutes are over
  const auto signed_mode = server_.get(
      "/media/sync?pid=TEST_PID&timestamp=1557372600000&signature_nonce=AbCdE12345&format=JSON&"
      "version=v1&action=%2Fmedia%2Fsync&mode=batch&sign=%2FlKEWjwpga%2FsNt5lPzvHH4MrLsY%3D");
  EXPECT_EQ(ids(signed_mode), Ids{"10003"});
}

TEST_F(PumpkinCatalogue, BatchWindowEdges) {
  // 10003 was updated at 2019-05-09 11:15:00 +08 = 1557371700000: [t - 30 min, t).
  constexpr std::int64_t kUpdated = 1'557'371'700'000;
  EXPECT_EQ(ids(media("batch", std::to_string(kUpdated))), Ids{});  // the end is excluded
  EXPECT_EQ(ids(media("batch", std::to_string(kUpdated + 1))), Ids{"10003"});
  EXPECT_EQ(ids(media("batch", std::to_string(kUpdated + 30 * kMinuteMs))), Ids{"10003"});
  EXPECT_EQ(ids(media("batch", std::to_string(kUpdated + 30 * kMinuteMs + 1))), Ids{});
  // A media without details has no update time: only ever in the full list.
  EXPECT_EQ(ids(media("batch", "1700000000000")), Ids{});
}

TEST_F(PumpkinCatalogue, ModeOtherThanFullOrBatchIsAParameterError) {
  for (const std::string mode : {"", "FULL", "Batch", "incremental", "full "}) {
    expect_error(media(mode, "1700000000000"), 17007, kParamError);
  }
}

TEST_F(PumpkinCatalogue, SignedOverEveryReceivedParameter) {
  // The demo's generic helper signs every key in its map (YouKuMediaSyncDemo): extras included.
  Params params = demo();
  params["mode"] = "full";
  params["movie_type"] = "1";
  const auto response = call(kMediaPath, params);
  EXPECT_EQ(ids(response), (Ids{"10003", "10371", "11333"}));
  // The fixed set ignores an extra sent unsigned.
  Params wire = signed_request(demo(), kMediaPath);
  wire["mode"] = "full";  // unsigned: fine, the fixed set still matches
  EXPECT_EQ(ids(send(kMediaPath, wire)).size(), 3u);
  // Signed over everything, then one more added: the fixed set no longer matches (zzz was
  // signed), nor does every received parameter (yyy was not).
  Params all = demo();
  all["zzz"] = "1";
  all = signed_request(all, kMediaPath);
  all["yyy"] = "2";
  expect_error(send(kMediaPath, all), 17006, kSignError);
  // A sign over a set with an extra the wire lacks matches neither set.
  Params phantom = demo();
  Params signed_phantom = phantom;
  signed_phantom["zzz"] = "1";
  signed_phantom["action"] = kMediaPath;
  phantom["sign"] = pumpkin_sign("GET", signed_phantom, kSecret);
  expect_error(send(kMediaPath, phantom), 17006, kSignError);
  // action is the path in both sets: signed over another action, refused.
  Params other = demo();
  other["mode"] = "full";
  other["action"] = "/media/offline_sync";
  other["sign"] = pumpkin_sign("GET", other, kSecret);
  expect_error(send(kMediaPath, other), 17006, kSignError);
}

TEST_F(PumpkinCatalogue, EveryErrorHasTheVendorsText) {
  for (const std::string name : {"pid", "timestamp", "signature_nonce"}) {
    Params params = demo();
    params.erase(name);
    expect_error(call(kMediaPath, params), 17007, kParamError);
    expect_error(call(kMoviePath, params), 17007, kParamError);
  }
  for (const auto* path : {kMediaPath, kMoviePath}) {
    expect_error(send(path, demo()), 17007, kParamError);  // no sign
    Params xml = demo();
    xml["format"] = "XML";
    expect_error(call(path, xml), 17007, kParamError);
    Params v2 = demo();
    v2["version"] = "v2";
    expect_error(call(path, v2), 17007, kParamError);
    expect_error(call(path, demo("17e11")), 17007, kParamError);
    expect_error(call(path, demo(std::to_string(1'700'000'000'000 + 180'001))), 17007, kParamError);
    Params unknown = demo();
    unknown["pid"] = "ERROR_PID";
    expect_error(call(path, unknown), 17007, kPidError);
    Params not_allowed = demo();
    not_allowed["pid"] = "NO_MEDIA_PID";
    expect_error(call(path, not_allowed, "other-secret"), 17007, kPidError);
    expect_error(call(path, demo(), "wrong-secret"), 17006, kSignError);
    Params wire = signed_request(demo(), path);
    wire["sign"] = "ERROR SIGN";  // TestMovie.getMovieSignFailure
    expect_error(send(path, wire), 17006, kSignError);
    // A nonce is spent once the signature is verified.
    const Params once = signed_request(demo(), path);
    EXPECT_EQ(send(path, once).body.find(R"("status_code":200)") != std::string::npos, true);
    expect_error(send(path, once), 17007, kParamError);
    // Undecodable query.
    expect_error(server_.get(std::string(path) + "?pid=%ZZ"), 17007, kParamError);
  }
}

TEST_F(PumpkinCatalogue, NoJsonpTheCallbackParameterIsIgnored) {
  // Pumpkin has no JSONP: `callback` is an ordinary (ignored, here signed) parameter.
  Params params = demo();
  params["callback"] = "cb";
  const auto response = call(kMoviePath, params);
  EXPECT_EQ(response.body.rfind(R"({"message":"获取成功")", 0), 0u) << response.body;
}

// --- /movie/sync -----------------------------------------------------------------------------

TEST_F(PumpkinCatalogue, VectorMV1AndEveryField) {
  const Params mv1{{"pid", kPid},
                   {"timestamp", "1517453525849"},
                   {"signature_nonce", "AbCdE12345"},
                   {"format", "JSON"},
                   {"version", "v1"},
                   {"action", kMoviePath}};
  ASSERT_EQ(pumpkin_sign("GET", mv1, kSecret), "Grx28MICERa4j4Gz5uQToBcQrjo=");
  const auto response = server_.get(
      "/movie/sync?pid=TEST_PID&timestamp=1517453525849&signature_nonce=AbCdE12345&format=JSON&"
      "version=v1&action=%2Fmovie%2Fsync&sign=Grx28MICERa4j4Gz5uQToBcQrjo%3D");
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.header("content-type"), "application/json;charset=UTF-8");
  EXPECT_EQ(
      response.body,
      std::string(
          R"({"message":"获取成功","content":{"total_movie_number":3,"data_time":"2023-11-15 06:13:20",)"
          R"("data_timestamp":"1700000000000","movies":[)"
          R"({"movie_id":"10003","movie_title":"两个女人一台戏   自我救赎的一百种方式","movie_name":"赦免",)"
          R"("movie_name_english":"Absolution","movie_alias":"Henkesi edestä ä",)"
          R"("movie_desc":"女主在医院看望出车祸的朋友，又发现朋友的隐情。故事将如何走向……",)"
          R"("movie_director":"Petri Kotwica",)"
          R"("movie_actor":"Jukka Hurme,Minna Hämäläinen,Stefan Karlsson,Elise Kouki,Mika Kujala,Jussi Kylmäniemi,Mirja Oksanen,Tom Petäjä",)"
          R"("movie_country":"芬兰","movie_language":"芬兰语","movie_year":"2015","movie_type":"1",)"
          R"("movie_poster":null,"movie_duration":null,"episode_num":1,"movie_image_list":[)"
          R"("http://movie.image.vcinema.com.cn/qqfGyZpljhz6rn5BIHHAGGri.png",)"
          R"("http://movie.image.vcinema.com.cn/svVQ3Jmc9Ti3luJRHzkQFycy.png"]},)"
          R"({"movie_id":"10371","movie_title":"法网恢恢 疏而不漏","movie_name":"不可遗忘",)"
          R"("movie_name_english":"Unforgotten","movie_alias":"未遗忘的事",)"
          R"("movie_desc":"是以调查陈年旧案为主题的英国罪案剧。","movie_director":"Andy Wilson",)"
          R"("movie_actor":"Nicola Walker,Sanjeev Bhaskar","movie_country":"英国",)"
          R"("movie_language":"英语","movie_year":"2015","movie_type":"3","movie_poster":null,)"
          R"("movie_duration":null,"episode_num":1,"movie_image_list":[)"
          R"("http://movie.image.vcinema.com.cn/rU1xCnhV4bBnT4XmuGAwKwnQ.png",)"
          R"("http://movie.image.vcinema.com.cn/VVtPefbhBDW6NKAwfUN6RKky.png"]},)"
          R"({"movie_id":"11333","movie_title":"","movie_name":"在线影片","movie_name_english":"",)"
          R"("movie_alias":"","movie_desc":"","movie_director":"","movie_actor":"",)"
          R"("movie_country":"","movie_language":"","movie_year":"","movie_type":"1",)"
          R"("movie_poster":null,"movie_duration":null,"episode_num":1,"movie_image_list":["",""]}]},)"
          R"("status_code":200,)") +
          kNow);
  // mode means nothing here: sent unsigned, it changes nothing.
  Params wire = signed_request(demo(), kMoviePath);
  wire["mode"] = "batch";
  EXPECT_EQ(ids(send(kMoviePath, wire), "movies"), (Ids{"10003", "10371", "11333"}));
}

// --- consistency with offline_sync -----------------------------------------------------------

TEST_F(PumpkinCatalogue, AMediaTakenOfflineLeavesTheCatalogueAndShowsInOfflineSync) {
  const auto now = server_.clock().now_ms();
  ASSERT_EQ(admin_.send("POST", "/pumpkin/media/10003/offline").status, 200u);
  EXPECT_EQ(ids(media("full", std::to_string(now))), (Ids{"10371", "11333"}));
  EXPECT_EQ(ids(call(kMoviePath, demo()), "movies"), (Ids{"10371", "11333"}));
  // Its batch window no longer lists it either.
  EXPECT_EQ(ids(media("batch", "1557372600000")), Ids{});
  // offline_sync's 12-hour window ending after the delete time lists it.
  const auto offline = call("/media/offline_sync", demo(std::to_string(now + 1)));
  EXPECT_EQ(ids(offline), Ids{"10003"});
  EXPECT_NE(offline.body.find(
                R"("movie_name":"赦免","movie_id":"10003","delete_time":"2023-11-15 06:13:20")"),
            std::string::npos)
      << offline.body;
  // Its details stay: back online (PUT without delete_time), it is listed as before.
  const auto stored = json::parse(admin_.get("/pumpkin/media/10003").body).as_object();
  EXPECT_EQ(stored.at("details").at("movie_name_english"), "Absolution");
}

// --- the admin API and the data behind the catalogue ------------------------------------------

TEST_F(PumpkinCatalogue, AdminWritesDetailsThatTheCatalogueServes) {
  const auto created = admin_.post(
      "/pumpkin/media",
      R"({"movie_id":500,"movie_name":"新剧","delete_time":null,"details":{"movie_type":"2",)"
      R"("movie_title":"标题","seasons":[{"movie_id":501,"movie_name":"新剧第1季","parts":[)"
      R"({"movie_id":502,"movie_number":"1"}]}]}})");
  ASSERT_EQ(created.status, 201u) << created.body;
  const auto body = json::parse(created.body).as_object();
  // Stamped with the clock's now: a change made through the API shows in a batch.
  EXPECT_EQ(body.at("details").at("update_time"), "2023-11-15 06:13:20");
  EXPECT_EQ(ids(media("batch", "1700000000001")), Ids{"500"});
  const auto full = json::parse(media("full", "1700000000000").body);
  const auto& list = full.at("content").at("mediaList").as_array();
  ASSERT_EQ(list.size(), 4u);
  const auto& series = list[0].as_object();
  EXPECT_EQ(series.at("movie_id"), "500");
  EXPECT_EQ(series.at("movie_type"), "2");
  EXPECT_EQ(series.at("episode_num"), 1);
  EXPECT_EQ(series.at("media_seasons").at(0).at("season_parts").at(0).at("movie_id"), "502");

  // Replaced without details: the media has none any more (an empty film).
  ASSERT_EQ(admin_.put("/pumpkin/media/500", R"({"movie_name":"新剧","delete_time":null})").status,
            200u);
  EXPECT_EQ(json::parse(admin_.get("/pumpkin/media/500").body).as_object().if_contains("details"),
            nullptr);
  const auto bare = json::parse(media("full", "1700000000000").body);
  EXPECT_EQ(bare.at("content").at("mediaList").at(0).at("movie_type"), "1");

  // Refused details, with the JSON path.
  const auto bad_type = admin_.post(
      "/pumpkin/media", R"({"movie_id":600,"movie_name":"x","details":{"movie_type":"3"}})");
  EXPECT_EQ(bad_type.status, 400u);
  EXPECT_NE(bad_type.body.find("$.details.movie_type"), std::string::npos) << bad_type.body;
  const auto film_with_seasons = admin_.post(
      "/pumpkin/media",
      R"({"movie_id":600,"movie_name":"x","details":{"seasons":[{"movie_id":601,"movie_name":"s"}]}})");
  EXPECT_EQ(film_with_seasons.status, 400u);
  const auto same_id = admin_.post(
      "/pumpkin/media",
      R"({"movie_id":600,"movie_name":"x","details":{"movie_type":"2","seasons":[{"movie_id":600,"movie_name":"s"}]}})");
  EXPECT_EQ(same_id.status, 400u);
  EXPECT_NE(same_id.body.find("duplicate movie_id 600"), std::string::npos) << same_id.body;
}

// --- the SDK ---------------------------------------------------------------------------------

TEST_F(PumpkinCatalogue, TypedClientDecodesBothEndpoints) {
  client::ClientOptions options;
  options.base_url = client::BaseUrl::http("127.0.0.1", server_.port());
  options.clock = &server_.clock();
  client::PumpkinClient pumpkin(options, {kPid, kSecret});
  auto full = pumpkin.media_sync();
  ASSERT_TRUE(full) << full.error().message;
  ASSERT_EQ(full->media.size(), 3u);
  EXPECT_EQ(full->total_movie_number, 3);
  EXPECT_EQ(full->data_generate_timestamp, "1700000000000");
  EXPECT_EQ(full->media[0].video_ids, std::vector<std::string>{"v_10003"});
  ASSERT_EQ(full->media[1].seasons.size(), 1u);
  EXPECT_EQ(full->media[1].seasons[0].total_parts, 2);
  EXPECT_EQ(full->media[1].seasons[0].parts[1], (client::CataloguePart{"10374", "2"}));
  auto batch = pumpkin.media_sync({.batch = true, .timestamp = 1'557'372'600'000});
  ASSERT_TRUE(batch) << batch.error().message;
  ASSERT_EQ(batch->media.size(), 1u);
  EXPECT_EQ(batch->media[0].texts.movie_name, "赦免");
  auto movies = pumpkin.movie_sync();
  ASSERT_TRUE(movies) << movies.error().message;
  ASSERT_EQ(movies->movies.size(), 3u);
  EXPECT_EQ(movies->movies[1].movie_type, "3");
  EXPECT_EQ(movies->movies[1].movie_image_list.size(), 2u);
  EXPECT_EQ(movies->data_time, "2023-11-15 06:13:20");

  client::PumpkinClient stranger(options, {"NO_MEDIA_PID", "other-secret"});
  auto refused = stranger.movie_sync();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "17007");
}

}  // namespace
}  // namespace mediagate::testing
