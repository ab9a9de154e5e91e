// Polyv's section of a dataset's writes and reads, written once over the shared SQL layer
// (store/sql/batched_writes.hpp) for both engines: its accounts (with their sub-accounts,
// categories, videos, channels and sessions) and groups (with their sub-accounts and
// allocations) upserted, read back in order, and removed one entity at a time.
// vendors/dataset_writes.cpp composes it with the other modules' sections.
//
// Upserts: rows present are updated, rows absent are left alone; link rows (sub-accounts) are
// only ever added. A group's allocations are keyed by (email, date, origin, type). The big
// tables (categories, videos, sessions, allocations) may be loaded set-wise, and a big load of
// videos rebuilds their indexes once (sql::BulkLoadBackend).
// Export: every list ordered by its id (accounts by userId, videos by vid, allocations by
// insertion id, ...), so the output is deterministic and importing it changes nothing.
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
#include "vendors/polyv/polyv_rows.hpp"

namespace mediagate::vendors::polyv {

struct DatasetSection {
  // The statements, built once from rows.hpp's columns.
  struct Statements {
    std::string account = store::sql::upsert_sql("polyv_accounts", "user_id", kAccountColumns);
    std::string category = store::sql::upsert_sql("polyv_categories", "user_id, cataid",
                                                  store::sql::with("user_id", kCategoryColumns));
    std::string video =
        store::sql::upsert_sql("polyv_videos", "vid", store::sql::with("user_id", kVideoColumns));
    std::string channel =
        store::sql::upsert_sql("polyv_channels", "channel_id", "user_id, channel_id");
    std::string session = store::sql::upsert_sql("polyv_sessions", "session_id",
                                                 store::sql::with("channel_id", kSessionColumns));
    std::string group = store::sql::upsert_sql("polyv_groups", "app_id", kGroupColumns);
    std::string allocation =
        store::sql::upsert_sql("polyv_allocations", "app_id, email, date, origin, type",
                               store::sql::with("app_id", kAllocationColumns));
    // The tables the seed and big imports fill by the thousand.
    store::sql::SetWiseTable categories{"polyv_categories", "user_id, cataid",
                                        store::sql::with("user_id", kCategoryColumns)};
    store::sql::SetWiseTable videos{"polyv_videos", "vid",
                                    store::sql::with("user_id", kVideoColumns)};
    store::sql::SetWiseTable sessions{"polyv_sessions", "session_id",
                                      store::sql::with("channel_id", kSessionColumns)};
    store::sql::SetWiseTable allocations{"polyv_allocations", "app_id, email, date, origin, type",
                                         store::sql::with("app_id", kAllocationColumns)};

    static const Statements& get() {
      static const Statements statements;
      return statements;
    }
  };

  static constexpr std::string_view kAddSubAccount =
      "INSERT INTO polyv_sub_accounts (user_id, email) VALUES (?, ?) ON CONFLICT DO NOTHING";
  static constexpr std::string_view kAddGroupSubAccount =
      "INSERT INTO polyv_group_sub_accounts (app_id, email) VALUES (?, ?) ON CONFLICT DO NOTHING";

  // Polyv's part of `data` through `w`, counted in `summary` (read after w.flush()).
  template <store::sql::Backend B>
  static store::sql::Status import_rows(store::sql::BatchedWrites<B>& w, const Dataset& data,
                                        ImportSummary& summary) {
    const auto& sql = Statements::get();
    std::size_t categories = 0;
    std::size_t videos = 0;
    std::size_t sessions = 0;
    std::size_t allocations = 0;
    for (const auto& account : data.polyv_accounts) {
      categories += account.categories.size();
      videos += account.videos.size();
      for (const auto& channel : account.channels) sessions += channel.sessions.size();
    }
    for (const auto& group : data.polyv_groups) allocations += group.allocations.size();
    const Tables tables{w.set_wise(sql.categories, categories, summary.categories),
                        w.set_wise(sql.videos, videos, summary.videos),
                        w.set_wise(sql.sessions, sessions, summary.sessions),
                        w.set_wise(sql.allocations, allocations, summary.allocations)};
    // Bulk loads: maintaining the videos' secondary indexes row by row costs about three times
    // the inserts themselves, while rebuilding them afterwards is one sort each.
    store::sql::BulkLoad load;
    if constexpr (store::sql::BulkLoadBackend<B>) {
      auto started = w.db().start_bulk_load("polyv_videos", videos);
      if (!started) return store::sql::propagate(started);
      load = std::move(*started);
    }
    for (const auto& account : data.polyv_accounts) {
      if (auto ok = polyv_account(w, sql, tables, account, summary); !ok) return ok;
    }
    for (const auto& group : data.polyv_groups) {
      if (auto ok = polyv_group(w, sql, tables, group, summary); !ok) return ok;
    }
    if constexpr (store::sql::BulkLoadBackend<B>) {
      if (auto ok = w.flush(); !ok) return ok;
      return w.db().finish_bulk_load(load);
    }
    return core::Ok{};
  }

