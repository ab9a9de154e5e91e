// iQiyi's section of the fixture format (docs/fixtures.md): "iqiyi": {"partners": [...]}, each
// partner with its users and the coupon uses recorded for them, read and written here, and the
// same entities one at a time for the admin API.
//
// The section's own rules, beyond those of every section (fixtures/fixture_reader.hpp):
// partnerCode unique in the document, (user_id, area) within a partner; area "CN" or "TW";
// vodCoupons >= 0; a coupon use of one of the partner's users, named once by (user, area,
// content, use time), its contentId as useVodCoupon reads it (1 to 18 digits, above 0).
#pragma once

#include <boost/json/fwd.hpp>

#include "core/expected.hpp"
#include "fixtures/fixture_document.hpp"
#include "fixtures/fixture_error.hpp"
#include "vendors/dataset.hpp"

namespace mediagate::core {
class JsonWriter;
}

namespace mediagate::vendors::iqiyi {

// The "iqiyi" section of a document (vendors/fixture_format.cpp lists the sections).
const fixtures::FixtureSection<Dataset>& fixture_section();

// One entity as it appears inside a fixture document, checked as there but for what needs the
// rest of the data (the caller's); error paths start at "$". A partner may carry its users, but
// not coupon uses (the admin API records a use through .../coupon-uses, never with the partner).
core::Expected<vendors::iqiyi::IqiyiPartner, fixtures::FixtureError> decode_iqiyi_partner(
    const boost::json::value& value);
core::Expected<vendors::iqiyi::IqiyiUser, fixtures::FixtureError> decode_iqiyi_user(
    const boost::json::value& value);

// One entity's members, with the document's keys in its order, written into an open object.
void write_iqiyi_user_fields(core::JsonWriter& w, const vendors::iqiyi::IqiyiUser& user);
void write_iqiyi_coupon_use_fields(core::JsonWriter& w,
                                   const vendors::iqiyi::IqiyiCouponUseEntry& use);

}  // namespace mediagate::vendors::iqiyi
