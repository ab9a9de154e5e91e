#include "auth/constant_time.hpp"

#include <openssl/crypto.h>

namespace mediagate::auth {

bool constant_time_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool signature_matches(std::string_view expected, std::string_view received) {
  if (expected.empty() || received.empty()) return false;
  return constant_time_equals(expected, received);
}

}  // namespace mediagate::auth
