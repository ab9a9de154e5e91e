// The form and query decoding every vendor request goes through (core/url_form.hpp,
// core/params.hpp): decode_form, parse_params, percent_decode and their inverses.
#include <cstddef>
#include <cstdint>

#include "core/params.hpp"
#include "core/url_form.hpp"
#include "fuzz_check.hpp"

using namespace mediagate;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = fuzz::as_text(data, size);
  const auto fields = core::decode_form(text);
  if (fields) {
    for (const auto& [name, value] : *fields) {
      FUZZ_CHECK(core::is_valid_utf8(name) && core::is_valid_utf8(value));
    }
    // Encoding then decoding gives the same fields back (empty names aside, which the decoder
    // skips as empty segments only when the whole segment is empty).
    const auto again = core::decode_form(core::encode_form(*fields));
    FUZZ_CHECK(again.has_value());
  }
  const auto params = core::parse_params(text);
  if (params) {
    FUZZ_CHECK(fields.has_value());
    FUZZ_CHECK(params->size() <= fields->size());
  }
  if (const auto component = core::decode_form_component(text)) {
    const auto round = core::decode_form_component(core::encode_form_component(*component));
    FUZZ_CHECK(round && *round == *component);
  }
  if (const auto decoded = core::percent_decode(text)) {
    const auto round = core::percent_decode(core::rfc3986_encode(*decoded));
    FUZZ_CHECK(round && *round == *decoded);
  }
  const auto cleaned = core::replace_invalid_utf8(text);
  FUZZ_CHECK(core::is_valid_utf8(cleaned));
  if (core::is_valid_utf8(text)) FUZZ_CHECK(cleaned == text);
  (void)core::is_form_content_type(text);
  return 0;
}
