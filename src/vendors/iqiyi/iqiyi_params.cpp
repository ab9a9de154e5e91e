#include "vendors/iqiyi/iqiyi_params.hpp"

namespace mediagate::vendors::iqiyi {
namespace {

// Code points in valid UTF-8: every byte that is not a continuation byte starts one.
std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++count;
  }
  return count;
}

}  // namespace

bool is_valid_message_id(std::string_view message_id) {
  if (count_code_points(message_id) <= kMessageIdMinExclusive) return false;
  const auto underscore = message_id.find('_');
  return underscore != std::string_view::npos && underscore > 0 &&
         underscore + 1 < message_id.size();
}

}  // namespace mediagate::vendors::iqiyi
