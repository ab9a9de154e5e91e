#include "http/jsonp.hpp"

namespace mediagate::http {
namespace {

bool is_ascii_letter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
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
  out.reserve(callback.size() + json.size() + 2);
  out.append(callback);
  out.push_back('(');
  out.append(json);
  out.push_back(')');
  return out;
}

}  // namespace mediagate::http
