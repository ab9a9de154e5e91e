// The four canonical forms of the Polyv live/group signature (vendor-spec-breadth §2.4) and the
// breadth spec's vectors SL1-SL4 (§2.5), with the dummy secret.
#include <gtest/gtest.h>

#include <set>

#include "vendors/polyv/polyv_live_signer.hpp"

namespace mediagate::vendors::polyv {
namespace {

constexpr std::string_view kSecret = "fsq2k5weced1h8vui657xtdva66whf0g";
constexpr std::string_view kOtherSecret = "fsq2k5weced1h8vui657xtdva66whf0h";

// The GitBook session-list example's parameters.
core::ParamMap base() {
  return {{"appId", "frlr1zazn3"},     {"timestamp", "1621841156849"}, {"channelId", "2191532"},
          {"startDate", "2020-01-01"}, {"endDate", "2021-01-01"},      {"page", "1"},
          {"pageSize", "10"}};
}

TEST(PolyvSignForms, Names) {
  EXPECT_EQ(polyv_form_name(kPolyvFormA), "A");
  EXPECT_EQ(polyv_form_name(kPolyvFormB), "B");
  EXPECT_EQ(polyv_form_name(kPolyvFormC), "C");
  EXPECT_EQ(polyv_form_name(kPolyvFormD), "D");
  EXPECT_EQ(std::set<std::string_view>(
                {polyv_form_name(kPolyvSignForms[0]), polyv_form_name(kPolyvSignForms[1]),
                 polyv_form_name(kPolyvSignForms[2]), polyv_form_name(kPolyvSignForms[3])})
                .size(),
            4u);
}

TEST(PolyvSignForms, Blank) {
  EXPECT_TRUE(polyv_blank(""));
  EXPECT_TRUE(polyv_blank(" "));
  EXPECT_TRUE(polyv_blank(" \t\r\n"));
  EXPECT_TRUE(polyv_blank(std::string_view("\x00\x1F", 2)));
  EXPECT_FALSE(polyv_blank(" a "));
  EXPECT_FALSE(polyv_blank("\x7F"));
  EXPECT_FALSE(polyv_blank("\xE3\x80\x80"));  // U+3000 is not trimmed by Java's String.trim()
}

TEST(PolyvSignForms, SL1JavaSdkFormWithRequestId) {
  auto params = base();
  params.emplace("requestId", "3f2504e04f8911d39a0c0305e82c3301");
  const auto trace = polyv_live_sign(params, kSecret);
  EXPECT_EQ(trace.canonical,
            "appIdfrlr1zazn3channelId2191532endDate2021-01-01page1pageSize10requestId"
            "3f2504e04f8911d39a0c0305e82c3301startDate2020-01-01timestamp1621841156849");
  EXPECT_EQ(trace.signature, "B0C898157DD02A2A4BEBC4AAD3A92DD7");
  EXPECT_TRUE(polyv_live_verify(params, kSecret, "B0C898157DD02A2A4BEBC4AAD3A92DD7"));
  EXPECT_FALSE(polyv_live_verify(params, kOtherSecret, "B0C898157DD02A2A4BEBC4AAD3A92DD7"));
}

TEST(PolyvSignForms, SL2BaseOnlyEveryFormCoincides) {
  for (const auto form : kPolyvSignForms) {
    EXPECT_EQ(polyv_live_sign(base(), kSecret, PolyvDigest::kMd5, form).signature,
              "81BEBB746031B87170FF2DC7552F146E")
        << polyv_form_name(form);
  }
}

TEST(PolyvSignForms, SL3EmptyStartDateDroppedOrSignedAsTheBareKey) {
  auto params = base();
  params["startDate"] = "";
  const auto a = polyv_live_sign(params, kSecret, PolyvDigest::kMd5, kPolyvFormA);
  const auto c = polyv_live_sign(params, kSecret, PolyvDigest::kMd5, kPolyvFormC);
  EXPECT_EQ(a.signature, "4A8B4BCAD66481371B843538356138B8");
  EXPECT_EQ(c.signature, "97A0B66147418471DFA0B37882FDB010");
  EXPECT_NE(c.canonical.find("pageSize10startDatetimestamp"), std::string::npos);
  EXPECT_EQ(a.canonical.find("startDate"), std::string::npos);
  // B and D equal A and C here (no signatureMethod).
  EXPECT_EQ(polyv_live_sign(params, kSecret, PolyvDigest::kMd5, kPolyvFormB).signature,
            a.signature);
  EXPECT_EQ(polyv_live_sign(params, kSecret, PolyvDigest::kMd5, kPolyvFormD).signature,
            c.signature);
  for (const auto* sign :
       {"4A8B4BCAD66481371B843538356138B8", "97A0B66147418471DFA0B37882FDB010"}) {
    EXPECT_TRUE(polyv_live_verify(params, kSecret, sign)) << sign;
    EXPECT_FALSE(polyv_live_verify(params, kOtherSecret, sign)) << sign;
    EXPECT_FALSE(polyv_live_verify(params, kSecret, sign, PolyvDigest::kSha256)) << sign;
  }
  EXPECT_TRUE(polyv_live_verify_form(params, kSecret, c.signature, PolyvDigest::kMd5, kPolyvFormC));
  EXPECT_FALSE(
      polyv_live_verify_form(params, kSecret, c.signature, PolyvDigest::kMd5, kPolyvFormA));
}

TEST(PolyvSignForms, SL4Sha256WithAndWithoutSignatureMethod) {
  auto params = base();
  params.emplace("signatureMethod", "SHA256");
  ASSERT_EQ(polyv_digest_from_params(params), PolyvDigest::kSha256);
  const auto b = polyv_live_sign(params, kSecret, PolyvDigest::kSha256, kPolyvFormB);
  const auto a = polyv_live_sign(params, kSecret, PolyvDigest::kSha256, kPolyvFormA);
  EXPECT_EQ(b.signature, "2994D02DDE2761618043D6C8C3DB80C8ED8C2952564716ECB594709DC1AF8E34");
  EXPECT_EQ(a.signature, "957DFC10D9C868C0B5B2F2EDC4C99DDDD111DEF35BB82C76AECD3A98C046EF6C");
  EXPECT_EQ(b.canonical.find("signatureMethod"), std::string::npos);
  EXPECT_NE(a.canonical.find("signatureMethodSHA256"), std::string::npos);
  for (const auto& sign : {a.signature, b.signature}) {
    EXPECT_TRUE(polyv_live_verify(params, kSecret, sign, PolyvDigest::kSha256));
    EXPECT_FALSE(polyv_live_verify(params, kOtherSecret, sign, PolyvDigest::kSha256));
    EXPECT_FALSE(polyv_live_verify(params, kSecret, sign, PolyvDigest::kMd5));
  }
}

TEST(PolyvSignForms, AllFourDifferWhenBothBlankAndSignatureMethodArePresent) {
  auto params = base();
  params["page"] = "";
  params["requestId"] = "  ";  // whitespace-only: blank, dropped by A and B, kept by C and D
  params.emplace("signatureMethod", "SHA256");
  std::set<std::string> signatures;
  for (const auto form : kPolyvSignForms) {
    const auto trace = polyv_live_sign(params, kSecret, PolyvDigest::kSha256, form);
    signatures.insert(trace.signature);
    EXPECT_TRUE(polyv_live_verify(params, kSecret, trace.signature, PolyvDigest::kSha256))
        << polyv_form_name(form);
    EXPECT_FALSE(polyv_live_verify(params, kOtherSecret, trace.signature, PolyvDigest::kSha256))
        << polyv_form_name(form);
    // Exactly its own form matches.
    for (const auto other : kPolyvSignForms) {
      EXPECT_EQ(
          polyv_live_verify_form(params, kSecret, trace.signature, PolyvDigest::kSha256, other),
          other == form)
          << polyv_form_name(form) << " vs " << polyv_form_name(other);
    }
  }
  EXPECT_EQ(signatures.size(), 4u);
  EXPECT_EQ(polyv_live_sign(params, kSecret, PolyvDigest::kSha256, kPolyvFormD).canonical,
            "appIdfrlr1zazn3channelId2191532endDate2021-01-01pagepageSize10requestId  "
            "startDate2020-01-01timestamp1621841156849");
}

TEST(PolyvSignForms, NeverAcceptsLowercaseEmptyOrTruncated) {
  const auto sign = polyv_live_sign(base(), kSecret).signature;
  std::string lower = sign;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_FALSE(polyv_live_verify(base(), kSecret, lower));
  EXPECT_FALSE(polyv_live_verify(base(), kSecret, ""));
  EXPECT_FALSE(polyv_live_verify(base(), kSecret, sign.substr(0, 31)));
  EXPECT_FALSE(polyv_live_verify(base(), kSecret, sign + "0"));
}

TEST(PolyvSignForms, NearestFormFollowsWhatTheClientSent) {
  auto params = base();
  EXPECT_EQ(polyv_nearest_form(params), kPolyvFormA);
  params.emplace("signatureMethod", "SHA256");
  EXPECT_EQ(polyv_nearest_form(params), kPolyvFormA);  // the documented default
  params.emplace("sign", "");                          // `sign` itself does not count
  EXPECT_EQ(polyv_nearest_form(params), kPolyvFormA);
  params["page"] = "";  // only the TypeScript SDK puts blank values on the wire
  EXPECT_EQ(polyv_nearest_form(params), kPolyvFormD);
  params["page"] = " ";
  EXPECT_EQ(polyv_nearest_form(params), kPolyvFormD);
}

}  // namespace
}  // namespace mediagate::vendors::polyv
