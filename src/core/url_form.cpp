#include "core/url_form.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

namespace mediagate::core {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 3986 §2.3: ALPHA / DIGIT / "-" / "." / "_" / "~".
constexpr bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

// is_unreserved as a table, for the loops that run over every byte of a signed string.
constexpr auto kUnreserved = [] {
  std::array<bool, 256> table{};
  for (std::size_t c = 0; c < table.size(); ++c) {
    table[c] = is_unreserved(static_cast<unsigned char>(c));
  }
  return table;
}();

constexpr char kHexDigits[] = "0123456789ABCDEF";

void append_escaped(std::string& out, unsigned char c) {
  out.push_back('%');
  out.push_back(kHexDigits[c >> 4]);
  out.push_back(kHexDigits[c & 0x0F]);
}

enum class SpaceAs { kPlus, kEscape };

// Unreserved characters as they are, every other byte as %XX (upper-case hex); a space as '+'
// (forms) or as %20 (RFC 3986).
std::string percent_encode(std::string_view raw, SpaceAs space) {
  std::string out;
  out.reserve(raw.size() * 3 / 2);
  for (const char ch : raw) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_unreserved(c)) {
      out.push_back(ch);
    } else if (c == ' ' && space == SpaceAs::kPlus) {
      out.push_back('+');
    } else {
      append_escaped(out, c);
    }
  }
  return out;
}

}  // namespace

std::string_view to_string(FormError error) {
  switch (error) {
    case FormError::kBadPercentEncoding:
      return "malformed percent-encoding";
    case FormError::kInvalidUtf8:
      return "invalid UTF-8";
  }
  return "form error";
}

namespace {

// The length of the well-formed UTF-8 sequence at `p` (1 to 4), or 0 if there is none.
std::size_t utf8_sequence_length(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = *p;
  if (c < 0x80) return 1;
  std::size_t length = 0;
  std::uint32_t code = 0;
  std::uint32_t minimum = 0;
  if ((c & 0xE0) == 0xC0) {
    length = 2;
    code = c & 0x1Fu;
    minimum = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    length = 3;
    code = c & 0x0Fu;
    minimum = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    length = 4;
    code = c & 0x07u;
    minimum = 0x10000;
  } else {
    return 0;
  }
  if (static_cast<std::size_t>(end - p) < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    code = (code << 6) | (p[i] & 0x3Fu);
  }
  if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const std::size_t length = utf8_sequence_length(p, end);
    if (length == 0) return false;
    p += length;
  }
  return true;
}

std::string replace_invalid_utf8(std::string_view text) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
  std::string out;
  out.reserve(text.size() + 8);
  const auto* begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = begin + text.size();
  for (const auto* p = begin; p < end;) {
    const std::size_t length = utf8_sequence_length(p, end);
    if (length == 0) {
      out.append(kReplacement);
      ++p;
    } else {
      out.append(text.substr(static_cast<std::size_t>(p - begin), length));
      p += length;
    }
  }
  return out;
}

