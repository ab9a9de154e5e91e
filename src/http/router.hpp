// Maps (method, path) to a handler. Patterns are literal segments and {name} captures,
// e.g. "/v2/video/{userid}/get-by-uploader". The router knows no vendor; vendors register
// their routes. `match` says what matched, so that each listener answers an unknown path or
// method in its own format; `dispatch` answers them with the transport's 404 / 405 + Allow.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace mediagate::http {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  struct Match {
    const Handler* handler = nullptr;  // the route for this method and path; null if none
    std::map<std::string, std::string, std::less<>> path_params;  // its captures
    // Without a handler: the methods of every route whose pattern matches the path
    // ("GET, POST"), so non-empty for a 405, empty for a 404. Not filled when a route matched.
    std::string allow;
    std::string_view pattern;  // the matching route's pattern (owned by the router)
    bool runs_inline = false;  // the route's
  };

  // `methods` e.g. {"GET"} or {"GET", "POST"}. HEAD is not implied. `runs_inline`: the handler
  // honours Request::may_defer (it never blocks when it is set; http/deferred.hpp); any other
  // handler is deferred as a whole onto a handler thread when may_defer is set.
  void add(std::vector<std::string> methods, std::string pattern, Handler handler,
           bool runs_inline = false);
  // What `method` on `path` (still percent-encoded) matches.
  Match match(std::string_view method, std::string_view path) const;
  // Fills request.path_params and calls the handler (its answer's `route` set to the
  // pattern), or answers 404/405. With request.may_defer, a handler that does not run inline is
  // not called: the answer defers it onto a handler thread.
  Response dispatch(Request& request) const;

 private:
  struct Segment {
    std::string text;  // a literal segment, or a capture's name (without the braces)
    bool capture = false;
  };
  struct Route {
    std::vector<std::string> methods;
    std::string pattern;
    std::vector<Segment> segments;
    Handler handler;
    bool runs_inline = false;
  };
  static bool path_matches(const Route& route, std::string_view path, std::size_t count,
                           std::map<std::string, std::string, std::less<>>* captures);
  std::vector<Route> routes_;
};

}  // namespace mediagate::http
