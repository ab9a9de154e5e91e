// GET /v2/group/account/list-allocate-log (seed 004, vendor-spec §5, decisions.md "Polyv").
#pragma once

#include "http/message.hpp"
#include "vendors/vendor_context.hpp"

namespace mediagate::vendors::polyv {

class GroupAllocateLog {
 public:
  explicit GroupAllocateLog(VendorContext& context) : context_(context) {}
  http::Response handle(http::Request& request) const;

 private:
  VendorContext& context_;
};

}  // namespace mediagate::vendors::polyv
