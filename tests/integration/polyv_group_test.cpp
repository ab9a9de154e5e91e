// Polyv group account allocation log over a real socket: seed 004 + vendor-spec §5 +
// decisions.md. Signatures come from tests/support/vendor_rules (the vendor's rule
// re-implemented), never from the server's signer.
#include <gtest/gtest.h>

#include <unistd.h>
#include <algorithm>
#include <boost/json.hpp>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/civil_time.hpp"
#include "support/temp_file.hpp"
#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"
#include "vendors/polyv/polyv_settings.hpp"

namespace mediagate::testing {
namespace {

constexpr const char* kGroup = "ga1ayl6dh2";
constexpr const char* kSecret = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d";
constexpr const char* kPath = "/v2/group/account/list-allocate-log";
constexpr const char* kOmit = "\x01omit";  // a value that removes the parameter

constexpr const char* kA1 = "2019-11-18 18:21:38";  // testdata, live, ADD_CONCURRENCES
constexpr const char* kA2 = "2019-11-17 09:00:00";  // testdata, vod, ADD_SPACE
constexpr const char* kA3 = "2019-11-16 10:30:00";  // other, live, ADD_DURATION

using Dates = std::vector<std::string>;

boost::json::object body_of(const client::ClientResponse& response) {
  return boost::json::parse(response.body).as_object();
}

// The `date` of every record of a success response, in order.
Dates dates_of(const client::ClientResponse& response) {
  const auto body = body_of(response);
  const auto& contents = body.at("data").at("contents").as_array();
  Dates result;
  for (const auto& record : contents) result.emplace_back(record.at("date").as_string());
  return result;
}

void expect_error(const client::ClientResponse& response, unsigned code,
                  const std::string& message) {
  EXPECT_EQ(response.status, code) << response.body;
  EXPECT_EQ(response.body, R"({"code":)" + std::to_string(code) +
                               R"(,"status":"error","message":")" + message + R"(","data":""})");
}

class GroupCaller {
 public:
  GroupCaller(TestServer& server, std::string app_id, std::string secret)
      : server_(server), app_id_(std::move(app_id)), secret_(std::move(secret)) {}

  // appId, a fresh timestamp and emails=testdata@polyv.com, overridden by `extra` (kOmit
  // removes a name), then signed unless `extra` carries a sign.
  std::string target(const Params& extra) const {
    Params params{{"appId", app_id_},
                  {"timestamp", std::to_string(server_.clock().now_ms())},
                  {"emails", "testdata@polyv.com"}};
    for (const auto& [name, value] : extra) params[name] = value;
    for (auto it = params.begin(); it != params.end();) {
      it = it->second == kOmit ? params.erase(it) : std::next(it);
    }
    if (extra.count("sign") == 0) params["sign"] = polyv_live_sign(params, secret_);
    return std::string(kPath) + "?" + form_query(params);
  }
  client::ClientResponse call(const Params& extra = {}) const { return server_.get(target(extra)); }

 private:
  TestServer& server_;
  std::string app_id_;
  std::string secret_;
};

class PolyvGroup : public ::testing::Test {
 protected:
  client::ClientResponse call(const Params& extra = {}) { return caller_.call(extra); }

