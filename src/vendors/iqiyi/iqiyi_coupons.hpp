// iQiyi VOD coupons (seed 002's FAQ, breadth spec §1, docs/decisions/iqiyi-coupons.md): a user's
// balance (iqiyi_users.vod_coupons, what getVodCount reports) and the uses that spent it, each
// opening a viewing right of iqiyi.vod_right_ms (48 h) for one content from the moment of use.
//
// A use runs in one write transaction: the user's open right for the content, if any, is
// answered and nothing is spent; otherwise the balance goes down by one under the condition
// `vod_coupons > 0` and the use is recorded. Writers are serialised by the store, and the
// conditional UPDATE alone already keeps N concurrent uses of a user's last coupon to one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/json_writer.hpp"
#include "store/store.hpp"
#include "vendors/iqiyi/iqiyi_coupon_use.hpp"

namespace mediagate::vendors::iqiyi {

enum class CouponUseResult {
  kNoUser,    // no such user for this partner and area (Q00304)
  kNoCoupon,  // the balance is 0 and no right is open (Q00401)
  kConsumed,  // one coupon spent now (A00001, hasUsedVodCoupon false)
  kHeld,      // the right for this content is still open: nothing spent (hasUsedVodCoupon true)
};

struct CouponUseOutcome {
  CouponUseResult result = CouponUseResult::kNoUser;
  IqiyiCouponUse use{};  // kConsumed: the new use; kHeld: the use whose right is open
};

struct CouponUseRequest {
  std::string_view partner_code;
  std::string_view user_id;
  std::string_view area;
  std::int64_t content_id = 0;
  core::EpochMs now = 0;      // the (sandbox-movable) clock's time of the use
  std::int64_t right_ms = 0;  // how long the right lasts
};

// Spends one of the user's coupons on `content_id` unless a right for it is open.
store::StoreResult<CouponUseOutcome> use_vod_coupon(store::Store& store,
                                                    const CouponUseRequest& request);
// The same steps inside the caller's write transaction (the admin API's recorded use): kCommit
// when a coupon was spent, kRollback when nothing was written (`outcome` says why).
store::StoreResult<store::Outcome> use_vod_coupon_in(store::EntityStore& entities,
                                                     const CouponUseRequest& request,
                                                     CouponUseOutcome& outcome);

// A user's coupons as the query answers them: the uses (ordered by vod_deadline, then id) and
// the balance still unspent; nothing when the user does not exist.
struct CouponHoldings {
  std::int64_t balance = 0;
  std::vector<IqiyiCouponUse> uses;
};
store::StoreResult<std::optional<CouponHoldings>> coupon_holdings(store::Store& store,
                                                                  std::string_view partner_code,
                                                                  std::string_view user_id,
                                                                  std::string_view area);

// A coupon record as the coupon endpoints write it (breadth spec §1.2/§1.4, keys in the
// vendor's order): a used coupon {"contentId","deadline","id","updateTime","useStatus":1,
// "useTime","userId","vodDeadline"}; `deadline` (the coupon's own end) is the end of its right,
// since a balance coupon has no expiry of its own (docs/decisions/iqiyi-coupons.md).
void write_used_coupon(core::JsonWriter& w, const IqiyiCouponUse& use);
// An unspent coupon of the balance: useStatus 0, the use fields null.
void write_unused_coupon(core::JsonWriter& w, std::string_view user_id);
// Every coupon of `holdings` as a JSON array: the uses, then at most `max_unused` unspent ones.
void write_coupon_list(core::JsonWriter& w, const CouponHoldings& holdings,
                       std::string_view user_id, std::int64_t max_unused);

}  // namespace mediagate::vendors::iqiyi
