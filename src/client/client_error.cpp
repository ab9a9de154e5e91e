#include "client/client_error.hpp"

#include "core/numbers.hpp"

namespace mediagate::client {

std::string_view to_string(ClientError::Kind kind) {
  switch (kind) {
    case ClientError::Kind::kInvalidArgument:
      return "invalid argument";
    case ClientError::Kind::kTransport:
      return "transport";
    case ClientError::Kind::kHttpStatus:
      return "HTTP status";
    case ClientError::Kind::kMalformedResponse:
      return "malformed response";
    case ClientError::Kind::kVendor:
      return "vendor error";
  }
  return "error";
}

std::optional<std::int64_t> ClientError::numeric_code() const {
  return core::parse_int64(code);
}

std::string ClientError::describe() const {
  switch (kind) {
    case Kind::kVendor:
      return "vendor error " + code + ": " + message;
    case Kind::kHttpStatus:
      return "HTTP " + std::to_string(http_status) + " (not a vendor answer)";
    case Kind::kMalformedResponse:
      return "malformed response (HTTP " + std::to_string(http_status) + "): " + message;
    case Kind::kTransport:
      return "transport: " + message;
    case Kind::kInvalidArgument:
      return "invalid argument: " + message;
  }
  return message;
}

ClientError ClientError::invalid_argument(std::string message) {
  ClientError error;
  error.kind = Kind::kInvalidArgument;
  error.message = std::move(message);
  return error;
}

ClientError ClientError::transport(std::string message, bool timed_out) {
  ClientError error;
  error.kind = Kind::kTransport;
  error.message = std::move(message);
  error.timed_out = timed_out;
  return error;
}

ClientError ClientError::http_status_error(unsigned status, std::string body) {
  ClientError error;
  error.kind = Kind::kHttpStatus;
  error.http_status = status;
  error.message = "HTTP " + std::to_string(status);
  error.body = std::move(body);
  return error;
}

ClientError ClientError::malformed(std::string message, unsigned status, std::string body) {
  ClientError error;
  error.kind = Kind::kMalformedResponse;
  error.message = std::move(message);
  error.http_status = status;
  error.body = std::move(body);
  return error;
}

ClientError ClientError::vendor(std::string code, std::string message, unsigned status,
                                std::string body, std::string vendor_status) {
  ClientError error;
  error.kind = Kind::kVendor;
  error.code = std::move(code);
  error.message = std::move(message);
  error.http_status = status;
  error.body = std::move(body);
  error.vendor_status = std::move(vendor_status);
  return error;
}

}  // namespace mediagate::client
