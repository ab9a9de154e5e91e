// The client's address behind trusted reverse proxies (X-Forwarded-For). Vendor-agnostic and
// pure: the server parses the configured list once at start-up and asks it once per request.
//
// Rule: the socket peer's own address is the client unless the peer is a trusted proxy. If it
// is, the X-Forwarded-For values (all header lines, in order, joined as one comma-separated
// list) are walked from right to left, skipping addresses that are themselves trusted; the
// first untrusted address is the client. If every address is trusted, the left-most one is
// the client. An entry that is not an IP literal (e.g. "unknown", "1.2.3.4:80", "[::1]") stops
// the walk: the last good address seen (a trusted proxy), or the peer if none, is the client,
// so a garbled header never lets a caller choose its address. Empty entries are skipped.
// IPv4-mapped IPv6 addresses (::ffff:1.2.3.4) are treated as their IPv4 address, so that a
// trusted 127.0.0.1 matches a peer on a dual-stack socket.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.hpp"

namespace mediagate::http {

class TrustedProxies {
 public:
  // Each entry is an IPv4 or IPv6 address or a CIDR range ("10.0.0.0/8", "fd00::/8");
  // surrounding spaces are ignored. Host bits beyond the prefix are ignored ("10.1.2.3/8" is
  // 10.0.0.0/8). The error names the first bad entry.
  static core::Expected<TrustedProxies, std::string> parse(const std::vector<std::string>& list);

  bool empty() const { return ranges_.empty(); }
  // Whether `address` (an IP literal) is in one of the ranges; false for anything else.
  bool contains(std::string_view address) const;

  // The client's address for a request from socket peer `peer` (an IP literal) carrying these
  // X-Forwarded-For header values (one per header line, in order). With no trusted proxies,
  // or an untrusted peer, this is `peer` unchanged; otherwise an address in normal form.
  std::string client_address(std::string_view peer,
                             const std::vector<std::string_view>& x_forwarded_for) const;

  struct Range {
    bool v6 = false;
    std::array<std::uint8_t, 16> bytes{};  // IPv4: the first 4
    unsigned prefix = 0;                   // bits
  };

 private:
  std::vector<Range> ranges_;
};

}  // namespace mediagate::http
