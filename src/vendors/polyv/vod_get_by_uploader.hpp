// GET /v2/video/{userid}/get-by-uploader (seed 001, vendor-spec §2, decisions.md "Polyv").
#pragma once

#include "http/message.hpp"
#include "vendors/vendor_context.hpp"

namespace mediagate::vendors::polyv {

class VodGetByUploader {
 public:
  explicit VodGetByUploader(VendorContext& context) : context_(context) {}
  http::Response handle(http::Request& request) const;

 private:
  VendorContext& context_;
};

}  // namespace mediagate::vendors::polyv
