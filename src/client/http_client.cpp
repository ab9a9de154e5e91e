#include "client/http_client.hpp"

#include <array>
#include <optional>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "client/io_deadline.hpp"

namespace mediagate::client {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr std::uint32_t kMaxResponseHeader = 64 * 1024;
constexpr std::uint64_t kMaxResponseBody = 64ULL * 1024 * 1024;

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

TransportError describe(std::string_view step, const error_code& error) {
  if (error == asio::error::timed_out)
    return TransportError::timeout(std::string(step) + ": timed out");
  return TransportError::transport(std::string(step) + ": " + error.message());
}

// Errors that mean "the server closed the kept-alive connection before answering".
bool is_stale_connection(const error_code& error) {
  return error == bhttp::error::end_of_stream || error == asio::error::eof ||
         error == asio::error::connection_reset || error == asio::error::broken_pipe ||
         error == asio::error::connection_aborted || error == asio::error::not_connected ||
         error == ssl::error::stream_truncated;
}

bool is_ip_address(const std::string& host) {
  error_code error;
  asio::ip::make_address(host, error);
  return !error;
}

std::string name_of(X509_NAME* name) {
  if (name == nullptr) return "?";
  std::array<char, 256> text{};
  X509_NAME_oneline(name, text.data(), static_cast<int>(text.size()));
  return text.data();
}

std::string time_of(const ASN1_TIME* time) {
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio == nullptr) return "?";
  ASN1_TIME_print(bio, time);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<std::size_t>(size > 0 ? size : 0));
  BIO_free(bio);
  return out;
}

// What the verification of the server's chain found wrong first.
struct VerifyFailure {
  int error = X509_V_OK;
  std::string subject;
  std::string issuer;
  std::string not_after;
};

// A handshake failure as a sentence that names the cause.
std::string describe_tls_failure(const error_code& error, const VerifyFailure& verify,
                                 const std::string& name, std::uint16_t port, bool custom_ca) {
  const std::string where = "TLS handshake with " + name + ":" + std::to_string(port) + ": ";
  switch (verify.error) {
    case X509_V_OK:
      break;
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
      return where + "certificate not trusted (unknown issuer): " + verify.subject + " issued by " +
             verify.issuer + " is not signed by a CA " +
             (custom_ca ? "in the --cacert file" : "of the system trust store") +
             (custom_ca ? std::string() : std::string("; a private CA is passed with --cacert"));
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return where + "certificate expired: " + verify.subject + " was valid until " +
             verify.not_after;
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return where + "certificate not yet valid: " + verify.subject;
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
      return where + "certificate name mismatch: " + verify.subject + " is not valid for " + name;
    default:
      return where + "certificate refused: " + verify.subject + ": " +
             X509_verify_cert_error_string(verify.error);
  }
  if (error.category() == asio::error::get_ssl_category()) {
    const int reason = ERR_GET_REASON(static_cast<unsigned long>(error.value()));
    if (reason == SSL_R_UNSUPPORTED_PROTOCOL || reason == SSL_R_TLSV1_ALERT_PROTOCOL_VERSION ||
        reason == SSL_R_NO_PROTOCOLS_AVAILABLE) {
      return where +
             "protocol version: the server offers no TLS version this client accepts "
             "(1.2, 1.3)";
    }
    if (reason == SSL_R_WRONG_VERSION_NUMBER || reason == SSL_R_PACKET_LENGTH_TOO_LONG) {
      return where +
             "protocol version: the server did not answer in TLS (plain HTTP? use "
             "http://)";
    }
  }
  return where + (error == asio::error::timed_out ? std::string("timed out") : error.message());
}

}  // namespace

class HttpClient::Impl {
 public:
  Impl(std::string host, std::uint16_t port, std::chrono::milliseconds timeout,
       TlsClientOptions tls)
      : host_(std::move(host)),
        port_(port),
        timeout_(timeout),
        tls_options_(std::move(tls)),
        socket_(ioc_) {
    if (tls_options_.server_name.empty()) tls_options_.server_name = host_;
  }

  ~Impl() {
    if (session_ != nullptr) SSL_SESSION_free(session_);
  }

