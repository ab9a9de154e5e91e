// The one pipeline every declared endpoint runs (docs/architecture.md, "The life of a
// request"), in the order ../shared/spec/decisions.md fixes:
//   limit -> decode -> callback -> parameters before the credential -> credential
//   -> parameters before the signature -> signature -> replay -> parameters after the signature
//   -> kept page -> domain call -> success envelope
// Each phase of parameters checks presence, then syntax, then value, then rules, then freshness.
// The first refusal is rendered in the vendor's envelope. This is the one place where the page
// cache, sandbox hints, failure logging, access-log tags, the journal and the metrics hook in
// (faults: registry.cpp).
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/rate_limiter.hpp"
#include "auth/replay_guard.hpp"
#include "endpoint/answer_task.hpp"
#include "endpoint/endpoint.hpp"
#include "endpoint/observer.hpp"
#include "endpoint/page_cache.hpp"
#include "endpoint/signature_hint.hpp"
#include "endpoint/steps.hpp"

namespace mediagate::endpoint {

// Logs a refusal that is the service's fault, not the client's (never a secret: `internal`
// holds the component's own error text).
void log_failure(const Context& context, std::string_view endpoint, std::string_view vendor,
                 std::string_view partner, const Refusal& refusal);

// The text in `params` of each parameter declared with Source::kQuery, by its position in
// `declared` (null when absent; the other positions are left as they are): what core::find_param
// would give for each, found in one merge of two lists in name order rather than one search per
// name. `by_name` holds those parameters' positions in `declared`, sorted by name (name_before).
template <class Call>
void find_query_texts(const std::vector<Parameter<Call>>& declared,
                      const std::vector<std::size_t>& by_name, const core::ParamMap& params,
                      std::array<const std::string*, kMaxParameters>& texts) {
  auto it = params.begin();
  for (const std::size_t i : by_name) {
    const std::string_view name = declared[i].name;
    while (it != params.end() && name_before(it->first, name)) ++it;
    texts[i] = it != params.end() && std::string_view(it->first) == name ? &it->second : nullptr;
  }
}

// One phase of parameter checks, then the phase's rules and freshness. `query_texts` is
// find_query_texts's for the request's parameters.
template <class Call, class Credential>
std::optional<Refusal> check_phase(
    const Endpoint<Call, Credential>& endpoint, Phase phase, const http::Request& request,
    const std::array<const std::string*, kMaxParameters>& query_texts, Call& call,
    core::EpochMs now, const core::Config& config) {
  const auto& declared = endpoint.parameters;
  // The phase's parameters that are present, in declaration order, with their texts.
  // (Not value-initialised: filled up to `count`, read no further.)
  std::array<const Parameter<Call>*, kMaxParameters> present;
  std::array<const std::string*, kMaxParameters> texts;
  std::size_t count = 0;
  for (std::size_t position = 0; position < declared.size(); ++position) {
    const auto& parameter = declared[position];
    if (parameter.phase != phase) continue;
    const std::string* text = nullptr;
    if (parameter.source == Source::kPath) {
      const auto it = request.path_params.find(parameter.name);
      if (it != request.path_params.end() && !it->second.empty()) text = &it->second;
    } else {
      text = query_texts[position];
      if (text != nullptr && parameter.empty_is_absent && text->empty()) text = nullptr;
    }
    if (text == nullptr) {
      if (parameter.required) {
        return refuse(Verdict::kMissingParameter, parameter.missing, parameter.name);
      }
      continue;
    }
    present[count] = &parameter;
    texts[count] = text;
    ++count;
  }
  for (std::size_t i = 0; i < count; ++i) {
    const auto& parameter = *present[i];
    if (parameter.read != nullptr && !parameter.read(call, *texts[i])) {
      return refuse(Verdict::kMalformedParameter, parameter.malformed, parameter.name);
    }
  }
  for (std::size_t i = 0; i < count; ++i) {
    const auto& parameter = *present[i];
    if (parameter.valid != nullptr && !parameter.valid(call)) {
      return refuse(Verdict::kMalformedParameter, parameter.invalid, parameter.name);
    }
  }
  for (const auto& rule : endpoint.rules) {
    if (rule.phase == phase && !rule.holds(call)) {
      return refuse(Verdict::kMalformedParameter, rule.broken);
    }
  }
  if (const auto& freshness = endpoint.freshness; freshness && freshness->phase == phase) {
    return freshness_step(call.*(freshness->timestamp), now, freshness->past_ms(config),
                          freshness->future_ms(config), freshness->too_old, freshness->in_future);
  }
  return std::nullopt;
}

// Runs one declared endpoint for one request.
template <class Call, class Credential>
class Pipeline {
 public:
  Pipeline(const Endpoint<Call, Credential>& endpoint, Context& context)
      : endpoint_(endpoint),
        context_(context),
        limiter_(endpoint.limit_group.empty() ? nullptr
                                              : context.rate_limiter(endpoint.limit_group)),
        stats_(context.observer != nullptr ? &context.observer->endpoint(endpoint.name) : nullptr) {
    if (endpoint.parameters.size() > kMaxParameters) {
      throw std::logic_error("endpoint " + std::string(endpoint.name) + " declares more than " +
                             std::to_string(kMaxParameters) + " parameters");
    }
    for (std::size_t i = 0; i < endpoint.parameters.size(); ++i) {
      if (endpoint.parameters[i].source != Source::kPath) query_by_name_.push_back(i);
    }
    std::stable_sort(query_by_name_.begin(), query_by_name_.end(),
                     [&declared = endpoint.parameters](std::size_t left, std::size_t right) {
                       return name_before(declared[left].name, declared[right].name);
                     });
  }

