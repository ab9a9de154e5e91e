// The fixture document's sections read from the store (`mediagate export`): the rows of each part
// of the fixture document, handed out in the order the document lists them, read in batches of at
// most `batch` rows by keyset pagination (WHERE key > last key ORDER BY key LIMIT batch), so that
// memory holds one batch per open level, never the store. The order is that of
// the modules' exports (vendors/<v>/<v>_writes.hpp: every list by its id), so the document is
// the one vendors::export_dataset() gives. Written once over the shared SQL layer, for both
// engines. Run it inside one read snapshot (Engine::read with ReadKind::kSnapshot) for a consistent
// copy.
//
// One section, one small function: a new part of the format adds a function here and one call
// where the document is written (vendors/fixture_export.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "store/sql/backend.hpp"
#include "store/sql/rows.hpp"
#include "vendors/iqiyi/iqiyi_rows.hpp"
#include "vendors/polyv/polyv_rows.hpp"
#include "vendors/pumpkin/pumpkin_rows.hpp"

namespace mediagate::vendors::fixture_sections {

using namespace store;       // NOLINT: the store's results
using namespace store::sql;  // NOLINT: the SQL layer's helpers
using namespace iqiyi;       // NOLINT: each module's values and rows
using namespace polyv;       // NOLINT
using namespace pumpkin;     // NOLINT

// The two statements of a keyset walk: the first batch, and the batch after a key.
struct Keyset {
  std::string first;  // parameters: the filter's, then the limit
  std::string next;   // parameters: the filter's, the last key's columns, then the limit
};

// SELECT `columns` FROM `table` [WHERE `filter`], ordered by `key` (one column or several,
// unique within the filter), `limit` rows, optionally after a key given as `key_params`.
inline Keyset keyset(std::string_view columns, std::string_view table, std::string_view filter,
                     std::string_view key, std::string_view key_params) {
  const std::string head = "SELECT " + std::string(columns) + " FROM " + std::string(table);
  const std::string where = filter.empty() ? std::string() : " WHERE " + std::string(filter);
  const std::string order = " ORDER BY " + std::string(key) + " LIMIT ?";
  const std::string after = "(" + std::string(key) + ") > (" + std::string(key_params) + ")";
  return {head + where + order,
          head + (filter.empty() ? " WHERE " : where + " AND ") + after + order};
}

template <Backend B>
class SectionReader {
 public:
  // `batch` >= 1: rows read per statement.
  SectionReader(B& db, std::size_t batch) noexcept : db_(db), batch_(batch == 0 ? 1 : batch) {}

  // Rows handed out so far (for a progress bar).
  std::int64_t rows_read() const noexcept { return rows_read_; }

  // How many rows the sections below will hand out, counted in the same snapshot.
  StoreResult<std::int64_t> rows_total() {
    std::int64_t total = 0;
    for (const auto table :
         {"polyv_accounts", "polyv_sub_accounts", "polyv_categories", "polyv_videos",
          "polyv_channels", "polyv_sessions", "polyv_groups", "polyv_group_sub_accounts",
          "polyv_allocations", "iqiyi_partners", "iqiyi_users", "iqiyi_coupon_uses",
          "pumpkin_partners", "pumpkin_actions", "pumpkin_media"}) {
      auto count = db_.count("SELECT count(*) FROM " + std::string(table), {});
      if (!count) return propagate(count);
      total += *count;
    }
    return total;
  }

  // --- Polyv ---

  template <class Each>
  Status accounts(Each&& each) {
    static const Keyset k = keyset(kAccountColumns, "polyv_accounts", "", "user_id", "?");
    return walk<PolyvAccountKeys>(
        k, account_keys_of, [](const PolyvAccountKeys& a) { return std::tuple(a.user_id); }, each);
  }

  template <class Each>
  Status sub_accounts(std::string_view user_id, Each&& each) {
    static const Keyset k = keyset("email", "polyv_sub_accounts", "user_id = ?", "email", "?");
    return walk<std::string>(
        k, text_of, [](const std::string& e) { return std::tuple(e); }, each, user_id);
  }

  template <class Each>
  Status categories(std::string_view user_id, Each&& each) {
    static const Keyset k =
        keyset(kCategoryColumns, "polyv_categories", "user_id = ?", "cataid", "?");
    return walk<Category>(
        k, category_of, [](const Category& c) { return std::tuple(c.cataid); }, each, user_id);
  }

  template <class Each>
  Status videos(std::string_view user_id, Each&& each) {
    static const Keyset k = keyset(kVideoColumns, "polyv_videos", "user_id = ?", "vid", "?");
    return walk<Video>(
        k, video_of, [](const Video& v) { return std::tuple(v.vid); }, each, user_id);
  }

