// `mediagate sign` and `mediagate call` (src/cli/{sign,call}_command), run as functions with
// their output captured: sign against every vector of tests/data/vectors.json, call against
// a live mediagate over a socket.
#include <gtest/gtest.h>

#include <poll.h>
#include <unistd.h>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "cli/call_command.hpp"
#include "cli/sandbox_hint_view.hpp"
#include "cli/sign_command.hpp"
#include "support/sandbox_support.hpp"
#include "support/signature_vectors.hpp"
#include "support/test_server.hpp"

namespace mediagate::testing {
namespace {

namespace json = boost::json;

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

using Environment = std::map<std::string, std::string>;

cli::CommandContext context_for(std::ostringstream& out, std::ostringstream& err,
                                const Environment& environment,
                                const core::Clock* clock = nullptr) {
  cli::CommandContext context;
  context.out = &out;
  context.err = &err;
  context.getenv = [environment](const std::string& name) -> std::optional<std::string> {
    const auto it = environment.find(name);
    if (it == environment.end()) return std::nullopt;
    return it->second;
  };
  context.clock = clock;
  return context;
}

Outcome sign(const std::vector<std::string>& args, const Environment& environment = {}) {
  std::ostringstream out;
  std::ostringstream err;
  Outcome run;
  run.exit_code = cli::run_sign(args, context_for(out, err, environment));
  run.out = out.str();
  run.err = err.str();
  return run;
}

Outcome call(const std::vector<std::string>& args, const Environment& environment,
             const core::Clock* clock) {
  std::ostringstream out;
  std::ostringstream err;
  Outcome run;
  run.exit_code = cli::run_call(args, context_for(out, err, environment, clock));
  run.out = out.str();
  run.err = err.str();
  return run;
}

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "mediagate-client-cli-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string write(const std::string& name, const std::string& text) const {
    const std::string path = path_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

