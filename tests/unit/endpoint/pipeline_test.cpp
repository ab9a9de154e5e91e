// The pipeline over a toy endpoint that names no vendor: the order of its steps, what each
// refusal is, and what hooks in (sandbox hints, page cache, failure log), without a socket.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "../vendors/unused_store.hpp"
#include "core/blocking.hpp"
#include "core/numbers.hpp"
#include "endpoint/page_cache.hpp"
#include "endpoint/pipeline.hpp"

namespace mediagate::endpoint {
namespace {

constexpr core::EpochMs kNow = 1'700'000'000'000;

// Every answer is distinct, so that a test sees which one was chosen.
constexpr Answer kLimited{429, "L", "limited"};
constexpr Answer kLimiterDown{503, "LD", "limiter down"};
constexpr Answer kUndecodable{400, "U", "undecodable"};
constexpr Answer kUnreadable{400, "UB", "unreadable body"};
constexpr Answer kBadCallback{400, "CB", "bad callback"};
constexpr Answer kMissing{400, "M", "missing: ", {}, true};
constexpr Answer kNotNumber{400, "N", "not a number: ", {}, true};
constexpr Answer kOutOfRange{400, "R", "out of range: ", {}, true};
constexpr Answer kRuleBroken{400, "RB", "a or b"};
constexpr Answer kStale{400, "S", "stale"};
constexpr Answer kFuture{400, "F", "future"};
constexpr Answer kUnknown{404, "K", "unknown partner"};
constexpr Answer kStoreDown{500, "SD", "store down"};
constexpr Answer kBadSign{403, "BS", "bad sign"};
constexpr Answer kReplayed{409, "RP", "replayed"};
constexpr Answer kGuardDown{500, "GD", "guard down"};

struct ToyCall {
  std::string_view partner;
  std::string_view sign;
  std::string_view nonce;
  core::EpochMs ts = 0;
  std::int64_t size = 10;
  std::int64_t late = 0;
  bool a = false;
  bool b = false;
};
struct ToyPartner {
  std::string secret;
};

// What the toy's functions saw, for the tests to inspect.
struct Seen {
  int credential_lookups = 0;
  int serves = 0;
  bool store_fails = false;
  bool serve_fails = false;  // the domain call's store read fails
  // The store steps would block (a read not cached): where blocking is forbidden they throw
  // core::WouldBlock, as PostgresStore does, and count it.
  bool store_blocks = false;
  int would_block = 0;
};

void maybe_block(Seen& seen) {
  if (seen.store_blocks && core::blocking_forbidden()) {
    ++seen.would_block;
    throw core::WouldBlock{};
  }
}
Seen seen;

bool read_number(std::int64_t& into, std::string_view text) {
  const auto value = core::parse_int64(text);
  if (value) into = *value;
  return value.has_value();
}

http::Response render_refusal(const Refusal& refusal, const Reply& reply) {
  http::Response response;
  response.status = refusal.answer.http_status;
  response.body = std::string(refusal.answer.code) + "|" + refusal.message() + "|" +
                  std::string(verdict_name(refusal.verdict));
  if (reply.callback) response.body = *reply.callback + "(" + response.body + ")";
  return response;
}

http::Response render_success(std::string_view data, const Reply& reply) {
  http::Response response;
  response.body = "ok|" + std::string(data);
  if (reply.callback) response.body = *reply.callback + "(" + response.body + ")";
  return response;
}

const Endpoint<ToyCall, ToyPartner>& toy() {
  using P = Parameter<ToyCall>;
  static const Endpoint<ToyCall, ToyPartner> kToy{
      .name = "toy",
      .log_vendor = "toy-vendor",
      .pattern = "/toy",
      .methods = {"GET", "POST"},
      .summary = "a toy",
      .partner = "partner",
      .limit_group = "toys",
      .rate_limited = kLimited,
      .limiter_unavailable = kLimiterDown,
      .reads_form_body = true,
      .undecodable = kUndecodable,
      .unreadable_body = kUnreadable,
      .callback_param = "cb",
      .bad_callback = kBadCallback,
      .parameters =
          {
              P{.name = "partner",
                .required = true,
                .missing = kMissing,
                .read =
                    [](ToyCall& c, std::string_view v) {
                      c.partner = v;
                      return true;
                    }},
              P{.name = "ts",
                .required = true,
                .missing = kMissing,
                .read = [](ToyCall& c, std::string_view v) { return read_number(c.ts, v); },
                .malformed = kNotNumber},
              P{.name = "size",
                .read = [](ToyCall& c, std::string_view v) { return read_number(c.size, v); },
                .malformed = kNotNumber,
                .valid = [](const ToyCall& c) { return c.size >= 1 && c.size <= 100; },
                .invalid = kOutOfRange},
              P{.name = "a",
                .read =
                    [](ToyCall& c, std::string_view) {
                      c.a = true;
                      return true;
                    }},
              P{.name = "b",
                .read =
                    [](ToyCall& c, std::string_view) {
                      c.b = true;
                      return true;
                    }},
              P{.name = "sign",
                .phase = Phase::kBeforeSignature,
                .required = true,
                .missing = kMissing,
                .read =
                    [](ToyCall& c, std::string_view v) {
                      c.sign = v;
                      return true;
                    }},
              P{.name = "nonce",
                .required = true,
                .missing = kMissing,
                .read =
                    [](ToyCall& c, std::string_view v) {
                      c.nonce = v;
                      return true;
                    }},
              P{.name = "late",
                .phase = Phase::kAfterSignature,
                .read = [](ToyCall& c, std::string_view v) { return read_number(c.late, v); },
                .malformed = kNotNumber},
          },
      .rules = {{.holds = [](const ToyCall& c) { return c.a || c.b; }, .broken = kRuleBroken}},
      .freshness =
          Freshness<ToyCall>{.timestamp = &ToyCall::ts,
                             .past_ms = [](const core::Config&) -> std::int64_t { return 1000; },
                             .future_ms = [](const core::Config&) -> std::int64_t { return 10; },
                             .too_old = kStale,
                             .in_future = kFuture},
      .find_credential = [](Context&, const ToyCall& call) -> Outcome<ToyPartner> {
        maybe_block(seen);
        ++seen.credential_lookups;
        if (seen.store_fails) {
          Refusal refusal = refuse(Verdict::kStoreUnavailable, kStoreDown);
          refusal.internal = "disk on fire";
          return core::unexpected(std::move(refusal));
        }
        if (call.partner != "p1")
          return core::unexpected(refuse(Verdict::kUnknownCredential, kUnknown));
        return ToyPartner{"s3cret"};
      },
      .signature = {.verify = [](const core::ParamMap&, const ToyCall& call,
                                 const ToyPartner& partner) { return call.sign == partner.secret; },
                    .explain =
                        [](http::Response& response, const core::ParamMap& params, const ToyCall&,
                           const ToyPartner&) {
                          response.headers.emplace_back("X-Explained",
                                                        std::to_string(params.size()));
                        },
                    .mismatch = kBadSign},
      .replay =
          Replay<ToyCall>{.scope_prefix = "toy:",
                          .scope = &ToyCall::partner,
                          .token = &ToyCall::nonce,
                          .horizon_ms = [](const core::Config&) -> std::int64_t { return 60'000; },
                          .replayed = kReplayed,
                          .unavailable = kGuardDown},
      .page_key = [](const ToyCall& call, const ToyPartner&, const Context&)
          -> std::optional<std::string> { return "page:" + std::to_string(call.size); },
      .serve = [](Context&, const ToyCall& call, const ToyPartner&,
                  const Reply&) -> Outcome<std::string> {
        maybe_block(seen);
        ++seen.serves;
        if (seen.serve_fails)
          return core::unexpected(refuse(Verdict::kStoreUnavailable, kStoreDown));
        return "size=" + std::to_string(call.size) + ",late=" + std::to_string(call.late);
      },
      .render_success = render_success,
      .render_refusal = render_refusal,
  };
  return kToy;
}

// A page sent as it is, shared (http::Response::share_body), in the same envelope.
http::Response render_page(std::shared_ptr<const std::string> page, const Reply& reply) {
  http::Response response;
  response.share_body(reply.callback ? *reply.callback + "(ok|" : "ok|", std::move(page),
                      reply.callback ? ")" : "");
  return response;
}

// The toy, rendering its pages shared.
const Endpoint<ToyCall, ToyPartner>& sharing_toy() {
  static const Endpoint<ToyCall, ToyPartner> kSharing = [] {
    auto declared = toy();
    declared.render_page = render_page;
    return declared;
  }();
  return kSharing;
}

// A limiter that allows `budget` hits, then refuses; or fails.
class CountingLimiter final : public auth::RateLimiter {
 public:
  int budget = 1'000'000;
  bool down = false;
  int hits = 0;
  Decision hit(std::string_view, core::EpochMs) override {
    ++hits;
    Decision decision;
    decision.unavailable = down;
    decision.allowed = !down && hits <= budget;
    return decision;
  }
};

class GenerationStore final : public testing::UnusedStore {
 public:
  std::optional<std::uint64_t> generation = 1;
  std::optional<std::uint64_t> data_generation() override { return generation; }
};

class PipelineSteps : public ::testing::Test {
 protected:
  PipelineSteps() { seen = Seen{}; }
  ~PipelineSteps() override { std::fclose(sink_); }

  http::Response call(const std::string& query, std::string method = "GET", std::string body = {},
                      std::string content_type = {},
                      const Endpoint<ToyCall, ToyPartner>& endpoint = toy()) {
    http::Request request;
    request.method = std::move(method);
    request.path = "/toy";
    request.query = query;
    request.body = std::move(body);
    request.content_type = std::move(content_type);
    request.remote_address = "127.0.0.1";
    return Pipeline<ToyCall, ToyPartner>(endpoint, context_)(request);
  }
  // A request that passes every step, with `extra` appended.
  static std::string good(const std::string& nonce, const std::string& extra = {}) {
    return "partner=p1&ts=" + std::to_string(kNow) + "&a=1&sign=s3cret&nonce=" + nonce + extra;
  }
  std::string logged() {
    std::fflush(sink_);
    std::rewind(sink_);
    std::string text;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, sink_) != nullptr) text += buffer;
    return text;
  }

