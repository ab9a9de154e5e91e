// iQiyi's part of the demo data (`mediagate seed`, vendors/demo_generator.hpp): partners with CN
// and TW users and coupon counts, about one user in eight with coupons spent already. The first
// partner carries fixtures/sample.json's credentials. Every row is a pure function of (seed,
// sizes, anchor, its index).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/clock.hpp"
#include "vendors/dataset.hpp"

namespace mediagate::vendors::iqiyi {

struct DemoCounts {
  std::int64_t partners = 2;  // >= 1
  std::int64_t users = 0;
};

class IqiyiDemo {
 public:
  IqiyiDemo(std::uint64_t seed, core::EpochMs anchor, const DemoCounts& counts);

  // Before each batch: no partner sits in it yet.
  void start_batch();
  // Every partner (keys).
  void skeleton(vendors::Dataset& batch);
  // User i, with the coupon uses recorded for it, added to its partner in `batch`.
  void user(vendors::Dataset& batch, std::int64_t i);

 private:
  vendors::iqiyi::IqiyiPartner& partner_in(vendors::Dataset& batch, std::size_t p);
  void coupon_uses(vendors::iqiyi::IqiyiPartner& partner, const vendors::iqiyi::IqiyiUser& u,
                   std::int64_t i);

  std::uint64_t seed_;
  core::EpochMs anchor_;
  std::vector<vendors::iqiyi::IqiyiPartner> partners_;  // without users
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::vector<std::size_t> partner_at_;  // per batch: where each partner sits (or npos)
};

// Appends iQiyi's rows of `batch` to `into`, merging partners by code.
void merge_demo_rows(vendors::Dataset& into, vendors::Dataset& batch);

}  // namespace mediagate::vendors::iqiyi