  TestServer server_;
  GroupCaller caller_{server_, kGroup, kSecret};
};

TEST_F(PolyvGroup, SeedLikeRequestExactBody) {
  const auto response = call();
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.header("content-type"), "application/json;charset=UTF-8");
  EXPECT_EQ(
      response.body,
      R"({"code":200,"status":"success","message":"success","data":{"pageNumber":1,"totalPages":1,"pageSize":20,"contents":[)"
      R"({"email":"testdata@polyv.com","date":"2019-11-18 18:21:38","origin":"ADD_CONCURRENCES","originText":"添加并发数","space":null,"flow":null,"channels":null,"concurrences":970,"duration":null},)"
      R"({"email":"testdata@polyv.com","date":"2019-11-17 09:00:00","origin":"ADD_SPACE","originText":"添加空间","space":10737418240,"flow":null,"channels":null,"concurrences":null,"duration":null}],)"
      R"("totalItems":2}})");
}

TEST_F(PolyvGroup, SeedShapedPageOfOne) {
  const auto response =
      call({{"emails", "testdata@polyv.com,other@polyv.com"}, {"page", "3"}, {"pageSize", "1"}});
  EXPECT_EQ(
      response.body,
      R"({"code":200,"status":"success","message":"success","data":{"pageNumber":3,"totalPages":3,"pageSize":1,"contents":[)"
      R"({"email":"other@polyv.com","date":"2019-11-16 10:30:00","origin":"ADD_DURATION","originText":"添加分钟数","space":null,"flow":null,"channels":null,"concurrences":null,"duration":600}],)"
      R"("totalItems":3}})");
}

TEST_F(PolyvGroup, TypeFilter) {
  const Params both{{"emails", "testdata@polyv.com,other@polyv.com"}};
  auto with = [&](const char* type) {
    Params params = both;
    params["type"] = type;
    return dates_of(call(params));
  };
  EXPECT_EQ(dates_of(call(both)), (Dates{kA1, kA2, kA3}));
  EXPECT_EQ(with("all"), (Dates{kA1, kA2, kA3}));
  EXPECT_EQ(with(""), (Dates{kA1, kA2, kA3}));
  EXPECT_EQ(with("live"), (Dates{kA1, kA3}));
  EXPECT_EQ(with("vod"), (Dates{kA2}));
  for (const char* bad : {"ALL", "Live", "both", "live,vod", " live"}) {
    Params params = both;
    params["type"] = bad;
    expect_error(call(params), 400, "param validate error");
  }
}

TEST_F(PolyvGroup, EmailsList) {
  EXPECT_EQ(dates_of(call({{"emails", "other@polyv.com"}})), (Dates{kA3}));
  EXPECT_EQ(dates_of(call({{"emails", "other@polyv.com,testdata@polyv.com"}})),
            (Dates{kA1, kA2, kA3}));
  // Spaces around addresses, empty items and repeats are tolerated.
  EXPECT_EQ(dates_of(call({{"emails", " other@polyv.com , ,testdata@polyv.com,other@polyv.com"}})),
            (Dates{kA1, kA2, kA3}));
  // Emails that are not sub-accounts of the group match nothing.
  const auto none = call({{"emails", "nobody@polyv.com,owner@zzs.com"}});
  EXPECT_EQ(
      none.body,
      R"({"code":200,"status":"success","message":"success","data":{"pageNumber":1,"totalPages":0,"pageSize":20,"contents":[],"totalItems":0}})");
  EXPECT_EQ(dates_of(call({{"emails", ","}})), Dates{});
  // Matching is exact (no case folding).
  EXPECT_EQ(dates_of(call({{"emails", "TESTDATA@polyv.com"}})), Dates{});
}

TEST_F(PolyvGroup, TimeFilterIsInclusive) {
  const Params both{{"emails", "testdata@polyv.com,other@polyv.com"}};
  auto range = [&](const char* start, const char* end) {
    Params params = both;
    if (start != nullptr) params["startTime"] = start;
    if (end != nullptr) params["endTime"] = end;
    return dates_of(call(params));
  };
  EXPECT_EQ(range(kA2, nullptr), (Dates{kA1, kA2}));
  EXPECT_EQ(range("2019-11-17 09:00:01", nullptr), (Dates{kA1}));
  EXPECT_EQ(range(nullptr, kA2), (Dates{kA2, kA3}));
  EXPECT_EQ(range(nullptr, "2019-11-17 08:59:59"), (Dates{kA3}));
  EXPECT_EQ(range(kA2, kA2), (Dates{kA2}));
  EXPECT_EQ(range(kA3, kA1), (Dates{kA1, kA2, kA3}));
  // Start after end: nothing, not an error.
  EXPECT_EQ(range(kA1, kA3), Dates{});
  for (const char* bad : {"2019-11-17", "2019/11/17 09:00:00", "2019-11-17 9:00:00",
                          "2019-02-30 00:00:00", "1574000000000", "2019-11-17T09:00:00"}) {
    expect_error(call({{"startTime", bad}}), 400, "param validate error");
    expect_error(call({{"endTime", bad}}), 400, "param validate error");
  }
}

TEST_F(PolyvGroup, PagingAndPastTheEnd) {
  const Params both{{"emails", "testdata@polyv.com,other@polyv.com"}};
  auto page = [&](const char* number, const char* size) {
    Params params = both;
    params["page"] = number;
    params["pageSize"] = size;
    return call(params);
  };
  EXPECT_EQ(dates_of(page("1", "2")), (Dates{kA1, kA2}));
  EXPECT_EQ(dates_of(page("2", "2")), (Dates{kA3}));
  const auto past = page("3", "2");
  EXPECT_EQ(
      past.body,
      R"({"code":200,"status":"success","message":"success","data":{"pageNumber":3,"totalPages":2,"pageSize":2,"contents":[],"totalItems":3}})");
  const auto far = page("9223372036854775807", "1000");
  EXPECT_EQ(far.status, 200u);
  EXPECT_EQ(dates_of(far), Dates{});
  // pageSize above the maximum is clamped; empty page/pageSize take the defaults.
  for (const char* size : {"1001", "99999999999999999999999"}) {
    EXPECT_EQ(body_of(page("1", size)).at("data").at("pageSize").as_int64(), 1000) << size;
  }
  EXPECT_EQ(body_of(page("", "")).at("data").at("pageSize").as_int64(), 20);
  EXPECT_EQ(body_of(page("", "")).at("data").at("pageNumber").as_int64(), 1);
  for (const char* bad : {"0", "-1", "abc", "1.5", "99999999999999999999999"}) {
    expect_error(page(bad, "2"), 400, "param validate error");
    if (std::string_view(bad) != "99999999999999999999999") {
      expect_error(page("1", bad), 400, "param validate error");
    }
  }
}

TEST_F(PolyvGroup, EveryDocumentedError) {
  expect_error(call({{"appId", kOmit}}), 400, "appId is required.");
  expect_error(call({{"appId", ""}}), 400, "appId is required.");
  expect_error(server_.get(kPath), 400, "appId is required.");
  GroupCaller unknown(server_, "gnosuch001", kSecret);
  expect_error(unknown.call(), 400, "account not found.");
  GroupCaller banned(server_, "gbanned001", "00000000000000000000000000000000");
  expect_error(banned.call(), 400, "account is forbidden.");
  expect_error(call({{"timestamp", kOmit}}), 400, "invalid timestamp.");
  expect_error(call({{"timestamp", ""}}), 400, "invalid timestamp.");
  expect_error(call({{"timestamp", "12ab"}}), 400, "invalid timestamp.");
  expect_error(call({{"timestamp", "-1"}}), 400, "invalid timestamp.");
  expect_error(call({{"timestamp", "99999999999999999999999"}}), 400, "invalid timestamp.");
  expect_error(call({{"sign", "BAD"}}), 403, "invalid signature.");
  expect_error(call({{"sign", ""}}), 403, "invalid signature.");
  expect_error(call({{"sign", kOmit}}), 403, "invalid signature.");
  expect_error(call({{"emails", kOmit}}), 400, "emails is required.");
  expect_error(call({{"emails", ""}}), 400, "emails is required.");
}

TEST_F(PolyvGroup, SignatureRules) {
  // Signed with the live account's secret instead of the group's: refused.
  GroupCaller live_secret(server_, kGroup, "fsq2k5weced1h8vui657xtdva66whf0g");
  expect_error(live_secret.call(), 403, "invalid signature.");
  // Lowercase hex: refused.
  Params params{{"appId", kGroup},
                {"timestamp", std::to_string(server_.clock().now_ms())},
                {"emails", "testdata@polyv.com"}};
  std::string sign = polyv_live_sign(params, kSecret);
  params["sign"] = sign;
  EXPECT_EQ(server_.get(std::string(kPath) + "?" + form_query(params)).status, 200u);
  for (auto& c : sign) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  params["sign"] = sign;
  expect_error(server_.get(std::string(kPath) + "?" + form_query(params)), 403,
               "invalid signature.");
  // Every parameter is signed (values raw: '@', ',' and ' ' are encoded on the wire only),
  // empty ones are not.
  EXPECT_EQ(call({{"emails", "testdata@polyv.com,other@polyv.com"},
                  {"type", "live"},
                  {"startTime", "2019-11-01 00:00:00"},
                  {"endTime", "2019-11-18 23:59:59"},
                  {"page", "1"},
                  {"pageSize", "20"},
                  {"requestId", ""}})
                .status,
            200u);
  // The group's sign is MD5 only: signatureMethod is just another signed parameter.
  EXPECT_EQ(call({{"signatureMethod", "SHA256"}}).status, 200u);
  Params sha{{"appId", kGroup},
             {"timestamp", std::to_string(server_.clock().now_ms())},
             {"emails", "testdata@polyv.com"},
             {"signatureMethod", "SHA256"}};
  sha["sign"] = polyv_live_sign(sha, kSecret, true);
  expect_error(server_.get(std::string(kPath) + "?" + form_query(sha)), 403, "invalid signature.");
  // A parameter added after signing: refused.
  const std::string signed_target = caller_.target({});
  expect_error(server_.get(signed_target + "&type=vod"), 403, "invalid signature.");
}

TEST_F(PolyvGroup, TimestampWindowEdges) {
  const auto now = server_.clock().now_ms();
  EXPECT_EQ(call({{"timestamp", std::to_string(now - 180000)}}).status, 200u);
  EXPECT_EQ(call({{"timestamp", std::to_string(now + 180000)}}).status, 200u);
  expect_error(call({{"timestamp", std::to_string(now - 180001)}}), 400, "invalid timestamp.");
  expect_error(call({{"timestamp", std::to_string(now + 180001)}}), 400, "invalid timestamp.");
}

TEST_F(PolyvGroup, ChecksRunInTheDecidedOrder) {
  const std::string stale = std::to_string(server_.clock().now_ms() - 999999);
  GroupCaller unknown(server_, "gnosuch001", kSecret);
  GroupCaller banned(server_, "gbanned001", "00000000000000000000000000000000");
  // appId missing beats everything else wrong
  expect_error(call({{"appId", kOmit}, {"timestamp", "x"}, {"sign", "BAD"}, {"emails", kOmit}}),
               400, "appId is required.");
  // unknown / banned beat a bad timestamp
  expect_error(unknown.call({{"timestamp", stale}}), 400, "account not found.");
  expect_error(banned.call({{"timestamp", "x"}, {"sign", "BAD"}}), 400, "account is forbidden.");
  // the timestamp beats the signature
  expect_error(call({{"timestamp", stale}, {"sign", "BAD"}}), 400, "invalid timestamp.");
  // the signature beats missing emails
  expect_error(call({{"sign", "BAD"}, {"emails", kOmit}}), 403, "invalid signature.");
  // missing emails beats the other parameters
  expect_error(call({{"emails", kOmit}, {"type", "bad"}, {"page", "0"}, {"startTime", "x"}}), 400,
               "emails is required.");
  // a malformed query string has no parameters to check at all
  expect_error(server_.get(std::string(kPath) + "?appId=%ZZ"), 400, "param validate error");
}

TEST_F(PolyvGroup, BrokenQueryStrings) {
  const std::string good = caller_.target({});
  EXPECT_EQ(server_.get(good).status, 200u);
  expect_error(server_.get(good + "&type=%ZZ"), 400, "param validate error");
  expect_error(server_.get(good + "&type=%"), 400, "param validate error");
  expect_error(server_.get(good + "&type=%FF%FE"), 400, "param validate error");
  expect_error(server_.get(good + "&emails=a%40b.c"), 400, "param validate error");
  expect_error(server_.get(good + "&appId=" + kGroup), 400, "param validate error");
}

TEST_F(PolyvGroup, RoutingAndMethods) {
  const auto post = server_.client().request("POST", caller_.target({}), "", "");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405u);
  EXPECT_EQ(server_.get("/v2/group/account/list-allocate-log/x").status, 404u);
}

