#include "http/server.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <future>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "core/logger.hpp"
#include "support/test_connection.hpp"

namespace mediagate::http {
namespace {

using namespace std::chrono_literals;
using testing::Drained;
using testing::get_request;
using testing::TestConnection;
using testing::TestResponse;

// A log file in the temporary directory, removed at the end of the test.
class TempLog {
 public:
  TempLog() {
    std::string pattern = ::testing::TempDir() + "mediagate_http_log_XXXXXX";
    const int fd = ::mkstemp(pattern.data());
    if (fd >= 0) ::close(fd);
    path_ = pattern;
  }
  ~TempLog() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }
  std::string contents() const {
    std::ifstream in(path_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  std::string path_;
};

Response text(std::string body) {
  Response response;
  response.content_type = "text/plain";
  response.body = std::move(body);
  return response;
}

class ServerTest : public ::testing::Test {
 protected:
  ServerTest()
      : access_log_(core::Logger::open(access_file_.path(), clock_)),
        server_log_(core::Logger::open(server_file_.path(), clock_)) {
    add_health_route(router_);
    router_.add({"GET", "POST"}, "/echo", [](Request& request) {
      return text(request.method + "|" + request.path + "|" + request.query + "|" + request.body +
                  "|" + request.content_type + "|" + request.remote_address + "|" +
                  std::string(request.header("x-test-header")));
    });
    router_.add({"GET"}, "/headers", [](Request& request) {
      std::string names;
      for (const auto& [name, value] : request.headers) names += name + ";";
      return text(names);
    });
    router_.add({"POST"}, "/size",
                [](Request& request) { return text(std::to_string(request.body.size())); });
    router_.add({"GET"}, "/slow", [this](Request&) {
      slow_started_.set_value();
      std::this_thread::sleep_for(300ms);
      return text("slow");
    });
    router_.add({"GET"}, "/throw", [](Request&) -> Response {
      throw std::runtime_error("secret-token-in-exception");
    });
    router_.add({"GET"}, "/bad-status", [](Request&) {
      Response response;
      response.status = 42;
      return response;
    });
    router_.add({"GET"}, "/logged/{id}", [](Request&) {
      Response response = text("ok");
      response.log_vendor = "polyv-vod";
      response.log_partner = "user1";
      return response;
    });
  }

  ~ServerTest() override { stop_server(); }

  void start_server(core::HttpLimits limits = {}, int threads = 2, bool signals = false) {
    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = threads;
    options.limits = limits;
    options.handle_signals = signals;
    options.handler_threads = handler_threads_;
    options.handler_queue = handler_queue_;
    server_ = std::make_unique<Server>(
        options, [this](Request& request) { return router_.dispatch(request); }, access_log_,
        server_log_);
    const auto listening = server_->listen();
    ASSERT_TRUE(listening) << listening.error();
    ASSERT_NE(server_->port(), 0);
    server_->start();
  }

  void stop_server() {
    if (!server_) return;
    server_->stop();
    server_->join();
    server_.reset();
  }

  std::optional<TestResponse> exchange(TestConnection& connection, const std::string& request) {
    if (!connection.send(request)) return std::nullopt;
    return connection.read_response();
  }

  std::optional<TestResponse> get(const std::string& target) {
    TestConnection connection(server_->port());
    return exchange(connection, get_request(target));
  }

  core::SystemClock clock_;
  TempLog access_file_;
  TempLog server_file_;
  core::Logger access_log_;
  core::Logger server_log_;
  Router router_;
  std::promise<void> slow_started_;
  int handler_threads_ = 0;  // ServerOptions::handler_threads of the next start_server()
  std::int64_t handler_queue_ = 256;
  std::unique_ptr<Server> server_;
};

TEST_F(ServerTest, HealthzAnswersOk) {
  start_server();
  const auto response = get("/healthz");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);
  EXPECT_EQ(response->body, R"({"status":"ok"})");
  EXPECT_EQ(response->header("server"), "mediagate");
  EXPECT_EQ(response->header("content-type"), "application/json;charset=UTF-8");
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  start_server();
  TestConnection connection(server_->port());
  for (int i = 0; i < 3; ++i) {
    const auto response = exchange(connection, get_request("/echo?i=" + std::to_string(i)));
    ASSERT_TRUE(response) << i;
    EXPECT_EQ(response->status, 200u);
    EXPECT_EQ(response->body, "GET|/echo|i=" + std::to_string(i) + "|||127.0.0.1|");
  }
  // Pipelined: both requests in one write, answered in order.
  ASSERT_TRUE(connection.send(get_request("/echo?p=1") + get_request("/echo?p=2")));
  const auto first = connection.read_response();
  const auto second = connection.read_response();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->body, "GET|/echo|p=1|||127.0.0.1|");
  EXPECT_EQ(second->body, "GET|/echo|p=2|||127.0.0.1|");
}

TEST_F(ServerTest, Http10WithoutKeepAliveIsClosedAfterTheResponse) {
  start_server();
  TestConnection connection(server_->port());
  ASSERT_TRUE(connection.send("GET /healthz HTTP/1.0\r\n\r\n"));
  const Drained drained = connection.read_until_close(2s);
  EXPECT_TRUE(drained.closed);
  EXPECT_EQ(drained.bytes.rfind("HTTP/1.0 200 OK\r\n", 0), 0u) << drained.bytes;
}

TEST_F(ServerTest, BuildsTheRequest) {
  start_server();
  TestConnection connection(server_->port());
  const std::string body = "a=1&b=%20";
  const auto response = exchange(connection,
                                 "POST /echo?sign=x&t=1 HTTP/1.1\r\nHost: test\r\n"
                                 "Content-Type: application/x-www-form-urlencoded\r\n"
                                 "X-Test-Header: Value\r\nContent-Length: " +
                                     std::to_string(body.size()) + "\r\n\r\n" + body);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);
  EXPECT_EQ(response->body,
            "POST|/echo|sign=x&t=1|a=1&b=%20|application/x-www-form-urlencoded|127.0.0.1|Value");
  const auto names = exchange(connection, get_request("/headers", "X-MiXeD-Case: 1\r\n"));
  ASSERT_TRUE(names);
  EXPECT_EQ(names->body, "host;x-mixed-case;");
}

