#include "endpoint/observer.hpp"

#include <algorithm>
#include <cstdint>

#include "auth/signature_trace.hpp"
#include "core/url_form.hpp"
#include "endpoint/signature_hint.hpp"
#include "observe/parameter_mask.hpp"

namespace mediagate::endpoint {
namespace {

constexpr std::size_t kMaxJournaledHost = 256;
constexpr std::size_t kMaxJournaledPath = 2048;

constexpr std::array<std::string_view, 4> kDependencyNames = {"credential_lookup", "domain_call",
                                                              "rate_limit", "replay_guard"};
constexpr std::array<bool, 4> kDependencyIsStore = {true, true, false, false};
constexpr std::array<std::string_view, 3> kSignatureFailureNames = {"mismatch", "missing",
                                                                    "malformed"};
constexpr std::array<std::string_view, 3> kFaultKindNames = {"error", "reset", "latency"};

// A success's code label: the declaration states no success code of its own.
constexpr std::string_view kSuccessCode = "ok";

std::int64_t microseconds_since(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                               started)
      .count();
}

// The sandbox's signature hint headers of a refused signature, decoded, by variant.
std::vector<observe::SignatureExplanation> explanations(const http::Response& response) {
  std::vector<observe::SignatureExplanation> out;
  for (const auto& [name, value] : response.headers) {
    if (name.rfind(kCanonicalHeader, 0) != 0) continue;
    observe::SignatureExplanation explanation;
    std::string_view variant = std::string_view(name).substr(kCanonicalHeader.size());
    if (!variant.empty() && variant.front() == '-') variant.remove_prefix(1);
    explanation.variant = variant;
    explanation.canonical = core::percent_decode(value).value_or(value);
    std::string to_sign_name(kStringToSignHeader);
    if (!variant.empty()) to_sign_name += "-" + std::string(variant);
    for (const auto& [other, text] : response.headers) {
      if (other == to_sign_name) {
        explanation.string_to_sign_redacted = core::percent_decode(text).value_or(text);
      }
    }
    out.push_back(std::move(explanation));
  }
  return out;
}

std::uint64_t code_key(std::string_view code, bool success) {
  if (success) return 2;  // refusal keys are odd
  return (static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(code.data())) << 1U) | 1U;
}

}  // namespace

std::string_view step_name(Step step) {
  switch (step) {
    case Step::kFault:
      return "fault";
    case Step::kLimit:
      return "limit";
    case Step::kDecode:
      return "decode";
    case Step::kCallback:
      return "callback";
    case Step::kBeforeCredential:
      return "before_credential";
    case Step::kCredential:
      return "credential";
    case Step::kBeforeSignature:
      return "before_signature";
    case Step::kSignature:
      return "signature";
    case Step::kReplay:
      return "replay";
    case Step::kAfterSignature:
      return "after_signature";
    case Step::kKeptPage:
      return "kept_page";
    case Step::kDomain:
      return "domain";
  }
  return "unknown";
}

Observer::Observer(observe::JournalMode mode, observe::RequestJournal* journal)
    : mode_(journal == nullptr ? observe::JournalMode::kOff : mode), journal_(journal) {}

EndpointStats& Observer::endpoint(std::string_view name) {
  const std::lock_guard lock(endpoints_mutex_);
  auto it = endpoints_.find(name);
  if (it != endpoints_.end()) return *it->second;
  auto stats = std::make_unique<EndpointStats>();
  stats->name = name;
  stats->vendor = name.substr(0, name.find('-'));
  observe::append_label(stats->labels, "vendor", stats->vendor);
  observe::append_label(stats->labels, "endpoint", stats->name);
  return *endpoints_.emplace(std::string(name), std::move(stats)).first->second;
}

