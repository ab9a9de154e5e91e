// The randomness the SDK puts into requests: the nonces and UUIDs a vendor's descriptor
// generates (VendorDescriptor::fill_generated). Injectable, like the clock, so that tests can pin
// it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>

namespace mediagate::client {

class NonceSource {
 public:
  virtual ~NonceSource() = default;
  // `length` characters from [A-Za-z0-9].
  virtual std::string alphanumeric(std::size_t length) = 0;
  // A random (version 4) UUID: 36 lowercase characters, 8-4-4-4-12.
  virtual std::string uuid() = 0;
};

// Seeded once from std::random_device. Nonces must be unique, not secret: a generator seeded
// with 128 random bits is enough. Not thread-safe (like the clients that own one).
class RandomNonceSource final : public NonceSource {
 public:
  RandomNonceSource();
  std::string alphanumeric(std::size_t length) override;
  std::string uuid() override;

 private:
  std::mt19937_64 engine_;
};

}  // namespace mediagate::client
