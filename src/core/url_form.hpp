// application/x-www-form-urlencoded decoding and encoding, and RFC 3986 percent-encoding.
// Every vendor signs the decoded values (vendor-spec §0.1), so decoding is strict: a bad
// escape or a value that is not UTF-8 is reported, never guessed at.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/expected.hpp"

namespace mediagate::core {

enum class FormError {
  kBadPercentEncoding,  // '%' not followed by two hex digits
  kInvalidUtf8,         // a decoded name or value is not well-formed UTF-8
};

std::string_view to_string(FormError error);

using FormFields = std::vector<std::pair<std::string, std::string>>;

// Splits on '&', then on the first '='; '+' is a space; %XX is a byte. Empty segments
// ("a=1&&b=2") are skipped; a segment without '=' is a name with an empty value.
Expected<FormFields, FormError> decode_form(std::string_view encoded);

// Decodes one component (with '+' as space).
Expected<std::string, FormError> decode_form_component(std::string_view encoded);

// RFC 3986 percent-decoding ('+' stays '+', as in a URL path or the sandbox's hint headers);
// nothing when an escape is malformed.
std::optional<std::string> percent_decode(std::string_view encoded);

// Whether a Content-Type header names application/x-www-form-urlencoded: the media type before
// any ';' parameters (e.g. ";charset=UTF-8"), surrounding blanks ignored, compared
// case-insensitively.
bool is_form_content_type(std::string_view content_type);

// Whether `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

// `text` with every byte that does not begin a well-formed UTF-8 sequence (see is_valid_utf8)
// replaced by U+FFFD, so that it may go into JSON text (RFC 8259 §8.1), e.g. a log line.
std::string replace_invalid_utf8(std::string_view text);

// Form-encodes one component: unreserved bytes kept, space as '+', the rest %XX (uppercase).
std::string encode_form_component(std::string_view raw);

// Joins fields as name=value&... with form encoding, in the given order.
std::string encode_form(const FormFields& fields);

// RFC 3986: keeps A-Z a-z 0-9 - _ . ~, encodes everything else as %XX uppercase (space is %20).
std::string rfc3986_encode(std::string_view raw);
// rfc3986_encode(raw) appended to `out`, without a string of its own.
void append_rfc3986(std::string& out, std::string_view raw);
// rfc3986_encode(rfc3986_encode(raw)) appended: an escape's '%' is itself escaped ("%25XX"), as
// when a canonical string made of escaped names and values is escaped again.
void append_rfc3986_twice(std::string& out, std::string_view raw);

}  // namespace mediagate::core
