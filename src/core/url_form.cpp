#include "core/url_form.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

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

namespace {

// Word-at-a-time scanning: eight bytes are tested at once for the bytes that end a run of
// plain text ('&', '=', '+', '%'), instead of one comparison per byte and per special byte.
constexpr std::uint64_t kEveryByte = 0x0101010101010101ULL;
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

// The high bit of each byte of `word` that equals `c`, exact for the lowest such byte: a byte
// above (later in memory than) a match may be flagged too, by the borrow, which only the
// first match's position (countr_zero) is read past.
constexpr std::uint64_t bytes_equal_to(std::uint64_t word, unsigned char c) {
  const std::uint64_t x = word ^ (kEveryByte * c);
  return (x - kEveryByte) & ~x & kHighBits;
}

std::uint64_t load_word(const char* p) {
  std::uint64_t word = 0;
  std::memcpy(&word, p, sizeof word);
  if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
  return word;
}

// Where a component ends: at the end of the text, and within a form at '&' too, and for a
// field's name at '=' as well.
enum class Until { kEnd, kAmpersand, kAmpersandOrEquals };

template <Until until>
constexpr bool ends_run(unsigned char c) {
  return c == '+' || c == '%' || (until != Until::kEnd && c == '&') ||
         (until == Until::kAmpersandOrEquals && c == '=');
}

template <Until until>
std::uint64_t run_ends_in(std::uint64_t word) {
  std::uint64_t found = bytes_equal_to(word, '+') | bytes_equal_to(word, '%');
  if constexpr (until != Until::kEnd) found |= bytes_equal_to(word, '&');
  if constexpr (until == Until::kAmpersandOrEquals) found |= bytes_equal_to(word, '=');
  return found;
}

constexpr std::size_t kWord = sizeof(std::uint64_t);

// The first byte in [p, end) that ends a run (see ends_run), or `end`; [begin, end) is the
// text, p inside it. Every byte it reads from p on is OR-ed into `seen` (some past the one it
// stops at: `seen` only says whether a byte above 0x7F may be in the component, which the exact
// UTF-8 check then decides).
template <Until until>
const char* find_run_end(const char* begin, const char* p, const char* end, std::uint64_t& seen) {
  while (static_cast<std::size_t>(end - p) >= kWord) {
    const std::uint64_t word = load_word(p);
    seen |= word;
    if (const std::uint64_t found = run_ends_in<until>(word); found != 0) {
      return p + std::countr_zero(found) / 8;
    }
    p += kWord;
  }
  const auto left = static_cast<std::size_t>(end - p);
  if (left == 0) return end;
  if (static_cast<std::size_t>(end - begin) >= kWord) {
    // The last word of the text, shifted so that its first byte is p's: the bytes shifted in
    // are zeros, which end no run.
    const std::uint64_t word = load_word(end - kWord) >> (8 * (kWord - left));
    seen |= word;
    const std::uint64_t found = run_ends_in<until>(word);
    return found != 0 ? p + std::countr_zero(found) / 8 : end;
  }
  for (; p < end; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    seen |= c;
    if (ends_run<until>(c)) return p;
  }
  return end;
}

// Decodes the component that starts at `p` into `out` (empty), up to where `until` says it
// ends; the position of that end ('&', '=' or `end`). [begin, end) is the whole text. The same
// result as decode_form_component on the component alone: a malformed escape is reported where
// it is met, a component that is not UTF-8 once it is whole.
template <Until until>
Expected<const char*, FormError> decode_component_into(const char* begin, const char* p,
                                                       const char* end, std::string& out) {
  std::uint64_t seen = 0;
  const char* run = p;
  for (;;) {
    p = find_run_end<until>(begin, p, end, seen);
    if (p == end || !(*p == '+' || *p == '%')) break;
    out.append(run, static_cast<std::size_t>(p - run));
    if (*p == '+') {
      out.push_back(' ');
      ++p;
    } else {
      // The two digits must be inside the component: '&' and '=', where one may end, are not
      // hex digits.
      if (end - p < 3) return unexpected(FormError::kBadPercentEncoding);
      const int hi = hex_value(p[1]);
      const int lo = hex_value(p[2]);
      if (hi < 0 || lo < 0) return unexpected(FormError::kBadPercentEncoding);
      const auto byte = static_cast<unsigned>((hi << 4) | lo);
      seen |= byte;
      out.push_back(static_cast<char>(byte));
      p += 3;
    }
    run = p;
  }
  out.append(run, static_cast<std::size_t>(p - run));
  if ((seen & kHighBits) != 0 && !is_valid_utf8(out)) {
    return unexpected(FormError::kInvalidUtf8);
  }
  return p;
}

}  // namespace

