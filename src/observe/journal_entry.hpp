// One vendor request as the request journal keeps it (docs/sandbox.md, "Request journal"):
// what arrived, which pipeline step decided it and how it was answered. Never a secret, a
// signature or a full token: parameters are masked before they get here
// (observe/parameter_mask.hpp), and a signature's explanation holds only the canonical string
// and the string to sign with the secret replaced (auth::SignatureTrace's redacted forms).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/json_writer.hpp"

namespace mediagate::observe {

// What the journal keeps: nothing, who asked what and how it ended (no parameters), or that
// plus the decoded parameters and, for a refused signature, what the server signed.
enum class JournalMode : std::uint8_t { kOff, kMetadata, kFull };

struct JournalParameter {
  std::string name;
  std::string value;  // masked when the parameter is a signature, secret or token
  bool masked = false;
};

// What the server signed, for a refused signature (one per candidate the dialect accepts).
struct SignatureExplanation {
  std::string variant;  // "" for the main candidate, e.g. "Without-Callback" otherwise
  std::string canonical;
  std::string string_to_sign_redacted;
};

struct JournalEntry {
  std::uint64_t id = 0;    // given by the journal: 1, 2, ... (newer entries, larger ids)
  core::EpochMs time = 0;  // the server's clock when the request was answered
  std::string vendor;      // the endpoint's vendor and name, from its declaration
  std::string endpoint;
  std::string partner;  // the partner id the request claims (may be empty)
  std::string client;   // the client's address
  std::string method;
  std::string host;  // the Host header (for the curl command)
  std::string path;  // as received (percent-encoded), without the query
  // Full mode: the decoded query (and form body), in name order.
  bool parameters_kept = false;
  std::vector<JournalParameter> parameters;
  // The pipeline's verdict and the step that reached it (static names).
  std::string_view verdict;
  std::string_view step;
  std::string field;  // the parameter at fault, when the refusal names one
  // Stale or future timestamps: the request's own time beside `time`.
  std::optional<core::EpochMs> request_time;
  unsigned status = 0;  // HTTP status (0: the connection was reset)
  std::string code;     // the vendor's code on the wire (empty for a success)
  std::int64_t latency_us = 0;
  std::vector<SignatureExplanation> signature;  // full mode, refused signatures only
};

// The bytes an entry counts for against the journal's bound: its fixed part plus the bytes of
// every text it holds (what it costs in memory, give or take the allocator's rounding).
std::size_t entry_bytes(const JournalEntry& entry);

// Writes the entry as a JSON object (the admin API's journal items); `curl` is the command
// that reproduces it (null when the parameters were not kept).
void write_entry(core::JsonWriter& w, const JournalEntry& entry, int utc_offset_minutes);

}  // namespace mediagate::observe