void Observer::answered(EndpointStats& stats, const http::Request& request,
                        const http::Response& response, const Observation& seen,
                        const Refusal* refusal) {
  const Verdict verdict = refusal != nullptr ? refusal->verdict : Verdict::kOk;
  stats.verdicts[static_cast<std::size_t>(verdict)].fetch_add(1, std::memory_order_relaxed);
  const std::string_view code = refusal != nullptr ? refusal->answer.code : kSuccessCode;
  auto* counter = stats.codes.find_or_add(code_key(code, refusal == nullptr), [&] {
    std::string labels = stats.labels;
    observe::append_label(labels, "code", code);
    return labels;
  });
  (counter != nullptr ? *counter : stats.codes_overflow).fetch_add(1, std::memory_order_relaxed);
  if (refusal != nullptr) {
    std::optional<SignatureFailure> failure;
    if (verdict == Verdict::kBadSignature) {
      failure = SignatureFailure::kMismatch;
    } else if (refusal->field == auth::kSignParam && verdict == Verdict::kMissingParameter) {
      failure = SignatureFailure::kMissing;
    } else if (refusal->field == auth::kSignParam && verdict == Verdict::kMalformedParameter) {
      failure = SignatureFailure::kMalformed;
    }
    if (failure) {
      stats.signature_failures[static_cast<std::size_t>(*failure)].fetch_add(
          1, std::memory_order_relaxed);
    }
  }
  if (mode_ != observe::JournalMode::kOff) {
    journal(stats, request, response, seen, refusal, verdict_name(verdict), step_name(seen.step));
  }
}

void Observer::injected(EndpointStats& stats, const http::Request& request,
                        const http::Response& response, FaultKind kind, core::EpochMs now,
                        std::chrono::steady_clock::time_point started) {
  stats.faults[static_cast<std::size_t>(kind)].fetch_add(1, std::memory_order_relaxed);
  if (kind == FaultKind::kLatency) return;  // the endpoint answered, and reported itself
  stats.verdicts[static_cast<std::size_t>(Verdict::kInjectedFault)].fetch_add(
      1, std::memory_order_relaxed);
  if (mode_ == observe::JournalMode::kOff) return;
  Observation seen;
  seen.started = started;
  seen.now = now;
  seen.step = Step::kFault;
  http::Response answered = response;
  if (kind == FaultKind::kReset) answered.status = 0;
  journal(stats, request, answered, seen, nullptr, verdict_name(Verdict::kInjectedFault),
          step_name(Step::kFault));
}

void Observer::journal(const EndpointStats& stats, const http::Request& request,
                       const http::Response& response, const Observation& seen,
                       const Refusal* refusal, std::string_view verdict, std::string_view step) {
  // Views of what the request and the response hold: the journal copies them into its arena.
  observe::JournalDraft draft;
  draft.time = seen.now;
  draft.vendor = stats.vendor;
  draft.endpoint = stats.name;
  draft.partner = response.log_partner.empty() ? seen.partner : response.log_partner;
  draft.client = request.remote_address;
  draft.method = request.method;
  draft.host = request.header("host").substr(0, kMaxJournaledHost);
  draft.path = std::string_view(request.path).substr(0, kMaxJournaledPath);
  draft.verdict = verdict;
  draft.step = step;
  draft.status = response.status;
  draft.latency_us = microseconds_since(seen.started);
  if (refusal != nullptr) {
    draft.field = refusal->field;
    draft.code = refusal->answer.code;
    if (refusal->verdict == Verdict::kStale || refusal->verdict == Verdict::kFuture) {
      draft.request_time = seen.request_time;
    }
  }
  std::vector<observe::SignatureExplanation> signature;
  if (mode_ == observe::JournalMode::kFull) {
    draft.parameters_kept = true;
    draft.masked_params = seen.params;  // masked as the journal copies them
    draft.signature_name = auth::kSignParam;
    if (refusal != nullptr && refusal->verdict == Verdict::kBadSignature) {
      signature = explanations(response);
      draft.signature = signature;
    }
  }
  journal_->record(draft);
}

void Observer::dependency(Dependency dependency, std::chrono::nanoseconds duration, bool failed) {
  const auto at = static_cast<std::size_t>(dependency);
  dependency_durations_[at].observe(duration);
  if (failed) dependency_errors_[at].fetch_add(1, std::memory_order_relaxed);
}