 private:
  std::string path_;
};

// ---- mediagate sign ----

TEST(ClientCliSign, Help) {
  const auto run = sign({"--help"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out.rfind("Usage: mediagate sign", 0), 0u) << run.out;
}

TEST(ClientCliSign, EveryVectorOfVectorsJson) {
  const auto vectors = load_signature_vectors();
  int checked = 0;
  for (const auto& [kind, list] : vectors) {
    for (const auto& entry : list.as_array()) {
      const auto& vector = entry.as_object();
      const std::string secret(vector.at("secret").as_string());
      std::vector<std::string> args{"--vendor"};
      if (kind == "polyv_vod_sha1") {
        args.emplace_back("polyv-vod");
      } else if (kind == "iqiyi_md5") {
        args.emplace_back("iqiyi");
      } else if (kind == "pumpkin_hmac_sha1") {
        args.emplace_back("pumpkin");
        args.emplace_back("--method");
        args.emplace_back(vector.at("method").as_string());
        if (vector.at("params").at("action").as_string() != "/media/offline_sync") {
          args.emplace_back("--sign-all");  // vector P3: the demo helper's generic form
        }
      } else {
        const auto* endpoint = vector.if_contains("endpoint");
        args.emplace_back(endpoint != nullptr && endpoint->as_string() == "group" ? "polyv-group"
                                                                                  : "polyv-live");
      }
      for (const auto& [name, value] : vector.at("params").as_object()) {
        args.emplace_back("--param");
        args.push_back(std::string(name) + "=" + std::string(value.as_string()));
      }
      const auto run = sign(args, {{"MEDIAGATE_SECRET", secret}});
      SCOPED_TRACE(std::string(kind) + " " + std::string(vector.at("sign").as_string()));
      ASSERT_EQ(run.exit_code, 0) << run.err;
      std::istringstream lines(run.out);
      std::string canonical;
      std::string signed_line;
      std::string signature;
      std::getline(lines, canonical);
      std::getline(lines, signed_line);
      std::getline(lines, signature);
      EXPECT_EQ(canonical.rfind("canonical:     ", 0), 0u);
      EXPECT_EQ(signed_line.rfind("string signed: ", 0), 0u);
      EXPECT_EQ(signature, "signature:     " + std::string(vector.at("sign").as_string()));
      if (const auto* plain = vector.if_contains("plain")) {
        std::string redacted(plain->as_string());
        redacted.replace(redacted.size() - secret.size(), secret.size(), "<secret>");
        EXPECT_EQ(signed_line, "string signed: " + redacted);
      }
      EXPECT_EQ(run.out.find(secret), std::string::npos) << "the secret was printed";
      ++checked;
    }
  }
  EXPECT_EQ(checked, 16);
}

TEST(ClientCliSign, ExactOutputForSeedVectorV2) {
  const auto run = sign(
      {"--vendor", "polyv-vod", "--param", "ptime=1540780829403", "--param", "email=test1@zzs.com",
       "--param", "cataid=1", "--param", "page=1", "--param", "orderType="},
      {{"MEDIAGATE_SECRET", "tIQp4ATe9Z"}});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out,
            "canonical:     cataid=1&email=test1@zzs.com&page=1&ptime=1540780829403\n"
            "string signed: cataid=1&email=test1@zzs.com&page=1&ptime=1540780829403<secret>\n"
            "signature:     D3D40346B3A7EF59E4DADD7EE60B444246EC7D86\n");
}

TEST(ClientCliSign, IqiyiCouponVectorsOfTheBreadthSpec) {
  // vendor-spec-breadth §1.6 IU1, IQ1, IV1 (key 1234567890).
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--vendor", "iqiyi-use-vod-coupon", "--param", "area=CN", "--param", "contentId=1214805100",
        "--param", "messageId=myapp_3f2504e0-4f89-11d3-9a0c-0305e82c3302", "--param",
        "partnerCode=T_Coupon_Pepsi", "--param", "user_id=test_user_001", "--param", "version=1.0"},
       "b761a00a67f60f3a8818efb5efe65c1e"},
      {{"--vendor", "iqiyi-query-vod-coupon", "--param", "area=CN", "--param",
        "messageId=myapp_3f2504e0-4f89-11d3-9a0c-0305e82c3303", "--param",
        "partnerCode=T_Coupon_Pepsi", "--param", "user_id=test_user_001", "--param", "version=1.0"},
       "b8a2c169a0597b0f4eda43be7863c398"},
      {{"--vendor", "iqiyi-vip-info", "--param", "partner=T_Coupon_Pepsi", "--param",
        "user_id=test_user_001", "--param", "user_type=ott", "--param", "vip_type=coupon"},
       "26f2dd23880db2b03251060e0ab6a0d3"},
  };
  for (const auto& [args, expected] : cases) {
    const auto run = sign(args, {{"MEDIAGATE_SECRET", "1234567890"}});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("signature:     " + expected + "\n"), std::string::npos) << run.out;
  }
}