  // The answer to `request`: at once, or (with request.may_defer, on an io thread) a Response
  // that carries what finishes it (http/deferred.hpp; endpoint/answer_task.hpp), which uses
  // this pipeline: it must outlive its deferred answers (a router's routes do).
  http::Response operator()(http::Request& request) const {
    AnswerTask task = run(request, request.may_defer);
    task.resume();
    if (task.done()) return task.take();
    if (!request.may_defer) throw std::logic_error("a synchronous answer suspended");
    http::Response deferred;
    deferred.deferred = std::make_shared<DeferredPipeline>(std::move(task));
    return deferred;
  }

 private:
  // The pipeline. Each step that may block is a `blocking` step; with may_defer the answer
  // suspends there when the step would block, and at the replay check when the context has an
  // asynchronous guard.
  AnswerTask run(http::Request& request, bool may_defer) const {
    const auto& e = endpoint_;
    Observation seen;
    // The server's start of this request (read once, by the server), when there was one.
    if (stats_ != nullptr) {
      seen.started = request.received != std::chrono::steady_clock::time_point{}
                         ? request.received
                         : std::chrono::steady_clock::now();
    }
    Reply reply;
    reply.now = context_.clock.now_ms();
    seen.now = reply.now;
    reply.utc_offset_minutes = static_cast<int>(context_.config.utc_offset_minutes);
    // Read before any of this request's data (endpoint/page_cache.hpp).
    const auto generation = e.page_key != nullptr && context_.pages != nullptr
                                ? context_.store.data_generation()
                                : std::nullopt;
    std::string_view partner;
    if (e.partner_source == Source::kPath) {
      const auto it = request.path_params.find(e.partner);
      if (it != request.path_params.end()) partner = it->second;
    }
    Call call{};
    // Every answer leaves through here: tagged for the access log, then observed.
    auto answer = [&](http::Response response, const Refusal* refusal = nullptr) {
      response.log_vendor = std::string(e.log_vendor);
      response.log_partner = std::string(partner);
      if (stats_ != nullptr) {
        seen.partner = partner;
        if (refusal != nullptr && e.freshness &&
            (refusal->verdict == Verdict::kStale || refusal->verdict == Verdict::kFuture)) {
          seen.request_time = call.*(e.freshness->timestamp);
        }
        context_.observer->answered(*stats_, request, response, seen, refusal);
      }
      return response;
    };
    auto refused = [&](const Refusal& refusal) {
      if (refusal.verdict == Verdict::kStoreUnavailable ||
          refusal.verdict == Verdict::kSharedStateUnavailable) {
        log_failure(context_, e.name, e.log_vendor, partner, refusal);
      }
      return answer(e.render_refusal(refusal, reply), &refusal);
    };
    // Times a call to the store or shared state, when observed.
    auto started = [&] {
      return stats_ != nullptr ? std::chrono::steady_clock::now()
                               : std::chrono::steady_clock::time_point{};
    };
    auto finished = [&](Dependency dependency, std::chrono::steady_clock::time_point since,
                        bool failed) {
      if (stats_ != nullptr) {
        context_.observer->dependency(dependency, std::chrono::steady_clock::now() - since, failed);
      }
    };
    auto unavailable = [](const std::optional<Refusal>& refusal, Verdict verdict) {
      return refusal && refusal->verdict == verdict;
    };

    if (limiter_ != nullptr) {
      seen.step = Step::kLimit;
      const auto since = started();
      std::optional<Refusal> refusal;
      auth::AsyncRateLimiter* const async_limiter =
          may_defer ? context_.async_rate_limiter(e.limit_group) : nullptr;
      if (async_limiter != nullptr) {
        const auth::RateLimiter::Decision decision =
            co_await on_event_loop<auth::RateLimiter::Decision>([&](auto done) {
              async_limiter->hit(request.remote_address, reply.now, std::move(done));
            });
        refusal = limit_outcome(decision, e.rate_limited, e.limiter_unavailable);
      } else {
        refusal = co_await blocking(may_defer, [&] {
          return limit_step(*limiter_, request.remote_address, reply.now, e.rate_limited,
                            e.limiter_unavailable);
        });
      }
      finished(Dependency::kRateLimit, since,
               unavailable(refusal, Verdict::kSharedStateUnavailable));
      if (refusal) co_return refused(*refusal);
    }
    seen.step = Step::kDecode;
    auto decoded = decode_step(request, e.reads_form_body, e.undecodable);
    if (!decoded) co_return refused(decoded.error());
    const core::ParamMap& params = decoded->params;
    seen.params = &params;
    if (e.partner_source == Source::kQuery) {
      if (const auto* value = find_declared(params, e.partner)) partner = *value;
    }
    if (!e.callback_param.empty()) {
      seen.step = Step::kCallback;
      auto callback = callback_step(params, e.callback_param, e.bad_callback);
      if (!callback) co_return refused(callback.error());
      reply.callback = std::move(*callback);
    }
    if (decoded->unreadable_body) {
      // Answered after the callback is known (the refusal is wrapped in it), but decided by
      // the decode step: the journal says so.
      seen.step = Step::kDecode;
      co_return refused(refuse(Verdict::kUndecodable, e.unreadable_body));
    }

    // (Not value-initialised: find_query_texts fills every position check_phase reads.)
    std::array<const std::string*, kMaxParameters> query_texts;
    find_query_texts(e.parameters, query_by_name_, params, query_texts);
    auto phase = [&](Phase which) {
      return check_phase(e, which, request, query_texts, call, reply.now, context_.config);
    };
    seen.step = Step::kBeforeCredential;
    if (auto refusal = phase(Phase::kBeforeCredential)) co_return refused(*refusal);
    seen.step = Step::kCredential;
    const auto lookup_since = started();
    auto credential =
        co_await blocking(may_defer, [&] { return e.find_credential(context_, call); });
    finished(Dependency::kCredentialLookup, lookup_since,
             !credential && credential.error().verdict == Verdict::kStoreUnavailable);
    if (!credential) co_return refused(credential.error());
    seen.step = Step::kBeforeSignature;
    if (auto refusal = phase(Phase::kBeforeSignature)) co_return refused(*refusal);
    seen.step = Step::kSignature;
    if (!e.signature.verify(params, call, *credential)) {
      const Refusal mismatch = refuse(Verdict::kBadSignature, e.signature.mismatch);
      auto response = e.render_refusal(mismatch, reply);
      if (signature_hints_enabled(context_) && e.signature.explain != nullptr) {
        e.signature.explain(response, params, call, *credential);
      }
      co_return answer(std::move(response), &mismatch);
    }
    if (const auto& replay = e.replay) {
      seen.step = Step::kReplay;
      std::string scope(replay->scope_prefix);
      scope += call.*(replay->scope);
      const auto since = started();
      std::optional<Refusal> refusal;
      if (may_defer && context_.async_replay != nullptr) {
        const auth::ReplayCheck check = co_await on_event_loop<auth::ReplayCheck>([&](auto done) {
          context_.async_replay->first_use(scope, std::string(call.*(replay->token)), reply.now,
                                           replay->horizon_ms(context_.config), std::move(done));
        });
        refusal = replay_outcome(check, replay->replayed, replay->unavailable);
      } else {
        refusal = co_await blocking(may_defer, [&] {
          return replay_step(context_.replay_guard, scope, call.*(replay->token), reply.now,
                             replay->horizon_ms(context_.config), replay->replayed,
                             replay->unavailable);
        });
      }
      finished(Dependency::kReplayGuard, since,
               unavailable(refusal, Verdict::kSharedStateUnavailable));
      if (refusal) co_return refused(*refusal);
    }
    seen.step = Step::kAfterSignature;
    if (auto refusal = phase(Phase::kAfterSignature)) co_return refused(*refusal);

    PageTicket ticket;
    // This answer's claim on making its page, which lets the answers waiting for the page go
    // when it ends, at the end of this answer (endpoint/page_cache.hpp).
    std::optional<PageFill> making;
    if (e.page_key != nullptr && context_.pages != nullptr) {
      if (auto key = e.page_key(call, *credential, context_)) {
        ticket = PageTicket{generation, std::move(*key)};
        if (auto kept = find_page(context_.pages, ticket)) {
          seen.step = Step::kKeptPage;
          co_return answer(render_page(std::move(kept), reply));
        }
        // Only answers on the io thread claim or wait: a claim's end resumes its waiters on the
        // thread that ends it, which must be an io thread (Suspension::wait).
        if (may_defer) {
          auto join = context_.pages->join_fill(ticket);
          if (join.claim) making.emplace(std::move(*join.claim));
          if (join.another) {
            co_await on_event_loop<bool>([&](auto done) {
              if (!context_.pages->wait_for_fill(ticket, [done] { done(true); })) done(false);
            });
            if (auto kept = find_page(context_.pages, ticket)) {
              seen.step = Step::kKeptPage;
              co_return answer(render_page(std::move(kept), reply));
            }
            // Not kept (its making failed): this answer asks the store itself.
          }
        }
      }
    }
    seen.step = Step::kDomain;
    const auto serve_since = started();
    auto data =
        co_await blocking(may_defer, [&] { return e.serve(context_, call, *credential, reply); });
    finished(Dependency::kDomainCall, serve_since,
             !data && data.error().verdict == Verdict::kStoreUnavailable);
    if (!data) co_return refused(data.error());
    if (!ticket.generation && e.render_page == nullptr) {
      co_return answer(e.render_success(*data, reply));
    }
    // Made shared once, kept (when it may be) and answered with, without a copy.
    co_return answer(
        render_page(keep_page(context_.pages, std::move(ticket), std::move(*data)), reply));
  }

  http::Response render_page(std::shared_ptr<const std::string> page, const Reply& reply) const {
    if (endpoint_.render_page != nullptr) return endpoint_.render_page(std::move(page), reply);
    return endpoint_.render_success(*page, reply);
  }

  const Endpoint<Call, Credential>& endpoint_;
  Context& context_;
  auth::RateLimiter* limiter_;
  EndpointStats* stats_;  // null when nothing observes
  // The positions in endpoint_.parameters of those read from the query, sorted by name.
  std::vector<std::size_t> query_by_name_;
};

}  // namespace mediagate::endpoint
