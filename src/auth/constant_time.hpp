// Comparing secrets and signatures without leaking, through timing, how much of them matched.
#pragma once

#include <string_view>

namespace mediagate::auth {

// True if `a` and `b` hold the same bytes. The time taken depends on the lengths only, never
// on the contents (CRYPTO_memcmp); a length mismatch returns false at once.
bool constant_time_equals(std::string_view a, std::string_view b);

// A received signature against the expected one: constant-time, case-sensitive (the hex case
// and the Base64 alphabet must be the vendor's), and never a match when either is empty.
bool signature_matches(std::string_view expected, std::string_view received);

}  // namespace mediagate::auth