TEST(ClientCliSign, SecretFromAFileWinsOverTheEnvironment) {
  TempDir dir;
  const auto file = dir.write("secret", "tIQp4ATe9Z\r\n");
  const std::vector<std::string> args{"--vendor",      "polyv-vod",
                                      "--param",       "format=json",
                                      "--param",       "ptime=1492591990000",
                                      "--param",       "vid=382839019131be68715e9455f8d0971a_3",
                                      "--secret-file", file};
  const auto run = sign(args, {{"MEDIAGATE_SECRET", "something-else"}});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("signature:     50BF9B165630A8047EB1D17D95A469CC51FF754E\n"),
            std::string::npos)
      << run.out;

  EXPECT_EQ(sign({"--vendor", "polyv-vod", "--param", "a=1"}).exit_code, 2);  // no secret
  const auto missing =
      sign({"--vendor", "polyv-vod", "--secret-file", dir.write("x", "") + "nope"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot read the secret file"), std::string::npos);
  EXPECT_EQ(sign({"--vendor", "polyv-vod", "--secret-file", dir.write("empty", "\n")}).exit_code,
            2);
}

TEST(ClientCliSign, PumpkinPathIsTheSignedAction) {
  const Environment secret{{"MEDIAGATE_SECRET", "TEST_ACCESS_SECRET"}};
  const std::vector<std::string> base{"--vendor", "pumpkin",
                                      "--param",  "pid=TEST_PID",
                                      "--param",  "timestamp=1557417600000",
                                      "--param",  "signature_nonce=AbCdE12345",
                                      "--param",  "format=JSON",
                                      "--param",  "version=v1"};
  const auto default_path = sign(base, secret);
  EXPECT_NE(default_path.out.find("signature:     ABPS3k08dBuOKgcX/lGocoPOXeA=\n"),
            std::string::npos)
      << default_path.out;
  EXPECT_NE(default_path.out.find("string signed: GET&%2F&action%3D%252Fmedia%252Foffline_sync"),
            std::string::npos);
  auto other = base;
  other.insert(other.end(), {"--path", "/media/sync"});
  const auto other_path = sign(other, secret);
  EXPECT_EQ(other_path.exit_code, 0);
  EXPECT_NE(other_path.out.find("action%3D%252Fmedia%252Fsync"), std::string::npos);
}

TEST(ClientCliSign, UsageErrors) {
  const Environment secret{{"MEDIAGATE_SECRET", "s"}};
  for (const auto& args : std::vector<std::vector<std::string>>{
           {},
           {"--vendor", "youku"},
           {"--vendor", "polyv-vod", "--param", "novalue"},
           {"--vendor", "polyv-vod", "--param", "=v"},
           {"--vendor", "polyv-vod", "--param", "a=1", "--param", "a=2"},
           {"--vendor", "polyv-vod", "--param", "sign=X"},
           {"--vendor", "polyv-vod", "--path", "/x"},
           {"--vendor", "iqiyi", "--sign-all"},
           {"--vendor", "polyv-vod", "--method", "PUT"},
           {"--vendor", "polyv-vod", "--bogus"},
           {"--vendor", "polyv-vod", "stray"},
           {"--vendor", "polyv-live", "--param", "signatureMethod=MD5"}}) {
    const auto run = sign(args, secret);
    EXPECT_EQ(run.exit_code, 2) << ::testing::PrintToString(args);
    EXPECT_NE(run.err.find("Usage: mediagate sign"), std::string::npos);
  }
}

// sign and call check the vendor alike (cli::detail::read_vendor): stray words first, then a
// missing --vendor, then an unknown one; each message on stderr, exit status 2.
TEST(ClientCliSign, VendorChecksAreTheSameForSignAndCall) {
  const Environment secret{{"MEDIAGATE_SECRET", "s"}};
  const std::pair<std::vector<std::string>, std::string> cases[] = {
      {{"--vendor", "youku", "stray"}, "unexpected stray\n"},
      {{"--param", "a=1"}, "--vendor is required\n"},
      {{"--vendor", "polyv-vod", "--vendor", "youku"}, "unknown vendor youku\n"},
  };
  for (const auto& [args, message] : cases) {
    const auto signed_run = sign(args, secret);
    EXPECT_EQ(signed_run.exit_code, 2);
    EXPECT_EQ(signed_run.err.rfind("mediagate sign: " + message, 0), 0u) << signed_run.err;
    const auto called = call(args, secret, nullptr);
    EXPECT_EQ(called.exit_code, 2);
    EXPECT_EQ(called.err.rfind("mediagate call: " + message, 0), 0u) << called.err;
  }
}

// ---- mediagate call ----

class ClientCliCall : public ::testing::Test {
 protected:
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(server_.port()); }
  Outcome call_server(std::vector<std::string> args, const std::string& secret) {
    args.insert(args.begin(), {"--base-url", base_url()});
    return call(args, {{"MEDIAGATE_SECRET", secret}}, &server_.clock());
  }
  TestServer server_;
};

TEST_F(ClientCliCall, Help) {
  const auto help = call({"--help"}, {}, nullptr);
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_EQ(help.out.rfind("Usage: mediagate call", 0), 0u);
}

TEST_F(ClientCliCall, PrintsTheBodyAndSucceeds) {
  const auto vod = call_server(
      {"--vendor", "polyv-vod", "--userid", "b0f7041324", "--param", "pageSize=2"}, "tIQp4ATe9Z");
  EXPECT_EQ(vod.exit_code, 0) << vod.err;
  EXPECT_EQ(vod.err, "");
  ASSERT_FALSE(vod.out.empty());
  EXPECT_EQ(vod.out.back(), '\n');
  const auto body = json::parse(vod.out).as_object();
  EXPECT_EQ(body.at("code").as_int64(), 200);
  EXPECT_EQ(body.at("data").at("contents").as_array().size(), 2u);
}

