// Polyv's part of the demo data (`mediagate seed`, vendors/demo_generator.hpp): accounts with
// Polyv-like ids (10-hex userId, vids "<userId><32 hex>_<userId[0]>"), sub-accounts, 3-level
// category trees under 默认分类 (cataid 1), videos with Chinese and ASCII titles, every status
// (published dominant), mostly sub-account uploads, long-tail play counts and ptimes over the 3
// years before the anchor (more of them recently); channels with sessions over the last year,
// some still live at the anchor (endTime null); groups with sub-accounts and allocations of every
// origin, plus a forbidden group. The first account and group carry fixtures/sample.json's
// credentials. Every row is a pure function of (seed, sizes, anchor, its index).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "vendors/dataset.hpp"

namespace mediagate::vendors::polyv {

struct DemoCounts {
  std::int64_t accounts = 4;  // >= 1
  std::int64_t groups = 3;    // with allocations (+ 1 forbidden), >= 1
  std::int64_t videos = 0;
  std::int64_t sessions = 0;
  std::int64_t allocations = 0;
};

class PolyvDemo {
 public:
  PolyvDemo(std::uint64_t seed, core::EpochMs anchor, const DemoCounts& counts);

  // Before each batch: no account, channel or group sits in it yet.
  void start_batch();
  // Every account (keys, sub-accounts, categories, channels) and group (keys, sub-accounts).
  void skeleton(vendors::Dataset& batch);
  // Row i of each stream, added to its account, channel or group in `batch`.
  void video(vendors::Dataset& batch, std::int64_t i);
  void session(vendors::Dataset& batch, std::int64_t i);
  void allocation(vendors::Dataset& batch, std::int64_t i);

 private:
  struct AccountPlan {
    vendors::polyv::PolyvAccountKeys keys;
    std::vector<std::string> sub_accounts;
    std::vector<vendors::polyv::Category> categories;
    std::vector<std::int64_t> channel_indexes;  // global channel numbers this account owns
  };
  struct GroupPlan {
    vendors::polyv::PolyvGroupKeys keys;
    std::vector<std::string> sub_accounts;
  };

  void plan_accounts();
  void plan_groups();
  vendors::polyv::PolyvAccount& account_in(vendors::Dataset& batch, std::size_t a);
  vendors::polyv::Channel& channel_in(vendors::Dataset& batch, std::int64_t c);
  vendors::polyv::PolyvGroup& group_in(vendors::Dataset& batch, std::size_t g);

  std::uint64_t seed_;
  core::EpochMs anchor_;
  DemoCounts counts_;
  std::vector<AccountPlan> accounts_;
  std::vector<std::string> channel_ids_;    // by global channel number
  std::vector<std::size_t> channel_owner_;  // account index, by channel number
  std::vector<GroupPlan> groups_;           // the forbidden group last

  // Per batch: where each account, channel, group sits in the batch (or npos).
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::vector<std::size_t> account_at_, group_at_;
  std::unordered_map<std::int64_t, std::size_t> channel_at_;  // channel number → index
};

// Appends Polyv's rows of `batch` to `into`, merging accounts, channels and groups by id.
void merge_demo_rows(vendors::Dataset& into, vendors::Dataset& batch);

}  // namespace mediagate::vendors::polyv
