#include "http/router.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include "http/deferred.hpp"

namespace mediagate::http {
namespace {

Request make_request(std::string method, std::string path) {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  return request;
}

Handler answer(std::string body) {
  return [body = std::move(body)](Request&) {
    Response response;
    response.body = body;
    return response;
  };
}

Handler echo_param(std::string name) {
  return [name = std::move(name)](Request& request) {
    Response response;
    const auto it = request.path_params.find(name);
    response.body = it == request.path_params.end() ? "<missing>" : it->second;
    return response;
  };
}

std::string allow_header(const Response& response) {
  for (const auto& [name, value] : response.headers) {
    if (name == "Allow") return value;
  }
  return "<none>";
}

TEST(RouterTest, MatchesLiteralRoute) {
  Router router;
  router.add({"GET"}, "/a/b", answer("ab"));
  router.add({"GET"}, "/a", answer("a"));
  auto request = make_request("GET", "/a/b");
  const auto response = router.dispatch(request);
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.body, "ab");
  auto root = make_request("GET", "/a");
  EXPECT_EQ(router.dispatch(root).body, "a");
}

TEST(RouterTest, RootPath) {
  Router router;
  router.add({"GET"}, "/", answer("root"));
  auto request = make_request("GET", "/");
  EXPECT_EQ(router.dispatch(request).body, "root");
}

TEST(RouterTest, CapturesSegments) {
  Router router;
  router.add({"GET"}, "/v2/video/{userid}/get-by-uploader", [](Request& request) {
    Response response;
    response.body = request.path_params.at("userid");
    return response;
  });
  auto request = make_request("GET", "/v2/video/abc123/get-by-uploader");
  const auto response = router.dispatch(request);
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.body, "abc123");
  ASSERT_EQ(request.path_params.size(), 1u);
}

TEST(RouterTest, SeveralCaptures) {
  Router router;
  router.add({"GET"}, "/u/{user}/c/{channel}", [](Request& request) {
    Response response;
    response.body = request.path_params.at("user") + "|" + request.path_params.at("channel");
    return response;
  });
  auto request = make_request("GET", "/u/x/c/42");
  EXPECT_EQ(router.dispatch(request).body, "x|42");
}

TEST(RouterTest, CaptureIsPercentDecoded) {
  Router router;
  router.add({"GET"}, "/u/{name}", echo_param("name"));
  auto utf8 = make_request("GET", "/u/%E4%B8%AD%e6%96%87");
  EXPECT_EQ(router.dispatch(utf8).body, "\xE4\xB8\xAD\xE6\x96\x87");
  auto slash = make_request("GET", "/u/a%2Fb");  // an encoded '/' stays inside the segment
  EXPECT_EQ(router.dispatch(slash).body, "a/b");
  auto plus = make_request("GET", "/u/a+b%20c");  // '+' is not a space in a path
  EXPECT_EQ(router.dispatch(plus).body, "a+b c");
}

TEST(RouterTest, InvalidPercentEncodingInCaptureIsNotFound) {
  Router router;
  router.add({"GET"}, "/u/{name}", echo_param("name"));
  for (const char* path : {"/u/%zz", "/u/abc%4", "/u/%", "/u/%4g"}) {
    auto request = make_request("GET", path);
    EXPECT_EQ(router.dispatch(request).status, 404u) << path;
  }
}

TEST(RouterTest, LiteralSegmentsAreMatchedEncoded) {
  Router router;
  router.add({"GET"}, "/video/list", answer("list"));
  auto request = make_request("GET", "/video/%6Cist");
  EXPECT_EQ(router.dispatch(request).status, 404u);
}

TEST(RouterTest, EmptyCaptureDoesNotMatch) {
  Router router;
  router.add({"GET"}, "/u/{name}/x", echo_param("name"));
  auto request = make_request("GET", "/u//x");
  EXPECT_EQ(router.dispatch(request).status, 404u);
}

TEST(RouterTest, UnknownPathIsNotFound) {
  Router router;
  router.add({"GET"}, "/a", answer("a"));
  for (const char* path : {"/b", "/a/", "/a/b", "", "a", "*", "/A"}) {
    auto request = make_request("GET", path);
    const auto response = router.dispatch(request);
    EXPECT_EQ(response.status, 404u) << path;
    EXPECT_EQ(response.body, R"({"error":"not found"})");
    EXPECT_EQ(response.content_type, "application/json;charset=UTF-8");
  }
}

TEST(RouterTest, OtherMethodIsMethodNotAllowedWithAllow) {
  Router router;
  router.add({"GET"}, "/a", answer("get"));
  router.add({"POST", "GET"}, "/{x}", answer("post"));
  router.add({"PUT"}, "/b", answer("put"));
  auto request = make_request("DELETE", "/a");
  const auto response = router.dispatch(request);
  EXPECT_EQ(response.status, 405u);
  EXPECT_EQ(response.body, R"({"error":"method not allowed"})");
  EXPECT_EQ(allow_header(response), "GET, POST");
}

TEST(RouterTest, MethodsAreCaseSensitiveAndHeadIsNotImplied) {
  Router router;
  router.add({"GET"}, "/a", answer("get"));
  auto lower = make_request("get", "/a");
  EXPECT_EQ(router.dispatch(lower).status, 405u);
  auto head = make_request("HEAD", "/a");
  EXPECT_EQ(router.dispatch(head).status, 405u);
}

