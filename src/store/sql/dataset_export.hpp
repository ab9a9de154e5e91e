// Export, the part both SQL backends share: the whole database as a Dataset, read through a
// backend (backend.hpp) on a connection the caller has put in one snapshot. Every list is
// ordered by its id (accounts by userId, videos by vid, allocations by insertion id, ...), so
// the output is deterministic and import() of it changes nothing.
// Included by each backend's exporter (sqlite/dataset_exporter.cpp, postgres/dataset.cpp).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "store/sql/backend.hpp"
#include "store/sql/rows.hpp"

namespace mediagate::store::sql {
namespace export_detail {

template <class Index>
auto find_parent(const Index& index, const std::string& key, std::string_view what)
    -> StoreResult<typename Index::mapped_type> {
  const auto it = index.find(key);
  if (it == index.end()) {
    return core::unexpected(
        core::Error::store("export: " + std::string(what) + " '" + key + "' has no parent row"));
  }
  return it->second;
}

// "SELECT <owner>, <columns> FROM <rest>": a child row with its parent's key first.
inline std::string select_owned(std::string_view owner, std::string_view columns,
                                std::string_view rest) {
  return select(std::string(owner) + ", " + std::string(columns), rest);
}

}  // namespace export_detail

template <Backend B>
class Exporter {
 public:
  explicit Exporter(B& db) noexcept : db_(db) {}

  Status run() {
    for (auto step :
         {&Exporter::accounts, &Exporter::sub_accounts, &Exporter::categories, &Exporter::videos,
          &Exporter::channels, &Exporter::sessions, &Exporter::groups,
          &Exporter::group_sub_accounts, &Exporter::allocations, &Exporter::iqiyi_partners,
          &Exporter::iqiyi_users, &Exporter::iqiyi_coupon_uses, &Exporter::pumpkin_partners,
          &Exporter::pumpkin_actions, &Exporter::pumpkin_media, &Exporter::pumpkin_details,
          &Exporter::pumpkin_seasons, &Exporter::pumpkin_parts}) {
      if (auto ok = (this->*step)(); !ok) return ok;
    }
    return core::Ok{};
  }

  Dataset take() && { return std::move(data_); }

 private:
  using Row = typename B::Row;

  Status accounts() {
    return db_.for_each_row(select(kAccountColumns, "FROM polyv_accounts ORDER BY user_id"),
                            [&](const Row& s) -> Status {
                              PolyvAccount account;
                              account.keys = account_keys_of(s);
                              accounts_.emplace(account.keys.user_id, data_.polyv_accounts.size());
                              data_.polyv_accounts.push_back(std::move(account));
                              return core::Ok{};
                            });
  }

  StoreResult<PolyvAccount*> account_of(const std::string& user_id) {
    auto index = export_detail::find_parent(accounts_, user_id, "polyv account");
    if (!index) return propagate(index);
    return &data_.polyv_accounts[*index];
  }

  Status sub_accounts() {
    return db_.for_each_row("SELECT user_id, email FROM polyv_sub_accounts ORDER BY user_id, email",
                            [&](const Row& s) -> Status {
                              auto account = account_of(s.text(0));
                              if (!account) return propagate(account);
                              (*account)->sub_accounts.push_back(s.text(1));
                              return core::Ok{};
                            });
  }

  Status categories() {
    return db_.for_each_row(
        export_detail::select_owned("user_id", kCategoryColumns,
                                    "FROM polyv_categories ORDER BY user_id, cataid"),
        [&](const Row& s) -> Status {
          auto account = account_of(s.text(0));
          if (!account) return propagate(account);
          (*account)->categories.push_back(category_of(s, 1));
          return core::Ok{};
        });
  }

  Status videos() {
    return db_.for_each_row(
        export_detail::select_owned("user_id", kVideoColumns, "FROM polyv_videos ORDER BY vid"),
        [&](const Row& s) -> Status {
          auto account = account_of(s.text(0));
          if (!account) return propagate(account);
          (*account)->videos.push_back(video_of(s, 1));
          return core::Ok{};
        });
  }