TEST_F(ServerTest, QuestionMarksAfterTheFirstStayInTheQuery) {
  start_server();
  const auto response = get("/echo?a=1?b=2");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "GET|/echo|a=1?b=2|||127.0.0.1|");
}

TEST_F(ServerTest, UnknownPathIs404) {
  start_server();
  const auto response = get("/nope?x=1");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 404u);
  EXPECT_EQ(response->body, R"({"error":"not found"})");
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
  start_server();
  TestConnection connection(server_->port());
  const auto response = exchange(connection, "DELETE /healthz HTTP/1.1\r\nHost: test\r\n\r\n");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 405u);
  EXPECT_EQ(response->header("allow"), "GET, HEAD");  // the server answers HEAD as GET
  // Transport answers from the router keep the connection usable.
  const auto next = exchange(connection, get_request("/healthz"));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200u);
}

TEST_F(ServerTest, RequestLineOverTheLimitIs414) {
  start_server();
  TestConnection connection(server_->port());
  const auto response = exchange(connection, get_request("/echo?q=" + std::string(10 * 1024, 'a')));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 414u);
  EXPECT_EQ(response->body, R"({"error":"uri too long"})");
  EXPECT_EQ(response->header("connection"), "close");
  EXPECT_TRUE(connection.read_until_close(2s).closed);
}

TEST_F(ServerTest, HugeRequestLineIs414) {
  start_server();
  TestConnection connection(server_->port());
  const auto response =
      exchange(connection, get_request("/echo?q=" + std::string(200 * 1024, 'a')));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 414u);
}

TEST_F(ServerTest, RequestLineLimitIsExact) {
  start_server();
  // "GET " + target + " HTTP/1.1" is 13 bytes more than the target.
  const std::size_t limit = 8 * 1024;
  const std::string prefix = "/echo?q=";
  const auto at_limit = get(prefix + std::string(limit - 13 - prefix.size(), 'a'));
  ASSERT_TRUE(at_limit);
  EXPECT_EQ(at_limit->status, 200u);
  const auto over = get(prefix + std::string(limit - 12 - prefix.size(), 'a'));
  ASSERT_TRUE(over);
  EXPECT_EQ(over->status, 414u);
}

TEST_F(ServerTest, HeadersOverTheLimitAre431) {
  start_server();
  std::string headers;
  for (int i = 0; i < 20; ++i) {
    headers += "X-Filler-" + std::to_string(i) + ": " + std::string(1024, 'b') + "\r\n";
  }
  TestConnection connection(server_->port());
  const auto response = exchange(connection, get_request("/healthz", headers));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 431u);
  EXPECT_EQ(response->body, R"({"error":"request header fields too large"})");
  EXPECT_TRUE(connection.read_until_close(2s).closed);
}