  GenerationStore store_;
  core::ManualClock clock_{kNow};
  core::Config config_;
  std::FILE* sink_ = std::tmpfile();
  core::Logger log_{sink_, clock_};
  auth::InMemoryReplayGuard replay_;
  CountingLimiter limiter_;
  Context context_{store_, clock_, config_, log_, replay_, {{"toys", &limiter_}}};
};

TEST_F(PipelineSteps, AGoodRequestIsServedAndTagged) {
  const auto response = call(good("n1", "&size=7&late=3"));
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.body, "ok|size=7,late=3");
  EXPECT_EQ(response.log_vendor, "toy-vendor");
  EXPECT_EQ(response.log_partner, "p1");
}

TEST_F(PipelineSteps, TheLimiterCountsEveryRequestFirst) {
  limiter_.budget = 1;
  EXPECT_EQ(call("%zz").body, "U|undecodable|undecodable");
  EXPECT_EQ(call(good("n1")).body, "L|limited|rate_limited");
  EXPECT_EQ(limiter_.hits, 2);
  limiter_.down = true;
  EXPECT_EQ(call(good("n2")).body, "LD|limiter down|shared_state_unavailable");
  EXPECT_NE(logged().find("rate limiter unavailable"), std::string::npos);
}

TEST_F(PipelineSteps, ACallbackWrapsEveryAnswerOnceItIsKnown) {
  EXPECT_EQ(call("cb=f&partner=p1").body, "f(M|missing: ts|missing_parameter)");
  EXPECT_EQ(call("cb=f()&partner=p1").body, "CB|bad callback|malformed_parameter");
  EXPECT_EQ(call("cb=%zz").body, "U|undecodable|undecodable");  // before the callback is read
  EXPECT_EQ(call(good("n1", "&cb=g")).body, "g(ok|size=10,late=0)");
}

