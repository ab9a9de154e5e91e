#include "admin/admin_openapi.hpp"

#include <cctype>
#include <map>

#include "core/json_writer.hpp"
#include "endpoint/openapi.hpp"

namespace mediagate::admin {
namespace {

constexpr std::string_view kPrefix = "/admin/v1";

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The {names} of a route pattern, in order.
std::vector<std::string> path_parameters(std::string_view pattern) {
  std::vector<std::string> names;
  for (std::size_t open = pattern.find('{'); open != std::string_view::npos;
       open = pattern.find('{', open + 1)) {
    const auto close = pattern.find('}', open);
    if (close == std::string_view::npos) break;
    names.emplace_back(pattern.substr(open + 1, close - open - 1));
  }
  return names;
}

// "GET /vendor/accounts/{id}" -> "get-admin-v1-vendor-accounts-id".
std::string operation_id(std::string_view method, std::string_view pattern) {
  std::string id = lowercase(method);
  for (const char c : pattern) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      id += c;
    } else if (c == '/' || c == '-') {
      if (id.back() != '-') id += '-';
    }
  }
  while (id.back() == '-') id.pop_back();
  return id;
}

void error_response(core::JsonWriter& w, std::string_view description) {
  w.begin_object()
      .field("description", description)
      .key("content")
      .begin_object()
      .key("application/json")
      .begin_object()
      .key("schema")
      .begin_object()
      .field("$ref", "#/components/schemas/Error")
      .end_object()
      .end_object()
      .end_object()
      .end_object();
}

void json_content(core::JsonWriter& w, std::string_view description) {
  w.key("content")
      .begin_object()
      .key("application/json")
      .begin_object()
      .key("schema")
      .begin_object()
      .field("type", "object")
      .field("description", description)
      .end_object()
      .end_object()
      .end_object();
}

void write_operation(core::JsonWriter& w, const AdminRoute& route, std::string_view path) {
  const AdminDoc& doc = route.doc;
  const AdminDocText text = entity_doc_text(doc);
  w.key(lowercase(route.method)).begin_object();
  w.field("operationId", operation_id(route.method, path));
  w.field("summary", text.summary);
  w.key("tags").begin_array();
  // The first segment below the prefix ("status", "journal", a module's name) groups routes.
  const auto first = route.pattern.substr(1, route.pattern.find('/', 1) - 1);
  w.value(first.empty() ? std::string_view("admin") : first);
  w.end_array();
  w.key("parameters").begin_array();
  for (const auto& name : path_parameters(route.pattern)) {
    w.begin_object()
        .field("name", name)
        .field("in", "path")
        .field("required", true)
        .key("schema")
        .begin_object()
        .field("type", "string")
        .end_object()
        .end_object();
  }
  for (const auto& param : doc.query) {
    w.begin_object()
        .field("name", param.name)
        .field("in", "query")
        .field("required", false)
        .field("description", param.description)
        .key("schema")
        .begin_object()
        .field("type", "string")
        .end_object()
        .end_object();
  }
  w.end_array();
  if (!text.body.empty()) {
    w.key("requestBody").begin_object().field("required", !doc.body_optional);
    json_content(w, text.body);
    w.end_object();
  }
  w.key("responses").begin_object();
  w.key(std::to_string(doc.success)).begin_object();
  switch (doc.success) {
    case 204:
      w.field("description", text.answer.empty() ? std::string_view("done, no body") : text.answer);
      break;
    case 201:
      w.field("description", "created; Location names the new resource");
      w.key("headers")
          .begin_object()
          .key("Location")
          .begin_object()
          .field("description", "the new resource's path")
          .key("schema")
          .begin_object()
          .field("type", "string")
          .end_object()
          .end_object()
          .end_object();
      json_content(w, text.answer.empty() ? std::string_view("the created resource") : text.answer);
      break;
    default:
      w.field("description", text.answer.empty() ? std::string_view("done") : text.answer);
      json_content(w, text.answer.empty() ? std::string_view("the answer") : text.answer);
      break;
  }
  w.end_object();
  w.key("401");
  error_response(w, "no, or a wrong, bearer token (WWW-Authenticate: Bearer)");
  w.key("429");
  error_response(w, "too many failed authentications from this address (Retry-After)");
  w.key("default");
  error_response(w,
                 "an admin error: 400 invalid input, 404 not found, 405, 409 conflict, 422 "
                 "invalid reference, 500 store failure");
  w.end_object();
  w.end_object();
}

}  // namespace

std::string admin_openapi_document(const std::vector<std::span<const AdminRoute>>& tables,
                                   bool metrics) {
  // Paths in the order first registered, each with its methods.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const AdminRoute*>> by_path;
  for (const auto table : tables) {
    for (const auto& route : table) {
      std::string path = std::string(kPrefix) + std::string(route.pattern);
      auto& methods = by_path[path];
      if (methods.empty()) order.push_back(path);
      methods.push_back(&route);
    }
  }
  core::JsonWriter w;
  w.reserve(std::size_t{64} * 1024);
  w.begin_object().field("openapi", "3.1.0");
  w.key("info")
      .begin_object()
      .field("title", "mediagate admin API")
      .field("version", endpoint::document_version())
      .field("description",
             "The operator API on the admin listener. Every request needs Authorization: Bearer "
             "<token>. Entities are JSON in the fixture format; errors are "
             "{\"error\",\"message\",\"field\"}.")
      .end_object();
  w.key("security")
      .begin_array()
      .begin_object()
      .key("bearer")
      .begin_array()
      .end_array()
      .end_object()
      .end_array();
  w.key("paths").begin_object();
  for (const auto& path : order) {
    w.key(path).begin_object();
    for (const auto* route : by_path[path]) write_operation(w, *route, path);
    w.end_object();
  }
  if (metrics) {
    w.key("/metrics")
        .begin_object()
        .key("get")
        .begin_object()
        .field("operationId", "get-metrics")
        .field("summary", "Prometheus metrics (text format 0.0.4)")
        .key("responses")
        .begin_object()
        .key("200")
        .begin_object()
        .field("description", "the metrics")
        .key("content")
        .begin_object()
        .key("text/plain")
        .begin_object()
        .key("schema")
        .begin_object()
        .field("type", "string")
        .end_object()
        .end_object()
        .end_object()
        .end_object()
        .key("401");
    error_response(w, "no, or a wrong, bearer token");
    w.end_object().end_object().end_object();
  }
  w.end_object();
  w.key("components")
      .begin_object()
      .key("securitySchemes")
      .begin_object()
      .key("bearer")
      .begin_object()
      .field("type", "http")
      .field("scheme", "bearer")
      .end_object()
      .end_object()
      .key("schemas")
      .begin_object()
      .key("Error")
      .begin_object()
      .field("type", "object")
      .key("properties")
      .begin_object()
      .key("error")
      .begin_object()
      .field("type", "string")
      .field("description", "a stable code: invalid_field, not_found, conflict, ...")
      .end_object()
      .key("message")
      .begin_object()
      .field("type", "string")
      .end_object()
      .key("field")
      .begin_object()
      .key("type")
      .begin_array()
      .value("string")
      .value("null")
      .end_array()
      .end_object()
      .end_object()
      .key("required")
      .begin_array()
      .value("error")
      .value("message")
      .value("field")
      .end_array()
      .end_object()
      .end_object()
      .end_object();
  w.end_object();
  return std::move(w).str();
}

}  // namespace mediagate::admin
