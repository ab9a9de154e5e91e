#include "admin/console.hpp"

#include <array>
#include <utility>

#include "admin/admin_error.hpp"

namespace mediagate::admin {
namespace {

constexpr std::string_view kRoot = "/console";

void add_security_headers(http::Response& response) {
  response.headers.emplace_back("Content-Security-Policy", std::string(kConsolePolicy));
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  response.headers.emplace_back("X-Frame-Options", "DENY");
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  // A list of tags ("a", W/"b") or "*"; weak comparison (RFC 9110, 13.1.2).
  if (if_none_match == "*") return true;
  while (!if_none_match.empty()) {
    const auto comma = if_none_match.find(',');
    std::string_view tag = if_none_match.substr(0, comma);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == etag) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

bool is_console_path(std::string_view path) {
  return path == kRoot || (path.size() > kRoot.size() && path.substr(0, kRoot.size()) == kRoot &&
                           path[kRoot.size()] == '/');
}

std::string_view content_type_of(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kTypes{{
      {".html", "text/html;charset=utf-8"},
      {".css", "text/css;charset=utf-8"},
      {".js", "text/javascript;charset=utf-8"},
      {".json", "application/json;charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
  }};
  for (const auto& [extension, type] : kTypes) {
    if (name.size() > extension.size() &&
        name.substr(name.size() - extension.size()) == extension) {
      return type;
    }
  }
  return "application/octet-stream";
}

http::Response serve_console(const http::Request& request, std::span<const EmbeddedFile> files) {
  http::Response response;
  response.log_vendor = "admin";
  if (request.method != "GET") {
    response = render_error({405, "method_not_allowed", "the console's files are read with GET"});
    response.headers.emplace_back("Allow", "GET");
    return response;
  }
  if (request.path == kRoot) {
    response.status = 301;
    response.content_type.clear();
    response.headers.emplace_back("Location", "/console/");
    return response;
  }
  std::string_view name = std::string_view(request.path).substr(kRoot.size() + 1);
  if (name.empty()) name = "index.html";
  const EmbeddedFile* file = nullptr;
  for (const auto& each : files) {
    if (each.name == name) file = &each;
  }
  if (file == nullptr) {
    response = render_error({404, "not_found", "no such console file"});
    return response;
  }
  add_security_headers(response);
  response.headers.emplace_back("Cache-Control", "no-cache");
  response.headers.emplace_back("ETag", std::string(file->etag));
  if (etag_matches(request.header("if-none-match"), file->etag)) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  response.content_type = std::string(content_type_of(file->name));
  response.body = std::string(file->bytes);
  return response;
}

}  // namespace mediagate::admin