TEST_F(ServerTest, HugeHeadersAre431) {
  start_server();
  TestConnection connection(server_->port());
  const auto response = exchange(
      connection, get_request("/healthz", "X-Big: " + std::string(200 * 1024, 'b') + "\r\n"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 431u);
}

TEST_F(ServerTest, LongRequestLineIsCheckedBeforeHeaders) {
  start_server();
  const auto response = get("/echo?q=" + std::string(9 * 1024, 'a'));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 414u);
  TestConnection connection(server_->port());
  const auto both =
      exchange(connection, get_request("/echo?q=" + std::string(9 * 1024, 'a'),
                                       "X-Big: " + std::string(17 * 1024, 'b') + "\r\n"));
  ASSERT_TRUE(both);
  EXPECT_EQ(both->status, 414u);
}

TEST_F(ServerTest, BodyOverTheLimitIs413) {
  start_server();
  TestConnection connection(server_->port());
  const std::string body(70 * 1024, 'c');
  const auto response =
      exchange(connection, "POST /size HTTP/1.1\r\nHost: test\r\nContent-Length: " +
                               std::to_string(body.size()) + "\r\n\r\n" + body);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413u);
  EXPECT_EQ(response->body, R"({"error":"payload too large"})");
  EXPECT_TRUE(connection.read_until_close(3s).closed);
}

TEST_F(ServerTest, ChunkedBodyOverTheLimitIs413) {
  start_server();
  TestConnection connection(server_->port());
  std::string request = "POST /size HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 70; ++i) request += "400\r\n" + std::string(1024, 'c') + "\r\n";
  request += "0\r\n\r\n";
  const auto response = exchange(connection, request);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413u);
}

TEST_F(ServerTest, BodyWithinTheLimitIsServed) {
  start_server();
  TestConnection connection(server_->port());
  const std::string body(64 * 1024, 'c');
  const auto response =
      exchange(connection, "POST /size HTTP/1.1\r\nHost: test\r\nContent-Length: " +
                               std::to_string(body.size()) + "\r\n\r\n" + body);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);
  EXPECT_EQ(response->body, std::to_string(64 * 1024));
  std::string chunked = "POST /size HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n";
  chunked += "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
  const auto second = exchange(connection, chunked);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body, "11");
}

TEST_F(ServerTest, ExpectContinueIsAnswered) {
  start_server();
  TestConnection connection(server_->port());
  ASSERT_TRUE(connection.send(
      "POST /size HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
  const auto interim = connection.read_response();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100u);
  ASSERT_TRUE(connection.send("hello"));
  const auto response = connection.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);
  EXPECT_EQ(response->body, "5");
}

TEST_F(ServerTest, GarbageIs400AndClosed) {
  start_server();
  for (const std::string& garbage :
       {std::string("\x01\x02\x03 garbage\r\n\r\n"), std::string("GET / HTTP/9.9\r\n\r\n"),
        std::string("GET /healthz HTTP/1.1\r\nBad Header\r\n\r\n"),
        std::string("POST /size HTTP/1.1\r\nContent-Length: abc\r\n\r\n")}) {
    TestConnection connection(server_->port());
    ASSERT_TRUE(connection.send(garbage));
    const auto response = connection.read_response();
    ASSERT_TRUE(response) << garbage;
    EXPECT_EQ(response->status, 400u) << garbage;
    EXPECT_EQ(response->body, R"({"error":"bad request"})");
    EXPECT_TRUE(connection.read_until_close(2s).closed);
  }
}

TEST_F(ServerTest, ReadTimeoutClosesIdleAndSlowConnections) {
  core::HttpLimits limits;
  limits.read_timeout_ms = 200;
  start_server(limits);

  const auto started = std::chrono::steady_clock::now();
  TestConnection idle(server_->port());
  TestConnection slow(server_->port());
  ASSERT_TRUE(slow.send("GET /healthz HTTP/1.1\r\nHost: te"));
  const Drained idle_result = idle.read_until_close(3s);
  const Drained slow_result = slow.read_until_close(3s);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_TRUE(idle_result.closed);
  EXPECT_TRUE(idle_result.bytes.empty());
  EXPECT_TRUE(slow_result.closed);
  EXPECT_TRUE(slow_result.bytes.empty());
  EXPECT_GE(elapsed, 150ms);
  EXPECT_LT(elapsed, 2s);

  // A kept-alive connection is closed once idle for the timeout.
  TestConnection kept(server_->port());
  const auto response = exchange(kept, get_request("/healthz"));
  ASSERT_TRUE(response);
  EXPECT_TRUE(kept.read_until_close(3s).closed);
}

