// What the admin API's sandbox resources (/admin/v1/sandbox/...) operate on. Present only in
// sandbox mode; without it those resources are not mounted (404 like any unknown path).
#pragma once

#include <functional>
#include <span>

#include "client/vendor_descriptor.hpp"
#include "core/clock.hpp"
#include "endpoint/fault_injection.hpp"
#include "http/message.hpp"

namespace mediagate::admin {

struct SandboxControls {
  core::OffsetClock* clock = nullptr;      // the server clock the vendor endpoints read
  endpoint::FaultTable* faults = nullptr;  // the vendor endpoints' injected faults
  // The workbench and the explorer (admin/workbench.cpp): the SDK's descriptors of the vendor
  // endpoints (vendors::client_descriptors(), handed over by the composition root, so that the
  // admin API names no vendor), and the vendor listener's router, called in this process.
  std::span<const client::VendorDescriptor* const> signers;
  std::function<http::Response(http::Request&)> dispatch;  // empty: /sandbox/requests is 404
};

}  // namespace mediagate::admin
