// A NonceSource that returns what the test says, for pinned requests.
#pragma once

#include <string>

#include "client/nonce_source.hpp"

namespace mediagate::client::testing {

class FixedNonces final : public NonceSource {
 public:
  explicit FixedNonces(std::string nonce = "AbCdE12345",
                       std::string uuid = "3f2504e0-4f89-41d3-9a0c-0305e82c3301")
      : nonce_(std::move(nonce)), uuid_(std::move(uuid)) {}
  std::string alphanumeric(std::size_t length) override { return nonce_.substr(0, length); }
  std::string uuid() override { return uuid_; }

 private:
  std::string nonce_;
  std::string uuid_;
};

}  // namespace mediagate::client::testing