TEST_F(ClientCliCall, EveryVendorSucceeds) {
  EXPECT_EQ(call_server({"--vendor", "polyv-live", "--param", "appId=frlr1zazn3", "--param",
                         "channelId=2272655", "--param", "startDate=2022-04-01 00:00:00", "--param",
                         "endDate=2022-05-13"},
                        "fsq2k5weced1h8vui657xtdva66whf0g")
                .exit_code,
            0);
  EXPECT_EQ(call_server({"--vendor", "polyv-group", "--param", "appId=ga1ayl6dh2", "--param",
                         "emails=testdata@polyv.com"},
                        "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d")
                .exit_code,
            0);
  for (const char* method : {"GET", "post"}) {
    const auto iqiyi = call_server(
        {"--vendor", "iqiyi", "--method", method, "--param", "partnerCode=T_Coupon_Pepsi",
         "--param", "user_id=test_user_001", "--param", "area=CN"},
        "1234567890");
    EXPECT_EQ(iqiyi.exit_code, 0) << iqiyi.err;
    EXPECT_NE(iqiyi.out.find(R"("sendGiftSize":3)"), std::string::npos) << iqiyi.out;
  }
  const auto pumpkin = call_server(
      {"--vendor", "pumpkin", "--param", "pid=TEST_PID", "--param", "timestamp=1557417600000"},
      "TEST_ACCESS_SECRET");
  EXPECT_EQ(pumpkin.exit_code, 0) << pumpkin.err;
  EXPECT_NE(pumpkin.out.find(R"("movie_id":"11332")"), std::string::npos) << pumpkin.out;
}

TEST_F(ClientCliCall, IqiyiCouponEndpoints) {
  const auto use =
      call_server({"--vendor", "iqiyi-use-vod-coupon", "--param", "partnerCode=T_Coupon_Pepsi",
                   "--param", "user_id=test_user_001", "--param", "contentId=1214805100"},
                  "1234567890");
  EXPECT_EQ(use.exit_code, 0) << use.err;
  EXPECT_NE(use.out.find(R"("code":"A00001")"), std::string::npos) << use.out;
  EXPECT_NE(use.out.find(R"("hasUsedVodCoupon":false)"), std::string::npos) << use.out;
  const auto query =
      call_server({"--vendor", "iqiyi-query-vod-coupon", "--method", "POST", "--param",
                   "partnerCode=T_Coupon_Pepsi", "--param", "user_id=test_user_001"},
                  "1234567890");
  EXPECT_EQ(query.exit_code, 0) << query.err;
  EXPECT_NE(query.out.find(R"("useStatus":1)"), std::string::npos) << query.out;
  const auto info = call_server(
      {"--vendor", "iqiyi-vip-info", "--param", "partner=T_Coupon_Pepsi", "--param",
       "user_id=test_user_001", "--param", "user_type=ott", "--param", "vip_type=coupon"},
      "1234567890");
  EXPECT_EQ(info.exit_code, 0) << info.err;
  EXPECT_EQ(info.out.rfind(R"({"code":"A00000","msg":"处理成功","data":[)", 0), 0u) << info.out;
  const auto none = call_server(
      {"--vendor", "iqiyi-use-vod-coupon", "--param", "partnerCode=T_Coupon_Pepsi", "--param",
       "user_id=test_user_002", "--param", "area=TW", "--param", "contentId=1"},
      "1234567890");
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_EQ(none.err, "mediagate call: vendor error Q00401: 用户无可用点播券\n");
}

TEST_F(ClientCliCall, PolyvSessionListOfTheJavaSdk) {
  // Issue 15: `--vendor polyv-live-info` calls /live/v3/channel/session/list (no 60-day limit,
  // no customId); `sign` prints the same form-A strings as polyv-live.
  const auto info = call_server({"--vendor", "polyv-live-info", "--param", "appId=frlr1zazn3",
                                 "--param", "channelId=2272655", "--param", "pageSize=2"},
                                "fsq2k5weced1h8vui657xtdva66whf0g");
  EXPECT_EQ(info.exit_code, 0) << info.err;
  const auto body = json::parse(info.out).as_object();
  EXPECT_EQ(body.at("data").at("totalItems").as_int64(), 5);
  const auto& first = body.at("data").at("contents").as_array().at(0).as_object();
  EXPECT_EQ(first.at("sessionId").as_string(), "livenow0001");
  EXPECT_EQ(first.if_contains("customId"), nullptr);
  const auto wrong = call_server({"--vendor", "polyv-live-info", "--param", "appId=frlr1zazn3",
                                  "--param", "channelId=2272655"},
                                 "wrong-secret");
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_EQ(wrong.out, R"({"code":400,"status":"error","message":"invalid signature.","data":""})"
                       "\n");
  const auto signed_info =
      sign({"--vendor", "polyv-live-info", "--param", "appId=frlr1zazn3", "--param",
            "timestamp=1652411923329", "--param", "channelId=2272655", "--param", "page=1",
            "--param", "pageSize=10"},
           {{"MEDIAGATE_SECRET", "fsq2k5weced1h8vui657xtdva66whf0g"}});
  EXPECT_EQ(signed_info.exit_code, 0) << signed_info.err;
  EXPECT_NE(signed_info.out.find("86C148F08E6B3384AE0177DDAA265531"), std::string::npos)
      << signed_info.out;
}

