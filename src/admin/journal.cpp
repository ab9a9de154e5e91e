// /admin/v1/journal: the request journal (docs/sandbox.md, "Request journal").
//   GET    /journal       ?endpoint=&partner=&verdict=&since=(epoch ms)&offset=&limit=
//                         -> {"mode","items":[…newest first],"total","offset","limit","stats"}
//   GET    /journal/{id}  one entry
//   DELETE /journal       forgets every entry; 204
// Each item carries a `curl` command reproducing it (full mode), the signature as ${SIGN}.
// When journal.mode is off every one answers 404 "not_found".
#include <string>

#include "admin/admin_support.hpp"
#include "core/numbers.hpp"
#include "core/params.hpp"
#include "endpoint/observer.hpp"
#include "endpoint/refusal.hpp"
#include "observe/journal_entry.hpp"

namespace mediagate::admin {
namespace {

AdminResult<observe::RequestJournal*> journal_of(const AdminContext& ctx) {
  if (ctx.journal == nullptr) {
    return core::unexpected(not_found("the request journal is off (setting journal.mode)"));
  }
  return ctx.journal;
}

bool known_verdict(std::string_view name) {
  for (std::size_t i = 0; i < endpoint::kVerdictCount; ++i) {
    if (endpoint::verdict_name(static_cast<endpoint::Verdict>(i)) == name) return true;
  }
  return false;
}

AdminResult<observe::JournalQuery> parse_query(const AdminContext& ctx,
                                               const http::Request& request) {
  auto params = core::parse_params(request.query);
  if (!params) {
    return core::unexpected(bad_request("invalid_parameter",
                                        "the query string is not valid form encoding (or names "
                                        "a parameter twice)",
                                        params.error().name));
  }
  observe::JournalQuery query;
  query.limit = static_cast<std::size_t>(ctx.default_limit);
  for (const auto& [name, value] : *params) {
    if (name == "endpoint") {
      query.endpoint = value;
    } else if (name == "partner") {
      query.partner = value;
    } else if (name == "verdict") {
      if (!known_verdict(value)) {
        return core::unexpected(
            bad_request("invalid_parameter",
                        "not a verdict the pipeline reaches (e.g. bad_signature)", "verdict"));
      }
      query.verdict = value;
    } else if (name == "since" || name == "offset" || name == "limit") {
      const auto number = core::parse_digits(value);
      if (!number || (name == "limit" && *number > ctx.max_limit)) {
        return core::unexpected(bad_request(
            "invalid_parameter",
            name == "limit" ? "limit must be an integer from 0 to " + std::to_string(ctx.max_limit)
                            : name + " must be an integer >= 0",
            name));
      }
      if (name == "since") query.since = *number;
      if (name == "offset") query.offset = static_cast<std::size_t>(*number);
      if (name == "limit") query.limit = static_cast<std::size_t>(*number);
    } else {
      return core::unexpected(bad_request(
          "invalid_parameter",
          "unknown parameter (endpoint, partner, verdict, since, offset and limit are known)",
          name));
    }
  }
  return query;
}

void write_stats(core::JsonWriter& w, const observe::JournalStats& stats) {
  w.key("stats")
      .begin_object()
      .field("entries", static_cast<std::int64_t>(stats.entries))
      .field("bytes", static_cast<std::int64_t>(stats.bytes))
      .field("max_entries", static_cast<std::int64_t>(stats.max_entries))
      .field("max_bytes", static_cast<std::int64_t>(stats.max_bytes))
      .field("recorded", static_cast<std::int64_t>(stats.recorded))
      .field("dropped", static_cast<std::int64_t>(stats.dropped))
      .end_object();
}

AdminResult<Reply> list_journal(const AdminContext& ctx, const http::Request& request) {
  MG_TRY(auto* const journal, journal_of(ctx));
  MG_TRY(const auto query, parse_query(ctx, request));
  const auto page = journal->query(query);
  const auto stats = journal->stats();
  return json_reply(200, object_json([&](core::JsonWriter& w) {
                      w.field("mode", ctx.journal_mode);
                      w.key("items").begin_array();
                      for (const auto& entry : page.entries) {
                        observe::write_entry(w, entry, ctx.utc_offset_minutes);
                      }
                      w.end_array()
                          .field("total", static_cast<std::int64_t>(page.total))
                          .field("offset", static_cast<std::int64_t>(query.offset))
                          .field("limit", static_cast<std::int64_t>(query.limit));
                      write_stats(w, stats);
                    }));
}

AdminResult<Reply> get_entry(const AdminContext& ctx, const http::Request& request) {
  MG_TRY(auto* const journal, journal_of(ctx));
  MG_TRY(const auto id, int_path_param(request, "id"));
  const auto entry = id > 0 ? journal->find(static_cast<std::uint64_t>(id)) : std::nullopt;
  if (!entry) return core::unexpected(not_found("no such journal entry (or no longer kept)", "id"));
  core::JsonWriter w;
  observe::write_entry(w, *entry, ctx.utc_offset_minutes);
  return json_reply(200, std::move(w).str());
}

AdminResult<Reply> clear_journal(const AdminContext& ctx, const http::Request& request) {
  MG_TRY(auto* const journal, journal_of(ctx));
  if (!request.query.empty()) {
    return core::unexpected(
        bad_request("invalid_parameter", "DELETE /journal takes no parameters", request.query));
  }
  journal->clear();
  return no_content();
}

constexpr AdminParam kJournalQuery[] = {
    {"endpoint", "only this endpoint's requests (its declared name)"},
    {"partner", "only this partner id's requests"},
    {"verdict", "only this verdict (e.g. bad_signature)"},
    {"since", "only entries at or after this instant (ms since the epoch)"},
    {"offset", "entries to skip, newest first (default 0)"},
    {"limit", "entries to return (default admin.default_limit, at most admin.max_limit)"},
};

const AdminRoute kRoutes[] = {
    {"GET",
     "/journal",
     list_journal,
     {.summary = "The request journal, newest first",
      .query = kJournalQuery,
      .answer = "{mode, items: [entry], total, offset, limit}"}},
    {"DELETE", "/journal", clear_journal, {.summary = "Empty the request journal", .success = 204}},
    {"GET",
     "/journal/{id}",
     get_entry,
     {.summary = "One journal entry, with the curl command that reproduces it",
      .answer = "the entry"}},
};

}  // namespace

std::span<const AdminRoute> journal_routes() {
  return kRoutes;
}

}  // namespace mediagate::admin
