#include "observe/parameter_mask.hpp"

#include <algorithm>
#include <cctype>

namespace mediagate::observe {
namespace {

bool contains_word(std::string_view name, std::string_view word) {
  const auto it =
      std::search(name.begin(), name.end(), word.begin(), word.end(),
                  [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
  return it != name.end();
}

constexpr std::size_t kTokenKeptBytes = 4;
constexpr std::size_t kTokenShortest = 12;  // shorter tokens are masked entirely

}  // namespace

MaskedText mask_value(std::string_view name, std::string_view value,
                      std::string_view signature_name) {
  if (name == signature_name || contains_word(name, "secret") || contains_word(name, "password")) {
    return {{}, true};
  }
  if (contains_word(name, "token")) {
    return {value.size() > kTokenShortest ? value.substr(0, kTokenKeptBytes) : std::string_view{},
            true};
  }
  return {value, false};
}

JournalParameter masked_parameter(std::string_view name, std::string_view value,
                                  std::string_view signature_name) {
  const MaskedText text = mask_value(name, value, signature_name);
  JournalParameter out{std::string(name), std::string(text.kept), text.masked};
  if (text.masked) out.value += kMaskedValue;
  return out;
}

std::vector<JournalParameter> masked_parameters(const core::ParamMap& params,
                                                std::string_view signature_name) {
  std::vector<JournalParameter> out;
  out.reserve(params.size());
  for (const auto& [name, value] : params) {
    out.push_back(masked_parameter(name, value, signature_name));
  }
  return out;
}

}  // namespace mediagate::observe