TEST(PolyvGroupRateLimit, SharedPerIpLimiter) {
  TestServer server([](core::Config& config) {
    config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.enabled = true;
    config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.max_requests = 3;
  });
  GroupCaller caller(server, kGroup, kSecret);
  EXPECT_EQ(caller.call().status, 200u);
  EXPECT_EQ(server.get("/live/v3/channel/session/data/list").status, 400u);
  EXPECT_EQ(server.get(std::string(kPath) + "?%ZZ").status, 400u);
  expect_error(caller.call(), 400, "qps exceeds number of calls");
  expect_error(server.get(kPath), 400, "qps exceeds number of calls");
}

TEST(PolyvGroupOffset, DatesFollowTheConfiguredUtcOffset) {
  // Fixture dates are read and written at the same offset: with UTC+0 they come back as written.
  TestServer server([](core::Config& config) { config.utc_offset_minutes = 0; });
  GroupCaller caller(server, kGroup, kSecret);
  EXPECT_EQ(dates_of(caller.call()), (Dates{kA1, kA2}));
  EXPECT_EQ(dates_of(caller.call({{"startTime", kA1}})), (Dates{kA1}));
}

// ---------------------------------------------------------------------------------------------
// Property test on generated data: every page size walks every matching record exactly once,
// date descending (ties in fixture order), and the page fields follow the formulas.

