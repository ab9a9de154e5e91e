// Certificates made at test time (no key is ever committed): `mediagate cert`'s CA and server
// certificate in a fresh temporary directory, removed afterwards.
#pragma once

#include <string>

#include "cli/certificates.hpp"
#include "support/test_server.hpp"

namespace mediagate::testing {

class TestCertificates {
 public:
  explicit TestCertificates(const cli::CertificateOptions& options = {});
  ~TestCertificates();
  TestCertificates(const TestCertificates&) = delete;
  TestCertificates& operator=(const TestCertificates&) = delete;

  const std::string& directory() const { return directory_; }
  const cli::CertificateFiles& files() const { return files_; }
  // A new server certificate (same CA), e.g. a renewal; throws if it cannot be made.
  void renew(const cli::CertificateOptions& options = {});

  // A TestServer tweak serving HTTPS with these files (the test client trusts ca.pem).
  TestServer::Tweak tls_on(TestServer::Tweak more = {}) const;

 private:
  std::string directory_;
  cli::CertificateFiles files_;
};

}  // namespace mediagate::testing
