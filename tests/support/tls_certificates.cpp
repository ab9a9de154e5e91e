#include "support/tls_certificates.hpp"

#include <stdlib.h>

#include <filesystem>
#include <stdexcept>

namespace mediagate::testing {

TestCertificates::TestCertificates(const cli::CertificateOptions& options) {
  std::string pattern = (std::filesystem::temp_directory_path() / "mediagate-tls-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  directory_ = pattern;
  renew(options);
}

TestCertificates::~TestCertificates() {
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

void TestCertificates::renew(const cli::CertificateOptions& options) {
  auto files = cli::make_certificates(directory_, options);
  if (!files) throw std::runtime_error("make_certificates: " + files.error());
  files_ = std::move(files).value();
}

TestServer::Tweak TestCertificates::tls_on(TestServer::Tweak more) const {
  return [cert = files_.server_cert, key = files_.server_key, more](core::Config& config) {
    config.tls.cert_file = cert;
    config.tls.key_file = key;
    if (more) more(config);
  };
}

}  // namespace mediagate::testing