  core::Expected<ClientResponse, TransportError> request(std::string_view method,
                                                         std::string_view target,
                                                         std::string_view body,
                                                         std::string_view content_type,
                                                         const HeaderList& headers) {
    bhttp::request<bhttp::string_body> message;
    const auto verb = bhttp::string_to_verb(method);
    if (verb == bhttp::verb::unknown) {
      message.method_string(method);
    } else {
      message.method(verb);
    }
    message.target(target);
    message.version(11);
    message.set(bhttp::field::host, host_ + ":" + std::to_string(port_));
    message.set(bhttp::field::user_agent, "mediagate-client");
    if (!content_type.empty()) message.set(bhttp::field::content_type, content_type);
    for (const auto& [name, value] : headers) {
      if (beast::iequals(name, "host")) {
        message.set(bhttp::field::host, value);
      } else {
        message.insert(name, value);
      }
    }
    message.body() = std::string(body);
    message.prepare_payload();
    const bool head = verb == bhttp::verb::head;

    const bool reused = socket_.is_open();
    if (!reused) {
      if (auto error = connect()) return core::unexpected(std::move(*error));
    }
    error_code failure;
    std::string step;
    auto response = exchange(message, head, failure, step);
    if (!response && reused && is_stale_connection(failure)) {
      close();  // the server closed the idle connection: reconnect once
      if (auto error = connect()) return core::unexpected(std::move(*error));
      response = exchange(message, head, failure, step);
    }
    if (!response) {
      close();
      return core::unexpected(describe(step, failure));
    }
    return std::move(*response);
  }

  bool connected() const { return socket_.is_open(); }
  int connections_opened() const { return connections_opened_; }
  int sessions_resumed() const { return sessions_resumed_; }

  void close() {
    if (tls_) {
      // Kept for the next connection's handshake (resumption), when the server issued one.
      SSL_SESSION* session = SSL_get1_session(tls_->native_handle());
      if (session != nullptr) {
        if (session_ != nullptr) SSL_SESSION_free(session_);
        session_ = session;
      }
      // Closed by this side on purpose: the session stays resumable.
      SSL_set_shutdown(tls_->native_handle(), SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
      tls_.reset();
    }
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    buffer_.clear();
  }

 private:
  std::chrono::steady_clock::time_point deadline() const {
    return std::chrono::steady_clock::now() + timeout_;
  }

  // Nothing on success, otherwise what failed.
  std::optional<TransportError> connect() {
    buffer_.clear();
    const auto error = detail::connect_until(ioc_, socket_, host_, port_, deadline());
    if (error) {
      return describe("connect to " + host_ + ":" + std::to_string(port_), error);
    }
    ++connections_opened_;
    if (tls_options_.enabled) {
      if (auto failure = handshake()) {
        close();
        return failure;
      }
    }
    return std::nullopt;
  }

  // The TLS context, made once: the trust store, TLS 1.2 at least, ALPN http/1.1.
  std::optional<TransportError> prepare_context() {
    if (context_) return std::nullopt;
    auto context = std::make_unique<ssl::context>(ssl::context::tls_client);
    SSL_CTX* ctx = context->native_handle();
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    static constexpr unsigned char kAlpn[] = {8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
    SSL_CTX_set_alpn_protos(ctx, kAlpn, sizeof(kAlpn));
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT);
    error_code error;
    if (tls_options_.ca_file.empty()) {
      context->set_default_verify_paths(error);
    } else {
      context->load_verify_file(tls_options_.ca_file, error);
    }
    if (error) {
      return TransportError::transport(
          tls_options_.ca_file.empty()
              ? "TLS: cannot load the system trust store: " + error.message()
              : "TLS: cannot read the CA file " + tls_options_.ca_file + ": " + error.message());
    }
    context->set_verify_mode(ssl::verify_peer);
    context_ = std::move(context);
    return std::nullopt;
  }

  std::optional<TransportError> handshake() {
    if (auto failure = prepare_context()) return failure;
    tls_.emplace(socket_, *context_);
    SSL* ssl = tls_->native_handle();
    const std::string& name = tls_options_.server_name;
    if (is_ip_address(name)) {
      X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name.c_str());
    } else {
      SSL_set_tlsext_host_name(ssl, name.c_str());
      SSL_set1_host(ssl, name.c_str());
    }
    if (session_ != nullptr) SSL_set_session(ssl, session_);
    VerifyFailure verify;
    tls_->set_verify_callback([&verify](bool preverified, ssl::verify_context& context) {
      X509_STORE_CTX* store = context.native_handle();
      if (!preverified && verify.error == X509_V_OK) {
        verify.error = X509_STORE_CTX_get_error(store);
        X509* cert = X509_STORE_CTX_get_current_cert(store);
        if (cert != nullptr) {
          verify.subject = name_of(X509_get_subject_name(cert));
          verify.issuer = name_of(X509_get_issuer_name(cert));
          verify.not_after = time_of(X509_get0_notAfter(cert));
        }
      }
      return preverified;
    });
    const auto outcome = detail::run_until(ioc_, socket_, deadline(), [&](auto handler) {
      tls_->async_handshake(ssl::stream_base::client,
                            [handler](error_code ec) mutable { handler(ec, 0); });
    });
    if (outcome.error) {
      auto message =
          describe_tls_failure(outcome.error, verify, name, port_, !tls_options_.ca_file.empty());
      if (outcome.error == asio::error::timed_out)
        return TransportError::timeout(std::move(message));
      return TransportError::transport(std::move(message));
    }
    if (SSL_session_reused(ssl) == 1) ++sessions_resumed_;
    return std::nullopt;
  }

