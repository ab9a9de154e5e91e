#include "core/logger.hpp"

#include <cstdio>

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

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  // Runs of bytes that need no escape are appended whole: most text has no escape at all.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!needs_escape(c)) continue;
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
