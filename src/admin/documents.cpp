// /admin/v1/import and /admin/v1/export: a whole fixture document in or out.
#include "admin/admin_support.hpp"
#include "vendors/dataset_writes.hpp"
#include "vendors/fixture_format.hpp"

namespace mediagate::admin {
namespace {

using store::EntityStore;

// Validated as `mediagate import` validates a file, then upserted all-or-nothing.
AdminResult<Reply> import_document(const AdminContext& ctx, const http::Request& request) {
  if (request.body.empty()) {
    return core::unexpected(bad_request("invalid_json", "a fixture document is required", "$"));
  }
  const auto document_error = [](const fixtures::FixtureError& error) {
    AdminError answer = fixture_error(error);
    if (error.path == "$" && error.message.starts_with("invalid JSON"))
      answer.code = "invalid_json";
    return answer;
  };
  MG_TRY(
      const auto data,
      vendors::parse_fixture(request.body, ctx.utc_offset_minutes).transform_error(document_error));
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (ctx.documents.check != nullptr) {
      MG_TRY_VOID(ctx.documents.check(s, data));
    }
    auto summary = vendors::upsert_dataset(s, data);
    if (!summary) {
      AdminError error(409, "import_rejected",
                       "the store refused the document; nothing was imported (the server log "
                       "has the store's reason)");
      error.detail = std::move(summary).error().message;
      return core::unexpected(std::move(error));
    }
    return json_reply(200, object_json([&](core::JsonWriter& w) {
                        w.key("imported").begin_object();
                        if (ctx.documents.write_counts != nullptr)
                          ctx.documents.write_counts(w, *summary);
                        w.end_object();
                      }));
  });
}

// Everything, secrets included: the operator's backup, importable as it is.
AdminResult<Reply> export_document(const AdminContext& ctx, const http::Request& request) {
  if (!request.query.empty()) {
    return core::unexpected(
        bad_request("invalid_parameter", "export takes no parameters", request.query));
  }
  MG_TRY(const auto data, vendors::export_dataset(ctx.store));
  return json_reply(200, vendors::export_fixture(data, ctx.utc_offset_minutes));
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