TEST_F(ClientCliCall, VendorErrorExitsOneWithTheBodyPrinted) {
  const auto wrong =
      call_server({"--vendor", "polyv-vod", "--userid", "b0f7041324"}, "wrong-secret");
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_EQ(wrong.out,
            R"({"code":400,"status":"error","message":"the sign is not right.","data":""})"
            "\n");
  EXPECT_EQ(wrong.err, "mediagate call: vendor error 400: the sign is not right.\n");

  const auto iqiyi = call_server({"--vendor", "iqiyi", "--param", "partnerCode=T_Coupon_Pepsi",
                                  "--param", "user_id=test_user_001"},
                                 "wrong-key");
  EXPECT_EQ(iqiyi.exit_code, 1);
  EXPECT_EQ(iqiyi.err, "mediagate call: vendor error Q00307: 签名错误\n");

  const auto pumpkin = call_server({"--vendor", "pumpkin", "--param", "pid=TEST_PID"}, "wrong");
  EXPECT_EQ(pumpkin.exit_code, 1);
  EXPECT_EQ(pumpkin.err, "mediagate call: vendor error 17006: sign不正确\n");
}

TEST_F(ClientCliCall, ExplainShowsEveryStep) {
  const std::string secret = "tIQp4ATe9Z";
  const auto explained = call_server({"--vendor", "polyv-vod", "--userid", "b0f7041324", "--param",
                                      "pageSize=2", "--param", "orderType=2", "--explain"},
                                     secret);
  EXPECT_EQ(explained.exit_code, 0) << explained.err;
  const std::string canonical = "orderType=2&pageSize=2&ptime=1700000000000";
  const std::string& out = explained.out;
  EXPECT_EQ(out.rfind("== parameters (generated ones included)\n"
                      "orderType=2\npageSize=2\nptime=1700000000000\n"
                      "== canonical string\n" +
                          canonical +
                          "\n"
                          "== string signed (secret redacted)\n" +
                          canonical + "<secret>\n== signature\n",
                      0),
            0u)
      << out;
  EXPECT_NE(out.find("== request\nGET " + base_url() +
                     "/v2/video/b0f7041324/get-by-uploader?orderType=2&pageSize=2"
                     "&ptime=1700000000000&sign="),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("== response\nHTTP 200\n"), std::string::npos);
  EXPECT_NE(out.find("content-type: application/json;charset=UTF-8\n"), std::string::npos);
  EXPECT_NE(out.find("== body\n{\"code\":200,"), std::string::npos);
  EXPECT_EQ(out.substr(out.size() - 20), "}\n== result\nsuccess\n");
  EXPECT_EQ(out.find(secret), std::string::npos) << "the secret was printed";

  const auto post =
      call_server({"--vendor", "iqiyi", "--method", "POST", "--param", "partnerCode=T_Coupon_Pepsi",
                   "--param", "user_id=nobody", "--explain"},
                  "1234567890");
  EXPECT_EQ(post.exit_code, 1);
  EXPECT_NE(post.out.find("== request\nPOST " + base_url() +
                          "/vod/coupon/getVodCount.action\n"
                          "content-type: application/x-www-form-urlencoded;charset=UTF-8\n\n"
                          "messageId=mediagate_"),
            std::string::npos)
      << post.out;
  EXPECT_NE(post.out.find("== result\nvendor error Q00304: "), std::string::npos);
}

