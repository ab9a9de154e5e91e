// `describe(declaration, config)`: a declared endpoint as documents see it (endpoint_doc.hpp).
// It reads the same declaration the pipeline runs, in the pipeline's order, and renders every
// answer the declaration can give with the declaration's own renderers, so the documents
// show exactly what goes on the wire.
#pragma once

#include <limits>
#include <string>

#include "endpoint/endpoint.hpp"
#include "endpoint/endpoint_doc.hpp"

namespace mediagate::endpoint {

template <class Call, class Credential>
EndpointDoc describe(const Endpoint<Call, Credential>& e, const core::Config& config) {
  EndpointDoc doc;
  doc.name = std::string(e.name);
  doc.log_vendor = std::string(e.log_vendor);
  doc.pattern = std::string(e.pattern);
  doc.methods = e.methods;
  doc.summary = std::string(e.summary);
  doc.partner = std::string(e.partner);
  doc.partner_source = e.partner_source;
  doc.limit_group = std::string(e.limit_group);
  doc.reads_form_body = e.reads_form_body;
  doc.callback_param = std::string(e.callback_param);

  Reply reply;
  reply.now = kExampleNow;
  reply.utc_offset_minutes = static_cast<int>(config.utc_offset_minutes);
  const auto success = e.render_success(e.data_example.empty() ? "{}" : e.data_example, reply);
  doc.success_status = success.status;
  doc.success_content_type = success.content_type;
  doc.success_body = success.body;
  if (!e.callback_param.empty()) {
    Reply wrapped = reply;
    wrapped.callback = std::string(kExampleCallback);
    const auto jsonp = e.render_success(e.data_example.empty() ? "{}" : e.data_example, wrapped);
    doc.jsonp_content_type = jsonp.content_type;
    doc.jsonp_body = jsonp.body;
  }

  // An answer is documented only when the declaration sets one (a code or a text).
  auto add = [&](const Refusal& refusal, std::string when) {
    if (refusal.answer.code.empty() && refusal.answer.message.empty()) return;
    const auto rendered = e.render_refusal(refusal, reply);
    add_answer(doc, refusal, std::move(when), rendered.content_type, rendered.body);
  };
  auto answer = [&](Verdict verdict, const Answer& a, std::string when,
                    std::string_view field = {}) {
    add(refuse(verdict, a, field), std::move(when));
  };

  if (!e.limit_group.empty()) {
    answer(Verdict::kRateLimited, e.rate_limited, "over the rate limit of " + doc.limit_group);
    answer(Verdict::kSharedStateUnavailable, e.limiter_unavailable, "rate limiter unavailable");
  }
  answer(Verdict::kUndecodable, e.undecodable,
         e.reads_form_body ? "query or form body undecodable" : "query undecodable");
  if (!e.callback_param.empty()) {
    answer(Verdict::kMalformedParameter, e.bad_callback,
           "malformed: " + doc.callback_param + " (not a safe callback name)");
  }
  if (e.reads_form_body) answer(Verdict::kUndecodable, e.unreadable_body, "body not a form");

  auto phase = [&](Phase which) {
    for (const auto& p : e.parameters) {
      if (p.phase == which && p.required) {
        answer(Verdict::kMissingParameter, p.missing, "missing: " + std::string(p.name), p.name);
      }
    }
    for (const auto& p : e.parameters) {
      if (p.phase == which && p.read != nullptr) {
        answer(Verdict::kMalformedParameter, p.malformed, "malformed: " + std::string(p.name),
               p.name);
      }
    }
    for (const auto& p : e.parameters) {
      if (p.phase == which && p.valid != nullptr) {
        answer(Verdict::kMalformedParameter, p.invalid, "invalid: " + std::string(p.name), p.name);
      }
    }
    for (const auto& rule : e.rules) {
      if (rule.phase == which) {
        answer(Verdict::kMalformedParameter, rule.broken,
               "rule broken: " + std::string(rule.description));
      }
    }
    if (const auto& f = e.freshness; f && f->phase == which) {
      answer(Verdict::kStale, f->too_old, "too old: " + std::string(f->parameter));
      answer(Verdict::kFuture, f->in_future, "in the future: " + std::string(f->parameter));
    }
  };
  phase(Phase::kBeforeCredential);
  for (const auto& refusal : e.credential_refusals) add(refusal, "credential lookup");
  phase(Phase::kBeforeSignature);
  answer(Verdict::kBadSignature, e.signature.mismatch, "signature mismatch");
  if (const auto& r = e.replay) {
    answer(Verdict::kReplay, r->replayed, "replayed: " + std::string(r->token_parameter));
    answer(Verdict::kSharedStateUnavailable, r->unavailable, "replay guard unavailable");
  }
  phase(Phase::kAfterSignature);
  for (const auto& refusal : e.domain_refusals) add(refusal, "domain call");

  for (const auto& p : e.parameters) {
    doc.parameters.push_back({std::string(p.name), p.source, p.phase, p.required, p.empty_is_absent,
                              std::string(p.format), std::string(p.fallback),
                              std::string(p.fallback_note)});
  }
  for (const auto& rule : e.rules) doc.rules.emplace_back(rule.description);
  if (const auto& f = e.freshness) {
    FreshnessDoc fresh{std::string(f->parameter), f->phase, std::nullopt, std::nullopt};
    constexpr auto kUnbounded = std::numeric_limits<std::int64_t>::max();
    if (const auto past = f->past_ms(config); past != kUnbounded) fresh.past_ms = past;
    if (const auto future = f->future_ms(config); future != kUnbounded) fresh.future_ms = future;
    doc.freshness = std::move(fresh);
  }
  doc.signature = {std::string(e.signature.parameter), std::string(e.signature.signed_set),
                   std::string(e.signature.rule)};
  if (const auto& r = e.replay) {
    doc.replay = ReplayDoc{std::string(r->scope_parameter), std::string(r->token_parameter),
                           r->horizon_ms(config)};
  }
  return doc;
}

}  // namespace mediagate::endpoint
