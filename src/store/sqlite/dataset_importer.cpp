#include "store/sqlite/dataset_importer.hpp"

#include <string>
#include <vector>

#include "store/sqlite/transaction.hpp"

namespace mediagate::store::sqlite {
namespace {

// Every upsert updates only when something differs, so that sqlite3_changes() counts real
// changes and re-importing the same data rewrites nothing.
constexpr std::string_view kUpsertAccount = R"sql(
INSERT INTO polyv_accounts (user_id, email, secret_key, app_id, app_secret)
VALUES (?, ?, ?, ?, ?)
ON CONFLICT (user_id) DO UPDATE SET
  email = excluded.email, secret_key = excluded.secret_key, app_id = excluded.app_id,
  app_secret = excluded.app_secret
WHERE (email, secret_key, app_id, app_secret)
  IS NOT (excluded.email, excluded.secret_key, excluded.app_id, excluded.app_secret))sql";

constexpr std::string_view kAddSubAccount = R"sql(
INSERT INTO polyv_sub_accounts (user_id, email) VALUES (?, ?) ON CONFLICT DO NOTHING)sql";

constexpr std::string_view kUpsertCategory = R"sql(
INSERT INTO polyv_categories (user_id, cataid, name, parent) VALUES (?, ?, ?, ?)
ON CONFLICT (user_id, cataid) DO UPDATE SET name = excluded.name, parent = excluded.parent
WHERE (name, parent) IS NOT (excluded.name, excluded.parent))sql";

constexpr std::string_view kUpsertVideo = R"sql(
INSERT INTO polyv_videos (vid, user_id, cataid, title, context, times, first_image, tag,
                          aac_link, status, uploader_email, ptime)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (vid) DO UPDATE SET
  user_id = excluded.user_id, cataid = excluded.cataid, title = excluded.title,
  context = excluded.context, times = excluded.times, first_image = excluded.first_image,
  tag = excluded.tag, aac_link = excluded.aac_link, status = excluded.status,
  uploader_email = excluded.uploader_email, ptime = excluded.ptime
WHERE (user_id, cataid, title, context, times, first_image, tag, aac_link, status,
       uploader_email, ptime)
  IS NOT (excluded.user_id, excluded.cataid, excluded.title, excluded.context, excluded.times,
          excluded.first_image, excluded.tag, excluded.aac_link, excluded.status,
          excluded.uploader_email, excluded.ptime))sql";

constexpr std::string_view kUpsertChannel = R"sql(
INSERT INTO polyv_channels (channel_id, user_id) VALUES (?, ?)
ON CONFLICT (channel_id) DO UPDATE SET user_id = excluded.user_id
WHERE user_id IS NOT excluded.user_id)sql";

constexpr std::string_view kUpsertSession = R"sql(
INSERT INTO polyv_sessions (session_id, channel_id, start_time, end_time, custom_id)
VALUES (?, ?, ?, ?, ?)
ON CONFLICT (session_id) DO UPDATE SET
  channel_id = excluded.channel_id, start_time = excluded.start_time,
  end_time = excluded.end_time, custom_id = excluded.custom_id
WHERE (channel_id, start_time, end_time, custom_id)
  IS NOT (excluded.channel_id, excluded.start_time, excluded.end_time, excluded.custom_id))sql";

constexpr std::string_view kUpsertGroup = R"sql(
INSERT INTO polyv_groups (app_id, app_secret, forbidden) VALUES (?, ?, ?)
ON CONFLICT (app_id) DO UPDATE SET app_secret = excluded.app_secret, forbidden = excluded.forbidden
WHERE (app_secret, forbidden) IS NOT (excluded.app_secret, excluded.forbidden))sql";

constexpr std::string_view kAddGroupSubAccount = R"sql(
INSERT INTO polyv_group_sub_accounts (app_id, email) VALUES (?, ?) ON CONFLICT DO NOTHING)sql";

constexpr std::string_view kUpsertAllocation = R"sql(
INSERT INTO polyv_allocations (app_id, email, date, type, origin, origin_text, space, flow,
                               channels, concurrences, duration)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (app_id, email, date, origin, type) DO UPDATE SET
  origin_text = excluded.origin_text, space = excluded.space, flow = excluded.flow,
  channels = excluded.channels, concurrences = excluded.concurrences,
  duration = excluded.duration
WHERE (origin_text, space, flow, channels, concurrences, duration)
  IS NOT (excluded.origin_text, excluded.space, excluded.flow, excluded.channels,
          excluded.concurrences, excluded.duration))sql";

constexpr std::string_view kUpsertIqiyiPartner = R"sql(
INSERT INTO iqiyi_partners (partner_code, md5_key) VALUES (?, ?)
ON CONFLICT (partner_code) DO UPDATE SET md5_key = excluded.md5_key
WHERE md5_key IS NOT excluded.md5_key)sql";

constexpr std::string_view kUpsertIqiyiUser = R"sql(
INSERT INTO iqiyi_users (partner_code, user_id, area, vod_coupons) VALUES (?, ?, ?, ?)
ON CONFLICT (partner_code, user_id, area) DO UPDATE SET vod_coupons = excluded.vod_coupons
WHERE vod_coupons IS NOT excluded.vod_coupons)sql";