  Status channels() {
    return db_.for_each_row("SELECT channel_id, user_id FROM polyv_channels ORDER BY channel_id",
                            [&](const Row& s) -> Status {
                              auto account = account_of(s.text(1));
                              if (!account) return propagate(account);
                              auto& list = (*account)->channels;
                              channels_.emplace(s.text(0), std::pair{*account, list.size()});
                              list.push_back({s.text(0), {}});
                              return core::Ok{};
                            });
  }

  Status sessions() {
    return db_.for_each_row(export_detail::select_owned("channel_id", kSessionColumns,
                                                        "FROM polyv_sessions ORDER BY session_id"),
                            [&](const Row& s) -> Status {
                              auto where =
                                  export_detail::find_parent(channels_, s.text(0), "polyv channel");
                              if (!where) return propagate(where);
                              auto& channel = where->first->channels[where->second];
                              channel.sessions.push_back(session_of(s, 1));
                              return core::Ok{};
                            });
  }

  Status groups() {
    return db_.for_each_row(select(kGroupColumns, "FROM polyv_groups ORDER BY app_id"),
                            [&](const Row& s) -> Status {
                              PolyvGroup group;
                              group.keys = group_keys_of(s);
                              groups_.emplace(group.keys.app_id, data_.polyv_groups.size());
                              data_.polyv_groups.push_back(std::move(group));
                              return core::Ok{};
                            });
  }

  StoreResult<PolyvGroup*> group_of(const std::string& app_id) {
    auto index = export_detail::find_parent(groups_, app_id, "polyv group");
    if (!index) return propagate(index);
    return &data_.polyv_groups[*index];
  }

  Status group_sub_accounts() {
    return db_.for_each_row(
        "SELECT app_id, email FROM polyv_group_sub_accounts ORDER BY app_id, email",
        [&](const Row& s) -> Status {
          auto group = group_of(s.text(0));
          if (!group) return propagate(group);
          (*group)->sub_accounts.push_back(s.text(1));
          return core::Ok{};
        });
  }

  Status allocations() {
    return db_.for_each_row(export_detail::select_owned("app_id", kAllocationColumns,
                                                        "FROM polyv_allocations ORDER BY id"),
                            [&](const Row& s) -> Status {
                              auto group = group_of(s.text(0));
                              if (!group) return propagate(group);
                              (*group)->allocations.push_back(allocation_of(s, 1));
                              return core::Ok{};
                            });
  }

  Status iqiyi_partners() {
    return db_.for_each_row(
        select(kIqiyiPartnerColumns, "FROM iqiyi_partners ORDER BY partner_code"),
        [&](const Row& s) -> Status {
          auto partner = iqiyi_partner_of(s);
          iqiyi_.emplace(partner.partner_code, data_.iqiyi_partners.size());
          data_.iqiyi_partners.push_back(std::move(partner));
          return core::Ok{};
        });
  }

  Status iqiyi_users() {
    return db_.for_each_row(
        export_detail::select_owned("partner_code", kIqiyiUserColumns,
                                    "FROM iqiyi_users ORDER BY partner_code, user_id, area"),
        [&](const Row& s) -> Status {
          auto index = export_detail::find_parent(iqiyi_, s.text(0), "iqiyi partner");
          if (!index) return propagate(index);
          data_.iqiyi_partners[*index].users.push_back(iqiyi_user_of(s, 1));
          return core::Ok{};
        });
  }

  // By user, then in the order they were recorded (use time, then the store's id).
  Status iqiyi_coupon_uses() {
    return db_.for_each_row(
        export_detail::select_owned(
            "partner_code", kIqiyiCouponUseEntryColumns,
            "FROM iqiyi_coupon_uses ORDER BY partner_code, user_id, area, use_time, id"),
        [&](const Row& s) -> Status {
          auto index = export_detail::find_parent(iqiyi_, s.text(0), "iqiyi partner");
          if (!index) return propagate(index);
          data_.iqiyi_partners[*index].coupon_uses.push_back(iqiyi_coupon_use_entry_of(s, 1));
          return core::Ok{};
        });
  }