  // Polyv's part of the store through `db` into `data`, inside the caller's snapshot.
  template <store::sql::Backend B>
  static store::sql::Status export_rows(B& db, Dataset& data) {
    Exporter<B> exporter{db, data, {}, {}, {}};
    return exporter.run();
  }

  template <store::sql::Backend B>
  static store::StoreResult<bool> remove(B& db, const PolyvAccountRef& r) {
    return store::sql::delete_rows(db,
                                   {"DELETE FROM polyv_sessions WHERE channel_id IN"
                                    " (SELECT channel_id FROM polyv_channels WHERE user_id = ?)",
                                    "DELETE FROM polyv_channels WHERE user_id = ?",
                                    "DELETE FROM polyv_videos WHERE user_id = ?",
                                    "DELETE FROM polyv_categories WHERE user_id = ?",
                                    "DELETE FROM polyv_sub_accounts WHERE user_id = ?",
                                    "DELETE FROM polyv_accounts WHERE user_id = ?"},
                                   r.user_id);
  }
  template <store::sql::Backend B>
  static store::StoreResult<bool> remove(B& db, const PolyvSubAccountRef& r) {
    return store::sql::delete_rows(
        db, {"DELETE FROM polyv_sub_accounts WHERE user_id = ? AND email = ?"}, r.user_id, r.email);
  }
  template <store::sql::Backend B>
  static store::StoreResult<bool> remove(B& db, const CategoryRef& r) {
    return store::sql::delete_rows(
        db, {"DELETE FROM polyv_categories WHERE user_id = ? AND cataid = ?"}, r.user_id, r.cataid);
  }
  template <store::sql::Backend B>
  static store::StoreResult<bool> remove(B& db, const VideoRef& r) {
    return store::sql::delete_rows(db, {"DELETE FROM polyv_videos WHERE vid = ?"}, r.vid);
  }
  template <store::sql::Backend B>
  static store::StoreResult<bool> remove(B& db, const ChannelRef& r) {
    return store::sql::delete_rows(db,
                                   {"DELETE FROM polyv_sessions WHERE channel_id = ?",
                                    "DELETE FROM polyv_channels WHERE channel_id = ?"},
                                   r.channel_id);
  }
  template <store::sql::Backend B>
  static store::StoreResult<bool> remove(B& db, const SessionRef& r) {
    return store::sql::delete_rows(db, {"DELETE FROM polyv_sessions WHERE session_id = ?"},
                                   r.session_id);
  }
  template <store::sql::Backend B>
  static store::StoreResult<bool> remove(B& db, const PolyvGroupRef& r) {
    return store::sql::delete_rows(db,
                                   {"DELETE FROM polyv_allocations WHERE app_id = ?",
                                    "DELETE FROM polyv_group_sub_accounts WHERE app_id = ?",
                                    "DELETE FROM polyv_groups WHERE app_id = ?"},
                                   r.app_id);
  }
  template <store::sql::Backend B>
  static store::StoreResult<bool> remove(B& db, const GroupSubAccountRef& r) {
    return store::sql::delete_rows(
        db, {"DELETE FROM polyv_group_sub_accounts WHERE app_id = ? AND email = ?"}, r.app_id,
        r.email);
  }
  template <store::sql::Backend B>
  static store::StoreResult<bool> remove(B& db, const AllocationRef& r) {
    return store::sql::delete_rows(
        db, {"DELETE FROM polyv_allocations WHERE app_id = ? AND id = ?"}, r.app_id, r.id);
  }

