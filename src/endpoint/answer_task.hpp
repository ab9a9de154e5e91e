// The pipeline's coroutine (endpoint/pipeline.hpp): one answer, which may have to wait, and
// what it can wait for. Run synchronously (no handler threads, or on one), every wait is over at
// once: a step that may block simply runs. Started on an io thread (http::Request::may_defer),
// the answer suspends instead, at one of two points:
//  - a step that would block this thread (it threw core::WouldBlock before doing anything: a
//    store read not cached, a synchronous Redis call) is run again on a handler thread;
//  - the rate limiter's count and the replay check, when the context has asynchronous ones
//    (Redis), are waited for on the event loop (on_event_loop).
// DeferredPipeline then drives the rest: http::DeferredAnswer's contract (http/deferred.hpp).
#pragma once

#include <coroutine>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include "core/blocking.hpp"
#include "http/deferred.hpp"
#include "http/message.hpp"

namespace mediagate::endpoint {

// What a suspended answer waits for: wait() arranges for `resume` to be called once, from an
// io thread, when the wait is over (with false when it could not be: every handler thread
// taken), or at once.
class Suspension {
 public:
  virtual void wait(http::DeferredServices& services, std::function<void(bool)> resume) = 0;

 protected:
  ~Suspension() = default;
};

class AnswerTask {
 public:
  struct promise_type {
    std::optional<http::Response> response;
    std::exception_ptr failure;
    Suspension* waiting = nullptr;  // while suspended at a wait

    AnswerTask get_return_object() {
      return AnswerTask(std::coroutine_handle<promise_type>::from_promise(*this));
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_value(http::Response answer) { response.emplace(std::move(answer)); }
    void unhandled_exception() { failure = std::current_exception(); }

    // The frame of an answer (the pipeline's state) is allocated once per thread and size and
    // reused: a synchronous answer allocates nothing.
    static void* operator new(std::size_t size);
    static void operator delete(void* frame, std::size_t size) noexcept;
  };
  using Handle = std::coroutine_handle<promise_type>;

  AnswerTask(AnswerTask&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  AnswerTask& operator=(AnswerTask&&) = delete;
  AnswerTask(const AnswerTask&) = delete;
  ~AnswerTask() {
    if (handle_) handle_.destroy();
  }

  // Runs the answer up to its next wait, or to its end.
  void resume() { handle_.resume(); }
  bool done() const { return handle_.done(); }
  // What it waits for (only while suspended, not done).
  Suspension& waiting() const { return *handle_.promise().waiting; }
  // The answer (done): its response, or its exception rethrown.
  http::Response take() {
    auto& promise = handle_.promise();
    if (promise.failure) std::rethrow_exception(promise.failure);
    return std::move(*promise.response);
  }
  // The same, as an http::DeferredResult (never throws).
  http::DeferredResult result() {
    auto& promise = handle_.promise();
    return http::DeferredResult{std::move(promise.response), promise.failure};
  }

 private:
  explicit AnswerTask(Handle handle) : handle_(handle) {}
  Handle handle_;
};

// co_await blocking(may_defer, step): step() (which returns a value) run where it may block.
// Without may_defer it simply runs. With it, it runs at once with blocking forbidden; if it
// would block, the answer suspends and it runs again on a handler thread. (Its exceptions
// other than WouldBlock reach the answer either way.)
template <class Step>
class BlockingStep final : public Suspension {
 public:
  using Result = decltype(std::declval<Step&>()());

  BlockingStep(bool may_defer, Step step) : may_defer_(may_defer), step_(std::move(step)) {}

  bool await_ready() {
    if (!may_defer_) {
      result_.emplace(step_());
      return true;
    }
    try {
      result_.emplace(step_());
      return true;
    } catch (const core::WouldBlock&) {
      return false;
    }
  }
  void await_suspend(AnswerTask::Handle answer) { answer.promise().waiting = this; }
  Result&& await_resume() {
    if (failure_) std::rethrow_exception(failure_);
    return std::move(*result_);
  }

  void wait(http::DeferredServices& services, std::function<void(bool)> resume) override {
    services.offload(
        [this] {
          try {
            result_.emplace(step_());
          } catch (...) {
            failure_ = std::current_exception();
          }
        },
        std::move(resume));
  }

 private:
  bool may_defer_;
  Step step_;
  std::optional<Result> result_;
  std::exception_ptr failure_;
};

template <class Step>
BlockingStep<Step> blocking(bool may_defer, Step step) {
  return BlockingStep<Step>(may_defer, std::move(step));
}

// co_await on_event_loop<Outcome>(start): start(done) begins a wait on the event loop (the replay
// check or the rate limiter's count against Redis, another answer making the same page) that
// calls done(Outcome) once, from an io thread or at once; the answer suspends until it has. start
// runs while the answer is suspended, so it may refer to the answer's locals.
template <class Outcome, class Start>
class EventLoopWait final : public Suspension {
 public:
  explicit EventLoopWait(Start start) : start_(std::move(start)) {}

  bool await_ready() const noexcept { return false; }
  void await_suspend(AnswerTask::Handle answer) { answer.promise().waiting = this; }
  Outcome await_resume() { return std::move(*outcome_); }

  void wait(http::DeferredServices&, std::function<void(bool)> resume) override {
    start_([this, resume = std::move(resume)](Outcome outcome) {
      outcome_.emplace(std::move(outcome));
      resume(true);
    });
  }

 private:
  Start start_;
  std::optional<Outcome> outcome_;
};

template <class Outcome, class Start>
EventLoopWait<Outcome, Start> on_event_loop(Start start) {
  return EventLoopWait<Outcome, Start>(std::move(start));
}

// An answer that suspended on the io thread, finished: each wait started, the answer resumed
// (blocking forbidden again) on the io thread that ends it, until it is done.
class DeferredPipeline final : public http::DeferredAnswer,
                               public std::enable_shared_from_this<DeferredPipeline> {
 public:
  explicit DeferredPipeline(AnswerTask task) : task_(std::move(task)) {}

  void start(http::Request&, http::DeferredServices& services,
             std::function<void(http::DeferredResult)> done) override {
    services_ = &services;
    done_ = std::move(done);
    wait();
  }

 private:
  void wait() {
    task_.waiting().wait(*services_, [self = shared_from_this()](bool over) {
      if (!over) return self->finish(http::DeferredResult{});  // too busy: the server says so
      {
        const core::NoBlockingHere io_thread;
        self->task_.resume();
      }
      if (self->task_.done()) return self->finish(self->task_.result());
      self->wait();
    });
  }
  void finish(http::DeferredResult result) {
    auto done = std::move(done_);
    services_ = nullptr;  // not used once done is called
    done(std::move(result));
  }

  AnswerTask task_;
  http::DeferredServices* services_ = nullptr;
  std::function<void(http::DeferredResult)> done_;
};

}  // namespace mediagate::endpoint