TEST_F(ClientCliCall, NoVendorAnswerExitsOne) {
  const auto not_found =
      call({"--base-url", base_url() + "/nowhere", "--vendor", "pumpkin", "--param", "pid=P"},
           {{"MEDIAGATE_SECRET", "s"}}, &server_.clock());
  EXPECT_EQ(not_found.exit_code, 1);
  EXPECT_EQ(not_found.err, "mediagate call: HTTP 404 (not a vendor answer)\n");

  const auto refused = call({"--base-url", "http://127.0.0.1:1", "--vendor", "pumpkin", "--param",
                             "pid=P", "--timeout-ms", "2000"},
                            {{"MEDIAGATE_SECRET", "s"}}, nullptr);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(refused.err.rfind("mediagate call: transport: connect to 127.0.0.1:1: ", 0), 0u)
      << refused.err;
}

TEST_F(ClientCliCall, UsageErrorsSendNothing) {
  const Environment secret{{"MEDIAGATE_SECRET", "s"}};
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--vendor", "polyv-vod"},                 // no --userid
           {"--vendor", "pumpkin", "--userid", "u"},  // --userid elsewhere
           {"--vendor", "polyv-vod", "--userid", "u", "--param", "jsonp=f"},
           {"--vendor", "iqiyi", "--param", "callback=f"},
           {"--vendor", "pumpkin", "--method", "POST"},
           {"--vendor", "pumpkin", "--timeout-ms", "0"},
           {"--vendor", "pumpkin", "--base-url", "ftp://127.0.0.1:1"},
           {"--vendor", "pumpkin", "--base-url", "http://127.0.0.1:1", "--cacert", "ca.pem"},
           {"--vendor", "pumpkin", "--base-url", "127.0.0.1:1"},
           {"--vendor", "nope"},
           {"--param", "a=1"}}) {
    const auto run_result = call(args, secret, nullptr);
    EXPECT_EQ(run_result.exit_code, 2) << ::testing::PrintToString(args);
  }
  const auto ftp = call({"--vendor", "pumpkin", "--base-url", "ftp://x"}, secret, nullptr);
  EXPECT_NE(ftp.err.find("http:// or https://"), std::string::npos) << ftp.err;
  EXPECT_EQ(call({"--vendor", "pumpkin"}, {}, nullptr).exit_code, 2);  // no secret
}

// ---- mediagate call --explain against a sandbox server ----

TEST(ClientCliSandboxHints, DecodeIsPlainPercentDecoding) {
  EXPECT_EQ(cli::decode_hint_value("title=%E4%B8%AD%20a+b%25"), "title=\xE4\xB8\xAD a+b%");
  EXPECT_EQ(cli::decode_hint_value(""), "");
  EXPECT_EQ(cli::decode_hint_value("%e4"), "\xE4");
  for (const char* bad : {"%", "%4", "a%G1", "%4x"}) {
    EXPECT_FALSE(cli::decode_hint_value(bad)) << bad;
  }
}

TEST(ClientCliSandboxHints, FirstDifference) {
  EXPECT_FALSE(cli::first_difference("", ""));
  EXPECT_FALSE(cli::first_difference("abc", "abc"));
  EXPECT_EQ(cli::first_difference("abc", "abd"), 2u);
  EXPECT_EQ(cli::first_difference("abc", "ab"), 2u);
  EXPECT_EQ(cli::first_difference("", "x"), 0u);
  EXPECT_EQ(cli::describe_difference("a=1", "a=1"), "identical to the client's");
  EXPECT_EQ(
      cli::describe_difference("k=a+b<secret>", "k=a b<secret>"),
      R"(differs from the client's at byte 3 (from 0): client "+b<secret>", server " b<secret>")");
  EXPECT_EQ(cli::describe_difference("k=\xE4\"", "k="),
            R"(differs from the client's at byte 2 (from 0): client "\xE4\"", server (end))");
  const std::string long_tail(40, 'x');
  EXPECT_EQ(cli::describe_difference("a" + long_tail, "b"),
            "differs from the client's at byte 0 (from 0): client \"a" + long_tail.substr(0, 23) +
                "\"..., server \"b\"");
}