TEST_F(ServerTest, MaxConnectionsStopsAcceptingUntilOneCloses) {
  core::HttpLimits limits;
  limits.max_connections = 2;
  start_server(limits);
  // Neither connection is idle: each is in the middle of its request.
  TestConnection first(server_->port());
  TestConnection second(server_->port());
  ASSERT_TRUE(first.send("GET /healthz HTTP/1.1\r\n"));
  ASSERT_TRUE(second.send("GET /healthz HTTP/1.1\r\n"));

  TestConnection third(server_->port());  // completes in the backlog, not yet accepted
  ASSERT_TRUE(third.connected());
  ASSERT_TRUE(third.send(get_request("/healthz")));
  EXPECT_FALSE(third.read_response(300ms));

  first.close();
  const auto response = third.read_response(3s);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);
  // The second connection was served all along.
  ASSERT_TRUE(second.send("Host: test\r\n\r\n"));
  const auto again = second.read_response();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200u);
}

TEST_F(ServerTest, AtMaxConnectionsTheConnectionIdleLongestMakesRoom) {
  core::HttpLimits limits;
  limits.max_connections = 3;
  start_server(limits);
  TestConnection older(server_->port());
  ASSERT_TRUE(exchange(older, get_request("/healthz")));  // idle since its answer
  std::this_thread::sleep_for(50ms);
  TestConnection fresh(server_->port());  // idle since its accept
  std::this_thread::sleep_for(50ms);
  TestConnection newer(server_->port());
  ASSERT_TRUE(exchange(newer, get_request("/healthz")));

  const auto started = std::chrono::steady_clock::now();
  TestConnection client(server_->port());
  const auto response = exchange(client, get_request("/healthz"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  // The connection idle for the longest time was closed, without an answer.
  const Drained closed = older.read_until_close(2s);
  EXPECT_TRUE(closed.closed);
  EXPECT_EQ(closed.bytes, "");
  // The others are still served.
  ASSERT_TRUE(fresh.send(get_request("/healthz")));
  const auto first = fresh.read_response();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200u);
  const auto second = exchange(newer, get_request("/healthz"));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 200u);
}

TEST_F(ServerTest, AtMaxConnectionsNeverUsedIdleConnectionsMakeRoomToo) {
  // Sockets that connect and send nothing (issue 14: 2 000 of them locked every client out
  // until the read timeout) are idle connections like any other.
  core::HttpLimits limits;
  limits.max_connections = 2;
  start_server(limits);
  TestConnection first(server_->port());
  std::this_thread::sleep_for(50ms);
  TestConnection second(server_->port());
  std::this_thread::sleep_for(50ms);
  for (int i = 0; i < 3; ++i) {
    TestConnection client(server_->port());
    const auto response = exchange(client, get_request("/healthz"));
    ASSERT_TRUE(response) << i;
    EXPECT_EQ(response->status, 200u) << i;
  }
  EXPECT_TRUE(first.read_until_close(2s).closed);
}

TEST_F(ServerTest, AtMaxConnectionsAConnectionThatFallsIdleMakesRoom) {
  core::HttpLimits limits;
  limits.max_connections = 2;
  start_server(limits);
  TestConnection partial(server_->port());  // in the middle of a request: never closed for room
  ASSERT_TRUE(partial.send("GET /healthz HTTP/1.1\r\n"));
  TestConnection busy(server_->port());
  ASSERT_TRUE(busy.send(get_request("/slow")));
  slow_started_.get_future().wait();

  // Nothing can be closed while the slow request runs; once it is answered, its connection
  // is idle and the waiting client gets its place.
  TestConnection client(server_->port());
  ASSERT_TRUE(client.send(get_request("/healthz")));
  const auto slow = busy.read_response(3s);
  ASSERT_TRUE(slow);
  EXPECT_EQ(slow->body, "slow");
  const auto response = client.read_response(3s);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);
  EXPECT_TRUE(busy.read_until_close(2s).closed);
  ASSERT_TRUE(partial.send("Host: test\r\n\r\n"));
  const auto finished = partial.read_response();
  ASSERT_TRUE(finished);
  EXPECT_EQ(finished->status, 200u);
}