TEST_F(PipelineSteps, APostBodyIsAFormOrRefusedOnceTheCallbackIsKnown) {
  EXPECT_EQ(call("cb=f", "POST", good("n1"), "application/x-www-form-urlencoded").body,
            "f(ok|size=10,late=0)");
  EXPECT_EQ(call("cb=f", "POST", good("n2"), "text/plain").body,
            "f(UB|unreadable body|undecodable)");
  EXPECT_EQ(call("partner=p1", "POST", good("n3"), "application/x-www-form-urlencoded").body,
            "U|undecodable|undecodable");  // a name in both query and body
}

TEST_F(PipelineSteps, EachPhaseChecksPresenceThenSyntaxThenValueThenRulesThenFreshness) {
  // Presence before syntax: `ts` malformed, `nonce` missing -> missing wins.
  EXPECT_EQ(call("partner=p1&ts=x&a=1").body, "M|missing: nonce|missing_parameter");
  // Syntax before value: `size` out of range, `ts` malformed -> syntax wins, though later.
  EXPECT_EQ(call("partner=p1&size=0&ts=x&a=1&nonce=n").body,
            "N|not a number: ts|malformed_parameter");
  // Value before rules.
  EXPECT_EQ(call("partner=p1&size=0&ts=1&nonce=n").body,
            "R|out of range: size|malformed_parameter");
  // Rules before freshness.
  EXPECT_EQ(call("partner=p1&ts=1&nonce=n").body, "RB|a or b|malformed_parameter");
  // Freshness: edges inclusive.
  EXPECT_EQ(call("partner=p1&ts=" + std::to_string(kNow - 1001) + "&b=1&nonce=n").body,
            "S|stale|stale");
  EXPECT_EQ(call("partner=p1&ts=" + std::to_string(kNow + 11) + "&b=1&nonce=n").body,
            "F|future|future");
  EXPECT_EQ(seen.credential_lookups, 0);  // none of these reached the credential
  // An empty value counts as absent.
  EXPECT_EQ(call("partner=&ts=1").body, "M|missing: partner|missing_parameter");
}

