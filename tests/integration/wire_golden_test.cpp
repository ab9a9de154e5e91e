// Wire-compatibility golden test (issue 11): several hundred deterministic requests to the five
// vendor endpoints, over real sockets, whose answers (status, the headers that matter, the exact
// body bytes) are compared with tests/data/wire/golden.jsonl, recorded before the endpoint
// pipeline refactor. Any change in what a partner sees on the wire fails here, with the case and
// the first differing byte.
//
// Every request is signed with src/auth's signers at the ManualClock's fixed instant, with
// nonces and messageIds derived from the case name, so that each answer is the same on every
// run and on either backend (SQLite + memory, PostgreSQL + Redis). The request itself is
// recorded too: if a signer or the generator drifts, the case says "request changed".
//
// MEDIAGATE_WIRE_RECORD=1 rewrites the golden file from the current code instead of comparing,
// and fails on purpose, so that a recording run never passes. Format: tests/data/wire/README.md;
// how a case is built, sent, recorded and compared: tests/support/wire_golden.hpp. This file is
// the cases: one table per endpoint, then the scenarios of the sandbox, the rate limit and
// store failures.
#include <gtest/gtest.h>

#include <array>
#include <boost/json.hpp>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/params.hpp"
#include "support/admin_client.hpp"
#include "support/sample_fixture.hpp"
#include "support/sandbox_support.hpp"
#include "support/test_server.hpp"
#include "support/tls_certificates.hpp"
#include "support/wire_golden.hpp"
#include "vendors/iqiyi/iqiyi_signer.hpp"
#include "vendors/polyv/polyv_live_signer.hpp"
#include "vendors/polyv/polyv_settings.hpp"
#include "vendors/polyv/polyv_vod_signer.hpp"
#include "vendors/pumpkin/pumpkin_signer.hpp"

