// Message digests, HMAC and the text encodings the vendors put signatures in.
// Digests return raw bytes; hex_upper/hex_lower/base64_encode turn them into wire text.
#pragma once

#include <string>
#include <string_view>

namespace mediagate::auth {

// Raw digests of `data` (16, 20 and 32 bytes).
std::string md5(std::string_view data);
std::string sha1(std::string_view data);
std::string sha256(std::string_view data);

// Raw HMAC-SHA1 (20 bytes) of `message` under `key`. Each thread keeps the padded-key state of
// the last key it was given (cleansed when replaced and at the thread's end).
std::string hmac_sha1(std::string_view key, std::string_view message);

// Hexadecimal, two characters per byte.
std::string hex_upper(std::string_view bytes);
std::string hex_lower(std::string_view bytes);

// Standard Base64 alphabet (RFC 4648 §4), '=' padded.
std::string base64_encode(std::string_view bytes);

// Whether every algorithm above gives its known answers (a self-test). The digests are
// libcrypto's own low-level implementations, called without its providers: a FIPS-only
// provider configuration neither removes nor governs them (the vendors' rules need MD5 and
// SHA-1 whatever the configuration), and an OpenSSL built with no-deprecated lacks them
// (Debian's has them). The functions above stop the process rather than return a bogus value
// that a signature check could be compared against.
bool digests_available();

}  // namespace mediagate::auth
