#include "http/router.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "core/url_form.hpp"
#include "http/deferred.hpp"

namespace mediagate::http {
namespace {

using Captures = std::map<std::string, std::string, std::less<>>;

bool is_capture(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// "/a/b" -> 2; "/" -> 1. The caller checks the leading '/'.
std::size_t count_segments(std::string_view path) {
  return 1 + static_cast<std::size_t>(std::count(path.begin() + 1, path.end(), '/'));
}

// Calls visit(i, segment) for each segment of `path` ("/a/b" -> "a", "b"; "/" -> ""), until
// it returns false; true if it never did.
template <class Visit>
bool each_segment(std::string_view path, Visit visit) {
  path.remove_prefix(1);
  for (std::size_t i = 0;; ++i) {
    const auto slash = path.find('/');
    if (!visit(i, path.substr(0, slash))) return false;
    if (slash == std::string_view::npos) return true;
    path.remove_prefix(slash + 1);
  }
}

}  // namespace

void Router::add(std::vector<std::string> methods, std::string pattern, Handler handler,
                 bool runs_inline) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + pattern);
  }
  if (methods.empty()) throw std::invalid_argument("route without methods: " + pattern);
  if (!handler) throw std::invalid_argument("route without handler: " + pattern);
  Route route;
  route.methods = std::move(methods);
  each_segment(pattern, [&](std::size_t, std::string_view segment) {
    const bool capture = is_capture(segment);
    route.segments.push_back(
        {capture ? std::string(segment.substr(1, segment.size() - 2)) : std::string(segment),
         capture});
    return true;
  });
  route.pattern = std::move(pattern);
  route.handler = std::move(handler);
  route.runs_inline = runs_inline;
  routes_.push_back(std::move(route));
}

// Whether `path` (of `count` segments) is of `route`'s pattern: its literal segments equal, its
// captures non-empty and percent-decodable (decoded into `captures`, when given).
bool Router::path_matches(const Route& route, std::string_view path, std::size_t count,
                          Captures* captures) {
  if (route.segments.size() != count) return false;
  const bool literals = each_segment(path, [&](std::size_t i, std::string_view segment) {
    const Segment& pattern = route.segments[i];
    return pattern.capture ? !segment.empty() : pattern.text == segment;
  });
  if (!literals) return false;
  return each_segment(path, [&](std::size_t i, std::string_view segment) {
    const Segment& pattern = route.segments[i];
    if (!pattern.capture) return true;
    auto value = core::percent_decode(segment);
    if (!value) return false;
    if (captures != nullptr) captures->emplace(pattern.text, std::move(*value));
    return true;
  });
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match found;
  if (path.empty() || path.front() != '/') return found;
  const std::size_t count = count_segments(path);

  const Route* best = nullptr;
  for (const Route& route : routes_) {
    if (route.segments.size() != count ||
        std::find(route.methods.begin(), route.methods.end(), method) == route.methods.end()) {
      continue;
    }
    // A literal segment beats a capture at the first place where two routes differ; among
    // equally specific routes the first registered wins.
    bool more_specific = best == nullptr;
    for (std::size_t i = 0; best != nullptr && i < count; ++i) {
      const bool literal = !route.segments[i].capture;
      const bool best_literal = !best->segments[i].capture;
      if (literal != best_literal) {
        more_specific = literal;
        break;
      }
    }
    if (!more_specific) continue;
    Captures captures;
    if (!path_matches(route, path, count, &captures)) continue;
    best = &route;
    found.path_params = std::move(captures);
  }
  if (best != nullptr) {
    found.handler = &best->handler;
    found.runs_inline = best->runs_inline;
    found.pattern = best->pattern;
    return found;
  }
  // No route for this method: the methods of those for this path (405), or none (404).
  std::vector<std::string_view> allowed;
  for (const Route& route : routes_) {
    if (!path_matches(route, path, count, nullptr)) continue;
    for (const auto& route_method : route.methods) {
      if (std::find(allowed.begin(), allowed.end(), route_method) == allowed.end()) {
        allowed.emplace_back(route_method);
      }
    }
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
    if (request.may_defer && !found.runs_inline) {
      Response deferred;
      deferred.deferred = on_handler_thread(*found.handler);
      deferred.route = found.pattern;
      return deferred;
    }
    Response response = (*found.handler)(request);  // constructed in place: no move
    response.route = found.pattern;
    return response;
  }
  if (found.allow.empty()) return transport_error(404, "not found");
  Response response = transport_error(405, "method not allowed");
  response.headers.emplace_back("Allow", std::move(found.allow));
  return response;
}

}  // namespace mediagate::http