  std::optional<ClientResponse> exchange(bhttp::request<bhttp::string_body>& message, bool head,
                                         error_code& failure, std::string& step) {
    if (tls_) return exchange_on(*tls_, message, head, failure, step);
    return exchange_on(socket_, message, head, failure, step);
  }

  template <class Stream>
  std::optional<ClientResponse> exchange_on(Stream& stream,
                                            bhttp::request<bhttp::string_body>& message, bool head,
                                            error_code& failure, std::string& step) {
    auto outcome = detail::run_until(ioc_, socket_, deadline(), [&](auto handler) {
      bhttp::async_write(stream, message, std::move(handler));
    });
    if (outcome.error) {
      failure = outcome.error;
      step = "write";
      return std::nullopt;
    }
    bhttp::response_parser<bhttp::string_body> parser;
    parser.header_limit(kMaxResponseHeader);
    parser.body_limit(kMaxResponseBody);
    if (head) parser.skip(true);
    outcome = detail::run_until(ioc_, socket_, deadline(), [&](auto handler) {
      bhttp::async_read(stream, buffer_, parser, std::move(handler));
    });
    if (outcome.error) {
      failure = outcome.error;
      step = "read";
      return std::nullopt;
    }
    auto response = parser.release();
    ClientResponse out;
    out.status = response.result_int();
    for (const auto& field : response) {
      out.headers.emplace_back(to_lower(field.name_string()), std::string(field.value()));
    }
    out.body = std::move(response.body());
    if (!response.keep_alive()) close();
    return out;
  }

  std::string host_;
  std::uint16_t port_;
  std::chrono::milliseconds timeout_;
  TlsClientOptions tls_options_;
  asio::io_context ioc_{1};
  tcp::socket socket_;
  std::unique_ptr<ssl::context> context_;         // TLS: made at the first connect
  std::optional<ssl::stream<tcp::socket&>> tls_;  // TLS: over socket_, while connected
  SSL_SESSION* session_ = nullptr;                // TLS: the last session, for resumption
  beast::flat_buffer buffer_;
  int connections_opened_ = 0;
  int sessions_resumed_ = 0;
};

HttpClient::HttpClient(std::string host, std::uint16_t port, std::chrono::milliseconds timeout,
                       TlsClientOptions tls)
    : impl_(std::make_unique<Impl>(std::move(host), port, timeout, std::move(tls))) {}
HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

core::Expected<ClientResponse, std::string> HttpClient::request(std::string_view method,
                                                                std::string_view target,
                                                                std::string_view body,
                                                                std::string_view content_type,
                                                                const HeaderList& headers) {
  auto response = impl_->request(method, target, body, content_type, headers);
  if (!response) return core::unexpected(std::move(response.error().message));
  return std::move(response).value();
}

core::Expected<ClientResponse, TransportError> HttpClient::send(std::string_view method,
                                                                std::string_view target,
                                                                std::string_view body,
                                                                std::string_view content_type,
                                                                const HeaderList& headers) {
  return impl_->request(method, target, body, content_type, headers);
}

bool HttpClient::connected() const {
  return impl_->connected();
}
int HttpClient::connections_opened() const {
  return impl_->connections_opened();
}
int HttpClient::sessions_resumed() const {
  return impl_->sessions_resumed();
}
void HttpClient::close() {
  impl_->close();
}

}  // namespace mediagate::client
