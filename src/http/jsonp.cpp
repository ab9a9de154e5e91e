#include "http/jsonp.hpp"

namespace mediagate::http {
namespace {

bool is_ascii_letter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

// The escape wrap_jsonp writes for the character that starts at json[i], or nothing: '<' and
// the bytes of U+2028/U+2029 occur in JSON text only inside strings (structure and whitespace
// are other ASCII), where an escape means the same character.
std::string_view jsonp_escape_at(std::string_view json, std::size_t i) {
  if (json[i] == '<') return "\\u003c";
  if (json[i] == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' &&
      (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
    return json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
  }
  return {};
}

}  // namespace

bool is_valid_jsonp_callback(std::string_view callback) {
  if (callback.empty() || callback.size() > kMaxJsonpCallbackLength) return false;
  const char first = callback.front();
  if (!is_ascii_letter(first) && first != '_' && first != '$') return false;
  for (const char c : callback.substr(1)) {
    if (!is_ascii_letter(c) && !is_ascii_digit(c) && c != '_' && c != '$' && c != '.') {
      return false;
    }
  }
  return true;
}

std::string wrap_jsonp(std::string_view callback, std::string_view json) {
  std::string out;
  out.reserve(callback.size() + json.size() + 16);
  out.append(callback);
  out.push_back('(');
  std::size_t run = 0;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const std::string_view escape = jsonp_escape_at(json, i);
    if (escape.empty()) continue;
    out.append(json.substr(run, i - run));
    out.append(escape);
    run = i + (json[i] == '<' ? 1 : 3);
    i = run - 1;
  }
  out.append(json.substr(run));
  out.push_back(')');
  return out;
}

bool needs_jsonp_escapes(std::string_view json) {
  if (json.find('<') != std::string_view::npos) return true;
  for (auto at = json.find('\xE2'); at != std::string_view::npos; at = json.find('\xE2', at + 1)) {
    if (!jsonp_escape_at(json, at).empty()) return true;
  }
  return false;
}

}  // namespace mediagate::http
