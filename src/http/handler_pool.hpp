// A fixed set of threads that run blocking calls (a request's handler, with its database and
// Redis round trips) off the event loop, with a bounded queue. The coroutine that hands a call
// over is suspended, holding no thread; when the call returns (or throws) it is resumed on its
// own executor, so that the other connections of its io thread are served meanwhile.
// docs/decisions/handler-threads.md says why this and not the vendors' asynchronous APIs.
//
// Bounded: at most threads() + max_queued calls are accepted at once (running or waiting for a
// thread); another is refused at once (run() answers nothing), for the caller to answer "busy".
// Each accepted call keeps its caller's executor busy (outstanding work) until the caller has
// been resumed, so an io_context's run() does not return under a suspended connection.
// The destructor runs what is still queued, then joins the threads.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "http/message.hpp"

namespace mediagate::http {

class HandlerPool {
 public:
  // `threads` at least 1; `max_queued` calls may wait for a thread (0: none waits).
  HandlerPool(std::size_t threads, std::size_t max_queued);
  ~HandlerPool();
  HandlerPool(const HandlerPool&) = delete;
  HandlerPool& operator=(const HandlerPool&) = delete;

  // Runs `call` on a pool thread; the calling coroutine resumes on its own executor with the
  // call's Response, or with the call's exception rethrown. Nothing (at once, without running
  // `call`) when the pool already holds threads() + max_queued() calls. `call` is copied.
  boost::asio::awaitable<std::optional<Response>> run(std::function<Response()> call);

  // One call handed over, type-erased (its completion is the awaiting coroutine's).
  class Job {
   public:
    virtual ~Job() = default;
    virtual void call() noexcept = 0;    // on a pool thread: the call, its outcome kept
    virtual void resume() noexcept = 0;  // then: the caller resumed with that outcome
  };
  // Queues `job` unless the pool is full (then gives it back).
  std::unique_ptr<Job> try_submit(std::unique_ptr<Job> job);

  std::size_t threads() const { return threads_.size(); }
  std::size_t max_queued() const { return max_queued_; }
  // Calls waiting for a thread now, and calls running now.
  std::size_t queued() const;
  std::size_t busy() const;

 private:
  void work();

  const std::size_t max_queued_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::unique_ptr<Job>> queue_;  // under mutex_
  std::size_t busy_ = 0;                    // under mutex_
  bool stopping_ = false;                   // under mutex_
  std::vector<std::thread> threads_;
};

}  // namespace mediagate::http
