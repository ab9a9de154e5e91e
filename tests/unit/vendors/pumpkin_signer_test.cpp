#include "vendors/pumpkin/pumpkin_signer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace mediagate::vendors::pumpkin {
namespace {

constexpr std::string_view kSecret = "TEST_ACCESS_SECRET";
constexpr std::string_view kPath = "/media/offline_sync";
const core::ParamMap kP1 = {{"pid", "TEST_PID"},
                            {"timestamp", "1557417600000"},
                            {"signature_nonce", "AbCdE12345"},
                            {"format", "JSON"},
                            {"version", "v1"},
                            {"action", "/media/offline_sync"}};
constexpr std::string_view kP1Sign = "ABPS3k08dBuOKgcX/lGocoPOXeA=";

TEST(PumpkinSigner, P1IntermediateStrings) {
  const auto trace = pumpkin_sign(kP1, "GET", kSecret);
  EXPECT_EQ(trace.canonical,
            "action=%2Fmedia%2Foffline_sync&format=JSON&pid=TEST_PID&signature_nonce=AbCdE12345&"
            "timestamp=1557417600000&version=v1");
  EXPECT_EQ(trace.string_to_sign,
            "GET&%2F&action%3D%252Fmedia%252Foffline_sync%26format%3DJSON%26pid%3DTEST_PID%"
            "26signature_nonce%3DAbCdE12345%26timestamp%3D1557417600000%26version%3Dv1");
  EXPECT_EQ(trace.string_to_sign_redacted, trace.string_to_sign);
  EXPECT_EQ(trace.signature, kP1Sign);
}

TEST(PumpkinSigner, P2EncodingEdgeCases) {
  auto params = kP1;
  params["timestamp"] = "1700000000000";
  params["signature_nonce"] = "n o*n~ce/\xE4\xB8\xAD";
  const auto trace = pumpkin_sign(params, "GET", kSecret);
  EXPECT_NE(trace.canonical.find("&signature_nonce=n%20o%2An~ce%2F%E4%B8%AD&"), std::string::npos);
  EXPECT_EQ(trace.signature, "GbfAwQaupT6zVhb5ZJxJJKQgW14=");
}

TEST(PumpkinSigner, P3PostStringToSign) {
  const core::ParamMap params = {{"code_type", "1m"},
                                 {"pid", "101010"},
                                 {"action", "getA"},
                                 {"format", "JSON"},
                                 {"signature_nonce", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123"},
                                 {"timestamp", "1516772509420"}};
  const auto trace = pumpkin_sign(params, "POST", "sign_key");
  EXPECT_EQ(trace.string_to_sign,
            "POST&%2F&action%3DgetA%26code_type%3D1m%26format%3DJSON%26pid%3D101010%26signature_"
            "nonce%3DABCDEFGHIJKLMNOPQRSTUVWXYZ0123%26timestamp%3D1516772509420");
  EXPECT_EQ(trace.signature, "ece9u/tEFAZJ/oh2A1s2rAveMVQ=");
}

TEST(PumpkinSigner, SignEntryIsIgnoredAndSecretNeverInTrace) {
  auto params = kP1;
  params.emplace("sign", "x");
  const auto trace = pumpkin_sign(params, "GET", kSecret);
  EXPECT_EQ(trace.signature, kP1Sign);
  EXPECT_EQ(trace.canonical.find(kSecret), std::string::npos);
  EXPECT_EQ(trace.string_to_sign.find(kSecret), std::string::npos);
}

TEST(PumpkinSigner, VerifyIsCaseSensitiveBase64) {
  EXPECT_TRUE(pumpkin_verify(kP1, "GET", kSecret, kP1Sign));
  EXPECT_FALSE(pumpkin_verify(kP1, "GET", kSecret, "abps3k08dbuokgcx/lgocopoxea="));
  EXPECT_FALSE(pumpkin_verify(kP1, "GET", kSecret, "ABPS3k08dBuOKgcX/lGocoPOXeA"));
  EXPECT_FALSE(pumpkin_verify(kP1, "GET", kSecret, "ABPS3k08dBuOKgcX lGocoPOXeA="));
  EXPECT_FALSE(pumpkin_verify(kP1, "POST", kSecret, kP1Sign));
  EXPECT_FALSE(pumpkin_verify(kP1, "GET", kSecret, ""));
}

TEST(PumpkinSignedSet, ExtraParametersAreIgnored) {
  auto request = kP1;
  request.emplace("mode", "full");
  request.emplace("sign", std::string(kP1Sign));
  request.emplace("code_type", "1m");
  EXPECT_EQ(pumpkin_signed_set(request, kPath), kP1);
}

TEST(PumpkinSignedSet, ActionIsAlwaysTheRequestPath) {
  auto request = kP1;
  request["action"] = "/something/else";
  EXPECT_EQ(pumpkin_signed_set(request, kPath).at("action"), kPath);
  request.erase("action");
  const auto signed_set = pumpkin_signed_set(request, kPath);
  EXPECT_EQ(signed_set, kP1);
  EXPECT_TRUE(pumpkin_verify(signed_set, "GET", kSecret, kP1Sign));
}

TEST(PumpkinSignedSet, AbsentFieldsAreNotAdded) {
  core::ParamMap request = {
      {"pid", "TEST_PID"}, {"timestamp", "1557417600000"}, {"signature_nonce", "AbCdE12345"}};
  const auto signed_set = pumpkin_signed_set(request, kPath);
  EXPECT_EQ(signed_set.size(), 4u);
  EXPECT_FALSE(signed_set.contains("version"));
  EXPECT_FALSE(signed_set.contains("format"));
  EXPECT_EQ(signed_set.at("action"), kPath);
  // Present, even empty, is signed as given.
  request.emplace("version", "");
  EXPECT_EQ(pumpkin_signed_set(request, kPath).at("version"), "");
}

// vendor-spec-breadth §4.4: the catalogue's vectors, and the two sets the server accepts.
const core::ParamMap kM1 = {{"pid", "TEST_PID"},
                            {"timestamp", "1557372600000"},
                            {"signature_nonce", "AbCdE12345"},
                            {"format", "JSON"},
                            {"version", "v1"},
                            {"mode", "batch"}};

TEST(PumpkinSigner, M1MediaSyncModeUnsignedAndSigned) {
  const auto fixed = pumpkin_sign(pumpkin_signed_set(kM1, "/media/sync"), "GET", kSecret);
  EXPECT_EQ(fixed.string_to_sign,
            "GET&%2F&action%3D%252Fmedia%252Fsync%26format%3DJSON%26pid%3DTEST_PID%26signature_"
            "nonce%3DAbCdE12345%26timestamp%3D1557372600000%26version%3Dv1");
  EXPECT_EQ(fixed.signature, "JTn9a9aHnV0id5+SMQZWHCIEm9c=");
  const auto every = pumpkin_sign(pumpkin_received_set(kM1, "/media/sync"), "GET", kSecret);
  EXPECT_EQ(every.signature, "/lKEWjwpga/sNt5lPzvHH4MrLsY=");
}

TEST(PumpkinSigner, MV1MovieSync) {
  core::ParamMap params = kM1;
  params.erase("mode");
  params["timestamp"] = "1517453525849";
  EXPECT_EQ(pumpkin_sign(pumpkin_signed_set(params, "/movie/sync"), "GET", kSecret).signature,
            "Grx28MICERa4j4Gz5uQToBcQrjo=");
}

TEST(PumpkinSigner, ReceivedSetDropsSignAndForcesAction) {
  core::ParamMap params = kM1;
  params["sign"] = "x";
  params["action"] = "/elsewhere";
  const auto set = pumpkin_received_set(params, "/media/sync");
  EXPECT_EQ(set.count("sign"), 0u);
  EXPECT_EQ(set.at("action"), "/media/sync");
  EXPECT_EQ(set.at("mode"), "batch");
}

TEST(PumpkinSigner, VerifyAnyAcceptsEitherSetAndNothingElse) {
  EXPECT_TRUE(
      pumpkin_verify_any(kM1, "/media/sync", "GET", kSecret, "JTn9a9aHnV0id5+SMQZWHCIEm9c="));
  EXPECT_TRUE(
      pumpkin_verify_any(kM1, "/media/sync", "GET", kSecret, "/lKEWjwpga/sNt5lPzvHH4MrLsY="));
  EXPECT_FALSE(
      pumpkin_verify_any(kM1, "/media/sync", "GET", "other", "JTn9a9aHnV0id5+SMQZWHCIEm9c="));
  EXPECT_FALSE(
      pumpkin_verify_any(kM1, "/movie/sync", "GET", kSecret, "JTn9a9aHnV0id5+SMQZWHCIEm9c="));
  EXPECT_FALSE(
      pumpkin_verify_any(kM1, "/media/sync", "POST", kSecret, "/lKEWjwpga/sNt5lPzvHH4MrLsY="));
  EXPECT_FALSE(pumpkin_verify_any(kM1, "/media/sync", "GET", kSecret, ""));
}

// verify_any builds its two strings to sign without the two sets or canonical strings: on random
// requests (names around `action` and `sign` in the byte order, the fixed names or not, empty
// and non-ASCII text) it accepts exactly the signatures of the two sets as pumpkin_sign makes them.
TEST(PumpkinSigner, VerifyAnyAgreesWithSigningTheTwoSets) {
  const std::vector<std::string> names = {
      "",        "A",        "Zeta", "_x",  "a",    "action",          "actions",
      "actio",   "format",   "mode", "pid", "sign", "signature_nonce", "timestamp",
      "version", "z\xC3\xA9"};
  const std::vector<std::string> values = {"", "v1", "a b*~/\xE4\xB8\xAD", "&=%", "/media/sync"};
  std::mt19937 random(20261206);
  for (int round = 0; round < 2000; ++round) {
    core::ParamMap params;
    const auto count = random() % 8;
    for (std::uint32_t i = 0; i < count; ++i) {
      params.insert_or_assign(names[random() % names.size()], values[random() % values.size()]);
    }
    const std::string path = round % 2 == 0 ? "/media/sync" : "/media/offline_sync";
    const auto fixed = pumpkin_sign(pumpkin_signed_set(params, path), "GET", kSecret).signature;
    const auto every = pumpkin_sign(pumpkin_received_set(params, path), "GET", kSecret).signature;
    const auto other = pumpkin_sign(pumpkin_signed_set(params, "/other"), "GET", kSecret).signature;
    ASSERT_TRUE(pumpkin_verify_any(params, path, "GET", kSecret, fixed)) << round;
    ASSERT_TRUE(pumpkin_verify_any(params, path, "GET", kSecret, every)) << round;
    ASSERT_FALSE(pumpkin_verify_any(params, path, "GET", kSecret, other)) << round;
    ASSERT_FALSE(pumpkin_verify_any(params, path, "POST", kSecret, fixed)) << round;
  }
}

}  // namespace
}  // namespace mediagate::vendors::pumpkin
