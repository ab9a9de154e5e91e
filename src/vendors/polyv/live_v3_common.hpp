// What the two Polyv live v3 session lists share (`/live/v3/channel/session/data/list`, seed 003,
// and `/live/v3/channel/session/list`, vendor-spec-breadth §2): the typed call, the parameters
// and their answers (decisions.md "Polyv", live), freshness, the account lookup and the
// signature (forms A-D), and how a listing of the module's rules is made from a call.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_writer.hpp"
#include "endpoint/endpoint.hpp"
#include "store/store.hpp"
#include "vendors/polyv/live_sessions.hpp"
#include "vendors/polyv/polyv_live_signer.hpp"

namespace mediagate::vendors::polyv {

// decisions.md "Polyv", live.
inline constexpr endpoint::Answer kLiveMissing{400, "400", "param should not be empty: ", {}, true};
inline constexpr endpoint::Answer kLiveNotDigit{400, "400", "param is not digit: ", {}, true};
inline constexpr endpoint::Answer kLiveBadDate{400, "400", "invalid date time format"};
inline constexpr endpoint::Answer kLiveBadTimestamp{400, "400", "invalid timestamp."};
inline constexpr endpoint::Answer kLiveUnknownApp{400, "400", "application not found."};
inline constexpr endpoint::Answer kLiveBadSign{400, "400", "invalid signature."};
inline constexpr endpoint::Answer kLiveForbidden{500, "500", "access forbidden", "fail"};

struct LiveCall {
  std::string_view app_id;
  std::string_view sign;
  std::string_view channel_id;
  core::EpochMs timestamp = 0;
  std::optional<std::int64_t> page = 1;   // nothing: digits beyond int64
  std::optional<std::int64_t> page_size;  // absent: the configured default
  std::optional<core::EpochMs> start;     // local wall time, as if at UTC (offset applied later)
  std::optional<core::EpochMs> end;
  std::optional<PolyvDigest> digest = PolyvDigest::kMd5;
};

using LiveAccount = vendors::polyv::PolyvAccountKeys;

// appId, timestamp, sign, channelId, page, pageSize, startDate, endDate, signatureMethod, with
// the documents' `fallback_note` texts for startDate/endDate given by the caller.
std::vector<endpoint::Parameter<LiveCall>> live_parameters(std::string_view start_fallback,
                                                           std::string_view end_fallback);

// The timestamp window, before the account is looked up.
endpoint::Freshness<LiveCall> live_freshness();

// A live v3 session list's declaration: what `declaration` states of its own (name, path,
// summary, parameters, page key, serve, example) with what both lists share filled in (log tag,
// partner, freshness, credential, signature, refusals, the unnamed success envelope), then
// completed as every Polyv endpoint is (polyv_endpoint.hpp).
endpoint::Endpoint<LiveCall, LiveAccount> live_v3_endpoint(
    endpoint::Endpoint<LiveCall, LiveAccount> declaration);

// The account of `appId`: `application not found.` when there is none.
endpoint::Outcome<LiveAccount> find_live_account(endpoint::Context& context, const LiveCall& call);

// For the documents: what the account lookup and the listing can refuse.
std::vector<endpoint::Refusal> live_credential_refusals();
std::vector<endpoint::Refusal> live_domain_refusals();

// Forms A-D with the digest signatureMethod asks for; the sandbox hint shows the nearest form.
endpoint::Signature<LiveCall, LiveAccount> live_signature();

// The module's listing for `call`: dates shifted from the configured local time to UTC, the
// page size defaulted and clamped.
SessionListing live_listing(const LiveCall& call, const core::Config& config, SessionSpan span);

// A refusal for the module's failure.
endpoint::Refusal live_sessions_refusal(LiveSessionsFailure failure);

// The channel id as the seed writes it: a JSON number. Stored ids are digits (fixture
// validation); one too long for int64 is written as a string rather than lose digits.
void write_live_channel_id(core::JsonWriter& w, std::string_view channel_id);

// Writes one session of a live page as a JSON object: the session, the channel it is listed
// under and the account's userId. Each list has its own fields and order.
using WriteLiveSession = void (*)(core::JsonWriter& w, const vendors::polyv::LiveSession& session,
                                  std::string_view channel_id, const std::string& user_id);

// What both session lists serve: the listing of `call` under `span`, checked and queried
// (live_sessions_refusal on failure), answered as the live v3 pager (vendor-spec §4.5:
// pageSize, pageNumber, totalItems, contents, then the rest of the block) with one
// `write_session` object a session.
endpoint::Outcome<std::string> serve_live_page(endpoint::Context& context, const LiveCall& call,
                                               const LiveAccount& account, core::EpochMs now,
                                               SessionSpan span, WriteLiveSession write_session);

}  // namespace mediagate::vendors::polyv
