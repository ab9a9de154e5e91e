#include "cli/cert_command.hpp"

#include <iostream>

#include "cli/certificates.hpp"
#include "cli/command_line.hpp"

namespace mediagate::cli {
namespace {

constexpr const char* kUsage = R"(Usage: mediagate cert --out DIR [--host NAME]...

Makes certificates for HTTPS in development and the sandbox (not for production):
  DIR/ca.pem, DIR/ca.key       a local certificate authority, made once: reused when DIR has it
  DIR/server.pem, server.key   a server certificate it signs (new each time), valid 397 days
                               for localhost, 127.0.0.1, ::1 and each --host
Keys are written mode 0600. Then:
  mediagate serve --tls-cert DIR/server.pem --tls-key DIR/server.key ...
  mediagate call --base-url https://localhost:8080 --cacert DIR/ca.pem ...
or trust DIR/ca.pem system-wide (Debian: copy it to /usr/local/share/ca-certificates/
mediagate.crt and run update-ca-certificates). A client that cannot change the host it calls
(a vendor's own API host) needs --host with that name, a hosts-file entry and the CA trusted.

  --out DIR     where the files go (created if needed)
  --host NAME   another DNS name (a leading *. allowed) or IP address; repeatable
)";

}  // namespace

int run_cert(const std::vector<std::string>& args) {
  auto parsed = parse_arguments(args, {"out", "host"}, {"help"});
  if (!parsed) {
    std::cerr << "mediagate cert: " << parsed.error() << "\n" << kUsage;
    return 2;
  }
  if (parsed->has("help")) {
    std::cout << kUsage;
    return 0;
  }
  if (!parsed->positional.empty() || !parsed->has("out")) {
    std::cerr << "mediagate cert: "
              << (parsed->has("out") ? "unexpected " + parsed->positional.front()
                                     : std::string("--out is required"))
              << "\n"
              << kUsage;
    return 2;
  }
  CertificateOptions options;
  options.hosts = parsed->all("host");
  auto files = make_certificates(parsed->all("out").back(), options);
  if (!files) {
    std::cerr << "mediagate cert: " << files.error() << "\n";
    return 1;
  }
  std::cout << (files->ca_reused ? "reused   " : "created  ") << files->ca_cert << " (trust this)\n"
            << (files->ca_reused ? "reused   " : "created  ") << files->ca_key
            << " (keep private)\n"
            << "created  " << files->server_cert << " (--tls-cert)\n"
            << "created  " << files->server_key << " (--tls-key)\n";
  return 0;
}

}  // namespace mediagate::cli