TEST_F(ServerTest, IdleKeepAliveHasItsOwnShorterTimeout) {
  core::HttpLimits limits;
  limits.read_timeout_ms = 5000;
  limits.keep_alive_timeout_ms = 200;
  start_server(limits);
  TestConnection fresh(server_->port());  // the first request gets read_timeout_ms
  TestConnection kept(server_->port());
  ASSERT_TRUE(exchange(kept, get_request("/healthz")));
  const auto started = std::chrono::steady_clock::now();
  const Drained closed = kept.read_until_close(3s);
  EXPECT_TRUE(closed.closed);
  EXPECT_EQ(closed.bytes, "");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  EXPECT_FALSE(fresh.read_until_close(100ms).closed);

  // Once the next request has begun, it has read_timeout_ms to arrive.
  TestConnection slow(server_->port());
  ASSERT_TRUE(exchange(slow, get_request("/healthz")));
  ASSERT_TRUE(slow.send("GET /healthz HTTP/1.1\r\n"));
  std::this_thread::sleep_for(500ms);
  ASSERT_TRUE(slow.send("Host: test\r\n\r\n"));
  const auto response = slow.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);
}

// The read timeout bounds reading and writing, not the handler: an answer that takes longer
// than it to compute is still written. On a handler thread, so that the connection's executor
// is free (and its deadline watched) meanwhile; threads=1: the io_context's executor.
TEST_F(ServerTest, AHandlerSlowerThanTheReadTimeoutIsStillAnswered) {
  core::HttpLimits limits;
  limits.read_timeout_ms = 100;
  handler_threads_ = 1;
  start_server(limits, 1);
  TestConnection connection(server_->port());
  const auto response = exchange(connection, get_request("/slow"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);
  EXPECT_EQ(response->body, "slow");
}

// A connection whose requests keep coming outlives every deadline that passed while it was busy
// (the watchdog, set for an earlier one, takes up the later one when it fires); once idle, it is
// closed at the keep-alive timeout. With one thread and with a strand per connection.
TEST_F(ServerTest, ABusyKeepAliveConnectionOutlivesItsEarlierDeadlines) {
  core::HttpLimits limits;
  limits.read_timeout_ms = 400;
  limits.keep_alive_timeout_ms = 200;
  for (const int threads : {1, 2}) {
    start_server(limits, threads);
    TestConnection connection(server_->port());
    const auto until = std::chrono::steady_clock::now() + 1200ms;
    int answered = 0;
    while (std::chrono::steady_clock::now() < until) {
      const auto response = exchange(connection, get_request("/healthz"));
      ASSERT_TRUE(response) << "threads " << threads << ", after " << answered << " answers";
      EXPECT_EQ(response->status, 200u);
      ++answered;
      std::this_thread::sleep_for(20ms);
    }
    EXPECT_GE(answered, 10) << "threads " << threads;
    const auto idle_since = std::chrono::steady_clock::now();
    const Drained closed = connection.read_until_close(3s);
    EXPECT_TRUE(closed.closed) << "threads " << threads;
    EXPECT_LT(std::chrono::steady_clock::now() - idle_since, 2s) << "threads " << threads;
    stop_server();
  }
}

TEST_F(ServerTest, HandlerThatThrowsGives500AndTheServerGoesOn) {
  start_server();
  TestConnection connection(server_->port());
  const auto response = exchange(connection, get_request("/throw?sign=SECRETSIGN"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 500u);
  EXPECT_EQ(response->body, R"({"error":"internal error"})");
  const auto next = exchange(connection, get_request("/healthz"));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200u);
  const auto bad_status = exchange(connection, get_request("/bad-status"));
  ASSERT_TRUE(bad_status);
  EXPECT_EQ(bad_status->status, 500u);
  stop_server();

  const std::string errors = server_file_.contents();
  EXPECT_NE(errors.find("\"msg\":\"handler threw\""), std::string::npos) << errors;
  EXPECT_NE(errors.find("\"path\":\"/throw\""), std::string::npos) << errors;
  EXPECT_NE(errors.find("std::runtime_error"), std::string::npos) << errors;
  EXPECT_EQ(errors.find("SECRETSIGN"), std::string::npos) << errors;
  EXPECT_EQ(errors.find("secret-token-in-exception"), std::string::npos) << errors;
}

TEST_F(ServerTest, AccessLogRecordsPathAndStatusButNeverTheQuery) {
  start_server();
  TestConnection connection(server_->port());
  ASSERT_TRUE(exchange(connection, get_request("/logged/42?sign=SECRETSIGN&ts=1",
                                               "Authorization: SECRETHEADER\r\n")));
  ASSERT_TRUE(exchange(connection,
                       "POST /echo?sign=SECRETSIGN HTTP/1.1\r\nHost: t\r\n"
                       "Content-Length: 12\r\n\r\nSECRETBODY!!"));
  ASSERT_TRUE(exchange(connection, get_request("/echo?q=SECRETSIGN" + std::string(9000, 'x'))));
  stop_server();

  const std::string log = access_file_.contents();
  std::vector<std::string> lines;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 3u) << log;
  const std::string& first = lines[0];
  for (const char* part : {"\"method\":\"GET\"", "\"path\":\"/logged/42\"", "\"status\":200",
                           "\"latency_ms\":", "\"vendor\":\"polyv-vod\"", "\"partner\":\"user1\"",
                           "\"remote\":\"127.0.0.1\"", "\"bytes\":2"}) {
    EXPECT_NE(first.find(part), std::string::npos) << part << " in " << first;
  }
  EXPECT_NE(lines[1].find("\"path\":\"/echo\""), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find("\"status\":414"), std::string::npos) << lines[2];
  EXPECT_EQ(log.find("SECRET"), std::string::npos) << log;
  EXPECT_EQ(log.find("sign="), std::string::npos) << log;
}

