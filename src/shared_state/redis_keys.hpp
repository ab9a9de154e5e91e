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

// An instant as a replay key's value: plain decimal digits in [0, 2^53) (every real clock's
// range; Redis then keeps the value as an integer inside the key's object, 32 bytes less than
// a string), else encode_instant's 20 digits. The replay script compares either form exactly.
std::string encode_stored_instant(core::EpochMs instant);

// a + b, saturating at the int64 limits.
core::EpochMs add_saturating(core::EpochMs a, std::int64_t b);

// The time-to-live Redis keeps a key for, so that memory is reclaimed: the logical lifetime
// (`until - now`, by the injected clock) plus a margin, at least 1 ms and at most ~35 years.
// The scripts never rely on it for correctness: they compare the stored instants with `now`.
std::int64_t ttl_ms(core::EpochMs now, core::EpochMs until);

// The key of a replay pair: "<prefix>r:" and 22 characters, the base64url (RFC 4648 §5, no
// padding) of the first 16 bytes of SHA-256(8-byte little-endian length of scope, scope,
// token). Fixed length whatever the token (148 bytes of Redis memory per key with the default
// prefix, docs/operations.md), the same on every instance; unkeyed, but finding two pairs with
// one key is a 2^64 search, and hitting another client's pair a 2^128 one.
std::string replay_key(std::string_view prefix, std::string_view scope, std::string_view token);

// "<prefix><kind>:<length of part>:<part><rest>": unambiguous whatever bytes the parts hold.
std::string make_key(std::string_view prefix, std::string_view kind, std::string_view part,
                     std::string_view rest);

}  // namespace mediagate::shared_state