std::optional<std::string> percent_decode(std::string_view encoded) {
  std::string out;
  out.reserve(encoded.size());
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] != '%') {
      out.push_back(encoded[i]);
      continue;
    }
    if (i + 2 >= encoded.size()) return std::nullopt;
    const int high = hex_value(encoded[i + 1]);
    const int low = hex_value(encoded[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

Expected<std::string, FormError> decode_form_component(std::string_view encoded) {
  std::string out;
  out.reserve(encoded.size());
  // Runs without '+' or '%' are appended whole; the UTF-8 check is skipped when every byte,
  // decoded ones included, is ASCII (most names and values are).
  unsigned bits = 0;
  std::size_t run = 0;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    const auto c = static_cast<unsigned char>(encoded[i]);
    bits |= c;
    if (c != '+' && c != '%') continue;
    out.append(encoded.data() + run, i - run);
    if (c == '+') {
      out.push_back(' ');
    } else {
      if (encoded.size() - i < 3) return unexpected(FormError::kBadPercentEncoding);
      const int hi = hex_value(encoded[i + 1]);
      const int lo = hex_value(encoded[i + 2]);
      if (hi < 0 || lo < 0) return unexpected(FormError::kBadPercentEncoding);
      const auto byte = static_cast<unsigned>((hi << 4) | lo);
      bits |= byte;
      out.push_back(static_cast<char>(byte));
      i += 2;
    }
    run = i + 1;
  }
  out.append(encoded.data() + run, encoded.size() - run);
  if (bits >= 0x80 && !is_valid_utf8(out)) return unexpected(FormError::kInvalidUtf8);
  return out;
}

Expected<FormFields, FormError> decode_form(std::string_view encoded) {
  // One allocation for a request's parameters rather than one per doubling (none for an empty
  // query); capped, so that a body of '&'s (empty segments, skipped) does not reserve in
  // proportion to its length.
  constexpr std::size_t kReserved = 16;
  FormFields fields;
  if (!encoded.empty()) {
    fields.reserve(std::min<std::size_t>(
        static_cast<std::size_t>(std::count(encoded.begin(), encoded.end(), '&')) + 1, kReserved));
  }
  while (!encoded.empty()) {
    const auto amp = encoded.find('&');
    const std::string_view segment = encoded.substr(0, amp);
    encoded = amp == std::string_view::npos ? std::string_view{} : encoded.substr(amp + 1);
    if (segment.empty()) continue;
    const auto eq = segment.find('=');
    MG_TRY(auto name, decode_form_component(segment.substr(0, eq)));
    MG_TRY(auto value,
           decode_form_component(eq == std::string_view::npos ? std::string_view{}
                                                              : segment.substr(eq + 1)));
    fields.emplace_back(std::move(name), std::move(value));
  }
  return fields;
}

std::string encode_form_component(std::string_view raw) {
  return percent_encode(raw, SpaceAs::kPlus);
}

std::string encode_form(const FormFields& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out.push_back('&');
    out += encode_form_component(name);
    out.push_back('=');
    out += encode_form_component(value);
  }
  return out;
}

std::string rfc3986_encode(std::string_view raw) {
  return percent_encode(raw, SpaceAs::kEscape);
}

namespace {

// `raw` appended with every byte but the unreserved ones as `escape` + two upper-case hex
// digits. Sized once, then written in place: a canonical string escaped again (a vendor's
// string to sign) has an escape every few bytes, and a push_back per byte costs a capacity check.
void append_escaped_with(std::string& out, std::string_view raw, std::string_view escape) {
  std::size_t escapes = 0;
  for (const char ch : raw) escapes += kUnreserved[static_cast<unsigned char>(ch)] ? 0U : 1U;
  if (escapes == 0) {
    out.append(raw);
    return;
  }
  const std::size_t start = out.size();
  out.resize(start + raw.size() + (escape.size() + 1) * escapes);
  char* next = out.data() + start;
  for (const char ch : raw) {
    const auto c = static_cast<unsigned char>(ch);
    if (kUnreserved[c]) {
      *next++ = ch;
      continue;
    }
    next = std::copy(escape.begin(), escape.end(), next);
    next[0] = kHexDigits[c >> 4];
    next[1] = kHexDigits[c & 0x0F];
    next += 2;
  }
}

}  // namespace

void append_rfc3986(std::string& out, std::string_view raw) {
  append_escaped_with(out, raw, "%");
}

void append_rfc3986_twice(std::string& out, std::string_view raw) {
  append_escaped_with(out, raw, "%25");
}

bool is_form_content_type(std::string_view content_type) {
  constexpr std::string_view kForm = "application/x-www-form-urlencoded";
  auto type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  if (type.size() != kForm.size()) return false;
  for (std::size_t i = 0; i < type.size(); ++i) {
    const char c = type[i];
    const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower != kForm[i]) return false;
  }
  return true;
}

}  // namespace mediagate::core
