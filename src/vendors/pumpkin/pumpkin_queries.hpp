// Pumpkin's SQL, written once as templates over the shared SQL layer's backend
// (store/sql/backend.hpp), so that it runs on SQLite and PostgreSQL alike: the endpoints' reads
// (SqlPumpkinRepository) and the admin API's (PumpkinEntities). Columns and row mappings:
// vendors/pumpkin/pumpkin_rows.hpp (shared with the module's writes and export,
// pumpkin_writes.hpp).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sql/backend.hpp"
#include "store/sql/rows.hpp"
#include "vendors/pumpkin/pumpkin_catalogue.hpp"
#include "vendors/pumpkin/pumpkin_rows.hpp"

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
StoreResult<std::optional<vendors::pumpkin::PumpkinPartner>> find_partner(B& db,
                                                                          std::string_view pid) {
  static const std::string kSql =
      sql::select(kPumpkinPartnerColumns, "FROM pumpkin_partners WHERE pid = ?");
  auto partner = sql::find_one<vendors::pumpkin::PumpkinPartner>(db, kSql, pumpkin_partner_of, pid);
  if (!partner || !partner->has_value()) return partner;
  auto found = actions(db, pid);
  if (!found) return sql::propagate(found);
  (*partner)->actions = std::move(*found);
  return partner;
}

// Media with from <= delete_time < to, ordered by delete_time then movie_id.
template <class B>
StoreResult<std::vector<vendors::pumpkin::PumpkinMedia>> offline_media(B& db, core::EpochMs from,
                                                                       core::EpochMs to) {
  static const std::string kSql =
      sql::select(kMediaColumns,
                  "FROM pumpkin_media WHERE delete_time >= ? AND delete_time < ? ORDER BY"
                  " delete_time, movie_id");
  return sql::list_rows<vendors::pumpkin::PumpkinMedia>(db, kSql, media_of, from, to);
}

