// What the admin API's sandbox resources (/admin/v1/sandbox/...) operate on. Present only in
// sandbox mode; without it those resources are not mounted (404 like any unknown path).
#pragma once

#include "core/clock.hpp"
#include "endpoint/fault_injection.hpp"

namespace mediagate::admin {

struct SandboxControls {
  core::OffsetClock* clock = nullptr;      // the server clock the vendor endpoints read
  endpoint::FaultTable* faults = nullptr;  // the vendor endpoints' injected faults
};

}  // namespace mediagate::admin
