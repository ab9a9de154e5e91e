#include "store/sqlite/dataset_exporter.hpp"

#include <map>
#include <utility>

#include "store/sqlite/transaction.hpp"

namespace mediagate::store::sqlite {
namespace {

// Runs `sql` (no parameters) and calls `row(statement)` for each row; `row` returns Status.
template <class RowFn>
Status for_each_row(Connection& connection, std::string_view sql, RowFn&& row) {
  auto statement = connection.prepare(sql);
  if (!statement) return propagate(statement);
  while (true) {
    auto more = (*statement)->step();
    if (!more) return propagate(more);
    if (!*more) return core::Ok{};
    if (auto ok = row(**statement); !ok) return ok;
  }
}

template <class Index>
auto find_parent(const Index& index, const std::string& key, std::string_view what)
    -> StoreResult<typename Index::mapped_type> {
  const auto it = index.find(key);
  if (it == index.end()) {
    return core::unexpected(
        StoreError{"export: " + std::string(what) + " '" + key + "' has no parent row"});
  }
  return it->second;
}

class Exporter {
 public:
  explicit Exporter(Connection& connection) noexcept : c_(connection) {}

  Status run() {
    for (auto step :
         {&Exporter::accounts, &Exporter::sub_accounts, &Exporter::categories, &Exporter::videos,
          &Exporter::channels, &Exporter::sessions, &Exporter::groups,
          &Exporter::group_sub_accounts, &Exporter::allocations, &Exporter::iqiyi_partners,
          &Exporter::iqiyi_users, &Exporter::pumpkin_partners, &Exporter::pumpkin_actions,
          &Exporter::pumpkin_media}) {
      if (auto ok = (this->*step)(); !ok) return ok;
    }
    return core::Ok{};
  }

  Dataset take() && { return std::move(data_); }

 private:
  Status accounts() {
    return for_each_row(c_,
                        "SELECT user_id, email, secret_key, app_id, app_secret FROM polyv_accounts"
                        " ORDER BY user_id",
                        [&](const Statement& s) -> Status {
                          PolyvAccount account;
                          account.keys = {s.text(0), s.text(1), s.text(2), s.text(3), s.text(4)};
                          accounts_.emplace(account.keys.user_id, data_.polyv_accounts.size());
                          data_.polyv_accounts.push_back(std::move(account));
                          return core::Ok{};
                        });
  }

  StoreResult<PolyvAccount*> account_of(const std::string& user_id) {
    auto index = find_parent(accounts_, user_id, "polyv account");
    if (!index) return propagate(index);
    return &data_.polyv_accounts[*index];
  }

  Status sub_accounts() {
    return for_each_row(c_, "SELECT user_id, email FROM polyv_sub_accounts ORDER BY user_id, email",
                        [&](const Statement& s) -> Status {
                          auto account = account_of(s.text(0));
                          if (!account) return propagate(account);
                          (*account)->sub_accounts.push_back(s.text(1));
                          return core::Ok{};
                        });
  }

  Status categories() {
    return for_each_row(
        c_,
        "SELECT user_id, cataid, name, parent FROM polyv_categories"
        " ORDER BY user_id, cataid",
        [&](const Statement& s) -> Status {
          auto account = account_of(s.text(0));
          if (!account) return propagate(account);
          (*account)->categories.push_back({s.int64(1), s.text(2), s.optional_int64(3)});
          return core::Ok{};
        });
  }

  Status videos() {
    return for_each_row(
        c_,
        "SELECT vid, user_id, cataid, title, context, times, first_image, tag, aac_link, status,"
        " uploader_email, ptime FROM polyv_videos ORDER BY vid",
        [&](const Statement& s) -> Status {
          auto account = account_of(s.text(1));
          if (!account) return propagate(account);
          (*account)->videos.push_back({s.text(0), s.int64(2), s.text(3), s.text(4), s.int64(5),
                                        s.text(6), s.text(7), s.optional_text(8), s.text(9),
                                        s.text(10), s.int64(11)});
          return core::Ok{};
        });
  }

  Status channels() {
    return for_each_row(c_, "SELECT channel_id, user_id FROM polyv_channels ORDER BY channel_id",
                        [&](const Statement& s) -> Status {
                          auto account = account_of(s.text(1));
                          if (!account) return propagate(account);
                          auto& list = (*account)->channels;
                          channels_.emplace(s.text(0), std::pair{*account, list.size()});
                          list.push_back({s.text(0), {}});
                          return core::Ok{};
                        });
  }

  Status sessions() {
    return for_each_row(c_,
                        "SELECT session_id, channel_id, start_time, end_time, custom_id"
                        " FROM polyv_sessions ORDER BY session_id",
                        [&](const Statement& s) -> Status {
                          auto where = find_parent(channels_, s.text(1), "polyv channel");
                          if (!where) return propagate(where);
                          auto& channel = where->first->channels[where->second];
                          channel.sessions.push_back(
                              {s.text(0), s.int64(2), s.optional_int64(3), s.optional_text(4)});
                          return core::Ok{};
                        });
  }

