#include "vendors/iqiyi/iqiyi_params.hpp"

#include <array>

#include "http/jsonp.hpp"

namespace mediagate::vendors::iqiyi {
namespace {

constexpr std::array<std::string_view, 3> kXiaomiBoxParams{"is_login", "dev_mac", "cp_data"};

std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// Code points in valid UTF-8: every byte that is not a continuation byte starts one.
std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++count;
  }
  return count;
}

}  // namespace

bool is_form_content_type(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  return equals_ignoring_ascii_case(trim_blanks(content_type.substr(0, semicolon)),
                                    kFormContentType);
}

bool is_valid_message_id(std::string_view message_id) {
  if (count_code_points(message_id) <= kMessageIdMinExclusive) return false;
  const auto underscore = message_id.find('_');
  return underscore != std::string_view::npos && underscore > 0 &&
         underscore + 1 < message_id.size();
}

Callback read_callback(const core::ParamMap& params) {
  const auto name = core::non_empty_param(params, "callback");
  if (!name) return {};
  if (!http::is_valid_jsonp_callback(*name)) return {std::nullopt, false};
  return {std::string(*name), true};
}

std::optional<VodCountRequest> read_vod_count_request(const core::ParamMap& params) {
  const auto message_id = core::non_empty_param(params, "messageId");
  const auto version = core::non_empty_param(params, "version");
  const auto partner_code = core::non_empty_param(params, "partnerCode");
  const auto sign = core::non_empty_param(params, "sign");
  if (!message_id || !version || !partner_code || !sign) return std::nullopt;
  if (*version != kVersion || !is_valid_message_id(*message_id)) return std::nullopt;

  const auto area = core::non_empty_param(params, "area").value_or(kDefaultArea);
  if (area != "CN" && area != "TW") return std::nullopt;

  const auto user_id = core::non_empty_param(params, "user_id");
  if (!user_id) {
    bool xiaomi_box = false;
    for (const auto name : kXiaomiBoxParams)
      xiaomi_box |= core::non_empty_param(params, name).has_value();
    if (!xiaomi_box) return std::nullopt;
  }

  VodCountRequest request;
  request.message_id = std::string(*message_id);
  request.partner_code = std::string(*partner_code);
  request.sign = std::string(*sign);
  request.area = std::string(area);
  if (user_id) request.user_id = std::string(*user_id);
  return request;
}

}  // namespace mediagate::vendors::iqiyi
