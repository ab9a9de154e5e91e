// The SDK's Pumpkin Movie endpoint, GET /media/offline_sync (vendor-spec §1): `mediagate
// sign/call --vendor pumpkin`; timestamp, signature_nonce, format, version and action generated
// (as the vendor's demo sends them); the HMAC-SHA1 rule of pumpkin_signer over the server's
// fixed set, which signs the path as `action` (`mediagate sign --path/--sign-all`).
#pragma once

#include <string_view>

#include "client/vendor_descriptor.hpp"

namespace mediagate::vendors::pumpkin {

// The endpoint's path, signed as `action`.
inline constexpr std::string_view kPumpkinPath = "/media/offline_sync";

// Pumpkin's production host is not public (ask the vendor): no default_base_url.
const client::VendorDescriptor& pumpkin_descriptor();

}  // namespace mediagate::vendors::pumpkin
