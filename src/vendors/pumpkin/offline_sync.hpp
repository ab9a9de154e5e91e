// GET /media/offline_sync (seed 000, vendor-spec §1, decisions.md "Pumpkin offline_sync").
#pragma once

#include <string_view>

#include "http/message.hpp"
#include "vendors/vendor_context.hpp"

namespace mediagate::vendors::pumpkin {

// The route, and the `action` the server always signs (whatever the client sent as `action`).
inline constexpr std::string_view kOfflineSyncPath = "/media/offline_sync";

class OfflineSync {
 public:
  explicit OfflineSync(VendorContext& context) : context_(context) {}
  http::Response handle(http::Request& request) const;

 private:
  VendorContext& context_;
};

}  // namespace mediagate::vendors::pumpkin
