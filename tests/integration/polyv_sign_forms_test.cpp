// The four canonical forms of Polyv's live/group signature (vendor-spec-breadth §2.4,
// docs/decisions/vendor-choices.md "Polyv canonical forms") over a real socket, on the three
// endpoints that use it: each form accepted, a wrong secret refused in each form with the exact
// text, the breadth spec's vectors SL1-SL4 at their own timestamp, and the sandbox hint showing
// the form nearest to what the client sent. Signatures come from tests/support/vendor_rules.
#include <gtest/gtest.h>

#include <set>

#include "support/polyv_breadth_fixture.hpp"
#include "support/sample_fixture.hpp"
#include "support/sandbox_support.hpp"
#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"

namespace mediagate::testing {
namespace {

struct Form {
  const char* name;
  bool keep_blank;
  bool sign_method;
};
constexpr Form kForms[] = {
    {"A", false, true}, {"B", false, false}, {"C", true, true}, {"D", true, false}};

struct Target {
  const char* path;
  const char* app_id;
  const char* secret;
  bool sha256_switch;  // signatureMethod=SHA256 selects SHA-256 (live), or is ordinary (group)
  unsigned bad_sign_status;
  Params params;  // besides appId, timestamp, blank values and signatureMethod
};

std::vector<Target> targets() {
  return {
      {"/live/v3/channel/session/data/list",
       sample::kLiveAppId,
       sample::kLiveSecret,
       true,
       400,
       {{"channelId", sample::kChannel}, {"startDate", "2022-04-01"}, {"endDate", "2022-05-13"}}},
      {"/live/v3/channel/session/list",
       sample::kLiveAppId,
       sample::kLiveSecret,
       true,
       400,
       {{"channelId", sample::kChannel}}},
      {"/v2/group/account/list-allocate-log",
       sample::kGroup,
       sample::kGroupSecret,
       false,
       403,
       {{"emails", "testdata@polyv.com"}}},
  };
}

std::string error_body(unsigned code, const std::string& message) {
  return R"({"code":)" + std::to_string(code) + R"(,"status":"error","message":")" + message +
         R"(","data":""})";
}

class PolyvSignForms : public ::testing::Test {
 protected:
  // The target's parameters with a fresh timestamp, an empty `page`, a whitespace-only
  // `requestId` and signatureMethod=SHA256, so that the four forms all differ.
  Params params_of(const Target& t) {
    Params params = t.params;
    params["appId"] = t.app_id;
    params["timestamp"] = std::to_string(server_.clock().now_ms());
    params["page"] = "";
    params["requestId"] = " ";
    params["signatureMethod"] = "SHA256";
    return params;
  }
  client::ClientResponse send(const Target& t, Params params, const std::string& sign) {
    params["sign"] = sign;
    return server_.get(std::string(t.path) + "?" + form_query(params));
  }

  TestServer server_;
};

TEST_F(PolyvSignForms, EveryFormAcceptedOnEveryEndpoint) {
  for (const auto& t : targets()) {
    const auto params = params_of(t);
    std::set<std::string> seen;
    for (const auto& form : kForms) {
      SCOPED_TRACE(std::string(t.path) + " form " + form.name);
      const auto sign = polyv_live_sign_form(params, t.secret, t.sha256_switch, form.keep_blank,
                                             form.sign_method);
      seen.insert(sign);
      const auto response = send(t, params, sign);
      EXPECT_EQ(response.status, 200u) << response.body;
      EXPECT_EQ(response.body.rfind(R"({"code":200,"status":"success",)", 0), 0u);
    }
    EXPECT_EQ(seen.size(), 4u) << t.path;  // four different strings were signed
  }
}

TEST_F(PolyvSignForms, AWrongSecretIsRefusedInEveryForm) {
  for (const auto& t : targets()) {
    const auto params = params_of(t);
    for (const auto& form : kForms) {
      SCOPED_TRACE(std::string(t.path) + " form " + form.name);
      std::string wrong = t.secret;
      wrong.back() = wrong.back() == '0' ? '1' : '0';
      const auto response = send(
          t, params,
          polyv_live_sign_form(params, wrong, t.sha256_switch, form.keep_blank, form.sign_method));
      EXPECT_EQ(response.status, t.bad_sign_status);
      EXPECT_EQ(response.body, error_body(t.bad_sign_status, "invalid signature."));
      EXPECT_TRUE(sandbox_headers(response).empty());  // hints only in sandbox mode
    }
  }
}

TEST_F(PolyvSignForms, TheDigestMustBeTheOneAskedFor) {
  for (const auto& t : targets()) {
    const auto params = params_of(t);
    for (const auto& form : kForms) {
      SCOPED_TRACE(std::string(t.path) + " form " + form.name);
      // Live: SHA-256 was asked for, MD5 sent. Group: MD5 only, SHA-256 sent.
      const auto response = send(t, params,
                                 polyv_live_sign_form(params, t.secret, !t.sha256_switch,
                                                      form.keep_blank, form.sign_method));
      EXPECT_EQ(response.body, error_body(t.bad_sign_status, "invalid signature."));
    }
  }
}

TEST_F(PolyvSignForms, LowercaseOrAnotherRequestsSignatureIsStillRefused) {
  const auto t = targets()[1];
  const auto params = params_of(t);
  auto sign = polyv_live_sign_form(params, t.secret, true, true, false);
  std::string lower = sign;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(send(t, params, lower).body, error_body(400, "invalid signature."));
  // Another value of the blank parameter under the same signature.
  auto changed = params;
  changed["requestId"] = "  ";
  EXPECT_EQ(send(t, changed, sign).body, error_body(400, "invalid signature."));
}

