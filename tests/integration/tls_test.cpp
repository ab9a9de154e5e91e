// HTTPS end to end (issue 17): the TLS listener over real sockets (protocol versions, ALPN,
// plain HTTP and noise on the TLS port, slow and flooding handshakes, certificate reload), the
// SDK and `mediagate call` over TLS (trust, host names, expiry, keep-alive, resumption), the
// admin listener over TLS. Certificates are made by the test (support/tls_certificates.hpp).
#include <gtest/gtest.h>

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>

#include "cli/call_command.hpp"
#include "http/tls_context.hpp"
#include "support/sample_fixture.hpp"
#include "support/test_connection.hpp"
#include "support/test_server.hpp"
#include "support/tls_certificates.hpp"
#include "vendors/polyv/polyv_vod_client.hpp"

namespace mediagate::testing {
namespace {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using namespace std::chrono_literals;
using http::testing::TestConnection;
using tcp = asio::ip::tcp;

// What a handshake made with OpenSSL directly found: whether it succeeded, the protocol and
// ALPN agreed, the server certificate's serial number (hex).
struct Handshake {
  bool ok = false;
  std::string error;
  std::string protocol;
  std::string alpn;
  std::string serial;
};

std::string serial_of(X509* cert) {
  if (cert == nullptr) return {};
  BIGNUM* number = ASN1_INTEGER_to_BN(X509_get_serialNumber(cert), nullptr);
  char* hex = BN_bn2hex(number);
  std::string out = hex != nullptr ? hex : "";
  OPENSSL_free(hex);
  BN_free(number);
  return out;
}

std::string serial_of_file(const std::string& path) {
  FILE* file = std::fopen(path.c_str(), "r");
  if (file == nullptr) return {};
  X509* cert = PEM_read_X509(file, nullptr, nullptr, nullptr);
  std::fclose(file);
  std::string out = serial_of(cert);
  X509_free(cert);
  return out;
}

// One handshake to 127.0.0.1:port with the versions [min, max] (0: OpenSSL's default), the
// server's certificate checked against `ca_file`.
Handshake handshake(std::uint16_t port, int min_version, int max_version,
                    const std::string& ca_file) {
  Handshake out;
  asio::io_context ioc;
  ssl::context context(ssl::context::tls_client);
  SSL_CTX* ctx = context.native_handle();
  SSL_CTX_set_security_level(ctx, 0);  // lets the client offer TLS 1.1, for the server to refuse
  SSL_CTX_set_cipher_list(ctx, "DEFAULT:@SECLEVEL=0");
  if (min_version != 0) SSL_CTX_set_min_proto_version(ctx, min_version);
  if (max_version != 0) SSL_CTX_set_max_proto_version(ctx, max_version);
  static constexpr unsigned char kAlpn[] = {2, 'h', '2', 8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
  SSL_CTX_set_alpn_protos(ctx, kAlpn, sizeof(kAlpn));
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT);
  context.load_verify_file(ca_file);
  context.set_verify_mode(ssl::verify_peer);
  ssl::stream<tcp::socket> stream(ioc, context);
  stream.next_layer().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  timeval limit{5, 0};
  ::setsockopt(stream.next_layer().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  boost::system::error_code error;
  stream.handshake(ssl::stream_base::client, error);
  if (error) {
    out.error = error.message();
    return out;
  }
  out.ok = true;
  SSL* handle = stream.native_handle();
  out.protocol = SSL_get_version(handle);
  const unsigned char* alpn = nullptr;
  unsigned int alpn_length = 0;
  SSL_get0_alpn_selected(handle, &alpn, &alpn_length);
  out.alpn.assign(reinterpret_cast<const char*>(alpn), alpn_length);
  out.serial = serial_of(SSL_get0_peer_certificate(handle));
  // A request, so that a TLS 1.3 server's session ticket is read before the session is kept.
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  asio::write(stream, asio::buffer(request), error);
  std::array<char, 512> answer{};
  stream.read_some(asio::buffer(answer), error);
  stream.shutdown(error);
  return out;
}

client::ClientOptions sdk_options(TestServer& server, const std::string& host,
                                  const std::string& ca_file) {
  client::ClientOptions options;
  options.base_url =
      *client::BaseUrl::parse("https://" + host + ":" + std::to_string(server.port()));
  options.ca_file = ca_file;
  options.clock = &server.clock();
  options.timeout = 5s;
  return options;
}

class Tls : public ::testing::Test {
 protected:
  TestCertificates certificates_;
  TestServer server_{certificates_.tls_on()};
  const std::string& ca() const { return certificates_.files().ca_cert; }
};

TEST_F(Tls, OnlyTls12And13AreAcceptedWithAlpnHttp11) {
  const auto old = handshake(server_.port(), TLS1_1_VERSION, TLS1_1_VERSION, ca());
  EXPECT_FALSE(old.ok) << old.protocol;
  const auto v12 = handshake(server_.port(), TLS1_2_VERSION, TLS1_2_VERSION, ca());
  ASSERT_TRUE(v12.ok) << v12.error;
  EXPECT_EQ(v12.protocol, "TLSv1.2");
  EXPECT_EQ(v12.alpn, "http/1.1");
  const auto v13 = handshake(server_.port(), TLS1_3_VERSION, TLS1_3_VERSION, ca());
  ASSERT_TRUE(v13.ok) << v13.error;
  EXPECT_EQ(v13.protocol, "TLSv1.3");
  EXPECT_EQ(v13.alpn, "http/1.1");
}

// The SDK's client keeps the session of a closed connection and resumes it on the next.
TEST_F(Tls, AReconnectingClientResumesItsSession) {
  auto client = server_.client();
  ASSERT_TRUE(client.get("/healthz"));
  client.close();
  const auto again = client.get("/healthz");
  ASSERT_TRUE(again) << again.error();
  EXPECT_EQ(client.connections_opened(), 2);
  EXPECT_EQ(client.sessions_resumed(), 1);
}

TEST_F(Tls, PlainHttpToTheTlsPortGets400AndALine) {
  TestConnection connection(server_.port());
  ASSERT_TRUE(connection.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"));
  const auto drained = connection.read_until_close(3s);
  EXPECT_TRUE(drained.closed);
  EXPECT_TRUE(drained.bytes.starts_with("HTTP/1.1 400 Bad Request\r\n")) << drained.bytes;
  EXPECT_NE(drained.bytes.find("Content-Type: text/plain"), std::string::npos) << drained.bytes;
  EXPECT_TRUE(
      drained.bytes.ends_with("\r\n\r\nThe plain HTTP request was sent to an HTTPS port: "
                              "use https://\n"))
      << drained.bytes;
  ASSERT_TRUE(server_.get("/healthz").status == 200);  // still serving
}

TEST_F(Tls, NoiseAndBrokenClientHellosAreClosedQuietly) {
  const std::string record_header("\x16\x03\x01", 3);
  const std::vector<std::pair<std::string, std::string>> inputs = {
      {"garbage", std::string("\x00\x01\x02 not tls at all\r\n\r\n", 23)},
      {"lowercase words", "hello there\r\n"},
      {"truncated ClientHello", record_header + std::string("\x00\x40\x01\x00\x00\x3c\x03\x03", 8)},
      {"record header only", record_header},
      {"oversized ClientHello",
       record_header + std::string("\xff\xff", 2) + std::string(70'000, '\x01')},
      {"bad handshake message", record_header + std::string("\x00\x05\x99\x99\x99\x99\x99", 7)},
  };
  for (const auto& [label, bytes] : inputs) {
    TestConnection connection(server_.port());
    ASSERT_TRUE(connection.connected()) << label;
    connection.send(bytes);
    connection.shutdown_send();
    const auto drained = connection.read_until_close(5s);
    EXPECT_TRUE(drained.closed) << label;
    // Nothing of HTTP; at most a TLS alert record.
    EXPECT_EQ(drained.bytes.find("HTTP/"), std::string::npos) << label << ": " << drained.bytes;
    if (!drained.bytes.empty()) {
      EXPECT_EQ(drained.bytes[0], '\x15') << label;  // an alert
    }
  }
  EXPECT_EQ(server_.get("/healthz").status, 200U);
}

TEST(TlsLimits, ASlowHandshakeIsClosedAtTheHandshakeTimeout) {
  TestCertificates certificates;
  TestServer server(
      certificates.tls_on([](core::Config& config) { config.tls.handshake_timeout_ms = 300; }));
  for (const std::string& start : {std::string(), std::string("\x16\x03\x01\x00", 4)}) {
    TestConnection connection(server.port());
    if (!start.empty()) connection.send(start);
    const auto began = std::chrono::steady_clock::now();
    const auto drained = connection.read_until_close(5s);
    const auto waited = std::chrono::steady_clock::now() - began;
    EXPECT_TRUE(drained.closed);
    EXPECT_LT(waited, 3s);
    EXPECT_GE(waited, 200ms);
  }
}

// A flood of new TLS connections (full handshakes, at most tls.max_handshakes at once) runs
// while a client already connected keeps asking: its answers keep coming, far from stalling
// (the handshake timeout, 10 s, would be a stall).
TEST(TlsLimits, AHandshakeFloodDoesNotStallAnEstablishedClient) {
  TestCertificates certificates;
  TestServer server(certificates.tls_on([](core::Config& config) {
    config.tls.max_handshakes = 4;
    config.tls.session_cache_size = 0;
  }));
  auto established = server.client();
  ASSERT_TRUE(established.get("/healthz"));
  std::atomic<bool> flooding{true};
  std::atomic<int> handshakes{0};
  std::vector<std::thread> flood;
  for (int t = 0; t < 3; ++t) {
    flood.emplace_back([&] {
      for (int i = 0; i < 150 && flooding.load(); ++i) {  // bounded
        if (handshake(server.port(), 0, 0, certificates.files().ca_cert).ok) ++handshakes;
      }
    });
  }
  std::chrono::steady_clock::duration slowest{};
  int answered = 0;
  const auto until = std::chrono::steady_clock::now() + 1500ms;
  while (std::chrono::steady_clock::now() < until) {
    const auto began = std::chrono::steady_clock::now();
    const auto response = established.get("/healthz");
    slowest = std::max(slowest, std::chrono::steady_clock::now() - began);
    ASSERT_TRUE(response) << response.error();
    ++answered;
  }
  flooding = false;
  for (auto& thread : flood) thread.join();
  EXPECT_GT(handshakes.load(), 10);
  EXPECT_GT(answered, 10);
  EXPECT_EQ(established.connections_opened(), 1);
  EXPECT_LT(slowest, 2s) << "an established client waited "
                         << std::chrono::duration_cast<std::chrono::milliseconds>(slowest).count()
                         << " ms";
  std::cout << "[tls] flood: " << handshakes.load()
            << " handshakes; established client: " << answered << " answers, slowest "
            << std::chrono::duration_cast<std::chrono::milliseconds>(slowest).count() << " ms\n";
}

TEST_F(Tls, ReloadKeepsOpenConnectionsAndGivesNewOnesTheNewCertificate) {
  auto kept = server_.client();
  ASSERT_TRUE(kept.get("/healthz"));
  const std::string old_serial = serial_of_file(certificates_.files().server_cert);
  EXPECT_EQ(handshake(server_.port(), 0, 0, ca()).serial, old_serial);

  certificates_.renew();
  const std::string new_serial = serial_of_file(certificates_.files().server_cert);
  ASSERT_NE(new_serial, old_serial);
  ASSERT_TRUE(server_.app().reload_tls());
  const auto after = kept.get("/healthz");
  ASSERT_TRUE(after) << after.error();
  EXPECT_EQ(after->status, 200U);
  EXPECT_EQ(kept.connections_opened(), 1);  // the same connection
  EXPECT_EQ(handshake(server_.port(), 0, 0, ca()).serial, new_serial);

  // An unusable pair (a key that is not the certificate's, then an unreadable file) keeps the
  // current one, and says why without the key.
  const std::string key = certificates_.files().server_key;
  const std::string saved = key + ".saved";
  std::filesystem::copy_file(key, saved);
  {
    cli::CertificateOptions other;
    TestCertificates elsewhere(other);
    std::filesystem::copy_file(elsewhere.files().server_key, key,
                               std::filesystem::copy_options::overwrite_existing);
  }
  auto mismatched = server_.app().reload_tls();
  ASSERT_FALSE(mismatched);
  EXPECT_NE(mismatched.error().find("does not match"), std::string::npos) << mismatched.error();
  EXPECT_EQ(mismatched.error().find("PRIVATE KEY"), std::string::npos);
  std::filesystem::remove(key);
  auto missing = server_.app().reload_tls();
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().find(key), std::string::npos) << missing.error();
  EXPECT_EQ(handshake(server_.port(), 0, 0, ca()).serial, new_serial);
  EXPECT_EQ(kept.get("/healthz")->status, 200U);
  std::filesystem::rename(saved, key);
}

TEST(TlsKey, AKeyReadableByOthersIsWarnedAbout) {
  TestCertificates certificates;
  const std::string& key = certificates.files().server_key;
  EXPECT_EQ(std::filesystem::status(key).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  EXPECT_FALSE(http::key_file_permission_warning(key));
  std::filesystem::permissions(key, std::filesystem::perms::group_read,
                               std::filesystem::perm_options::add);
  const auto warning = http::key_file_permission_warning(key);
  ASSERT_TRUE(warning);
  EXPECT_NE(warning->find("0640"), std::string::npos) << *warning;
}

TEST(TlsChain, AnIntermediateInTheCertificateFileCompletesTheChain) {
  cli::CertificateOptions options;
  options.with_intermediate = true;
  TestCertificates certificates(options);
  TestServer server(certificates.tls_on());
  const auto shaken = handshake(server.port(), 0, 0, certificates.files().ca_cert);
  EXPECT_TRUE(shaken.ok) << shaken.error;
  EXPECT_EQ(server.get("/healthz").status, 200U);
}

TEST_F(Tls, TheSdkKeepsOneTlsConnectionForAHundredPages) {
  client::PolyvVodClient vod(sdk_options(server_, "localhost", ca()),
                             {sample::kUser, sample::kVodSecret});
  int fetched = 0;
  for (int i = 0; i < 100; ++i) {
    client::VideoQuery query;
    query.page = 1 + i % 3;
    query.page_size = 1;
    const auto page = vod.get_by_uploader(query);
    ASSERT_TRUE(page) << page.error().describe();
    ++fetched;
  }
  EXPECT_EQ(fetched, 100);
  EXPECT_EQ(vod.connections_opened(), 1);
}

TEST_F(Tls, TheSdkNamesWhyItRefusesAServer) {
  // A private CA without ca_file: not in the system trust store.
  client::PolyvVodClient untrusted(sdk_options(server_, "localhost", ""),
                                   {sample::kUser, sample::kVodSecret});
  const auto refused = untrusted.get_by_uploader();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, client::ClientError::Kind::kTransport);
  EXPECT_NE(refused.error().message.find("unknown issuer"), std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message.find("CN=localhost"), std::string::npos)
      << refused.error().message;

  // A certificate for another host than the one called.
  cli::CertificateOptions elsewhere;
  elsewhere.include_loopback = false;
  elsewhere.hosts = {"api.example.test"};
  TestCertificates other_host(elsewhere);
  TestServer wrong_name(other_host.tls_on());
  client::PolyvVodClient mismatched(
      sdk_options(wrong_name, "localhost", other_host.files().ca_cert),
      {sample::kUser, sample::kVodSecret});
  const auto mismatch = mismatched.get_by_uploader();
  ASSERT_FALSE(mismatch);
  EXPECT_NE(mismatch.error().message.find("name mismatch"), std::string::npos)
      << mismatch.error().message;

  cli::CertificateOptions stale;
  stale.starts_in_seconds = -3 * 24 * 3600;
  stale.valid_seconds = 24 * 3600;
  TestCertificates expired_files(stale);
  TestServer expired(expired_files.tls_on());
  client::PolyvVodClient too_old(sdk_options(expired, "localhost", expired_files.files().ca_cert),
                                 {sample::kUser, sample::kVodSecret});
  const auto old = too_old.get_by_uploader();
  ASSERT_FALSE(old);
  EXPECT_NE(old.error().message.find("certificate expired"), std::string::npos)
      << old.error().message;

  // https to a plain HTTP server: the protocol, not a certificate.
  TestServer plain;
  client::PolyvVodClient wrong_scheme(sdk_options(plain, "localhost", ca()),
                                      {sample::kUser, sample::kVodSecret});
  const auto not_tls = wrong_scheme.get_by_uploader();
  ASSERT_FALSE(not_tls);
  EXPECT_NE(not_tls.error().message.find("protocol version"), std::string::npos)
      << not_tls.error().message;
}

struct CallOutcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

CallOutcome call(std::vector<std::string> args, const core::Clock& clock) {
  std::ostringstream out;
  std::ostringstream err;
  cli::CommandContext context;
  context.out = &out;
  context.err = &err;
  context.getenv = [](const std::string& name) -> std::optional<std::string> {
    if (name == cli::kSecretEnvironment) return std::string(sample::kVodSecret);
    return std::nullopt;
  };
  context.clock = &clock;
  CallOutcome outcome;
  outcome.exit_code = cli::run_call(args, context);
  outcome.out = out.str();
  outcome.err = err.str();
  return outcome;
}

TEST_F(Tls, MediagateCallOverHttps) {
  const std::string url = "https://localhost:" + std::to_string(server_.port());
  const std::vector<std::string> base = {"--vendor", "polyv-vod",  "--userid",   sample::kUser,
                                         "--param",  "pageSize=1", "--base-url", url};
  auto with_ca = base;
  with_ca.insert(with_ca.end(), {"--cacert", ca()});
  const auto ok = call(with_ca, server_.clock());
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("\"status\":\"success\""), std::string::npos) << ok.out;

  const auto refused = call(base, server_.clock());
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("unknown issuer"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("--cacert"), std::string::npos) << refused.err;

  auto plain_with_ca = base;
  plain_with_ca[7] = "http://127.0.0.1:1";
  plain_with_ca.insert(plain_with_ca.end(), {"--cacert", ca()});
  EXPECT_EQ(call(plain_with_ca, server_.clock()).exit_code, 2);  // --cacert is for https

  auto missing_ca = base;
  missing_ca.insert(missing_ca.end(), {"--cacert", "/nonexistent/ca.pem"});
  const auto unreadable = call(missing_ca, server_.clock());
  EXPECT_EQ(unreadable.exit_code, 1);
  EXPECT_NE(unreadable.err.find("/nonexistent/ca.pem"), std::string::npos) << unreadable.err;
}

TEST(TlsAdmin, TheAdminListenerSpeaksTlsWhenAsked) {
  TestCertificates certificates;
  TestServer server(certificates.tls_on([](core::Config& config) { config.tls.admin = true; }),
                    {source_path("fixtures/sample.json")}, std::string("admin-token-for-tls"));
  client::HttpClient admin("127.0.0.1", server.admin_port(), 5s, server.client_tls());
  const auto status =
      admin.get("/admin/v1/status", {{"Authorization", "Bearer admin-token-for-tls"}});
  ASSERT_TRUE(status) << status.error();
  EXPECT_EQ(status->status, 200U) << status->body;
  TestConnection plain(server.admin_port());
  plain.send("GET /admin/v1/status HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(plain.read_until_close(3s).bytes.starts_with("HTTP/1.1 400"));
}

}  // namespace
}  // namespace mediagate::testing
