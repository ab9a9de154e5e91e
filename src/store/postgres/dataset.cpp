#include "store/postgres/dataset.hpp"

#include <map>
#include <string>
#include <utility>

#include "store/postgres/query_support.hpp"

namespace mediagate::store::postgres {
namespace {

// Every upsert updates only when something differs, so that the affected-row count counts
// real changes and re-importing the same data rewrites nothing.
constexpr std::string_view kUpsertAccount = R"sql(
INSERT INTO polyv_accounts AS t (user_id, email, secret_key, app_id, app_secret)
VALUES (?, ?, ?, ?, ?)
ON CONFLICT (user_id) DO UPDATE SET
  email = excluded.email, secret_key = excluded.secret_key, app_id = excluded.app_id,
  app_secret = excluded.app_secret
WHERE (t.email, t.secret_key, t.app_id, t.app_secret)
  IS DISTINCT FROM (excluded.email, excluded.secret_key, excluded.app_id, excluded.app_secret))sql";

constexpr std::string_view kAddSubAccount = R"sql(
INSERT INTO polyv_sub_accounts (user_id, email) VALUES (?, ?) ON CONFLICT DO NOTHING)sql";

constexpr std::string_view kUpsertCategory = R"sql(
INSERT INTO polyv_categories AS t (user_id, cataid, name, parent) VALUES (?, ?, ?, ?)
ON CONFLICT (user_id, cataid) DO UPDATE SET name = excluded.name, parent = excluded.parent
WHERE (t.name, t.parent) IS DISTINCT FROM (excluded.name, excluded.parent))sql";

constexpr std::string_view kUpsertVideo = R"sql(
INSERT INTO polyv_videos AS t (vid, user_id, cataid, title, context, times, first_image, tag,
                               aac_link, status, uploader_email, ptime)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (vid) DO UPDATE SET
  user_id = excluded.user_id, cataid = excluded.cataid, title = excluded.title,
  context = excluded.context, times = excluded.times, first_image = excluded.first_image,
  tag = excluded.tag, aac_link = excluded.aac_link, status = excluded.status,
  uploader_email = excluded.uploader_email, ptime = excluded.ptime
WHERE (t.user_id, t.cataid, t.title, t.context, t.times, t.first_image, t.tag, t.aac_link,
       t.status, t.uploader_email, t.ptime)
  IS DISTINCT FROM (excluded.user_id, excluded.cataid, excluded.title, excluded.context,
                    excluded.times, excluded.first_image, excluded.tag, excluded.aac_link,
                    excluded.status, excluded.uploader_email, excluded.ptime))sql";

constexpr std::string_view kUpsertChannel = R"sql(
INSERT INTO polyv_channels AS t (channel_id, user_id) VALUES (?, ?)
ON CONFLICT (channel_id) DO UPDATE SET user_id = excluded.user_id
WHERE t.user_id IS DISTINCT FROM excluded.user_id)sql";

constexpr std::string_view kUpsertSession = R"sql(
INSERT INTO polyv_sessions AS t (session_id, channel_id, start_time, end_time, custom_id)
VALUES (?, ?, ?, ?, ?)
ON CONFLICT (session_id) DO UPDATE SET
  channel_id = excluded.channel_id, start_time = excluded.start_time,
  end_time = excluded.end_time, custom_id = excluded.custom_id
WHERE (t.channel_id, t.start_time, t.end_time, t.custom_id)
  IS DISTINCT FROM (excluded.channel_id, excluded.start_time, excluded.end_time,
                    excluded.custom_id))sql";

constexpr std::string_view kUpsertGroup = R"sql(
INSERT INTO polyv_groups AS t (app_id, app_secret, forbidden) VALUES (?, ?, ?)
ON CONFLICT (app_id) DO UPDATE SET app_secret = excluded.app_secret, forbidden = excluded.forbidden
WHERE (t.app_secret, t.forbidden) IS DISTINCT FROM (excluded.app_secret, excluded.forbidden))sql";

constexpr std::string_view kAddGroupSubAccount = R"sql(
INSERT INTO polyv_group_sub_accounts (app_id, email) VALUES (?, ?) ON CONFLICT DO NOTHING)sql";

constexpr std::string_view kUpsertAllocation = R"sql(
INSERT INTO polyv_allocations AS t (app_id, email, date, type, origin, origin_text, space, flow,
                                    channels, concurrences, duration)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (app_id, email, date, origin, type) DO UPDATE SET
  origin_text = excluded.origin_text, space = excluded.space, flow = excluded.flow,
  channels = excluded.channels, concurrences = excluded.concurrences,
  duration = excluded.duration
WHERE (t.origin_text, t.space, t.flow, t.channels, t.concurrences, t.duration)
  IS DISTINCT FROM (excluded.origin_text, excluded.space, excluded.flow, excluded.channels,
                    excluded.concurrences, excluded.duration))sql";