TEST_F(ServerTest, StopLetsAnInFlightRequestFinish) {
  start_server();
  TestConnection idle(server_->port());
  ASSERT_TRUE(exchange(idle, get_request("/healthz")));  // now idle, kept alive

  auto slow_started = slow_started_.get_future();
  std::promise<std::optional<TestResponse>> slow_result;
  auto slow_future = slow_result.get_future();
  std::thread client([this, &slow_result] {
    TestConnection connection(server_->port());
    slow_result.set_value(exchange(connection, get_request("/slow")));
  });
  ASSERT_EQ(slow_started.wait_for(5s), std::future_status::ready);
  const auto stop_at = std::chrono::steady_clock::now();
  server_->stop();

  // The idle connection is closed at once, the slow request still gets its answer.
  EXPECT_TRUE(idle.read_until_close(2s).closed);
  ASSERT_EQ(slow_future.wait_for(5s), std::future_status::ready);
  client.join();
  const auto response = slow_future.get();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);
  EXPECT_EQ(response->body, "slow");
  EXPECT_EQ(response->header("connection"), "close");

  server_->join();
  EXPECT_LT(std::chrono::steady_clock::now() - stop_at, 3s);
  // No longer accepting.
  TestConnection late(server_->port());
  if (late.connected()) {
    late.send(get_request("/healthz"));
    EXPECT_FALSE(late.read_response(300ms));
  }
}

TEST_F(ServerTest, JoinFromSeveralThreads) {
  start_server();
  auto waiter = std::async(std::launch::async, [this] { server_->join(); });
  EXPECT_EQ(waiter.wait_for(100ms), std::future_status::timeout);  // still serving
  server_->stop();
  server_->join();
  EXPECT_EQ(waiter.wait_for(5s), std::future_status::ready);
}

TEST_F(ServerTest, RunBlocksUntilStop) {
  ServerOptions options;
  options.threads = 2;
  Server server(
      options, [this](Request& request) { return router_.dispatch(request); }, access_log_,
      server_log_);
  ASSERT_TRUE(server.listen());
  std::thread runner([&server] { server.run(); });
  TestConnection connection(server.port());
  const auto response = exchange(connection, get_request("/healthz"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);
  server.stop();
  runner.join();
}

TEST_F(ServerTest, StopBeforeRunReturnsAtOnce) {
  ServerOptions options;
  Server server(
      options, [this](Request& request) { return router_.dispatch(request); }, access_log_,
      server_log_);
  ASSERT_TRUE(server.listen());
  server.stop();
  server.run();
  server.stop();  // idempotent
}

TEST_F(ServerTest, ListenFailsOnABadAddress) {
  ServerOptions options;
  options.host = "192.0.2.1";
  Server server(
      options, [this](Request& request) { return router_.dispatch(request); }, access_log_,
      server_log_);
  const auto listening = server.listen();
  ASSERT_FALSE(listening);
  EXPECT_NE(listening.error().find("192.0.2.1"), std::string::npos);
}

TEST_F(ServerTest, SigtermStopsTheServer) {
  start_server({}, 1, /*signals=*/true);
  ASSERT_TRUE(get("/healthz"));
  std::raise(SIGTERM);
  auto joined = std::async(std::launch::async, [this] { server_->join(); });
  EXPECT_EQ(joined.wait_for(5s), std::future_status::ready);
}

TEST_F(ServerTest, ServesConcurrentClients) {
  start_server({}, 4);
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([this, c, &ok] {
      TestConnection connection(server_->port());
      for (int i = 0; i < 25; ++i) {
        const std::string query = std::to_string(c) + "-" + std::to_string(i);
        const auto response = exchange(connection, get_request("/echo?" + query));
        if (response && response->body == "GET|/echo|" + query + "|||127.0.0.1|") ++ok;
      }
    });
  }
  for (auto& client : clients) client.join();
  EXPECT_EQ(ok.load(), 8 * 25);
}

