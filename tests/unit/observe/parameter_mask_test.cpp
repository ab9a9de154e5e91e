// Masking of signatures, secrets and tokens, and the curl command a journal entry renders as.
#include <gtest/gtest.h>

#include "observe/curl_command.hpp"
#include "observe/parameter_mask.hpp"

namespace mediagate::observe {
namespace {

TEST(ParameterMask, MasksTheSignatureEntirely) {
  const auto p = masked_parameter("sign", "0123456789ABCDEF0123456789ABCDEF", "sign");
  EXPECT_TRUE(p.masked);
  EXPECT_EQ(p.value, "***");
}

TEST(ParameterMask, MasksSecretsAndPasswordsEntirely) {
  EXPECT_EQ(masked_parameter("appSecret", "s3cr3t-value", "sign").value, "***");
  EXPECT_EQ(masked_parameter("PASSWORD", "hunter2", "sign").value, "***");
}

TEST(ParameterMask, KeepsOnlyTheStartOfALongToken) {
  EXPECT_EQ(masked_parameter("access_token", "abcdefghijklmnopqrstuvwxyz", "sign").value,
            "abcd***");
  EXPECT_EQ(masked_parameter("Token", "short-token", "sign").value, "***");
}

TEST(ParameterMask, LeavesOtherParametersAlone) {
  const auto p = masked_parameter("userid", "u1", "sign");
  EXPECT_FALSE(p.masked);
  EXPECT_EQ(p.value, "u1");
}

TEST(ParameterMask, MasksEveryParameterInNameOrder) {
  const core::ParamMap params{{"b", "2"}, {"a", "1"}, {"sign", "X"}};
  const auto masked = masked_parameters(params, "sign");
  ASSERT_EQ(masked.size(), 3U);
  EXPECT_EQ(masked[0].name, "a");
  EXPECT_EQ(masked[2].value, "***");
}

JournalEntry request(std::string method) {
  JournalEntry e;
  e.method = std::move(method);
  e.host = "127.0.0.1:8080";
  e.path = "/v2/video/u1/get-by-uploader";
  e.parameters_kept = true;
  e.parameters = {
      {"ptime", "1700000000000", false}, {"q", "中 文'&", false}, {"sign", "***", true}};
  return e;
}

TEST(CurlCommand, PutsAShellVariableWhereTheSignatureGoes) {
  EXPECT_EQ(curl_command(request("GET")),
            "curl 'http://127.0.0.1:8080/v2/video/u1/get-by-uploader?ptime=1700000000000&"
            "q=%E4%B8%AD%20%E6%96%87%27%26&sign='\"${SIGN}\"");
}

TEST(CurlCommand, SendsAPostsParametersAsAForm) {
  EXPECT_EQ(curl_command(request("POST")),
            "curl -X 'POST' 'http://127.0.0.1:8080/v2/video/u1/get-by-uploader' -H "
            "'Content-Type: application/x-www-form-urlencoded' --data-raw "
            "'ptime=1700000000000&q=%E4%B8%AD%20%E6%96%87%27%26&sign='\"${SIGN}\"");
}

TEST(CurlCommand, QuotesForTheShell) {
  EXPECT_EQ(shell_quoted("it's"), "'it'\\''s'");
  EXPECT_EQ(placeholder_variable("app-token"), "APP_TOKEN");
  EXPECT_EQ(placeholder_variable("1x"), "_1X");
  JournalEntry bare;
  bare.method = "GET";
  bare.path = "/healthz";
  EXPECT_EQ(curl_command(bare), "curl 'http://HOST/healthz'");
}

}  // namespace
}  // namespace mediagate::observe