// vendor-spec-breadth §2.5, at the vectors' own timestamp, on the channel they name.
class PolyvSignFormVectors : public ::testing::Test {
 protected:
  PolyvSignFormVectors() { server_.clock().set(kBreadthVectorTime); }

  static Params base() {
    return {{"appId", "frlr1zazn3"},     {"timestamp", "1621841156849"}, {"channelId", "2191532"},
            {"startDate", "2020-01-01"}, {"endDate", "2021-01-01"},      {"page", "1"},
            {"pageSize", "10"}};
  }
  client::ClientResponse send(Params params, const std::string& sign,
                              const char* path = "/live/v3/channel/session/list") {
    params["sign"] = sign;
    return server_.get(std::string(path) + "?" + form_query(params));
  }
  // The one session of 2191532 in 2020-01-01 .. 2021-01-01.
  static void expect_listed(const client::ClientResponse& response) {
    EXPECT_EQ(response.status, 200u) << response.body;
    EXPECT_NE(response.body.find(R"("contents":[{"channelId":2191532,"sessionId":"fz3e0q7ckd",)"),
              std::string::npos)
        << response.body;
  }

  BreadthFixture fixture_;
  TestServer server_{{}, {fixture_.path()}};
};

TEST_F(PolyvSignFormVectors, SL1JavaSdkWithRequestId) {
  auto params = base();
  params["requestId"] = "3f2504e04f8911d39a0c0305e82c3301";
  ASSERT_EQ(polyv_live_sign_form(params, sample::kLiveSecret, false, false, true),
            "B0C898157DD02A2A4BEBC4AAD3A92DD7");
  expect_listed(send(params, "B0C898157DD02A2A4BEBC4AAD3A92DD7"));
  // A year is over /data/list's 60 days: refused there once the signature is verified.
  EXPECT_EQ(
      send(params, "B0C898157DD02A2A4BEBC4AAD3A92DD7", "/live/v3/channel/session/data/list").body,
      error_body(400, "param validate error"));
}

TEST_F(PolyvSignFormVectors, SL2BaseOnly) {
  expect_listed(send(base(), "81BEBB746031B87170FF2DC7552F146E"));
  EXPECT_EQ(send(base(), "81BEBB746031B87170FF2DC7552F146F").body,
            error_body(400, "invalid signature."));
}

TEST_F(PolyvSignFormVectors, SL3EmptyStartDateInFormsAAndC) {
  auto params = base();
  params["startDate"] = "";
  for (const char* sign :
       {"4A8B4BCAD66481371B843538356138B8", "97A0B66147418471DFA0B37882FDB010"}) {
    SCOPED_TRACE(sign);
    expect_listed(send(params, sign));
  }
  // The other request's signature (startDate present) does not cover this one.
  EXPECT_EQ(send(params, "81BEBB746031B87170FF2DC7552F146E").body,
            error_body(400, "invalid signature."));
}

TEST_F(PolyvSignFormVectors, SL4Sha256FormsBAndA) {
  auto params = base();
  params["signatureMethod"] = "SHA256";
  for (const char* sign : {"2994D02DDE2761618043D6C8C3DB80C8ED8C2952564716ECB594709DC1AF8E34",
                           "957DFC10D9C868C0B5B2F2EDC4C99DDDD111DEF35BB82C76AECD3A98C046EF6C"}) {
    SCOPED_TRACE(sign);
    expect_listed(send(params, sign));
  }
}

TEST(PolyvSignFormHints, TheSandboxShowsTheNearestForm) {
  TestServer server(sandbox_on());
  const auto now = std::to_string(server.clock().now_ms());
  auto hint_of = [&](Params params) {
    params["sign"] = "0123456789ABCDEF0123456789ABCDEF";
    const auto response = server.get("/live/v3/channel/session/list?" + form_query(params));
    EXPECT_EQ(response.body, error_body(400, "invalid signature."));
    EXPECT_EQ(sandbox_headers(response).size(), 2u);
    return percent_decode(response.header("x-mediagate-sandbox-canonical")).value_or("?");
  };
  Params params{{"appId", sample::kLiveAppId},
                {"channelId", sample::kChannel},
                {"timestamp", now},
                {"signatureMethod", "SHA256"}};
  // Nothing blank on the wire: form A, signatureMethod signed (decisions.md's default).
  EXPECT_EQ(hint_of(params), "appIdfrlr1zazn3channelId2272655signatureMethodSHA256timestamp" + now);
  // A blank value on the wire: the client signs it (form D, signatureMethod left out).
  params["page"] = "";
  EXPECT_EQ(hint_of(params), "appIdfrlr1zazn3channelId2272655pagetimestamp" + now);
  // The group endpoint the same way.
  Params group{{"appId", sample::kGroup}, {"emails", "a@b.c"}, {"timestamp", now}, {"type", ""}};
  group["sign"] = "0123456789ABCDEF0123456789ABCDEF";
  const auto response = server.get("/v2/group/account/list-allocate-log?" + form_query(group));
  EXPECT_EQ(response.body, error_body(403, "invalid signature."));
  EXPECT_EQ(percent_decode(response.header("x-mediagate-sandbox-canonical")).value_or("?"),
            "appIdga1ayl6dh2emailsa@b.ctimestamp" + now + "type");
}

}  // namespace
}  // namespace mediagate::testing
