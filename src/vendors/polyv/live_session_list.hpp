// GET /live/v3/channel/session/data/list (seed 003, vendor-spec §4, decisions.md "Polyv").
#pragma once

#include "http/message.hpp"
#include "vendors/vendor_context.hpp"

namespace mediagate::vendors::polyv {

class LiveSessionList {
 public:
  explicit LiveSessionList(VendorContext& context) : context_(context) {}
  http::Response handle(http::Request& request) const;

 private:
  VendorContext& context_;
};

}  // namespace mediagate::vendors::polyv
