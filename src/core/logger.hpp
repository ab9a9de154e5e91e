// JSON-lines logging. Each call writes one complete line under a lock, so lines from several
// threads never interleave. Callers pass only what may be seen: secrets and signatures are
// never handed to the logger (the access log records ids, never credentials).
#pragma once

#include <cstdio>
#include <initializer_list>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "core/clock.hpp"

namespace mediagate::core {

using LogValue = std::variant<std::string_view, std::int64_t, double, bool>;
using LogField = std::pair<std::string_view, LogValue>;

class Logger {
 public:
  // Writes to `sink` (not owned); nullptr disables the logger.
  Logger(std::FILE* sink, const Clock& clock) : sink_(sink), clock_(clock) {}

  // Opens `target`: "stderr", "stdout", "off" or a file path (appended to).
  static Logger open(const std::string& target, const Clock& clock);
  Logger(Logger&& other) noexcept;
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;
  ~Logger();

  bool enabled() const { return sink_ != nullptr; }

  // {"ts":"…","level":"…","msg":"…", fields…}
  void write(std::string_view level, std::string_view message,
             std::initializer_list<LogField> fields = {});
  void info(std::string_view message, std::initializer_list<LogField> fields = {}) {
    write("info", message, fields);
  }
  void warn(std::string_view message, std::initializer_list<LogField> fields = {}) {
    write("warn", message, fields);
  }
  void error(std::string_view message, std::initializer_list<LogField> fields = {}) {
    write("error", message, fields);
  }

 private:
  std::FILE* sink_;
  bool owned_ = false;
  const Clock& clock_;
  std::mutex mutex_;
};

// Appends `text` to `out` as a JSON string literal (with quotes), escaping as JSON requires.
void append_json_string(std::string& out, std::string_view text);

}  // namespace mediagate::core