TEST_F(PipelineSteps, TheCredentialThenItsPhaseThenTheSignature) {
  EXPECT_EQ(call("partner=nobody&ts=" + std::to_string(kNow) + "&a=1&nonce=n").body,
            "K|unknown partner|unknown_credential");
  // `sign` belongs to the phase after the credential: missing is only seen for a known partner.
  EXPECT_EQ(call("partner=p1&ts=" + std::to_string(kNow) + "&a=1&nonce=n").body,
            "M|missing: sign|missing_parameter");
  const auto refused = call("partner=p1&ts=" + std::to_string(kNow) + "&a=1&nonce=n&sign=no");
  EXPECT_EQ(refused.body, "BS|bad sign|bad_signature");
  EXPECT_TRUE(refused.headers.empty());  // hints only in sandbox mode
  config_.sandbox = true;
  const auto hinted = call("partner=p1&ts=" + std::to_string(kNow) + "&a=1&nonce=n&sign=no");
  ASSERT_EQ(hinted.headers.size(), 1u);
  EXPECT_EQ(hinted.headers[0].second, "5");
}

TEST_F(PipelineSteps, TheTokenIsSpentOnlyOnceTheSignatureIsVerified) {
  EXPECT_EQ(call(good("n1", "&late=x")).body, "N|not a number: late|malformed_parameter");
  // Spent by the request above, whose later parameter was bad.
  EXPECT_EQ(call(good("n1")).body, "RP|replayed|replay");
  // A bad signature spends nothing.
  call("partner=p1&ts=" + std::to_string(kNow) + "&a=1&nonce=n2&sign=no");
  EXPECT_EQ(call(good("n2")).body, "ok|size=10,late=0");
}

TEST_F(PipelineSteps, KeptPagesAreServedWithoutTheDomainCallUntilTheGenerationMoves) {
  PageCache pages(1 << 20);
  context_.pages = &pages;
  EXPECT_EQ(call(good("n1", "&size=5")).body, "ok|size=5,late=0");
  EXPECT_EQ(call(good("n2", "&size=5")).body, "ok|size=5,late=0");
  EXPECT_EQ(seen.serves, 1);
  // Authentication still runs for a kept page.
  EXPECT_EQ(call(good("n2", "&size=5")).body, "RP|replayed|replay");
  store_.generation = 2;
  call(good("n3", "&size=5"));
  EXPECT_EQ(seen.serves, 2);
  store_.generation = std::nullopt;  // cannot tell: never kept
  call(good("n4", "&size=5"));
  call(good("n5", "&size=5"));
  EXPECT_EQ(seen.serves, 4);
}

