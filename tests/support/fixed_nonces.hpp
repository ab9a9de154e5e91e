// A client::NonceSource that always answers the same nonce and UUID: requests can be pinned
// (golden wire tests) and a second call is a replay (the servers' replay guards).
// Header-only, so that unit and integration tests can both use it.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include "client/nonce_source.hpp"

namespace mediagate::testing {

class FixedNonces final : public client::NonceSource {
 public:
  explicit FixedNonces(std::string nonce = "AbCdE12345",
                       std::string uuid = "3f2504e0-4f89-41d3-9a0c-0305e82c3301")
      : nonce_(std::move(nonce)), uuid_(std::move(uuid)) {}

  // The nonce as given, whatever length is asked: a test may also send a nonce of another
  // length than the SDK's own (the server accepts those).
  std::string alphanumeric(std::size_t /*length*/) override { return nonce_; }
  std::string uuid() override { return uuid_; }

 private:
  std::string nonce_;
  std::string uuid_;
};

}  // namespace mediagate::testing
