#include "admin/admin_auth.hpp"

#include <algorithm>
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

AuthFailureLimiter::AuthFailureLimiter(AuthFailureSettings settings, std::size_t max_addresses)
    : settings_(settings), max_addresses_(max_addresses) {}

std::optional<core::EpochMs> AuthFailureLimiter::blocked_until(std::string_view address,
                                                               core::EpochMs now) const {
  const std::lock_guard lock(mutex_);
  const auto it = entries_.find(std::string(address));
  if (it == entries_.end() || it->second.blocked_until <= now) return std::nullopt;
  return it->second.blocked_until;
}

std::optional<core::EpochMs> AuthFailureLimiter::failed(std::string_view address,
                                                        core::EpochMs now) {
  const std::lock_guard lock(mutex_);
  auto it = entries_.find(std::string(address));
  if (it == entries_.end()) {
    if (entries_.size() >= max_addresses_) sweep(now);
    if (entries_.size() >= max_addresses_) return std::nullopt;
    it = entries_.emplace(std::string(address), Entry{now, 0, 0}).first;
  }
  Entry& entry = it->second;
  if (entry.blocked_until > now) return entry.blocked_until;
  if (now - entry.window_start >= settings_.window_ms || entry.blocked_until != 0) {
    entry = Entry{now, 0, 0};  // a new window
  }
  if (++entry.failures <= settings_.max_failures) return std::nullopt;
  entry.blocked_until = now + std::max<std::int64_t>(settings_.block_ms, 1);
  return entry.blocked_until;
}

std::size_t AuthFailureLimiter::size() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

void AuthFailureLimiter::sweep(core::EpochMs now) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    const Entry& entry = it->second;
    const bool window_over = now - entry.window_start >= settings_.window_ms;
    if (window_over && entry.blocked_until <= now) {
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
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