// The same server with handler threads (ServerOptions::handler_threads).
class HandlerThreadsTest : public ServerTest {
 protected:
  HandlerThreadsTest() { handler_threads_ = 2; }

  // GET /slow on a connection of its own, answered on a thread of its own; returns once the
  // handler has started.
  std::future<std::optional<TestResponse>> start_slow_request(std::thread& client) {
    auto started = slow_started_.get_future();
    auto result = std::make_shared<std::promise<std::optional<TestResponse>>>();
    auto answer = result->get_future();
    client = std::thread([this, result] {
      TestConnection connection(server_->port());
      result->set_value(exchange(connection, get_request("/slow")));
    });
    EXPECT_EQ(started.wait_for(5s), std::future_status::ready);
    return answer;
  }

  // How long another connection waits for /healthz while /slow (300 ms) is being handled.
  std::chrono::steady_clock::duration healthz_beside_slow(std::optional<TestResponse>& healthz,
                                                          std::optional<TestResponse>& slow) {
    std::thread client;
    auto slow_answer = start_slow_request(client);
    const auto asked = std::chrono::steady_clock::now();
    healthz = get("/healthz");
    const auto took = std::chrono::steady_clock::now() - asked;
    if (slow_answer.wait_for(5s) == std::future_status::ready) slow = slow_answer.get();
    client.join();
    return took;
  }
};

TEST_F(HandlerThreadsTest, ASlowHandlerHoldsUpNoOtherConnectionOnTheOneIoThread) {
  start_server({}, 1);
  std::optional<TestResponse> healthz, slow;
  const auto took = healthz_beside_slow(healthz, slow);
  ASSERT_TRUE(healthz);
  EXPECT_EQ(healthz->status, 200u);
  EXPECT_LT(took, 150ms);  // not behind the 300 ms of /slow
  ASSERT_TRUE(slow);
  EXPECT_EQ(slow->body, "slow");
}

// The counterpart, so that the test above can fail: inline, the io thread is held.
TEST_F(ServerTest, WithoutHandlerThreadsASlowHandlerHoldsUpTheOneIoThread) {
  start_server({}, 1);
  auto started = slow_started_.get_future();
  std::promise<std::optional<TestResponse>> slow_result;
  auto slow_future = slow_result.get_future();
  std::thread client([this, &slow_result] {
    TestConnection connection(server_->port());
    slow_result.set_value(exchange(connection, get_request("/slow")));
  });
  ASSERT_EQ(started.wait_for(5s), std::future_status::ready);
  const auto asked = std::chrono::steady_clock::now();
  const auto healthz = get("/healthz");
  const auto took = std::chrono::steady_clock::now() - asked;
  client.join();
  ASSERT_TRUE(healthz);
  EXPECT_GE(took, 150ms);
}

TEST_F(HandlerThreadsTest, KeepAlivePipeliningHeadAndTheAccessLogAreUnchanged) {
  start_server({}, 1);
  TestConnection connection(server_->port());
  for (int i = 0; i < 3; ++i) {
    const auto response = exchange(connection, get_request("/echo?i=" + std::to_string(i)));
    ASSERT_TRUE(response) << i;
    EXPECT_EQ(response->body, "GET|/echo|i=" + std::to_string(i) + "|||127.0.0.1|");
  }
  // Pipelined: three requests in one write, answered in order.
  ASSERT_TRUE(connection.send(get_request("/echo?p=1") + get_request("/echo?p=2") +
                              "HEAD /logged/7 HTTP/1.1\r\nHost: t\r\n\r\n"));
  const auto first = connection.read_response();
  const auto second = connection.read_response();
  const auto head = connection.read_response(5s, true);
  ASSERT_TRUE(first && second && head);
  EXPECT_EQ(first->body, "GET|/echo|p=1|||127.0.0.1|");
  EXPECT_EQ(second->body, "GET|/echo|p=2|||127.0.0.1|");
  EXPECT_EQ(head->status, 200u);
  EXPECT_EQ(head->header("content-length"), "2");
  EXPECT_EQ(head->body, "");
  const auto after = exchange(connection, get_request("/healthz"));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->body, R"({"status":"ok"})");
  stop_server();
  const std::string log = access_file_.contents();
  EXPECT_NE(log.find(R"("method":"HEAD","path":"/logged/7","status":200)"), std::string::npos)
      << log;
  EXPECT_NE(log.find(R"("vendor":"polyv-vod","partner":"user1")"), std::string::npos) << log;
}

