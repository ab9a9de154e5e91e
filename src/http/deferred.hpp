// An answer the io thread starts and something else finishes (docs/decisions/handler-threads.md,
// "Answers that start on the io thread"). With handler threads, the server runs a route that
// says it can (Router::add's `runs_inline`) on the io thread itself, with Request::may_defer set
// and blocking forbidden (core/blocking.hpp). The handler answers at once when nothing had to
// wait; otherwise its Response carries a DeferredAnswer, which the server starts and awaits,
// holding no thread: the answer waits for Redis on the event loop, and hands only the steps that
// block (a store read not cached) to a handler thread. Any other route's handler is deferred as
// a whole onto a handler thread, as before.
#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <optional>

#include "http/message.hpp"

namespace mediagate::http {

// What the server lends an answer while it finishes.
class DeferredServices {
 public:
  virtual ~DeferredServices() = default;
  // Runs `job` on a handler thread (where it may block; it must not throw), then `then(true)`
  // on an io thread; or `then(false)` (later, on an io thread) without running `job` when every
  // handler thread is taken and the queue is full.
  virtual void offload(std::function<void()> job, std::function<void(bool)> then) = 0;
};

// How a deferred answer ends: a response, a failure (answered 500), or neither (the server was
// too busy to finish it: answered 503 like a full queue).
struct DeferredResult {
  std::optional<Response> response;
  std::exception_ptr failure;
};

class DeferredAnswer {
 public:
  virtual ~DeferredAnswer() = default;
  // Called once, on an io thread. Finishes the answer to `request` and calls `done` exactly once
  // with it, from any thread; `request` and `services` stay valid until then, and are not used
  // after.
  virtual void start(Request& request, DeferredServices& services,
                     std::function<void(DeferredResult)> done) = 0;
};

// `handler` run as a whole on a handler thread: the answer of a route that cannot start on the
// io thread. `handler` must outlive the answer (a router's route).
std::shared_ptr<DeferredAnswer> on_handler_thread(const std::function<Response(Request&)>& handler);

}  // namespace mediagate::http
