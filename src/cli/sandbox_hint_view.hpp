// What `mediagate call --explain` makes of a sandbox server's signature hints
// (src/endpoint/signature_hint.hpp, docs/sandbox.md): the X-Mediagate-Sandbox-Canonical and
// X-Mediagate-Sandbox-String-To-Sign headers of a refused signature, decoded, and where they
// first differ from the strings the client signed.
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "client/http_client.hpp"
#include "client/signed_request.hpp"

namespace mediagate::cli {

// One candidate signature the server tried: the main pair of headers, or a variant's pair
// (their names end in a suffix naming the variant, e.g. "-Without-Callback").
struct SandboxHint {
  std::string variant;  // "" for the main pair, else the header suffix (lowercase, no '-')
  // The decoded values; nothing when the header is absent. A value that is not valid
  // percent-encoding is kept as received in the raw_* member and left empty here.
  std::optional<std::string> canonical;
  std::optional<std::string> string_to_sign;
  std::string raw_canonical;
  std::string raw_string_to_sign;
};

// Plain percent-decoding, the inverse of endpoint::encode_header_value ('+' is a plus);
// nothing when an escape is malformed.
std::optional<std::string> decode_hint_value(std::string_view value);

// The hints among `headers` (names lowercased, as client::ClientResponse keeps them), the main
// pair first, then the variants in the order received. Empty when the server sent none (not a
// sandbox, or not a signature mismatch).
std::vector<SandboxHint> sandbox_hints(const client::HeaderList& headers);

// The offset of the first byte where `a` and `b` differ (the shorter one's length when one is a
// prefix of the other); nothing when they are equal.
std::optional<std::size_t> first_difference(std::string_view a, std::string_view b);

// One line comparing a string of the client with the server's:
//   "identical to the client's", or
//   "differs from the client's at byte N (from 0): client "…", server "…""
// with up to a few bytes from N of each, non-printable bytes written \xHH.
std::string describe_difference(std::string_view client, std::string_view server);

// Prints, for --explain, every hint next to the client's own strings (`steps`).
void print_sandbox_hints(std::ostream& out, const std::vector<SandboxHint>& hints,
                         const client::SignatureSteps& steps);

}  // namespace mediagate::cli
