#include "core/logger.hpp"

#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "core/civil_time.hpp"
#include "core/url_form.hpp"

namespace mediagate::core {

namespace {

// Bytes that JSON requires escaped: control characters, the quote and the backslash.
constexpr bool needs_escape(unsigned char c) {
  return c < 0x20 || c == '"' || c == '\\';
}

// A log line is JSON text, which must be UTF-8: what a client sent (a raw request target, a
// decoded path parameter) may not be, and gets U+FFFD for each byte that is not.
void append_log_string(std::string& out, std::string_view text) {
  if (is_valid_utf8(text)) {
    append_json_string(out, text);
  } else {
    append_json_string(out, replace_invalid_utf8(text));
  }
}

}  // namespace

namespace {

constexpr std::uint64_t kEveryByte = 0x0101010101010101ULL;
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

// The high bit of each byte of `word` (eight bytes of text, the first in the low byte) that JSON
// requires escaped (needs_escape). Exact for the lowest flagged byte, the only one read: the
// borrows of the subtractions may flag bytes above a flagged one, never below.
constexpr std::uint64_t escapes_in(std::uint64_t word) {
  const auto equal_to = [word](unsigned char c) {
    const std::uint64_t x = word ^ (kEveryByte * c);
    return (x - kEveryByte) & ~x;
  };
  const std::uint64_t control = word - kEveryByte * 0x20;  // below 0x20: the high bit set
  return (control | equal_to('"') | equal_to('\\')) & ~word & kHighBits;
}

// Every byte value, in all eight places of a word, is flagged exactly when needs_escape says so.
constexpr bool escapes_in_is_needs_escape() {
  for (unsigned c = 0; c < 256; ++c) {
    const std::uint64_t flags = escapes_in(kEveryByte * c);
    if (flags != (needs_escape(static_cast<unsigned char>(c)) ? kHighBits : 0)) return false;
  }
  return true;
}
static_assert(escapes_in_is_needs_escape());

std::uint64_t load_word(const char* p) {
  std::uint64_t word = 0;
  std::memcpy(&word, p, sizeof word);
  if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
  return word;
}

// The `size` (1 to 7) bytes at `p` as a word, the first in the low byte, zeros above: read
// with loads that overlap, never outside [p, p + size).
std::uint64_t load_short(const char* p, std::size_t size) {
  const auto byte = [p](std::size_t i) {
    return static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  };
  if (size < 4) return byte(0) | byte(size / 2) | byte(size - 1);
  std::uint32_t low = 0;
  std::uint32_t high = 0;
  std::memcpy(&low, p, sizeof low);
  std::memcpy(&high, p + size - 4, sizeof high);
  if constexpr (std::endian::native == std::endian::big) {
    low = __builtin_bswap32(low);
    high = __builtin_bswap32(high);
  }
  return std::uint64_t{low} | (std::uint64_t{high} << (8 * (size - 4)));
}

// The position of the first byte of `text` at or after `from` that needs an escape, or its size.
std::size_t next_escape(std::string_view text, std::size_t from) {
  constexpr std::size_t kWord = sizeof(std::uint64_t);
  const char* data = text.data();
  std::size_t i = from;
  for (; text.size() - i >= kWord; i += kWord) {
    if (const std::uint64_t found = escapes_in(load_word(data + i)); found != 0) {
      return i + static_cast<std::size_t>(std::countr_zero(found)) / 8;
    }
  }
  const std::size_t left = text.size() - i;
  if (left == 0) return i;
  // The last 1 to 7 bytes, zeros above them: a zero looks like a control character, so only the
  // flags of the text's own bytes are kept (the borrows only flag bytes above, never below).
  const std::uint64_t word = text.size() >= kWord
                                 ? load_word(data + text.size() - kWord) >> (8 * (kWord - left))
                                 : load_short(data + i, left);
  const std::uint64_t found = escapes_in(word) & ((std::uint64_t{1} << (8 * left)) - 1);
  return found != 0 ? i + static_cast<std::size_t>(std::countr_zero(found)) / 8 : text.size();
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  // Runs of bytes that need no escape are appended whole (most text has no escape at all),
  // found eight bytes at a time.
  std::size_t run = 0;
  for (std::size_t i = next_escape(text, 0); i < text.size(); i = next_escape(text, run)) {
    const auto c = static_cast<unsigned char>(text[i]);
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0x0F]);
    }
  }
  out.append(text.data() + run, text.size() - run);
  out.push_back('"');
}

Logger Logger::open(const std::string& target, const Clock& clock) {
  if (target == "off" || target.empty()) return Logger(nullptr, clock);
  if (target == "stderr") return Logger(stderr, clock);
  if (target == "stdout") return Logger(stdout, clock);
  std::FILE* file = std::fopen(target.c_str(), "ae");
  Logger logger(file, clock);
  logger.owned_ = file != nullptr;
  return logger;
}

Logger::Logger(Logger&& other) noexcept
    : sink_(other.sink_), owned_(other.owned_), clock_(other.clock_) {
  other.sink_ = nullptr;
  other.owned_ = false;
}

Logger::~Logger() {
  if (owned_ && sink_ != nullptr) std::fclose(sink_);
}

void Logger::write(std::string_view level, std::string_view message,
                   std::initializer_list<LogField> fields) {
  if (sink_ == nullptr) return;
  const EpochMs now = clock_.now_ms();
  std::string line;
  line.reserve(160);
  line += "{\"ts\":";
  char ts[48];
  std::snprintf(ts, sizeof ts, "%s.%03lldZ", format_wall_time(now, 0).c_str(),
                static_cast<long long>(((now % 1000) + 1000) % 1000));
  ts[10] = 'T';
  append_json_string(line, ts);
  line += ",\"level\":";
  append_json_string(line, level);
  line += ",\"msg\":";
  append_log_string(line, message);
  for (const auto& [key, value] : fields) {
    line.push_back(',');
    append_json_string(line, key);
    line.push_back(':');
    if (const auto* s = std::get_if<std::string_view>(&value)) {
      append_log_string(line, *s);
    } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
      line += std::to_string(*i);
    } else if (const auto* d = std::get_if<double>(&value)) {
      char number[32];
      std::snprintf(number, sizeof number, "%.3f", *d);
      line += number;
    } else {
      line += std::get<bool>(value) ? "true" : "false";
    }
  }
  line += "}\n";
  const std::lock_guard lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), sink_);
  std::fflush(sink_);
}

}  // namespace mediagate::core
