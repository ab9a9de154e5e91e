#include "http/handler_pool.hpp"

#include <algorithm>
#include <utility>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace mediagate::http {

namespace asio = boost::asio;

namespace {

using Signature = void(std::exception_ptr, std::optional<Response>);

// A call and the completion handler of the coroutine awaiting it. The handler's executor is
// kept busy (outstanding work) from the hand-over until the resumption has been posted to it.
template <class Handler>
class CallJob final : public HandlerPool::Job {
 public:
  CallJob(std::function<Response()> call, Handler handler)
      : call_(std::move(call)),
        handler_(std::move(handler)),
        work_(asio::prefer(asio::get_associated_executor(handler_),
                           asio::execution::outstanding_work.tracked)) {}

  void call() noexcept override {
    try {
      response_.emplace(call_());
    } catch (...) {
      failure_ = std::current_exception();
    }
    call_ = nullptr;  // what the call captured goes before the caller resumes
  }

  void resume() noexcept override { complete(failure_, std::move(response_)); }

  // Not accepted: the caller resumes with nothing.
  void refuse() { complete(nullptr, std::nullopt); }

 private:
  void complete(std::exception_ptr failure, std::optional<Response> response) {
    auto work = std::move(work_);
    asio::post(work,
               [handler = std::move(handler_), failure, response = std::move(response)]() mutable {
                 std::move(handler)(failure, std::move(response));
               });
  }

  std::function<Response()> call_;
  std::exception_ptr failure_;
  std::optional<Response> response_;
  Handler handler_;
  decltype(asio::prefer(asio::get_associated_executor(std::declval<Handler&>()),
                        asio::execution::outstanding_work.tracked)) work_;
};

}  // namespace

HandlerPool::HandlerPool(std::size_t threads, std::size_t max_queued) : max_queued_(max_queued) {
  const std::size_t count = std::max<std::size_t>(threads, 1);
  threads_.reserve(count);
  for (std::size_t i = 0; i < count; ++i) threads_.emplace_back([this] { work(); });
}

HandlerPool::~HandlerPool() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& thread : threads_) thread.join();
}

asio::awaitable<std::optional<Response>> HandlerPool::run(std::function<Response()> call) {
  return asio::async_initiate<const asio::use_awaitable_t<>&, Signature>(
      [this](auto handler, std::function<Response()> handed) {
        using Call = CallJob<decltype(handler)>;
        auto job = std::make_unique<Call>(std::move(handed), std::move(handler));
        if (auto refused = try_submit(std::move(job))) static_cast<Call&>(*refused).refuse();
      },
      asio::use_awaitable, std::move(call));
}

std::unique_ptr<HandlerPool::Job> HandlerPool::try_submit(std::unique_ptr<Job> job) {
  {
    const std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() + busy_ >= threads_.size() + max_queued_) return job;
    queue_.push_back(std::move(job));
  }
  ready_.notify_one();
  return nullptr;
}

std::size_t HandlerPool::queued() const {
  const std::lock_guard lock(mutex_);
  return queue_.size();
}

std::size_t HandlerPool::busy() const {
  const std::lock_guard lock(mutex_);
  return busy_;
}

void HandlerPool::work() {
  for (;;) {
    std::unique_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to run
      job = std::move(queue_.front());
      queue_.pop_front();
      ++busy_;
    }
    job->call();
    {
      const std::lock_guard lock(mutex_);
      --busy_;  // before the caller resumes: its next call finds the place free
    }
    job->resume();
  }
}

}  // namespace mediagate::http
