// getVodCount's parameter rules and envelopes, without a socket.
#include <gtest/gtest.h>

#include "vendors/iqiyi/iqiyi_envelope.hpp"
#include "vendors/iqiyi/iqiyi_params.hpp"

namespace mediagate::vendors::iqiyi {
namespace {

core::ParamMap valid() {
  return {{"messageId", "myapp_3f2504e0-4f89-11d3-9a0c-0305e82c3301"},
          {"version", "1.0"},
          {"partnerCode", "T_Coupon_Pepsi"},
          {"user_id", "test_user_001"},
          {"sign", "d6eae7918ce367f69ef37119bf3400a2"}};
}

TEST(IqiyiParams, FormContentType) {
  EXPECT_TRUE(is_form_content_type("application/x-www-form-urlencoded"));
  EXPECT_TRUE(is_form_content_type("application/x-www-form-urlencoded;charset=UTF-8"));
  EXPECT_TRUE(is_form_content_type("APPLICATION/X-WWW-FORM-URLENCODED ; charset=gbk"));
  EXPECT_TRUE(is_form_content_type(" application/x-www-form-urlencoded\t"));
  EXPECT_FALSE(is_form_content_type(""));
  EXPECT_FALSE(is_form_content_type("application/json"));
  EXPECT_FALSE(is_form_content_type("application/x-www-form-urlencoded2"));
  EXPECT_FALSE(is_form_content_type("multipart/form-data; boundary=x"));
  EXPECT_FALSE(is_form_content_type(";application/x-www-form-urlencoded"));
}

TEST(IqiyiParams, MessageId) {
  EXPECT_FALSE(is_valid_message_id(""));
  EXPECT_FALSE(is_valid_message_id("myapp_0123456789"));  // 16
  EXPECT_TRUE(is_valid_message_id("myapp_01234567890"));  // 17
  EXPECT_FALSE(is_valid_message_id("_myapp01234567890"));
  EXPECT_FALSE(is_valid_message_id("myapp01234567890_"));
  EXPECT_FALSE(is_valid_message_id("myapp012345678901"));
  EXPECT_TRUE(is_valid_message_id("a__________________"));
  EXPECT_FALSE(is_valid_message_id("应用_一二三四五六七八九十一二三"));   // 16 code points
  EXPECT_TRUE(is_valid_message_id("应用_一二三四五六七八九十一二三四"));  // 17
}

TEST(IqiyiParams, Callback) {
  EXPECT_FALSE(read_callback({}).name);
  EXPECT_TRUE(read_callback({}).valid);
  EXPECT_FALSE(read_callback({{"callback", ""}}).name);
  EXPECT_TRUE(read_callback({{"callback", ""}}).valid);
  EXPECT_EQ(read_callback({{"callback", "jQuery.cb_1$"}}).name, "jQuery.cb_1$");
  const auto hostile = read_callback({{"callback", "alert(1)"}});
  EXPECT_FALSE(hostile.valid);
  EXPECT_FALSE(hostile.name);
}

TEST(IqiyiParams, ValidRequestAndDefaults) {
  const auto request = read_vod_count_request(valid());
  ASSERT_TRUE(request);
  EXPECT_EQ(request->message_id, "myapp_3f2504e0-4f89-11d3-9a0c-0305e82c3301");
  EXPECT_EQ(request->partner_code, "T_Coupon_Pepsi");
  EXPECT_EQ(request->sign, "d6eae7918ce367f69ef37119bf3400a2");
  EXPECT_EQ(request->area, "CN");
  EXPECT_EQ(request->user_id, "test_user_001");
  auto tw = valid();
  tw["area"] = "TW";
  EXPECT_EQ(read_vod_count_request(tw)->area, "TW");
  auto empty_area = valid();
  empty_area["area"] = "";
  EXPECT_EQ(read_vod_count_request(empty_area)->area, "CN");
}

TEST(IqiyiParams, EachRequiredParameter) {
  for (const char* name : {"messageId", "version", "partnerCode", "user_id", "sign"}) {
    auto params = valid();
    params.erase(name);
    EXPECT_FALSE(read_vod_count_request(params)) << name;
    params[name] = "";
    EXPECT_FALSE(read_vod_count_request(params)) << name;
  }
}

TEST(IqiyiParams, VersionAndArea) {
  auto params = valid();
  params["version"] = "1.00";
  EXPECT_FALSE(read_vod_count_request(params));
  params = valid();
  params["area"] = "cn";
  EXPECT_FALSE(read_vod_count_request(params));
  params["area"] = "HK";
  EXPECT_FALSE(read_vod_count_request(params));
}

TEST(IqiyiParams, XiaomiBoxMayOmitUserId) {
  for (const char* name : {"is_login", "dev_mac", "cp_data"}) {
    auto params = valid();
    params.erase("user_id");
    params[name] = "1";
    const auto request = read_vod_count_request(params);
    ASSERT_TRUE(request) << name;
    EXPECT_FALSE(request->user_id);
    params[name] = "";
    EXPECT_FALSE(read_vod_count_request(params)) << name;
  }
}

TEST(IqiyiEnvelope, ExactBodies) {
  const auto ok = vod_count_response(3);
  EXPECT_EQ(ok.status, 200u);
  EXPECT_EQ(ok.content_type, "application/json;charset=UTF-8");
  EXPECT_EQ(ok.log_vendor, "iqiyi");
  EXPECT_EQ(
      ok.body,
      R"({"code":"A00000","msg":"成功","result":{"code":"A00000","message":"成功","data":{"sendGiftSize":3}}})");
  const auto error = error_response(kAccountError);
  EXPECT_EQ(error.status, 200u);
  EXPECT_EQ(error.body, R"({"code":"Q00304","msg":"账号校验失败,有可能是网络问题,建议重试"})");
  const auto wrapped = error_response(kSignError, std::string("cb"));
  EXPECT_EQ(wrapped.status, 200u);
  EXPECT_EQ(wrapped.content_type, "application/javascript;charset=UTF-8");
  EXPECT_EQ(wrapped.body, R"(cb({"code":"Q00307","msg":"签名错误"}))");
  EXPECT_EQ(error_response(kParamError).body, R"({"code":"Q00301","msg":"参数错误"})");
  EXPECT_EQ(error_response(kSystemError).body, R"({"code":"Q00332","msg":"系统错误"})");
}

}  // namespace
}  // namespace mediagate::vendors::iqiyi
