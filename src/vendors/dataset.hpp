// The data of every module together (the composition level, which may name them): what an
// import writes and an export reads, what an import changed, and which one entity to remove.
// Each module's part is written and read by its own section (vendors/<v>/<v>_writes.hpp),
// composed over the modules by vendors/dataset_writes.cpp.
#pragma once

#include <cstdint>
#include <variant>

#include "store/model.hpp"
#include "vendors/iqiyi/iqiyi_model.hpp"
#include "vendors/polyv/polyv_model.hpp"
#include "vendors/pumpkin/pumpkin_model.hpp"

namespace mediagate::vendors {

using store::Dataset;

// What an import changed, per entity kind (inserted + updated rows).
struct ImportSummary {
  std::int64_t polyv_accounts = 0;
  std::int64_t videos = 0;
  std::int64_t categories = 0;
  std::int64_t channels = 0;
  std::int64_t sessions = 0;
  std::int64_t polyv_groups = 0;
  std::int64_t allocations = 0;
  std::int64_t iqiyi_partners = 0;
  std::int64_t iqiyi_users = 0;
  std::int64_t iqiyi_coupon_uses = 0;
  std::int64_t pumpkin_partners = 0;
  std::int64_t pumpkin_media = 0;

  friend bool operator==(const ImportSummary&, const ImportSummary&) = default;
};

// Which entity to remove (each module says what removing one of its own removes).
using EntityRef =
    std::variant<polyv::PolyvAccountRef, polyv::PolyvSubAccountRef, polyv::CategoryRef,
                 polyv::VideoRef, polyv::ChannelRef, polyv::SessionRef, polyv::PolyvGroupRef,
                 polyv::GroupSubAccountRef, polyv::AllocationRef, iqiyi::IqiyiPartnerRef,
                 iqiyi::IqiyiUserRef, pumpkin::PumpkinPartnerRef, pumpkin::PumpkinActionRef,
                 pumpkin::PumpkinMediaRef, pumpkin::PumpkinMediaDetailsRef>;

}  // namespace mediagate::vendors