TEST_F(PipelineSteps, AKeptPageIsHandedToTheRendererItselfNotACopy) {
  PageCache pages(1 << 20);
  context_.pages = &pages;
  auto shared = [&](const std::string& query) { return call(query, "GET", {}, {}, sharing_toy()); };
  const auto first = shared(good("n1", "&size=5"));  // served, then kept
  const auto second = shared(good("n2", "&size=5"));
  const auto wrapped = shared(good("n3", "&size=5&cb=f"));
  EXPECT_EQ(seen.serves, 1);
  ASSERT_NE(first.shared_body, nullptr);
  EXPECT_EQ(first.whole_body(), "ok|size=5,late=0");
  EXPECT_EQ(second.whole_body(), "ok|size=5,late=0");
  EXPECT_EQ(wrapped.whole_body(), "f(ok|size=5,late=0)");
  // The page the first answer sent is the one kept, which the later answers send.
  EXPECT_EQ(second.shared_body.get(), first.shared_body.get());
  EXPECT_EQ(wrapped.shared_body.get(), first.shared_body.get());
  // Refusals are rendered as before.
  EXPECT_EQ(shared(good("n2", "&size=5")).whole_body(), "RP|replayed|replay");
  // Without a cache, or with a store that cannot tell its generation, a page is still shared.
  store_.generation = std::nullopt;
  const auto unkept = shared(good("n4", "&size=6"));
  EXPECT_EQ(unkept.whole_body(), "ok|size=6,late=0");
  EXPECT_NE(unkept.shared_body, nullptr);
  context_.pages = nullptr;
  EXPECT_EQ(shared(good("n5", "&size=6")).whole_body(), "ok|size=6,late=0");
  EXPECT_EQ(seen.serves, 3);
  // An endpoint that renders no shared page answers with its whole body.
  const auto whole = call(good("n6", "&size=6"));
  EXPECT_EQ(whole.body, "ok|size=6,late=0");
  EXPECT_EQ(whole.shared_body, nullptr);
}

TEST_F(PipelineSteps, StoreFailuresAreLoggedWithTheirDetailAndTheVendorsSystemAnswer) {
  seen.store_fails = true;
  const auto response = call(good("n1"));
  EXPECT_EQ(response.status, 500u);
  EXPECT_EQ(response.body, "SD|store down|store_unavailable");
  EXPECT_EQ(response.log_partner, "p1");
  const auto log = logged();
  EXPECT_NE(log.find("store failure"), std::string::npos) << log;
  EXPECT_NE(log.find("disk on fire"), std::string::npos) << log;
  EXPECT_EQ(log.find("s3cret"), std::string::npos) << log;
}

// find_declared (the pipeline's look-up of the partner and callback parameters, name_before's
// comparisons): the same answer as core::find_param, for names that share prefixes, differ only in
// a byte above 0x7F, are empty, or are absent before, between and after the map's names.
TEST(Pipeline, DeclaredNameLookupIsFindParam) {
  const std::vector<std::string> names = {"",     "a",        "ab",    "abc",  "b",
                                          "page", "pageSize", "ptime", "sign", "signature_nonce",
                                          "z",    "\xC3\xA9", "\xC3",  "Z",    "_x"};
  std::mt19937 rng(99);
  for (int round = 0; round < 2000; ++round) {
    core::ParamMap params;
    const auto count = rng() % 10;
    for (unsigned i = 0; i < count; ++i) {
      params.insert_or_assign(names[rng() % names.size()], std::to_string(i));
    }
    for (const auto& name : names) {
      EXPECT_EQ(find_declared(params, name), core::find_param(params, name)) << name;
    }
  }
}

// The pipeline finds its declared query parameters' texts in one merge over the two name-sorted
// lists: for random declarations (names sharing prefixes, declared twice, from the path) each
// query parameter gets what core::find_param gives, and path parameters' positions are untouched.
TEST(Pipeline, DeclaredTextsInOneMergeAreFindParams) {
  const std::vector<std::string> names = {"",     "a",        "ab",    "abc",  "b",
                                          "page", "pageSize", "ptime", "sign", "signature_nonce",
                                          "z",    "\xC3\xA9", "\xC3",  "Z",    "_x"};
  std::mt19937 rng(2026);
  for (int round = 0; round < 2000; ++round) {
    core::ParamMap params;
    for (auto count = rng() % 10; count > 0; --count) {
      params.insert_or_assign(names[rng() % names.size()], std::to_string(count));
    }
    std::vector<Parameter<ToyCall>> declared;
    for (auto count = rng() % 12; count > 0; --count) {
      declared.push_back({.name = names[rng() % names.size()],
                          .source = rng() % 4 == 0 ? Source::kPath : Source::kQuery});
    }
    std::vector<std::size_t> by_name;
    for (std::size_t i = 0; i < declared.size(); ++i) {
      if (declared[i].source == Source::kQuery) by_name.push_back(i);
    }
    std::stable_sort(by_name.begin(), by_name.end(), [&](std::size_t left, std::size_t right) {
      return declared[left].name < declared[right].name;
    });
    const std::string untouched;
    std::array<const std::string*, kMaxParameters> texts;
    texts.fill(&untouched);
    find_query_texts(declared, by_name, params, texts);
    for (std::size_t i = 0; i < declared.size(); ++i) {
      if (declared[i].source == Source::kPath) {
        EXPECT_EQ(texts[i], &untouched) << round;
      } else {
        EXPECT_EQ(texts[i], core::find_param(params, declared[i].name)) << round << " " << i;
      }
    }
  }
}

