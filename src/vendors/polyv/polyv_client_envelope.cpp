#include "vendors/polyv/polyv_client_envelope.hpp"

#include <string>

#include "client/json_fields.hpp"

namespace mediagate::vendors::polyv {

core::Expected<core::Ok, client::ClientError> check_polyv_envelope(
    const client::VendorDescriptor& self, const boost::json::object& envelope,
    const client::ClientResponse& response) {
  const auto code = client::detail::integer_field(envelope, "code");
  const auto* status = client::detail::string_field(envelope, "status");
  const auto* message = client::detail::string_field(envelope, "message");
  if (!code || status == nullptr || message == nullptr) {
    return core::unexpected(client::detail::not_an_envelope(self.name, response));
  }
  if (*code != 200 || *status != "success") {
    return core::unexpected(client::ClientError::vendor(std::to_string(*code),
                                                        std::string(*message), response.status,
                                                        response.body, std::string(*status)));
  }
  return core::Ok{};
}

}  // namespace mediagate::vendors::polyv
