// The server's TLS configuration (internal to src/http): an OpenSSL context built from
// core::TlsSettings, as docs/operations.md "HTTPS" describes: TLS 1.2 and 1.3 only, Mozilla's
// "intermediate" cipher list for TLS 1.2 (ECDHE with AES-GCM or ChaCha20-Poly1305), ALPN
// http/1.1, a session cache and tickets for resumption, the certificate file read as a chain.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <boost/asio/ssl/context.hpp>

#include "core/config.hpp"
#include "core/expected.hpp"

namespace mediagate::http {

// A context for one generation of the certificate and key. The error names the file and what
// is wrong with it (unreadable, not PEM, key does not match the certificate), never the key.
core::Expected<std::shared_ptr<boost::asio::ssl::context>, std::string> make_server_tls_context(
    const core::TlsSettings& settings);

// A warning when the key file can be read by its group or by others; nothing otherwise.
std::optional<std::string> key_file_permission_warning(const std::string& key_file);

}  // namespace mediagate::http
