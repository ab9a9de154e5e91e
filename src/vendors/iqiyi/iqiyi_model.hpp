// iQiyi's data as plain values: its partners, their users and the uses of their coupons, as the
// fixture format describes them (../shared/spec/fixtures.md), independent of any storage engine
// or wire format; and its entities as the admin API names them, one at a time.
// Instants are epoch milliseconds. Every type compares by value (==).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace mediagate::vendors::iqiyi {

using core::EpochMs;

struct IqiyiUser {
  std::string user_id;
  std::string area;  // "CN" | "TW"
  std::int64_t vod_coupons = 0;

  friend bool operator==(const IqiyiUser&, const IqiyiUser&) = default;
};

// A spent VOD coupon and the viewing right it opened (a row of iqiyi_coupon_uses, written by
// useVodCoupon; docs/decisions/iqiyi-coupons.md), as the fixture format carries it: of one of
// the partner's users, without the store's id. (user_id, area, content_id, use_time) names it.
struct IqiyiCouponUseEntry {
  std::string user_id;
  std::string area;  // "CN" | "TW"
  std::int64_t content_id = 0;
  EpochMs use_time = 0;
  EpochMs vod_deadline = 0;  // the end of the right

  friend bool operator==(const IqiyiCouponUseEntry&, const IqiyiCouponUseEntry&) = default;
};

struct IqiyiPartner {
  std::string partner_code;
  std::string md5_key;
  std::vector<IqiyiUser> users;
  // Uses of the users' coupons (the fixture format's couponUses); import adds them, never
  // removes any, and does not touch the balances (vod_coupons is what is left).
  std::vector<IqiyiCouponUseEntry> coupon_uses = {};

  friend bool operator==(const IqiyiPartner&, const IqiyiPartner&) = default;
};

// Which entity to remove. Removing a partner removes its users and their coupon uses; removing
// a user, its coupon uses.
struct IqiyiPartnerRef {
  std::string partner_code;
};
struct IqiyiUserRef {
  std::string partner_code;
  std::string user_id;
  std::string area;
};

}  // namespace mediagate::vendors::iqiyi
