#include "cli/vendor_names.hpp"

#include "vendors/client_descriptors.hpp"

namespace mediagate::cli {

std::string vendor_names(std::string_view separator,
                         bool (*holds)(const client::VendorDescriptor&)) {
  std::string names;
  for (const auto* descriptor : vendors::client_descriptors()) {
    if (holds != nullptr && !holds(*descriptor)) continue;
    if (!names.empty()) names += separator;
    names += descriptor->name;
  }
  return names;
}

std::string with_vendor_list(std::string_view text) {
  constexpr std::string_view kPlaceholder = "{vendors}";
  std::string result(text);
  const auto at = result.find(kPlaceholder);
  if (at != std::string::npos) result.replace(at, kPlaceholder.size(), vendor_names(" | "));
  return result;
}

}  // namespace mediagate::cli
