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
  MG_TRY(const auto fields, decode_form(encoded).transform_error([](FormError error) {
    return ParamError{error == FormError::kInvalidUtf8 ? ParamError::Kind::kInvalidUtf8
                                                       : ParamError::Kind::kBadPercentEncoding,
                      {}};
  }));
  ParamMap params;
  MG_TRY_VOID(merge_params(params, fields));
  return params;
}

}  // namespace mediagate::core
