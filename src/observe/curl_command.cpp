#include "observe/curl_command.hpp"

#include <cctype>

namespace mediagate::observe {
namespace {

void append_encoded(std::string& out, std::string_view text) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4U];
      out += kHex[byte & 0x0FU];
    }
  }
}

}  // namespace

std::string placeholder_variable(std::string_view parameter_name) {
  std::string name;
  for (const char c : parameter_name) {
    const auto byte = static_cast<unsigned char>(c);
    name += std::isalnum(byte) != 0 ? static_cast<char>(std::toupper(byte)) : '_';
  }
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front())) != 0) {
    name.insert(0, "_");
  }
  return name;
}

std::string shell_quoted(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += '\'';
  return out;
}

std::string curl_command(const JournalEntry& entry) {
  std::string command = "curl";
  const bool get = entry.method == "GET" || entry.method.empty();
  if (!get) command += " -X " + shell_quoted(entry.method);
  std::string url = "http://" + (entry.host.empty() ? std::string("HOST") : entry.host);
  url += entry.path;
  // The form as shell words glued together: literal text single-quoted, a masked value as a
  // double-quoted variable. A GET's form follows the URL in the same word.
  std::string words;
  std::string pending = get && !entry.parameters.empty() ? url + "?" : std::string();
  bool first = true;
  for (const auto& parameter : entry.parameters) {
    if (!first) pending += '&';
    first = false;
    append_encoded(pending, parameter.name);
    pending += '=';
    if (parameter.masked) {
      words += shell_quoted(pending);
      pending.clear();
      words += "\"${" + placeholder_variable(parameter.name) + "}\"";
    } else {
      append_encoded(pending, parameter.value);
    }
  }
  if (!pending.empty()) words += shell_quoted(pending);
  if (get) return command + ' ' + (entry.parameters.empty() ? shell_quoted(url) : words);
  command += ' ' + shell_quoted(url);
  command += " -H 'Content-Type: application/x-www-form-urlencoded'";
  if (!entry.parameters.empty()) command += " --data-raw " + words;
  return command;
}

}  // namespace mediagate::observe
