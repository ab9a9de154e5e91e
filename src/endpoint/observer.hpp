// What the pipeline tells the journal and the metrics about each request it answers
// (docs/operations.md "Metrics", docs/sandbox.md "Request journal"). Every declared endpoint
// reports through the same calls, with labels taken from its declaration (its name
// "vendor-endpoint"; the vendor is the part before the first '-'), so nothing here is written
// per endpoint or per vendor. Built once by the composition root; Context::observer is null
// when nothing observes (unit tests), and the pipeline then reads no clock of its own.
//
// Cost on a serving thread: relaxed atomic increments and steady-clock reads (the request's
// start is the server's, http::Request::received; two per timed store or shared-state call,
// one for the journal's latency); the journal, when on, copies the request's metadata (and,
// in full mode, its masked parameters) into its arena under a short lock, without allocating.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/params.hpp"
#include "endpoint/refusal.hpp"
#include "http/message.hpp"
#include "observe/duration_histogram.hpp"
#include "observe/exposition.hpp"
#include "observe/journal_entry.hpp"
#include "observe/request_journal.hpp"
#include "observe/series_table.hpp"

namespace mediagate::endpoint {

inline constexpr std::size_t kVerdictCount =
    static_cast<std::size_t>(Verdict::kSharedStateUnavailable) + 1;

// The pipeline step that decided a request (the journal's "step").
enum class Step : std::uint8_t {
  kFault,             // sandbox fault injection answered instead of the endpoint
  kLimit,             // the client's rate limit
  kDecode,            // the query and form body
  kCallback,          // the JSONP callback
  kBeforeCredential,  // parameters checked before the credential
  kCredential,        // the credential lookup
  kBeforeSignature,   // parameters checked once the credential is known
  kSignature,         // the signature
  kReplay,            // the one-time token
  kAfterSignature,    // parameters checked after the signature
  kKeptPage,          // answered from the page cache
  kDomain,            // the domain call
};
std::string_view step_name(Step step);

// The calls the pipeline makes to the store and to shared state (metric label "operation").
enum class Dependency : std::uint8_t {
  kCredentialLookup,  // store: the credential
  kDomainCall,        // store: the domain call
  kRateLimit,         // shared state: the client's limiter
  kReplayGuard,       // shared state: the one-time token
};

// Why a signature failed (mediagate_signature_failures_total's "reason").
enum class SignatureFailure : std::uint8_t { kMismatch, kMissing, kMalformed };
// What a sandbox fault did (mediagate_injected_faults_total's "kind").
enum class FaultKind : std::uint8_t { kError, kReset, kLatency };

// The counters of one endpoint.
struct EndpointStats {
  std::string vendor;
  std::string name;
  std::string labels;  // vendor="…",endpoint="…"
  std::array<std::atomic<std::uint64_t>, kVerdictCount> verdicts{};
  std::array<std::atomic<std::uint64_t>, 3> signature_failures{};
  std::array<std::atomic<std::uint64_t>, 3> faults{};
  // Answers by vendor code, keyed by where the code's text lives (declared Answers are
  // constants, so there are as many as the declaration has); merged by text when written.
  observe::SeriesTable<std::atomic<std::uint64_t>> codes{128};
  std::atomic<std::uint64_t> codes_overflow{0};
};

// What the pipeline saw of one request, filled in as it goes.
struct Observation {
  std::chrono::steady_clock::time_point started;
  core::EpochMs now = 0;  // the server's clock (the journal's time)
  Step step = Step::kDomain;
  const core::ParamMap* params = nullptr;     // once decoded
  std::optional<core::EpochMs> request_time;  // the request's timestamp (stale, future)
  std::string_view partner;
};

class Observer {
 public:
  // `journal` may be null (mode off).
  Observer(observe::JournalMode mode, observe::RequestJournal* journal);
  Observer(const Observer&) = delete;
  Observer& operator=(const Observer&) = delete;

  // Start-up only: the counters of the endpoint named `name`, made on first use.
  EndpointStats& endpoint(std::string_view name);

  // One answer of the pipeline; `refusal` null for a success.
  void answered(EndpointStats& stats, const http::Request& request, const http::Response& response,
                const Observation& seen, const Refusal* refusal);
  // A sandbox fault: a failure answered (or reset) in the endpoint's place, or a latency.
  void injected(EndpointStats& stats, const http::Request& request, const http::Response& response,
                FaultKind kind, core::EpochMs now, std::chrono::steady_clock::time_point started);
  // One call to the store or to shared state; `failed`: it answered unavailable.
  void dependency(Dependency dependency, std::chrono::nanoseconds duration, bool failed);

  // The families above (docs/operations.md lists them).
  void write(observe::Exposition& out) const;

 private:
  void journal(const EndpointStats& stats, const http::Request& request,
               const http::Response& response, const Observation& seen, const Refusal* refusal,
               std::string_view verdict, std::string_view step);

  observe::JournalMode mode_;
  observe::RequestJournal* journal_;
  std::mutex endpoints_mutex_;  // start-up only
  std::map<std::string, std::unique_ptr<EndpointStats>, std::less<>> endpoints_;
  std::array<observe::DurationHistogram, 4> dependency_durations_{};
  std::array<std::atomic<std::uint64_t>, 4> dependency_errors_{};
};

}  // namespace mediagate::endpoint