 private:
  // The set-wise tables, as w.set_wise() named them for this import.
  struct Tables {
    std::size_t categories;
    std::size_t videos;
    std::size_t sessions;
    std::size_t allocations;
  };

  template <store::sql::Backend B>
  static store::sql::Status polyv_account(store::sql::BatchedWrites<B>& w, const Statements& sql,
                                          const Tables& tables,
                                          const vendors::polyv::PolyvAccount& account,
                                          ImportSummary& summary) {
    const auto& user = account.keys.user_id;
    if (auto ok =
            w.upsert(sql.account, summary.polyv_accounts, std::tuple<>{}, values_of(account.keys));
        !ok) {
      return ok;
    }
    for (const auto& email : account.sub_accounts) {
      if (auto ok = w.write(kAddSubAccount, w.uncounted(), user, email); !ok) return ok;
    }
    for (const auto& c : account.categories) {
      if (auto ok = w.upsert(tables.categories, sql.category, std::tie(user), values_of(c)); !ok) {
        return ok;
      }
    }
    for (const auto& v : account.videos) {
      if (auto ok = w.upsert(tables.videos, sql.video, std::tie(user), values_of(v)); !ok) {
        return ok;
      }
    }
    for (const auto& channel : account.channels) {
      if (auto ok = w.write(sql.channel, summary.channels, user, channel.channel_id); !ok) {
        return ok;
      }
      for (const auto& s : channel.sessions) {
        if (auto ok =
                w.upsert(tables.sessions, sql.session, std::tie(channel.channel_id), values_of(s));
            !ok) {
          return ok;
        }
      }
    }
    return core::Ok{};
  }

  template <store::sql::Backend B>
  static store::sql::Status polyv_group(store::sql::BatchedWrites<B>& w, const Statements& sql,
                                        const Tables& tables,
                                        const vendors::polyv::PolyvGroup& group,
                                        ImportSummary& summary) {
    const auto& app = group.keys.app_id;
    if (auto ok = w.upsert(sql.group, summary.polyv_groups, std::tuple<>{}, values_of(group.keys));
        !ok) {
      return ok;
    }
    for (const auto& email : group.sub_accounts) {
      if (auto ok = w.write(kAddGroupSubAccount, w.uncounted(), app, email); !ok) return ok;
    }
    for (const auto& a : group.allocations) {
      if (auto ok = w.upsert(tables.allocations, sql.allocation, std::tie(app), values_of(a));
          !ok) {
        return ok;
      }
    }
    return core::Ok{};
  }

  template <store::sql::Backend B>
  struct Exporter {
    using Row = typename B::Row;
    using Status = store::sql::Status;

    B& db;
    Dataset& data;
    std::map<std::string, std::size_t, std::less<>> accounts;
    std::map<std::string, std::pair<std::size_t, std::size_t>, std::less<>> channels;
    std::map<std::string, std::size_t, std::less<>> groups;

    Status run() {
      for (auto step : {&Exporter::read_accounts, &Exporter::read_sub_accounts,
                        &Exporter::read_categories, &Exporter::read_videos,
                        &Exporter::read_channels, &Exporter::read_sessions, &Exporter::read_groups,
                        &Exporter::read_group_sub_accounts, &Exporter::read_allocations}) {
        if (auto ok = (this->*step)(); !ok) return ok;
      }
      return core::Ok{};
    }

    Status read_accounts() {
      return db.for_each_row(
          store::sql::select(kAccountColumns, "FROM polyv_accounts ORDER BY user_id"),
          [&](const Row& s) -> Status {
            vendors::polyv::PolyvAccount account;
            account.keys = account_keys_of(s);
            accounts.emplace(account.keys.user_id, data.polyv_accounts.size());
            data.polyv_accounts.push_back(std::move(account));
            return core::Ok{};
          });
    }