Expected<std::string, FormError> decode_form_component(std::string_view encoded) {
  std::string out;
  out.reserve(encoded.size());
  const char* begin = encoded.data();
  MG_TRY_VOID(decode_component_into<Until::kEnd>(begin, begin, begin + encoded.size(), out));
  return out;
}

Expected<FormFields, FormError> decode_form(std::string_view encoded) {
  // One allocation for a request's parameters rather than one per doubling (none for an empty
  // query): at most one field per two bytes ("a&b&c"), capped, so that a body of '&'s (empty
  // segments, skipped) does not reserve in proportion to its length.
  constexpr std::size_t kReserved = 16;
  FormFields fields;
  if (!encoded.empty()) fields.reserve(std::min((encoded.size() + 1) / 2, kReserved));
  const char* begin = encoded.data();
  const char* end = begin + encoded.size();
  const char* p = begin;
  while (p != end) {
    if (*p == '&') {  // an empty segment
      ++p;
      continue;
    }
    // Decoded in place: the field's strings are the ones the decoder writes to.
    auto& [name, value] = fields.emplace_back();
    MG_TRY(p, decode_component_into<Until::kAmpersandOrEquals>(begin, p, end, name));
    if (p != end && *p == '=') {
      MG_TRY(p, decode_component_into<Until::kAmpersand>(begin, p + 1, end, value));
    }
    if (p != end) ++p;  // the '&'
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

// `raw` appended with every byte but the unreserved ones as %XX (upper-case hex), or as %25XX
// when `kTwice` (the escape's '%' escaped again). Sized once, then written in place: a
// canonical string escaped again (a vendor's string to sign) has an escape every few bytes, and
// a push_back per byte costs a capacity check. The escape is a constant, written with fixed
// stores rather than a copy of a given length.
template <bool kTwice>
void append_escaped_with(std::string& out, std::string_view raw) {
  constexpr std::size_t kEscapeSize = kTwice ? 5 : 3;
  std::size_t escapes = 0;
  for (const char ch : raw) escapes += kUnreserved[static_cast<unsigned char>(ch)] ? 0U : 1U;
  if (escapes == 0) {
    out.append(raw);
    return;
  }
  const std::size_t start = out.size();
  out.resize(start + raw.size() + (kEscapeSize - 1) * escapes);
  char* next = out.data() + start;
  for (const char ch : raw) {
    const auto c = static_cast<unsigned char>(ch);
    if (kUnreserved[c]) {
      *next++ = ch;
      continue;
    }
    next[0] = '%';
    if constexpr (kTwice) {
      next[1] = '2';
      next[2] = '5';
    }
    next[kEscapeSize - 2] = kHexDigits[c >> 4];
    next[kEscapeSize - 1] = kHexDigits[c & 0x0F];
    next += kEscapeSize;
  }
}

}  // namespace

void append_rfc3986(std::string& out, std::string_view raw) {
  append_escaped_with<false>(out, raw);
}

void append_rfc3986_twice(std::string& out, std::string_view raw) {
  append_escaped_with<true>(out, raw);
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
