// The OpenAPI document over a toy declaration that names no vendor: what `describe` reads from a
// declaration (every answer in pipeline order, merged when equal, unset ones left out) and how
// the document writes parameters, schemas and extensions.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <limits>
#include <string>

#include "endpoint/describe.hpp"
#include "endpoint/openapi.hpp"

namespace mediagate::endpoint {
namespace {

namespace json = boost::json;

constexpr Answer kMissing{400, "M", "missing: ", {}, true};
constexpr Answer kBad{400, "B", "bad value"};
constexpr Answer kUnknown{404, "K", "unknown partner"};
constexpr Answer kBadSign{403, "S", "bad sign"};
constexpr Answer kFuture{400, "F", "from the future"};

struct Call {
  std::string_view partner;
  std::string_view sign;
  core::EpochMs ts = 0;
};
struct Partner {};

http::Response render_refusal(const Refusal& refusal, const Reply&) {
  http::Response response;
  response.status = refusal.answer.http_status;
  response.body = R"({"code":")" + std::string(refusal.answer.code) + R"(","text":")" +
                  refusal.message() + R"("})";
  return response;
}
http::Response render_success(std::string_view data, const Reply& reply) {
  http::Response response;
  response.body = R"({"code":"OK","data":)" + std::string(data) + "}";
  if (reply.callback) {
    response.content_type = "application/javascript";
    response.body = *reply.callback + "(" + response.body + ")";
  }
  return response;
}

const Endpoint<Call, Partner>& toy() {
  using P = Parameter<Call>;
  static const Endpoint<Call, Partner> kToy{
      .name = "toy",
      .log_vendor = "toy-vendor",
      .pattern = "/toys/{partner}/list",
      .methods = {"GET"},
      .summary = "a toy",
      .partner = "partner",
      .partner_source = Source::kPath,
      .undecodable = kBad,
      .callback_param = "cb",
      .bad_callback = kBad,
      .parameters =
          {
              P{.name = "partner",
                .source = Source::kPath,
                .required = true,
                .missing = kMissing,
                .read = read_text<&Call::partner>},
              P{.name = "sign",
                .required = true,
                .missing = kMissing,
                .read = read_text<&Call::sign>,
                .format = "hex"},
              P{.name = "ts",
                .required = true,
                .missing = kMissing,
                .read =
                    [](Call& c, std::string_view) {
                      c.ts = 1;
                      return true;
                    },
                .malformed = kBad,
                .format = "milliseconds"},
              P{.name = "order",
                .phase = Phase::kAfterSignature,
                .read = [](Call&, std::string_view) { return true; },
                .malformed = kBad,
                .format = "asc | desc",
                .fallback = "asc"},
              P{.name = "size", .format = "digits", .fallback_note = "the setting toy.size"},
          },
      .freshness = Freshness<Call>{
          .parameter = "ts",
          .timestamp = &Call::ts,
          .past_ms = [](const core::Config&) { return std::numeric_limits<std::int64_t>::max(); },
          .future_ms = [](const core::Config&) { return std::int64_t{1000}; },
          .too_old = {},  // any age: no answer to document
          .in_future = kFuture},
      .find_credential = nullptr,
      .signature = {.mismatch = kBadSign,
                    .parameter = "sign",
                    .signed_set = "every parameter but sign",
                    .rule = "HEX(HASH(set))"},
      .credential_refusals = {refuse(Verdict::kUnknownCredential, kUnknown, "partner")},
      .data_example = R"({"items":[{"id":1,"name":"x","gone":null}],"more":false})",
      .render_success = render_success,
      .render_refusal = render_refusal,
  };
  return kToy;
}

std::vector<std::string> whens(const AnswerDoc& answer) {
  return answer.when;
}