TEST(ClientCliSandboxHints, ReadsTheMainPairThenTheVariants) {
  const client::HeaderList headers{
      {"content-type", "application/json"},
      {"x-mediagate-sandbox-canonical-without-callback", "a=1"},
      {"x-mediagate-sandbox-string-to-sign-without-callback", "a=1%3Csecret%3E"},
      {"x-mediagate-sandbox-canonical", "a=1&callback=f%20g"},
      {"x-mediagate-sandbox-string-to-sign", "bad%zz"},
      {"x-mediagate-sandbox-canonicalx", "not a hint"},
      {"x-mediagate-sandbox-canonical-", "not a hint"}};
  const auto hints = cli::sandbox_hints(headers);
  ASSERT_EQ(hints.size(), 2u);
  EXPECT_EQ(hints[0].variant, "");
  EXPECT_EQ(hints[0].canonical, "a=1&callback=f g");
  EXPECT_FALSE(hints[0].string_to_sign);
  EXPECT_EQ(hints[0].raw_string_to_sign, "bad%zz");
  EXPECT_EQ(hints[1].variant, "without-callback");
  EXPECT_EQ(hints[1].canonical, "a=1");
  EXPECT_EQ(hints[1].string_to_sign, "a=1<secret>");
  EXPECT_TRUE(cli::sandbox_hints({{"content-type", "text/plain"}}).empty());
}

