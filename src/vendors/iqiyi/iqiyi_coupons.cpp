#include "vendors/iqiyi/iqiyi_coupons.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "store/sql/result.hpp"
#include "store/sql_access.hpp"
#include "vendors/iqiyi/iqiyi_queries.hpp"

namespace mediagate::vendors::iqiyi {

store::StoreResult<store::Outcome> use_vod_coupon_in(store::EntityStore& entities,
                                                     const CouponUseRequest& request,
                                                     CouponUseOutcome& outcome) {
  return store::in_transaction<store::Outcome>(
      entities, [&](auto& db) -> store::StoreResult<store::Outcome> {
        auto user = queries::find_user(db, request.partner_code, request.user_id, request.area);
        if (!user) return store::sql::propagate(user);
        if (!*user) {
          outcome.result = CouponUseResult::kNoUser;
          return store::Outcome::kRollback;
        }
        auto held = queries::open_right(db, request.partner_code, request.user_id, request.area,
                                        request.content_id, request.now);
        if (!held) return store::sql::propagate(held);
        if (*held) {
          outcome.result = CouponUseResult::kHeld;
          outcome.use = std::move(**held);
          return store::Outcome::kRollback;  // nothing written
        }
        auto taken = queries::take_coupon(db, request.partner_code, request.user_id, request.area);
        if (!taken) return store::sql::propagate(taken);
        if (*taken != 1) {
          outcome.result = CouponUseResult::kNoCoupon;
          return store::Outcome::kRollback;
        }
        IqiyiCouponUse use{.id = 0,
                           .user_id = std::string(request.user_id),
                           .area = std::string(request.area),
                           .content_id = request.content_id,
                           .use_time = request.now,
                           .vod_deadline = request.now + request.right_ms};
        auto added = queries::add_coupon_use(db, request.partner_code, use);
        if (!added) return store::sql::propagate(added);
        auto recorded =
            queries::last_coupon_use(db, request.partner_code, request.user_id, request.area);
        if (!recorded) return store::sql::propagate(recorded);
        if (!*recorded) return core::unexpected(core::Error::store("coupon use not recorded"));
        outcome.result = CouponUseResult::kConsumed;
        outcome.use = std::move(**recorded);
        return store::Outcome::kCommit;
      });
}

store::StoreResult<CouponUseOutcome> use_vod_coupon(store::Store& store,
                                                    const CouponUseRequest& request) {
  CouponUseOutcome outcome;
  auto committed = store.transact(
      [&](store::EntityStore& entities) { return use_vod_coupon_in(entities, request, outcome); });
  if (!committed) return core::unexpected(std::move(committed).error());
  if (outcome.result == CouponUseResult::kConsumed && !*committed) {
    return core::unexpected(core::Error::store("coupon use not committed"));
  }
  return outcome;
}

store::StoreResult<std::optional<CouponHoldings>> coupon_holdings(store::Store& store,
                                                                  std::string_view partner_code,
                                                                  std::string_view user_id,
                                                                  std::string_view area) {
  return store::read_sql<std::optional<CouponHoldings>>(
      store, store::ReadKind::kSnapshot,
      [&](auto& db) -> store::StoreResult<std::optional<CouponHoldings>> {
        auto user = queries::find_user(db, partner_code, user_id, area);
        if (!user) return store::sql::propagate(user);
        if (!*user) return std::optional<CouponHoldings>{};
        auto uses = queries::coupon_uses(db, partner_code, user_id, area);
        if (!uses) return store::sql::propagate(uses);
        CouponHoldings holdings{.balance = (*user)->vod_coupons, .uses = std::move(*uses)};
        std::stable_sort(holdings.uses.begin(), holdings.uses.end(),
                         [](const IqiyiCouponUse& a, const IqiyiCouponUse& b) {
                           return a.vod_deadline < b.vod_deadline;
                         });
        return std::optional<CouponHoldings>{std::move(holdings)};
      });
}

void write_used_coupon(core::JsonWriter& w, const IqiyiCouponUse& use) {
  w.begin_object()
      .field("contentId", use.content_id)
      .field("deadline", use.vod_deadline)
      .field("id", use.id)
      .field("updateTime", use.use_time)
      .field("useStatus", std::int64_t{1})
      .field("useTime", use.use_time)
      .field("userId", std::string_view(use.user_id))
      .field("vodDeadline", use.vod_deadline)
      .end_object();
}

void write_unused_coupon(core::JsonWriter& w, std::string_view user_id) {
  w.begin_object();
  w.key("contentId").null();
  w.key("deadline").null();
  w.key("id").null();
  w.key("updateTime").null();
  w.field("useStatus", std::int64_t{0});
  w.key("useTime").null();
  w.field("userId", user_id);
  w.key("vodDeadline").null();
  w.end_object();
}

void write_coupon_list(core::JsonWriter& w, const CouponHoldings& holdings,
                       std::string_view user_id, std::int64_t max_unused) {
  w.begin_array();
  for (const auto& use : holdings.uses) write_used_coupon(w, use);
  const std::int64_t unused = std::min(holdings.balance, max_unused);
  for (std::int64_t i = 0; i < unused; ++i) write_unused_coupon(w, user_id);
  w.end_array();
}

}  // namespace mediagate::vendors::iqiyi
