// getVodCount's parameter rules (through its declared pipeline, with a store that records what
// it is asked) and envelopes, without a socket.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>

#include "core/url_form.hpp"
#include "unused_store.hpp"
#include "vendors/iqiyi/get_vod_count.hpp"
#include "vendors/iqiyi/iqiyi_envelope.hpp"
#include "vendors/iqiyi/iqiyi_params.hpp"
#include "vendors/iqiyi/iqiyi_repository.hpp"
#include "vendors/iqiyi/iqiyi_signer.hpp"

namespace mediagate::vendors::iqiyi {
namespace {

constexpr std::string_view kKey = "1234567890";

core::ParamMap valid() {
  return {{"messageId", "myapp_3f2504e0-4f89-11d3-9a0c-0305e82c3301"},
          {"version", "1.0"},
          {"partnerCode", "T_Coupon_Pepsi"},
          {"user_id", "test_user_001"},
          {"sign", "d6eae7918ce367f69ef37119bf3400a2"}};
}

// Knows one partner key and no user; records what it is asked.
class ProbeRepository final : public IqiyiRepository {
 public:
  int key_lookups = 0;
  std::optional<std::tuple<std::string, std::string, std::string>> user_asked;
  store::StoreResult<std::optional<std::string>> find_md5_key(std::string_view) override {
    ++key_lookups;
    return std::optional<std::string>{std::string(kKey)};
  }
  store::StoreResult<std::optional<vendors::iqiyi::IqiyiUser>> find_user(
      std::string_view partner, std::string_view user, std::string_view area) override {
    user_asked.emplace(std::string(partner), std::string(user), std::string(area));
    return std::optional<vendors::iqiyi::IqiyiUser>{};
  }
};

// What the endpoint made of `params` (signed afresh when they carry a sign).
struct Probe {
  std::string code;  // the answer's code
  int key_lookups = 0;
  std::optional<std::tuple<std::string, std::string, std::string>> user_asked;
  bool well_formed() const { return key_lookups > 0; }
};

Probe probe(core::ParamMap params) {
  if (params.count("sign") != 0 && !params["sign"].empty()) {
    params.erase("sign");
    params["sign"] = vendors::iqiyi::iqiyi_sign(params, kKey).signature;
  }
  testing::UnusedStore store;
  auto repository = std::make_unique<ProbeRepository>();
  const auto& asked = *repository;
  store.repositories().put<IqiyiRepository>(std::move(repository));
  core::ManualClock clock(1'700'000'000'000);
  core::Config config;
  core::Logger log(nullptr, clock);
  auth::InMemoryReplayGuard guard;
  endpoint::Context context{store, clock, config, log, guard};
  http::Request request;
  request.method = "GET";
  request.path = std::string(kGetVodCountPath);
  request.query = core::encode_form(core::FormFields(params.begin(), params.end()));
  const auto response = get_vod_count().bind(context)(request);
  const auto at = response.body.find(R"("code":")");
  return {response.body.substr(at + 8, 6), asked.key_lookups, asked.user_asked};
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

TEST(IqiyiParams, ValidRequestAndDefaults) {
  const auto request = probe(valid());
  ASSERT_TRUE(request.well_formed());
  ASSERT_TRUE(request.user_asked);
  EXPECT_EQ(*request.user_asked, std::make_tuple("T_Coupon_Pepsi", "test_user_001", "CN"));
  EXPECT_EQ(request.code, "Q00304");  // the probe store knows no user
  auto tw = valid();
  tw["area"] = "TW";
  EXPECT_EQ(std::get<2>(*probe(tw).user_asked), "TW");
  auto empty_area = valid();
  empty_area["area"] = "";
  EXPECT_EQ(std::get<2>(*probe(empty_area).user_asked), "CN");
}

TEST(IqiyiParams, EachRequiredParameter) {
  for (const char* name : {"messageId", "version", "partnerCode", "user_id", "sign"}) {
    auto params = valid();
    params.erase(name);
    EXPECT_FALSE(probe(params).well_formed()) << name;
    EXPECT_EQ(probe(params).code, "Q00301") << name;
    params[name] = "";
    EXPECT_FALSE(probe(params).well_formed()) << name;
  }
}

TEST(IqiyiParams, VersionAndArea) {
  auto params = valid();
  params["version"] = "1.00";
  EXPECT_FALSE(probe(params).well_formed());
  params = valid();
  params["area"] = "cn";
  EXPECT_FALSE(probe(params).well_formed());
  params["area"] = "HK";
  EXPECT_FALSE(probe(params).well_formed());
}

TEST(IqiyiParams, XiaomiBoxMayOmitUserId) {
  for (const char* name : {"is_login", "dev_mac", "cp_data"}) {
    auto params = valid();
    params.erase("user_id");
    params[name] = "1";
    const auto request = probe(params);
    ASSERT_TRUE(request.well_formed()) << name;
    EXPECT_FALSE(request.user_asked);  // no user to resolve
    EXPECT_EQ(request.code, "Q00304");
    params[name] = "";
    EXPECT_FALSE(probe(params).well_formed()) << name;
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