// One request forwarded to 127.0.0.1:`target` with its request line rewritten (every `from`
// replaced by `to`), like a proxy that "normalises" URLs on the way: the server then signs
// other bytes than the client did. Serves a single connection, waiting at most 10 s for it.
class RewritingProxy {
 public:
  RewritingProxy(unsigned short target, std::string from, std::string to)
      : target_(target), from_(std::move(from)), to_(std::move(to)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = 0;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (listener_ < 0 ||
        ::bind(listener_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 1) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      return;
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve_one(); });
  }
  ~RewritingProxy() {
    if (thread_.joinable()) thread_.join();
    if (listener_ >= 0) ::close(listener_);
  }
  RewritingProxy(const RewritingProxy&) = delete;
  RewritingProxy& operator=(const RewritingProxy&) = delete;

  unsigned short port() const { return port_; }
  // The request line as forwarded (after the rewrite); read after the exchange.
  std::string forwarded_line() {
    if (thread_.joinable()) thread_.join();
    return forwarded_line_;
  }

 private:
  void serve_one() {
    pollfd ready{listener_, POLLIN, 0};
    if (::poll(&ready, 1, 10'000) != 1) return;
    const int connection = ::accept(listener_, nullptr, nullptr);
    if (connection < 0) return;
    timeval timeout{5, 0};
    ::setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::string head;
    char buffer[4096];
    for (int reads = 0; reads < 64 && head.find("\r\n\r\n") == std::string::npos; ++reads) {
      const ssize_t n = ::recv(connection, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      head.append(buffer, static_cast<std::size_t>(n));
    }
    const auto end_of_line = head.find("\r\n");
    if (end_of_line != std::string::npos && head.find("\r\n\r\n") != std::string::npos) {
      std::string line = head.substr(0, end_of_line);
      for (auto at = line.find(from_); at != std::string::npos; at = line.find(from_, at)) {
        line.replace(at, from_.size(), to_);
        at += to_.size();
      }
      forwarded_line_ = line;
      // The server closes after answering, so that the whole answer is read.
      const std::string request = line + "\r\nConnection: close" + head.substr(end_of_line);
      const auto answer = raw_exchange(target_, request);
      ::send(connection, answer.received.data(), answer.received.size(), MSG_NOSIGNAL);
    }
    ::close(connection);
  }

  unsigned short target_;
  std::string from_;
  std::string to_;
  int listener_ = -1;
  unsigned short port_ = 0;
  std::string forwarded_line_;
  std::thread thread_;
};

class ClientCliSandbox : public ::testing::Test {
 protected:
  Outcome call_via(unsigned short port, std::vector<std::string> args, const std::string& secret) {
    args.insert(args.begin(), {"--base-url", "http://127.0.0.1:" + std::to_string(port)});
    return call(args, {{"MEDIAGATE_SECRET", secret}}, &server_.clock());
  }
  TestServer server_{sandbox_on()};
};

// The part of --explain's output from `heading` to the next "== " heading (excluded).
std::string section(const std::string& out, const std::string& heading) {
  const auto start = out.find(heading);
  if (start == std::string::npos) return {};
  const auto end = out.find("\n== ", start + heading.size());
  return out.substr(start, end == std::string::npos ? std::string::npos : end + 1 - start);
}

TEST_F(ClientCliSandbox, AWrongSecretShowsTheSameStringsOnBothSides) {
  const auto run = call_via(
      server_.port(),
      {"--vendor", "polyv-vod", "--userid", "b0f7041324", "--param", "title=中 文", "--explain"},
      "not-the-secret");
  EXPECT_EQ(run.exit_code, 1);
  const std::string canonical = "ptime=" + std::to_string(kTestNow) + "&title=中 文";
  // The client's own strings, then the server's, decoded, right before the result.
  EXPECT_NE(run.out.find("== canonical string\n" + canonical + "\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("x-mediagate-sandbox-canonical: ptime="), std::string::npos) << run.out;
  EXPECT_EQ(section(run.out, "== sandbox: what the server signed\n"),
            "== sandbox: what the server signed\n"
            "canonical string (server)\n" +
                canonical +
                "\n"
                "  identical to the client's\n"
                "string signed (server, secret redacted)\n" +
                canonical +
                "<secret>\n"
                "  identical to the client's\n"
                "the server signed the same strings: the secret differs from the one it holds\n")
      << run.out;
  EXPECT_NE(run.out.find("from the one it holds\n== result\n"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("not-the-secret"), std::string::npos) << "the secret was printed";

  // Without --explain: the body, and a pointer to --explain.
  const auto quiet =
      call_via(server_.port(), {"--vendor", "polyv-vod", "--userid", "b0f7041324"}, "wrong");
  EXPECT_EQ(quiet.exit_code, 1);
  EXPECT_EQ(quiet.out.find("sandbox"), std::string::npos) << quiet.out;
  EXPECT_EQ(quiet.err,
            "mediagate call: vendor error 400: the sign is not right.\n"
            "mediagate call: the sandbox sent what it signed; --explain compares it with the "
            "client's\n");
}

TEST_F(ClientCliSandbox, ARewrittenRequestShowsTheFirstDifferingByte) {
  // A proxy that turns an encoded '+' back into '+', which the server decodes as a space.
  RewritingProxy proxy(server_.port(), "%2B", "+");
  ASSERT_NE(proxy.port(), 0);
  const auto run = call_via(
      proxy.port(),
      {"--vendor", "polyv-vod", "--userid", "b0f7041324", "--param", "title=a+b", "--explain"},
      "tIQp4ATe9Z");  // the right secret
  EXPECT_EQ(proxy.forwarded_line().find("%2B"), std::string::npos);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  const std::string client_canonical = "ptime=" + std::to_string(kTestNow) + "&title=a+b";
  const std::string server_canonical = "ptime=" + std::to_string(kTestNow) + "&title=a b";
  const std::string at = std::to_string(client_canonical.find('+'));
  EXPECT_EQ(section(run.out, "== sandbox: what the server signed\n"),
            "== sandbox: what the server signed\n"
            "canonical string (server)\n" +
                server_canonical +
                "\n"
                "  differs from the client's at byte " +
                at +
                " (from 0): client \"+b\", server \" b\"\n"
                "string signed (server, secret redacted)\n" +
                server_canonical +
                "<secret>\n"
                "  differs from the client's at byte " +
                at + " (from 0): client \"+b<secret>\", server \" b<secret>\"\n")
      << run.out;
}

TEST_F(ClientCliSandbox, NoHintsOutsideSandboxModeOrOnSuccess) {
  TestServer normal;
  const auto refused = call_via(
      normal.port(), {"--vendor", "polyv-vod", "--userid", "b0f7041324", "--explain"}, "wrong");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(refused.out.find("== sandbox"), std::string::npos) << refused.out;
  EXPECT_EQ(refused.err, "mediagate call: vendor error 400: the sign is not right.\n");

  const auto accepted =
      call_via(server_.port(), {"--vendor", "polyv-vod", "--userid", "b0f7041324", "--explain"},
               "tIQp4ATe9Z");
  EXPECT_EQ(accepted.exit_code, 0) << accepted.err;
  EXPECT_EQ(accepted.out.find("== sandbox"), std::string::npos) << accepted.out;
}

}  // namespace
}  // namespace mediagate::testing