TEST(RouterTest, SameRouteSeveralMethods) {
  Router router;
  router.add({"GET", "POST"}, "/a", [](Request& request) {
    Response response;
    response.body = request.method;
    return response;
  });
  auto get = make_request("GET", "/a");
  auto post = make_request("POST", "/a");
  EXPECT_EQ(router.dispatch(get).body, "GET");
  EXPECT_EQ(router.dispatch(post).body, "POST");
}

TEST(RouterTest, LiteralBeatsCaptureWhateverTheOrder) {
  Router router;
  router.add({"GET"}, "/v/{id}", answer("capture"));
  router.add({"GET"}, "/v/list", answer("literal"));
  router.add({"GET"}, "/{a}/{b}/x", answer("first"));
  router.add({"GET"}, "/{a}/{b}/x", answer("second"));
  auto literal = make_request("GET", "/v/list");
  EXPECT_EQ(router.dispatch(literal).body, "literal");
  auto capture = make_request("GET", "/v/other");
  EXPECT_EQ(router.dispatch(capture).body, "capture");
  auto tie = make_request("GET", "/p/q/x");
  EXPECT_EQ(router.dispatch(tie).body, "first");
}

TEST(RouterTest, MethodChoosesAmongMatchingRoutes) {
  Router router;
  router.add({"GET"}, "/v/list", answer("literal-get"));
  router.add({"POST"}, "/v/{id}", answer("capture-post"));
  auto post = make_request("POST", "/v/list");
  EXPECT_EQ(router.dispatch(post).body, "capture-post");
}

TEST(RouterTest, PathParamsAreReplaced) {
  Router router;
  router.add({"GET"}, "/u/{name}", echo_param("name"));
  auto request = make_request("GET", "/u/new");
  request.path_params["stale"] = "old";
  router.dispatch(request);
  ASSERT_EQ(request.path_params.size(), 1u);
  EXPECT_EQ(request.path_params.at("name"), "new");
}

TEST(RouterTest, RefusesBadRoutesAtStartUp) {
  Router router;
  EXPECT_THROW(router.add({"GET"}, "no-slash", answer("x")), std::invalid_argument);
  EXPECT_THROW(router.add({}, "/x", answer("x")), std::invalid_argument);
  EXPECT_THROW(router.add({"GET"}, "/x", Handler{}), std::invalid_argument);
}

// A server that starts requests on its io thread (Request::may_defer) gets a route that cannot
// run there as a deferred answer, which runs the handler on a handler thread; a route that can
// is called at once.
class InlineServices final : public DeferredServices {
 public:
  int offloaded = 0;
  void offload(std::function<void()> job, std::function<void(bool)> then) override {
    ++offloaded;
    job();
    then(true);
  }
};

TEST(RouterTest, WithMayDeferOnlyInlineRoutesAreCalledAtOnce) {
  Router router;
  int blocking_calls = 0;
  bool called_with_may_defer = false;
  router.add({"GET"}, "/blocking/{id}", [&](Request& request) {
    ++blocking_calls;
    called_with_may_defer = called_with_may_defer || request.may_defer;
    Response response;
    response.body = "blocking " + request.path_params.at("id");
    return response;
  });
  router.add({"GET"}, "/inline", answer("inline"), true);

  auto request = make_request("GET", "/blocking/7");
  request.may_defer = true;
  const auto placeholder = router.dispatch(request);
  EXPECT_EQ(blocking_calls, 0);
  ASSERT_NE(placeholder.deferred, nullptr);
  EXPECT_EQ(placeholder.route, "/blocking/{id}");
  InlineServices services;
  std::optional<DeferredResult> result;
  placeholder.deferred->start(request, services,
                              [&](DeferredResult done) { result = std::move(done); });
  ASSERT_TRUE(result.has_value());
  ASSERT_TRUE(result->response.has_value());
  EXPECT_EQ(result->response->body, "blocking 7");
  EXPECT_EQ(services.offloaded, 1);
  EXPECT_EQ(blocking_calls, 1);
  // On the handler thread it is not an inline start: a pipeline there must answer, not defer.
  EXPECT_FALSE(called_with_may_defer);

  auto at_once = make_request("GET", "/inline");
  at_once.may_defer = true;
  const auto direct = router.dispatch(at_once);
  EXPECT_EQ(direct.deferred, nullptr);
  EXPECT_EQ(direct.body, "inline");

  // Without may_defer every route is called at once, as before.
  auto plain = make_request("GET", "/blocking/8");
  EXPECT_EQ(router.dispatch(plain).body, "blocking 8");
  EXPECT_EQ(blocking_calls, 2);
}

TEST(RouterTest, ADeferredHandlersExceptionIsItsResult) {
  Router router;
  router.add({"GET"}, "/fails", [](Request&) -> Response { throw std::runtime_error("boom"); });
  auto request = make_request("GET", "/fails");
  request.may_defer = true;
  const auto placeholder = router.dispatch(request);
  ASSERT_NE(placeholder.deferred, nullptr);
  InlineServices services;
  std::optional<DeferredResult> result;
  placeholder.deferred->start(request, services,
                              [&](DeferredResult done) { result = std::move(done); });
  ASSERT_TRUE(result.has_value());
  EXPECT_FALSE(result->response.has_value());
  EXPECT_NE(result->failure, nullptr);
}

}  // namespace
}  // namespace mediagate::http