TEST(Describe, ListsEveryAnswerInPipelineOrderMergedWhenEqual) {
  const auto doc = describe(toy(), core::Config{});
  ASSERT_EQ(doc.answers.size(), 8u);
  // Undecodable and a bad callback share an answer but not a verdict.
  EXPECT_EQ(doc.answers[0].verdict, Verdict::kUndecodable);
  EXPECT_EQ(doc.answers[1].verdict, Verdict::kMalformedParameter);
  EXPECT_EQ(whens(doc.answers[1]),
            (std::vector<std::string>{"malformed: cb (not a safe callback name)", "malformed: ts",
                                      "malformed: order"}));
  // A text that names its field is one answer per field, exactly as on the wire.
  EXPECT_EQ(doc.answers[2].message, "missing: partner");
  EXPECT_EQ(doc.answers[3].message, "missing: sign");
  EXPECT_EQ(doc.answers[4].message, "missing: ts");
  EXPECT_EQ(doc.answers[5].verdict, Verdict::kFuture);  // too_old is unset: not listed
  EXPECT_EQ(doc.answers[6].verdict, Verdict::kUnknownCredential);
  EXPECT_EQ(doc.answers[6].http_status, 404u);
  EXPECT_EQ(doc.answers[7].verdict, Verdict::kBadSignature);
  EXPECT_EQ(doc.answers[7].body, R"({"code":"S","text":"bad sign"})");
  ASSERT_TRUE(doc.freshness);
  EXPECT_FALSE(doc.freshness->past_ms);
  EXPECT_EQ(doc.freshness->future_ms, 1000);
  EXPECT_EQ(doc.success_body.substr(0, 21), R"({"code":"OK","data":{)");
  EXPECT_EQ(doc.jsonp_body.substr(0, 9), "callback(");
}

TEST(OpenApiDocument, WritesParametersResponsesAndExtensions) {
  const auto text = openapi_document({describe(toy(), core::Config{})}, {"toys", "all of them"});
  const auto document = json::parse(text);
  EXPECT_EQ(document.at("openapi").as_string(), "3.1.0");
  const auto& get = document.at("paths").at("/toys/{partner}/list").at("get");
  EXPECT_EQ(get.at("operationId").as_string(), "toy");
  const auto& parameters = get.at("parameters").as_array();
  ASSERT_EQ(parameters.size(), 5u);
  EXPECT_EQ(parameters[0].at("in").as_string(), "path");
  EXPECT_TRUE(parameters[0].at("required").as_bool());
  EXPECT_EQ(parameters[3].at("schema").at("enum"), json::parse(R"(["asc","desc"])"));
  EXPECT_EQ(parameters[3].at("schema").at("default").as_string(), "asc");
  EXPECT_FALSE(parameters[4].at("schema").as_object().contains("default"));
  EXPECT_NE(std::string(parameters[4].at("description").as_string()).find("the setting toy.size"),
            std::string::npos);

  const auto& responses = get.at("responses").as_object();
  EXPECT_TRUE(responses.contains("200"));
  EXPECT_TRUE(responses.contains("400"));
  EXPECT_TRUE(responses.contains("403"));
  EXPECT_TRUE(responses.contains("404"));
  const auto& ok = responses.at("200").at("content").at("application/json");
  EXPECT_EQ(ok.at("schema").at("properties").at("data").at("properties").at("items").at("type"),
            "array");
  EXPECT_EQ(ok.at("examples").at("success").at("value").at("data").at("more"), false);
  EXPECT_TRUE(responses.at("200").at("content").as_object().contains("application/javascript"));

  const auto& signature = get.at("x-mediagate-signature");
  EXPECT_EQ(signature.at("parameter").as_string(), "sign");
  EXPECT_EQ(signature.at("signedSet").as_string(), "every parameter but sign");
  EXPECT_EQ(signature.at("answer").at("code").as_string(), "S");
  EXPECT_EQ(get.at("x-mediagate-freshness").at("futureMs").as_int64(), 1000);
  EXPECT_FALSE(get.at("x-mediagate-freshness").as_object().contains("pastMs"));
  EXPECT_EQ(get.at("x-mediagate-answers").as_array().size(), 8u);
  EXPECT_EQ(get.at("x-mediagate-jsonp").at("parameter").as_string(), "cb");
}

TEST(SchemaOf, DescribesTheShapeOfAnExample) {
  core::JsonWriter w;
  write_schema_of(w, json::parse(R"({"a":1,"b":"x","c":[true],"d":null,"e":1.5,"f":{}})"));
  EXPECT_EQ(json::parse(w.str()),
            json::parse(R"({"type":"object","properties":{"a":{"type":"integer"},)"
                        R"("b":{"type":"string"},"c":{"type":"array","items":{"type":"boolean"}},)"
                        R"("d":{},"e":{"type":"number"},"f":{"type":"object","properties":{}}},)"
                        R"("required":["a","b","c","d","e","f"]})"));
}

TEST(MediaType, DropsParameters) {
  EXPECT_EQ(media_type("application/json;charset=UTF-8"), "application/json");
  EXPECT_EQ(media_type("text/plain"), "text/plain");
}

}  // namespace
}  // namespace mediagate::endpoint