struct GenAllocation {
  std::size_t index;  // fixture order
  std::string email;
  core::EpochMs date;
  std::string type;
};

constexpr const char* kGenGroup = "ggen000001";
constexpr const char* kGenSecret = "abcdefabcdefabcdefabcdefabcdef00";
constexpr core::EpochMs kGenBase = 1'574'000'000'000;  // 2019-11-17 22:13:20 +08

std::vector<GenAllocation> generated_allocations() {
  std::vector<GenAllocation> rows;
  std::uint64_t state = 7;
  for (std::size_t i = 0; i < 150; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const std::string email = "s" + std::to_string((state >> 33) % 5) + "@gen.example";
    // Every 6th record shares its date with the previous one (a tie), whole seconds only.
    const core::EpochMs date =
        (i % 6 == 5) ? rows.back().date
                     : kGenBase + static_cast<core::EpochMs>((state >> 17) % 2'000'000ULL) * 1000;
    rows.push_back({i, email, date, (state >> 40) % 3 == 0 ? "vod" : "live"});
  }
  return rows;
}

std::string write_generated_fixture(const std::vector<GenAllocation>& rows) {
  boost::json::array allocations;
  for (const auto& row : rows) {
    // (email, date, origin, type) is the fixture's key: the index in origin keeps it unique.
    allocations.push_back(
        boost::json::object{{"email", row.email},
                            {"date", core::format_wall_time(row.date, 480)},
                            {"type", row.type},
                            {"origin", "ORIGIN_" + std::to_string(row.index)},
                            {"originText", "生成"},
                            {"space", nullptr},
                            {"flow", nullptr},
                            {"channels", nullptr},
                            {"concurrences", static_cast<std::int64_t>(row.index)},
                            {"duration", nullptr}});
  }
  boost::json::array subs;
  for (int i = 0; i < 5; ++i)
    subs.push_back(boost::json::string("s" + std::to_string(i) + "@gen.example"));
  boost::json::object group{{"appId", kGenGroup},
                            {"appSecret", kGenSecret},
                            {"forbidden", false},
                            {"subAccounts", std::move(subs)},
                            {"allocations", std::move(allocations)}};
  boost::json::object doc{
      {"polyv", boost::json::object{{"groups", boost::json::array{std::move(group)}}}}};
  return write_temp_file("mediagate-group-gen.json", boost::json::serialize(doc));
}

