// Every vendor endpoint the client SDK knows, as its vendor module describes it
// (client/vendor_descriptor.hpp): what `mediagate sign` and `mediagate call` loop over. Part of
// the client-side library (mediagate_vendor_clients), not of the server's modules.cpp.
#pragma once

#include <span>
#include <string_view>

#include "client/vendor_descriptor.hpp"

namespace mediagate::vendors {

// In the order `--vendor` lists them: polyv-vod, polyv-live, polyv-live-info, polyv-group,
// iqiyi, pumpkin.
std::span<const client::VendorDescriptor* const> client_descriptors();

// The descriptor named `name` ("polyv-vod", ...); nullptr when there is none.
const client::VendorDescriptor* parse_vendor(std::string_view name);

}  // namespace mediagate::vendors