void Observer::write(observe::Exposition& out) const {
  auto each_endpoint = [&](auto&& visit) {
    for (const auto& [name, stats] : endpoints_) visit(*stats);
  };
  out.family("mediagate_vendor_responses_total", "counter",
             "Answers of the vendor endpoints, by the vendor's code (ok: a success).");
  each_endpoint([&](const EndpointStats& stats) {
    std::map<std::string, std::uint64_t> merged;  // one code's text may live in two places
    stats.codes.for_each([&](const std::string& labels, const auto& value) {
      merged[labels] += value.load(std::memory_order_relaxed);
    });
    if (const auto overflow = stats.codes_overflow.load(std::memory_order_relaxed)) {
      std::string labels = stats.labels;
      observe::append_label(labels, "code", "other");
      merged[labels] += overflow;
    }
    for (const auto& [labels, value] : merged) {
      out.sample("mediagate_vendor_responses_total", labels, value);
    }
  });
  out.family("mediagate_pipeline_verdicts_total", "counter",
             "Vendor requests by the pipeline's verdict (the step that decided them).");
  each_endpoint([&](const EndpointStats& stats) {
    for (std::size_t i = 0; i < kVerdictCount; ++i) {
      std::string labels = stats.labels;
      observe::append_label(labels, "verdict", verdict_name(static_cast<Verdict>(i)));
      out.sample("mediagate_pipeline_verdicts_total", labels,
                 stats.verdicts[i].load(std::memory_order_relaxed));
    }
  });
  out.family("mediagate_signature_failures_total", "counter",
             "Vendor requests refused for their signature: mismatch, missing or malformed.");
  each_endpoint([&](const EndpointStats& stats) {
    for (std::size_t i = 0; i < kSignatureFailureNames.size(); ++i) {
      std::string labels = stats.labels;
      observe::append_label(labels, "reason", kSignatureFailureNames[i]);
      out.sample("mediagate_signature_failures_total", labels,
                 stats.signature_failures[i].load(std::memory_order_relaxed));
    }
  });
  const auto verdict_family = [&](std::string_view name, std::string_view help, Verdict verdict) {
    out.family(name, "counter", help);
    each_endpoint([&](const EndpointStats& stats) {
      out.sample(name, stats.labels,
                 stats.verdicts[static_cast<std::size_t>(verdict)].load(std::memory_order_relaxed));
    });
  };
  verdict_family("mediagate_replay_rejections_total",
                 "Vendor requests refused because their one-time token was used already.",
                 Verdict::kReplay);
  verdict_family("mediagate_rate_limited_total",
                 "Vendor requests refused because the client is over its rate limit.",
                 Verdict::kRateLimited);
  out.family("mediagate_injected_faults_total", "counter",
             "Sandbox fault injection: answers replaced by an error or a reset, and delays.");
  each_endpoint([&](const EndpointStats& stats) {
    for (std::size_t i = 0; i < kFaultKindNames.size(); ++i) {
      std::string labels = stats.labels;
      observe::append_label(labels, "kind", kFaultKindNames[i]);
      out.sample("mediagate_injected_faults_total", labels,
                 stats.faults[i].load(std::memory_order_relaxed));
    }
  });
  for (const bool store : {true, false}) {
    const std::string base = store ? "mediagate_store_call_duration_seconds"
                                   : "mediagate_shared_state_call_duration_seconds";
    out.family(base, "histogram",
               store ? "The pipeline's store calls (through the lookup cache), by operation."
                     : "The pipeline's shared-state calls (rate limit, replay guard).");
    for (std::size_t i = 0; i < kDependencyNames.size(); ++i) {
      if (kDependencyIsStore[i] != store) continue;
      std::string labels;
      observe::append_label(labels, "operation", kDependencyNames[i]);
      out.histogram(base, labels, dependency_durations_[i].snapshot());
    }
    const std::string errors =
        store ? "mediagate_store_call_errors_total" : "mediagate_shared_state_call_errors_total";
    out.family(errors, "counter",
               store ? "Store calls of the pipeline that failed (the vendor's system error)."
                     : "Shared-state calls of the pipeline that found it unavailable.");
    for (std::size_t i = 0; i < kDependencyNames.size(); ++i) {
      if (kDependencyIsStore[i] != store) continue;
      std::string labels;
      observe::append_label(labels, "operation", kDependencyNames[i]);
      out.sample(errors, labels, dependency_errors_[i].load(std::memory_order_relaxed));
    }
  }
}

}  // namespace mediagate::endpoint