class PolyvGroupGenerated : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rows_ = new std::vector<GenAllocation>(generated_allocations());
    const std::string path = write_generated_fixture(*rows_);
    server_ = new TestServer({}, {source_path("fixtures/sample.json"), path});
    std::filesystem::remove(path);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete rows_;
  }

  // Expected origins (unique per record) for a filter, in order.
  static std::vector<std::string> expected(const std::vector<std::string>& emails,
                                           const std::string& type, core::EpochMs from,
                                           core::EpochMs to) {
    std::vector<GenAllocation> hits;
    for (const auto& row : *rows_) {
      if (std::find(emails.begin(), emails.end(), row.email) == emails.end()) continue;
      if (type != "all" && row.type != type) continue;
      if (row.date < from || row.date > to) continue;
      hits.push_back(row);
    }
    std::stable_sort(hits.begin(), hits.end(), [](const GenAllocation& a, const GenAllocation& b) {
      return a.date > b.date;
    });
    std::vector<std::string> origins;
    for (const auto& row : hits) origins.push_back("ORIGIN_" + std::to_string(row.index));
    return origins;
  }

  static std::vector<std::string> walk(const Params& filter, std::int64_t size,
                                       std::int64_t total) {
    GroupCaller caller(*server_, kGenGroup, kGenSecret);
    const std::int64_t pages = (total + size - 1) / size;
    std::vector<std::string> all;
    for (std::int64_t page = 1; page <= pages + 1; ++page) {
      Params params = filter;
      params["page"] = std::to_string(page);
      params["pageSize"] = std::to_string(size);
      const auto response = caller.call(params);
      EXPECT_EQ(response.status, 200u) << response.body;
      const auto body = body_of(response);
      const auto& data = body.at("data").as_object();
      SCOPED_TRACE(::testing::Message() << "size " << size << " page " << page);
      EXPECT_EQ(data.at("pageNumber").as_int64(), page);
      EXPECT_EQ(data.at("pageSize").as_int64(), size);
      EXPECT_EQ(data.at("totalItems").as_int64(), total);
      EXPECT_EQ(data.at("totalPages").as_int64(), pages);
      const std::int64_t rows =
          std::max<std::int64_t>(0, std::min(size, total - (page - 1) * size));
      const auto& contents = data.at("contents").as_array();
      EXPECT_EQ(static_cast<std::int64_t>(contents.size()), rows);
      for (const auto& record : contents) all.emplace_back(record.at("origin").as_string());
    }
    return all;
  }

  static std::vector<GenAllocation>* rows_;
  static TestServer* server_;
};

