// Pumpkin's section of a dataset's writes and reads, written once over the shared SQL layer
// (store/sql/batched_writes.hpp) for both engines: its partners with their actions, its media
// and their details (seasons and parts by position), upserted, read back in order, and removed
// one entity at a time. vendors/dataset_writes.cpp composes it with the other modules' sections.
//
// Upserts: rows present are updated, rows absent are left alone; actions are only ever added; a
// media's details replace what it had (the seasons and parts past the new ends removed). A
// media counts as changed when its row or its details changed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "store/sql/backend.hpp"
#include "store/sql/batched_writes.hpp"
#include "store/sql/rows.hpp"
#include "vendors/dataset.hpp"
#include "vendors/pumpkin/pumpkin_rows.hpp"

namespace mediagate::vendors::pumpkin {

struct DatasetSection {
  struct Statements {
    std::string partner = store::sql::upsert_sql("pumpkin_partners", "pid", kPumpkinPartnerColumns);
    std::string media = store::sql::upsert_sql("pumpkin_media", "movie_id", kMediaColumns);
    std::string media_details =
        store::sql::upsert_sql("pumpkin_media_details", "movie_id", kMediaDetailColumns);
    std::string season =
        store::sql::upsert_sql("pumpkin_seasons", "media_id, position",
                               store::sql::with("media_id, position", kSeasonColumns));
    std::string part =
        store::sql::upsert_sql("pumpkin_parts", "media_id, season, position",
                               store::sql::with("media_id, season, position", kPartColumns));

    static const Statements& get() {
      static const Statements statements;
      return statements;
    }
  };

  static constexpr std::string_view kAddAction =
      "INSERT INTO pumpkin_actions (pid, action) VALUES (?, ?) ON CONFLICT DO NOTHING";
  // What a media's details listed no longer (positions past the new ends).
  static constexpr std::string_view kTrimParts =
      "DELETE FROM pumpkin_parts WHERE media_id = ? AND season = ? AND position >= ?";
  static constexpr std::string_view kTrimSeasonParts =
      "DELETE FROM pumpkin_parts WHERE media_id = ? AND season >= ?";
  static constexpr std::string_view kTrimSeasons =
      "DELETE FROM pumpkin_seasons WHERE media_id = ? AND position >= ?";

  // Pumpkin's part of `data` through `w`, counted in `summary`. A media's count is known once
  // its writes have run, so this section flushes `w` itself before it adds them up.
  template <store::sql::Backend B>
  static store::sql::Status import_rows(store::sql::BatchedWrites<B>& w, const Dataset& data,
                                        ImportSummary& summary) {
    const auto& sql = Statements::get();
    for (const auto& partner : data.pumpkin_partners) {
      if (auto ok =
              w.upsert(sql.partner, summary.pumpkin_partners, std::tuple<>{}, values_of(partner));
          !ok) {
        return ok;
      }
      for (const auto& action : partner.actions) {
        if (auto ok = w.write(kAddAction, w.uncounted(), partner.pid, action); !ok) return ok;
      }
    }
    // Each media's and each details' count has a slot of its own, read after the last batch.
    std::vector<std::pair<std::int64_t, const std::int64_t*>> media_counts;
    for (const auto& media : data.pumpkin_media) {
      auto& count = w.new_count();
      if (auto ok = w.upsert(sql.media, count, std::tuple<>{}, values_of(media)); !ok) return ok;
      media_counts.emplace_back(media.movie_id, &count);
    }
    std::vector<std::pair<std::int64_t, const std::int64_t*>> details_counts;
    for (const auto& details : data.pumpkin_details) {
      auto& count = w.new_count();
      if (auto ok = detail_rows(w, sql, details, count); !ok) return ok;
      details_counts.emplace_back(details.movie_id, &count);
    }
    if (auto ok = w.flush(); !ok) return ok;
    std::set<std::int64_t> changed_media;
    for (const auto& [id, count] : media_counts) {
      summary.pumpkin_media += *count;
      if (*count > 0) changed_media.insert(id);
    }
    // A media whose details changed counts once as a changed media (the summary has no line of
    // its own for them), unless its own row changed too.
    for (const auto& [id, count] : details_counts) {
      if (*count > 0 && changed_media.insert(id).second) ++summary.pumpkin_media;
    }
    return core::Ok{};
  }