namespace mediagate::testing {
namespace {

using namespace wire;  // NOLINT(google-build-using-namespace): the test is the cases

constexpr const char* kGoldenFile = "tests/data/wire/golden.jsonl";
constexpr std::size_t kMinCases = 300;
constexpr int kMinPerEndpointAndKind = 5;

// UTF-8 Chinese, a space, '%', '+', '&' and '=': exercises decoding, signing and hint encoding.
constexpr const char* kAwkward = "中文 测试%+&=值";
constexpr const char* kWrongSecret = "not-the-secret";
// The Pumpkin demo's instant, 2019-05-10 00:00:00 UTC+8: its 12-hour window holds movie 11332.
constexpr core::EpochMs kPumpkinDemo = 1'557'417'600'000;
// When movie 11332 went offline (2019-05-09 19:18:33 UTC+8).
constexpr core::EpochMs kMovie11332Offline = 1'557'400'713'000;
constexpr std::int64_t kHalfDay = 12LL * 3600 * 1000;
constexpr std::int64_t kWindow = 180'000;  // Polyv's ±3 minutes, Pumpkin's future tolerance

std::string lowercase(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}
std::string uppercase(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}
// The same signature with its first character changed.
std::string altered(std::string sign) {
  sign[0] = sign[0] == 'A' ? 'B' : 'A';
  return sign;
}

using Table = std::vector<std::pair<std::string, core::ParamMap>>;

// "name=value" (split at the first '=') as one parameter.
std::pair<std::string, std::string> split_setting(std::string_view setting) {
  const auto equals = setting.find('=');
  return {std::string(setting.substr(0, equals)), std::string(setting.substr(equals + 1))};
}

// --- the five endpoints -----------------------------------------------------------------------

Api vod_api() {
  return {"polyv-vod", "/v2/video/" + std::string(sample::kUser) + "/get-by-uploader",
          sample::kVodSecret,
          [](const std::string&, core::EpochMs now) {
            return core::ParamMap{{"ptime", std::to_string(now)}};
          },
          [](const core::ParamMap& params, const std::string& secret) {
            return vendors::polyv::polyv_vod_sign(params, secret).signature;
          }};
}

// Live and group: the MD5 sandwich, or SHA-256 when the request asks for it.
std::string polyv_live_signature(const core::ParamMap& params, const std::string& secret) {
  const auto digest =
      vendors::polyv::polyv_digest_from_params(params).value_or(vendors::polyv::PolyvDigest::kMd5);
  return vendors::polyv::polyv_live_sign(params, secret, digest).signature;
}

Api live_api() {
  return {"polyv-live", "/live/v3/channel/session/data/list", sample::kLiveSecret,
          [](const std::string&, core::EpochMs now) {
            // Every sample session starts in this range (51 days).
            return core::ParamMap{{"appId", sample::kLiveAppId},
                                  {"channelId", sample::kChannel},
                                  {"timestamp", std::to_string(now)},
                                  {"startDate", "2022-03-20 00:00:00"},
                                  {"endDate", "2022-05-10 00:00:00"}};
          },
          polyv_live_signature};
}

Api group_api() {
  return {"polyv-group", "/v2/group/account/list-allocate-log", sample::kGroupSecret,
          [](const std::string&, core::EpochMs now) {
            return core::ParamMap{{"appId", sample::kGroup},
                                  {"timestamp", std::to_string(now)},
                                  {"emails", "testdata@polyv.com,other@polyv.com"}};
          },
          [](const core::ParamMap& params, const std::string& secret) {
            return vendors::polyv::polyv_live_sign(params, secret,
                                                   vendors::polyv::PolyvDigest::kMd5)
                .signature;
          }};
}

Api iqiyi_api() {
  return {"iqiyi", "/vod/coupon/getVodCount.action", "1234567890",
          [](const std::string& tag, core::EpochMs) {
            return core::ParamMap{{"messageId", "wire_" + tag},
                                  {"version", "1.0"},
                                  {"area", "CN"},
                                  {"partnerCode", "T_Coupon_Pepsi"},
                                  {"user_id", "test_user_001"}};
          },
          [](const core::ParamMap& params, const std::string& secret) {
            return vendors::iqiyi::iqiyi_sign(params, secret,
                                              vendors::iqiyi::IqiyiCallback::kSigned)
                .signature;
          }};
}

constexpr std::string_view kPumpkinPath = "/media/offline_sync";

std::string pumpkin_signature(const core::ParamMap& params, const std::string& secret) {
  return vendors::pumpkin::pumpkin_sign(vendors::pumpkin::pumpkin_signed_set(params, kPumpkinPath),
                                        "GET", secret)
      .signature;
}

Api pumpkin_api() {
  return {"pumpkin", std::string(kPumpkinPath), "TEST_ACCESS_SECRET",
          [](const std::string& tag, core::EpochMs) {
            return core::ParamMap{
                {"pid", "TEST_PID"},      {"timestamp", std::to_string(kPumpkinDemo)},
                {"signature_nonce", tag}, {"format", "JSON"},
                {"version", "v1"},        {"action", std::string(kPumpkinPath)}};
          },
          pumpkin_signature};
}

// --- the case tables --------------------------------------------------------------------------

// Adds `label` as a success and an error helper for `api` under `prefix`.
struct Adders {
  Cases& cases;
  const Api& api;
  std::string prefix;
  Case& ok(const std::string& label, const Tweak& tweak = {}) {
    return cases.add(api, prefix + "/ok/" + label, Kind::kSuccess, tweak);
  }
  Case& err(const std::string& label, const Tweak& tweak = {}) {
    return cases.add(api, prefix + "/err/" + label, Kind::kError, tweak);
  }
};

void polyv_vod_cases(Cases& c) {
  const Api api = vod_api();
  Adders a{c, api, "vod"};
  const std::string unknown_user = "/v2/video/ffffffffff/get-by-uploader";

  for (const auto& [label, changes] : Table{
           {"default", {}},
           {"order-1", {{"orderType", "1"}}},
           {"order-2", {{"orderType", "2"}}},
           {"order-3", {{"orderType", "3"}}},
           {"order-4", {{"orderType", "4"}}},
           {"published-0", {{"published", "0"}}},
           {"published-1", {{"published", "1"}}},
           {"cata-root", {{"cataid", "1"}}},
           {"cata-root-sub", {{"cataid", "1"}, {"containSubCata", "1"}}},
           {"cata-course", {{"cataid", "1539918907896"}}},
           {"cata-course-sub", {{"cataid", "1539918907896"}, {"containSubCata", "1"}}},
           {"cata-leaf-sub", {{"cataid", "1539918907897"}, {"containSubCata", "1"}}},
           {"sub-0", {{"containSubCata", "0"}}},
           {"email-test1", {{"email", "test1@zzs.com"}}},
           {"email-test2", {{"email", "test2@zzs.com"}}},
           {"size-1-page-1", {{"pageSize", "1"}, {"page", "1"}}},
           {"size-1-page-2", {{"pageSize", "1"}, {"page", "2"}}},
           {"size-1-page-3", {{"pageSize", "1"}, {"page", "3"}}},
           {"size-1-page-4-past-end", {{"pageSize", "1"}, {"page", "4"}}},
           {"size-2-page-2", {{"pageSize", "2"}, {"page", "2"}}},
           {"page-99", {{"page", "99"}}},
           {"size-1000", {{"pageSize", "1000"}}},
           {"size-5000-clamped", {{"pageSize", "5000"}}},
           {"request-id", {{"requestId", "0123456789abcdef0123456789abcdef"}}},
           {"format-json", {{"format", "json"}}},
           {"extra-chinese", {{"title", "中文 标题"}}},
           {"extra-awkward", {{"note", kAwkward}}},
           {"empty-values-unsigned", {{"cataid", ""}, {"email", ""}, {"orderType", ""}}},
           {"all-filters",
            {{"email", "test1@zzs.com"},
             {"cataid", "1"},
             {"containSubCata", "1"},
             {"published", "1"},
             {"orderType", "4"},
             {"page", "1"},
             {"pageSize", "10"}}},
           {"ptime-oldest", {{"ptime", c.at(-kWindow)}}},
           {"ptime-newest", {{"ptime", c.at(kWindow)}}},
           {"jsonp", {{"jsonp", "cb"}}},
           {"jsonp-dotted", {{"jsonp", "window.cb_1$"}}},
           {"jsonp-past-end", {{"jsonp", "cb"}, {"page", "9"}}},
       }) {
    a.ok(label, {.set = changes});
  }
  a.ok("userid-percent-encoded", {.path = "/v2/video/b0f%37041324/get-by-uploader"});

  // In the order the handler checks them (decisions.md, VOD).
  a.err("sign-missing", {.after = {{"sign", kDrop}}});
  a.err("sign-empty", {.after = {{"sign", ""}}});
  a.err("sign-missing-beats-stale-ptime",
        {.set = {{"ptime", c.at(-999'999)}}, .after = {{"sign", kDrop}}});
  a.err("sign-missing-beats-unknown-user", {.after = {{"sign", kDrop}}, .path = unknown_user});
  for (const auto& [label, ptime] : std::vector<std::pair<std::string, std::string>>{
           {"ptime-missing", kDrop},
           {"ptime-empty", ""},
           {"ptime-letters", "abc"},
           {"ptime-negative", "-5"},
           {"ptime-decimal", c.at(0) + ".0"},
           {"ptime-seconds", std::to_string(c.now() / 1000)},
           {"ptime-too-old", c.at(-kWindow - 1)},
           {"ptime-future", c.at(kWindow + 1)},
           {"ptime-20-digits", "99999999999999999999"},
       }) {
    a.err(label, {.set = {{"ptime", ptime}}});
  }
  a.err("ptime-stale-beats-unknown-user",
        {.set = {{"ptime", c.at(-999'999)}}, .path = unknown_user});
  a.err("user-unknown", {.path = unknown_user});
  a.err("user-unknown-beats-bad-sign", {.after = {{"sign", "BAD"}}, .path = unknown_user});
  a.err("sign-wrong-secret", {.secret = kWrongSecret});
  a.err("sign-lowercase", {.resign = lowercase});
  a.err("sign-unsigned-extra", {.after = {{"requestId", "abc"}}});
  a.err("sign-awkward-values", {.set = {{"title", kAwkward}}, .secret = kWrongSecret});
  a.err("sign-beats-cata-and-email",
        {.set = {{"cataid", "42"}, {"email", "ghost@zzs.com"}}, .secret = kWrongSecret});
  a.err("cata-unknown", {.set = {{"cataid", "42"}}});
  a.err("cata-negative", {.set = {{"cataid", "-1"}}});
  a.err("cata-beats-email", {.set = {{"cataid", "42"}, {"email", "ghost@zzs.com"}}});
  a.err("email-unknown", {.set = {{"email", "ghost@zzs.com"}}});
  a.err("email-owner-is-no-child", {.set = {{"email", "owner@zzs.com"}}});
  // Above the maximum, however many digits, is the maximum (docs/decisions/vendor-choices.md).
  a.ok("size-20-digits-clamped", {.set = {{"pageSize", "99999999999999999999"}}});
  for (const char* setting :
       {"page=abc", "page=-1", "page=0", "page=1.5", "pageSize=0", "pageSize=x", "orderType=0",
        "orderType=5", "orderType=x", "containSubCata=2", "published=yes", "cataid=1a"}) {
    a.err(std::string("invalid-") + setting, {.set = {split_setting(setting)}});
  }
  for (const auto& [label, raw] : std::vector<std::pair<std::string, std::string>>{
           {"query-bad-escape", "&email=%ZZ"},
           {"query-truncated-escape", "&email=%"},
           {"query-invalid-utf8", "&email=%FF%FE"},
           {"query-duplicate-ptime", "&ptime=" + c.at(0)},
           {"query-duplicate-sign", "&sign=X"},
       }) {
    a.err(label, {.raw = raw});
  }
  // JSONP wraps every vendor error once the callback is known to be valid.
  a.err("jsonp-invalid-name", {.set = {{"jsonp", "1abc"}}});
  a.err("jsonp-too-long", {.set = {{"jsonp", std::string(65, 'c')}}});
  a.err("jsonp-sign-missing", {.set = {{"jsonp", "cb"}}, .after = {{"sign", kDrop}}});
  a.err("jsonp-ptime-too-old", {.set = {{"jsonp", "cb"}, {"ptime", c.at(-kWindow - 1)}}});
  a.err("jsonp-user-unknown", {.set = {{"jsonp", "cb"}}, .path = unknown_user});
  a.err("jsonp-sign-wrong", {.set = {{"jsonp", "cb"}}, .secret = kWrongSecret});
  a.err("jsonp-cata-unknown", {.set = {{"jsonp", "cb"}, {"cataid", "42"}}});
  a.err("jsonp-invalid-page", {.set = {{"jsonp", "cb"}, {"page", "0"}}});
  a.err("jsonp-query-bad-escape", {.set = {{"jsonp", "cb"}}, .raw = "&email=%ZZ"});
}

void polyv_live_cases(Cases& c) {
  const Api api = live_api();
  Adders a{c, api, "live"};
  for (const auto& [label, changes] : Table{
           {"default", {}},
           {"no-dates-last-60-days-empty", {{"startDate", kDrop}, {"endDate", kDrop}}},
           {"start-only", {{"startDate", "2022-04-01 00:00:00"}, {"endDate", kDrop}}},
           {"end-only", {{"startDate", kDrop}, {"endDate", "2022-05-13"}}},
           {"date-only-format", {{"startDate", "2022-03-20"}, {"endDate", "2022-05-10"}}},
           {"span-exactly-60-days",
            {{"startDate", "2022-03-20 00:00:00"}, {"endDate", "2022-05-19 00:00:00"}}},
           {"edges-inclusive",
            {{"startDate", "2022-04-07 14:39:42"}, {"endDate", "2022-05-09 10:16:14"}}},
           {"size-1-page-1", {{"pageSize", "1"}, {"page", "1"}}},
           {"size-1-page-2", {{"pageSize", "1"}, {"page", "2"}}},
           {"size-1-page-5", {{"pageSize", "1"}, {"page", "5"}}},
           {"size-1-page-6-past-end", {{"pageSize", "1"}, {"page", "6"}}},
           {"size-2-page-2", {{"pageSize", "2"}, {"page", "2"}}},
           {"size-2-page-3", {{"pageSize", "2"}, {"page", "3"}}},
           {"size-5000-clamped", {{"pageSize", "5000"}}},
           {"size-20-digits-clamped", {{"pageSize", "99999999999999999999"}}},
           {"sha256", {{"signatureMethod", "SHA256"}}},
           {"request-id", {{"requestId", "abcdefgh-1234_5678"}}},
           {"extra-chinese", {{"title", "中文 标题"}}},
           {"empty-values-unsigned", {{"page", ""}, {"pageSize", ""}, {"signatureMethod", ""}}},
           {"timestamp-oldest", {{"timestamp", c.at(-kWindow)}}},
           {"timestamp-newest", {{"timestamp", c.at(kWindow)}}},
           {"jsonp-is-not-a-live-parameter", {{"jsonp", "cb"}}},
           {"callback-is-not-a-live-parameter", {{"callback", "cb"}}},
       }) {
    a.ok(label, {.set = changes});
  }

  // Required parameters in the documented order, then formats, window, app, sign, span, channel.
  for (const char* name : {"appId", "timestamp", "channelId"}) {
    a.err(std::string("missing-") + name, {.set = {{name, kDrop}}});
    a.err(std::string("empty-") + name, {.set = {{name, ""}}});
  }
  a.err("missing-sign", {.after = {{"sign", kDrop}}});
  a.err("empty-sign", {.after = {{"sign", ""}}});
  c.add_raw("polyv-live", "live/err/no-query", Kind::kError, "GET", api.path);
  a.err("missing-channel-and-sign", {.set = {{"channelId", kDrop}}, .after = {{"sign", kDrop}}});
  for (const char* setting :
       {"timestamp=abc", "timestamp=-1", "page=x", "page=-1", "pageSize=y", "pageSize=1.5",
        "page=0", "pageSize=0", "page=99999999999999999999", "startDate=2022-13-01",
        "startDate=2022-04-01T00:00:00", "startDate=yesterday", "endDate=2022-05-32",
        "endDate=2022/05/10", "signatureMethod=MD5", "signatureMethod=sha256"}) {
    a.err(std::string("invalid-") + setting, {.set = {split_setting(setting)}});
  }
  a.err("bad-date-beats-stale-timestamp",
        {.set = {{"startDate", "bad"}, {"timestamp", c.at(-999'999)}}});
  a.err("timestamp-too-old", {.set = {{"timestamp", c.at(-kWindow - 1)}}});
  a.err("timestamp-future", {.set = {{"timestamp", c.at(kWindow + 1)}}});
  a.err("timestamp-seconds", {.set = {{"timestamp", std::to_string(c.now() / 1000)}}});
  a.err("stale-timestamp-beats-unknown-app",
        {.set = {{"timestamp", c.at(-999'999)}, {"appId", "nope123456"}}});
  a.err("app-unknown", {.set = {{"appId", "nope123456"}}});
  a.err("app-unknown-beats-bad-sign", {.set = {{"appId", "nope123456"}}, .after = {{"sign", "X"}}});
  a.err("sign-wrong-secret", {.secret = kWrongSecret});
  a.err("sign-lowercase", {.resign = lowercase});
  a.err("sign-sha256-wrong-secret",
        {.set = {{"signatureMethod", "SHA256"}}, .secret = kWrongSecret});
  a.err("sign-md5-sent-as-sha256", {.after = {{"signatureMethod", "SHA256"}}});
  a.err("sign-unsigned-extra", {.after = {{"requestId", "abcdefgh"}}});
  a.err("sign-awkward-values", {.set = {{"title", kAwkward}}, .secret = kWrongSecret});
  a.err("sign-beats-span", {.set = {{"startDate", "2022-01-01"}}, .secret = kWrongSecret});
  a.err("span-61-days", {.set = {{"startDate", "2022-03-01"}, {"endDate", "2022-05-01 00:00:01"}}});
  a.err("start-after-end", {.set = {{"startDate", "2022-05-10"}, {"endDate", "2022-05-01"}}});
  a.err("span-beats-channel", {.set = {{"startDate", "2022-01-01"}, {"channelId", "9999999"}}});
  a.err("channel-not-owned", {.set = {{"channelId", "9999999"}}});
  a.err("channel-not-digits", {.set = {{"channelId", "abc"}}});
  a.err("query-bad-escape", {.raw = "&title=%ZZ"});
  a.err("query-invalid-utf8", {.raw = "&title=%C3%28"});
  a.err("query-duplicate-appId", {.raw = "&appId=" + std::string(sample::kLiveAppId)});
}

void polyv_group_cases(Cases& c) {
  const Api api = group_api();
  Adders a{c, api, "group"};
  for (const auto& [label, changes] : Table{
           {"default", {}},
           {"one-email", {{"emails", "testdata@polyv.com"}}},
           {"other-email", {{"emails", "other@polyv.com"}}},
           {"unknown-email-among", {{"emails", "ghost@polyv.com,testdata@polyv.com"}}},
           {"only-unknown-email", {{"emails", "ghost@polyv.com"}}},
           {"emails-with-blanks", {{"emails", " testdata@polyv.com , other@polyv.com "}}},
           {"type-all", {{"type", "all"}}},
           {"type-live", {{"type", "live"}}},
           {"type-vod", {{"type", "vod"}}},
           {"start-inclusive", {{"startTime", "2019-11-17 09:00:00"}}},
           {"end-inclusive", {{"endTime", "2019-11-17 09:00:00"}}},
           {"start-and-end",
            {{"startTime", "2019-11-16 10:30:01"}, {"endTime", "2019-11-18 18:21:37"}}},
           {"size-1-page-1", {{"pageSize", "1"}, {"page", "1"}}},
           {"size-1-page-2", {{"pageSize", "1"}, {"page", "2"}}},
           {"size-1-page-3", {{"pageSize", "1"}, {"page", "3"}}},
           {"size-1-page-4-past-end", {{"pageSize", "1"}, {"page", "4"}}},
           {"size-2-page-2", {{"pageSize", "2"}, {"page", "2"}}},
           {"size-5000-clamped", {{"pageSize", "5000"}}},
           {"size-20-digits-clamped", {{"pageSize", "99999999999999999999"}}},
           {"signature-method-is-ordinary", {{"signatureMethod", "SHA256"}}},
           {"extra-chinese", {{"title", "中文 标题"}}},
           {"empty-values-unsigned", {{"type", ""}, {"page", ""}, {"startTime", ""}}},
           {"timestamp-oldest", {{"timestamp", c.at(-kWindow)}}},
           {"timestamp-newest", {{"timestamp", c.at(kWindow)}}},
           {"jsonp-is-not-a-group-parameter", {{"jsonp", "cb"}}},
       }) {
    a.ok(label, {.set = changes});
  }

  // decisions.md, group: appId -> account -> forbidden -> timestamp -> sign -> emails -> rest.
  c.add_raw("polyv-group", "group/err/no-query", Kind::kError, "GET", api.path);
  a.err("appId-missing", {.set = {{"appId", kDrop}}});
  a.err("appId-empty", {.set = {{"appId", ""}}});
  a.err("account-unknown", {.set = {{"appId", "gnope00000"}}});
  a.err("account-unknown-beats-stale-timestamp",
        {.set = {{"appId", "gnope00000"}, {"timestamp", c.at(-999'999)}}});
  a.err("account-forbidden",
        {.set = {{"appId", "gbanned001"}}, .secret = "00000000000000000000000000000000"});
  a.err("account-forbidden-beats-bad-sign", {.set = {{"appId", "gbanned001"}}});
  for (const auto& [label, timestamp] : std::vector<std::pair<std::string, std::string>>{
           {"timestamp-missing", kDrop},
           {"timestamp-empty", ""},
           {"timestamp-letters", "abc"},
           {"timestamp-too-old", c.at(-kWindow - 1)},
           {"timestamp-future", c.at(kWindow + 1)},
       }) {
    a.err(label, {.set = {{"timestamp", timestamp}}});
  }
  a.err("stale-timestamp-beats-bad-sign",
        {.set = {{"timestamp", c.at(-999'999)}}, .secret = kWrongSecret});
  a.err("sign-missing", {.after = {{"sign", kDrop}}});
  a.err("sign-empty", {.after = {{"sign", ""}}});
  a.err("sign-wrong-secret", {.secret = kWrongSecret});
  a.err("sign-lowercase", {.resign = lowercase});
  a.err("sign-sha256-not-a-switch", {.set = {{"signatureMethod", "SHA256"}},
                                     .resign = [](std::string) { return std::string(64, 'A'); }});
  a.err("sign-awkward-values", {.set = {{"title", kAwkward}}, .secret = kWrongSecret});
  a.err("sign-beats-missing-emails", {.set = {{"emails", kDrop}}, .secret = kWrongSecret});
  a.err("emails-missing", {.set = {{"emails", kDrop}}});
  a.err("emails-empty", {.set = {{"emails", ""}}});
  a.err("emails-missing-beats-bad-type", {.set = {{"emails", kDrop}, {"type", "both"}}});
  for (const char* setting : {"type=both", "type=LIVE", "startTime=2019-11-17",
                              "startTime=2019-11-17 25:00:00", "endTime=tomorrow", "page=0",
                              "page=x", "page=99999999999999999999", "pageSize=0", "pageSize=-3"}) {
    a.err(std::string("invalid-") + setting, {.set = {split_setting(setting)}});
  }
  a.err("query-bad-escape", {.raw = "&title=%ZZ"});
  a.err("query-duplicate-emails", {.raw = "&emails=a%40b.c"});
}

// --- issue 15: the Java SDK's session list, and the SDKs' canonical forms ------------------

Api live_info_api() {
  return {"polyv-live-info", "/live/v3/channel/session/list", sample::kLiveSecret,
          [](const std::string&, core::EpochMs now) {
            return core::ParamMap{{"appId", sample::kLiveAppId},
                                  {"channelId", sample::kChannel},
                                  {"timestamp", std::to_string(now)}};
          },
          polyv_live_signature};
}

// `api` signed in one canonical form (vendor-spec-breadth §2.4), with the digest asked for.
Api in_form(Api api, vendors::polyv::PolyvSignForm form) {
  api.sign = [form](const core::ParamMap& params, const std::string& secret) {
    const auto digest = vendors::polyv::polyv_digest_from_params(params).value_or(
        vendors::polyv::PolyvDigest::kMd5);
    return vendors::polyv::polyv_live_sign(params, secret, digest, form).signature;
  };
  return api;
}

void polyv_live_info_cases(Cases& c) {
  const Api api = live_info_api();
  Adders a{c, api, "live-info"};
  for (const auto& [label, changes] : Table{
           {"no-dates-every-session", {}},
           {"span-over-60-days", {{"startDate", "2021-01-01"}, {"endDate", "2022-12-31 23:59:59"}}},
           {"start-only-open-end", {{"startDate", "2022-04-07 14:39:42"}}},
           {"end-only-open-start", {{"endDate", "2022-04-29 16:03:21"}}},
           {"size-2-page-2", {{"pageSize", "2"}, {"page", "2"}}},
           {"size-1-page-6-past-end", {{"pageSize", "1"}, {"page", "6"}}},
           {"size-5000-clamped", {{"pageSize", "5000"}}},
           {"java-sdk-request",
            {{"pageSize", "20"}, {"requestId", "3f2504e04f8911d39a0c0305e82c3301"}}},
           {"sha256", {{"signatureMethod", "SHA256"}}},
           {"empty-values-unsigned", {{"page", ""}, {"startDate", ""}, {"signatureMethod", ""}}},
           {"jsonp-is-not-a-live-parameter", {{"jsonp", "cb"}}},
       }) {
    a.ok(label, {.set = changes});
  }
  for (const char* name : {"appId", "timestamp", "channelId"}) {
    a.err(std::string("missing-") + name, {.set = {{name, kDrop}}});
  }
  a.err("missing-sign", {.after = {{"sign", kDrop}}});
  for (const char* setting : {"timestamp=abc", "page=x", "pageSize=0", "startDate=2022-13-01",
                              "endDate=2022/05/10", "signatureMethod=MD5"}) {
    a.err(std::string("invalid-") + setting, {.set = {split_setting(setting)}});
  }
  a.err("timestamp-too-old", {.set = {{"timestamp", c.at(-kWindow - 1)}}});
  a.err("app-unknown", {.set = {{"appId", "nope123456"}}});
  a.err("sign-wrong-secret", {.secret = kWrongSecret});
  a.err("sign-md5-sent-as-sha256", {.after = {{"signatureMethod", "SHA256"}}});
  a.err("start-after-end", {.set = {{"startDate", "2022-05-10"}, {"endDate", "2022-05-01"}}});
  a.err("channel-not-owned", {.set = {{"channelId", "9999999"}}});
  a.err("channel-not-digits", {.set = {{"channelId", "abc"}}});
  a.err("query-bad-escape", {.raw = "&title=%ZZ"});
}

// Forms B, C and D (A is every other case) on live, session/list and group: a blank value
// and signatureMethod=SHA256 make the four strings differ; a wrong secret is refused in each.
void polyv_form_cases(Cases& c) {
  using vendors::polyv::polyv_form_name;
  const core::ParamMap blanks{{"page", ""}, {"requestId", " "}, {"signatureMethod", "SHA256"}};
  for (const auto& [prefix, base] : std::vector<std::pair<std::string, Api>>{
           {"live", live_api()}, {"live-info", live_info_api()}, {"group", group_api()}}) {
    for (const auto form :
         {vendors::polyv::kPolyvFormB, vendors::polyv::kPolyvFormC, vendors::polyv::kPolyvFormD}) {
      Api api = in_form(base, form);
      if (prefix == "group") {  // MD5 only: signatureMethod is an ordinary parameter there
        api.sign = [form](const core::ParamMap& params, const std::string& secret) {
          return vendors::polyv::polyv_live_sign(params, secret, vendors::polyv::PolyvDigest::kMd5,
                                                 form)
              .signature;
        };
      }
      Adders a{c, api, prefix};
      const std::string name(polyv_form_name(form));
      a.ok("form-" + name, {.set = blanks});
      a.err("form-" + name + "-wrong-secret", {.set = blanks, .secret = kWrongSecret});
    }
  }
}

void iqiyi_cases(Cases& c) {
  const Api api = iqiyi_api();
  Adders a{c, api, "iqiyi"};
  for (const auto& [label, changes] : Table{
           {"get", {}},
           {"area-absent", {{"area", kDrop}}},
           {"area-empty", {{"area", ""}}},
           {"taiwan-user", {{"user_id", "test_user_002"}, {"area", "TW"}}},
           {"callback-signed", {{"callback", "cb"}}},
           {"callback-dotted", {{"callback", "jQuery.cb_1$"}}},
           {"empty-is-login-signed", {{"is_login", ""}}},
           {"extra-chinese", {{"note", "中文 备注"}}},
           {"message-id-17-chars", {{"messageId", "app_0123456789abc"}}},
       }) {
    a.ok(label, {.set = changes});
  }
  a.ok("callback-unsigned", {.after = {{"callback", "cb"}}});
  a.ok("post-form", {.method = "POST", .form_body = true});
  a.ok("post-form-charset", {.method = "POST",
                             .form_body = true,
                             .content_type = "Application/X-WWW-Form-Urlencoded ; charset=UTF-8"});
  a.ok("post-split-query-body",
       {.method = "POST", .form_body = true, .in_query = {"messageId", "sign"}});
  a.ok("post-query-only", {.method = "POST"});
  a.ok("post-callback", {.set = {{"callback", "cb"}}, .method = "POST", .form_body = true});

  // decisions.md, iQiyi: well-formed -> partner -> sign -> messageId unused -> user.
  c.add_raw("iqiyi", "iqiyi/err/no-query", Kind::kError, "GET", api.path);
  for (const char* name : {"messageId", "version", "partnerCode", "user_id"}) {
    a.err(std::string("missing-") + name, {.set = {{name, kDrop}}});
    a.err(std::string("empty-") + name, {.set = {{name, ""}}});
  }
  a.err("missing-sign", {.after = {{"sign", kDrop}}});
  a.err("empty-sign", {.after = {{"sign", ""}}});
  for (const char* setting :
       {"version=1.1", "version=1", "area=US", "area=cn", "messageId=app_012345678901",
        "messageId=abcdefghijklmnopqrstu", "messageId=_abcdefghijklmnopqrstu",
        "messageId=abcdefghijklmnopqrstu_"}) {
    a.err(std::string("invalid-") + setting, {.set = {split_setting(setting)}});
  }
  a.err("partner-unknown", {.set = {{"partnerCode", "NOPE"}}});
  a.err("partner-unknown-beats-bad-sign",
        {.set = {{"partnerCode", "NOPE"}}, .secret = kWrongSecret});
  a.err("sign-wrong-secret", {.secret = kWrongSecret});
  a.err("sign-uppercase", {.resign = uppercase});
  a.err("sign-unsigned-extra", {.after = {{"note", "x"}}});
  a.err("sign-awkward-values", {.set = {{"note", kAwkward}}, .secret = kWrongSecret});
  a.err("sign-wrong-with-callback", {.set = {{"callback", "cb"}}, .secret = kWrongSecret});
  a.err("user-unknown", {.set = {{"user_id", "nobody"}}});
  a.err("user-of-other-area", {.set = {{"user_id", "test_user_002"}}});
  a.err("xiaomi-box-without-user", {.set = {{"user_id", kDrop}, {"is_login", "1"}}});
  // A messageId is spent once the signature is verified, whatever the outcome.
  a.ok("replay-first", {.set = {{"messageId", "wire_replayed-message-0001"}}});
  a.err("replay-second", {.set = {{"messageId", "wire_replayed-message-0001"}}});
  a.err("replay-bad-sign-first",
        {.set = {{"messageId", "wire_replayed-message-0002"}}, .secret = kWrongSecret});
  a.ok("replay-bad-sign-not-spent", {.set = {{"messageId", "wire_replayed-message-0002"}}});
  a.err("replay-unknown-user-first",
        {.set = {{"messageId", "wire_replayed-message-0003"}, {"user_id", "nobody"}}});
  a.err("replay-unknown-user-spent", {.set = {{"messageId", "wire_replayed-message-0003"}}});
  a.err("callback-invalid-name", {.set = {{"callback", "1bad"}}});
  a.err("callback-too-long", {.set = {{"callback", std::string(65, 'c')}}});
  a.err("callback-version", {.set = {{"callback", "cb"}, {"version", "2.0"}}});
  a.err("callback-partner-unknown", {.set = {{"callback", "cb"}, {"partnerCode", "NOPE"}}});
  a.err("callback-user-unknown", {.set = {{"callback", "cb"}, {"user_id", "nobody"}}});
  a.err("callback-missing-sign", {.set = {{"callback", "cb"}}, .after = {{"sign", kDrop}}});
  a.err("query-bad-escape", {.raw = "&note=%ZZ"});
  a.err("query-invalid-utf8", {.raw = "&note=%FF%FE"});
  a.err("query-duplicate-version", {.raw = "&version=1.0"});
  a.err("post-body-bad-escape", {.method = "POST", .form_body = true, .raw_body = "&note=%ZZ"});
  a.err("post-query-and-body-duplicate",
        {.method = "POST", .form_body = true, .in_query = {"version"}, .raw_body = "&version=1.0"});
  a.err("post-text-plain", {.method = "POST", .form_body = true, .content_type = "text/plain"});
  a.err("post-json", {.method = "POST", .form_body = true, .content_type = "application/json"});
  a.err("post-callback-text-plain",
        {.set = {{"callback", "cb"}}, .method = "POST", .content_type = "text/plain"});
  Case& no_type = a.err("post-body-without-content-type", {.method = "POST", .form_body = true});
  no_type.content_type.clear();
}

void pumpkin_cases(Cases& c) {
  const Api api = pumpkin_api();
  Adders a{c, api, "pumpkin"};
  for (const auto& [label, changes] : Table{
           {"demo", {}},
           {"no-action", {{"action", kDrop}}},
           {"other-action-is-signed-as-path", {{"action", "/movie/sync"}}},
           {"no-format-no-version", {{"format", kDrop}, {"version", kDrop}}},
           {"timestamp-now-empty-window", {{"timestamp", c.at(0)}}},
           {"timestamp-zero", {{"timestamp", "0"}}},
           {"timestamp-newest", {{"timestamp", c.at(kWindow)}}},
           {"window-start-inclusive",
            {{"timestamp", std::to_string(kMovie11332Offline + kHalfDay)}}},
           {"window-start-plus-one",
            {{"timestamp", std::to_string(kMovie11332Offline + kHalfDay + 1)}}},
           {"window-end-exclusive", {{"timestamp", std::to_string(kMovie11332Offline)}}},
           {"window-end-plus-one", {{"timestamp", std::to_string(kMovie11332Offline + 1)}}},
           {"window-of-11334", {{"timestamp", std::to_string(kPumpkinDemo - 3 * kHalfDay)}}},
           {"nonce-awkward", {{"signature_nonce", "n o*n~ce/中"}}},
           {"nonce-long", {{"signature_nonce", std::string(200, 'n')}}},
       }) {
    a.ok(label, {.set = changes});
  }
  a.ok("extra-unsigned-mode", {.after = {{"mode", "full"}}});
  // A Base64 sign sent without form-encoding: its '+' arrives as a space, which is forgiven.
  for (int i = 0;; ++i) {
    core::ParamMap params = api.base("pumpkin/ok/plus-" + std::to_string(i), c.now());
    const std::string sign = api.sign(params, api.secret);
    if (sign.find('+') == std::string::npos) continue;
    a.ok("sign-plus-unencoded-" + std::to_string(i),
         {.set = {{"signature_nonce", "pumpkin/ok/plus-" + std::to_string(i)}},
          .after = {{"sign", kDrop}},
          .raw = "&sign=" + sign});
    break;
  }

  // decisions.md, Pumpkin: well-formed -> pid known and allowed -> sign -> nonce unused.
  c.add_raw("pumpkin", "pumpkin/err/no-query", Kind::kError, "GET", api.path);
  for (const char* name : {"pid", "timestamp", "signature_nonce"}) {
    a.err(std::string("missing-") + name, {.set = {{name, kDrop}}});
    a.err(std::string("empty-") + name, {.set = {{name, ""}}});
  }
  a.err("missing-sign", {.after = {{"sign", kDrop}}});
  a.err("empty-sign", {.after = {{"sign", ""}}});
  for (const char* setting :
       {"format=XML", "format=json", "format=", "version=v2", "version=", "timestamp=abc",
        "timestamp=-1", "timestamp=1557417600000.0", "timestamp=99999999999999999999"}) {
    a.err(std::string("invalid-") + setting, {.set = {split_setting(setting)}});
  }
  a.err("timestamp-future", {.set = {{"timestamp", c.at(kWindow + 1)}}});
  a.err("missing-nonce-beats-unknown-pid", {.set = {{"signature_nonce", kDrop}, {"pid", "NOPE"}}});
  a.err("pid-unknown", {.set = {{"pid", "NOPE"}}});
  a.err("pid-not-allowed", {.set = {{"pid", "NO_MEDIA_PID"}}, .secret = "other-secret"});
  a.err("pid-unknown-beats-bad-sign", {.set = {{"pid", "NOPE"}}, .secret = kWrongSecret});
  a.err("sign-wrong-secret", {.secret = kWrongSecret});
  a.err("sign-altered", {.resign = altered});
  a.err("sign-awkward-values", {.set = {{"signature_nonce", kAwkward}}, .secret = kWrongSecret});
  // The demo's own sign (vector P1), for another nonce.
  a.err("sign-of-another-request",
        {.resign = [](std::string) { return std::string("ABPS3k08dBuOKgcX/lGocoPOXeA="); }});
  a.ok("replay-first", {.set = {{"signature_nonce", "replayed-nonce-1"}}});
  a.err("replay-second", {.set = {{"signature_nonce", "replayed-nonce-1"}}});
  a.err("replay-bad-sign-first",
        {.set = {{"signature_nonce", "replayed-nonce-2"}}, .secret = kWrongSecret});
  a.ok("replay-bad-sign-not-spent", {.set = {{"signature_nonce", "replayed-nonce-2"}}});
  a.err("query-bad-escape", {.raw = "&mode=%ZZ"});
  a.err("query-invalid-utf8", {.raw = "&mode=%FF"});
  a.err("query-duplicate-pid", {.raw = "&pid=TEST_PID"});
}

// The router and the transport: 404, 405 with Allow, the limits, and keep-alive.
void routing_cases(Cases& c) {
  for (const char* path :
       {"/", "/nope", "/v2/video/b0f7041324", "/v2/video/b0f7041324/get-by-uploader/extra",
        "/v2/video//get-by-uploader", "/live/v3/channel/session/data/list/",
        "/v2/group/account/list-allocate-log/x", "/vod/coupon/getVodCount",
        "/vod/coupon/getvodcount.action", "/media/offline_sync/", "/MEDIA/OFFLINE_SYNC",
        "/media/offline_sync%2F"}) {
    c.add_raw("routing", std::string("routing/404") + path, Kind::kHttp, "GET", path);
  }
  const std::vector<std::pair<std::string, std::string>> routes{
      {"vod", "/v2/video/b0f7041324/get-by-uploader"},
      {"live", "/live/v3/channel/session/data/list"},
      {"group", "/v2/group/account/list-allocate-log"},
      {"iqiyi", "/vod/coupon/getVodCount.action"},
      {"pumpkin", "/media/offline_sync"},
      {"healthz", "/healthz"}};
  for (const auto& [label, path] : routes) {
    for (const char* method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
      if (label == "iqiyi" && std::string_view(method) == "POST") continue;
      c.add_raw("routing", "routing/405/" + label + "/" + method, Kind::kHttp, method, path);
    }
  }
  c.add_raw("routing", "routing/405/vod/signed-query-ignored", Kind::kHttp, "DELETE",
            "/v2/video/b0f7041324/get-by-uploader?ptime=" + c.at(0) + "&sign=X");
  c.add_raw("routing", "routing/healthz", Kind::kHttp, "GET", "/healthz");
  // Transport limits (8 KiB request line, 16 KiB headers, 64 KiB body): not vendor envelopes.
  c.add_raw("routing", "routing/414-request-line", Kind::kHttp, "GET",
            "/v2/video/b0f7041324/get-by-uploader?x=" + std::string(9 * 1024, 'a'));
  c.add_raw("routing", "routing/431-headers", Kind::kHttp, "GET", "/healthz").headers = {
      {"X-Filler", std::string(17 * 1024, 'h')}};
  Case& big = c.add_raw("routing", "routing/413-body", Kind::kHttp, "POST",
                        "/vod/coupon/getVodCount.action");
  big.body = "cp_data=" + std::string(65 * 1024, 'b');
  big.content_type = kFormContentType;
}

// --- the other servers' scenarios ---------------------------------------------------------

// Admin calls made by a `before`; a refused one stops the run (the answers would mean nothing).
std::function<void()> admin_call(AdminClient& admin, std::string method, std::string path,
                                 std::string body, unsigned status) {
  return
      [&admin, method = std::move(method), path = std::move(path), body = std::move(body), status] {
        const auto response = admin.send(method, path, body);
        if (response.status != status) {
          throw std::runtime_error(method + " " + path + ": " + std::to_string(response.status) +
                                   " " + response.body);
        }
      };
}

// Sandbox fault injection through the admin API, and the sandbox clock.
void fault_cases(Cases& c, AdminClient& admin) {
  const Api vod = vod_api();
  const Api live = live_api();
  const Api group = group_api();
  const Api iqiyi = iqiyi_api();
  const Api pumpkin = pumpkin_api();
  auto put = [&](const std::string& endpoint, const std::string& fault) {
    return admin_call(admin, "PUT", "/sandbox/faults/" + endpoint, fault, 200);
  };
  struct Target {
    const Api* api;
    std::string name;
    std::string vendor_error;
  };
  for (const Target& t : std::vector<Target>{
           {&vod, "polyv-vod", R"({"code":403,"message":"no permission."})"},
           {&live, "polyv-live", R"({"code":503,"message":"系统繁忙","status":"fail"})"},
           {&group, "polyv-group", R"({"code":400,"message":"emails is required."})"},
           {&iqiyi, "iqiyi-vod-count",
            R"({"code":"Q00304","msg":"账号校验失败,有可能是网络问题,建议重试"})"},
           {&pumpkin, "pumpkin-offline-sync",
            R"({"status_code":17005,"message":"该IP禁止访问"})"}}) {
    const std::string p = "fault/" + t.name + "/";
    c.add(*t.api, p + "internal", Kind::kFault).before = put(t.name, R"({"error_rate":1})");
    c.add(*t.api, p + "internal-beats-malformed-query", Kind::kFault, {.raw = "&x=%ZZ"});
    c.add(*t.api, p + "internal-jsonp-not-wrapped", Kind::kFault,
          {.set = {{t.api->endpoint == "iqiyi" ? "callback" : "jsonp", "cb"}}});
    c.add(*t.api, p + "vendor-error", Kind::kFault).before =
        put(t.name, R"({"vendor_error":)" + t.vendor_error + "}");
    Case& reset = c.add(*t.api, p + "reset", Kind::kFault);
    reset.raw_socket = true;
    reset.before = put(t.name, R"({"reset_connection":true})");
    c.add(*t.api, p + "cleared", Kind::kSuccess).before =
        admin_call(admin, "DELETE", "/sandbox/faults/" + t.name, "", 204);
  }
  // Seeded failure draws are reproducible; a failed request spends no messageId or nonce.
  c.add(vod, "fault/seeded/vod-0", Kind::kFault).before =
      put("polyv-vod", R"({"error_rate":0.5,"seed":42})");
  for (int i = 1; i < 8; ++i) c.add(vod, "fault/seeded/vod-" + std::to_string(i), Kind::kFault);
  c.add(iqiyi, "fault/seeded/iqiyi-0", Kind::kFault,
        {.set = {{"messageId", "wire_seeded-same-message"}}})
      .before = put("iqiyi-vod-count", R"({"error_rate":0.5,"seed":7})");
  for (int i = 1; i < 8; ++i) {
    c.add(iqiyi, "fault/seeded/iqiyi-" + std::to_string(i), Kind::kFault,
          {.set = {{"messageId", "wire_seeded-same-message"}}});
  }
  c.add(pumpkin, "fault/seeded/pumpkin-0", Kind::kFault,
        {.set = {{"signature_nonce", "seeded-same-nonce"}}})
      .before = put("pumpkin-offline-sync", R"({"error_rate":0.5,"seed":2024})");
  for (int i = 1; i < 6; ++i) {
    c.add(pumpkin, "fault/seeded/pumpkin-" + std::to_string(i), Kind::kFault,
          {.set = {{"signature_nonce", "seeded-same-nonce"}}});
  }
  // A fault is behind the route: 404 and 405 are the router's, untouched.
  c.add_raw("routing", "fault/405-not-faulted", Kind::kHttp, "POST", std::string(kPumpkinPath));
  c.add_raw("routing", "fault/404-not-faulted", Kind::kHttp, "GET",
            std::string(kPumpkinPath) + "/x");
  c.add(vod, "fault/all-cleared", Kind::kSuccess).before =
      admin_call(admin, "DELETE", "/sandbox/faults", "", 204);

  // The sandbox clock: what every endpoint sees, envelopes' times included.
  c.add(vod, "clock/vod-ptime-now-stale", Kind::kError).before =
      admin_call(admin, "PUT", "/sandbox/clock", R"({"shift_ms":180001})", 200);
  const core::EpochMs base = c.now();
  c.set_now(base + kWindow + 1);
  c.add(vod, "clock/vod-shifted", Kind::kSuccess);
  c.add(live, "clock/live-shifted", Kind::kSuccess);
  c.add(group, "clock/group-shifted", Kind::kSuccess);
  c.add(iqiyi, "clock/iqiyi-shifted", Kind::kSuccess);
  c.add(pumpkin, "clock/pumpkin-envelope-shifted", Kind::kSuccess);
  c.add(pumpkin, "clock/pumpkin-future-is-relative", Kind::kSuccess,
        {.set = {{"timestamp", c.at(kWindow)}}});
  c.set_now(kPumpkinDemo);
  c.add(vod, "clock/vod-2019", Kind::kSuccess).before =
      admin_call(admin, "PUT", "/sandbox/clock", R"({"now_ms":1557417600000})", 200);
  c.add(pumpkin, "clock/pumpkin-2019", Kind::kSuccess, {.set = {{"timestamp", c.at(0)}}});
  c.set_now(base);
  c.add(vod, "clock/vod-reset", Kind::kSuccess).before =
      admin_call(admin, "DELETE", "/sandbox/clock", "", 204);
}

// The Polyv limiter (3 requests per 10 s for all three Polyv endpoints together, then a
// 5-minute block), on a server of its own.
void rate_limit_cases(Cases& c, TestServer& server) {
  const Api vod = vod_api();
  const Api live = live_api();
  const Api group = group_api();
  c.add(vod, "limit/vod-1", Kind::kSuccess);
  c.add(live, "limit/live-2", Kind::kSuccess);
  c.add(vod, "limit/vod-malformed-3-counts", Kind::kError, {.raw = "&%ZZ"});
  c.add(group, "limit/group-4-blocked", Kind::kError);
  c.add(vod, "limit/vod-blocked", Kind::kError);
  c.add(vod, "limit/vod-jsonp-blocked", Kind::kError, {.set = {{"jsonp", "cb"}}});
  c.add(vod, "limit/vod-unknown-user-blocked", Kind::kError,
        {.path = "/v2/video/ffffffffff/get-by-uploader"});
  c.add(live, "limit/live-blocked", Kind::kError);
  c.add(group, "limit/group-blocked", Kind::kError);
  c.add_raw("routing", "limit/404-not-limited", Kind::kHttp, "GET", "/v2/video/x");
  c.add_raw("routing", "limit/405-not-limited", Kind::kHttp, "POST",
            "/live/v3/channel/session/data/list");
  c.add(iqiyi_api(), "limit/iqiyi-not-limited", Kind::kSuccess);
  c.add(pumpkin_api(), "limit/pumpkin-not-limited", Kind::kSuccess);
  const core::EpochMs base = c.now();
  for (const auto& [delta, label] : std::vector<std::pair<std::int64_t, std::string>>{
           {299'999, "limit/vod-still-blocked"},
           {300'000, "limit/vod-block-ends"},
       }) {
    c.set_now(base + delta);
    c.add(vod, label, delta < 300'000 ? Kind::kError : Kind::kSuccess).before =
        [&server, at = base + delta] { server.clock().set(at); };
  }
  // The block is over and a new window opened with vod-block-ends: two more, then refused.
  c.add(live, "limit/new-window-2", Kind::kSuccess);
  c.add(group, "limit/new-window-3", Kind::kSuccess);
  c.add(group, "limit/new-window-4-blocked", Kind::kError);
}

// Store failures: tables dropped underneath a running server, one after another; after each,
// one request per endpoint (and a few more) shows which answers become the system error.
void store_failure_cases(Cases& c, TestServer& server) {
  const std::array<Api, 5> apis{vod_api(), live_api(), group_api(), iqiyi_api(), pumpkin_api()};
  struct Stage {
    std::string table;  // empty: nothing dropped yet
    std::array<Kind, 5> kinds;
  };
  constexpr Kind S = Kind::kSuccess;
  constexpr Kind E = Kind::kError;
  for (const Stage& stage : std::vector<Stage>{
           {"", {S, S, S, S, S}},
           {"polyv_videos", {E, S, S, S, S}},
           {"polyv_sessions", {E, E, S, S, S}},
           {"polyv_allocations", {E, E, E, S, S}},
           {"iqiyi_users", {E, E, E, E, S}},
           {"pumpkin_media", {E, E, E, E, E}},
           {"polyv_accounts", {E, E, E, E, E}},
           {"polyv_groups", {E, E, E, E, E}},
           {"iqiyi_partners", {E, E, E, E, E}},
           {"pumpkin_partners", {E, E, E, E, E}},
       }) {
    const std::string p =
        "store/" + (stage.table.empty() ? std::string("intact") : stage.table) + "/";
    for (std::size_t i = 0; i < apis.size(); ++i) {
      Case& probe = c.add(apis[i], p + apis[i].endpoint, stage.kinds[i]);
      if (i == 0 && !stage.table.empty()) {
        probe.before = [&server, table = stage.table] { server.drop_store_table(table); };
      }
    }
    // The lookups before the data: an unknown account is "not found" until its table is gone.
    c.add(apis[0], p + "polyv-vod-jsonp", stage.kinds[0], {.set = {{"jsonp", "cb"}}});
    c.add(apis[0], p + "polyv-vod-unknown-user", Kind::kError,
          {.path = "/v2/video/ffffffffff/get-by-uploader"});
    c.add(apis[1], p + "polyv-live-unknown-app", Kind::kError, {.set = {{"appId", "nope123456"}}});
    c.add(apis[2], p + "polyv-group-unknown-account", Kind::kError,
          {.set = {{"appId", "gnope00000"}}});
    c.add(apis[3], p + "iqiyi-unknown-partner", Kind::kError, {.set = {{"partnerCode", "NOPE"}}});
    c.add(apis[4], p + "pumpkin-unknown-pid", Kind::kError, {.set = {{"pid", "NOPE"}}});
  }
}

// The sandbox server repeats every error case (hints may appear only on refused signatures)
// but only the first `successes` success cases of each endpoint, and those of replay sequences
// (which the errors after them depend on): the others would add nothing.
void errors_and_first_successes(std::vector<Case>& cases, int successes) {
  std::map<std::string, int> seen;
  std::erase_if(cases, [&](const Case& c) {
    return c.kind == Kind::kSuccess && c.name.find("/replay-") == std::string::npos &&
           ++seen[c.endpoint] > successes;
  });
}

struct Recorded {
  std::string name;
  std::string endpoint;
  std::string kind;
  std::string line;
};

// Sends `cases` to `server` in order, on one keep-alive connection.
void run(TestServer& server, const std::vector<Case>& cases, std::vector<Recorded>& out) {
  auto http = server.client();
  for (const Case& c : cases) {
    const Answer answer = send(server, http, c);
    if (c.kind == Kind::kSuccess || c.kind == Kind::kError) {
      const auto got = verdict(c.endpoint, answer);
      EXPECT_TRUE(got == c.kind) << c.name << ": expected a " << to_string(c.kind)
                                 << " answer, got status " << answer.status << ": " << answer.body;
    }
    out.push_back({c.name, c.endpoint, std::string(to_string(c.kind)), golden_line(c, answer)});
  }
}

void expect_substantial(const std::vector<std::pair<std::string, std::string>>& endpoint_kinds) {
  std::map<std::string, std::map<std::string, int>> counts;
  for (const auto& [endpoint, kind] : endpoint_kinds) ++counts[endpoint][kind];
  std::cout << "[wire] cases by endpoint and kind:\n";
  for (const auto& [endpoint, kinds] : counts) {
    std::cout << "[wire]   " << endpoint << ":";
    for (const auto& [kind, n] : kinds) std::cout << " " << kind << "=" << n;
    std::cout << "\n";
  }
  EXPECT_GE(endpoint_kinds.size(), kMinCases);
  for (const char* endpoint :
       {"polyv-vod", "polyv-live", "polyv-group", "iqiyi", "pumpkin", "polyv-live-info"}) {
    for (const char* kind : {"success", "error"}) {
      EXPECT_GE(counts[endpoint][kind], kMinPerEndpointAndKind) << endpoint << " " << kind;
    }
  }
}

bool recording() {
  const char* value = std::getenv("MEDIAGATE_WIRE_RECORD");
  return value != nullptr && std::string_view(value) == "1";
}

TEST(WireGolden, EveryAnswerMatchesTheRecordedWire) {
  std::vector<Recorded> recorded;
  {
    TestServer normal;
    Cases cases("normal", kTestNow);
    polyv_vod_cases(cases);
    polyv_live_cases(cases);
    polyv_group_cases(cases);
    iqiyi_cases(cases);
    pumpkin_cases(cases);
    routing_cases(cases);
    polyv_live_info_cases(cases);
    polyv_form_cases(cases);
    run(normal, cases.list(), recorded);
  }
  {
    // Sandbox mode: the same answers, plus signature hints on refused signatures; then faults
    // and the clock through the admin API.
    TestServer sandbox(sandbox_on(), {source_path("fixtures/sample.json")}, kToken);
    AdminClient admin(sandbox);
    Cases cases("sandbox", kTestNow);
    polyv_vod_cases(cases);
    polyv_live_cases(cases);
    polyv_group_cases(cases);
    iqiyi_cases(cases);
    pumpkin_cases(cases);
    polyv_live_info_cases(cases);
    polyv_form_cases(cases);
    errors_and_first_successes(cases.list(), 3);
    fault_cases(cases, admin);
    run(sandbox, cases.list(), recorded);
  }
  {
    TestServer limited([](core::Config& config) {
      config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.enabled = true;
      config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.max_requests = 3;
      config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.window_ms = 10'000;
      config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.block_ms = 300'000;
    });
    Cases cases("limited", kTestNow);
    rate_limit_cases(cases, limited);
    run(limited, cases.list(), recorded);
  }
  {
    TestServer broken;
    Cases cases("broken", kTestNow);
    store_failure_cases(cases, broken);
    run(broken, cases.list(), recorded);
  }

  // Sandbox mode changes no vendor answer: only X-Mediagate-Sandbox-* headers may be added.
  std::map<std::string, const Recorded*> by_name;
  for (const auto& r : recorded) {
    ASSERT_TRUE(by_name.emplace(r.name, &r).second) << "duplicate case name " << r.name;
  }
  for (const auto& r : recorded) {
    if (r.name.rfind("sandbox/", 0) != 0) continue;
    const auto normal = by_name.find("normal/" + r.name.substr(8));
    if (normal == by_name.end()) continue;
    auto without_hints = [](const std::string& line) {
      auto object = boost::json::parse(line).as_object();
      object.erase("case");
      auto& headers = object.at("headers").as_array();
      boost::json::array kept;
      for (const auto& header : headers) {
        if (std::string_view(header.as_array().at(0).as_string())
                .starts_with("x-mediagate-sandbox-"))
          continue;
        kept.push_back(header);
      }
      headers = std::move(kept);
      return boost::json::serialize(object);
    };
    const std::string sandbox = without_hints(r.line);
    const std::string plain = without_hints(normal->second->line);
    EXPECT_EQ(sandbox, plain) << r.name << ": the sandbox answer differs from the normal one\n    "
                              << first_difference(plain, sandbox);
  }

  const std::string path = source_path(kGoldenFile);
  if (recording()) {
    std::vector<std::pair<std::string, std::string>> kinds;
    for (const auto& r : recorded) kinds.emplace_back(r.endpoint, r.kind);
    expect_substantial(kinds);
    if (::testing::Test::HasFailure()) {
      FAIL() << "not recording: the run above failed";
    }
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    for (const auto& r : recorded) out << r.line << '\n';
    out.close();
    ASSERT_TRUE(out) << "cannot write " << path;
    std::cout << "[wire] recorded " << recorded.size() << " cases to " << path << "\n";
    FAIL() << "recorded " << recorded.size() << " cases to " << path
           << ", re-run without MEDIAGATE_WIRE_RECORD";
  }

  const auto golden = read_golden(path);
  std::vector<std::pair<std::string, std::string>> kinds;
  std::map<std::string, const std::string*> expected;
  for (const auto& [name, line] : golden) {
    const auto parsed = boost::json::parse(line);
    kinds.emplace_back(std::string(parsed.at("endpoint").as_string()),
                       std::string(parsed.at("kind").as_string()));
    ASSERT_TRUE(expected.emplace(name, &line).second) << "golden file: duplicate case " << name;
  }
  expect_substantial(kinds);

  constexpr int kDetailed = 25;
  int mismatches = 0;
  std::string report;
  for (const auto& r : recorded) {
    const auto it = expected.find(r.name);
    if (it == expected.end()) {
      ++mismatches;
      report += "  " + r.name + ": not in the golden file (a new case? record again)\n";
      continue;
    }
    if (*it->second == r.line) continue;
    if (++mismatches <= kDetailed) {
      report += "  " + r.name + ":\n" + describe_mismatch(*it->second, r.line);
    } else {
      report += "  " + r.name + ": differs\n";
    }
  }
  for (const auto& [name, line] : golden) {
    if (by_name.count(name) == 0) {
      ++mismatches;
      report += "  " + name + ": in the golden file but no longer sent\n";
    }
  }
  std::cout << "[wire] " << recorded.size() << " cases compared with " << path << "\n";
  EXPECT_EQ(mismatches, 0) << mismatches << " of " << recorded.size()
                           << " answers differ from the golden file:\n"
                           << report;
}

// Issue 17: every endpoint answers over TLS exactly as over plain HTTP. The normal server's
// cases are sent again to a server serving HTTPS (certificates made now) on one keep-alive
// TLS connection, and each answer is compared with the plain one recorded in the golden file.
TEST(WireGolden, TheNormalAnswersAreTheSameOverTls) {
  const TestCertificates certificates;
  std::vector<Recorded> recorded;
  TestServer server(certificates.tls_on());
  Cases cases("normal", kTestNow);
  polyv_vod_cases(cases);
  polyv_live_cases(cases);
  polyv_group_cases(cases);
  iqiyi_cases(cases);
  pumpkin_cases(cases);
  routing_cases(cases);
  polyv_live_info_cases(cases);
  polyv_form_cases(cases);
  ASSERT_TRUE(server.client_tls().enabled);
  run(server, cases.list(), recorded);

  std::map<std::string, std::string> golden;
  for (auto& [name, line] : read_golden(source_path(kGoldenFile))) golden.emplace(name, line);
  std::set<std::string> endpoints;
  int mismatches = 0;
  for (const auto& r : recorded) {
    const auto it = golden.find(r.name);
    ASSERT_NE(it, golden.end()) << r.name << ": not in the golden file";
    endpoints.insert(r.endpoint);
    if (it->second != r.line && ++mismatches <= 10) {
      ADD_FAILURE() << r.name << ": differs over TLS\n" << describe_mismatch(it->second, r.line);
    }
  }
  EXPECT_EQ(mismatches, 0);
  EXPECT_GE(recorded.size(), 300U);
  for (const char* endpoint :
       {"polyv-vod", "polyv-live", "polyv-group", "iqiyi", "pumpkin", "polyv-live-info"}) {
    EXPECT_EQ(endpoints.count(endpoint), 1U) << endpoint;
  }
  std::cout << "[wire] " << recorded.size() << " normal cases compared over TLS\n";
}

}  // namespace
}  // namespace mediagate::testing
