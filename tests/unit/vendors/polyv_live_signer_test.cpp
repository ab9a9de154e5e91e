#include "vendors/polyv/polyv_live_signer.hpp"

#include <gtest/gtest.h>

namespace mediagate::vendors::polyv {
namespace {

constexpr std::string_view kSecret = "fsq2k5weced1h8vui657xtdva66whf0g";
const core::ParamMap kL1 = {{"appId", "frlr1zazn3"},
                            {"timestamp", "1652411923329"},
                            {"channelId", "2272655"},
                            {"page", "1"},
                            {"pageSize", "10"}};

TEST(PolyvLiveSigner, L1IntermediateStrings) {
  const auto trace = polyv_live_sign(kL1, kSecret);
  EXPECT_EQ(trace.canonical,
            "appIdfrlr1zazn3channelId2272655page1pageSize10timestamp1652411923329");
  EXPECT_EQ(
      trace.string_to_sign,
      "fsq2k5weced1h8vui657xtdva66whf0gappIdfrlr1zazn3channelId2272655page1pageSize10timestamp"
      "1652411923329fsq2k5weced1h8vui657xtdva66whf0g");
  EXPECT_EQ(trace.string_to_sign_redacted,
            "<secret>appIdfrlr1zazn3channelId2272655page1pageSize10timestamp1652411923329<secret>");
  EXPECT_EQ(trace.signature, "86C148F08E6B3384AE0177DDAA265531");
  EXPECT_EQ(trace.canonical.find(kSecret), std::string::npos);
}

TEST(PolyvLiveSigner, GitbookExamplePlainString) {
  const core::ParamMap params = {{"channelIds", "2477096,2272655"},
                                 {"startDay", "2022-05-20"},
                                 {"endDay", "2022-06-18"},
                                 {"appId", "g4rqgmmjuo"},
                                 {"timestamp", "1660270926732"},
                                 {"page", ""},
                                 {"size", ""}};
  const auto trace = polyv_live_sign(params, kSecret);
  EXPECT_EQ(trace.string_to_sign,
            "fsq2k5weced1h8vui657xtdva66whf0gappIdg4rqgmmjuochannelIds2477096,2272655endDay2022-06-"
            "18startDay2022-05-20timestamp1660270926732fsq2k5weced1h8vui657xtdva66whf0g");
  EXPECT_EQ(trace.signature, "0D2BDA2FD04D93A2B8832B91FD973C4D");
}

TEST(PolyvLiveSigner, GroupG1PlainString) {
  const core::ParamMap params = {
      {"appId", "ga1ayl6dh2"}, {"timestamp", "1574072498000"}, {"emails", "testdata@polyv.com"}};
  const auto trace = polyv_live_sign(params, kSecret);
  EXPECT_EQ(trace.string_to_sign,
            "fsq2k5weced1h8vui657xtdva66whf0gappIdga1ayl6dh2emailstestdata@polyv.comtimestamp"
            "1574072498000fsq2k5weced1h8vui657xtdva66whf0g");
  EXPECT_EQ(trace.signature, "EE17134E6D80423808633462C5228561");
}

TEST(PolyvLiveSigner, ValuesAreRawWithLiteralSpaces) {
  auto params = kL1;
  params.emplace("startDate", "2022-04-01 00:00:00");
  params.emplace("endDate", "2022-05-13");
  const auto trace = polyv_live_sign(params, kSecret);
  EXPECT_NE(trace.canonical.find("startDate2022-04-01 00:00:00"), std::string::npos);
  EXPECT_EQ(trace.signature, "F0AEA06EF600CCA05B842BC68FB44CF0");
}

TEST(PolyvLiveSigner, Sha256SignsSignatureMethodItself) {
  auto params = kL1;
  params.emplace("signatureMethod", "SHA256");
  const auto trace = polyv_live_sign(params, kSecret, PolyvDigest::kSha256);
  EXPECT_NE(trace.canonical.find("signatureMethodSHA256"), std::string::npos);
  EXPECT_EQ(trace.signature, "9DB25C6A43274C6606FC7ABD359314C6C07491780A367A2BC811B8D0F5C207AF");
  // The spec's "excluded" variant (form B, the TypeScript SDK's): not what mediagate's own
  // signer computes, but accepted since forms A-D are (polyv_sign_forms_test.cpp).
  EXPECT_EQ(polyv_live_sign(kL1, kSecret, PolyvDigest::kSha256).signature,
            "BD28F78321F90D2B9426BED64244DB21C397D78A5C579422C4A0E2C343F70224");
  EXPECT_EQ(polyv_live_sign(params, kSecret, PolyvDigest::kSha256, kPolyvFormB).signature,
            "BD28F78321F90D2B9426BED64244DB21C397D78A5C579422C4A0E2C343F70224");
  EXPECT_FALSE(polyv_live_verify_form(
      params, kSecret, "BD28F78321F90D2B9426BED64244DB21C397D78A5C579422C4A0E2C343F70224",
      PolyvDigest::kSha256, kPolyvFormA));
}

TEST(PolyvLiveSigner, DigestFromParams) {
  core::ParamMap params = kL1;
  EXPECT_EQ(polyv_digest_from_params(params), PolyvDigest::kMd5);
  params["signatureMethod"] = "";
  EXPECT_EQ(polyv_digest_from_params(params), PolyvDigest::kMd5);
  params["signatureMethod"] = "SHA256";
  EXPECT_EQ(polyv_digest_from_params(params), PolyvDigest::kSha256);
  for (const char* unsupported : {"MD5", "sha256", "SHA-256", "SHA1", " SHA256"}) {
    params["signatureMethod"] = unsupported;
    EXPECT_EQ(polyv_digest_from_params(params), std::nullopt) << unsupported;
  }
}

TEST(PolyvLiveSigner, SignAndEmptyValuesAreNotSigned) {
  auto params = kL1;
  params.emplace("sign", "86C148F08E6B3384AE0177DDAA265531");
  params.emplace("requestId", "");
  EXPECT_EQ(polyv_live_sign(params, kSecret).signature, "86C148F08E6B3384AE0177DDAA265531");
}

TEST(PolyvLiveSigner, VerifyIsExactUppercaseAndDigestSpecific) {
  EXPECT_TRUE(polyv_live_verify(kL1, kSecret, "86C148F08E6B3384AE0177DDAA265531"));
  EXPECT_FALSE(polyv_live_verify(kL1, kSecret, "86c148f08e6b3384ae0177ddaa265531"));
  EXPECT_FALSE(
      polyv_live_verify(kL1, kSecret, "86C148F08E6B3384AE0177DDAA265531", PolyvDigest::kSha256));
  EXPECT_FALSE(polyv_live_verify(kL1, kSecret, ""));
}

}  // namespace
}  // namespace mediagate::vendors::polyv