constexpr std::string_view kUpsertIqiyiPartner = R"sql(
INSERT INTO iqiyi_partners AS t (partner_code, md5_key) VALUES (?, ?)
ON CONFLICT (partner_code) DO UPDATE SET md5_key = excluded.md5_key
WHERE t.md5_key IS DISTINCT FROM excluded.md5_key)sql";

constexpr std::string_view kUpsertIqiyiUser = R"sql(
INSERT INTO iqiyi_users AS t (partner_code, user_id, area, vod_coupons) VALUES (?, ?, ?, ?)
ON CONFLICT (partner_code, user_id, area) DO UPDATE SET vod_coupons = excluded.vod_coupons
WHERE t.vod_coupons IS DISTINCT FROM excluded.vod_coupons)sql";

constexpr std::string_view kUpsertPumpkinPartner = R"sql(
INSERT INTO pumpkin_partners AS t (pid, access_secret) VALUES (?, ?)
ON CONFLICT (pid) DO UPDATE SET access_secret = excluded.access_secret
WHERE t.access_secret IS DISTINCT FROM excluded.access_secret)sql";

constexpr std::string_view kAddPumpkinAction = R"sql(
INSERT INTO pumpkin_actions (pid, action) VALUES (?, ?) ON CONFLICT DO NOTHING)sql";

constexpr std::string_view kUpsertMedia = R"sql(
INSERT INTO pumpkin_media AS t (movie_id, movie_name, delete_time) VALUES (?, ?, ?)
ON CONFLICT (movie_id) DO UPDATE SET
  movie_name = excluded.movie_name, delete_time = excluded.delete_time
WHERE (t.movie_name, t.delete_time) IS DISTINCT FROM (excluded.movie_name,
                                                       excluded.delete_time))sql";

class Importer {
 public:
  explicit Importer(Connection& connection) noexcept : c_(connection) {}

  Status run(const Dataset& data) {
    for (const auto& account : data.polyv_accounts) {
      if (auto ok = polyv_account(account); !ok) return ok;
    }
    for (const auto& group : data.polyv_groups) {
      if (auto ok = polyv_group(group); !ok) return ok;
    }
    for (const auto& partner : data.iqiyi_partners) {
      if (auto ok = iqiyi_partner(partner); !ok) return ok;
    }
    for (const auto& partner : data.pumpkin_partners) {
      if (auto ok = pumpkin_partner(partner); !ok) return ok;
    }
    for (const auto& media : data.pumpkin_media) {
      if (auto ok = write(kUpsertMedia, summary_.pumpkin_media, media.movie_id, media.movie_name,
                          media.delete_time);
          !ok) {
        return ok;
      }
    }
    return core::Ok{};
  }

  const ImportSummary& summary() const noexcept { return summary_; }

 private:
  // One execution of the (prepared once) statement `sql`; adds the rows it changed to `count`.
  template <class... Args>
  Status write(std::string_view sql, std::int64_t& count, const Args&... args) {
    auto rows = c_.run(sql, args...);
    if (!rows) return propagate(rows);
    count += rows->affected();
    return core::Ok{};
  }

  Status polyv_account(const PolyvAccount& account) {
    const auto& keys = account.keys;
    const auto& user = keys.user_id;
    if (auto ok = write(kUpsertAccount, summary_.polyv_accounts, user, keys.email, keys.secret_key,
                        keys.app_id, keys.app_secret);
        !ok) {
      return ok;
    }
    for (const auto& email : account.sub_accounts) {
      if (auto ok = write(kAddSubAccount, links_, user, email); !ok) return ok;
    }
    for (const auto& c : account.categories) {
      if (auto ok = write(kUpsertCategory, summary_.categories, user, c.cataid, c.name, c.parent);
          !ok) {
        return ok;
      }
    }
    for (const auto& v : account.videos) {
      if (auto ok =
              write(kUpsertVideo, summary_.videos, v.vid, user, v.cataid, v.title, v.context,
                    v.times, v.first_image, v.tag, v.aac_link, v.status, v.uploader_email, v.ptime);
          !ok) {
        return ok;
      }
    }
    for (const auto& channel : account.channels) {
      if (auto ok = write(kUpsertChannel, summary_.channels, channel.channel_id, user); !ok) {
        return ok;
      }
      for (const auto& s : channel.sessions) {
        if (auto ok = write(kUpsertSession, summary_.sessions, s.session_id, channel.channel_id,
                            s.start_time, s.end_time, s.custom_id);
            !ok) {
          return ok;
        }
      }
    }
    return core::Ok{};
  }

