#include "vendors/polyv/live_session_info_list.hpp"

#include "core/generation_cache.hpp"
#include "core/json_writer.hpp"
#include "vendors/polyv/live_v3_common.hpp"

namespace mediagate::vendors::polyv {
namespace {

// A session as GitBook's example writes it (vendor-spec-breadth §2.3): channelId, sessionId,
// userId, startTime, endTime (null while live), in the pager block of /session/data/list.
void write_session(core::JsonWriter& w, const vendors::polyv::LiveSession& session,
                   std::string_view channel_id, const std::string& user_id) {
  w.begin_object();
  write_live_channel_id(w, channel_id);
  w.field("sessionId", session.session_id)
      .field("userId", user_id)
      .field("startTime", session.start_time)
      .field("endTime", session.end_time)
      .end_object();
}

// The range does not move with the clock (an absent bound is open): every page may be kept.
std::optional<std::string> page_key(const LiveCall& call, const LiveAccount&,
                                    const endpoint::Context& context) {
  const auto listing = live_listing(call, context.config, SessionSpan::kOpen);
  return core::CacheKey("polyv-live-info")
      .add(call.app_id)
      .add(call.channel_id)
      .add_optional(listing.start)
      .add_optional(listing.end)
      .add(listing.page)
      .add(listing.page_size)
      .str();
}

endpoint::Outcome<std::string> serve(endpoint::Context& context, const LiveCall& call,
                                     const LiveAccount& account, const endpoint::Reply& reply) {
  return serve_live_page(context, call, account, reply.now, SessionSpan::kOpen, write_session);
}

}  // namespace

endpoint::Route live_session_info_list() {
  static const auto kEndpoint = live_v3_endpoint({
      .name = "polyv-live-info",
      .pattern = "/live/v3/channel/session/list",
      .summary = "A Polyv live channel's sessions, newest first, any date range (the Java SDK's "
                 "listChannelSessionInfo)",
      .parameters = live_parameters("open (no lower bound)", "open (no upper bound)"),
      .page_key = page_key,
      .serve = serve,
      // endTime is null while the session is live.
      .data_example =
          R"({"pageSize":20,"pageNumber":1,"totalItems":1,"contents":[{"channelId":2272655,)"
          R"("sessionId":"g9lv2ghv2x","userId":"b0f7041324","startTime":1652062574000,)"
          R"("endTime":null}],"limit":1,"nextPageNumber":1,"startRow":1,"firstPage":true,)"
          R"("lastPage":true,"prePageNumber":1,"endRow":1,"totalPages":1,"offset":0})",
  });
  return endpoint::route(kEndpoint);
}

}  // namespace mediagate::vendors::polyv
