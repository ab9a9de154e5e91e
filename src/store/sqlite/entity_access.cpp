#include "store/sqlite/entity_access.hpp"

#include <initializer_list>

#include "store/sqlite/dataset_importer.hpp"
#include "store/sqlite/query_support.hpp"

namespace mediagate::store::sqlite {
namespace {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

// A page of an entity table: `columns` of `from_where`, ordered by `order_by`.
template <class T, class Map>
StoreResult<Page<T>> page(Connection& c, std::string_view columns, const std::string& from_where,
                          std::string_view order_by, const std::vector<Param>& params, Range range,
                          Map&& map) {
  return page_of<T>(c, columns, from_where, order_by, params, range.offset, range.limit,
                    std::forward<Map>(map));
}

// Runs `statements` in order with the same parameters: children first, the entity itself last;
// true if the last one removed a row.
template <class... Args>
StoreResult<bool> delete_rows(Connection& c, std::initializer_list<std::string_view> statements,
                              const Args&... args) {
  std::int64_t changed = 0;
  for (const auto sql : statements) {
    auto statement = c.prepare(sql);
    if (!statement) return propagate(statement);
    auto rows = (*statement)->execute(args...);
    if (!rows) return propagate(rows);
    changed = *rows;
  }
  return changed > 0;
}

PolyvAccountKeys account_keys(const Statement& s) {
  return {s.text(0), s.text(1), s.text(2), s.text(3), s.text(4)};
}

constexpr std::string_view kAccountColumns =
    "SELECT user_id, email, secret_key, app_id, app_secret FROM polyv_accounts ";

LiveSession session_of(const Statement& s, int first = 0) {
  return {s.text(first), s.int64(first + 1), s.optional_int64(first + 2),
          s.optional_text(first + 3)};
}

PolyvGroupKeys group_keys(const Statement& s) {
  return {s.text(0), s.text(1), s.int64(2) != 0};
}

constexpr std::string_view kAllocationColumns =
    "SELECT id, email, date, type, origin, origin_text, space, flow, channels, concurrences,"
    " duration";

AllocationRecord allocation_of(const Statement& s) {
  return {s.int64(0),
          {s.text(1), s.int64(2), s.text(3), s.text(4), s.text(5), s.optional_int64(6),
           s.optional_int64(7), s.optional_int64(8), s.optional_int64(9), s.optional_int64(10)}};
}

IqiyiUser iqiyi_user_of(const Statement& s) {
  return {s.text(0), s.text(1), s.int64(2)};
}

PumpkinMedia media_of(const Statement& s) {
  return {s.int64(0), s.text(1), s.optional_int64(2)};
}

StoreResult<std::vector<std::string>> pumpkin_actions(Connection& c, std::string_view pid) {
  return list_rows<std::string>(
      c, "SELECT action FROM pumpkin_actions WHERE pid = ? ORDER BY action",
      [](const Statement& s) { return s.text(0); }, pid);
}

std::string text_of(const Statement& s) {
  return s.text(0);
}

}  // namespace

// --- Polyv accounts ---

StoreResult<Page<PolyvAccountKeys>> ConnectionEntityStore::list_polyv_accounts(Range range) {
  return page<PolyvAccountKeys>(c_, "SELECT user_id, email, secret_key, app_id, app_secret",
                                "FROM polyv_accounts", " ORDER BY user_id", {}, range,
                                account_keys);
}

StoreResult<std::optional<PolyvAccountKeys>> ConnectionEntityStore::find_polyv_account(
    std::string_view user_id) {
  return find_one<PolyvAccountKeys>(c_, std::string(kAccountColumns) + "WHERE user_id = ?",
                                    account_keys, user_id);
}

StoreResult<std::optional<PolyvAccountKeys>> ConnectionEntityStore::find_polyv_account_by_app_id(
    std::string_view app_id) {
  return find_one<PolyvAccountKeys>(c_, std::string(kAccountColumns) + "WHERE app_id = ?",
                                    account_keys, app_id);
}

StoreResult<Page<std::string>> ConnectionEntityStore::list_polyv_sub_accounts(
    std::string_view user_id, Range range) {
  return page<std::string>(c_, "SELECT email", "FROM polyv_sub_accounts WHERE user_id = ?",
                           " ORDER BY email", {std::string(user_id)}, range, text_of);
}

StoreResult<bool> ConnectionEntityStore::has_polyv_sub_account(std::string_view user_id,
                                                               std::string_view email) {
  auto found = find_one<bool>(
      c_, "SELECT 1 FROM polyv_sub_accounts WHERE user_id = ? AND email = ?",
      [](const Statement&) { return true; }, user_id, email);
  if (!found) return propagate(found);
  return found->has_value();
}

StoreResult<Page<Category>> ConnectionEntityStore::list_categories(std::string_view user_id,
                                                                   Range range) {
  return page<Category>(c_, "SELECT cataid, name, parent",
                        "FROM polyv_categories WHERE user_id = ?", " ORDER BY cataid",
                        {std::string(user_id)}, range, [](const Statement& s) {
                          return Category{s.int64(0), s.text(1), s.optional_int64(2)};
                        });
}

Video video_of(const Statement& s, int first) {
  return {s.text(first),      s.int64(first + 1), s.text(first + 2),  s.text(first + 3),
          s.int64(first + 4), s.text(first + 5),  s.text(first + 6),  s.optional_text(first + 7),
          s.text(first + 8),  s.text(first + 9),  s.int64(first + 10)};
}

std::string_view video_order(VideoOrder order) {
  switch (order) {
    case VideoOrder::kPtimeAsc:
      return " ORDER BY ptime ASC, vid ASC";
    case VideoOrder::kPtimeDesc:
      return " ORDER BY ptime DESC, vid ASC";
    case VideoOrder::kTimesAsc:
      return " ORDER BY times ASC, vid ASC";
    case VideoOrder::kTimesDesc:
      return " ORDER BY times DESC, vid ASC";
  }
  return " ORDER BY ptime ASC, vid ASC";
}

std::string video_filter(const VideoQuery& query, std::vector<Param>& params) {
  std::string from_where = "FROM polyv_videos WHERE user_id = ?";
  params.emplace_back(query.user_id);
  if (query.cataids) {
    // One JSON array parameter whatever the list's length: the statement stays cacheable and
    // SQLite builds a temporary index over the list's values.
    from_where += " AND cataid IN (SELECT value FROM json_each(?))";
    params.emplace_back(json_array(*query.cataids));
  }
  if (query.uploader_email) {
    from_where += " AND uploader_email = ?";
    params.emplace_back(*query.uploader_email);
  }
  if (query.exclude_uploader_email) {
    from_where += " AND uploader_email <> ?";
    params.emplace_back(*query.exclude_uploader_email);
  }
  if (query.published_only) from_where += " AND status IN ('60', '61')";
  return from_where;
}

StoreResult<Page<Video>> ConnectionEntityStore::query_videos(const VideoQuery& query) {
  std::vector<Param> params;
  const std::string from_where = video_filter(query, params);
  return page_of<Video>(c_, kVideoColumns, from_where, video_order(query.order), params,
                        query.offset, query.limit, [](const Statement& s) { return video_of(s); });
}

StoreResult<std::optional<VideoRecord>> ConnectionEntityStore::find_video(std::string_view vid) {
  return find_one<VideoRecord>(
      c_, std::string(kVideoColumns) + ", user_id FROM polyv_videos WHERE vid = ?",
      [](const Statement& s) {
        return VideoRecord{s.text(11), video_of(s)};
      },
      vid);
}

StoreResult<Page<std::string>> ConnectionEntityStore::list_channels(std::string_view user_id,
                                                                    Range range) {
  return page<std::string>(c_, "SELECT channel_id", "FROM polyv_channels WHERE user_id = ?",
                           " ORDER BY channel_id", {std::string(user_id)}, range, text_of);
}

StoreResult<std::optional<std::string>> ConnectionEntityStore::find_channel_owner(
    std::string_view channel_id) {
  return find_one<std::string>(c_, "SELECT user_id FROM polyv_channels WHERE channel_id = ?",
                               text_of, channel_id);
}

StoreResult<Page<LiveSession>> ConnectionEntityStore::list_sessions(std::string_view channel_id,
                                                                    Range range) {
  return page<LiveSession>(c_, "SELECT session_id, start_time, end_time, custom_id",
                           "FROM polyv_sessions WHERE channel_id = ?",
                           " ORDER BY start_time DESC, session_id ASC", {std::string(channel_id)},
                           range, [](const Statement& s) { return session_of(s); });
}

StoreResult<std::optional<SessionRecord>> ConnectionEntityStore::find_session(
    std::string_view session_id) {
  return find_one<SessionRecord>(
      c_,
      "SELECT channel_id, session_id, start_time, end_time, custom_id FROM polyv_sessions"
      " WHERE session_id = ?",
      [](const Statement& s) {
        return SessionRecord{s.text(0), session_of(s, 1)};
      },
      session_id);
}

// --- Polyv groups ---

StoreResult<Page<PolyvGroupKeys>> ConnectionEntityStore::list_polyv_groups(Range range) {
  return page<PolyvGroupKeys>(c_, "SELECT app_id, app_secret, forbidden", "FROM polyv_groups",
                              " ORDER BY app_id", {}, range, group_keys);
}

StoreResult<std::optional<PolyvGroupKeys>> ConnectionEntityStore::find_polyv_group(
    std::string_view app_id) {
  return find_one<PolyvGroupKeys>(
      c_, "SELECT app_id, app_secret, forbidden FROM polyv_groups WHERE app_id = ?", group_keys,
      app_id);
}

StoreResult<Page<std::string>> ConnectionEntityStore::list_group_sub_accounts(
    std::string_view app_id, Range range) {
  return page<std::string>(c_, "SELECT email", "FROM polyv_group_sub_accounts WHERE app_id = ?",
                           " ORDER BY email", {std::string(app_id)}, range, text_of);
}

StoreResult<bool> ConnectionEntityStore::has_group_sub_account(std::string_view app_id,
                                                               std::string_view email) {
  auto found = find_one<bool>(
      c_, "SELECT 1 FROM polyv_group_sub_accounts WHERE app_id = ? AND email = ?",
      [](const Statement&) { return true; }, app_id, email);
  if (!found) return propagate(found);
  return found->has_value();
}

StoreResult<Page<AllocationRecord>> ConnectionEntityStore::list_allocations(
    std::string_view app_id, const std::optional<std::string>& email, Range range) {
  std::string from_where = "FROM polyv_allocations WHERE app_id = ?";
  std::vector<Param> params{std::string(app_id)};
  if (email) {
    from_where += " AND email = ?";
    params.emplace_back(*email);
  }
  return page<AllocationRecord>(c_, kAllocationColumns, from_where, " ORDER BY id", params, range,
                                allocation_of);
}

StoreResult<std::optional<AllocationRecord>> ConnectionEntityStore::find_allocation(
    std::string_view app_id, std::int64_t id) {
  return find_one<AllocationRecord>(
      c_, std::string(kAllocationColumns) + " FROM polyv_allocations WHERE app_id = ? AND id = ?",
      allocation_of, app_id, id);
}

StoreResult<std::optional<std::int64_t>> ConnectionEntityStore::find_allocation_id(
    std::string_view app_id, const Allocation& key) {
  return find_one<std::int64_t>(
      c_,
      "SELECT id FROM polyv_allocations"
      " WHERE app_id = ? AND email = ? AND date = ? AND origin = ? AND type = ?",
      [](const Statement& s) { return s.int64(0); }, app_id, key.email, key.date, key.origin,
      key.type);
}

StoreResult<bool> ConnectionEntityStore::update_allocation(std::string_view app_id, std::int64_t id,
                                                           const Allocation& a) {
  auto statement = c_.prepare(
      "UPDATE polyv_allocations SET email = ?, date = ?, type = ?, origin = ?, origin_text = ?,"
      " space = ?, flow = ?, channels = ?, concurrences = ?, duration = ?"
      " WHERE app_id = ? AND id = ?");
  if (!statement) return propagate(statement);
  auto changed = (*statement)
                     ->execute(a.email, a.date, a.type, a.origin, a.origin_text, a.space, a.flow,
                               a.channels, a.concurrences, a.duration, app_id, id);
  if (!changed) return propagate(changed);
  return *changed > 0;
}

// --- iQiyi ---

StoreResult<Page<IqiyiPartner>> ConnectionEntityStore::list_iqiyi_partners(Range range) {
  return page<IqiyiPartner>(c_, "SELECT partner_code, md5_key", "FROM iqiyi_partners",
                            " ORDER BY partner_code", {}, range, [](const Statement& s) {
                              return IqiyiPartner{s.text(0), s.text(1), {}};
                            });
}

StoreResult<std::optional<IqiyiPartner>> ConnectionEntityStore::find_iqiyi_partner(
    std::string_view partner_code) {
  return find_one<IqiyiPartner>(
      c_, "SELECT partner_code, md5_key FROM iqiyi_partners WHERE partner_code = ?",
      [](const Statement& s) {
        return IqiyiPartner{s.text(0), s.text(1), {}};
      },
      partner_code);
}

StoreResult<Page<IqiyiUser>> ConnectionEntityStore::list_iqiyi_users(std::string_view partner_code,
                                                                     Range range) {
  return page<IqiyiUser>(c_, "SELECT user_id, area, vod_coupons",
                         "FROM iqiyi_users WHERE partner_code = ?", " ORDER BY user_id, area",
                         {std::string(partner_code)}, range, iqiyi_user_of);
}

StoreResult<std::optional<IqiyiUser>> ConnectionEntityStore::find_iqiyi_user(
    std::string_view partner_code, std::string_view user_id, std::string_view area) {
  return find_one<IqiyiUser>(c_,
                             "SELECT user_id, area, vod_coupons FROM iqiyi_users"
                             " WHERE partner_code = ? AND user_id = ? AND area = ?",
                             iqiyi_user_of, partner_code, user_id, area);
}

// --- Pumpkin ---

StoreResult<Page<PumpkinPartner>> ConnectionEntityStore::list_pumpkin_partners(Range range) {
  auto partners = page<PumpkinPartner>(c_, "SELECT pid, access_secret", "FROM pumpkin_partners",
                                       " ORDER BY pid", {}, range, [](const Statement& s) {
                                         return PumpkinPartner{s.text(0), s.text(1), {}};
                                       });
  if (!partners) return partners;
  for (auto& partner : partners->items) {
    auto actions = pumpkin_actions(c_, partner.pid);
    if (!actions) return propagate(actions);
    partner.actions = std::move(*actions);
  }
  return partners;
}

StoreResult<std::optional<PumpkinPartner>> ConnectionEntityStore::find_pumpkin_partner(
    std::string_view pid) {
  auto partner = find_one<PumpkinPartner>(
      c_, "SELECT pid, access_secret FROM pumpkin_partners WHERE pid = ?",
      [](const Statement& s) {
        return PumpkinPartner{s.text(0), s.text(1), {}};
      },
      pid);
  if (!partner || !partner->has_value()) return partner;
  auto actions = pumpkin_actions(c_, pid);
  if (!actions) return propagate(actions);
  (*partner)->actions = std::move(*actions);
  return partner;
}

StoreResult<Page<PumpkinMedia>> ConnectionEntityStore::list_pumpkin_media(Range range) {
  return page<PumpkinMedia>(c_, "SELECT movie_id, movie_name, delete_time", "FROM pumpkin_media",
                            " ORDER BY movie_id", {}, range, media_of);
}

StoreResult<std::optional<PumpkinMedia>> ConnectionEntityStore::find_pumpkin_media(
    std::int64_t movie_id) {
  return find_one<PumpkinMedia>(
      c_, "SELECT movie_id, movie_name, delete_time FROM pumpkin_media WHERE movie_id = ?",
      media_of, movie_id);
}

// --- writes ---

StoreResult<ImportSummary> ConnectionEntityStore::upsert(const Dataset& data) {
  // Inside a transaction, import_dataset's own transaction is a savepoint within it.
  return import_dataset(c_, data, {.bulk_videos = bulk_import_videos_});
}

StoreResult<bool> ConnectionEntityStore::remove(const EntityRef& entity) {
  return std::visit(
      Overloaded{
          [&](const PolyvAccountRef& r) {
            return delete_rows(c_,
                               {"DELETE FROM polyv_sessions WHERE channel_id IN"
                                " (SELECT channel_id FROM polyv_channels WHERE user_id = ?)",
                                "DELETE FROM polyv_channels WHERE user_id = ?",
                                "DELETE FROM polyv_videos WHERE user_id = ?",
                                "DELETE FROM polyv_categories WHERE user_id = ?",
                                "DELETE FROM polyv_sub_accounts WHERE user_id = ?",
                                "DELETE FROM polyv_accounts WHERE user_id = ?"},
                               r.user_id);
          },
          [&](const PolyvSubAccountRef& r) {
            return delete_rows(c_,
                               {"DELETE FROM polyv_sub_accounts WHERE user_id = ? AND email = ?"},
                               r.user_id, r.email);
          },
          [&](const CategoryRef& r) {
            return delete_rows(c_,
                               {"DELETE FROM polyv_categories WHERE user_id = ? AND cataid = ?"},
                               r.user_id, r.cataid);
          },
          [&](const VideoRef& r) {
            return delete_rows(c_, {"DELETE FROM polyv_videos WHERE vid = ?"}, r.vid);
          },
          [&](const ChannelRef& r) {
            return delete_rows(c_,
                               {"DELETE FROM polyv_sessions WHERE channel_id = ?",
                                "DELETE FROM polyv_channels WHERE channel_id = ?"},
                               r.channel_id);
          },
          [&](const SessionRef& r) {
            return delete_rows(c_, {"DELETE FROM polyv_sessions WHERE session_id = ?"},
                               r.session_id);
          },
          [&](const PolyvGroupRef& r) {
            return delete_rows(c_,
                               {"DELETE FROM polyv_allocations WHERE app_id = ?",
                                "DELETE FROM polyv_group_sub_accounts WHERE app_id = ?",
                                "DELETE FROM polyv_groups WHERE app_id = ?"},
                               r.app_id);
          },
          [&](const GroupSubAccountRef& r) {
            return delete_rows(
                c_, {"DELETE FROM polyv_group_sub_accounts WHERE app_id = ? AND email = ?"},
                r.app_id, r.email);
          },
          [&](const AllocationRef& r) {
            return delete_rows(c_, {"DELETE FROM polyv_allocations WHERE app_id = ? AND id = ?"},
                               r.app_id, r.id);
          },
          [&](const IqiyiPartnerRef& r) {
            return delete_rows(c_,
                               {"DELETE FROM iqiyi_users WHERE partner_code = ?",
                                "DELETE FROM iqiyi_partners WHERE partner_code = ?"},
                               r.partner_code);
          },
          [&](const IqiyiUserRef& r) {
            return delete_rows(
                c_, {"DELETE FROM iqiyi_users WHERE partner_code = ? AND user_id = ? AND area = ?"},
                r.partner_code, r.user_id, r.area);
          },
          [&](const PumpkinPartnerRef& r) {
            return delete_rows(c_,
                               {"DELETE FROM pumpkin_actions WHERE pid = ?",
                                "DELETE FROM pumpkin_partners WHERE pid = ?"},
                               r.pid);
          },
          [&](const PumpkinActionRef& r) {
            return delete_rows(c_, {"DELETE FROM pumpkin_actions WHERE pid = ? AND action = ?"},
                               r.pid, r.action);
          },
          [&](const PumpkinMediaRef& r) {
            return delete_rows(c_, {"DELETE FROM pumpkin_media WHERE movie_id = ?"}, r.movie_id);
          },
      },
      entity);
}

}  // namespace mediagate::store::sqlite
