#include "http/router.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "core/url_form.hpp"

namespace mediagate::http {
namespace {

using Captures = std::map<std::string, std::string, std::less<>>;

bool is_capture(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// "/a/b" -> {"a", "b"}; "/" -> {""}. The caller checks the leading '/'.
std::vector<std::string_view> split_segments(std::string_view path) {
  std::vector<std::string_view> segments;
  path.remove_prefix(1);
  for (;;) {
    const auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

}  // namespace

void Router::add(std::vector<std::string> methods, std::string pattern, Handler handler) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + pattern);
  }
  if (methods.empty()) throw std::invalid_argument("route without methods: " + pattern);
  if (!handler) throw std::invalid_argument("route without handler: " + pattern);
  Route route;
  route.methods = std::move(methods);
  for (const auto segment : split_segments(pattern)) route.segments.emplace_back(segment);
  route.pattern = std::move(pattern);
  route.handler = std::move(handler);
  routes_.push_back(std::move(route));
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match found;
  if (path.empty() || path.front() != '/') return found;
  const auto segments = split_segments(path);

  const Route* best = nullptr;
  std::vector<std::string_view> allowed;
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    Captures captures;
    bool matches = true;
    for (std::size_t i = 0; i < segments.size() && matches; ++i) {
      const std::string_view pattern = route.segments[i];
      if (!is_capture(pattern)) {
        matches = pattern == segments[i];
        continue;
      }
      auto value = segments[i].empty() ? std::nullopt : core::percent_decode(segments[i]);
      if (!value) {
        matches = false;
        continue;
      }
      captures.emplace(pattern.substr(1, pattern.size() - 2), std::move(*value));
    }
    if (!matches) continue;

    for (const auto& route_method : route.methods) {
      if (std::find(allowed.begin(), allowed.end(), route_method) == allowed.end()) {
        allowed.emplace_back(route_method);
      }
    }
    if (std::find(route.methods.begin(), route.methods.end(), method) == route.methods.end()) {
      continue;
    }
    // A literal segment beats a capture at the first place where two routes differ; among
    // equally specific routes the first registered wins.
    bool more_specific = best == nullptr;
    for (std::size_t i = 0; best != nullptr && i < segments.size(); ++i) {
      const bool literal = !is_capture(route.segments[i]);
      const bool best_literal = !is_capture(best->segments[i]);
      if (literal != best_literal) {
        more_specific = literal;
        break;
      }
    }
    if (more_specific) {
      best = &route;
      found.path_params = std::move(captures);
    }
  }
  if (best != nullptr) {
    found.handler = &best->handler;
    found.pattern = best->pattern;
  }
  for (const auto allowed_method : allowed) {
    if (!found.allow.empty()) found.allow += ", ";
    found.allow.append(allowed_method);
  }
  return found;
}

Response Router::dispatch(Request& request) const {
  Match found = match(request.method, request.path);
  if (found.handler != nullptr) {
    request.path_params = std::move(found.path_params);
    Response response = (*found.handler)(request);
    response.route = found.pattern;
    return response;
  }
  if (found.allow.empty()) return transport_error(404, "not found");
  Response response = transport_error(405, "method not allowed");
  response.headers.emplace_back("Allow", std::move(found.allow));
  return response;
}

}  // namespace mediagate::http
