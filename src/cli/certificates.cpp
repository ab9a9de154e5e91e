#include "cli/certificates.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <memory>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "core/error.hpp"
#include "core/expected.hpp"

namespace mediagate::cli {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using Key = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Cert = std::unique_ptr<X509, X509Free>;
using Bio = std::unique_ptr<BIO, BioFree>;

constexpr std::int64_t kCaValidSeconds = 10LL * 365 * 24 * 3600;

std::string openssl_error() {
  std::string out;
  for (unsigned long code = ERR_get_error(); code != 0; code = ERR_get_error()) {
    std::array<char, 256> text{};
    ERR_error_string_n(code, text.data(), text.size());
    out = text.data();
  }
  return out.empty() ? std::string("unknown OpenSSL error") : out;
}

bool is_ip_address(const std::string& host) {
  std::array<unsigned char, 16> scratch{};
  return inet_pton(AF_INET, host.c_str(), scratch.data()) == 1 ||
         inet_pton(AF_INET6, host.c_str(), scratch.data()) == 1;
}

// A DNS name of letters, digits, '-' and '.', optionally starting with "*.".
bool is_dns_name(const std::string& host) {
  std::string_view rest = host;
  if (rest.substr(0, 2) == "*.") rest.remove_prefix(2);
  if (rest.empty() || rest.size() > 253 || rest.front() == '.' || rest.back() == '.') return false;
  for (const char c : rest) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

Key new_key() {
  return Key(EVP_EC_gen("P-256"));
}

bool add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
  if (extension == nullptr) return false;
  const bool added = X509_add_ext(cert, extension, -1) == 1;
  X509_EXTENSION_free(extension);
  return added;
}

// A certificate for `key` named `common_name`, signed by `issuer_key` (and issued by
// `issuer`, or self-signed when it is null).
core::Expected<Cert, std::string> issue(EVP_PKEY* key, const std::string& common_name, X509* issuer,
                                        EVP_PKEY* issuer_key, bool is_ca,
                                        const std::string& alt_names, std::int64_t starts_in,
                                        std::int64_t valid_for) {
  Cert cert(X509_new());
  if (!cert) return core::unexpected(openssl_error());
  X509_set_version(cert.get(), 2);
  std::unique_ptr<BIGNUM, decltype(&BN_free)> serial(BN_new(), BN_free);
  if (!serial || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
      BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) == nullptr) {
    return core::unexpected(openssl_error());
  }
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), static_cast<long>(starts_in));
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(starts_in + valid_for));
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("mediagate local"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509* issued_by = issuer != nullptr ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(issued_by));
  bool ok = add_extension(cert.get(), issued_by, NID_basic_constraints,
                          is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE") &&
            add_extension(cert.get(), issued_by, NID_key_usage,
                          is_ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature") &&
            add_extension(cert.get(), issued_by, NID_subject_key_identifier, "hash") &&
            add_extension(cert.get(), issued_by, NID_authority_key_identifier, "keyid:always");
  if (ok && !is_ca) {
    ok = add_extension(cert.get(), issued_by, NID_ext_key_usage, "serverAuth") &&
         add_extension(cert.get(), issued_by, NID_subject_alt_name, alt_names);
  }
  if (!ok || X509_sign(cert.get(), issuer_key, EVP_sha256()) == 0) {
    return core::unexpected(openssl_error());
  }
  return cert;
}

// Opens `path` for writing with `mode` (an existing file is truncated and given that mode).
Bio open_for_writing(const std::string& path, mode_t mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return nullptr;
  if (::fchmod(fd, mode) != 0) {
    ::close(fd);
    return nullptr;
  }
  return Bio(BIO_new_fd(fd, BIO_CLOSE));
}

core::Expected<core::Ok, std::string> write_key(const std::string& path, EVP_PKEY* key) {
  Bio bio = open_for_writing(path, 0600);
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return core::unexpected("cannot write " + path);
  }
  return core::Ok{};
}

core::Expected<core::Ok, std::string> write_certs(const std::string& path,
                                                  std::initializer_list<X509*> certs) {
  Bio bio = open_for_writing(path, 0644);
  if (!bio) return core::unexpected("cannot write " + path);
  for (X509* cert : certs) {
    if (PEM_write_bio_X509(bio.get(), cert) != 1) return core::unexpected("cannot write " + path);
  }
  return core::Ok{};
}

}  // namespace

