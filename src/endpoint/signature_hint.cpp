#include "endpoint/signature_hint.hpp"

namespace mediagate::endpoint {

std::string encode_header_value(std::string_view bytes) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size());
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte > 0x20 && byte < 0x7F && byte != '%') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4U]);
      out.push_back(kHex[byte & 0x0FU]);
    }
  }
  return out;
}

void add_signature_hint(http::Response& response, const auth::SignatureTrace& trace,
                        std::string_view variant) {
  auto name = [&](std::string_view base) {
    std::string full(base);
    if (!variant.empty()) {
      full += '-';
      full += variant;
    }
    return full;
  };
  response.headers.emplace_back(name(kCanonicalHeader), encode_header_value(trace.canonical));
  response.headers.emplace_back(name(kStringToSignHeader),
                                encode_header_value(trace.string_to_sign_redacted));
}

}  // namespace mediagate::endpoint