  template <class Each>
  Status channels(std::string_view user_id, Each&& each) {
    static const Keyset k =
        keyset("channel_id", "polyv_channels", "user_id = ?", "channel_id", "?");
    return walk<std::string>(
        k, text_of, [](const std::string& c) { return std::tuple(c); }, each, user_id);
  }

  template <class Each>
  Status sessions(std::string_view channel_id, Each&& each) {
    static const Keyset k =
        keyset(kSessionColumns, "polyv_sessions", "channel_id = ?", "session_id", "?");
    return walk<LiveSession>(
        k, session_of, [](const LiveSession& s) { return std::tuple(s.session_id); }, each,
        channel_id);
  }

  template <class Each>
  Status groups(Each&& each) {
    static const Keyset k = keyset(kGroupColumns, "polyv_groups", "", "app_id", "?");
    return walk<PolyvGroupKeys>(
        k, group_keys_of, [](const PolyvGroupKeys& g) { return std::tuple(g.app_id); }, each);
  }

  template <class Each>
  Status group_sub_accounts(std::string_view app_id, Each&& each) {
    static const Keyset k = keyset("email", "polyv_group_sub_accounts", "app_id = ?", "email", "?");
    return walk<std::string>(
        k, text_of, [](const std::string& e) { return std::tuple(e); }, each, app_id);
  }

  // In insertion order (by id), as import numbers them.
  template <class Each>
  Status allocations(std::string_view app_id, Each&& each) {
    static const Keyset k = keyset("id, " + std::string(kAllocationColumns), "polyv_allocations",
                                   "app_id = ?", "id", "?");
    return walk<std::pair<std::int64_t, Allocation>>(
        k,
        [](const auto& s) {
          return std::pair{s.int64(0), allocation_of(s, 1)};
        },
        [](const std::pair<std::int64_t, Allocation>& a) { return std::tuple(a.first); },
        [&](std::pair<std::int64_t, Allocation>&& a) { return each(std::move(a.second)); }, app_id);
  }

  // --- iQiyi ---

  template <class Each>
  Status iqiyi_partners(Each&& each) {
    static const Keyset k = keyset(kIqiyiPartnerColumns, "iqiyi_partners", "", "partner_code", "?");
    return walk<IqiyiPartner>(
        k, iqiyi_partner_of, [](const IqiyiPartner& p) { return std::tuple(p.partner_code); },
        each);
  }

  template <class Each>
  Status iqiyi_users(std::string_view partner_code, Each&& each) {
    static const Keyset k =
        keyset(kIqiyiUserColumns, "iqiyi_users", "partner_code = ?", "user_id, area", "?, ?");
    return walk<IqiyiUser>(
        k, iqiyi_user_of, [](const IqiyiUser& u) { return std::tuple(u.user_id, u.area); }, each,
        partner_code);
  }

  // A partner's coupon uses (fixture `couponUses`), in the order vendors::export_dataset() gives.
  template <class Each>
  Status iqiyi_coupon_uses(std::string_view partner_code, Each&& each) {
    using Use = std::pair<std::int64_t, IqiyiCouponUseEntry>;
    static const Keyset k =
        keyset("id, " + std::string(kIqiyiCouponUseEntryColumns), "iqiyi_coupon_uses",
               "partner_code = ?", "user_id, area, use_time, id", "?, ?, ?, ?");
    return walk<Use>(
        k,
        [](const auto& s) {
          return Use{s.int64(0), iqiyi_coupon_use_entry_of(s, 1)};
        },
        [](const Use& u) {
          return std::tuple(u.second.user_id, u.second.area, u.second.use_time, u.first);
        },
        [&](Use&& u) { return each(std::move(u.second)); }, partner_code);
  }

  // --- Pumpkin ---

  template <class Each>
  Status pumpkin_partners(Each&& each) {
    static const Keyset k = keyset(kPumpkinPartnerColumns, "pumpkin_partners", "", "pid", "?");
    return walk<PumpkinPartner>(
        k, pumpkin_partner_of, [](const PumpkinPartner& p) { return std::tuple(p.pid); }, each);
  }

  template <class Each>
  Status pumpkin_actions(std::string_view pid, Each&& each) {
    static const Keyset k = keyset("action", "pumpkin_actions", "pid = ?", "action", "?");
    return walk<std::string>(
        k, text_of, [](const std::string& a) { return std::tuple(a); }, each, pid);
  }

