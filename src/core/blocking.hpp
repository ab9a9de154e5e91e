// Whether the current thread may block: wait on the network (a database round trip, a
// synchronous Redis call) or on a pool's free connection. An io thread that starts an answer
// itself (http/deferred.hpp) forbids it while it runs the answer's steps; a component about to
// block throws WouldBlock instead, before it has done anything, and the step is run again on a
// handler thread, where blocking is allowed.
#pragma once

#include <exception>

namespace mediagate::core {

struct WouldBlock : std::exception {
  const char* what() const noexcept override { return "would block an io thread"; }
};

// True while a NoBlockingHere of this thread is alive.
bool blocking_forbidden() noexcept;

// Throws WouldBlock when blocking is forbidden on this thread.
inline void check_may_block() {
  if (blocking_forbidden()) throw WouldBlock{};
}

// Forbids blocking on this thread for its lifetime (nests).
class NoBlockingHere {
 public:
  NoBlockingHere() noexcept;
  ~NoBlockingHere();
  NoBlockingHere(const NoBlockingHere&) = delete;
  NoBlockingHere& operator=(const NoBlockingHere&) = delete;

 private:
  bool was_;
};

}  // namespace mediagate::core
