#include "admin/admin_auth.hpp"

#include <fstream>
#include <sstream>

#include "auth/constant_time.hpp"

namespace mediagate::admin {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trim_line_end(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' ||
                           text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

AuthOutcome check_bearer(std::string_view authorization, std::string_view token) {
  if (authorization.empty()) return AuthOutcome::kMissing;
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() <= kScheme.size() ||
      !iequals(authorization.substr(0, kScheme.size()), kScheme)) {
    return AuthOutcome::kWrongScheme;
  }
  const auto presented = authorization.substr(kScheme.size());
  if (token.empty() || !auth::constant_time_equals(presented, token)) {
    return AuthOutcome::kWrongToken;
  }
  return AuthOutcome::kAllowed;
}

core::Expected<std::optional<std::string>, std::string> resolve_admin_token(
    const std::string& token_file, const std::optional<std::string>& environment_value) {
  if (!token_file.empty()) {
    std::ifstream in(token_file, std::ios::binary);
    if (!in) return core::unexpected("admin.token_file: " + token_file + " cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    const std::string content = text.str();
    const auto token = trim_line_end(content);
    if (token.empty()) return core::unexpected("admin.token_file: " + token_file + " is empty");
    return std::optional<std::string>(std::string(token));
  }
  if (!environment_value || environment_value->empty()) return std::optional<std::string>{};
  return environment_value;
}

}  // namespace mediagate::admin
