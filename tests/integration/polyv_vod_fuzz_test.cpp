// Random queries against get-by-uploader: whatever arrives, the answer is a well-formed
// Polyv envelope whose code equals the HTTP status, and the server keeps serving.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <random>

#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"

namespace mediagate::testing {
namespace {

std::string random_query(std::mt19937& rng, core::EpochMs now) {
  static const std::vector<std::string> names = {
      "ptime",     "sign", "email",    "orderType", "cataid",    "containSubCata",
      "published", "page", "pageSize", "jsonp",     "requestId", "format",
      "x",         "",     "%",        "%E4%B8%AD"};
  static const std::vector<std::string> values = {"",
                                                  "1",
                                                  "-1",
                                                  "0",
                                                  "2",
                                                  "5",
                                                  "abc",
                                                  "%ZZ",
                                                  "%FF",
                                                  "%E4%B8%AD",
                                                  "+",
                                                  "%00",
                                                  "99999999999999999999",
                                                  "test1@zzs.com",
                                                  "cb",
                                                  "1539918907896",
                                                  "a=b",
                                                  "%"};
  std::string query;
  const auto count = rng() % 8;
  for (unsigned i = 0; i < count; ++i) {
    if (!query.empty()) query += (rng() % 10 == 0) ? "&&" : "&";
    query += names[rng() % names.size()];
    if (rng() % 6 != 0) query += "=" + values[rng() % values.size()];
  }
  if (rng() % 2 == 0) {  // half of them carry a fresh ptime and a valid signature
    Params params{{"ptime", std::to_string(now)}};
    if (rng() % 2 == 0) params["page"] = std::to_string(rng() % 5);
    params["sign"] = polyv_vod_sign(params, "tIQp4ATe9Z");
    query = form_query(params) + (query.empty() ? "" : "&" + query);
  }
  return query;
}

TEST(PolyvVodFuzz, EveryAnswerIsAnEnvelopeWithCodeEqualToStatus) {
  TestServer server;
  std::mt19937 rng(20261123);
  for (int i = 0; i < 400; ++i) {
    const std::string target =
        "/v2/video/b0f7041324/get-by-uploader?" + random_query(rng, server.clock().now_ms());
    const auto response = server.get(target);
    ASSERT_TRUE(response.status == 200 || response.status == 400) << target;
    std::string json = response.body;
    if (response.header("content-type").rfind("application/javascript", 0) == 0) {
      const auto open = json.find('(');  // JSONP: name(json)
      ASSERT_NE(open, std::string::npos) << target;
      ASSERT_EQ(json.back(), ')') << target;
      json = json.substr(open + 1, json.size() - open - 2);
    }
    boost::system::error_code ec;
    const auto body = boost::json::parse(json, ec);
    ASSERT_FALSE(ec) << target << " -> " << response.body;
    ASSERT_TRUE(body.is_object()) << target;
    EXPECT_EQ(body.at("code").as_int64(), static_cast<std::int64_t>(response.status)) << target;
  }
  EXPECT_EQ(server.get("/healthz").status, 200u);
}

}  // namespace
}  // namespace mediagate::testing
