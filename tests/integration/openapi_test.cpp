// The OpenAPI documents (issue 12, item 4), over real sockets: GET /openapi.json names every
// vendor endpoint with its parameters, signature rule and every answer exactly as the
// declarations hold them (checked against every error answer the wire golden file recorded);
// GET /admin/v1/openapi.json needs the admin token; both pass an OpenAPI 3.1 validator from npm
// (tests/openapi/validate.mjs, installed by scripts/install-deps.sh).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/admin_client.hpp"
#include "support/sandbox_support.hpp"
#include "support/test_server.hpp"
#include "vendors/modules.hpp"

namespace mediagate::testing {
namespace {

constexpr const char* kVodPath = "/v2/video/{userid}/get-by-uploader";
constexpr const char* kLivePath = "/live/v3/channel/session/data/list";
constexpr const char* kGroupPath = "/v2/group/account/list-allocate-log";
constexpr const char* kIqiyiPath = "/vod/coupon/getVodCount.action";
constexpr const char* kPumpkinPath = "/media/offline_sync";

json::value fetch_document(TestServer& server) {
  const auto response = server.get("/openapi.json");
  EXPECT_EQ(response.status, 200u);
  return json::parse(response.body);
}

const json::object& operation(const json::value& document, const std::string& path,
                              const std::string& method) {
  return document.at("paths").at(path).at(method).as_object();
}

// Whether `operation`'s x-mediagate-answers holds this answer.
bool answers(const json::object& operation, std::int64_t status, const std::string& code,
             const std::string& message) {
  for (const auto& answer : operation.at("x-mediagate-answers").as_array()) {
    if (answer.at("status").as_int64() == status && answer.at("code").as_string() == code &&
        answer.at("message").as_string() == message) {
      return true;
    }
  }
  return false;
}

const json::object* parameter(const json::object& operation, const std::string& name) {
  for (const auto& p : operation.at("parameters").as_array()) {
    if (p.at("name").as_string() == name) return &p.as_object();
  }
  return nullptr;
}

TEST(OpenApi, NamesTheSeedPathsAndEveryRouteWithTheirMethods) {
  TestServer server;
  const auto document = fetch_document(server);
  EXPECT_EQ(document.at("openapi").as_string(), "3.1.0");
  const auto& paths = document.at("paths").as_object();
  for (const char* path : {kVodPath, kLivePath, kGroupPath, kIqiyiPath, kPumpkinPath}) {
    EXPECT_TRUE(paths.contains(path)) << path;
  }
  // Every registered vendor route, once per pattern.
  std::set<std::string> patterns;
  for (const auto& route : vendors::routes()) patterns.insert(route.pattern);
  EXPECT_EQ(paths.size(), patterns.size());
  for (const auto& pattern : patterns) EXPECT_TRUE(paths.contains(pattern)) << pattern;
  EXPECT_TRUE(paths.at(kIqiyiPath).as_object().contains("get"));
  EXPECT_TRUE(paths.at(kIqiyiPath).as_object().contains("post"));
  EXPECT_FALSE(paths.at(kVodPath).as_object().contains("post"));
}

TEST(OpenApi, VodParametersSignatureAndErrorTextsAreTheDeclarations) {
  TestServer server;
  const auto document = fetch_document(server);
  const auto& vod = operation(document, kVodPath, "get");
  const auto* userid = parameter(vod, "userid");
  ASSERT_NE(userid, nullptr);
  EXPECT_EQ(userid->at("in").as_string(), "path");
  EXPECT_TRUE(userid->at("required").as_bool());
  const auto* sign = parameter(vod, "sign");
  ASSERT_NE(sign, nullptr);
  EXPECT_EQ(sign->at("in").as_string(), "query");
  EXPECT_TRUE(sign->at("required").as_bool());
  const auto* order = parameter(vod, "orderType");
  ASSERT_NE(order, nullptr);
  EXPECT_FALSE(order->at("required").as_bool());
  EXPECT_EQ(order->at("schema").at("default").as_string(), "1");
  EXPECT_EQ(order->at("schema").at("enum"), json::parse(R"(["1","2","3","4"])"));

  const auto& signature = vod.at("x-mediagate-signature").as_object();
  EXPECT_EQ(signature.at("parameter").as_string(), "sign");
  EXPECT_NE(std::string(signature.at("rule").as_string()).find("SHA1"), std::string::npos);
  EXPECT_FALSE(signature.at("signedSet").as_string().empty());
  EXPECT_EQ(signature.at("answer").at("message").as_string(), "the sign is not right.");
  EXPECT_EQ(signature.at("answer").at("status").as_int64(), 400);

  for (const char* text :
       {"the sign is not right.", "sign can not be empty.", "ptime is too old.",
        "ptime is illegal.", "Could not find user by userid.", "cata is not exist.",
        "child user not exist.", "param validate error", "qps exceeds number of calls"}) {
    EXPECT_TRUE(answers(vod, 400, "400", text)) << text;
  }
  EXPECT_TRUE(answers(vod, 500, "500", "query failed."));
  EXPECT_EQ(vod.at("x-mediagate-freshness").at("parameter").as_string(), "ptime");
  EXPECT_EQ(vod.at("x-mediagate-freshness").at("pastMs").as_int64(), 180'000);
  EXPECT_EQ(vod.at("x-mediagate-jsonp").at("parameter").as_string(), "jsonp");
  EXPECT_EQ(vod.at("x-mediagate-rate-limit").at("group").as_string(), "polyv");
  // The examples are the vendor's envelope as rendered, the JSONP one included.
  const auto& bad = vod.at("responses").at("400").at("content").at("application/json");
  EXPECT_EQ(bad.at("examples").at("bad_signature").at("value"),
            json::parse(R"({"code":400,"status":"error","message":"the sign is not right.",)"
                        R"("data":""})"));
  const auto& jsonp = vod.at("responses").at("200").at("content").at("application/javascript");
  EXPECT_EQ(std::string(jsonp.at("examples").at("success").at("value").as_string()).substr(0, 9),
            "callback(");
}

TEST(OpenApi, OtherEndpointsKeepTheirVendorsTexts) {
  TestServer server;
  const auto document = fetch_document(server);
  const auto& live = operation(document, kLivePath, "get");
  EXPECT_TRUE(answers(live, 400, "400", "invalid signature."));
  EXPECT_TRUE(answers(live, 400, "400", "param should not be empty: appId"));
  EXPECT_TRUE(answers(live, 500, "500", "access forbidden"));
  const auto& group = operation(document, kGroupPath, "get");
  EXPECT_TRUE(answers(group, 403, "403", "invalid signature."));
  EXPECT_TRUE(answers(group, 400, "400", "account is forbidden."));

  for (const char* method : {"get", "post"}) {
    const auto& iqiyi = operation(document, kIqiyiPath, method);
    EXPECT_TRUE(answers(iqiyi, 200, "Q00307", "签名错误")) << method;
    EXPECT_EQ(iqiyi.at("x-mediagate-replay").at("tokenParameter").as_string(), "messageId");
    EXPECT_EQ(iqiyi.at("x-mediagate-jsonp").at("parameter").as_string(), "callback");
  }
  // POST takes the parameters as a form.
  const auto& post = operation(document, kIqiyiPath, "post");
  const auto& form =
      post.at("requestBody").at("content").at("application/x-www-form-urlencoded").at("schema");
  EXPECT_TRUE(form.at("properties").as_object().contains("messageId"));

  const auto& pumpkin = operation(document, kPumpkinPath, "get");
  EXPECT_TRUE(answers(pumpkin, 200, "17006", "sign不正确"));
  EXPECT_TRUE(answers(pumpkin, 200, "17007", "pid错误或无此接口调用权限"));
  EXPECT_FALSE(pumpkin.at("x-mediagate-freshness").as_object().contains("pastMs"));
  EXPECT_EQ(pumpkin.at("x-mediagate-replay").at("tokenParameter").as_string(), "signature_nonce");
}

// The path template of `document` that `path` matches ("" when none).
std::string template_of(const json::object& paths, const std::string& path) {
  auto split = [](const std::string& text) {
    std::vector<std::string> parts;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, '/');) parts.push_back(part);
    return parts;
  };
  const auto segments = split(path);
  for (const auto& [pattern, item] : paths) {
    const auto parts = split(std::string(pattern));
    if (parts.size() != segments.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      same = same && (parts[i] == segments[i] || (!parts[i].empty() && parts[i].front() == '{'));
    }
    if (same) return std::string(pattern);
  }
  return {};
}

// Every scalar of `value`, as text.
void leaves(const json::value& value, std::set<std::string>& out) {
  if (value.is_object()) {
    for (const auto& [key, item] : value.as_object()) leaves(item, out);
  } else if (value.is_array()) {
    for (const auto& item : value.as_array()) leaves(item, out);
  } else if (value.is_string()) {
    out.insert(std::string(value.as_string()));
  } else {
    out.insert(json::serialize(value));
  }
}

// One declaration, one source of truth: every error answer the five endpoints gave in the wire
// golden test (status, vendor code and text) is one the document lists for that operation.
TEST(OpenApi, ListsEveryErrorAnswerTheWireGoldenFileRecorded) {
  TestServer server;
  const auto document = fetch_document(server);
  const auto& paths = document.at("paths").as_object();
  std::ifstream golden(source_path("tests/data/wire/golden.jsonl"));
  ASSERT_TRUE(golden) << "tests/data/wire/golden.jsonl";
  int checked = 0;
  for (std::string line; std::getline(golden, line);) {
    const auto record = json::parse(line).as_object();
    if (record.at("kind").as_string() != "error") continue;
    const std::string target(record.at("target").as_string());
    const std::string path = target.substr(0, target.find('?'));
    const std::string pattern = template_of(paths, path);
    ASSERT_FALSE(pattern.empty()) << record.at("case") << ": no path in the document";
    std::string method(record.at("method").as_string());
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto& op = operation(document, pattern, method);
    // JSONP answers: the JSON inside the call.
    std::string body(record.at("body").as_string());
    if (!body.empty() && body.front() != '{') {
      body = body.substr(body.find('(') + 1);
      body = body.substr(0, body.rfind(')'));
    }
    std::set<std::string> texts;
    leaves(json::parse(body), texts);
    const auto status = record.at("status").as_int64();
    bool found = false;
    for (const auto& answer : op.at("x-mediagate-answers").as_array()) {
      found = found || (answer.at("status").as_int64() == status &&
                        texts.count(std::string(answer.at("code").as_string())) == 1 &&
                        texts.count(std::string(answer.at("message").as_string())) == 1);
    }
    EXPECT_TRUE(found) << record.at("case") << " answered " << status << " " << body
                       << ", which the document does not list";
    ++checked;
  }
  EXPECT_GT(checked, 200);
}

TEST(OpenApi, AdminDocumentNeedsTheTokenAndListsTheAdminRoutes) {
  TestServer server({}, {source_path("fixtures/sample.json")}, kToken);
  AdminClient anonymous(server, "");
  EXPECT_EQ(anonymous.get("/openapi.json").status, 401u);
  AdminClient wrong(server, "Bearer not-the-token");
  EXPECT_EQ(wrong.get("/openapi.json").status, 401u);

  AdminClient admin(server);
  const auto response = admin.get("/openapi.json");
  ASSERT_EQ(response.status, 200u) << response.body;
  const auto document = parsed(response);
  EXPECT_EQ(document.at("openapi").as_string(), "3.1.0");
  const auto& paths = document.at("paths").as_object();
  for (const char* path : {"/admin/v1/openapi.json", "/admin/v1/status", "/admin/v1/journal",
                           "/admin/v1/import", "/admin/v1/polyv/accounts/{userId}",
                           "/admin/v1/iqiyi/partners", "/admin/v1/pumpkin/media/{movieId}"}) {
    EXPECT_TRUE(paths.contains(path)) << path;
  }
  // Sandbox controls are mounted, and documented, in sandbox mode only.
  EXPECT_FALSE(paths.contains("/admin/v1/sandbox/clock"));
  const auto& create = paths.at("/admin/v1/polyv/accounts").at("post");
  EXPECT_TRUE(create.at("responses").as_object().contains("201"));
  EXPECT_TRUE(create.at("responses").as_object().contains("401"));
  EXPECT_FALSE(create.at("summary").as_string().empty());
  // A body that may be left out says so (a single kind of secret to rotate).
  EXPECT_FALSE(paths.at("/admin/v1/pumpkin/partners/{pid}/rotate-secret")
                   .at("post")
                   .at("requestBody")
                   .at("required")
                   .as_bool());
  EXPECT_TRUE(paths.at("/admin/v1/polyv/accounts/{userId}/rotate-secret")
                  .at("post")
                  .at("requestBody")
                  .at("required")
                  .as_bool());
  const auto& list = paths.at("/admin/v1/journal").at("get");
  bool verdict = false;
  for (const auto& p : list.at("parameters").as_array()) {
    verdict = verdict || p.at("name").as_string() == "verdict";
  }
  EXPECT_TRUE(verdict);
}

// Runs tests/openapi/validate.mjs on `files`; its output, and whether it passed.
std::pair<bool, std::string> validate(const std::vector<std::string>& files) {
  std::string command = "node " + source_path("tests/openapi/validate.mjs");
  for (const auto& file : files) command += " '" + file + "'";
  command += " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {false, "cannot run node"};
  std::string out;
  char buffer[4096];
  while (const auto n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  return {pclose(pipe) == 0, out};
}

TEST(OpenApi, BothDocumentsPassTheOpenApiValidator) {
  ASSERT_TRUE(std::filesystem::exists(
      source_path("tests/openapi/node_modules/@seriousme/openapi-schema-validator")))
      << "run ./scripts/install-deps.sh (npm ci in tests/openapi)";
  // Sandbox mode with metrics: every admin route the server can mount.
  TestServer server(sandbox_on(), {source_path("fixtures/sample.json")}, kToken);
  AdminClient admin(server);
  const std::string vendor = server.directory() + "/openapi.json";
  const std::string operator_api = server.directory() + "/admin-openapi.json";
  std::ofstream(vendor, std::ios::binary) << server.get("/openapi.json").body;
  const auto admin_document = admin.get("/openapi.json");
  ASSERT_EQ(admin_document.status, 200u);
  EXPECT_TRUE(parsed(admin_document).at("paths").as_object().contains("/admin/v1/sandbox/clock"));
  std::ofstream(operator_api, std::ios::binary) << admin_document.body;

  const auto [valid, output] = validate({vendor, operator_api});
  EXPECT_TRUE(valid) << output;
  EXPECT_NE(output.find("valid OpenAPI 3.1"), std::string::npos) << output;
}

// The validator is not a rubber stamp: a document the OpenAPI schema refuses (a parameter "in"
// the body, OpenAPI 2's way), or whose path template and parameters disagree, fails it.
TEST(OpenApi, TheValidatorRefusesBrokenDocuments) {
  TestServer server;
  const auto document = fetch_document(server);
  auto vod_parameters = [](json::value& d) -> json::array& {
    return d.at("paths").at(kVodPath).at("get").at("parameters").as_array();
  };
  auto in_body = document;
  vod_parameters(in_body)[1].as_object()["in"] = "body";
  auto renamed = document;
  vod_parameters(renamed)[0].as_object()["name"] = "user";
  for (const auto& [name, broken] : {std::pair{"in-body", in_body}, {"renamed", renamed}}) {
    const std::string file = server.directory() + "/" + name + ".json";
    std::ofstream(file, std::ios::binary) << json::serialize(broken);
    const auto [valid, output] = validate({file});
    EXPECT_FALSE(valid) << name << ": " << output;
  }
}

}  // namespace
}  // namespace mediagate::testing
