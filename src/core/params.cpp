#include "core/params.hpp"

#include <utility>

namespace mediagate::core {

Expected<Ok, ParamError> merge_params(ParamMap& into, const FormFields& more) {
  for (const auto& [name, value] : more) {
    if (!into.emplace(name, value).second) {
      return unexpected(ParamError{ParamError::Kind::kDuplicateName, name});
    }
  }
  return Ok{};
}

Expected<Ok, ParamError> merge_params(ParamMap& into, FormFields&& more) {
  for (auto& [name, value] : more) {
    if (!into.try_emplace(name, std::move(value)).second) {
      return unexpected(ParamError{ParamError::Kind::kDuplicateName, name});
    }
  }
  return Ok{};
}

Expected<ParamMap, ParamError> parse_params(std::string_view encoded) {
  MG_TRY(auto fields, decode_form(encoded).transform_error([](FormError error) {
    return ParamError{error == FormError::kInvalidUtf8 ? ParamError::Kind::kInvalidUtf8
                                                       : ParamError::Kind::kBadPercentEncoding,
                      {}};
  }));
  ParamMap params;
  MG_TRY_VOID(merge_params(params, std::move(fields)));
  return params;
}

}  // namespace mediagate::core
