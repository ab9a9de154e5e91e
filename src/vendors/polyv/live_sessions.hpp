// Polyv live v3 session list: which sessions of a channel a "session/data/list" request
// returns. Business rules over Polyv's repository (date-range defaults, the 60-day span, channel
// ownership); parameter syntax and envelopes belong to the vendor dialect.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/expected.hpp"
#include "store/store.hpp"
#include "vendors/polyv/polyv_repository.hpp"

namespace mediagate::vendors::polyv {

// The longest span a listing may cover, edges included (seed 003: "不能超过60天").
inline constexpr std::int64_t kMaxSessionSpanMs = 60LL * 24 * 3600 * 1000;

struct SessionRange {
  core::EpochMs from = 0;  // startTime >= from
  core::EpochMs to = 0;    // startTime <= to

  friend bool operator==(const SessionRange&, const SessionRange&) = default;
};

// The range a request covers (decisions.md): neither bound -> [now - 60 days, now]; only one
// -> the other is 60 days away from it; both -> as given. Nothing when from > to or when the
// span exceeds 60 days (exactly 60 days is allowed).
std::optional<SessionRange> resolve_session_range(std::optional<core::EpochMs> start,
                                                  std::optional<core::EpochMs> end,
                                                  core::EpochMs now);

// The range of `/live/v3/channel/session/list` (vendor-spec-breadth §2.3): no span limit, a
// missing bound is open (no dates: every session). Nothing when from > to.
std::optional<SessionRange> resolve_open_session_range(std::optional<core::EpochMs> start,
                                                       std::optional<core::EpochMs> end);

// Which range rule a listing follows.
enum class SessionSpan {
  kSixtyDays,  // session/data/list: resolve_session_range
  kOpen,       // session/list: resolve_open_session_range
};

struct SessionListing {
  std::string channel_id;
  std::optional<core::EpochMs> start;  // startDate, parsed
  std::optional<core::EpochMs> end;    // endDate, parsed
  std::int64_t page = 1;               // >= 1
  std::int64_t page_size = 20;         // >= 1
  SessionSpan span = SessionSpan::kSixtyDays;
};

enum class LiveSessionsError {
  kInvalidRange,      // param validate error (span over 60 days where limited, start after end)
  kChannelForbidden,  // access forbidden (unknown channel, or another account's)
  kStoreFailure,      // query failed.
};

struct LiveSessionsFailure {
  LiveSessionsError kind;
  std::string detail;  // for the operator's log only
};

// Checks the range, then that `account` owns the channel, then queries one page (startTime
// descending, ties sessionId ascending). A page past the end has no items and the true total.
core::Expected<store::Page<vendors::polyv::LiveSession>, LiveSessionsFailure> list_channel_sessions(
    PolyvRepository& repository, const vendors::polyv::PolyvAccountKeys& account,
    const SessionListing& listing, core::EpochMs now);

}  // namespace mediagate::vendors::polyv
