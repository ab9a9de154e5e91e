// How the SDK reads a Polyv answer (VOD, live, group): {"code": 200, "status": "success",
// "message": ..., "data": ...} is success; any other code or status is the vendor's error.
#pragma once

#include <boost/json/object.hpp>

#include "client/client_error.hpp"
#include "client/http_client.hpp"
#include "client/vendor_descriptor.hpp"
#include "core/expected.hpp"

namespace mediagate::vendors::polyv {

// A VendorDescriptor::check_envelope: code 200 with status "success", else a kVendor error
// carrying the code, the message and the status (ClientError::vendor_status).
core::Expected<core::Ok, client::ClientError> check_polyv_envelope(
    const client::VendorDescriptor& self, const boost::json::object& envelope,
    const client::ClientResponse& response);

}  // namespace mediagate::vendors::polyv
