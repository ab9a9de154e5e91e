// Why an SDK call did not give its typed result. Errors are values: every call returns
// core::Expected<Result, ClientError>.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mediagate::client {

struct ClientError {
  enum class Kind {
    kInvalidArgument,    // the request could not be built; nothing was sent
    kTransport,          // no HTTP answer: connect, write or read failed or timed out
    kHttpStatus,         // an HTTP answer that is no vendor envelope (404, 405, 413, 414, ...)
    kMalformedResponse,  // an answer that does not decode as the vendor's envelope or data
    kVendor,             // the vendor's own error envelope
  };

  Kind kind = Kind::kTransport;
  // kVendor: the vendor's message exactly as sent ("the sign is not right.", "签名错误",
  // "sign不正确"); otherwise a sentence describing what failed. Never contains a secret.
  std::string message{};
  // kVendor: the vendor's code as sent, as text ("400", "Q00307", "17006").
  std::string code{};
  // kVendor, where the envelope has one besides the code: its "status" ("error", "fail").
  std::string vendor_status{};
  // The HTTP status when there was an answer (0 otherwise).
  unsigned http_status = 0;
  // kTransport: the step's timeout passed.
  bool timed_out = false;
  // kHttpStatus, kMalformedResponse, kVendor: the body as received.
  std::string body{};

  // The code as a number when it is one ("400", "17006"; not "Q00307").
  std::optional<std::int64_t> numeric_code() const;
  bool is_vendor_error() const { return kind == Kind::kVendor; }

  // One line for a person: "vendor error 400: the sign is not right.", "transport: ...".
  std::string describe() const;

  static ClientError invalid_argument(std::string message);
  static ClientError transport(std::string message, bool timed_out);
  static ClientError http_status_error(unsigned status, std::string body);
  static ClientError malformed(std::string message, unsigned status, std::string body);
  static ClientError vendor(std::string code, std::string message, unsigned status,
                            std::string body, std::string vendor_status = {});
};

std::string_view to_string(ClientError::Kind kind);

}  // namespace mediagate::client
