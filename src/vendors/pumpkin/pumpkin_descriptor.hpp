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

// The catalogue endpoints (vendor-spec-breadth §4): the same generation and rule, each signing
// its own path (`--vendor pumpkin-media-sync`, `--vendor pumpkin-movie-sync`). The server also
// accepts a sign over every parameter sent (`mediagate sign --sign-all`), e.g. with `mode`.
inline constexpr std::string_view kPumpkinMediaSyncPath = "/media/sync";
inline constexpr std::string_view kPumpkinMovieSyncPath = "/movie/sync";

// Pumpkin's production host is not public (ask the vendor): no default_base_url.
const client::VendorDescriptor& pumpkin_descriptor();
const client::VendorDescriptor& pumpkin_media_sync_descriptor();
const client::VendorDescriptor& pumpkin_movie_sync_descriptor();

}  // namespace mediagate::vendors::pumpkin
