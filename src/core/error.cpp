#include "core/error.hpp"

namespace mediagate::core {

std::string_view to_string(Error::Kind kind) {
  switch (kind) {
    case Error::Kind::kInvalid:
      return "invalid";
    case Error::Kind::kConfig:
      return "config";
    case Error::Kind::kStore:
      return "store";
    case Error::Kind::kUnavailable:
      return "unavailable";
    case Error::Kind::kReply:
      return "reply";
    case Error::Kind::kTransport:
      return "transport";
    case Error::Kind::kTimeout:
      return "timeout";
  }
  return "error";
}

}  // namespace mediagate::core