// Answers started on an io thread (http::Request::may_defer): what a server lends them, with the
// jobs it would give a handler thread kept until the test runs them.
class QueuedServices final : public http::DeferredServices {
 public:
  bool full = false;  // every handler thread taken
  std::vector<std::pair<std::function<void()>, std::function<void(bool)>>> jobs;
  bool job_ran_with_blocking_allowed = true;

  void offload(std::function<void()> job, std::function<void(bool)> then) override {
    if (full) return then(false);
    jobs.emplace_back(std::move(job), std::move(then));
  }
  // Runs the jobs waiting, as a handler thread would (blocking allowed), then their
  // continuations.
  void run_jobs() {
    while (!jobs.empty()) {
      auto [job, then] = std::move(jobs.front());
      jobs.erase(jobs.begin());
      if (core::blocking_forbidden()) job_ran_with_blocking_allowed = false;
      job();
      then(true);
    }
  }
};

// An asynchronous replay guard whose checks wait until the test answers them.
class HeldReplayGuard final : public auth::AsyncReplayGuard {
 public:
  explicit HeldReplayGuard(auth::ReplayGuard& memory) : memory_(memory) {}
  std::vector<std::function<void()>> held;
  void first_use(std::string scope, std::string token, core::EpochMs now, std::int64_t horizon_ms,
                 std::function<void(auth::ReplayCheck)> done) override {
    held.emplace_back([this, scope, token, now, horizon_ms, done] {
      done(memory_.first_use(scope, token, now, horizon_ms));
    });
  }
  void answer_all() {
    auto now = std::move(held);
    held.clear();
    for (auto& each : now) each();
  }

 private:
  auth::ReplayGuard& memory_;
};

std::string describe(const std::exception_ptr& failure) {
  if (!failure) return "";
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "?";
  }
}

class DeferredPipelineTest : public PipelineSteps {
 protected:
  // The answer to `query` started as an io thread starts it: at once, or deferred.
  http::Response start(const std::string& query) {
    request_ = http::Request{};
    request_.method = "GET";
    request_.path = "/toy";
    request_.query = query;
    request_.remote_address = "127.0.0.1";
    request_.may_defer = true;
    const core::NoBlockingHere io_thread;
    return pipeline_(request_);
  }
  // Finishes a deferred answer, running its handler-thread jobs and held checks as they come.
  std::optional<http::DeferredResult> finish(const http::Response& placeholder,
                                             HeldReplayGuard* guard = nullptr) {
    std::optional<http::DeferredResult> result;
    placeholder.deferred->start(request_, services_,
                                [&](http::DeferredResult done) { result = std::move(done); });
    // (The answer forbids blocking itself whenever it resumes.)
    for (int round = 0; round < 8 && !result; ++round) {
      if (guard != nullptr) guard->answer_all();
      services_.run_jobs();
    }
    return result;
  }
  // Outlives its deferred answers (as a router's route does).
  Pipeline<ToyCall, ToyPartner> pipeline_{toy(), context_};
  http::Request request_;
  QueuedServices services_;
};

TEST_F(DeferredPipelineTest, AnAnswerThatWaitsForNothingIsNotDeferred) {
  const auto response = start(good("d1"));
  EXPECT_EQ(response.deferred, nullptr);
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.body, "ok|size=10,late=0");
  EXPECT_TRUE(services_.jobs.empty());
}

