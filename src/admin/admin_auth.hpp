// The admin API's credential: `Authorization: Bearer <token>`, compared in constant time.
// The token is never logged; only the outcome is.
#pragma once

#include <optional>
#include <string>
#include <string_view>

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

// Where the token comes from: the file `token_file` when set (its content without the trailing
// line break; unreadable or empty is an error), else `environment_value` (MEDIAGATE_ADMIN_TOKEN;
// unset or empty: no token, and the admin listener is not started).
core::Expected<std::optional<std::string>, std::string> resolve_admin_token(
    const std::string& token_file, const std::optional<std::string>& environment_value);

}  // namespace mediagate::admin
