// The vendors `mediagate sign` and `mediagate call` know (vendors::client_descriptors()), as the
// texts of those commands name them: in a usage line ("a | b | c") or an error ("for a only").
#pragma once

#include <string>
#include <string_view>

#include "client/vendor_descriptor.hpp"

namespace mediagate::cli {

// The names of the descriptors `holds` is true of (every one without a predicate), in the
// registry's order, joined with `separator`.
std::string vendor_names(std::string_view separator,
                         bool (*holds)(const client::VendorDescriptor&) = nullptr);

// Replaces "{vendors}" in `text` by vendor_names(" | ").
std::string with_vendor_list(std::string_view text);

}  // namespace mediagate::cli
