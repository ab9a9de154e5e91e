// Request parameters after form decoding: name -> value, sorted by byte order of the name,
// which is the sort order every vendor's signature rule uses (vendor-spec §0.2).
#pragma once

#include <boost/container/flat_map.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/expected.hpp"
#include "core/url_form.hpp"

namespace mediagate::core {

// A sorted vector of (name, value) pairs rather than a tree: a request's few parameters cost one
// allocation instead of one per parameter, and a lookup walks contiguous memory. Its storage is a
// FormFields, so that a decoded query, once sorted, is adopted as it is. Inserting one by one is
// linear per insertion: the decoding below sorts once instead. As with any vector, an insertion
// invalidates iterators and pointers into the map (find_param's too).
using ParamMap = boost::container::flat_map<std::string, std::string, std::less<>, FormFields>;

// Why a query could not become a ParamMap.
struct ParamError {
  enum class Kind { kBadPercentEncoding, kInvalidUtf8, kDuplicateName } kind;
  std::string name;  // the duplicated name, for kDuplicateName
};

// Decodes a query string or form body; a name given twice is an error (decisions.md).
Expected<ParamMap, ParamError> parse_params(std::string_view encoded);

// Merges `more` into `into`; a name present in both is a duplicate (query + form body).
Expected<Ok, ParamError> merge_params(ParamMap& into, const FormFields& more);
// The same, moving the values out of `more` (the names are copied: a duplicate reports its).
Expected<Ok, ParamError> merge_params(ParamMap& into, FormFields&& more);

inline const std::string* find_param(const ParamMap& params, std::string_view name) {
  const auto it = params.find(name);
  return it == params.end() ? nullptr : &it->second;
}

// The value if present and non-empty.
inline std::optional<std::string_view> non_empty_param(const ParamMap& params,
                                                       std::string_view name) {
  const auto* value = find_param(params, name);
  if (value == nullptr || value->empty()) return std::nullopt;
  return std::string_view{*value};
}

}  // namespace mediagate::core