TEST_F(HandlerThreadsTest, AHandlerThatThrowsGives500AndTheServerGoesOn) {
  start_server({}, 1);
  TestConnection connection(server_->port());
  const auto response = exchange(connection, get_request("/throw?sign=SECRETSIGN"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 500u);
  EXPECT_EQ(response->body, R"({"error":"internal error"})");
  const auto bad_status = exchange(connection, get_request("/bad-status"));
  ASSERT_TRUE(bad_status);
  EXPECT_EQ(bad_status->status, 500u);
  const auto next = exchange(connection, get_request("/healthz"));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200u);
  stop_server();
  const std::string errors = server_file_.contents();
  EXPECT_NE(errors.find("\"msg\":\"handler threw\""), std::string::npos) << errors;
  EXPECT_NE(errors.find("std::runtime_error"), std::string::npos) << errors;
  EXPECT_NE(errors.find("handler returned an invalid status"), std::string::npos) << errors;
  EXPECT_EQ(errors.find("SECRETSIGN"), std::string::npos) << errors;
  EXPECT_EQ(errors.find("secret-token-in-exception"), std::string::npos) << errors;
}

TEST_F(HandlerThreadsTest, WithEveryThreadBusyAndNoPlaceToWaitTheAnswerIs503AtOnce) {
  handler_threads_ = 1;
  handler_queue_ = 0;
  start_server({}, 1);
  std::thread client;
  auto slow = start_slow_request(client);
  TestConnection connection(server_->port());
  const auto asked = std::chrono::steady_clock::now();
  const auto busy = exchange(connection, get_request("/healthz"));
  const auto took = std::chrono::steady_clock::now() - asked;
  ASSERT_TRUE(busy);
  EXPECT_EQ(busy->status, 503u);
  EXPECT_EQ(busy->body, R"({"error":"server busy"})");
  EXPECT_EQ(busy->header("retry-after"), "1");
  EXPECT_LT(took, 150ms);  // at once, not after the slow request
  EXPECT_EQ(server_->handler_threads_busy(), 1);
  EXPECT_EQ(server_->handler_queue_depth(), 0);
  ASSERT_EQ(slow.wait_for(5s), std::future_status::ready);
  client.join();
  // The connection stays open, and is served once the thread is free.
  const auto again = exchange(connection, get_request("/healthz"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200u);
  stop_server();
  EXPECT_NE(access_file_.contents().find(R"("path":"/healthz","status":503)"), std::string::npos);
}

TEST_F(HandlerThreadsTest, ARequestWaitingForAThreadIsCountedThenServed) {
  handler_threads_ = 1;
  handler_queue_ = 1;
  start_server({}, 1);
  std::thread client;
  auto slow = start_slow_request(client);
  std::promise<std::optional<TestResponse>> queued;
  std::thread second([this, &queued] {
    TestConnection connection(server_->port());
    queued.set_value(exchange(connection, get_request("/healthz")));
  });
  for (int i = 0; i < 100 && server_->handler_queue_depth() < 1; ++i) {
    std::this_thread::sleep_for(2ms);
  }
  EXPECT_EQ(server_->handler_queue_depth(), 1);
  EXPECT_EQ(server_->handler_threads_busy(), 1);
  second.join();
  const auto response = queued.get_future().get();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);  // it waited for the thread instead of a 503
  ASSERT_EQ(slow.wait_for(5s), std::future_status::ready);
  client.join();
  EXPECT_EQ(server_->handler_queue_depth(), 0);
}

TEST_F(HandlerThreadsTest, StopLetsARequestOnAHandlerThreadFinish) {
  start_server({}, 1);
  std::thread client;
  auto slow = start_slow_request(client);
  const auto stop_at = std::chrono::steady_clock::now();
  server_->stop();
  ASSERT_EQ(slow.wait_for(5s), std::future_status::ready);
  client.join();
  const auto response = slow.get();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "slow");
  EXPECT_EQ(response->header("connection"), "close");
  server_->join();
  EXPECT_LT(std::chrono::steady_clock::now() - stop_at, 3s);
}

}  // namespace
}  // namespace mediagate::http
