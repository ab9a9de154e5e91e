#include "core/params.hpp"

namespace mediagate::core {

Expected<Ok, ParamError> merge_params(ParamMap& into, const FormFields& more) {
  for (const auto& [name, value] : more) {
    if (!into.emplace(name, value).second) {
      return unexpected(ParamError{ParamError::Kind::kDuplicateName, name});
    }
  }
  return Ok{};
}

Expected<ParamMap, ParamError> parse_params(std::string_view encoded) {
  auto fields = decode_form(encoded);
  if (!fields) {
    const auto kind = fields.error() == FormError::kInvalidUtf8
                          ? ParamError::Kind::kInvalidUtf8
                          : ParamError::Kind::kBadPercentEncoding;
    return unexpected(ParamError{kind, {}});
  }
  ParamMap params;
  auto merged = merge_params(params, *fields);
  if (!merged) return unexpected(std::move(merged).error());
  return params;
}

}  // namespace mediagate::core
