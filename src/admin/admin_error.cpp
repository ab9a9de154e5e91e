#include "admin/admin_error.hpp"

#include "core/json_writer.hpp"

namespace mediagate::admin {

namespace {

// The admin API's code for what a fixture decoder says is wrong with an entity.
std::string invalid_entity_code(const std::string& message) {
  if (message == "unknown key") return "unknown_field";
  if (message == "missing required field") return "missing_field";
  if (message.starts_with("duplicate key ")) return "duplicate_key";
  return "invalid_field";
}

}  // namespace

AdminError::AdminError(core::Error error) : status(500) {
  switch (error.kind) {
    case core::Error::Kind::kInvalid:
      status = 400;
      code = invalid_entity_code(error.message);
      message = std::move(error.message);
      field = std::move(error.path);
      return;
    case core::Error::Kind::kStore:
      code = "store_error";
      message = "the store failed; see the server log";
      break;
    default:
      code = "internal_error";
      message = "the server failed; see the server log";
      break;
  }
  detail = std::move(error.message);
}

http::Response render_error(const AdminError& error) {
  core::JsonWriter w;
  w.begin_object().field("error", error.code).field("message", error.message).key("field");
  if (error.field.empty()) {
    w.null();
  } else {
    w.value(error.field);
  }
  w.end_object();
  http::Response response;
  response.status = error.status;
  response.body = std::move(w).str();
  response.log_vendor = "admin";
  return response;
}

}  // namespace mediagate::admin
