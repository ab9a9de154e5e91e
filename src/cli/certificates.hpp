// Local certificates for HTTPS in development and the sandbox (`mediagate cert`): a private CA,
// made once and reused, and a server certificate it signs for the loopback names and any
// host named. EC P-256 keys (cheap handshakes), SHA-256 signatures, keys written mode 0600.
// Not for production: a public CA (e.g. ACME) issues those.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/expected.hpp"

namespace mediagate::cli {

struct CertificateOptions {
  // The names and addresses the server certificate is valid for, besides the loopback ones
  // (localhost, 127.0.0.1, ::1) unless include_loopback is false. A host is a DNS name (a
  // leading "*." allowed) or an IPv4/IPv6 address.
  std::vector<std::string> hosts;
  bool include_loopback = true;
  // Validity of the server certificate: from now + starts_in_seconds (negative: in the past,
  // e.g. to tolerate clock skew, or to make an expired certificate for a test) for
  // valid_seconds. 397 days is the most browsers accept.
  std::int64_t starts_in_seconds = -3600;
  std::int64_t valid_seconds = 397LL * 24 * 3600;
  // Sign the server certificate with an intermediate CA (itself signed by the CA) and write the
  // chain, leaf then intermediate, to server.pem.
  bool with_intermediate = false;
};

struct CertificateFiles {
  std::string ca_cert;      // DIR/ca.pem: what clients trust (--cacert)
  std::string ca_key;       // DIR/ca.key (0600)
  std::string server_cert;  // DIR/server.pem (the chain: --tls-cert)
  std::string server_key;   // DIR/server.key (0600: --tls-key)
  bool ca_reused = false;   // ca.pem and ca.key were already in DIR
};

// Creates `dir` if needed, the CA unless DIR has ca.pem and ca.key (then reused), and a new
// server certificate and key. The error is a sentence naming the file or host at fault.
core::Expected<CertificateFiles, std::string> make_certificates(const std::string& dir,
                                                                const CertificateOptions& options);

}  // namespace mediagate::cli
