#include "http/handler_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>

namespace mediagate::http {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

Response answer(std::string body) {
  Response response;
  response.body = std::move(body);
  return response;
}

// What one coroutine saw of its call.
struct Outcome {
  std::optional<Response> response;
  std::string exception;  // the text of the exception the call threw, if it did
  bool on_its_strand = false;
  std::thread::id resumed_on;
};

template <class Executor>
void spawn_call(Executor executor, HandlerPool& pool, std::function<Response()> call,
                Outcome& outcome) {
  asio::co_spawn(
      executor,
      [executor, &pool, call, &outcome]() -> asio::awaitable<void> {
        try {
          outcome.response = co_await pool.run(call);
        } catch (const std::runtime_error& e) {
          outcome.exception = e.what();
        }
        outcome.on_its_strand = executor.running_in_this_thread();
        outcome.resumed_on = std::this_thread::get_id();
      },
      asio::detached);
}

TEST(HandlerPool, TheCallRunsOnAPoolThreadAndTheCallerResumesOnItsOwnStrand) {
  HandlerPool pool(2, 4);
  asio::io_context ioc;
  auto strand = asio::make_strand(ioc);
  std::thread::id called_on;
  Outcome outcome;
  spawn_call(
      strand, pool,
      [&] {
        called_on = std::this_thread::get_id();
        return answer("done");
      },
      outcome);
  ioc.run();  // returns once the coroutine has finished: the call kept the context busy
  ASSERT_TRUE(outcome.response);
  EXPECT_EQ(outcome.response->body, "done");
  EXPECT_NE(called_on, std::this_thread::get_id());
  EXPECT_NE(called_on, std::thread::id{});
  EXPECT_EQ(outcome.resumed_on, std::this_thread::get_id());
  EXPECT_TRUE(outcome.on_its_strand);
  EXPECT_EQ(pool.busy(), 0u);
  EXPECT_EQ(pool.queued(), 0u);
}

TEST(HandlerPool, TheCallsExceptionIsRethrownInTheCaller) {
  HandlerPool pool(1, 0);
  asio::io_context ioc;
  Outcome outcome;
  spawn_call(
      asio::make_strand(ioc), pool,
      []() -> Response { throw std::runtime_error("the database went away"); }, outcome);
  ioc.run();
  EXPECT_FALSE(outcome.response);
  EXPECT_EQ(outcome.exception, "the database went away");
  EXPECT_TRUE(outcome.on_its_strand);
}

TEST(HandlerPool, AcceptsAtMostThreadsPlusQueuedCallsAndRefusesTheNextAtOnce) {
  HandlerPool pool(1, 1);
  asio::io_context ioc;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> started{0};
  const std::function<Response()> blocking = [&] {
    ++started;
    released.wait();
    return answer("blocked");
  };
  Outcome running, waiting, refused;
  auto strand = asio::make_strand(ioc);
  spawn_call(strand, pool, blocking, running);
  spawn_call(strand, pool, blocking, waiting);
  std::thread io([&] { ioc.run(); });
  // Bounded waits: the first call runs, the second waits for the one thread.
  for (int i = 0; i < 500 && (started.load() < 1 || pool.queued() < 1); ++i) {
    std::this_thread::sleep_for(2ms);
  }
  EXPECT_EQ(started.load(), 1);
  EXPECT_EQ(pool.busy(), 1u);
  EXPECT_EQ(pool.queued(), 1u);
  // A third: refused at once, without running its call.
  bool third_ran = false;
  std::promise<void> third_done;
  asio::co_spawn(
      strand,
      [&]() -> asio::awaitable<void> {
        const std::function<Response()> call = [&] {
          third_ran = true;
          return answer("third");
        };
        refused.response = co_await pool.run(call);
        refused.on_its_strand = strand.running_in_this_thread();
        third_done.set_value();
      },
      asio::detached);
  ASSERT_EQ(third_done.get_future().wait_for(5s), std::future_status::ready);
  EXPECT_FALSE(refused.response);
  EXPECT_TRUE(refused.on_its_strand);
  EXPECT_FALSE(third_ran);
  release.set_value();
  io.join();
  ASSERT_TRUE(running.response && waiting.response);
  EXPECT_EQ(running.response->body, "blocked");
  EXPECT_EQ(waiting.response->body, "blocked");
  EXPECT_EQ(started.load(), 2);
}

TEST(HandlerPool, WithNoQueueOnlyAnIdleThreadTakesACall) {
  HandlerPool pool(2, 0);
  asio::io_context ioc;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  const std::function<Response()> blocking = [&] {
    released.wait();
    return answer("ok");
  };
  std::vector<Outcome> outcomes(3);
  auto strand = asio::make_strand(ioc);
  for (auto& outcome : outcomes) spawn_call(strand, pool, blocking, outcome);
  // The strand runs coroutines in the order they were spawned, and each one's call is accepted
  // or refused before it suspends: once this one runs, all three have asked. Without it the
  // release could come before the third asked, and the third would find a thread free again.
  std::promise<void> all_asked;
  asio::co_spawn(
      strand,
      [&]() -> asio::awaitable<void> {
        all_asked.set_value();
        co_return;
      },
      asio::detached);
  std::thread io([&] { ioc.run(); });
  ASSERT_EQ(all_asked.get_future().wait_for(5s), std::future_status::ready);
  for (int i = 0; i < 500 && pool.busy() < 2; ++i) std::this_thread::sleep_for(2ms);
  EXPECT_EQ(pool.busy(), 2u);
  release.set_value();
  io.join();
  int answered = 0;
  for (const auto& outcome : outcomes) answered += outcome.response ? 1 : 0;
  EXPECT_EQ(answered, 2);  // the third found both threads busy and no place to wait
}

TEST(HandlerPool, ManyCallersFromSeveralIoThreadsEachGetTheirOwnAnswer) {
  HandlerPool pool(4, 64);
  asio::io_context ioc(2);
  std::vector<Outcome> outcomes(64);
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    spawn_call(
        asio::make_strand(ioc), pool, [i] { return answer(std::to_string(i)); }, outcomes[i]);
  }
  std::thread second([&] { ioc.run(); });
  ioc.run();
  second.join();
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    ASSERT_TRUE(outcomes[i].response) << i;
    EXPECT_EQ(outcomes[i].response->body, std::to_string(i));
    EXPECT_TRUE(outcomes[i].on_its_strand) << i;
  }
}

}  // namespace
}  // namespace mediagate::http
