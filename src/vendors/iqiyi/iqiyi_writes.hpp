// iQiyi's section of a dataset's writes and reads, written once over the shared SQL layer
// (store/sql/batched_writes.hpp) for both engines: its partners with their users and the uses
// of their coupons, upserted, read back in order, and removed one entity at a time.
// vendors/dataset_writes.cpp composes it with the other modules' sections.
//
// Upserts: rows present are updated, rows absent are left alone. Coupon uses are only ever
// added (an import never removes one, nor touches the balances: vod_coupons is what is left).
// The users may be loaded set-wise.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "store/sql/backend.hpp"
#include "store/sql/batched_writes.hpp"
#include "store/sql/rows.hpp"
#include "vendors/dataset.hpp"
#include "vendors/iqiyi/iqiyi_rows.hpp"

namespace mediagate::vendors::iqiyi {

struct DatasetSection {
  struct Statements {
    std::string partner =
        store::sql::upsert_sql("iqiyi_partners", "partner_code", kIqiyiPartnerColumns);
    std::string user = store::sql::upsert_sql("iqiyi_users", "partner_code, user_id, area",
                                              store::sql::with("partner_code", kIqiyiUserColumns));
    store::sql::SetWiseTable users{"iqiyi_users", "partner_code, user_id, area",
                                   store::sql::with("partner_code", kIqiyiUserColumns)};

    static const Statements& get() {
      static const Statements statements;
      return statements;
    }
  };

  // A coupon use, named by (partner, user, area, content, use time): its right's end updated
  // when it differs, then the use added when it is not there (the table's id is the store's
  // own, and no unique key covers the name, so no ON CONFLICT). The casts type the SELECT's
  // parameters for PostgreSQL, which would otherwise take them as text.
  static constexpr std::string_view kUpdateCouponUse =
      "UPDATE iqiyi_coupon_uses SET vod_deadline = ? WHERE partner_code = ? AND user_id = ? AND "
      "area = ? AND content_id = ? AND use_time = ? AND vod_deadline <> ?";
  static constexpr std::string_view kAddCouponUse =
      "INSERT INTO iqiyi_coupon_uses (partner_code, user_id, area, content_id, use_time, "
      "vod_deadline)\nSELECT CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS "
      "BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT)\nWHERE NOT EXISTS (SELECT 1 FROM "
      "iqiyi_coupon_uses WHERE partner_code = ? AND user_id = ? AND area = ? AND content_id = ? "
      "AND use_time = ?)";

  // iQiyi's part of `data` through `w`, counted in `summary` (read after w.flush()).
  template <store::sql::Backend B>
  static store::sql::Status import_rows(store::sql::BatchedWrites<B>& w, const Dataset& data,
                                        ImportSummary& summary) {
    const auto& sql = Statements::get();
    std::size_t users = 0;
    for (const auto& partner : data.iqiyi_partners) users += partner.users.size();
    const auto user_table = w.set_wise(sql.users, users, summary.iqiyi_users);
    for (const auto& partner : data.iqiyi_partners) {
      const auto& code = partner.partner_code;
      if (auto ok =
              w.upsert(sql.partner, summary.iqiyi_partners, std::tuple<>{}, values_of(partner));
          !ok) {
        return ok;
      }
      for (const auto& u : partner.users) {
        if (auto ok = w.upsert(user_table, sql.user, std::tie(code), values_of(u)); !ok) {
          return ok;
        }
      }
      // After the users: a use's owner is one of them (the fixture codec checks it).
      for (const auto& u : partner.coupon_uses) {
        if (auto ok = w.write(kUpdateCouponUse, summary.iqiyi_coupon_uses, u.vod_deadline, code,
                              u.user_id, u.area, u.content_id, u.use_time, u.vod_deadline);
            !ok) {
          return ok;
        }
        if (auto ok = w.write(kAddCouponUse, summary.iqiyi_coupon_uses, code, u.user_id, u.area,
                              u.content_id, u.use_time, u.vod_deadline, code, u.user_id, u.area,
                              u.content_id, u.use_time);
            !ok) {
          return ok;
        }
      }
    }
    return core::Ok{};
  }

  // iQiyi's partners, their users and coupon uses read back through `db` into `data`, inside
  // the caller's snapshot.
  template <store::sql::Backend B>
  static store::sql::Status export_rows(B& db, Dataset& data) {
    std::map<std::string, std::size_t, std::less<>> partners;  // partner code: its position
    if (auto ok = db.for_each_row(
            store::sql::select(kIqiyiPartnerColumns, "FROM iqiyi_partners ORDER BY partner_code"),
            [&](const typename B::Row& s) -> store::sql::Status {
              auto partner = iqiyi_partner_of(s);
              partners.emplace(partner.partner_code, data.iqiyi_partners.size());
              data.iqiyi_partners.push_back(std::move(partner));
              return core::Ok{};
            });
        !ok) {
      return ok;
    }
    if (auto ok = db.for_each_row(
            store::sql::select_owned("partner_code", kIqiyiUserColumns,
                                     "FROM iqiyi_users ORDER BY partner_code, user_id, area"),
            [&](const typename B::Row& s) -> store::sql::Status {
              auto index = store::sql::find_parent(partners, s.text(0), "iqiyi partner");
              if (!index) return store::sql::propagate(index);
              data.iqiyi_partners[*index].users.push_back(iqiyi_user_of(s, 1));
              return core::Ok{};
            });
        !ok) {
      return ok;
    }
    // By user, then in the order they were recorded (use time, then the store's id).
    return db.for_each_row(
        store::sql::select_owned(
            "partner_code", kIqiyiCouponUseEntryColumns,
            "FROM iqiyi_coupon_uses ORDER BY partner_code, user_id, area, use_time, id"),
        [&](const typename B::Row& s) -> store::sql::Status {
          auto index = store::sql::find_parent(partners, s.text(0), "iqiyi partner");
          if (!index) return store::sql::propagate(index);
          data.iqiyi_partners[*index].coupon_uses.push_back(iqiyi_coupon_use_entry_of(s, 1));
          return core::Ok{};
        });
  }

  template <store::sql::Backend B>
  static store::StoreResult<bool> remove(B& db, const IqiyiPartnerRef& r) {
    return store::sql::delete_rows(db,
                                   {"DELETE FROM iqiyi_coupon_uses WHERE partner_code = ?",
                                    "DELETE FROM iqiyi_users WHERE partner_code = ?",
                                    "DELETE FROM iqiyi_partners WHERE partner_code = ?"},
                                   r.partner_code);
  }
  template <store::sql::Backend B>
  static store::StoreResult<bool> remove(B& db, const IqiyiUserRef& r) {
    return store::sql::delete_rows(
        db,
        {"DELETE FROM iqiyi_coupon_uses WHERE partner_code = ? AND user_id = ? AND area = ?",
         "DELETE FROM iqiyi_users WHERE partner_code = ? AND user_id = ? AND area = ?"},
        r.partner_code, r.user_id, r.area);
  }
};

}  // namespace mediagate::vendors::iqiyi
