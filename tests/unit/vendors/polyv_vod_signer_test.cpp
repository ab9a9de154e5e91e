#include "vendors/polyv/polyv_vod_signer.hpp"

#include <gtest/gtest.h>

namespace mediagate::vendors::polyv {
namespace {

const core::ParamMap kSeedParams = {
    {"format", "json"}, {"ptime", "1492591990000"}, {"vid", "382839019131be68715e9455f8d0971a_3"}};
constexpr std::string_view kSecret = "tIQp4ATe9Z";

TEST(PolyvVodSigner, SeedIntermediateStrings) {
  const auto trace = polyv_vod_sign(kSeedParams, kSecret);
  EXPECT_EQ(trace.canonical,
            "format=json&ptime=1492591990000&vid=382839019131be68715e9455f8d0971a_3");
  EXPECT_EQ(trace.string_to_sign,
            "format=json&ptime=1492591990000&vid=382839019131be68715e9455f8d0971a_3tIQp4ATe9Z");
  EXPECT_EQ(trace.string_to_sign_redacted,
            "format=json&ptime=1492591990000&vid=382839019131be68715e9455f8d0971a_3<secret>");
  EXPECT_EQ(trace.signature, "50BF9B165630A8047EB1D17D95A469CC51FF754E");
}

TEST(PolyvVodSigner, V3PlainString) {
  const core::ParamMap params = {{"ptime", "1540780829403"},
                                 {"email", "test1@zzs.com"},
                                 {"cataid", "1539918907896"},
                                 {"containSubCata", "1"},
                                 {"published", "1"},
                                 {"orderType", "2"},
                                 {"page", "2"}};
  const auto trace = polyv_vod_sign(params, kSecret);
  EXPECT_EQ(trace.string_to_sign,
            "cataid=1539918907896&containSubCata=1&email=test1@zzs.com&orderType=2&page=2&ptime="
            "1540780829403&published=1tIQp4ATe9Z");
  EXPECT_EQ(trace.signature, "9FB33C0181BFF14F05E13F0DC9455F35E808765A");
}

TEST(PolyvVodSigner, GitbookRegressionExample) {
  const core::ParamMap params = {
      {"date", "2020-10-13"}, {"ptime", "1621997347695"}, {"userid", "1b448be323"}};
  EXPECT_EQ(polyv_vod_sign(params, "abc").signature, "3CA490D29AB54D97FD61B94443D4AD5D819511D0");
}

TEST(PolyvVodSigner, SignAndEmptyValuesAreNotSigned) {
  auto params = kSeedParams;
  params.emplace("sign", "ANYTHING");
  params.emplace("orderType", "");
  params.emplace("jsonp", "");
  EXPECT_EQ(polyv_vod_sign(params, kSecret).signature, "50BF9B165630A8047EB1D17D95A469CC51FF754E");
  // A whitespace-only value is not empty: it is signed.
  params["jsonp"] = " ";
  EXPECT_NE(polyv_vod_sign(params, kSecret).signature, "50BF9B165630A8047EB1D17D95A469CC51FF754E");
}

TEST(PolyvVodSigner, VerifyIsExactUppercase) {
  EXPECT_TRUE(polyv_vod_verify(kSeedParams, kSecret, "50BF9B165630A8047EB1D17D95A469CC51FF754E"));
  EXPECT_FALSE(polyv_vod_verify(kSeedParams, kSecret, "50bf9b165630a8047eb1d17d95a469cc51ff754e"));
  EXPECT_FALSE(polyv_vod_verify(kSeedParams, kSecret, "50BF9B165630A8047EB1D17D95A469CC51FF754F"));
  EXPECT_FALSE(polyv_vod_verify(kSeedParams, kSecret, "50BF9B165630A8047EB1D17D95A469CC51FF754"));
  EXPECT_FALSE(polyv_vod_verify(kSeedParams, kSecret, ""));
  EXPECT_FALSE(polyv_vod_verify(kSeedParams, "other", "50BF9B165630A8047EB1D17D95A469CC51FF754E"));
}

TEST(PolyvVodSigner, CanonicalNeverContainsTheSecret) {
  const auto trace = polyv_vod_sign(kSeedParams, kSecret);
  EXPECT_EQ(trace.canonical.find(kSecret), std::string::npos);
  EXPECT_EQ(trace.string_to_sign_redacted.find(kSecret), std::string::npos);
}

}  // namespace
}  // namespace mediagate::vendors::polyv
