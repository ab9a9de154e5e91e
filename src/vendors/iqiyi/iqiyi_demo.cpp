#include "vendors/iqiyi/iqiyi_demo.hpp"

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "fixtures/demo_batches.hpp"
#include "fixtures/demo_random.hpp"

namespace mediagate::vendors::iqiyi {
namespace {

using namespace fixtures;  // NOLINT: the generator's PRNG, alphabets and units

// A coupon's right: iqiyi.vod_right_ms's default (48 hours, seed 002's FAQ).
constexpr std::int64_t kVodRightMs = 48 * kHourMs;

// Where each kind of item draws its randomness from (fixtures::Rng): the numbers the generator
// has always used, none of them another module's.
enum class Tag : std::uint64_t {
  kPartner = 3,
  kUser = 9,
  kCouponUse = 12,
};

constexpr std::array<std::string_view, 12> kBrands = {"Kfc",   "Nike", "Lenovo", "Xiaomi",
                                                      "Haier", "Anta", "Midea",  "Oppo",
                                                      "Vivo",  "Yili", "Gree",   "Jd"};

}  // namespace

IqiyiDemo::IqiyiDemo(std::uint64_t seed, core::EpochMs anchor, const DemoCounts& counts)
    : seed_(seed), anchor_(anchor) {
  for (std::int64_t p = 0; p < counts.partners; ++p) {
    Rng rng(seed_, Tag::kPartner, static_cast<std::uint64_t>(p));
    if (p == 0) {
      partners_.push_back({"T_Coupon_Pepsi", "1234567890", {}, {}});
      continue;
    }
    const auto n = static_cast<std::size_t>(p - 1);
    std::string code = "T_Coupon_" + std::string(kBrands[n % kBrands.size()]);
    if (n >= kBrands.size()) code += std::to_string(n / kBrands.size() + 1);
    partners_.push_back({code, random_text(rng, kAlnum, 16), {}, {}});
  }
}

void IqiyiDemo::start_batch() {
  partner_at_.assign(partners_.size(), npos);
}

vendors::iqiyi::IqiyiPartner& IqiyiDemo::partner_in(vendors::Dataset& batch, std::size_t p) {
  if (partner_at_[p] == npos) {
    partner_at_[p] = batch.iqiyi_partners.size();
    batch.iqiyi_partners.push_back({partners_[p].partner_code, partners_[p].md5_key, {}, {}});
  }
  return batch.iqiyi_partners[partner_at_[p]];
}

void IqiyiDemo::skeleton(vendors::Dataset& batch) {
  for (std::size_t p = 0; p < partners_.size(); ++p) partner_in(batch, p);
}

void IqiyiDemo::user(vendors::Dataset& batch, std::int64_t i) {
  Rng rng(seed_, Tag::kUser, static_cast<std::uint64_t>(i));
  const auto count = partners_.size();
  const std::size_t p = count == 1 || rng.percent(60) ? 0 : 1 + rng.index(count - 1);
  vendors::iqiyi::IqiyiUser u;
  u.user_id = std::to_string(1'000'000'000 + permute(static_cast<std::uint64_t>(i), seed_, 32));
  u.area = rng.percent(80) ? "CN" : "TW";
  u.vod_coupons = rng.percent(35) ? 0 : 1 + long_tail(rng, 3.0, 98);
  auto& partner = partner_in(batch, p);
  coupon_uses(partner, u, i);
  partner.users.push_back(std::move(u));
}

// About one user in eight has spent coupons already: one or two uses, each a right of
// kVodRightMs on its own content, the latest up to 60 days before the anchor (a few still
// open), an earlier one 3 to 30 days before that. The balance is what is left after them, so
// any balance goes with them. A stream of its own: the users stay as they were without uses.
void IqiyiDemo::coupon_uses(vendors::iqiyi::IqiyiPartner& partner,
                            const vendors::iqiyi::IqiyiUser& u, std::int64_t i) {
  Rng rng(seed_, Tag::kCouponUse, static_cast<std::uint64_t>(i));
  if (!rng.percent(12)) return;
  const auto uses = 1 + rng.below(2);
  // One in four of them still holds an open right at the anchor.
  const std::int64_t before =
      rng.percent(25) ? rng.range(kHourMs, kVodRightMs - kHourMs) : rng.range(kHourMs, 60 * kDayMs);
  core::EpochMs at = (anchor_ - before) / kSecondMs * kSecondMs;
  for (std::uint64_t n = 0; n < uses; ++n) {
    partner.coupon_uses.push_back(vendors::iqiyi::IqiyiCouponUseEntry{
        u.user_id, u.area, rng.range(100'000'000, 9'999'999'999), at, at + kVodRightMs});
    at -= rng.range(3 * kDayMs, 30 * kDayMs) / kSecondMs * kSecondMs;
  }
}

void merge_demo_rows(vendors::Dataset& into, vendors::Dataset& batch) {
  for (auto& partner : batch.iqiyi_partners) {
    auto& target = fixtures::find_or_add(
        into.iqiyi_partners, partner.partner_code,
        [](const vendors::iqiyi::IqiyiPartner& p) -> const std::string& { return p.partner_code; },
        vendors::iqiyi::IqiyiPartner{partner.partner_code, partner.md5_key, {}, {}});
    fixtures::append(target.users, std::move(partner.users));
    fixtures::append(target.coupon_uses, std::move(partner.coupon_uses));
  }
}

}  // namespace mediagate::vendors::iqiyi
