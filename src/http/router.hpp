// Maps (method, path) to a handler. Patterns are literal segments and {name} captures,
// e.g. "/v2/video/{userid}/get-by-uploader". The router knows no vendor; vendors register
// their routes. Unknown path -> 404; known path, other method -> 405 with Allow.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace mediagate::http {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  // `methods` e.g. {"GET"} or {"GET", "POST"}. HEAD is not implied.
  void add(std::vector<std::string> methods, std::string pattern, Handler handler);
  // Fills request.path_params and calls the handler, or answers 404/405.
  Response dispatch(Request& request) const;

 private:
  struct Route {
    std::vector<std::string> methods;
    std::vector<std::string> segments;  // "{name}" marks a capture
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace mediagate::http
