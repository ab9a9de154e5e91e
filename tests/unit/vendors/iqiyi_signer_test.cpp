#include "vendors/iqiyi/iqiyi_signer.hpp"

#include <gtest/gtest.h>

namespace mediagate::vendors::iqiyi {
namespace {

constexpr std::string_view kKey = "1234567890";
const core::ParamMap kI1 = {{"area", "CN"},
                            {"messageId", "myapp_3f2504e0-4f89-11d3-9a0c-0305e82c3301"},
                            {"partnerCode", "T_Coupon_Pepsi"},
                            {"user_id", "test_user_001"},
                            {"version", "1.0"}};
constexpr std::string_view kI1Sign = "d6eae7918ce367f69ef37119bf3400a2";
constexpr std::string_view kI2Sign = "d59b6b7b0bc05df2f7e2e028c0539491";

TEST(IqiyiSigner, SeedString) {
  const core::ParamMap params = {{"a", "3"}, {"b", "2"}, {"c", "1"}};
  const auto trace = iqiyi_sign(params, "qwer");
  EXPECT_EQ(trace.string_to_sign, "a=3&b=2&c=1qwer");
  EXPECT_EQ(trace.signature, "f80118ff523f25eda67cb799bdc9c52d");
}

TEST(IqiyiSigner, I1IntermediateStrings) {
  const auto trace = iqiyi_sign(kI1, kKey);
  EXPECT_EQ(trace.canonical,
            "area=CN&messageId=myapp_3f2504e0-4f89-11d3-9a0c-0305e82c3301&partnerCode=T_Coupon_"
            "Pepsi&user_id=test_user_001&version=1.0");
  EXPECT_EQ(trace.string_to_sign,
            "area=CN&messageId=myapp_3f2504e0-4f89-11d3-9a0c-0305e82c3301&partnerCode=T_Coupon_"
            "Pepsi&user_id=test_user_001&version=1.01234567890");
  EXPECT_EQ(trace.string_to_sign_redacted, trace.canonical + "<secret>");
  EXPECT_EQ(trace.signature, kI1Sign);
}

TEST(IqiyiSigner, EmptyValuesAreKept) {
  auto params = kI1;
  params.emplace("is_login", "");
  const auto trace = iqiyi_sign(params, kKey);
  EXPECT_NE(trace.canonical.find("&is_login=&"), std::string::npos);
  EXPECT_EQ(trace.signature, "4d1ddf87deec53b2fceab48e9f6bdcdb");
}

TEST(IqiyiSigner, SignIsNeverSigned) {
  auto params = kI1;
  params.emplace("sign", "whatever");
  EXPECT_EQ(iqiyi_sign(params, kKey).signature, kI1Sign);
}

TEST(IqiyiSigner, CallbackSignedOrExcluded) {
  auto params = kI1;
  params.emplace("callback", "jsonp_cb1");
  EXPECT_EQ(iqiyi_sign(params, kKey).signature, kI2Sign);
  EXPECT_EQ(iqiyi_sign(params, kKey, IqiyiCallback::kExcluded).signature, kI1Sign);
  EXPECT_EQ(iqiyi_sign(kI1, kKey, IqiyiCallback::kExcluded).signature, kI1Sign);
}

TEST(IqiyiSigner, VerifyAcceptsSignatureWithOrWithoutCallback) {
  auto params = kI1;
  params.emplace("callback", "jsonp_cb1");
  EXPECT_TRUE(iqiyi_verify(params, kKey, kI2Sign));
  EXPECT_TRUE(iqiyi_verify(params, kKey, kI1Sign));
  // Without a callback parameter only the one signature exists.
  EXPECT_TRUE(iqiyi_verify(kI1, kKey, kI1Sign));
  EXPECT_FALSE(iqiyi_verify(kI1, kKey, kI2Sign));
}

TEST(IqiyiSigner, VerifyIsExactLowercase) {
  EXPECT_FALSE(iqiyi_verify(kI1, kKey, "D6EAE7918CE367F69EF37119BF3400A2"));
  EXPECT_FALSE(iqiyi_verify(kI1, kKey, ""));
  EXPECT_FALSE(iqiyi_verify(kI1, "123456789", kI1Sign));
}

}  // namespace
}  // namespace mediagate::vendors::iqiyi
