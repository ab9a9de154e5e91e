#include "vendors/polyv/polyv_params.hpp"

#include <limits>

#include "core/numbers.hpp"
#include "http/jsonp.hpp"

namespace mediagate::vendors::polyv {

std::optional<std::int64_t> saturating_digits(std::string_view text) {
  if (text.empty()) return std::nullopt;
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  std::int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const std::int64_t digit = c - '0';
    value = value > (kMax - digit) / 10 ? kMax : value * 10 + digit;
  }
  return value;
}

JsonpParam jsonp_param(const core::ParamMap& params, std::string_view name) {
  const auto text = core::non_empty_param(params, name);
  if (!text) return {};
  if (!http::is_valid_jsonp_callback(*text)) return {std::nullopt, false};
  return {std::string(*text), true};
}

}  // namespace mediagate::vendors::polyv