std::vector<GenAllocation>* PolyvGroupGenerated::rows_ = nullptr;
TestServer* PolyvGroupGenerated::server_ = nullptr;

TEST_F(PolyvGroupGenerated, EveryPageSizeWalksEveryRecordOnceInOrder) {
  const std::vector<std::string> everyone{"s0@gen.example", "s1@gen.example", "s2@gen.example",
                                          "s3@gen.example", "s4@gen.example"};
  const auto want = expected(everyone, "all", INT64_MIN, INT64_MAX);
  ASSERT_EQ(want.size(), 150u);
  const Params filter{
      {"emails", "s0@gen.example,s1@gen.example,s2@gen.example,s3@gen.example,s4@gen.example"}};
  for (const std::int64_t size : {1, 7, 20, 1000}) {
    EXPECT_EQ(walk(filter, size, 150), want) << "size " << size;
  }
}

TEST_F(PolyvGroupGenerated, FiltersCombineAndStillPageCorrectly) {
  const core::EpochMs from = kGenBase + 300'000'000;
  const core::EpochMs to = kGenBase + 1'500'000'000;
  const auto want = expected({"s1@gen.example", "s3@gen.example"}, "live", from, to);
  ASSERT_GT(want.size(), 7u);
  const Params filter{{"emails", "s1@gen.example,s3@gen.example,stranger@gen.example"},
                      {"type", "live"},
                      {"startTime", core::format_wall_time(from, 480)},
                      {"endTime", core::format_wall_time(to, 480)}};
  for (const std::int64_t size : {1, 7, 20, 1000}) {
    EXPECT_EQ(walk(filter, size, static_cast<std::int64_t>(want.size())), want) << size;
  }
  const auto vod = expected({"s0@gen.example"}, "vod", INT64_MIN, INT64_MAX);
  EXPECT_EQ(walk({{"emails", "s0@gen.example"}, {"type", "vod"}}, 7,
                 static_cast<std::int64_t>(vod.size())),
            vod);
}

TEST_F(PolyvGroupGenerated, GroupsDoNotSeeEachOthersRecords) {
  // The sample group asking for the generated group's sub-accounts gets nothing.
  GroupCaller sample(*server_, kGroup, kSecret);
  EXPECT_EQ(dates_of(sample.call({{"emails", "s0@gen.example,s1@gen.example"}})), Dates{});
  GroupCaller generated(*server_, kGenGroup, kGenSecret);
  EXPECT_EQ(dates_of(generated.call({{"emails", "testdata@polyv.com"}})), Dates{});
}

}  // namespace
}  // namespace mediagate::testing
