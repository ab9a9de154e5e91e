// How the Redis backends name keys and write instants.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace mediagate::shared_state {

// An instant as 20 decimal digits whose byte order is the instants' order (the int64 with its
// sign bit flipped, zero-padded): Lua compares these strings exactly, where its doubles would
// round instants beyond 2^53.
std::string encode_instant(core::EpochMs instant);

// a + b, saturating at the int64 limits.
core::EpochMs add_saturating(core::EpochMs a, std::int64_t b);

// The time-to-live Redis keeps a key for, so that memory is reclaimed: the logical lifetime
// (`until - now`, by the injected clock) plus a margin, at least 1 ms and at most ~35 years.
// The scripts never rely on it for correctness: they compare the stored instants with `now`.
std::int64_t ttl_ms(core::EpochMs now, core::EpochMs until);

// "<prefix><kind>:<length of part>:<part><rest>": unambiguous whatever bytes the parts hold.
std::string make_key(std::string_view prefix, std::string_view kind, std::string_view part,
                     std::string_view rest);

}  // namespace mediagate::shared_state