  // Pumpkin's part of the store through `db` into `data`, inside the caller's snapshot.
  template <store::sql::Backend B>
  static store::sql::Status export_rows(B& db, Dataset& data) {
    using Row = typename B::Row;
    using Status = store::sql::Status;
    std::map<std::string, std::size_t, std::less<>> partners;
    std::map<std::int64_t, std::size_t> details;
    auto read_partners = [&]() {
      return db.for_each_row(
          store::sql::select(kPumpkinPartnerColumns, "FROM pumpkin_partners ORDER BY pid"),
          [&](const Row& s) -> Status {
            auto partner = pumpkin_partner_of(s);
            partners.emplace(partner.pid, data.pumpkin_partners.size());
            data.pumpkin_partners.push_back(std::move(partner));
            return core::Ok{};
          });
    };
    auto read_actions = [&]() {
      return db.for_each_row("SELECT pid, action FROM pumpkin_actions ORDER BY pid, action",
                             [&](const Row& s) -> Status {
                               auto index =
                                   store::sql::find_parent(partners, s.text(0), "pumpkin partner");
                               if (!index) return store::sql::propagate(index);
                               data.pumpkin_partners[*index].actions.push_back(s.text(1));
                               return core::Ok{};
                             });
    };
    auto read_media = [&]() {
      return db.for_each_row(
          store::sql::select(kMediaColumns, "FROM pumpkin_media ORDER BY movie_id"),
          [&](const Row& s) -> Status {
            data.pumpkin_media.push_back(media_of(s));
            return core::Ok{};
          });
    };
    auto read_details = [&]() {
      return db.for_each_row(
          store::sql::select(kMediaDetailColumns, "FROM pumpkin_media_details ORDER BY movie_id"),
          [&](const Row& s) -> Status {
            auto one = media_details_of(s);
            details.emplace(one.movie_id, data.pumpkin_details.size());
            data.pumpkin_details.push_back(std::move(one));
            return core::Ok{};
          });
    };
    auto read_seasons = [&]() {
      return db.for_each_row(
          store::sql::select_owned("media_id", kSeasonColumns,
                                   "FROM pumpkin_seasons ORDER BY media_id, position"),
          [&](const Row& s) -> Status {
            const auto it = details.find(s.int64(0));
            if (it == details.end()) {
              return core::unexpected(core::Error::store(
                  "export: pumpkin season " + std::to_string(s.int64(1)) + " has no parent row"));
            }
            data.pumpkin_details[it->second].seasons.push_back(season_of(s, 1));
            return core::Ok{};
          });
    };
    // Parts in order, each in the last season of its media (seasons were read in order too).
    auto read_parts = [&]() {
      return db.for_each_row(
          store::sql::select_owned("media_id, season", kPartColumns,
                                   "FROM pumpkin_parts ORDER BY media_id, season, position"),
          [&](const Row& s) -> Status {
            const auto it = details.find(s.int64(0));
            const auto season = s.int64(1);
            if (it == details.end() || season < 0 ||
                static_cast<std::size_t>(season) >=
                    data.pumpkin_details[it->second].seasons.size()) {
              return core::unexpected(core::Error::store(
                  "export: pumpkin part " + std::to_string(s.int64(2)) + " has no parent row"));
            }
            data.pumpkin_details[it->second]
                .seasons[static_cast<std::size_t>(season)]
                .parts.push_back(part_of(s, 2));
            return core::Ok{};
          });
    };
    if (auto ok = read_partners(); !ok) return ok;
    if (auto ok = read_actions(); !ok) return ok;
    if (auto ok = read_media(); !ok) return ok;
    if (auto ok = read_details(); !ok) return ok;
    if (auto ok = read_seasons(); !ok) return ok;
    return read_parts();
  }

  template <store::sql::Backend B>
  static store::StoreResult<bool> remove(B& db, const PumpkinPartnerRef& r) {
    return store::sql::delete_rows(
        db,
        {"DELETE FROM pumpkin_actions WHERE pid = ?", "DELETE FROM pumpkin_partners WHERE pid = ?"},
        r.pid);
  }
  template <store::sql::Backend B>
  static store::StoreResult<bool> remove(B& db, const PumpkinActionRef& r) {
    return store::sql::delete_rows(db, {"DELETE FROM pumpkin_actions WHERE pid = ? AND action = ?"},
                                   r.pid, r.action);
  }
  template <store::sql::Backend B>
  static store::StoreResult<bool> remove(B& db, const PumpkinMediaRef& r) {
    return store::sql::delete_rows(db,
                                   {"DELETE FROM pumpkin_parts WHERE media_id = ?",
                                    "DELETE FROM pumpkin_seasons WHERE media_id = ?",
                                    "DELETE FROM pumpkin_media_details WHERE movie_id = ?",
                                    "DELETE FROM pumpkin_media WHERE movie_id = ?"},
                                   r.movie_id);
  }
  template <store::sql::Backend B>
  static store::StoreResult<bool> remove(B& db, const PumpkinMediaDetailsRef& r) {
    return store::sql::delete_rows(db,
                                   {"DELETE FROM pumpkin_parts WHERE media_id = ?",
                                    "DELETE FROM pumpkin_seasons WHERE media_id = ?",
                                    "DELETE FROM pumpkin_media_details WHERE movie_id = ?"},
                                   r.movie_id);
  }

 private:
  // A media's details replace what it had: seasons and parts by position, the surplus removed.
  template <store::sql::Backend B>
  static store::sql::Status detail_rows(store::sql::BatchedWrites<B>& w, const Statements& sql,
                                        const vendors::pumpkin::PumpkinMediaDetails& details,
                                        std::int64_t& count) {
    const std::int64_t id = details.movie_id;
    if (auto ok = w.upsert(sql.media_details, count, std::tuple<>{}, values_of(details)); !ok) {
      return ok;
    }
    std::int64_t season_index = 0;
    for (const auto& season : details.seasons) {
      if (auto ok = w.upsert(sql.season, count, std::tie(id, season_index), values_of(season));
          !ok) {
        return ok;
      }
      std::int64_t part_index = 0;
      for (const auto& part : season.parts) {
        if (auto ok =
                w.upsert(sql.part, count, std::tie(id, season_index, part_index), values_of(part));
            !ok) {
          return ok;
        }
        ++part_index;
      }
      if (auto ok = w.write(kTrimParts, count, id, season_index, part_index); !ok) return ok;
      ++season_index;
    }
    if (auto ok = w.write(kTrimSeasonParts, count, id, season_index); !ok) return ok;
    return w.write(kTrimSeasons, count, id, season_index);
  }
};

}  // namespace mediagate::vendors::pumpkin
