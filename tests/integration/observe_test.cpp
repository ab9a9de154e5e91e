// Seeing inside, over real sockets (issue 12, items 1-3): the request journal in sandbox
// (full) and production (metadata) modes, GET /metrics parsed by Prometheus's own Python
// parser, and the /livez and /readyz probes.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "support/admin_client.hpp"
#include "support/redis_env.hpp"
#include "support/sandbox_support.hpp"
#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"

namespace mediagate::testing {
namespace {

constexpr const char* kVodUser = "b0f7041324";
constexpr const char* kVodSecret = "tIQp4ATe9Z";
constexpr const char* kWrongSign = "0123456789ABCDEF0123456789ABCDEF";

std::string vod_target(const std::string& sign) {
  Params params{{"ptime", std::to_string(kTestNow)}, {"page", "1"}, {"sign", sign}};
  return "/v2/video/" + std::string(kVodUser) + "/get-by-uploader?" + form_query(params);
}
std::string good_vod_target() {
  Params params{{"ptime", std::to_string(kTestNow)}, {"page", "1"}};
  return vod_target(polyv_vod_sign(params, kVodSecret));
}

// Metrics text parsed by tests/support/parse_metrics.py with Debian's python3-prometheus-client
// (hence /usr/bin/python3, not whichever python3 comes first on PATH).
struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};
std::vector<Sample> parse_metrics(const std::string& text, const std::string& directory) {
  const std::string file = directory + "/metrics.txt";
  std::ofstream(file, std::ios::binary) << text;
  const std::string command =
      "/usr/bin/python3 " + source_path("tests/support/parse_metrics.py") + " " + file + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run python3");
  std::string out;
  char buffer[4096];
  while (const auto n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  const int status = pclose(pipe);
  if (status != 0) throw std::runtime_error("parse_metrics.py: " + out);
  std::vector<Sample> samples;
  const json::value document = json::parse(out);
  for (const auto& item : document.as_array()) {
    Sample sample;
    sample.name = item.at("name").as_string();
    for (const auto& [key, value] : item.at("labels").as_object()) {
      sample.labels[std::string(key)] = value.as_string();
    }
    const auto& value = item.at("value");
    sample.value = value.is_double()  ? value.as_double()
                   : value.is_int64() ? static_cast<double>(value.as_int64())
                                      : -1;
    samples.push_back(std::move(sample));
  }
  return samples;
}

// The value of the sample `name` whose labels include `labels`; -1 when none.
double value_of(const std::vector<Sample>& samples, const std::string& name,
                const std::map<std::string, std::string>& labels) {
  for (const auto& sample : samples) {
    if (sample.name != name) continue;
    bool all = true;
    for (const auto& [key, value] : labels) {
      const auto it = sample.labels.find(key);
      all = all && it != sample.labels.end() && it->second == value;
    }
    if (all) return sample.value;
  }
  return -1;
}

class ObserveSandbox : public ::testing::Test {
 protected:
  TestServer server_{sandbox_on(), {source_path("fixtures/sample.json")}, kToken};
  AdminClient admin_{server_};
};

TEST_F(ObserveSandbox, DoneWhenABadSignatureIsJournaledCountedAndTheServerIsReady) {
  const auto good = server_.get(good_vod_target());
  ASSERT_EQ(good.status, 200u) << good.body;
  const auto bad = server_.get(vod_target(kWrongSign));
  ASSERT_EQ(bad.status, 400u) << bad.body;

  // The journal shows the bad one, with its reason, and never the signature or the secret.
  const auto journal = admin_.get("/journal?verdict=bad_signature");
  ASSERT_EQ(journal.status, 200u) << journal.body;
  EXPECT_EQ(journal.body.find(kWrongSign), std::string::npos);
  EXPECT_EQ(journal.body.find(kVodSecret), std::string::npos);
  const auto body = parsed(journal);
  EXPECT_EQ(body.at("mode").as_string(), "full");
  EXPECT_EQ(body.at("total").as_int64(), 1);
  const auto& entry = body.at("items").at(0);
  EXPECT_EQ(entry.at("verdict").as_string(), "bad_signature");
  EXPECT_EQ(entry.at("step").as_string(), "signature");
  EXPECT_EQ(entry.at("vendor").as_string(), "polyv");
  EXPECT_EQ(entry.at("partner").as_string(), kVodUser);
  EXPECT_EQ(entry.at("status").as_int64(), 400);
  EXPECT_EQ(entry.at("client").as_string(), "127.0.0.1");
  EXPECT_EQ(entry.at("time_ms").as_int64(), kTestNow);
  bool sign_masked = false;
  for (const auto& parameter : entry.at("parameters").as_array()) {
    if (parameter.at("name").as_string() == "sign") {
      sign_masked = parameter.at("masked").as_bool() && parameter.at("value").as_string() == "***";
    }
    if (parameter.at("name").as_string() == "page") {
      EXPECT_EQ(parameter.at("value").as_string(), "1");
    }
  }
  EXPECT_TRUE(sign_masked) << journal.body;
  // What the server signed, the secret replaced.
  const auto& signature = entry.at("signature").at(0);
  EXPECT_NE(signature.at("canonical").as_string().find("ptime=" + std::to_string(kTestNow)),
            std::string::npos);
  EXPECT_NE(signature.at("string_to_sign").as_string().find("<secret>"), std::string::npos);
  const std::string curl(entry.at("curl").as_string());
  EXPECT_EQ(curl.rfind("curl 'http://127.0.0.1:", 0), 0u) << curl;
  EXPECT_NE(curl.find("/get-by-uploader?"), std::string::npos) << curl;
  EXPECT_NE(curl.find("sign='\"${SIGN}\""), std::string::npos) << curl;

  // Both are journaled, newest first; one entry can be read by its id.
  const auto all = parsed(admin_.get("/journal"));
  ASSERT_EQ(all.at("total").as_int64(), 2);
  EXPECT_EQ(all.at("items").at(0).at("verdict").as_string(), "bad_signature");
  EXPECT_EQ(all.at("items").at(1).at("verdict").as_string(), "ok");
  EXPECT_EQ(all.at("items").at(1).at("step").as_string(), "domain");
  const auto id = entry.at("id").as_int64();
  const auto one = admin_.get("/journal/" + std::to_string(id));
  EXPECT_EQ(one.status, 200u);
  EXPECT_EQ(parsed(one).at("verdict").as_string(), "bad_signature");

  // Counted in the metrics, which Prometheus's parser accepts; the duration histogram is there.
  // The server records an answer's duration once its last byte is written, which the client can
  // read first: scrape until both durations are in (at most 2 s; a loaded machine).
  const std::string route = "/v2/video/{userid}/get-by-uploader";
  const std::map<std::string, std::string> bad_duration = {
      {"http_request_method", "GET"}, {"http_route", route}, {"http_response_status_code", "400"}};
  const std::map<std::string, std::string> good_duration = {
      {"http_request_method", "GET"}, {"http_route", route}, {"http_response_status_code", "200"}};
  client::HttpClient metrics_client("127.0.0.1", server_.admin_port());
  std::optional<client::ClientResponse> metrics;
  std::vector<Sample> samples;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  do {
    if (!samples.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto scraped = metrics_client.request("GET", "/metrics", "", "",
                                          {{"Authorization", std::string("Bearer ") + kToken}});
    ASSERT_TRUE(scraped);
    metrics = std::move(*scraped);
    ASSERT_EQ(metrics->status, 200u);
    samples = parse_metrics(metrics->body, server_.directory());
  } while ((value_of(samples, "http_server_request_duration_seconds_count", bad_duration) != 1 ||
            value_of(samples, "http_server_request_duration_seconds_count", good_duration) != 1) &&
           std::chrono::steady_clock::now() < give_up);
  EXPECT_EQ(metrics->header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string endpoint = "polyv-vod";
  EXPECT_EQ(value_of(samples, "mediagate_signature_failures_total",
                     {{"endpoint", endpoint}, {"vendor", "polyv"}, {"reason", "mismatch"}}),
            1);
  EXPECT_EQ(value_of(samples, "mediagate_pipeline_verdicts_total",
                     {{"endpoint", endpoint}, {"verdict", "ok"}}),
            1);
  EXPECT_EQ(value_of(samples, "mediagate_vendor_responses_total",
                     {{"endpoint", endpoint}, {"code", "400"}}),
            1);
  EXPECT_EQ(value_of(samples, "http_server_request_duration_seconds_count", bad_duration), 1);
  EXPECT_EQ(value_of(samples, "http_server_request_duration_seconds_bucket",
                     {{"http_route", route}, {"http_response_status_code", "200"}, {"le", "+Inf"}}),
            1);
  EXPECT_EQ(value_of(samples, "mediagate_build_info", {}), 1);
  EXPECT_EQ(value_of(samples, "mediagate_journal_entries", {}), 2);
  EXPECT_GE(value_of(samples, "mediagate_open_connections", {{"listener", "admin"}}), 1);
  // Nothing waits for a handler thread between requests (and with none, nothing ever does).
  EXPECT_EQ(value_of(samples, "mediagate_handler_queue_depth", {}), 0);
  EXPECT_EQ(value_of(samples, "mediagate_handler_threads_busy", {}), 0);
  EXPECT_GE(value_of(samples, "mediagate_store_call_duration_seconds_count",
                     {{"operation", "credential_lookup"}}),
            2);
  // No partner id in any label.
  for (const auto& sample : samples) {
    for (const auto& [key, value] : sample.labels) EXPECT_NE(value, kVodUser) << sample.name;
  }

  // Ready and live.
  const auto ready = server_.get("/readyz");
  EXPECT_EQ(ready.status, 200u);
  EXPECT_EQ(ready.body, R"({"status":"ready"})");
  EXPECT_EQ(server_.get("/livez").status, 200u);
  EXPECT_EQ(server_.get("/healthz").body, R"({"status":"ok"})");
}

TEST_F(ObserveSandbox, MetricsNeedTheAdminToken) {
  client::HttpClient metrics_client("127.0.0.1", server_.admin_port());
  const auto anonymous = metrics_client.request("GET", "/metrics", "", "", {});
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401u);
}

TEST_F(ObserveSandbox, JournalsStaleRequestsWithBothTimesAndClearsOnDelete) {
  Params params{{"ptime", std::to_string(kTestNow - 3'600'000)}};
  params["sign"] = polyv_vod_sign(params, kVodSecret);
  server_.get("/v2/video/" + std::string(kVodUser) + "/get-by-uploader?" + form_query(params));
  const auto body = parsed(admin_.get("/journal?verdict=stale"));
  ASSERT_EQ(body.at("total").as_int64(), 1) << body;
  const auto& entry = body.at("items").at(0);
  EXPECT_EQ(entry.at("request_time_ms").as_int64(), kTestNow - 3'600'000);
  EXPECT_EQ(entry.at("time_ms").as_int64(), kTestNow);
  EXPECT_EQ(admin_.del("/journal").status, 204u);
  EXPECT_EQ(parsed(admin_.get("/journal")).at("total").as_int64(), 0);
}

TEST_F(ObserveSandbox, RefusesUnknownFiltersAndVerdicts) {
  expect_error(admin_.get("/journal?verdict=nope"), 400, "invalid_parameter", "verdict");
  expect_error(admin_.get("/journal?colour=red"), 400, "invalid_parameter", "colour");
  expect_error(admin_.get("/journal?since=yesterday"), 400, "invalid_parameter", "since");
  expect_error(admin_.get("/journal/999"), 404, "not_found", "id");
}

TEST_F(ObserveSandbox, JournalsInjectedFaults) {
  ASSERT_EQ(admin_.put("/sandbox/faults/polyv-vod", R"({"error_rate":1})").status, 200u);
  server_.get(good_vod_target());
  const auto body = parsed(admin_.get("/journal?verdict=injected_fault"));
  ASSERT_EQ(body.at("total").as_int64(), 1) << body;
  EXPECT_EQ(body.at("items").at(0).at("step").as_string(), "fault");
}

// A body the endpoint cannot read is refused after its JSONP callback is known (the refusal is
// wrapped in it), but it is the decode step that refused it.
TEST_F(ObserveSandbox, AnUnreadableBodyIsJournaledAsTheDecodeStep) {
  auto response = server_.client().post("/vod/coupon/getVodCount.action?callback=cb",
                                        R"({"user_id":"u1"})", "application/json");
  ASSERT_TRUE(response) << response.error();
  EXPECT_EQ(response->status, 200u);  // iQiyi answers its errors with 200
  const auto body = parsed(admin_.get("/journal?verdict=undecodable"));
  ASSERT_EQ(body.at("total").as_int64(), 1) << body;
  EXPECT_EQ(body.at("items").at(0).at("step").as_string(), "decode");
}

TEST(ObserveJournal, FullKeepsWithinItsBound) {
  TestServer server(sandbox_on([](core::Config& c) { c.journal.max_entries = 5; }),
                    {source_path("fixtures/sample.json")}, kToken);
  for (int i = 0; i < 12; ++i) server.get(vod_target(kWrongSign));
  AdminClient admin(server);
  const auto body = parsed(admin.get("/journal?limit=100"));
  EXPECT_EQ(body.at("total").as_int64(), 5);
  EXPECT_EQ(body.at("stats").at("entries").as_int64(), 5);
  EXPECT_EQ(body.at("stats").at("dropped").as_int64(), 7);
  EXPECT_LE(body.at("stats").at("bytes").as_int64(), body.at("stats").at("max_bytes").as_int64());
}

TEST(ObserveJournal, MetadataModeKeepsNoParameters) {
  TestServer server([](core::Config& c) { c.journal.mode = "metadata"; },
                    {source_path("fixtures/sample.json")}, kToken);
  server.get(vod_target(kWrongSign));
  AdminClient admin(server);
  const auto journal = admin.get("/journal");
  ASSERT_EQ(journal.status, 200u);
  EXPECT_EQ(journal.body.find(kWrongSign), std::string::npos);
  EXPECT_EQ(journal.body.find("ptime"), std::string::npos);
  const auto body = parsed(journal);
  EXPECT_EQ(body.at("mode").as_string(), "metadata");
  const auto& entry = body.at("items").at(0);
  EXPECT_EQ(entry.at("verdict").as_string(), "bad_signature");
  EXPECT_TRUE(entry.at("parameters").is_null());
  EXPECT_TRUE(entry.at("signature").is_null());
  EXPECT_TRUE(entry.at("curl").is_null());
}

TEST(ObserveJournal, OffOutsideSandboxByDefault) {
  TestServer server({}, {source_path("fixtures/sample.json")}, kToken);
  AdminClient admin(server);
  expect_error(admin.get("/journal"), 404, "not_found");
}

TEST(ObserveMetrics, ASeparateLoopbackListenerServesThemWithoutAToken) {
  TestServer server([](core::Config& c) { c.metrics.listen = "127.0.0.1:0"; });
  ASSERT_NE(server.app().metrics_port(), 0);
  server.get("/healthz");
  server.get("/no/such/path");
  client::HttpClient metrics_client("127.0.0.1", server.app().metrics_port());
  // A request is counted once its answer's write has ended, which the server learns after the
  // client has read the answer: scrape until the last one is counted (at most 5 s).
  std::vector<Sample> samples;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  do {
    const auto metrics = metrics_client.request("GET", "/metrics", "", "", {});
    ASSERT_TRUE(metrics);
    ASSERT_EQ(metrics->status, 200u);
    samples = parse_metrics(metrics->body, server.directory());
    if (value_of(samples, "http_server_request_duration_seconds_count",
                 {{"http_route", "unmatched"}}) >= 1) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  } while (std::chrono::steady_clock::now() < deadline);
  EXPECT_EQ(value_of(samples, "http_server_request_duration_seconds_count",
                     {{"http_route", "/healthz"}, {"http_response_status_code", "200"}}),
            1);
  // An unknown path collapses into one route label; the path itself is never a label.
  EXPECT_EQ(value_of(samples, "http_server_request_duration_seconds_count",
                     {{"http_route", "unmatched"}, {"http_response_status_code", "404"}}),
            1);
  for (const auto& sample : samples) {
    for (const auto& [key, value] : sample.labels) EXPECT_NE(value, "/no/such/path");
  }
}

// With Redis and handler threads, answers count their rate limit over the event loop's Redis
// connection: its calls and their bytes outstanding are gauged, and back to zero once answered.
TEST(ObserveMetrics, TheEventLoopsRedisCallsAndBytesAreGauged) {
  MEDIAGATE_NEED_REDIS(redis_url);
  TestServer server([&](core::Config& c) {
    c.metrics.listen = "127.0.0.1:0";
    c.shared_state.url = redis_url;
    c.shared_state.key_prefix = fresh_redis_prefix();
    c.handler_threads = 2;
  });
  const std::string path = "/v2/video/" + std::string(kVodUser) + "/get-by-uploader";
  for (int i = 0; i < 3; ++i) {
    const auto refused = server.get(path);  // unsigned: counted by the limiter, then refused
    EXPECT_EQ(refused.status, 400u);
  }
  client::HttpClient metrics_client("127.0.0.1", server.app().metrics_port());
  const auto metrics = metrics_client.request("GET", "/metrics", "", "", {});
  ASSERT_TRUE(metrics);
  ASSERT_EQ(metrics->status, 200u);
  const auto samples = parse_metrics(metrics->body, server.directory());
  EXPECT_EQ(value_of(samples, "mediagate_redis_event_loop_pending_calls", {}), 0);
  EXPECT_EQ(value_of(samples, "mediagate_redis_event_loop_pending_bytes", {}), 0);
}

TEST(ObserveReadiness, NotReadyWhileSharedStateIsUnreachable) {
  TestServer server([](core::Config& c) {
    c.shared_state.url = "redis://127.0.0.1:1";
    c.shared_state.connect_timeout_ms = 200;
  });
  const auto ready = server.get("/readyz");
  EXPECT_EQ(ready.status, 503u);
  EXPECT_EQ(ready.body, R"({"status":"not_ready","reason":"shared state unreachable"})");
  EXPECT_EQ(server.get("/livez").status, 200u);
}

}  // namespace
}  // namespace mediagate::testing
