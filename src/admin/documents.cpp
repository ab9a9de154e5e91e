// /admin/v1/import and /admin/v1/export: a whole fixture document in or out.
#include "admin/admin_support.hpp"
#include "vendors/polyv/polyv_entities.hpp"

namespace mediagate::admin {
namespace {

using store::EntityStore;

void write_summary(core::JsonWriter& w, const store::ImportSummary& s) {
  w.key("imported").begin_object();
  w.key("polyv")
      .begin_object()
      .field("accounts", s.polyv_accounts)
      .field("categories", s.categories)
      .field("videos", s.videos)
      .field("channels", s.channels)
      .field("sessions", s.sessions)
      .field("groups", s.polyv_groups)
      .field("allocations", s.allocations)
      .end_object();
  w.key("iqiyi")
      .begin_object()
      .field("partners", s.iqiyi_partners)
      .field("users", s.iqiyi_users)
      .field("couponUses", s.iqiyi_coupon_uses)
      .end_object();
  w.key("pumpkin")
      .begin_object()
      .field("partners", s.pumpkin_partners)
      .field("media", s.pumpkin_media)
      .end_object();
  w.end_object();
}

// Validated as `mediagate import` validates a file, then upserted all-or-nothing.
AdminResult<Reply> import_document(const AdminContext& ctx, const http::Request& request) {
  if (request.body.empty()) {
    return core::unexpected(bad_request("invalid_json", "a fixture document is required", "$"));
  }
  auto data = domain::parse_fixture(request.body, ctx.utc_offset_minutes);
  if (!data) {
    auto error = fixture_error(data.error());
    if (data.error().path == "$" && data.error().message.starts_with("invalid JSON")) {
      error.code = "invalid_json";
    }
    return core::unexpected(std::move(error));
  }
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    // An appId already used by another account would fail the upsert half-way: say where.
    for (std::size_t i = 0; i < data->polyv_accounts.size(); ++i) {
      const auto& keys = data->polyv_accounts[i].keys;
      auto owner = vendors::polyv::PolyvEntities(s).find_account_by_app_id(keys.app_id);
      if (!owner) return failed(owner);
      if (*owner && (*owner)->user_id != keys.user_id) {
        return core::unexpected(
            conflict("appId already belongs to account \"" + (*owner)->user_id + "\"",
                     "$.polyv.accounts[" + std::to_string(i) + "].appId"));
      }
    }
    auto summary = s.upsert(*data);
    if (!summary) {
      AdminError error(409, "import_rejected",
                       "the store refused the document; nothing was imported (the server log "
                       "has the store's reason)");
      error.detail = std::move(summary).error().message;
      return core::unexpected(std::move(error));
    }
    return json_reply(200, object_json([&](core::JsonWriter& w) { write_summary(w, *summary); }));
  });
}

// Everything, secrets included: the operator's backup, importable as it is.
AdminResult<Reply> export_document(const AdminContext& ctx, const http::Request& request) {
  if (!request.query.empty()) {
    return core::unexpected(
        bad_request("invalid_parameter", "export takes no parameters", request.query));
  }
  auto data = ctx.store.export_all();
  if (!data) return failed(data);
  return json_reply(200, domain::export_fixture(*data, ctx.utc_offset_minutes));
}

const AdminRoute kRoutes[] = {
    {"POST",
     "/import",
     import_document,
     {.summary = "Import a fixture document (every entity it holds, upserted)",
      .body = "a fixture document",
      .answer = "how many entities of each kind were imported"}},
    {"GET",
     "/export",
     export_document,
     {.summary = "Export every entity as one fixture document, secrets included",
      .answer = "a fixture document"}},
};

}  // namespace

std::span<const AdminRoute> document_routes() {
  return kRoutes;
}

}  // namespace mediagate::admin
