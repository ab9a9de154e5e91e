// The sandbox's vendor-agnostic pieces: the header encoding of signature hints, the failure
// draw, and the fault table's semantics (plans, seeds, clearing, the wrapper's pass-through).
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "../vendors/unused_store.hpp"
#include "auth/rate_limiter.hpp"
#include "auth/replay_guard.hpp"
#include "core/config.hpp"
#include "core/logger.hpp"
#include "endpoint/fault_injection.hpp"
#include "endpoint/signature_hint.hpp"

namespace mediagate::endpoint {
namespace {

TEST(SignatureHint, EncodesEveryUnsafeByteAndPercent) {
  EXPECT_EQ(encode_header_value("a=1&b=x+y"), "a=1&b=x+y");
  EXPECT_EQ(encode_header_value("100%"), "100%25");
  EXPECT_EQ(encode_header_value("a b\tc\r\n"), "a%20b%09c%0D%0A");
  EXPECT_EQ(encode_header_value("中"), "%E4%B8%AD");
  EXPECT_EQ(encode_header_value(std::string("\x00\x7F~!", 4)), "%00%7F~!");
  EXPECT_EQ(encode_header_value(""), "");
}

TEST(SignatureHint, AddsTheTwoHeadersWithAnOptionalVariant) {
  auth::SignatureTrace trace;
  trace.canonical = "k=v";
  trace.string_to_sign = "k=vSECRET";
  trace.string_to_sign_redacted = "k=v<secret>";
  trace.signature = "SIG";
  http::Response response;
  add_signature_hint(response, trace);
  add_signature_hint(response, trace, "Without-Callback");
  ASSERT_EQ(response.headers.size(), 4u);
  EXPECT_EQ(response.headers[0],
            (std::pair<std::string, std::string>{"X-Mediagate-Sandbox-Canonical", "k=v"}));
  EXPECT_EQ(response.headers[1], (std::pair<std::string, std::string>{
                                     "X-Mediagate-Sandbox-String-To-Sign", "k=v<secret>"}));
  EXPECT_EQ(response.headers[2].first, "X-Mediagate-Sandbox-Canonical-Without-Callback");
  EXPECT_EQ(response.headers[3].first, "X-Mediagate-Sandbox-String-To-Sign-Without-Callback");
  for (const auto& [name, value] : response.headers) {
    EXPECT_EQ(value.find("SECRET"), std::string::npos);
    EXPECT_EQ(value.find("SIG"), std::string::npos);
  }
}

TEST(FaultDraw, RateZeroNeverAndRateOneAlwaysFails) {
  std::mt19937_64 engine(7);
  for (int i = 0; i < 1000; ++i) {
    EXPECT_FALSE(draw_failure(engine, 0.0));
    EXPECT_TRUE(draw_failure(engine, 1.0));
  }
}

TEST(FaultDraw, AHalfRateFailsAboutHalfTheTime) {
  std::mt19937_64 engine(42);
  int failures = 0;
  for (int i = 0; i < 10'000; ++i) failures += draw_failure(engine, 0.5) ? 1 : 0;
  EXPECT_GT(failures, 4700);
  EXPECT_LT(failures, 5300);
}

FaultEndpoint endpoint(const std::string& name) {
  return FaultEndpoint{
      name, "/" + name, "{}",
      [](const boost::json::object&) -> core::Expected<Responder, VendorErrorProblem> {
        return Responder([](const http::Request&) {
          http::Response r;
          r.status = 418;
          return r;
        });
      },
      [](const http::Request&) {
        http::Response r;
        r.status = 599;
        return r;
      }};
}

TEST(FaultTable, PlansFollowTheFault) {
  FaultTable table(1000);
  table.add_endpoint(endpoint("a"));
  table.add_endpoint(endpoint("a"));  // a repeated name keeps the first
  table.add_endpoint(endpoint("b"));
  ASSERT_EQ(table.endpoints().size(), 2u);
  EXPECT_EQ(table.find_endpoint("c"), nullptr);
  EXPECT_EQ(table.max_latency_ms(), 1000);

  EXPECT_FALSE(table.plan("a").fail);
  EXPECT_FALSE(table.set("c", Fault{}));

  Fault slow;
  slow.latency_ms = 250;
  ASSERT_TRUE(table.set("a", slow));
  auto plan = table.plan("a");
  EXPECT_EQ(plan.delay.count(), 250);
  EXPECT_FALSE(plan.fail);
  EXPECT_EQ(table.plan("b").delay.count(), 0);

  Fault reset;
  reset.error_rate = 1.0;
  reset.reset_connection = true;
  ASSERT_TRUE(table.set("a", reset));  // replaces
  plan = table.plan("a");
  EXPECT_EQ(plan.delay.count(), 0);
  EXPECT_TRUE(plan.fail);
  EXPECT_TRUE(plan.reset_connection);

  EXPECT_TRUE(table.clear("a"));
  EXPECT_FALSE(table.clear("a"));
  EXPECT_FALSE(table.get("a"));
  ASSERT_TRUE(table.set("a", reset));
  ASSERT_TRUE(table.set("b", reset));
  table.clear_all();
  EXPECT_FALSE(table.plan("a").fail);
  EXPECT_FALSE(table.plan("b").fail);
}

TEST(FaultTable, SettingAgainRestartsTheSeededSequence) {
  FaultTable table(0);
  table.add_endpoint(endpoint("a"));
  Fault half;
  half.error_rate = 0.5;
  half.seed = 99;
  std::vector<bool> first;
  std::vector<bool> second;
  ASSERT_TRUE(table.set("a", half));
  for (int i = 0; i < 100; ++i) first.push_back(table.plan("a").fail);
  ASSERT_TRUE(table.set("a", half));
  for (int i = 0; i < 100; ++i) second.push_back(table.plan("a").fail);
  EXPECT_EQ(first, second);
  std::mt19937_64 engine(99);
  for (int i = 0; i < 100; ++i)
    EXPECT_EQ(first[static_cast<std::size_t>(i)], draw_failure(engine, 0.5));
}

TEST(WithFaults, WrapsOnlyWhenFaultsAreOnAndAnswersInsteadOfTheHandler) {
  core::Config config;
  core::ManualClock clock(0);
  core::Logger log(nullptr, clock);
  auth::InMemoryReplayGuard guard;
  testing::UnusedStore store;  // never touched by these handlers
  int calls = 0;
  http::Handler handler = [&](http::Request&) {
    ++calls;
    http::Response r;
    r.body = "real";
    return r;
  };
  Context off{store, clock, config, log, guard};
  http::Request request;
  auto plain = with_faults(off, endpoint("a"), handler);
  EXPECT_EQ(plain(request).body, "real");

  FaultTable table(0);
  Context on{store, clock, config, log, guard};
  on.faults = &table;
  auto wrapped = with_faults(on, endpoint("a"), handler);
  ASSERT_NE(table.find_endpoint("a"), nullptr);
  EXPECT_EQ(wrapped(request).body, "real");
  EXPECT_EQ(wrapped(request).log_vendor, "a");

  Fault internal;
  internal.error_rate = 1.0;
  ASSERT_TRUE(table.set("a", internal));
  EXPECT_EQ(wrapped(request).status, 599u);  // the endpoint's internal error

  Fault vendor = internal;
  vendor.vendor_error_responder = Responder([](const http::Request&) {
    http::Response r;
    r.status = 418;
    return r;
  });
  ASSERT_TRUE(table.set("a", vendor));
  EXPECT_EQ(wrapped(request).status, 418u);

  Fault reset = internal;
  reset.reset_connection = true;
  reset.latency_ms = 5;
  ASSERT_TRUE(table.set("a", reset));
  const auto aborted = wrapped(request);
  EXPECT_TRUE(aborted.abort_connection);
  EXPECT_EQ(aborted.delay.count(), 5);
  EXPECT_EQ(calls, 3);  // failures never reach the handler
}

}  // namespace
}  // namespace mediagate::endpoint