  Status polyv_group(const PolyvGroup& group) {
    const auto& app = group.keys.app_id;
    if (auto ok = write(kUpsertGroup, summary_.polyv_groups, app, group.keys.app_secret,
                        std::int64_t{group.keys.forbidden ? 1 : 0});
        !ok) {
      return ok;
    }
    for (const auto& email : group.sub_accounts) {
      if (auto ok = write(kAddGroupSubAccount, links_, app, email); !ok) return ok;
    }
    for (const auto& a : group.allocations) {
      if (auto ok =
              write(kUpsertAllocation, summary_.allocations, app, a.email, a.date, a.type, a.origin,
                    a.origin_text, a.space, a.flow, a.channels, a.concurrences, a.duration);
          !ok) {
        return ok;
      }
    }
    return core::Ok{};
  }

  Status iqiyi_partner(const IqiyiPartner& partner) {
    const auto& code = partner.partner_code;
    if (auto ok = write(kUpsertIqiyiPartner, summary_.iqiyi_partners, code, partner.md5_key); !ok) {
      return ok;
    }
    for (const auto& u : partner.users) {
      if (auto ok =
              write(kUpsertIqiyiUser, summary_.iqiyi_users, code, u.user_id, u.area, u.vod_coupons);
          !ok) {
        return ok;
      }
    }
    return core::Ok{};
  }

  Status pumpkin_partner(const PumpkinPartner& partner) {
    if (auto ok = write(kUpsertPumpkinPartner, summary_.pumpkin_partners, partner.pid,
                        partner.access_secret);
        !ok) {
      return ok;
    }
    for (const auto& action : partner.actions) {
      if (auto ok = write(kAddPumpkinAction, links_, partner.pid, action); !ok) return ok;
    }
    return core::Ok{};
  }

  Connection& c_;
  ImportSummary summary_;
  std::int64_t links_ = 0;  // sub-accounts and actions added; not part of the summary
};

// Runs `sql` (no parameters) and calls `row(Row)` for each row; `row` returns Status.
template <class RowFn>
Status for_each_row(Connection& connection, std::string_view sql, RowFn&& row) {
  auto rows = connection.run(sql);
  if (!rows) return propagate(rows);
  for (int i = 0; i < rows->size(); ++i) {
    if (auto ok = row(Row(*rows, i)); !ok) return ok;
  }
  return core::Ok{};
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
                        [&](const Row& s) -> Status {
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
                        [&](const Row& s) -> Status {
                          auto account = account_of(s.text(0));
                          if (!account) return propagate(account);
                          (*account)->sub_accounts.push_back(s.text(1));
                          return core::Ok{};
                        });
  }

  Status categories() {
    return for_each_row(
        c_, "SELECT user_id, cataid, name, parent FROM polyv_categories ORDER BY user_id, cataid",
        [&](const Row& s) -> Status {
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
        [&](const Row& s) -> Status {
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
    return for_each_row(c_,
                        "SELECT session_id, channel_id, start_time, end_time, custom_id"
                        " FROM polyv_sessions ORDER BY session_id",
                        [&](const Row& s) -> Status {
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
                        [&](const Row& s) -> Status {
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
                        [&](const Row& s) -> Status {
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
        [&](const Row& s) -> Status {
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
                        [&](const Row& s) -> Status {
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
        [&](const Row& s) -> Status {
          auto index = find_parent(iqiyi_, s.text(0), "iqiyi partner");
          if (!index) return propagate(index);
          data_.iqiyi_partners[*index].users.push_back({s.text(1), s.text(2), s.int64(3)});
          return core::Ok{};
        });
  }

  Status pumpkin_partners() {
    return for_each_row(c_, "SELECT pid, access_secret FROM pumpkin_partners ORDER BY pid",
                        [&](const Row& s) -> Status {
                          pumpkin_.emplace(s.text(0), data_.pumpkin_partners.size());
                          data_.pumpkin_partners.push_back({s.text(0), s.text(1), {}});
                          return core::Ok{};
                        });
  }

  Status pumpkin_actions() {
    return for_each_row(c_, "SELECT pid, action FROM pumpkin_actions ORDER BY pid, action",
                        [&](const Row& s) -> Status {
                          auto index = find_parent(pumpkin_, s.text(0), "pumpkin partner");
                          if (!index) return propagate(index);
                          data_.pumpkin_partners[*index].actions.push_back(s.text(1));
                          return core::Ok{};
                        });
  }

  Status pumpkin_media() {
    return for_each_row(
        c_, "SELECT movie_id, movie_name, delete_time FROM pumpkin_media ORDER BY movie_id",
        [&](const Row& s) -> Status {
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

StoreResult<ImportSummary> upsert_dataset(Connection& connection, const Dataset& data) {
  Importer importer(connection);
  if (auto ok = importer.run(data); !ok) return propagate(ok);
  return importer.summary();
}

StoreResult<Dataset> export_dataset(Connection& connection) {
  Exporter exporter(connection);
  if (auto ok = exporter.run(); !ok) return propagate(ok);
  return std::move(exporter).take();
}

}  // namespace mediagate::store::postgres