    store::StoreResult<vendors::polyv::PolyvAccount*> account_of(const std::string& user_id) {
      auto index = store::sql::find_parent(accounts, user_id, "polyv account");
      if (!index) return store::sql::propagate(index);
      return &data.polyv_accounts[*index];
    }

    Status read_sub_accounts() {
      return db.for_each_row(
          "SELECT user_id, email FROM polyv_sub_accounts ORDER BY user_id, email",
          [&](const Row& s) -> Status {
            auto account = account_of(s.text(0));
            if (!account) return store::sql::propagate(account);
            (*account)->sub_accounts.push_back(s.text(1));
            return core::Ok{};
          });
    }

    Status read_categories() {
      return db.for_each_row(
          store::sql::select_owned("user_id", kCategoryColumns,
                                   "FROM polyv_categories ORDER BY user_id, cataid"),
          [&](const Row& s) -> Status {
            auto account = account_of(s.text(0));
            if (!account) return store::sql::propagate(account);
            (*account)->categories.push_back(category_of(s, 1));
            return core::Ok{};
          });
    }

    Status read_videos() {
      return db.for_each_row(
          store::sql::select_owned("user_id", kVideoColumns, "FROM polyv_videos ORDER BY vid"),
          [&](const Row& s) -> Status {
            auto account = account_of(s.text(0));
            if (!account) return store::sql::propagate(account);
            (*account)->videos.push_back(video_of(s, 1));
            return core::Ok{};
          });
    }

    Status read_channels() {
      return db.for_each_row("SELECT channel_id, user_id FROM polyv_channels ORDER BY channel_id",
                             [&](const Row& s) -> Status {
                               auto index =
                                   store::sql::find_parent(accounts, s.text(1), "polyv account");
                               if (!index) return store::sql::propagate(index);
                               auto& list = data.polyv_accounts[*index].channels;
                               channels.emplace(s.text(0), std::pair{*index, list.size()});
                               list.push_back({s.text(0), {}});
                               return core::Ok{};
                             });
    }

    Status read_sessions() {
      return db.for_each_row(
          store::sql::select_owned("channel_id", kSessionColumns,
                                   "FROM polyv_sessions ORDER BY session_id"),
          [&](const Row& s) -> Status {
            auto where = store::sql::find_parent(channels, s.text(0), "polyv channel");
            if (!where) return store::sql::propagate(where);
            auto& channel = data.polyv_accounts[where->first].channels[where->second];
            channel.sessions.push_back(session_of(s, 1));
            return core::Ok{};
          });
    }

    Status read_groups() {
      return db.for_each_row(store::sql::select(kGroupColumns, "FROM polyv_groups ORDER BY app_id"),
                             [&](const Row& s) -> Status {
                               vendors::polyv::PolyvGroup group;
                               group.keys = group_keys_of(s);
                               groups.emplace(group.keys.app_id, data.polyv_groups.size());
                               data.polyv_groups.push_back(std::move(group));
                               return core::Ok{};
                             });
    }

    store::StoreResult<vendors::polyv::PolyvGroup*> group_of(const std::string& app_id) {
      auto index = store::sql::find_parent(groups, app_id, "polyv group");
      if (!index) return store::sql::propagate(index);
      return &data.polyv_groups[*index];
    }

    Status read_group_sub_accounts() {
      return db.for_each_row(
          "SELECT app_id, email FROM polyv_group_sub_accounts ORDER BY app_id, email",
          [&](const Row& s) -> Status {
            auto group = group_of(s.text(0));
            if (!group) return store::sql::propagate(group);
            (*group)->sub_accounts.push_back(s.text(1));
            return core::Ok{};
          });
    }

    Status read_allocations() {
      return db.for_each_row(store::sql::select_owned("app_id", kAllocationColumns,
                                                      "FROM polyv_allocations ORDER BY id"),
                             [&](const Row& s) -> Status {
                               auto group = group_of(s.text(0));
                               if (!group) return store::sql::propagate(group);
                               (*group)->allocations.push_back(allocation_of(s, 1));
                               return core::Ok{};
                             });
    }
  };
};

}  // namespace mediagate::vendors::polyv
