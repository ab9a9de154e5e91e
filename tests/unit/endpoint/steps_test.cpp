// The pipeline's vendor-independent steps, each on its own.
#include <gtest/gtest.h>

#include "endpoint/steps.hpp"

namespace mediagate::endpoint {
namespace {

constexpr Answer kA{400, "A", "a"};
constexpr Answer kB{500, "B", "b"};

TEST(DecodeStep, QueryAndFormBodyWithDuplicatesRefused) {
  http::Request request;
  request.method = "POST";
  request.query = "a=1&b=%E4%B8%AD";
  request.content_type = "application/x-www-form-urlencoded; charset=UTF-8";
  request.body = "c=3+4";
  auto decoded = decode_step(request, true, kA);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->params, (core::ParamMap{{"a", "1"}, {"b", "中"}, {"c", "3 4"}}));
  EXPECT_FALSE(decoded->unreadable_body);
  // Not read when the endpoint reads no body, or for a GET.
  EXPECT_EQ(decode_step(request, false, kA)->params.size(), 2u);
  request.method = "GET";
  EXPECT_EQ(decode_step(request, true, kA)->params.size(), 2u);
  request.method = "POST";
  request.body = "a=2";
  EXPECT_EQ(decode_step(request, true, kA).error().verdict, Verdict::kUndecodable);
  request.body = "x=%zz";
  EXPECT_EQ(decode_step(request, true, kA).error().answer.code, "A");
  request.content_type = "application/json";
  EXPECT_TRUE(decode_step(request, true, kA)->unreadable_body);
  request.content_type.clear();
  request.body.clear();
  EXPECT_FALSE(decode_step(request, true, kA)->unreadable_body);  // an empty POST is fine
  request.query = "a=1&a=2";
  EXPECT_EQ(decode_step(request, true, kA).error().verdict, Verdict::kUndecodable);
}

TEST(CallbackStep, AbsentEmptyValidAndHostile) {
  EXPECT_FALSE(*callback_step({}, "callback", kA));
  EXPECT_FALSE(*callback_step({{"callback", ""}}, "callback", kA));
  EXPECT_EQ(**callback_step({{"callback", "jQuery.cb_1$"}}, "callback", kA), "jQuery.cb_1$");
  const auto hostile = callback_step({{"callback", "alert(1)"}}, "callback", kA);
  ASSERT_FALSE(hostile);
  EXPECT_EQ(hostile.error().field, "callback");
  EXPECT_EQ(hostile.error().verdict, Verdict::kMalformedParameter);
}

TEST(FreshnessStep, InclusiveEdgesBothWays) {
  EXPECT_FALSE(freshness_step(90, 100, 10, 5, kA, kB));
  EXPECT_FALSE(freshness_step(105, 100, 10, 5, kA, kB));
  EXPECT_EQ(freshness_step(89, 100, 10, 5, kA, kB)->verdict, Verdict::kStale);
  EXPECT_EQ(freshness_step(106, 100, 10, 5, kA, kB)->verdict, Verdict::kFuture);
  EXPECT_EQ(freshness_step(106, 100, 10, 5, kA, kB)->answer.code, "B");
}

class FixedGuard final : public auth::ReplayGuard {
 public:
  auth::ReplayCheck answer = auth::ReplayCheck::kFirstUse;
  std::string scope;
  auth::ReplayCheck first_use(std::string_view s, std::string_view, core::EpochMs,
                              std::int64_t) override {
    scope = std::string(s);
    return answer;
  }
};

TEST(ReplayStep, FirstUseReplayAndAnOutage) {
  FixedGuard guard;
  EXPECT_FALSE(replay_step(guard, "v:p", "t", 0, 10, kA, kB));
  EXPECT_EQ(guard.scope, "v:p");
  guard.answer = auth::ReplayCheck::kReplay;
  EXPECT_EQ(replay_step(guard, "v:p", "t", 0, 10, kA, kB)->answer.code, "A");
  guard.answer = auth::ReplayCheck::kUnavailable;
  const auto down = replay_step(guard, "v:p", "t", 0, 10, kA, kB);
  EXPECT_EQ(down->verdict, Verdict::kSharedStateUnavailable);
  EXPECT_EQ(down->answer.code, "B");
  EXPECT_EQ(down->internal, "replay guard unavailable");
}

TEST(Refusal, NamesItsFieldWhenTheAnswerSaysSo) {
  constexpr Answer kNamed{400, "400", "param should not be empty: ", {}, true};
  EXPECT_EQ(refuse(Verdict::kMissingParameter, kNamed, "appId").message(),
            "param should not be empty: appId");
  EXPECT_EQ(refuse(Verdict::kMissingParameter, kA, "appId").message(), "a");
  EXPECT_EQ(verdict_name(Verdict::kBadSignature), "bad_signature");
}

}  // namespace
}  // namespace mediagate::endpoint
