// What of a request's parameters the journal may keep. Masked, whatever the vendor:
//   - the signature parameter (its name given by the caller, auth::kSignParam): the value is
//     replaced entirely;
//   - any parameter whose name contains "secret" or "password" (any case): replaced entirely;
//   - any parameter whose name contains "token" (any case): its first 4 bytes are kept when it
//     is longer than 12 bytes (enough to tell two tokens apart), the rest replaced.
// A masked value ends in kMaskedValue; the curl command puts a shell variable in its place.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/params.hpp"
#include "observe/journal_entry.hpp"

namespace mediagate::observe {

inline constexpr std::string_view kMaskedValue = "***";

// A value as the journal keeps it, without copying: `kept` (a prefix of the value, or all of
// it), followed by kMaskedValue when `masked`.
struct MaskedText {
  std::string_view kept;
  bool masked = false;
};
MaskedText mask_value(std::string_view name, std::string_view value,
                      std::string_view signature_name);

// The parameter as the journal keeps it.
JournalParameter masked_parameter(std::string_view name, std::string_view value,
                                  std::string_view signature_name);

// Every parameter of `params`, masked, in name order.
std::vector<JournalParameter> masked_parameters(const core::ParamMap& params,
                                                std::string_view signature_name);

}  // namespace mediagate::observe
