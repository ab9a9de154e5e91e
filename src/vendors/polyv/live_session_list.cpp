#include "vendors/polyv/live_session_list.hpp"

#include "core/generation_cache.hpp"
#include "core/json_writer.hpp"
#include "vendors/polyv/live_v3_common.hpp"

namespace mediagate::vendors::polyv {
namespace {

void write_session(core::JsonWriter& w, const vendors::polyv::LiveSession& session,
                   std::string_view channel_id, const std::string& user_id) {
  w.begin_object().field("sessionId", session.session_id);
  write_live_channel_id(w, channel_id);
  w.field("userId", user_id)
      .field("startTime", session.start_time)
      .field("endTime", session.end_time)
      .field("customId", session.custom_id)
      .end_object();
}

// Without both dates the range moves with the clock: such a page is not worth keeping.
std::optional<std::string> page_key(const LiveCall& call, const LiveAccount&,
                                    const endpoint::Context& context) {
  if (!call.start || !call.end) return std::nullopt;
  const auto listing = live_listing(call, context.config, SessionSpan::kSixtyDays);
  return core::CacheKey("polyv-live")
      .add(call.app_id)
      .add(call.channel_id)
      .add(*listing.start)
      .add(*listing.end)
      .add(listing.page)
      .add(listing.page_size)
      .str();
}

endpoint::Outcome<std::string> serve(endpoint::Context& context, const LiveCall& call,
                                     const LiveAccount& account, const endpoint::Reply& reply) {
  return serve_live_page(context, call, account, reply.now, SessionSpan::kSixtyDays, write_session);
}

}  // namespace

endpoint::Route live_session_list() {
  static const auto kEndpoint = live_v3_endpoint({
      .name = "polyv-live",
      .pattern = "/live/v3/channel/session/data/list",
      .summary = "A Polyv live channel's sessions, newest first",
      .parameters =
          live_parameters("60 days before endDate (or now)", "60 days after startDate (or now)"),
      .page_key = page_key,
      .serve = serve,
      .data_example =
          R"({"pageSize":20,"pageNumber":1,"totalItems":1,"contents":[{"sessionId":"fvlrgzqm3o",)"
          R"("channelId":1965681,"userId":"b0f7041324","startTime":"2023-11-14 10:00:00",)"
          R"("endTime":"2023-11-14 11:00:00","customId":""}],"limit":20,"nextPageNumber":1,)"
          R"("startRow":1,"firstPage":true,"lastPage":true,"prePageNumber":1,"endRow":1,)"
          R"("totalPages":1,"offset":0})",
  });
  return endpoint::route(kEndpoint);
}

}  // namespace mediagate::vendors::polyv
