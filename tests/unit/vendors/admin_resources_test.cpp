// AdminApi::handle without a socket: authentication before routing, the router's own 404 and
// 405 in the admin error format, every response tagged "admin", a store failure as a 500 that
// shows nothing of the store's message (which goes to the server log), and the injected clock
// and secret source.
#include "admin/admin_api.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <memory>

#include "store/store.hpp"
#include "vendors/modules.hpp"
#include "vendors/open_store.hpp"

namespace mediagate::admin {
namespace {

namespace json = boost::json;

http::Request request(std::string method, std::string path, std::string body = {},
                      std::string authorization = "Bearer tok") {
  http::Request r;
  r.method = std::move(method);
  const auto question = path.find('?');
  r.path = path.substr(0, question);
  if (question != std::string::npos) r.query = path.substr(question + 1);
  r.body = std::move(body);
  if (!authorization.empty()) r.headers.emplace_back("authorization", std::move(authorization));
  return r;
}

class AdminApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = vendors::open_store("sqlite::memory:");
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    AdminOptions options;
    options.token = "tok";
    options.new_secret = [] { return std::string("fixed-new-secret"); };
    options.resources = vendors::admin_resources();
    api_ = std::make_unique<AdminApi>(*store_, clock_, log_, std::move(options));
  }

  http::Response call(std::string method, std::string path, std::string body = {},
                      std::string authorization = "Bearer tok") {
    auto r = request(std::move(method), std::move(path), std::move(body), std::move(authorization));
    return api_->handle(r);
  }

  core::ManualClock clock_{1'700'000'000'000};
  core::Logger log_{nullptr, clock_};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<AdminApi> api_;
};

TEST_F(AdminApiTest, AuthenticatesBeforeRouting) {
  for (const auto& response : {call("GET", "/admin/v1/none", {}, ""),
                               call("GET", "/admin/v1/polyv/accounts", {}, "Bearer nope")}) {
    EXPECT_EQ(response.status, 401u);
    EXPECT_EQ(response.log_vendor, "admin");
    EXPECT_EQ(json::parse(response.body).at("error"), json::value("unauthorized"));
  }
}

TEST_F(AdminApiTest, RouterAnswersInTheAdminFormat) {
  const auto missing = call("GET", "/admin/v1/none");
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(missing.body,
            R"({"error":"not_found","message":"no such admin resource","field":null})");
  EXPECT_EQ(missing.log_vendor, "admin");
  const auto wrong = call("DELETE", "/admin/v1/export");
  EXPECT_EQ(wrong.status, 405u);
  ASSERT_EQ(wrong.headers.size(), 1u);
  EXPECT_EQ(wrong.headers[0].second, "GET");
}

TEST_F(AdminApiTest, CreatedThenNoContentAndTagged) {
  const auto created =
      call("POST", "/admin/v1/pumpkin/media", R"({"movie_id":1,"movie_name":"m"})");
  EXPECT_EQ(created.status, 201u);
  EXPECT_EQ(created.log_vendor, "admin");
  ASSERT_EQ(created.headers.size(), 1u);
  EXPECT_EQ(created.headers[0],
            (std::pair<std::string, std::string>{"Location", "/admin/v1/pumpkin/media/1"}));
  const auto deleted = call("DELETE", "/admin/v1/pumpkin/media/1");
  EXPECT_EQ(deleted.status, 204u);
  EXPECT_TRUE(deleted.body.empty());
  EXPECT_TRUE(deleted.content_type.empty());
}

TEST_F(AdminApiTest, OfflineDefaultsToTheClockAndRotateUsesTheSecretSource) {
  ASSERT_EQ(call("POST", "/admin/v1/pumpkin/media", R"({"movie_id":1,"movie_name":"m"})").status,
            201u);
  clock_.set(1'600'000'000'000);  // 2020-09-13 20:26:40 UTC+8
  EXPECT_EQ(call("POST", "/admin/v1/pumpkin/media/1/offline").body,
            R"({"movie_id":1,"movie_name":"m","delete_time":"2020-09-13 20:26:40"})");
  ASSERT_EQ(call("POST", "/admin/v1/pumpkin/partners", R"({"pid":"p","accessSecret":"s"})").status,
            201u);
  EXPECT_EQ(call("POST", "/admin/v1/pumpkin/partners/p/rotate-secret").body,
            R"({"pid":"p","accessSecret":"fixed-new-secret"})");
}

// A store without entity access: every transaction fails with this message.
class BrokenStore final : public store::Store {
 public:
  template <class T>
  static store::StoreResult<T> broken() {
    return core::unexpected(core::Error::store("disk on fire at /secret/path"));
  }
  store::StoreResult<bool> transact(
      const std::function<store::StoreResult<store::Outcome>(store::EntityStore&)>&) override {
    return broken<bool>();
  }
  store::StoreResult<core::Ok> snapshot(
      const std::function<store::StoreResult<core::Ok>(store::EntityStore&)>&) override {
    return broken<core::Ok>();
  }
};

TEST(AdminApiStoreFailure, Is500WithoutTheStoresMessageWhichIsLogged) {
  core::ManualClock clock(0);
  std::FILE* sink = std::tmpfile();
  ASSERT_NE(sink, nullptr);
  core::Logger log(sink, clock);
  BrokenStore store;
  AdminOptions options;
  options.token = "tok";
  options.resources = vendors::admin_resources();
  AdminApi api(store, clock, log, std::move(options));
  for (auto r :
       {request("GET", "/admin/v1/polyv/accounts"), request("DELETE", "/admin/v1/pumpkin/media/1"),
        request("GET", "/admin/v1/export")}) {
    const auto response = api.handle(r);
    EXPECT_EQ(response.status, 500u);
    EXPECT_EQ(json::parse(response.body).at("error"), json::value("store_error"));
    EXPECT_EQ(response.body.find("fire"), std::string::npos);
  }
  std::fflush(sink);
  std::rewind(sink);
  std::string logged(4096, '\0');
  logged.resize(std::fread(logged.data(), 1, logged.size(), sink));
  std::fclose(sink);
  EXPECT_NE(logged.find("disk on fire"), std::string::npos);
  EXPECT_EQ(logged.find("tok"), std::string::npos);
}

}  // namespace
}  // namespace mediagate::admin