constexpr std::string_view kUpsertPumpkinPartner = R"sql(
INSERT INTO pumpkin_partners (pid, access_secret) VALUES (?, ?)
ON CONFLICT (pid) DO UPDATE SET access_secret = excluded.access_secret
WHERE access_secret IS NOT excluded.access_secret)sql";

constexpr std::string_view kAddPumpkinAction = R"sql(
INSERT INTO pumpkin_actions (pid, action) VALUES (?, ?) ON CONFLICT DO NOTHING)sql";

constexpr std::string_view kUpsertMedia = R"sql(
INSERT INTO pumpkin_media (movie_id, movie_name, delete_time) VALUES (?, ?, ?)
ON CONFLICT (movie_id) DO UPDATE SET
  movie_name = excluded.movie_name, delete_time = excluded.delete_time
WHERE (movie_name, delete_time) IS NOT (excluded.movie_name, excluded.delete_time))sql";

class Importer {
 public:
  explicit Importer(Connection& connection) noexcept : connection_(connection) {}

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
  // One execution of the (cached) statement `sql`; adds the rows it changed to `count`.
  template <class... Args>
  Status write(std::string_view sql, std::int64_t& count, const Args&... args) {
    auto statement = connection_.prepare(sql);
    if (!statement) return propagate(statement);
    auto changed = (*statement)->execute(args...);
    if (!changed) return propagate(changed);
    count += *changed;
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

  Connection& connection_;
  ImportSummary summary_;
  std::int64_t links_ = 0;  // sub-accounts and actions added; not part of the summary
};

// Bulk loads: maintaining five secondary indexes row by row costs about three times the
// inserts themselves, while rebuilding them afterwards is one sort each. So an import bringing
// at least ImportOptions::bulk_videos videos, and at least as many as the table already holds,
// drops the video indexes inside its transaction and re-creates them from their own saved SQL (so
// this stays true whatever a later migration makes of them). DDL is transactional in SQLite: a
// rollback restores them, and readers keep using them until the commit.
std::size_t videos_in(const Dataset& data) {
  std::size_t count = 0;
  for (const auto& account : data.polyv_accounts) count += account.videos.size();
  return count;
}

// Drops the secondary indexes of polyv_videos; returns the SQL that re-creates them.
StoreResult<std::vector<std::string>> drop_video_indexes(Connection& writer) {
  std::vector<std::string> names;
  std::vector<std::string> definitions;
  {
    auto list = writer.prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'polyv_videos'"
        " AND sql IS NOT NULL ORDER BY name");
    if (!list) return propagate(list);
    while (true) {
      auto row = (*list)->step();
      if (!row) return propagate(row);
      if (!*row) break;
      names.push_back((*list)->text(0));
      definitions.push_back((*list)->text(1));
    }
  }
  for (const auto& name : names) {
    if (auto ok = writer.exec("DROP INDEX \"" + name + "\""); !ok) return propagate(ok);
  }
  return definitions;
}

StoreResult<bool> is_bulk(Connection& writer, const Dataset& data, std::size_t threshold) {
  const std::size_t incoming = videos_in(data);
  if (incoming < threshold) return false;
  auto count = writer.prepare("SELECT count(*) FROM polyv_videos");
  if (!count) return propagate(count);
  auto row = (*count)->step();
  if (!row) return propagate(row);
  const std::int64_t existing = *row ? (*count)->int64(0) : 0;
  return static_cast<std::int64_t>(incoming) >= existing;
}

Status run_import(Connection& writer, Importer& importer, const Dataset& data,
                  const ImportOptions& options) {
  auto bulk = is_bulk(writer, data, options.bulk_videos);
  if (!bulk) return propagate(bulk);
  std::vector<std::string> indexes;
  if (*bulk) {
    auto dropped = drop_video_indexes(writer);
    if (!dropped) return propagate(dropped);
    indexes = std::move(*dropped);
  }
  if (auto ok = importer.run(data); !ok) return ok;
  for (const auto& definition : indexes) {
    if (auto ok = writer.exec(definition); !ok) return ok;
  }
  // Statistics let the planner pick the right index for a filter (e.g. cataid IN a list
  // rather than scanning in ptime order); a bulk load is when they change the most.
  if (*bulk) return writer.exec("ANALYZE polyv_videos");
  return core::Ok{};
}

}  // namespace

StoreResult<ImportSummary> import_dataset(Connection& writer, const Dataset& data,
                                          const ImportOptions& options) {
  // Statement journals (the undo log of each upsert) in memory: once one outgrows 64 KiB it
  // otherwise becomes a temporary file that every later row of the transaction writes to.
  if (auto ok = writer.exec("PRAGMA temp_store = MEMORY"); !ok) return propagate(ok);
  auto transaction = Transaction::begin(writer, Transaction::Kind::kImmediate);
  if (!transaction) return propagate(transaction);
  Importer importer(writer);
  if (auto ok = run_import(writer, importer, data, options); !ok) {
    return core::unexpected(StoreError{"import rolled back: " + ok.error().message});
  }
  if (auto ok = transaction->commit(); !ok) {
    return core::unexpected(StoreError{"import rolled back: " + ok.error().message});
  }
  return importer.summary();
}

}  // namespace mediagate::store::sqlite