TEST_F(DeferredPipelineTest, StepsThatWouldBlockRunAgainOnAHandlerThread) {
  seen.store_blocks = true;
  const auto placeholder = start(good("d2", "&size=4"));
  ASSERT_NE(placeholder.deferred, nullptr);
  EXPECT_EQ(seen.would_block, 1);  // the credential lookup, tried on the io thread
  EXPECT_EQ(seen.credential_lookups, 0);
  const auto result = finish(placeholder);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(describe(result->failure), "");
  ASSERT_TRUE(result->response.has_value());
  EXPECT_EQ(result->response->status, 200u);
  EXPECT_EQ(result->response->body, "ok|size=4,late=0");
  EXPECT_EQ(result->response->log_partner, "p1");
  EXPECT_EQ(seen.would_block, 2);  // and the domain call
  EXPECT_EQ(seen.credential_lookups, 1);
  EXPECT_EQ(seen.serves, 1);
  EXPECT_TRUE(services_.job_ran_with_blocking_allowed);
  // The token was spent once, by the one answer.
  seen.store_blocks = false;
  EXPECT_EQ(call(good("d2", "&size=4")).body, call(good("d2", "&size=4")).body);
  EXPECT_EQ(call(good("d2", "&size=4")).status, 409u);
}

TEST_F(DeferredPipelineTest, RefusalsAfterAWaitAreTheSameAsWithout) {
  seen.store_blocks = true;
  seen.store_fails = true;
  const auto placeholder = start(good("d3"));
  ASSERT_NE(placeholder.deferred, nullptr);
  const auto result = finish(placeholder);
  ASSERT_TRUE(result.has_value());
  ASSERT_TRUE(result->response.has_value());
  seen.store_blocks = false;
  EXPECT_EQ(result->response->body, call(good("d3b")).body);
  EXPECT_EQ(result->response->body, "SD|store down|store_unavailable");
}

TEST_F(DeferredPipelineTest, TheReplayCheckIsWaitedForThroughTheAsynchronousGuard) {
  HeldReplayGuard guard(replay_);
  context_.async_replay = &guard;
  const auto placeholder = start(good("d4"));
  ASSERT_NE(placeholder.deferred, nullptr);
  EXPECT_EQ(seen.serves, 0);  // waiting for the check
  const auto result = finish(placeholder, &guard);
  ASSERT_TRUE(result.has_value());
  ASSERT_TRUE(result->response.has_value());
  EXPECT_EQ(result->response->body, "ok|size=10,late=0");
  EXPECT_EQ(seen.serves, 1);
  // The same token again: refused by the same guard, after its wait.
  const auto replayed = finish(start(good("d4")), &guard);
  ASSERT_TRUE(replayed.has_value());
  ASSERT_TRUE(replayed->response.has_value());
  EXPECT_EQ(replayed->response->status, 409u);
  EXPECT_EQ(replayed->response->body.rfind("RP|replayed", 0), 0u) << replayed->response->body;
  EXPECT_EQ(seen.serves, 1);
  context_.async_replay = nullptr;
}

TEST_F(DeferredPipelineTest, NoHandlerThreadFreeEndsTheAnswerWithNothing) {
  seen.store_blocks = true;
  services_.full = true;
  const auto placeholder = start(good("d5"));
  ASSERT_NE(placeholder.deferred, nullptr);
  const auto result = finish(placeholder);
  ASSERT_TRUE(result.has_value());
  EXPECT_FALSE(result->response.has_value());  // the server answers "busy"
  EXPECT_EQ(result->failure, nullptr);
  EXPECT_EQ(seen.credential_lookups, 0);
}

// Several answers started on io threads, each with its own request, finished together.
class ConcurrentAnswers {
 public:
  ConcurrentAnswers(Pipeline<ToyCall, ToyPartner>& pipeline, QueuedServices& services)
      : pipeline_(pipeline), services_(services) {}
  // Starts an answer to `query`; deferred ones are started (and wait) at once.
  void start(const std::string& query) {
    auto& request = requests_.emplace_back();
    request.method = "GET";
    request.path = "/toy";
    request.query = query;
    request.remote_address = "127.0.0.1";
    request.may_defer = true;
    auto& result = results_.emplace_back();
    http::Response response;
    {
      const core::NoBlockingHere io_thread;
      response = pipeline_(request);
    }
    if (!response.deferred) {
      result.response = std::move(response);
      return;
    }
    placeholders_.push_back(response.deferred);
    response.deferred->start(request, services_,
                             [&result](http::DeferredResult done) { result = std::move(done); });
  }
  // Runs the handler-thread jobs until none is left; the results, in the order started.
  const std::deque<http::DeferredResult>& finish() {
    services_.run_jobs();
    return results_;
  }

