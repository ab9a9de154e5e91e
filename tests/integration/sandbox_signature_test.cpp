// Sandbox mode's signature hints over a real socket, for all five endpoints: a refused signature
// gets the server's canonical string and redacted string to sign in response headers (equal,
// once decoded, to what src/auth's signer computes for the request), with the vendor's status
// and body byte-identical to a server outside sandbox mode, which sends no such header. The
// secret never appears anywhere in either answer.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/params.hpp"
#include "support/sandbox_support.hpp"
#include "support/test_server.hpp"
#include "support/vendor_rules.hpp"
#include "vendors/iqiyi/iqiyi_signer.hpp"
#include "vendors/polyv/polyv_live_signer.hpp"
#include "vendors/polyv/polyv_vod_signer.hpp"
#include "vendors/pumpkin/pumpkin_signer.hpp"

namespace mediagate::testing {
namespace {

constexpr const char* kCanonical = "x-mediagate-sandbox-canonical";
constexpr const char* kStringToSign = "x-mediagate-sandbox-string-to-sign";
constexpr const char* kWrongSign = "0123456789ABCDEF0123456789ABCDEF";

// A value with UTF-8 Chinese, a space, '%', '+' and '&' in it, to exercise the header encoding.
constexpr const char* kAwkward = "中文 测试%+&=值";

core::ParamMap server_params(const Params& params) {
  auto parsed = core::parse_params(form_query(params));
  if (!parsed) throw std::runtime_error("test parameters do not parse");
  return *parsed;
}

// One request to the same endpoint on a sandbox server and on a normal one.
class SandboxSignature : public ::testing::Test {
 protected:
  struct Answers {
    client::ClientResponse sandbox;
    client::ClientResponse normal;
  };
  Answers both(const std::string& target) { return {sandbox_.get(target), normal_.get(target)}; }

  // The common checks of a refused signature; returns the sandbox answer's decoded headers.
  static void expect_hints(const Answers& answers, const auth::SignatureTrace& expected,
                           const std::string& secret) {
    // Status and body are the vendor's, byte for byte.
    EXPECT_EQ(answers.sandbox.status, answers.normal.status);
    EXPECT_EQ(answers.sandbox.body, answers.normal.body);
    // Outside sandbox mode nothing is revealed.
    EXPECT_TRUE(sandbox_headers(answers.normal).empty());
    // The headers carry the signer's canonical and redacted strings, encoded as documented.
    const auto canonical = percent_decode(answers.sandbox.header(kCanonical));
    const auto to_sign = percent_decode(answers.sandbox.header(kStringToSign));
    ASSERT_TRUE(canonical && to_sign);
    EXPECT_EQ(*canonical, expected.canonical);
    EXPECT_EQ(*to_sign, expected.string_to_sign_redacted);
    for (const auto& [name, value] : sandbox_headers(answers.sandbox)) {
      for (const char c : value) {
        EXPECT_TRUE(c > 0x20 && c < 0x7F) << name << ": " << value;
      }
    }
    // Never the secret, the raw string to sign or the expected signature.
    for (const auto* response : {&answers.sandbox, &answers.normal}) {
      EXPECT_EQ(response->body.find(secret), std::string::npos);
      EXPECT_EQ(response->body.find(expected.signature), std::string::npos);
      for (const auto& [name, value] : response->headers) {
        const auto decoded = percent_decode(value).value_or(value);
        EXPECT_EQ(decoded.find(secret), std::string::npos) << name;
        EXPECT_EQ(decoded.find(expected.signature), std::string::npos) << name;
        if (expected.string_to_sign != expected.string_to_sign_redacted) {
          EXPECT_NE(decoded, expected.string_to_sign) << name;
        }
      }
    }
  }

