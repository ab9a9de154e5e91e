// The data of every module together (the composition level, which may name them): a whole
// fixture document's worth (what an import writes and an export reads, each module's part its
// own values: vendors/<v>/<v>_model.hpp), what an import changed, and which one entity to remove.
// Each module's part is written and read by its own section (vendors/<v>/<v>_writes.hpp),
// composed over the modules by vendors/dataset_writes.cpp.
#pragma once

#include <cstdint>
#include <variant>
#include <vector>

#include "vendors/iqiyi/iqiyi_model.hpp"
#include "vendors/polyv/polyv_model.hpp"
#include "vendors/pumpkin/pumpkin_model.hpp"

namespace mediagate::vendors {

// A whole fixture document's worth of data.
struct Dataset {
  std::vector<polyv::PolyvAccount> polyv_accounts;
  std::vector<polyv::PolyvGroup> polyv_groups;
  std::vector<iqiyi::IqiyiPartner> iqiyi_partners;
  std::vector<pumpkin::PumpkinPartner> pumpkin_partners;
  std::vector<pumpkin::PumpkinMedia> pumpkin_media;
  // Each for a media of pumpkin_media (the fixture format writes them inside it).
  std::vector<pumpkin::PumpkinMediaDetails> pumpkin_details;

  friend bool operator==(const Dataset&, const Dataset&) = default;
};

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
