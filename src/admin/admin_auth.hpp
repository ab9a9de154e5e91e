// The admin API's credential: `Authorization: Bearer <token>`, compared in constant time.
// The token is never logged; only the outcome is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/expected.hpp"

namespace mediagate::admin {

enum class AuthOutcome {
  kAllowed,
  kMissing,      // no Authorization header
  kWrongScheme,  // not "Bearer <token>"
  kWrongToken,
};

// `authorization` is the header's value (empty when absent). The scheme is case-insensitive
// (RFC 9110); exactly one space separates it from the token, which must be the whole rest.
AuthOutcome check_bearer(std::string_view authorization, std::string_view token);

struct AuthFailureSettings {
  std::int64_t max_failures = 10;  // failures allowed per window; the next one starts a block
  std::int64_t window_ms = 60'000;
  std::int64_t block_ms = 60'000;
};

// Failed authentications per client address. A window opens at an address's first failure
// (or the first after the previous window ended) and lasts window_ms; the failure after
// max_failures within it blocks the address for block_ms, during which every request from it
// is refused, the right token included (else a guesser would learn the token by the answer
// changing). Thread-safe. Memory is bounded: at max_addresses, addresses whose window and
// block have ended are dropped; if none has, a new address is not tracked (fail open, as the
// vendors' rate limiter does: a flood of addresses must not lock out the operator).
class AuthFailureLimiter {
 public:
  explicit AuthFailureLimiter(AuthFailureSettings settings, std::size_t max_addresses = 65'536);

  // When `address`'s block ends, if it is blocked at `now`.
  std::optional<core::EpochMs> blocked_until(std::string_view address, core::EpochMs now) const;
  // Counts a failure of `address` at `now`; when this failure starts a block, when it ends.
  std::optional<core::EpochMs> failed(std::string_view address, core::EpochMs now);
  // Addresses tracked (for tests).
  std::size_t size() const;

 private:
  struct Entry {
    core::EpochMs window_start = 0;
    std::int64_t failures = 0;
    core::EpochMs blocked_until = 0;  // 0: not blocked
  };
  void sweep(core::EpochMs now);

  AuthFailureSettings settings_;
  std::size_t max_addresses_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

// Where the token comes from: the file `token_file` when set (its content without the trailing
// line break; unreadable or empty is an error), else `environment_value` (MEDIAGATE_ADMIN_TOKEN;
// unset or empty: no token, and the admin listener is not started).
core::Expected<std::optional<std::string>, std::string> resolve_admin_token(
    const std::string& token_file, const std::optional<std::string>& environment_value);

}  // namespace mediagate::admin