 private:
  Pipeline<ToyCall, ToyPartner>& pipeline_;
  QueuedServices& services_;
  std::deque<http::Request> requests_;
  std::deque<http::DeferredResult> results_;
  std::vector<std::shared_ptr<http::DeferredAnswer>> placeholders_;
};

TEST_F(DeferredPipelineTest, AnswersMissingAPageBeingMadeWaitForItInsteadOfAskingTheStore) {
  PageCache pages(1 << 20);
  context_.pages = &pages;
  seen.store_blocks = true;  // the credential lookup and the page's read go to handler threads
  ConcurrentAnswers answers(pipeline_, services_);
  for (int i = 0; i < 4; ++i) answers.start(good("w" + std::to_string(i), "&size=5"));
  answers.start(good("w9", "&size=6"));  // another page: made on its own
  const auto& results = answers.finish();
  ASSERT_EQ(results.size(), 5u);
  for (const auto& result : results) {
    EXPECT_EQ(describe(result.failure), "");
    ASSERT_TRUE(result.response.has_value());
    EXPECT_EQ(result.response->status, 200u);
  }
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(results[i].response->body, "ok|size=5,late=0");
  EXPECT_EQ(results[4].response->body, "ok|size=6,late=0");
  EXPECT_EQ(seen.serves, 2);  // one read per page, not one per answer
  EXPECT_EQ(pages.fills(), 0u);
  context_.pages = nullptr;
}

TEST_F(DeferredPipelineTest, WhenMakingAPageFailsItsWaitersAskTheStoreThemselves) {
  PageCache pages(1 << 20);
  context_.pages = &pages;
  seen.store_blocks = true;
  seen.serve_fails = true;
  ConcurrentAnswers answers(pipeline_, services_);
  for (int i = 0; i < 3; ++i) answers.start(good("f" + std::to_string(i), "&size=5"));
  const auto& results = answers.finish();
  ASSERT_EQ(results.size(), 3u);
  for (const auto& result : results) {
    ASSERT_TRUE(result.response.has_value());
    EXPECT_EQ(result.response->body, "SD|store down|store_unavailable");
  }
  EXPECT_EQ(seen.serves, 3);  // the maker's read failed: nothing kept, each one tried
  EXPECT_EQ(pages.fills(), 0u);
  // The store back: the page is made once more and kept.
  seen.serve_fails = false;
  ConcurrentAnswers again(pipeline_, services_);
  for (int i = 0; i < 3; ++i) again.start(good("g" + std::to_string(i), "&size=5"));
  for (const auto& result : again.finish()) {
    ASSERT_TRUE(result.response.has_value());
    EXPECT_EQ(result.response->body, "ok|size=5,late=0");
  }
  EXPECT_EQ(seen.serves, 4);
  context_.pages = nullptr;
}

TEST_F(DeferredPipelineTest, AnAnswerWithNothingToWaitForNeitherClaimsNorWaits) {
  PageCache pages(1 << 20);
  context_.pages = &pages;
  // Not deferred (the store does not block): each answer makes and keeps its page at once.
  EXPECT_EQ(start(good("s1", "&size=5")).body, "ok|size=5,late=0");
  EXPECT_EQ(start(good("s2", "&size=5")).body, "ok|size=5,late=0");
  EXPECT_EQ(seen.serves, 1);
  EXPECT_EQ(pages.fills(), 0u);
  // A store that cannot tell its generation: nothing kept, no claim.
  store_.generation = std::nullopt;
  seen.store_blocks = true;
  ConcurrentAnswers answers(pipeline_, services_);
  for (int i = 0; i < 2; ++i) answers.start(good("u" + std::to_string(i), "&size=7"));
  EXPECT_EQ(pages.fills(), 0u);
  for (const auto& result : answers.finish()) {
    ASSERT_TRUE(result.response.has_value());
    EXPECT_EQ(result.response->body, "ok|size=7,late=0");
  }
  EXPECT_EQ(seen.serves, 3);
  context_.pages = nullptr;
}

TEST_F(DeferredPipelineTest, WithoutMayDeferABlockingStepSimplyRuns) {
  seen.store_blocks = true;  // blocking is not forbidden here: nothing throws
  const auto response = call(good("d6"));
  EXPECT_EQ(response.deferred, nullptr);
  EXPECT_EQ(response.body, "ok|size=10,late=0");
  EXPECT_EQ(seen.would_block, 0);
}

}  // namespace
}  // namespace mediagate::endpoint