// A page of partners with their actions, ordered by pid.
template <class B>
StoreResult<store::Page<vendors::pumpkin::PumpkinPartner>> partners(B& db, store::Range range) {
  static const std::string kSelect = sql::select(kPumpkinPartnerColumns);
  std::string from = "FROM pumpkin_partners";
  std::vector<typename B::Param> params;
  sql::add_search<B>(from, params, {"pid"}, range.search);
  auto page = sql::page_of<vendors::pumpkin::PumpkinPartner>(
      db, kSelect, from, " ORDER BY pid", params, range.offset, range.limit, pumpkin_partner_of);
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
StoreResult<store::Page<vendors::pumpkin::PumpkinMedia>> media(B& db, store::Range range) {
  static const std::string kSelect = sql::select(kMediaColumns);
  std::string from = "FROM pumpkin_media";
  std::vector<typename B::Param> params;
  sql::add_search<B>(from, params, {"movie_id", "movie_name"}, range.search);
  return sql::page_of<vendors::pumpkin::PumpkinMedia>(db, kSelect, from, " ORDER BY movie_id",
                                                      params, range.offset, range.limit, media_of);
}

template <class B>
StoreResult<std::optional<vendors::pumpkin::PumpkinMedia>> find_media(B& db,
                                                                      std::int64_t movie_id) {
  static const std::string kSql =
      sql::select(kMediaColumns, "FROM pumpkin_media WHERE movie_id = ?");
  return sql::find_one<vendors::pumpkin::PumpkinMedia>(db, kSql, media_of, movie_id);
}

// "p.a, p.b, ..." for the columns "a, b, ...".
inline std::string prefixed(std::string_view prefix, std::string_view columns) {
  std::string out;
  while (!columns.empty()) {
    const auto comma = columns.find(',');
    auto name = columns.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    if (!out.empty()) out += ", ";
    out += prefix;
    out += name;
    columns = comma == std::string_view::npos ? std::string_view{} : columns.substr(comma + 1);
  }
  return out;
}

// "FROM pumpkin_media m LEFT JOIN pumpkin_media_details d ... WHERE ...": the media a filter keeps.
inline std::string catalogue_from(bool updated) {
  std::string sql =
      "FROM pumpkin_media m LEFT JOIN pumpkin_media_details d ON d.movie_id = m.movie_id"
      " WHERE m.delete_time IS NULL";
  if (updated) sql += " AND d.update_time >= ? AND d.update_time < ?";
  return sql;
}

// The media of the catalogue with their details (defaults where a media has none), ordered by
// movie_id; then their seasons and parts (three statements: run it in a snapshot).
template <class B>
StoreResult<std::vector<CatalogueItem>> catalogue(B& db, const CatalogueFilter& filter) {
  const bool updated = filter.updated.has_value();
  const auto from = updated ? filter.updated->first : 0;
  const auto to = updated ? filter.updated->second : 0;
  static const std::string kColumns =
      prefixed("m.", kMediaColumns) + ", " + prefixed("d.", kMediaDetailColumns);
  static const std::array<std::string, 2> kMedia = {
      sql::select(kColumns, catalogue_from(false) + " ORDER BY m.movie_id"),
      sql::select(kColumns, catalogue_from(true) + " ORDER BY m.movie_id")};
  static const std::array<std::string, 2> kSeasons = {
      sql::select("s.media_id, " + prefixed("s.", kSeasonColumns),
                  "FROM pumpkin_seasons s WHERE s.media_id IN (SELECT m.movie_id " +
                      catalogue_from(false) + ") ORDER BY s.media_id, s.position"),
      sql::select("s.media_id, " + prefixed("s.", kSeasonColumns),
                  "FROM pumpkin_seasons s WHERE s.media_id IN (SELECT m.movie_id " +
                      catalogue_from(true) + ") ORDER BY s.media_id, s.position")};
  static const std::array<std::string, 2> kParts = {
      sql::select("p.media_id, p.season, " + prefixed("p.", kPartColumns),
                  "FROM pumpkin_parts p WHERE p.media_id IN (SELECT m.movie_id " +
                      catalogue_from(false) + ") ORDER BY p.media_id, p.season, p.position"),
      sql::select("p.media_id, p.season, " + prefixed("p.", kPartColumns),
                  "FROM pumpkin_parts p WHERE p.media_id IN (SELECT m.movie_id " +
                      catalogue_from(true) + ") ORDER BY p.media_id, p.season, p.position")};
  const std::size_t k = updated ? 1 : 0;

  auto item_of = [](const auto& s, int first = 0) {
    CatalogueItem item;
    item.media = media_of(s, first);
    if (s.optional_int64(first + 3)) {
      item.details = media_details_of(s, first + 3);
    } else {
      item.details.movie_id = item.media.movie_id;
    }
    return item;
  };
  StoreResult<std::vector<CatalogueItem>> items =
      updated ? sql::list_rows<CatalogueItem>(db, kMedia[k], item_of, from, to)
              : sql::list_rows<CatalogueItem>(db, kMedia[k], item_of);
  if (!items) return items;
  auto index_of = [&](std::int64_t media_id) -> CatalogueItem* {
    const auto it = std::lower_bound(
        items->begin(), items->end(), media_id,
        [](const CatalogueItem& item, std::int64_t id) { return item.media.movie_id < id; });
    return it == items->end() || it->media.movie_id != media_id ? nullptr : &*it;
  };

  struct OwnedSeason {
    std::int64_t media_id = 0;
    vendors::pumpkin::PumpkinSeason season;
  };
  auto season_row = [](const auto& s, int first = 0) {
    return OwnedSeason{s.int64(first), season_of(s, first + 1)};
  };
  auto seasons = updated ? sql::list_rows<OwnedSeason>(db, kSeasons[k], season_row, from, to)
                         : sql::list_rows<OwnedSeason>(db, kSeasons[k], season_row);
  if (!seasons) return sql::propagate(seasons);
  for (auto& owned : *seasons) {
    if (auto* item = index_of(owned.media_id)) {
      item->details.seasons.push_back(std::move(owned.season));
    }
  }

  struct OwnedPart {
    std::int64_t media_id = 0;
    std::int64_t season = 0;
    vendors::pumpkin::PumpkinPart part;
  };
  auto part_row = [](const auto& s, int first = 0) {
    return OwnedPart{s.int64(first), s.int64(first + 1), part_of(s, first + 2)};
  };
  auto parts = updated ? sql::list_rows<OwnedPart>(db, kParts[k], part_row, from, to)
                       : sql::list_rows<OwnedPart>(db, kParts[k], part_row);
  if (!parts) return sql::propagate(parts);
  for (auto& owned : *parts) {
    auto* item = index_of(owned.media_id);
    if (item == nullptr || owned.season < 0 ||
        static_cast<std::size_t>(owned.season) >= item->details.seasons.size()) {
      continue;
    }
    item->details.seasons[static_cast<std::size_t>(owned.season)].parts.push_back(
        std::move(owned.part));
  }
  return items;
}

// A media's details with its seasons and parts, if it has details.
template <class B>
StoreResult<std::optional<vendors::pumpkin::PumpkinMediaDetails>> find_details(
    B& db, std::int64_t movie_id) {
  static const std::string kSql =
      sql::select(kMediaDetailColumns, "FROM pumpkin_media_details WHERE movie_id = ?");
  static const std::string kSeasons =
      sql::select("position, " + std::string(kSeasonColumns),
                  "FROM pumpkin_seasons WHERE media_id = ? ORDER BY position");
  static const std::string kParts =
      sql::select("season, " + std::string(kPartColumns),
                  "FROM pumpkin_parts WHERE media_id = ? ORDER BY season, position");
  auto details =
      sql::find_one<vendors::pumpkin::PumpkinMediaDetails>(db, kSql, media_details_of, movie_id);
  if (!details || !details->has_value()) return details;
  auto seasons = sql::list_rows<vendors::pumpkin::PumpkinSeason>(
      db, kSeasons, [](const auto& s, int first = 0) { return season_of(s, first + 1); }, movie_id);
  if (!seasons) return sql::propagate(seasons);
  (*details)->seasons = std::move(*seasons);
  struct SeasonPart {
    std::int64_t season = 0;
    vendors::pumpkin::PumpkinPart part;
  };
  auto parts = sql::list_rows<SeasonPart>(
      db, kParts,
      [](const auto& s, int first = 0) {
        return SeasonPart{s.int64(first), part_of(s, first + 1)};
      },
      movie_id);
  if (!parts) return sql::propagate(parts);
  auto& owned = (*details)->seasons;
  for (auto& p : *parts) {
    if (p.season < 0 || static_cast<std::size_t>(p.season) >= owned.size()) continue;
    owned[static_cast<std::size_t>(p.season)].parts.push_back(std::move(p.part));
  }
  return details;
}

}  // namespace mediagate::vendors::pumpkin::queries