  TestServer sandbox_{sandbox_on()};
  TestServer normal_{};
};

TEST_F(SandboxSignature, PolyvVod) {
  const std::string secret = "tIQp4ATe9Z";
  Params params{{"ptime", std::to_string(kTestNow)}, {"email", kAwkward}, {"sign", kWrongSign}};
  const auto answers = both("/v2/video/b0f7041324/get-by-uploader?" + form_query(params));
  EXPECT_EQ(answers.sandbox.status, 400u);
  EXPECT_NE(answers.sandbox.body.find("the sign is not right."), std::string::npos);
  const auto expected = vendors::polyv::polyv_vod_sign(server_params(params), secret);
  EXPECT_NE(expected.canonical.find(kAwkward), std::string::npos);  // really encoded
  expect_hints(answers, expected, secret);
  // The redacted string marks where the secret goes.
  EXPECT_EQ(*percent_decode(answers.sandbox.header(kStringToSign)),
            expected.canonical + "<secret>");
}

TEST_F(SandboxSignature, PolyvLive) {
  const std::string secret = "fsq2k5weced1h8vui657xtdva66whf0g";
  Params params{{"appId", "frlr1zazn3"},
                {"channelId", "2272655"},
                {"timestamp", std::to_string(kTestNow)},
                {"extra", kAwkward},
                {"sign", kWrongSign}};
  const auto answers = both("/live/v3/channel/session/data/list?" + form_query(params));
  EXPECT_EQ(answers.sandbox.status, 400u);
  EXPECT_NE(answers.sandbox.body.find("invalid signature."), std::string::npos);
  const auto expected = vendors::polyv::polyv_live_sign(server_params(params), secret);
  expect_hints(answers, expected, secret);
  EXPECT_EQ(*percent_decode(answers.sandbox.header(kStringToSign)),
            "<secret>" + expected.canonical + "<secret>");
}

TEST_F(SandboxSignature, PolyvLiveSha256) {
  const std::string secret = "fsq2k5weced1h8vui657xtdva66whf0g";
  Params params{{"appId", "frlr1zazn3"},
                {"channelId", "2272655"},
                {"timestamp", std::to_string(kTestNow)},
                {"signatureMethod", "SHA256"},
                {"sign", kWrongSign}};
  const auto answers = both("/live/v3/channel/session/data/list?" + form_query(params));
  const auto expected = vendors::polyv::polyv_live_sign(server_params(params), secret,
                                                        vendors::polyv::PolyvDigest::kSha256);
  expect_hints(answers, expected, secret);
}

TEST_F(SandboxSignature, PolyvGroup) {
  const std::string secret = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d";
  Params params{{"appId", "ga1ayl6dh2"},
                {"timestamp", std::to_string(kTestNow)},
                {"emails", "testdata@polyv.com"},
                {"remark", kAwkward},
                {"sign", kWrongSign}};
  const auto answers = both("/v2/group/account/list-allocate-log?" + form_query(params));
  EXPECT_EQ(answers.sandbox.status, 403u);
  const auto expected = vendors::polyv::polyv_live_sign(server_params(params), secret);
  expect_hints(answers, expected, secret);

  // A missing sign is refused as a wrong one, with the same help.
  params.erase("sign");
  const auto unsigned_answers = both("/v2/group/account/list-allocate-log?" + form_query(params));
  expect_hints(unsigned_answers, vendors::polyv::polyv_live_sign(server_params(params), secret),
               secret);
}

TEST_F(SandboxSignature, IqiyiWithAndWithoutCallback) {
  const std::string key = "1234567890";
  Params params{{"messageId", "myapp_3f2504e0-4f89-11d3-9a0c-sandbox00001"},
                {"version", "1.0"},
                {"partnerCode", "T_Coupon_Pepsi"},
                {"user_id", "test_user_001"},
                {"note", kAwkward},
                {"sign", "0123456789abcdef0123456789abcdef"}};
  const std::string path = "/vod/coupon/getVodCount.action?";
  auto answers = both(path + form_query(params));
  EXPECT_EQ(answers.sandbox.status, 200u);
  EXPECT_EQ(answers.sandbox.body, R"({"code":"Q00307","msg":"签名错误"})");
  expect_hints(answers, vendors::iqiyi::iqiyi_sign(server_params(params), key), key);
  EXPECT_EQ(sandbox_headers(answers.sandbox).size(), 2u);  // one candidate without a callback

  // With a callback the server accepts it signed or not: both candidates are shown.
  params["callback"] = "cb_1";
  answers = both(path + form_query(params));
  const auto map = server_params(params);
  expect_hints(answers,
               vendors::iqiyi::iqiyi_sign(map, key, vendors::iqiyi::IqiyiCallback::kSigned), key);
  const auto excluded =
      vendors::iqiyi::iqiyi_sign(map, key, vendors::iqiyi::IqiyiCallback::kExcluded);
  EXPECT_EQ(percent_decode(answers.sandbox.header(std::string(kCanonical) + "-without-callback")),
            excluded.canonical);
  EXPECT_EQ(
      percent_decode(answers.sandbox.header(std::string(kStringToSign) + "-without-callback")),
      excluded.string_to_sign_redacted);
  EXPECT_EQ(sandbox_headers(answers.sandbox).size(), 4u);

  // POST form bodies are signed like the query.
  params.erase("callback");
  const std::string form = form_query(params);
  auto sandbox_post = sandbox_.client().post("/vod/coupon/getVodCount.action", form,
                                             "application/x-www-form-urlencoded");
  ASSERT_TRUE(sandbox_post);
  EXPECT_EQ(percent_decode(sandbox_post->header(kCanonical)),
            vendors::iqiyi::iqiyi_sign(server_params(params), key).canonical);
}

TEST_F(SandboxSignature, Pumpkin) {
  const std::string secret = "TEST_ACCESS_SECRET";
  Params params{{"pid", "TEST_PID"},
                {"timestamp", "1557417600000"},
                {"signature_nonce", kAwkward},
                {"format", "JSON"},
                {"version", "v1"},
                {"action", "/media/offline_sync"},
                {"mode", "ignored-extra"},
                {"sign", "AAAAAAAAAAAAAAAAAAAAAAAAAAA="}};
  const auto answers = both("/media/offline_sync?" + form_query(params));
  EXPECT_EQ(answers.sandbox.status, 200u);
  EXPECT_NE(answers.sandbox.body.find("sign不正确"), std::string::npos);
  const auto signed_set =
      vendors::pumpkin::pumpkin_signed_set(server_params(params), "/media/offline_sync");
  const auto expected = vendors::pumpkin::pumpkin_sign(signed_set, "GET", secret);
  expect_hints(answers, expected, secret);
  // The extra parameter is not part of what the server signs.
  EXPECT_EQ(expected.canonical.find("mode"), std::string::npos);
}

TEST_F(SandboxSignature, AcceptedSignaturesAndOtherErrorsCarryNoHint) {
  Params params{{"ptime", std::to_string(kTestNow)}};
  params["sign"] = polyv_vod_sign(params, "tIQp4ATe9Z");
  const auto ok = sandbox_.get("/v2/video/b0f7041324/get-by-uploader?" + form_query(params));
  EXPECT_EQ(ok.status, 200u) << ok.body;
  EXPECT_TRUE(sandbox_headers(ok).empty());
  // An unknown user is not a signature mismatch: no hint (there is no secret to sign with).
  const auto unknown = sandbox_.get("/v2/video/nosuchuser/get-by-uploader?" + form_query(params));
  EXPECT_EQ(unknown.status, 400u);
  EXPECT_TRUE(sandbox_headers(unknown).empty());
}

}  // namespace
}  // namespace mediagate::testing