  // Each media with its details (seasons and parts), if it has any: each(media, details).
  // The details of a batch are read with it, three statements over its movie_id span.
  template <class Each>
  Status pumpkin_media(Each&& each) {
    static const Keyset k = keyset(kMediaColumns, "pumpkin_media", "", "movie_id", "?");
    std::vector<PumpkinMedia> batch;
    auto flush = [&]() -> Status {
      if (batch.empty()) return core::Ok{};
      auto details = media_details(batch.front().movie_id, batch.back().movie_id);
      if (!details) return propagate(details);
      for (auto& media : batch) {
        std::optional<PumpkinMediaDetails> found;
        if (const auto it = details->find(media.movie_id); it != details->end()) {
          found = std::move(it->second);
        }
        if (auto ok = each(std::move(media), std::move(found)); !ok) return ok;
      }
      batch.clear();
      return core::Ok{};
    };
    auto walked = walk<PumpkinMedia>(
        k, media_of, [](const PumpkinMedia& m) { return std::tuple(m.movie_id); },
        [&](PumpkinMedia&& media) -> Status {
          batch.push_back(std::move(media));
          if (batch.size() < batch_) return core::Ok{};
          return flush();
        });
    if (!walked) return walked;
    return flush();
  }

 private:
  // The rows of `k` in batches: each(row) for each, in order.
  template <class T, class Map, class KeyOf, class Each, class... Args>
  Status walk(const Keyset& k, Map&& map, KeyOf&& key_of, Each&& each, const Args&... args) {
    const auto limit = static_cast<std::int64_t>(batch_);
    auto rows = list_rows<T>(db_, k.first, map, args..., limit);
    while (true) {
      if (!rows) return propagate(rows);
      const bool last = rows->size() < batch_;
      std::optional<decltype(key_of(rows->front()))> after;
      if (!last) after = key_of(rows->back());
      for (auto& row : *rows) {
        ++rows_read_;
        if (auto ok = each(std::move(row)); !ok) return ok;
      }
      if (last) return core::Ok{};
      rows = std::apply(
          [&](const auto&... key) {
            return list_rows<T>(db_, k.next, map, args..., key..., limit);
          },
          *after);
    }
  }

  // The details of the media from `first` to `last` (movie_id), with their seasons and parts.
  StoreResult<std::map<std::int64_t, PumpkinMediaDetails>> media_details(std::int64_t first,
                                                                         std::int64_t last) {
    static const std::string kDetails =
        select(kMediaDetailColumns,
               "FROM pumpkin_media_details WHERE movie_id BETWEEN ? AND ? ORDER BY movie_id");
    static const std::string kSeasons =
        select("media_id, " + std::string(kSeasonColumns),
               "FROM pumpkin_seasons WHERE media_id BETWEEN ? AND ? ORDER BY media_id, position");
    static const std::string kParts = select(
        "media_id, season, " + std::string(kPartColumns),
        "FROM pumpkin_parts WHERE media_id BETWEEN ? AND ? ORDER BY media_id, season, position");
    std::map<std::int64_t, PumpkinMediaDetails> out;
    auto details = list_rows<PumpkinMediaDetails>(db_, kDetails, media_details_of, first, last);
    if (!details) return propagate(details);
    for (auto& d : *details) out.emplace(d.movie_id, std::move(d));
    auto seasons = list_rows<std::pair<std::int64_t, PumpkinSeason>>(
        db_, kSeasons,
        [](const auto& s) {
          return std::pair{s.int64(0), season_of(s, 1)};
        },
        first, last);
    if (!seasons) return propagate(seasons);
    for (auto& [media_id, season] : *seasons) {
      const auto it = out.find(media_id);
      if (it == out.end()) {
        return core::unexpected(core::Error::store(
            "export: pumpkin season " + std::to_string(season.movie_id) + " has no parent row"));
      }
      it->second.seasons.push_back(std::move(season));
    }
    auto parts = list_rows<std::tuple<std::int64_t, std::int64_t, PumpkinPart>>(
        db_, kParts,
        [](const auto& s) {
          return std::tuple{s.int64(0), s.int64(1), part_of(s, 2)};
        },
        first, last);
    if (!parts) return propagate(parts);
    for (auto& [media_id, season, part] : *parts) {
      const auto it = out.find(media_id);
      if (it == out.end() || season < 0 ||
          static_cast<std::size_t>(season) >= it->second.seasons.size()) {
        return core::unexpected(core::Error::store(
            "export: pumpkin part " + std::to_string(part.movie_id) + " has no parent row"));
      }
      it->second.seasons[static_cast<std::size_t>(season)].parts.push_back(std::move(part));
    }
    return out;
  }

  B& db_;
  std::size_t batch_;
  std::int64_t rows_read_ = 0;
};

}  // namespace mediagate::vendors::fixture_sections
