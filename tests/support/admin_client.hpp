// A client of the admin listener for integration tests, and the check of an admin error body.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

#include "client/http_client.hpp"
#include "support/test_server.hpp"

namespace mediagate::testing {

constexpr const char* kToken = "admin-token-for-tests-0123456789";

namespace json = boost::json;

// Requests to the admin listener with a bearer token (or any Authorization value given).
class AdminClient {
 public:
  explicit AdminClient(const TestServer& server,
                       std::string authorization = std::string("Bearer ") + kToken)
      : AdminClient(server.admin_port(), std::move(authorization)) {}
  // The admin listener on 127.0.0.1:`port` (e.g. of a `mediagate serve` child process).
  explicit AdminClient(unsigned short port,
                       std::string authorization = std::string("Bearer ") + kToken)
      : client_("127.0.0.1", port), authorization_(std::move(authorization)) {}

  client::ClientResponse send(std::string_view method, std::string_view path,
                              std::string_view body = {}) {
    client::HeaderList headers;
    if (!authorization_.empty()) headers.emplace_back("Authorization", authorization_);
    auto response = client_.request(method, "/admin/v1" + std::string(path), body,
                                    body.empty() ? "" : "application/json", headers);
    if (!response)
      throw std::runtime_error(std::string(method) + " " + std::string(path) + ": " +
                               response.error());
    return std::move(response).value();
  }
  client::ClientResponse get(std::string_view path) { return send("GET", path); }
  client::ClientResponse post(std::string_view path, std::string_view body) {
    return send("POST", path, body);
  }
  client::ClientResponse put(std::string_view path, std::string_view body) {
    return send("PUT", path, body);
  }
  client::ClientResponse del(std::string_view path) { return send("DELETE", path); }

 private:
  client::HttpClient client_;
  std::string authorization_;
};

inline json::value parsed(const client::ClientResponse& response) {
  return json::parse(response.body);
}

// An admin error: its status, code and field (null when `field` is empty).
inline void expect_error(const client::ClientResponse& response, unsigned status,
                         const std::string& code, const std::string& field = {}) {
  EXPECT_EQ(response.status, status) << response.body;
  const auto body = parsed(response);
  EXPECT_EQ(body.at("error").as_string(), code) << response.body;
  EXPECT_FALSE(body.at("message").as_string().empty());
  if (field.empty()) {
    EXPECT_TRUE(body.at("field").is_null()) << response.body;
  } else {
    EXPECT_EQ(body.at("field"), json::value(field)) << response.body;
  }
}

}  // namespace mediagate::testing