core::Expected<CertificateFiles, std::string> make_certificates(const std::string& dir,
                                                                const CertificateOptions& options) {
  ERR_clear_error();
  std::vector<std::string> hosts;
  if (options.include_loopback) hosts = {"localhost", "127.0.0.1", "::1"};
  for (const auto& host : options.hosts) {
    if (std::find(hosts.begin(), hosts.end(), host) == hosts.end()) hosts.push_back(host);
  }
  if (hosts.empty()) return core::unexpected(std::string("no host to certify"));
  std::string alt_names;
  for (const auto& host : hosts) {
    if (!alt_names.empty()) alt_names += ",";
    if (is_ip_address(host)) {
      alt_names += "IP:" + host;
    } else if (is_dns_name(host)) {
      alt_names += "DNS:" + host;
    } else {
      return core::unexpected("not a host name or an IP address: '" + host + "'");
    }
  }

  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return core::unexpected("cannot create " + dir + ": " + error.message());
  CertificateFiles files;
  files.ca_cert = dir + "/ca.pem";
  files.ca_key = dir + "/ca.key";
  files.server_cert = dir + "/server.pem";
  files.server_key = dir + "/server.key";

  Key ca_key;
  Cert ca_cert;
  if (std::filesystem::exists(files.ca_cert) && std::filesystem::exists(files.ca_key)) {
    Bio cert_in(BIO_new_file(files.ca_cert.c_str(), "r"));
    Bio key_in(BIO_new_file(files.ca_key.c_str(), "r"));
    if (cert_in) ca_cert.reset(PEM_read_bio_X509(cert_in.get(), nullptr, nullptr, nullptr));
    if (key_in) ca_key.reset(PEM_read_bio_PrivateKey(key_in.get(), nullptr, nullptr, nullptr));
    if (!ca_cert) return core::unexpected("cannot read the CA certificate " + files.ca_cert);
    if (!ca_key) return core::unexpected("cannot read the CA key " + files.ca_key);
    if (X509_check_private_key(ca_cert.get(), ca_key.get()) != 1) {
      return core::unexpected(files.ca_key + " is not the key of " + files.ca_cert);
    }
    files.ca_reused = true;
  } else {
    ca_key = new_key();
    if (!ca_key) return core::unexpected("cannot make a key: " + openssl_error());
    MG_TRY(ca_cert, issue(ca_key.get(), "mediagate local CA", nullptr, ca_key.get(), true, "",
                          -3600, kCaValidSeconds)
                        .transform_error(core::prefix_message("cannot make the CA certificate: ")));
    MG_TRY_VOID(write_key(files.ca_key, ca_key.get()));
    MG_TRY_VOID(write_certs(files.ca_cert, {ca_cert.get()}));
  }

  X509* issuer = ca_cert.get();
  EVP_PKEY* issuer_key = ca_key.get();
  Key intermediate_key;
  Cert intermediate;
  if (options.with_intermediate) {
    intermediate_key = new_key();
    if (!intermediate_key) return core::unexpected("cannot make a key: " + openssl_error());
    MG_TRY(intermediate,
           issue(intermediate_key.get(), "mediagate local intermediate CA", issuer, issuer_key,
                 true, "", -3600, kCaValidSeconds)
               .transform_error(core::prefix_message("cannot make the intermediate: ")));
    issuer = intermediate.get();
    issuer_key = intermediate_key.get();
  }
  Key server_key = new_key();
  if (!server_key) return core::unexpected("cannot make a key: " + openssl_error());
  MG_TRY(const Cert server_cert,
         issue(server_key.get(), hosts.front(), issuer, issuer_key, false, alt_names,
               options.starts_in_seconds, options.valid_seconds)
             .transform_error(core::prefix_message("cannot make the server certificate: ")));
  MG_TRY_VOID(write_key(files.server_key, server_key.get()));
  MG_TRY_VOID(intermediate ? write_certs(files.server_cert, {server_cert.get(), intermediate.get()})
                           : write_certs(files.server_cert, {server_cert.get()}));
  return files;
}

}  // namespace mediagate::cli
