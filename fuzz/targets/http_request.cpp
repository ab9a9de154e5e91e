// The server's request reading (http/request_reader.hpp): the bytes of one connection through
// the Beast parser with the server's limits, the transport refusals and the conversion to
// http::Request. Run with the default limits and with tiny ones (so that 414, 431 and 413 are
// within reach of short inputs).
#include <cstddef>
#include <cstdint>

#include "core/config.hpp"
#include "fuzz_check.hpp"
#include "http/request_reader.hpp"

namespace {

using mediagate::core::HttpLimits;

void check(std::string_view bytes, const HttpLimits& limits) {
  constexpr std::size_t kMaxRequests = 8;
  const auto outcome = mediagate::http::read_requests(bytes, limits, kMaxRequests);
  const unsigned refusal = outcome.refusal;
  FUZZ_CHECK(refusal == 0 || refusal == 400 || refusal == 413 || refusal == 414 || refusal == 431 ||
             refusal == 501);
  FUZZ_CHECK(outcome.requests.size() <= kMaxRequests);
  for (const auto& request : outcome.requests) {
    FUZZ_CHECK(!request.method.empty());
    FUZZ_CHECK(request.body.size() <= static_cast<std::size_t>(limits.max_body_bytes));
    FUZZ_CHECK(request.path.size() + request.query.size() <= bytes.size());
    for (const auto& [name, value] : request.headers) {
      for (const char c : name) FUZZ_CHECK(!(c >= 'A' && c <= 'Z'));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto bytes = mediagate::fuzz::as_text(data, size);
  check(bytes, HttpLimits{});
  HttpLimits tiny;
  tiny.max_request_line_bytes = 64;
  tiny.max_header_bytes = 128;
  tiny.max_body_bytes = 32;
  check(bytes, tiny);
  return 0;
}
