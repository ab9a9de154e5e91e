// Pumpkin's SQL, written once as templates over the shared SQL layer's backend
// (store/sql/backend.hpp), so that it runs on SQLite and PostgreSQL alike: the endpoints' reads
// (SqlPumpkinRepository) and the admin API's (PumpkinEntities). Columns and row mappings:
// store/sql/rows.hpp (shared with the dataset import and export until those move here too).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql/backend.hpp"
#include "store/sql/rows.hpp"

namespace mediagate::vendors::pumpkin::queries {

namespace sql = store::sql;
using store::StoreResult;

// The actions `pid` may call, ordered.
template <class B>
StoreResult<std::vector<std::string>> actions(B& db, std::string_view pid) {
  return sql::list_rows<std::string>(
      db, "SELECT action FROM pumpkin_actions WHERE pid = ? ORDER BY action", sql::text_of, pid);
}

// The partner with its actions (two statements: run it in a snapshot or a transaction).
template <class B>
StoreResult<std::optional<store::PumpkinPartner>> find_partner(B& db, std::string_view pid) {
  static const std::string kSql =
      sql::select(sql::kPumpkinPartnerColumns, "FROM pumpkin_partners WHERE pid = ?");
  auto partner = sql::find_one<store::PumpkinPartner>(db, kSql, sql::pumpkin_partner_of, pid);
  if (!partner || !partner->has_value()) return partner;
  auto found = actions(db, pid);
  if (!found) return sql::propagate(found);
  (*partner)->actions = std::move(*found);
  return partner;
}

// Media with from <= delete_time < to, ordered by delete_time then movie_id.
template <class B>
StoreResult<std::vector<store::PumpkinMedia>> offline_media(B& db, store::EpochMs from,
                                                            store::EpochMs to) {
  static const std::string kSql =
      sql::select(sql::kMediaColumns,
                  "FROM pumpkin_media WHERE delete_time >= ? AND delete_time < ? ORDER BY"
                  " delete_time, movie_id");
  return sql::list_rows<store::PumpkinMedia>(db, kSql, sql::media_of, from, to);
}

// A page of partners with their actions, ordered by pid.
template <class B>
StoreResult<store::Page<store::PumpkinPartner>> partners(B& db, store::Range range) {
  static const std::string kSelect = sql::select(sql::kPumpkinPartnerColumns);
  auto page =
      sql::page_of<store::PumpkinPartner>(db, kSelect, "FROM pumpkin_partners", " ORDER BY pid", {},
                                          range.offset, range.limit, sql::pumpkin_partner_of);
  if (!page) return page;
  for (auto& partner : page->items) {
    auto found = actions(db, partner.pid);
    if (!found) return sql::propagate(found);
    partner.actions = std::move(*found);
  }
  return page;
}

// A page of media, ordered by movie_id.
template <class B>
StoreResult<store::Page<store::PumpkinMedia>> media(B& db, store::Range range) {
  static const std::string kSelect = sql::select(sql::kMediaColumns);
  return sql::page_of<store::PumpkinMedia>(db, kSelect, "FROM pumpkin_media", " ORDER BY movie_id",
                                           {}, range.offset, range.limit, sql::media_of);
}

template <class B>
StoreResult<std::optional<store::PumpkinMedia>> find_media(B& db, std::int64_t movie_id) {
  static const std::string kSql =
      sql::select(sql::kMediaColumns, "FROM pumpkin_media WHERE movie_id = ?");
  return sql::find_one<store::PumpkinMedia>(db, kSql, sql::media_of, movie_id);
}

}  // namespace mediagate::vendors::pumpkin::queries
