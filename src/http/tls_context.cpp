#include "http/tls_context.hpp"

#include <sys/stat.h>

#include <array>
#include <cstdio>
#include <string_view>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace mediagate::http {

namespace ssl = boost::asio::ssl;

namespace {

// Mozilla's "intermediate" configuration (v5.7) for TLS 1.2, without the DHE suites (no DH
// parameters are configured); TLS 1.3 keeps OpenSSL's suites, which are that list's.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
constexpr const char* kGroups = "X25519:prime256v1:secp384r1";
// Tells sessions of this server apart from any other's in a shared cache.
constexpr std::string_view kSessionContext = "mediagate";

// OpenSSL's queued errors, oldest (the cause) first, as text; the queue is cleared. They name
// files and parse failures, never key material.
std::string openssl_error() {
  std::string out;
  for (unsigned long code = ERR_get_error(); code != 0; code = ERR_get_error()) {
    std::array<char, 256> text{};
    ERR_error_string_n(code, text.data(), text.size());
    if (!out.empty()) out += "; ";
    out += text.data();
  }
  return out.empty() ? std::string("unknown error") : out;
}

// ALPN: http/1.1 when the client offers it; otherwise no protocol is selected (the client may
// still speak HTTP/1.1, as before ALPN).
int select_alpn(SSL* /*ssl*/, const unsigned char** out, unsigned char* out_length,
                const unsigned char* in, unsigned int in_length, void* /*arg*/) {
  static constexpr unsigned char kHttp11[] = {8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
  unsigned char* selected = nullptr;
  if (SSL_select_next_proto(&selected, out_length, kHttp11, sizeof(kHttp11), in, in_length) !=
      OPENSSL_NPN_NEGOTIATED) {
    return SSL_TLSEXT_ERR_NOACK;
  }
  *out = selected;
  return SSL_TLSEXT_ERR_OK;
}

}  // namespace

core::Expected<std::shared_ptr<ssl::context>, std::string> make_server_tls_context(
    const core::TlsSettings& settings) {
  ERR_clear_error();
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX* ctx = context->native_handle();
  if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1 ||
      SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION) != 1 ||
      SSL_CTX_set_cipher_list(ctx, kTls12Ciphers) != 1 ||
      SSL_CTX_set1_groups_list(ctx, kGroups) != 1) {
    return core::unexpected("TLS: cannot configure the protocol: " + openssl_error());
  }
  // Mozilla's intermediate profile lets the client's order of ciphers win (all are strong).
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
  SSL_CTX_set_alpn_select_cb(ctx, select_alpn, nullptr);
  SSL_CTX_set_session_id_context(ctx,
                                 reinterpret_cast<const unsigned char*>(kSessionContext.data()),
                                 static_cast<unsigned int>(kSessionContext.size()));
  SSL_CTX_set_session_cache_mode(
      ctx, settings.session_cache_size > 0 ? SSL_SESS_CACHE_SERVER : SSL_SESS_CACHE_OFF);
  SSL_CTX_sess_set_cache_size(ctx, settings.session_cache_size);
  if (SSL_CTX_use_certificate_chain_file(ctx, settings.cert_file.c_str()) != 1) {
    return core::unexpected("TLS: cannot use the certificate file " + settings.cert_file + ": " +
                            openssl_error());
  }
  if (SSL_CTX_use_PrivateKey_file(ctx, settings.key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
    if (ERR_GET_REASON(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH) {
      ERR_clear_error();
      return core::unexpected("TLS: the key in " + settings.key_file +
                              " does not match the certificate in " + settings.cert_file);
    }
    return core::unexpected("TLS: cannot use the key file " + settings.key_file + ": " +
                            openssl_error());
  }
  if (SSL_CTX_check_private_key(ctx) != 1) {
    return core::unexpected("TLS: the key in " + settings.key_file +
                            " does not match the certificate in " + settings.cert_file);
  }
  return context;
}

std::optional<std::string> key_file_permission_warning(const std::string& key_file) {
  struct stat info {};
  if (::stat(key_file.c_str(), &info) != 0) return std::nullopt;
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) == 0) return std::nullopt;
  std::array<char, 8> mode{};
  std::snprintf(mode.data(), mode.size(), "%04o", static_cast<unsigned>(info.st_mode & 07777));
  return "TLS key file " + key_file + " can be read by its group or others (mode " +
         std::string(mode.data()) + "): chmod 600 it";
}

}  // namespace mediagate::http
