// iQiyi's columns, the mapping of a row of them to a model value (..._of) and of a value to the
// parameters that write them (values_of), written once for every query of both SQL backends (its
// reads, vendors/iqiyi/iqiyi_queries.hpp; its writes and export, vendors/iqiyi/iqiyi_writes.hpp). A
// mapper reads the columns in the order of its k...Columns from `first` on, on any backend's Row
// (store/sql/rows.hpp); values_of gives the same columns, in the same order, as references.
//
// A column added: the module's migrations (one per engine), then here its k...Columns, its mapper
// and its values_of; every query, the upsert and the export follow.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>

#include "vendors/iqiyi/iqiyi_model.hpp"

namespace mediagate::vendors::iqiyi {

// iqiyi_partners (without their users)
inline constexpr std::string_view kIqiyiPartnerColumns = "partner_code, md5_key";
inline constexpr auto iqiyi_partner_of = [](const auto& s, int first = 0) {
  return IqiyiPartner{s.text(first), s.text(first + 1), {}, {}};
};
inline auto values_of(const IqiyiPartner& p) {
  return std::tie(p.partner_code, p.md5_key);
}

// iqiyi_users (of one partner_code)
inline constexpr std::string_view kIqiyiUserColumns = "user_id, area, vod_coupons";
inline constexpr auto iqiyi_user_of = [](const auto& s, int first = 0) {
  return IqiyiUser{s.text(first), s.text(first + 1), s.int64(first + 2)};
};
inline auto values_of(const IqiyiUser& u) {
  return std::tie(u.user_id, u.area, u.vod_coupons);
}

// iqiyi_coupon_uses as the fixture format carries them (of one partner_code, without the id)
inline constexpr std::string_view kIqiyiCouponUseEntryColumns =
    "user_id, area, content_id, use_time, vod_deadline";
inline constexpr auto iqiyi_coupon_use_entry_of = [](const auto& s, int first = 0) {
  return IqiyiCouponUseEntry{s.text(first), s.text(first + 1), s.int64(first + 2),
                             s.int64(first + 3), s.int64(first + 4)};
};

}  // namespace mediagate::vendors::iqiyi
