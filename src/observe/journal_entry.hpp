// One vendor request as the request journal keeps it (docs/sandbox.md, "Request journal"):
// what arrived, which pipeline step decided it and how it was answered. Never a secret, a
// signature or a full token: parameters are masked before they get here
// (observe/parameter_mask.hpp), and a signature's explanation holds only the canonical string
// and the string to sign with the secret replaced (auth::SignatureTrace's redacted forms).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/json_writer.hpp"
#include "core/params.hpp"

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

// What a serving thread hands the journal: the same fields as a JournalEntry, as views of
// texts the caller owns until record() returns. The journal copies them into its arena, so
// recording allocates nothing. Parameters come from `parameters`, or, when `masked_params` is
// set, from that map, masked on the way in (observe/parameter_mask.hpp) with
// `signature_name` as the signature parameter.
struct JournalDraft {
  core::EpochMs time = 0;
  std::string_view vendor;
  std::string_view endpoint;
  std::string_view partner;
  std::string_view client;
  std::string_view method;
  std::string_view host;
  std::string_view path;
  bool parameters_kept = false;
  std::span<const JournalParameter> parameters;
  const core::ParamMap* masked_params = nullptr;
  std::string_view signature_name;
  std::string_view verdict;  // static names, as JournalEntry's
  std::string_view step;
  std::string_view field;
  std::optional<core::EpochMs> request_time;
  unsigned status = 0;
  std::string_view code;
  std::int64_t latency_us = 0;
  std::span<const SignatureExplanation> signature;
};

// `entry` as a draft (views of its texts).
JournalDraft draft_of(const JournalEntry& entry);

// What an entry takes in the journal's arena (observe/request_journal.hpp), exactly: a fixed
// head, the bytes of every text it holds, and a small head per parameter and per signature
// explanation. The journal's bytes are the sum of its entries' bytes.
inline constexpr std::size_t kEntryHeadBytes = 112;
inline constexpr std::size_t kParameterHeadBytes = 12;
inline constexpr std::size_t kExplanationHeadBytes = 12;
std::size_t entry_bytes(const JournalDraft& draft);
std::size_t entry_bytes(const JournalEntry& entry);

// Writes the entry as a JSON object (the admin API's journal items); `curl` is the command
// that reproduces it (null when the parameters were not kept).
void write_entry(core::JsonWriter& w, const JournalEntry& entry, int utc_offset_minutes);

}  // namespace mediagate::observe