  Status pumpkin_partners() {
    return db_.for_each_row(select(kPumpkinPartnerColumns, "FROM pumpkin_partners ORDER BY pid"),
                            [&](const Row& s) -> Status {
                              auto partner = pumpkin_partner_of(s);
                              pumpkin_.emplace(partner.pid, data_.pumpkin_partners.size());
                              data_.pumpkin_partners.push_back(std::move(partner));
                              return core::Ok{};
                            });
  }

  Status pumpkin_actions() {
    return db_.for_each_row("SELECT pid, action FROM pumpkin_actions ORDER BY pid, action",
                            [&](const Row& s) -> Status {
                              auto index = export_detail::find_parent(pumpkin_, s.text(0),
                                                                      "pumpkin partner");
                              if (!index) return propagate(index);
                              data_.pumpkin_partners[*index].actions.push_back(s.text(1));
                              return core::Ok{};
                            });
  }

  Status pumpkin_media() {
    return db_.for_each_row(select(kMediaColumns, "FROM pumpkin_media ORDER BY movie_id"),
                            [&](const Row& s) -> Status {
                              data_.pumpkin_media.push_back(media_of(s));
                              return core::Ok{};
                            });
  }

  Status pumpkin_details() {
    return db_.for_each_row(
        select(kMediaDetailColumns, "FROM pumpkin_media_details ORDER BY movie_id"),
        [&](const Row& s) -> Status {
          auto details = media_details_of(s);
          details_.emplace(details.movie_id, data_.pumpkin_details.size());
          data_.pumpkin_details.push_back(std::move(details));
          return core::Ok{};
        });
  }

  Status pumpkin_seasons() {
    return db_.for_each_row(
        export_detail::select_owned("media_id", kSeasonColumns,
                                    "FROM pumpkin_seasons ORDER BY media_id, position"),
        [&](const Row& s) -> Status {
          const auto it = details_.find(s.int64(0));
          if (it == details_.end()) {
            return core::unexpected(core::Error::store(
                "export: pumpkin season " + std::to_string(s.int64(1)) + " has no parent row"));
          }
          data_.pumpkin_details[it->second].seasons.push_back(season_of(s, 1));
          return core::Ok{};
        });
  }

  // Parts in order, each in the last season of its media (seasons were read in order too).
  Status pumpkin_parts() {
    return db_.for_each_row(
        export_detail::select_owned("media_id, season", kPartColumns,
                                    "FROM pumpkin_parts ORDER BY media_id, season, position"),
        [&](const Row& s) -> Status {
          const auto it = details_.find(s.int64(0));
          const auto season = s.int64(1);
          if (it == details_.end() || season < 0 ||
              static_cast<std::size_t>(season) >=
                  data_.pumpkin_details[it->second].seasons.size()) {
            return core::unexpected(core::Error::store(
                "export: pumpkin part " + std::to_string(s.int64(2)) + " has no parent row"));
          }
          data_.pumpkin_details[it->second]
              .seasons[static_cast<std::size_t>(season)]
              .parts.push_back(part_of(s, 2));
          return core::Ok{};
        });
  }

  B& db_;
  Dataset data_;
  std::map<std::int64_t, std::size_t> details_;
  std::map<std::string, std::size_t, std::less<>> accounts_;
  std::map<std::string, std::pair<PolyvAccount*, std::size_t>, std::less<>> channels_;
  std::map<std::string, std::size_t, std::less<>> groups_;
  std::map<std::string, std::size_t, std::less<>> iqiyi_;
  std::map<std::string, std::size_t, std::less<>> pumpkin_;
};

// The whole database through `db`, inside the caller's snapshot.
template <Backend B>
StoreResult<Dataset> export_rows(B& db) {
  Exporter<B> exporter(db);
  if (auto ok = exporter.run(); !ok) return propagate(ok);
  return std::move(exporter).take();
}

}  // namespace mediagate::store::sql
