// Parameter reading shared by the Polyv endpoints. Empty values count as absent: Polyv
// neither signs nor reads them (vendor-spec §2.3, §4.3).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/params.hpp"

namespace mediagate::vendors::polyv {

// A value made of ASCII digits only (no sign, not empty), read as an integer; values beyond
// INT64_MAX saturate to INT64_MAX (so a huge pageSize clamps and a huge timestamp is simply
// outside every window). Nothing if any character is not a digit.
std::optional<std::int64_t> saturating_digits(std::string_view text);

// The JSONP callback if `jsonp` is present and non-empty. `valid` is false for a name that is
// not a safe JavaScript identifier path (never reflected into a response).
struct JsonpParam {
  std::optional<std::string> callback;
  bool valid = true;
};
JsonpParam jsonp_param(const core::ParamMap& params, std::string_view name = "jsonp");

}  // namespace mediagate::vendors::polyv
