#include "admin/admin_error.hpp"

#include "core/json_writer.hpp"

namespace mediagate::admin {

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
