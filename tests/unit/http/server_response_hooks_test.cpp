// The transport hooks a handler can ask for through its Response: a delay before writing (an
// asynchronous wait that holds no server thread) and an abrupt reset instead of an answer.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <future>
#include <memory>
#include <sstream>
#include <string>

#include "core/clock.hpp"
#include "core/logger.hpp"
#include "http/server.hpp"
#include "support/test_connection.hpp"

namespace mediagate::http {
namespace {

using namespace std::chrono_literals;
using testing::get_request;
using testing::TestConnection;
using SteadyClock = std::chrono::steady_clock;

class ResponseHooks : public ::testing::Test {
 protected:
  ResponseHooks()
      : log_path_(::testing::TempDir() + "mediagate_hooks_" + std::to_string(::getpid())),
        access_log_(core::Logger::open(log_path_, clock_)),
        server_log_(core::Logger::open("off", clock_)) {
    router_.add({"GET"}, "/delayed", [](Request&) {
      Response response;
      response.body = "late";
      response.delay = 400ms;
      return response;
    });
    router_.add({"GET"}, "/quick", [](Request&) {
      Response response;
      response.body = "quick";
      return response;
    });
    router_.add({"GET"}, "/reset", [](Request&) {
      Response response;
      response.body = "never sent";
      response.abort_connection = true;
      response.log_vendor = "tester";
      return response;
    });
    ServerOptions options;
    options.threads = 1;  // one thread: a delay that held it would hold everything
    server_ = std::make_unique<Server>(
        options, [this](Request& request) { return router_.dispatch(request); }, access_log_,
        server_log_);
    if (server_->listen()) server_->start();
  }
  ~ResponseHooks() override {
    server_->stop();
    server_->join();
    std::remove(log_path_.c_str());
  }
  std::string access_log() const {
    std::ifstream in(log_path_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  core::SystemClock clock_;
  std::string log_path_;
  core::Logger access_log_;
  core::Logger server_log_;
  Router router_;
  std::unique_ptr<Server> server_;
};

TEST_F(ResponseHooks, DelayWaitsWithoutHoldingTheOnlyThread) {
  ASSERT_NE(server_->port(), 0);
  const auto port = server_->port();
  const auto started = SteadyClock::now();
  auto delayed = std::async(std::launch::async, [port] {
    TestConnection connection(port);
    connection.send(get_request("/delayed"));
    return connection.read_response();
  });
  std::this_thread::sleep_for(50ms);
  TestConnection other(port);
  ASSERT_TRUE(other.send(get_request("/quick")));
  const auto quick = other.read_response();
  ASSERT_TRUE(quick);
  EXPECT_EQ(quick->body, "quick");
  EXPECT_LT(SteadyClock::now() - started, 300ms);  // served while the other one waits

  const auto late = delayed.get();
  ASSERT_TRUE(late);
  EXPECT_EQ(late->body, "late");
  EXPECT_GE(SteadyClock::now() - started, 400ms);
}

TEST_F(ResponseHooks, AbortResetsTheConnectionWithoutAnAnswer) {
  TestConnection connection(server_->port());
  ASSERT_TRUE(connection.send(get_request("/reset")));
  const auto drained = connection.read_until_close(2s);
  EXPECT_TRUE(drained.closed);
  EXPECT_TRUE(drained.bytes.empty()) << drained.bytes;
  // The server keeps serving other connections.
  TestConnection next(server_->port());
  ASSERT_TRUE(next.send(get_request("/quick")));
  const auto quick = next.read_response();
  ASSERT_TRUE(quick);
  EXPECT_EQ(quick->status, 200u);
  server_->stop();
  server_->join();
  const auto log = access_log();
  EXPECT_NE(log.find(R"("path":"/reset","status":0)"), std::string::npos) << log;
  EXPECT_NE(log.find(R"("vendor":"tester")"), std::string::npos) << log;
}

}  // namespace
}  // namespace mediagate::http