  Status groups() {
    return for_each_row(c_,
                        "SELECT app_id, app_secret, forbidden FROM polyv_groups ORDER BY app_id",
                        [&](const Statement& s) -> Status {
                          PolyvGroup group;
                          group.keys = {s.text(0), s.text(1), s.int64(2) != 0};
                          groups_.emplace(group.keys.app_id, data_.polyv_groups.size());
                          data_.polyv_groups.push_back(std::move(group));
                          return core::Ok{};
                        });
  }

  StoreResult<PolyvGroup*> group_of(const std::string& app_id) {
    auto index = find_parent(groups_, app_id, "polyv group");
    if (!index) return propagate(index);
    return &data_.polyv_groups[*index];
  }

  Status group_sub_accounts() {
    return for_each_row(c_,
                        "SELECT app_id, email FROM polyv_group_sub_accounts ORDER BY app_id, email",
                        [&](const Statement& s) -> Status {
                          auto group = group_of(s.text(0));
                          if (!group) return propagate(group);
                          (*group)->sub_accounts.push_back(s.text(1));
                          return core::Ok{};
                        });
  }

  Status allocations() {
    return for_each_row(
        c_,
        "SELECT app_id, email, date, type, origin, origin_text, space, flow, channels,"
        " concurrences, duration FROM polyv_allocations ORDER BY id",
        [&](const Statement& s) -> Status {
          auto group = group_of(s.text(0));
          if (!group) return propagate(group);
          (*group)->allocations.push_back({s.text(1), s.int64(2), s.text(3), s.text(4), s.text(5),
                                           s.optional_int64(6), s.optional_int64(7),
                                           s.optional_int64(8), s.optional_int64(9),
                                           s.optional_int64(10)});
          return core::Ok{};
        });
  }

  Status iqiyi_partners() {
    return for_each_row(c_,
                        "SELECT partner_code, md5_key FROM iqiyi_partners ORDER BY partner_code",
                        [&](const Statement& s) -> Status {
                          iqiyi_.emplace(s.text(0), data_.iqiyi_partners.size());
                          data_.iqiyi_partners.push_back({s.text(0), s.text(1), {}});
                          return core::Ok{};
                        });
  }

  Status iqiyi_users() {
    return for_each_row(
        c_,
        "SELECT partner_code, user_id, area, vod_coupons FROM iqiyi_users"
        " ORDER BY partner_code, user_id, area",
        [&](const Statement& s) -> Status {
          auto index = find_parent(iqiyi_, s.text(0), "iqiyi partner");
          if (!index) return propagate(index);
          data_.iqiyi_partners[*index].users.push_back({s.text(1), s.text(2), s.int64(3)});
          return core::Ok{};
        });
  }

  Status pumpkin_partners() {
    return for_each_row(c_, "SELECT pid, access_secret FROM pumpkin_partners ORDER BY pid",
                        [&](const Statement& s) -> Status {
                          pumpkin_.emplace(s.text(0), data_.pumpkin_partners.size());
                          data_.pumpkin_partners.push_back({s.text(0), s.text(1), {}});
                          return core::Ok{};
                        });
  }

  Status pumpkin_actions() {
    return for_each_row(c_, "SELECT pid, action FROM pumpkin_actions ORDER BY pid, action",
                        [&](const Statement& s) -> Status {
                          auto index = find_parent(pumpkin_, s.text(0), "pumpkin partner");
                          if (!index) return propagate(index);
                          data_.pumpkin_partners[*index].actions.push_back(s.text(1));
                          return core::Ok{};
                        });
  }

  Status pumpkin_media() {
    return for_each_row(
        c_, "SELECT movie_id, movie_name, delete_time FROM pumpkin_media ORDER BY movie_id",
        [&](const Statement& s) -> Status {
          data_.pumpkin_media.push_back({s.int64(0), s.text(1), s.optional_int64(2)});
          return core::Ok{};
        });
  }

  Connection& c_;
  Dataset data_;
  std::map<std::string, std::size_t, std::less<>> accounts_;
  std::map<std::string, std::pair<PolyvAccount*, std::size_t>, std::less<>> channels_;
  std::map<std::string, std::size_t, std::less<>> groups_;
  std::map<std::string, std::size_t, std::less<>> iqiyi_;
  std::map<std::string, std::size_t, std::less<>> pumpkin_;
};

}  // namespace

StoreResult<Dataset> export_dataset(Connection& reader) {
  auto transaction = Transaction::begin(reader, Transaction::Kind::kDeferred);
  if (!transaction) return propagate(transaction);
  Exporter exporter(reader);
  if (auto ok = exporter.run(); !ok) return propagate(ok);
  if (auto ok = transaction->commit(); !ok) return propagate(ok);
  return std::move(exporter).take();
}

}  // namespace mediagate::store::sqlite
