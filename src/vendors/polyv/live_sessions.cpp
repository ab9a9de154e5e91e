#include "vendors/polyv/live_sessions.hpp"

#include <limits>

#include "vendors/polyv/vod_catalogue.hpp"

namespace mediagate::vendors::polyv {
namespace {

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

// at - kMaxSessionSpanMs / at + kMaxSessionSpanMs without overflow (any int64 clock works).
core::EpochMs span_before(core::EpochMs at) {
  return at < kMin + kMaxSessionSpanMs ? kMin : at - kMaxSessionSpanMs;
}
core::EpochMs span_after(core::EpochMs at) {
  return at > kMax - kMaxSessionSpanMs ? kMax : at + kMaxSessionSpanMs;
}

}  // namespace

std::optional<SessionRange> resolve_session_range(std::optional<core::EpochMs> start,
                                                  std::optional<core::EpochMs> end,
                                                  core::EpochMs now) {
  SessionRange range;
  if (start && end) {
    range = {*start, *end};
  } else if (start) {
    range = {*start, span_after(*start)};
  } else if (end) {
    range = {span_before(*end), *end};
  } else {
    range = {span_before(now), now};
  }
  if (range.from > range.to) return std::nullopt;
  // from <= to here, so to - from cannot overflow unless the span is huge: compare safely.
  if (range.from < 0 && range.to > kMax + range.from) return std::nullopt;
  if (range.to - range.from > kMaxSessionSpanMs) return std::nullopt;
  return range;
}

std::optional<SessionRange> resolve_open_session_range(std::optional<core::EpochMs> start,
                                                       std::optional<core::EpochMs> end) {
  const SessionRange range{start.value_or(kMin), end.value_or(kMax)};
  if (range.from > range.to) return std::nullopt;
  return range;
}

core::Expected<store::Page<vendors::polyv::LiveSession>, LiveSessionsFailure> list_channel_sessions(
    PolyvRepository& repository, const vendors::polyv::PolyvAccountKeys& account,
    const SessionListing& listing, core::EpochMs now) {
  const auto range = listing.span == SessionSpan::kOpen
                         ? resolve_open_session_range(listing.start, listing.end)
                         : resolve_session_range(listing.start, listing.end, now);
  if (!range) return core::unexpected(LiveSessionsFailure{LiveSessionsError::kInvalidRange, {}});

  auto owner = repository.find_channel_owner(listing.channel_id);
  if (!owner) {
    return core::unexpected(
        LiveSessionsFailure{LiveSessionsError::kStoreFailure, owner.error().message});
  }
  if (!*owner || **owner != account.user_id) {
    return core::unexpected(LiveSessionsFailure{LiveSessionsError::kChannelForbidden, {}});
  }

  SessionQuery query;
  query.channel_id = listing.channel_id;
  query.from = range->from;
  query.to = range->to;
  query.offset = page_offset(listing.page, listing.page_size).value_or(kMax);
  query.limit = listing.page_size;
  auto page = repository.query_sessions(query);
  if (!page) {
    return core::unexpected(
        LiveSessionsFailure{LiveSessionsError::kStoreFailure, page.error().message});
  }
  return std::move(page).value();
}

}  // namespace mediagate::vendors::polyv
