// A response whose body shares a text (http::Response::share_body, a kept page): what its
// readers see, and what the server writes for it over a socket, byte for byte the same as for
// the same body held whole.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/logger.hpp"
#include "http/message.hpp"
#include "http/server.hpp"
#include "support/test_connection.hpp"

namespace mediagate::http {
namespace {

using testing::get_request;
using testing::TestConnection;

TEST(ResponseBody, AWholeBodyIsItsOnlyPart) {
  Response response;
  response.body = "abc";
  EXPECT_EQ(response.body_size(), 3u);
  EXPECT_EQ(response.whole_body(), "abc");
  const auto parts = response.body_parts();
  EXPECT_EQ(parts[0], "abc");
  EXPECT_TRUE(parts[1].empty());
  EXPECT_TRUE(parts[2].empty());
  EXPECT_EQ(Response{}.body_size(), 0u);
  EXPECT_EQ(Response{}.whole_body(), "");
}

TEST(ResponseBody, ASharedBodyIsTheHeadThenTheSharedTextThenTheTail) {
  const auto page = std::make_shared<const std::string>(R"({"page":1})");
  Response response;
  response.share_body("cb({\"data\":", page, "})");
  EXPECT_EQ(response.body, "cb({\"data\":");
  EXPECT_EQ(response.body_size(), 11u + 10u + 2u);
  EXPECT_EQ(response.whole_body(), R"(cb({"data":{"page":1}}))");
  const auto parts = response.body_parts();
  EXPECT_EQ(parts[0], "cb({\"data\":");
  EXPECT_EQ(parts[1].data(), page->data());  // the page itself, not a copy
  EXPECT_EQ(parts[1].size(), page->size());
  EXPECT_EQ(parts[2], "})");
  EXPECT_EQ(page.use_count(), 2);
}

TEST(ResponseBody, ACopyOrAMoveSharesTheTextWithoutCopyingIt) {
  const auto page = std::make_shared<const std::string>(std::string(10000, 'x'));
  Response response;
  response.share_body("<", page, ">");
  const Response copy = response;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_EQ(copy.body_parts()[1].data(), page->data());
  EXPECT_EQ(copy.whole_body(), "<" + *page + ">");
  const Response moved = std::move(response);
  EXPECT_EQ(moved.body_parts()[1].data(), page->data());
  EXPECT_EQ(page.use_count(), 3);
}

TEST(ResponseBody, AnEmptySharedTextOrATailAloneCount) {
  Response empty_page;
  empty_page.share_body("[", std::make_shared<const std::string>(), "]");
  EXPECT_EQ(empty_page.body_size(), 2u);
  EXPECT_EQ(empty_page.whole_body(), "[]");
  Response tail_only;
  tail_only.body = "a";
  tail_only.body_tail = "b";
  EXPECT_EQ(tail_only.body_size(), 2u);
  EXPECT_EQ(tail_only.whole_body(), "ab");
}

// A server whose /shared answers with a shared page and /whole with the same body held whole.
class SharedBodyServer : public ::testing::Test {
 protected:
  SharedBodyServer()
      : log_path_(::testing::TempDir() + "mediagate_shared_body_" + std::to_string(::getpid())),
        access_log_(core::Logger::open(log_path_, clock_)),
        server_log_(core::Logger::open("off", clock_)) {
    // Large enough that the gathered write takes several sends.
    std::string text = R"({"items":[)";
    for (int i = 0; i < 20000; ++i) text += (i == 0 ? "" : ",") + std::to_string(i);
    text += "]}";
    page_ = std::make_shared<const std::string>(std::move(text));
    router_.add({"GET"}, "/shared", [this](Request&) {
      Response response;
      response.share_body(R"({"code":200,"data":)", page_, "}");
      return response;
    });
    router_.add({"GET"}, "/whole", [this](Request&) {
      Response response;
      response.body = R"({"code":200,"data":)" + *page_ + "}";
      return response;
    });
    ServerOptions options;
    options.threads = 1;
    server_ = std::make_unique<Server>(
        options, [this](Request& request) { return router_.dispatch(request); }, access_log_,
        server_log_);
    if (server_->listen()) server_->start();
  }
  ~SharedBodyServer() override {
    server_->stop();
    server_->join();
    std::remove(log_path_.c_str());
  }

  // Everything the server sends for one request on a connection it then closes.
  std::string bytes_of(const std::string& method, const std::string& target) {
    TestConnection connection(server_->port());
    EXPECT_TRUE(connection.connected());
    connection.send(method + " " + target + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    return connection.read_until_close(std::chrono::seconds(5)).bytes;
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
  std::shared_ptr<const std::string> page_;
  std::unique_ptr<Server> server_;
};

TEST_F(SharedBodyServer, WritesTheSameBytesAsTheWholeBodyEveryTime) {
  ASSERT_NE(server_->port(), 0);
  const std::string whole = bytes_of("GET", "/whole");
  const std::string body = R"({"code":200,"data":)" + *page_ + "}";
  ASSERT_GT(whole.size(), body.size());
  EXPECT_EQ(whole.substr(whole.size() - body.size()), body);
  EXPECT_NE(whole.find("\r\nContent-Length: " + std::to_string(body.size()) + "\r\n"),
            std::string::npos);
  EXPECT_EQ(bytes_of("GET", "/shared"), whole);
  EXPECT_EQ(bytes_of("GET", "/shared"), whole);
  // Once the server has stopped, no answer holds the page any more.
  server_->stop();
  server_->join();
  EXPECT_EQ(page_.use_count(), 1);
}

TEST_F(SharedBodyServer, KeepAliveAndPipelinedAnswersAreWhole) {
  ASSERT_NE(server_->port(), 0);
  TestConnection connection(server_->port());
  ASSERT_TRUE(
      connection.send(get_request("/shared") + get_request("/whole") + get_request("/shared")));
  const auto first = connection.read_response();
  const auto second = connection.read_response();
  const auto third = connection.read_response();
  ASSERT_TRUE(first && second && third);
  EXPECT_EQ(first->body, second->body);
  EXPECT_EQ(third->body, second->body);
  EXPECT_EQ(first->header("content-length"), std::to_string(second->body.size()));
}

TEST_F(SharedBodyServer, AHeadAnswerIsTheGetAnswersHeadAndTheLogCountsTheWholeBody) {
  ASSERT_NE(server_->port(), 0);
  const std::string get = bytes_of("GET", "/shared");
  const std::string head = bytes_of("HEAD", "/shared");
  const auto end = get.find("\r\n\r\n");
  ASSERT_NE(end, std::string::npos);
  EXPECT_EQ(head, get.substr(0, end + 4));
  server_->stop();
  server_->join();
  std::istringstream log(access_log());
  std::vector<std::string> lines;
  for (std::string line; std::getline(log, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 2u);
  const std::string size = std::to_string(get.size() - end - 4);
  EXPECT_NE(lines[0].find(R"("method":"GET")"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find(R"("bytes":)" + size + "}"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find(R"("method":"HEAD")"), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find(R"("bytes":0})"), std::string::npos) << lines[1];
}

}  // namespace
}  // namespace mediagate::http
