// The HTTP layer's view of a request and a response, free of Beast types, so that handlers
// (vendors, admin) are plain functions that unit tests can call without a socket.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mediagate::http {

class DeferredAnswer;  // http/deferred.hpp

struct Request {
  std::string method;          // "GET", "POST", ...
  std::string path;            // the target before '?', still percent-encoded
  std::string query;           // the raw text after '?', without the '?'
  std::string body;            // raw body bytes
  std::string content_type;    // the Content-Type header, as sent
  std::string remote_address;  // the client's IP: the peer's, or from a trusted proxy's XFF
  std::map<std::string, std::string, std::less<>> path_params;  // from the route pattern
  std::vector<std::pair<std::string, std::string>> headers;     // all headers, names lowercased
  // When the server had the request's head (steady clock): where its latency starts, read once
  // by the server and handed to the handler. Unset (the epoch) for a request that no server
  // received (a handler called directly).
  std::chrono::steady_clock::time_point received{};
  // Set by a server that runs this handler on its io thread (http/deferred.hpp): the handler
  // must not block there, and may answer with a Response that carries a DeferredAnswer.
  bool may_defer = false;

  // The first header with this (lowercase) name, or empty.
  std::string_view header(std::string_view lowercase_name) const {
    for (const auto& [name, value] : headers) {
      if (name == lowercase_name) return value;
    }
    return {};
  }
};

struct Response {
  unsigned status = 200;
  std::string content_type = "application/json;charset=UTF-8";
  // The body: `body`, then `*shared_body` when set, then `body_tail`. A shared part is a text
  // that several answers send as it is (a kept page): the server writes the parts with one
  // gathered write, nothing copied. Read the body through body_size() and whole_body(), which
  // see every part.
  std::string body;
  std::shared_ptr<const std::string> shared_body;
  std::string body_tail;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers

  // Transport behaviour a handler may ask for (the sandbox's fault injection uses both):
  // wait this long before writing the response; the wait is an asynchronous timer that holds
  // no server thread (other connections are served meanwhile).
  std::chrono::milliseconds delay{0};
  // Write nothing: reset the connection instead (SO_LINGER 0, then close, so the client sees
  // ECONNRESET rather than an orderly end of stream). The access log records status 0.
  bool abort_connection = false;

  // What the access log records about who was served; never a secret or a signature.
  std::string log_vendor;   // e.g. "vendor-endpoint"
  std::string log_partner;  // e.g. the userid, appId, partnerCode or pid
  // The route pattern that answered (the metrics' http_route), set by the router; it points
  // into the router, which outlives every response. Empty: no route matched.
  std::string_view route;
  // Not an answer yet: what finishes it (only when the request's may_defer was set; the server
  // starts it and answers with its result; http/deferred.hpp).
  std::shared_ptr<DeferredAnswer> deferred;

  // The body as `head`, then `shared` (never copied), then `tail`.
  void share_body(std::string head, std::shared_ptr<const std::string> shared, std::string tail) {
    body = std::move(head);
    shared_body = std::move(shared);
    body_tail = std::move(tail);
  }
  // The body's parts in order, for a gathered write.
  std::array<std::string_view, 3> body_parts() const {
    return {body, shared_body != nullptr ? std::string_view{*shared_body} : std::string_view{},
            body_tail};
  }
  std::size_t body_size() const {
    return body.size() + (shared_body != nullptr ? shared_body->size() : 0) + body_tail.size();
  }
  // The whole body as one text: a copy when a part is shared, so not for the answer's way out.
  std::string whole_body() const {
    if (shared_body == nullptr && body_tail.empty()) return body;
    std::string whole;
    whole.reserve(body_size());
    for (const auto part : body_parts()) whole.append(part);
    return whole;
  }
};

// What the transport answers itself (no route, wrong method, bad request, a handler's
// exception): {"error":"<message>"}. `message` is a fixed text that needs no JSON escaping.
inline Response transport_error(unsigned status, std::string_view message) {
  Response response;
  response.status = status;
  response.body = "{\"error\":\"";
  response.body.append(message);
  response.body += "\"}";
  return response;
}

}  // namespace mediagate::http
