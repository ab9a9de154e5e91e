// Import, the part both SQL backends share: every row of a Dataset upserted through a backend
// (backend.hpp), on a connection the caller has put in a transaction. Rows present are updated,
// rows absent are left alone; link rows (sub-accounts, actions) are only ever added. Every
// upsert updates only when something differs, so the summary counts rows inserted or actually
// changed (re-importing identical data counts 0) and nothing is rewritten needlessly.
// The statements are built once from rows.hpp's columns and re-bound per row. A backend that
// can pipeline writes (PipelinedBackend: PostgreSQL) gets them in batches of
// kPipelineWrites, one round trip each, and the counts are added up when a batch's answers
// arrive; SQLite, in process, runs each write at once. A backend that can also load rows
// set-wise (SetWiseBackend: PostgreSQL) gets the big tables' rows (videos, categories,
// sessions, allocations, iQiyi users) in batches, each written by one statement: the same
// upsert over the whole batch, so the same rows are written and counted as one by one
// (docs/decisions/postgres-set-wise-import.md).
// Included by each backend's importer (sqlite/dataset_importer.cpp, postgres/dataset.cpp).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_set>
#include <variant>
#include <vector>

#include "store/sql/backend.hpp"
#include "store/sql/rows.hpp"

namespace mediagate::store::sql {
namespace import_detail {

inline std::vector<std::string_view> names_in(std::string_view list) {
  std::vector<std::string_view> names;
  while (!list.empty()) {
    const auto comma = list.find(',');
    auto name = list.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    names.push_back(name);
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
  }
  return names;
}

// INSERT INTO `table` AS t (`columns`) `rows` ON CONFLICT (`keys`) DO UPDATE SET each other
// column WHERE (t.<others>) IS DISTINCT FROM (excluded.<others>).
inline std::string upsert_sql_of(std::string_view table, std::string_view keys,
                                 std::string_view columns, std::string_view rows) {
  const auto names = names_in(columns);
  const auto key_names = names_in(keys);
  std::string sql = "INSERT INTO " + std::string(table) + " AS t (" + std::string(columns) + ")\n" +
                    std::string(rows) + "\nON CONFLICT (" + std::string(keys) + ") DO UPDATE SET ";
  std::string old_values;
  std::string new_values;
  for (const auto name : names) {
    if (std::find(key_names.begin(), key_names.end(), name) != key_names.end()) continue;
    if (!old_values.empty()) {
      sql += ", ";
      old_values += ", ";
      new_values += ", ";
    }
    sql += std::string(name) + " = excluded." + std::string(name);
    old_values += "t." + std::string(name);
    new_values += "excluded." + std::string(name);
  }
  return sql + "\nWHERE (" + old_values + ") IS DISTINCT FROM (" + new_values + ")";
}

// The same for one row: VALUES (?, ...).
inline std::string upsert_sql(std::string_view table, std::string_view keys,
                              std::string_view columns) {
  std::string values = "VALUES (";
  for (std::size_t i = 0; i < names_in(columns).size(); ++i) values += i == 0 ? "?" : ", ?";
  return upsert_sql_of(table, keys, columns, values + ")");
}

// A table the set-wise path loads (SetWiseBackend): a batch of its rows, written as the row
// upsert binds them (`columns`) plus their position (mg_ord), is loaded into the table
// `source` (the backend's, e.g. a temporary table), then `upsert` writes them all in that
// order, updating only what differs, as the row upsert would one by one.
struct SetWiseTable {
  std::string table;
  std::string columns;
  std::string source;
  std::string upsert;
  std::uint32_t key_fields = 0;  // bit i: the i-th column is part of the conflict key

  SetWiseTable(std::string_view name, std::string_view keys, std::string_view all)
      : table(name), columns(all), source("mg_load_" + std::string(name)) {
    upsert = upsert_sql_of(table, keys, columns,
                           "SELECT " + columns + " FROM " + source + " ORDER BY mg_ord");
    const auto names = names_in(columns);
    for (const auto key : names_in(keys)) {
      const auto at = std::find(names.begin(), names.end(), key) - names.begin();
      key_fields |= std::uint32_t{1} << at;
    }
  }
};

// The tables the seed and big imports fill by the thousand.
enum SetWise : std::size_t { kCategories, kVideos, kSessions, kAllocations, kIqiyiUsers, kSetWise };

inline std::string with(std::string_view first, std::string_view rest) {
  return std::string(first) + ", " + std::string(rest);
}

struct Statements {
  std::string account = upsert_sql("polyv_accounts", "user_id", kAccountColumns);
  std::string category =
      upsert_sql("polyv_categories", "user_id, cataid", with("user_id", kCategoryColumns));
  std::string video = upsert_sql("polyv_videos", "vid", with("user_id", kVideoColumns));
  std::string channel = upsert_sql("polyv_channels", "channel_id", "user_id, channel_id");
  std::string session =
      upsert_sql("polyv_sessions", "session_id", with("channel_id", kSessionColumns));
  std::string group = upsert_sql("polyv_groups", "app_id", kGroupColumns);
  std::string allocation = upsert_sql("polyv_allocations", "app_id, email, date, origin, type",
                                      with("app_id", kAllocationColumns));
  std::string iqiyi_partner = upsert_sql("iqiyi_partners", "partner_code", kIqiyiPartnerColumns);
  std::string iqiyi_user = upsert_sql("iqiyi_users", "partner_code, user_id, area",
                                      with("partner_code", kIqiyiUserColumns));
  std::string pumpkin_partner = upsert_sql("pumpkin_partners", "pid", kPumpkinPartnerColumns);
  std::string media = upsert_sql("pumpkin_media", "movie_id", kMediaColumns);
  std::string media_details = upsert_sql("pumpkin_media_details", "movie_id", kMediaDetailColumns);
  std::string season = upsert_sql("pumpkin_seasons", "media_id, position",
                                  with("media_id, position", kSeasonColumns));
  std::string part = upsert_sql("pumpkin_parts", "media_id, season, position",
                                with("media_id, season, position", kPartColumns));
  std::array<SetWiseTable, kSetWise> set_wise{
      SetWiseTable("polyv_categories", "user_id, cataid", with("user_id", kCategoryColumns)),
      SetWiseTable("polyv_videos", "vid", with("user_id", kVideoColumns)),
      SetWiseTable("polyv_sessions", "session_id", with("channel_id", kSessionColumns)),
      SetWiseTable("polyv_allocations", "app_id, email, date, origin, type",
                   with("app_id", kAllocationColumns)),
      SetWiseTable("iqiyi_users", "partner_code, user_id, area",
                   with("partner_code", kIqiyiUserColumns))};

  static const Statements& get() {
    static const Statements statements;
    return statements;
  }
};

constexpr std::string_view kAddSubAccount =
    "INSERT INTO polyv_sub_accounts (user_id, email) VALUES (?, ?) ON CONFLICT DO NOTHING";
constexpr std::string_view kAddGroupSubAccount =
    "INSERT INTO polyv_group_sub_accounts (app_id, email) VALUES (?, ?) ON CONFLICT DO NOTHING";
// What a media's details listed no longer (positions past the new ends).
constexpr std::string_view kTrimPumpkinParts =
    "DELETE FROM pumpkin_parts WHERE media_id = ? AND season = ? AND position >= ?";
constexpr std::string_view kTrimPumpkinSeasonParts =
    "DELETE FROM pumpkin_parts WHERE media_id = ? AND season >= ?";
constexpr std::string_view kTrimPumpkinSeasons =
    "DELETE FROM pumpkin_seasons WHERE media_id = ? AND position >= ?";
// A coupon use, named by (partner, user, area, content, use time): its right's end updated when
// it differs, then the use added when it is not there (the table's id is the store's own, and
// no unique key covers the name, so no ON CONFLICT). The casts type the SELECT's parameters
// for PostgreSQL, which would otherwise take them as text.
constexpr std::string_view kUpdateIqiyiCouponUse =
    "UPDATE iqiyi_coupon_uses SET vod_deadline = ? WHERE partner_code = ? AND user_id = ? AND "
    "area = ? AND content_id = ? AND use_time = ? AND vod_deadline <> ?";
constexpr std::string_view kAddIqiyiCouponUse =
    "INSERT INTO iqiyi_coupon_uses (partner_code, user_id, area, content_id, use_time, "
    "vod_deadline)\nSELECT CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT), "
    "CAST(? AS BIGINT), CAST(? AS BIGINT)\nWHERE NOT EXISTS (SELECT 1 FROM iqiyi_coupon_uses "
    "WHERE partner_code = ? AND user_id = ? AND area = ? AND content_id = ? AND use_time = ?)";
constexpr std::string_view kAddPumpkinAction =
    "INSERT INTO pumpkin_actions (pid, action) VALUES (?, ?) ON CONFLICT DO NOTHING";

}  // namespace import_detail

// A backend that sends writes in batches: db.make_write(sql, args...) makes one, and
// db.pipeline(writes) runs them and answers each one's changed-row count, in order.
template <class B>
concept PipelinedBackend = requires(B& db, const std::vector<typename B::Write>& writes) {
  { db.make_write(std::string_view{}, std::int64_t{}) } -> std::same_as<typename B::Write>;
  { db.pipeline(writes) } -> std::same_as<StoreResult<std::vector<std::int64_t>>>;
};

template <class B>
struct PendingWrite {
  using type = std::monostate;  // a backend that runs each write at once keeps none
};
template <PipelinedBackend B>
struct PendingWrite<B> {
  using type = typename B::Write;
};

// A pipelining backend that can also load a table's rows set-wise (PostgreSQL: COPY into a
// temporary table, then one upsert per batch): B::append_field(line, value) appends one value
// in the loader's text form (false: a text the backend cannot store, B::unstorable() says
// why), and db.upsert_set(table, lines, count) loads `count` such lines ("field\tfield...\n",
// the last field the row's position) into table.source and runs table.upsert, answering the
// rows it inserted or changed.
template <class B>
concept SetWiseBackend = PipelinedBackend<B> &&
    requires(B& db, const import_detail::SetWiseTable& table, std::string& line,
             std::string_view text) {
  { B::append_field(line, text) } -> std::same_as<bool>;
  { B::append_field(line, std::int64_t{}) } -> std::same_as<bool>;
  { B::unstorable() } -> std::same_as<StoreError>;
  { db.upsert_set(table, text, std::size_t{}) } -> std::same_as<StoreResult<std::int64_t>>;
};

// When the set-wise path is taken (SetWiseBackend only): for a table with at least `min_rows`
// rows in the dataset (below that the pipeline's one round trip per 1000 rows is as quick,
// and a small write, e.g. a vendor call's, makes no temporary table), in batches of
// `batch_rows`.
struct SetWiseOptions {
  std::size_t min_rows = 1000;
  std::size_t batch_rows = 50'000;
};

// Writes per pipeline: large enough that the round trip is amortised (~1 % of a batch's time on
// loopback), small enough that a batch's parameters and answers stay a few hundred KiB.
inline constexpr std::size_t kPipelineWrites = 1000;

template <Backend B>
class Importer {
 public:
  explicit Importer(B& db, const SetWiseOptions& options = {}) noexcept
      : db_(db), options_(options) {}

  Status run(const Dataset& data) {
    if constexpr (SetWiseBackend<B>) choose_set_wise(data);
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
    // A media counts as changed when its row or its details changed: known once the counts
    // are in, so each media's and each details' count has a slot of its own, read after the
    // last batch.
    std::vector<std::pair<std::int64_t, const std::int64_t*>> media_counts;
    for (const auto& media : data.pumpkin_media) {
      auto& count = slots_.emplace_back(0);
      if (auto ok = upsert(sql_.media, count, std::tuple<>{}, values_of(media)); !ok) return ok;
      media_counts.emplace_back(media.movie_id, &count);
    }
    std::vector<std::pair<std::int64_t, const std::int64_t*>> details_counts;
    for (const auto& details : data.pumpkin_details) {
      auto& count = slots_.emplace_back(0);
      if (auto ok = pumpkin_detail_rows(details, count); !ok) return ok;
      details_counts.emplace_back(details.movie_id, &count);
    }
    if (auto ok = flush(); !ok) return ok;
    for (const auto& [id, count] : media_counts) {
      summary_.pumpkin_media += *count;
      if (*count > 0) changed_media_.insert(id);
    }
    // A media whose details changed counts once as a changed media (the summary has no line of
    // its own for them), unless its own row changed too.
    for (const auto& [id, count] : details_counts) {
      if (*count > 0 && changed_media_.insert(id).second) ++summary_.pumpkin_media;
    }
    return core::Ok{};
  }

  const ImportSummary& summary() const noexcept { return summary_; }

  // Runs the pending batches, if any, and adds up their counts (import_rows calls it last).
  Status flush() {
    if constexpr (SetWiseBackend<B>) {
      for (auto& batch : batches_) {
        if (auto ok = flush(batch); !ok) return ok;
      }
    }
    if constexpr (PipelinedBackend<B>) {
      if (pending_.empty()) return core::Ok{};
      auto changed = db_.pipeline(pending_);
      pending_.clear();
      if (!changed) return propagate(changed);
      for (std::size_t i = 0; i < changed->size(); ++i) *counts_[i] += (*changed)[i];
      counts_.clear();
    }
    return core::Ok{};
  }

 private:
  // The rows of one table the set-wise path loads, not yet written.
  struct Batch {
    bool on = false;                       // this import loads the table set-wise
    std::int64_t* count = nullptr;         // the summary's line
    std::string lines;                     // the rows, one line each
    std::size_t size = 0;                  // rows in `lines`
    std::unordered_set<std::string> keys;  // their conflict keys
  };

  // Set-wise for each table with enough rows in `data`.
  void choose_set_wise(const Dataset& data) {
    std::array<std::size_t, import_detail::kSetWise> rows{};
    for (const auto& account : data.polyv_accounts) {
      rows[import_detail::kCategories] += account.categories.size();
      rows[import_detail::kVideos] += account.videos.size();
      for (const auto& channel : account.channels) {
        rows[import_detail::kSessions] += channel.sessions.size();
      }
    }
    for (const auto& group : data.polyv_groups) {
      rows[import_detail::kAllocations] += group.allocations.size();
    }
    for (const auto& partner : data.iqiyi_partners) {
      rows[import_detail::kIqiyiUsers] += partner.users.size();
    }
    const std::array<std::int64_t*, import_detail::kSetWise> lines{
        &summary_.categories, &summary_.videos, &summary_.sessions, &summary_.allocations,
        &summary_.iqiyi_users};
    for (std::size_t t = 0; t < import_detail::kSetWise; ++t) {
      batches_[t].on = rows[t] > 0 && rows[t] >= options_.min_rows;
      batches_[t].count = lines[t];
    }
  }

  // Loads `batch` and adds up what changed.
  Status flush(Batch& batch) {
    if (batch.size == 0) return core::Ok{};
    const auto t = static_cast<std::size_t>(&batch - batches_.data());
    auto changed = db_.upsert_set(sql_.set_wise[t], batch.lines, batch.size);
    batch.lines.clear();
    batch.size = 0;
    batch.keys.clear();
    if (!changed) return propagate(changed);
    *batch.count += *changed;
    return core::Ok{};
  }

  // One row for the set-wise table `t`. A batch never holds a key twice (one statement cannot
  // update a row twice): a key seen again closes the batch first, so that the rows are written
  // in the order, and counted as, the row upserts would write them.
  template <class... Args>
  Status add_row(std::size_t t, const Args&... args) {
    auto& batch = batches_[t];
    const auto key_fields = sql_.set_wise[t].key_fields;
    line_.clear();
    key_.clear();
    std::size_t field = 0;
    bool storable = true;
    auto append = [&](const auto& value) {
      const auto start = line_.size();
      storable = B::append_field(line_, value) && storable;
      if ((key_fields >> field) & 1U) key_.append(line_, start).push_back('\t');
      line_.push_back('\t');
      ++field;
    };
    (append(args), ...);
    if (!storable) return core::unexpected(B::unstorable());
    if (batch.keys.contains(key_)) {
      if (auto ok = flush(batch); !ok) return ok;
    }
    batch.keys.insert(key_);
    batch.lines += line_;
    B::append_field(batch.lines, static_cast<std::int64_t>(batch.size));
    batch.lines.push_back('\n');
    ++batch.size;
    return batch.size >= options_.batch_rows ? flush(batch) : Status{core::Ok{}};
  }

  // A row of the set-wise table `t` (its statement `sql`, its summary line `count`): into its
  // batch when this import loads the table set-wise, else upserted on its own.
  template <class Owner, class Values>
  Status upsert(std::size_t t, std::string_view sql, std::int64_t& count, const Owner& owner,
                const Values& values) {
    if constexpr (SetWiseBackend<B>) {
      if (batches_[t].on) {
        return std::apply([&](const auto&... args) { return add_row(t, args...); },
                          std::tuple_cat(owner, values));
      }
    }
    return upsert(sql, count, owner, values);
  }

  // One execution of the statement `sql` with `args`; adds the rows it changed to `count`
  // (pipelined: when its batch has run; `count` must outlive the importer's last flush).
  template <class... Args>
  Status write(std::string_view sql, std::int64_t& count, const Args&... args) {
    if constexpr (PipelinedBackend<B>) {
      pending_.push_back(db_.make_write(sql, args...));
      counts_.push_back(&count);
      return pending_.size() >= kPipelineWrites ? flush() : Status{core::Ok{}};
    } else {
      auto changed = db_.execute(sql, args...);
      if (!changed) return propagate(changed);
      count += *changed;
      return core::Ok{};
    }
  }

  // The same with the parameters `owner` (the parent's key columns) then `values`.
  template <class Owner, class Values>
  Status upsert(std::string_view sql, std::int64_t& count, const Owner& owner,
                const Values& values) {
    return std::apply([&](const auto&... args) { return write(sql, count, args...); },
                      std::tuple_cat(owner, values));
  }

  Status polyv_account(const PolyvAccount& account) {
    const auto& user = account.keys.user_id;
    if (auto ok =
            upsert(sql_.account, summary_.polyv_accounts, std::tuple<>{}, values_of(account.keys));
        !ok) {
      return ok;
    }
    for (const auto& email : account.sub_accounts) {
      if (auto ok = write(import_detail::kAddSubAccount, links_, user, email); !ok) return ok;
    }
    for (const auto& c : account.categories) {
      if (auto ok = upsert(import_detail::kCategories, sql_.category, summary_.categories,
                           std::tie(user), values_of(c));
          !ok) {
        return ok;
      }
    }
    for (const auto& v : account.videos) {
      if (auto ok = upsert(import_detail::kVideos, sql_.video, summary_.videos, std::tie(user),
                           values_of(v));
          !ok) {
        return ok;
      }
    }
    for (const auto& channel : account.channels) {
      if (auto ok = write(sql_.channel, summary_.channels, user, channel.channel_id); !ok) {
        return ok;
      }
      for (const auto& s : channel.sessions) {
        if (auto ok = upsert(import_detail::kSessions, sql_.session, summary_.sessions,
                             std::tie(channel.channel_id), values_of(s));
            !ok) {
          return ok;
        }
      }
    }
    return core::Ok{};
  }

  Status polyv_group(const PolyvGroup& group) {
    const auto& app = group.keys.app_id;
    if (auto ok = upsert(sql_.group, summary_.polyv_groups, std::tuple<>{}, values_of(group.keys));
        !ok) {
      return ok;
    }
    for (const auto& email : group.sub_accounts) {
      if (auto ok = write(import_detail::kAddGroupSubAccount, links_, app, email); !ok) return ok;
    }
    for (const auto& a : group.allocations) {
      if (auto ok = upsert(import_detail::kAllocations, sql_.allocation, summary_.allocations,
                           std::tie(app), values_of(a));
          !ok) {
        return ok;
      }
    }
    return core::Ok{};
  }

  Status iqiyi_partner(const IqiyiPartner& partner) {
    const auto& code = partner.partner_code;
    if (auto ok =
            upsert(sql_.iqiyi_partner, summary_.iqiyi_partners, std::tuple<>{}, values_of(partner));
        !ok) {
      return ok;
    }
    for (const auto& u : partner.users) {
      if (auto ok = upsert(import_detail::kIqiyiUsers, sql_.iqiyi_user, summary_.iqiyi_users,
                           std::tie(code), values_of(u));
          !ok) {
        return ok;
      }
    }
    // After the users: a use's owner is one of them (the fixture codec checks it).
    for (const auto& use : partner.coupon_uses) {
      if (auto ok = iqiyi_coupon_use(code, use); !ok) return ok;
    }
    return core::Ok{};
  }

  Status iqiyi_coupon_use(const std::string& code, const IqiyiCouponUseEntry& u) {
    if (auto ok =
            write(import_detail::kUpdateIqiyiCouponUse, summary_.iqiyi_coupon_uses, u.vod_deadline,
                  code, u.user_id, u.area, u.content_id, u.use_time, u.vod_deadline);
        !ok) {
      return ok;
    }
    return write(import_detail::kAddIqiyiCouponUse, summary_.iqiyi_coupon_uses, code, u.user_id,
                 u.area, u.content_id, u.use_time, u.vod_deadline, code, u.user_id, u.area,
                 u.content_id, u.use_time);
  }

  Status pumpkin_partner(const PumpkinPartner& partner) {
    if (auto ok = upsert(sql_.pumpkin_partner, summary_.pumpkin_partners, std::tuple<>{},
                         values_of(partner));
        !ok) {
      return ok;
    }
    for (const auto& action : partner.actions) {
      if (auto ok = write(import_detail::kAddPumpkinAction, links_, partner.pid, action); !ok) {
        return ok;
      }
    }
    return core::Ok{};
  }

  // A media's details replace what it had: seasons and parts by position, the surplus removed.
  Status pumpkin_detail_rows(const PumpkinMediaDetails& details, std::int64_t& count) {
    const std::int64_t id = details.movie_id;
    if (auto ok = upsert(sql_.media_details, count, std::tuple<>{}, values_of(details)); !ok) {
      return ok;
    }
    std::int64_t season_index = 0;
    for (const auto& season : details.seasons) {
      if (auto ok = upsert(sql_.season, count, std::tie(id, season_index), values_of(season));
          !ok) {
        return ok;
      }
      std::int64_t part_index = 0;
      for (const auto& part : season.parts) {
        if (auto ok =
                upsert(sql_.part, count, std::tie(id, season_index, part_index), values_of(part));
            !ok) {
          return ok;
        }
        ++part_index;
      }
      if (auto ok = write(import_detail::kTrimPumpkinParts, count, id, season_index, part_index);
          !ok) {
        return ok;
      }
      ++season_index;
    }
    if (auto ok = write(import_detail::kTrimPumpkinSeasonParts, count, id, season_index); !ok) {
      return ok;
    }
    return write(import_detail::kTrimPumpkinSeasons, count, id, season_index);
  }

  B& db_;
  const SetWiseOptions options_;
  const import_detail::Statements& sql_ = import_detail::Statements::get();
  ImportSummary summary_;
  std::int64_t links_ = 0;                // sub-accounts and actions added; not part of the summary
  std::set<std::int64_t> changed_media_;  // media counted as changed
  std::deque<std::int64_t> slots_;        // per-media counts (stable addresses)
  std::vector<typename PendingWrite<B>::type> pending_;  // pipelined: the batch not yet run
  std::vector<std::int64_t*> counts_;                    // where each pending write's count goes
  std::array<Batch, import_detail::kSetWise> batches_;   // set-wise: the rows not yet loaded
  std::string line_;                                     // set-wise: the row being added
  std::string key_;                                      // and its conflict key
};

// Every row of `data` upserted through `db`, inside the caller's transaction.
template <Backend B>
StoreResult<ImportSummary> import_rows(B& db, const Dataset& data,
                                       const SetWiseOptions& options = {}) {
  Importer<B> importer(db, options);
  if (auto ok = importer.run(data); !ok) return propagate(ok);
  if (auto ok = importer.flush(); !ok) return propagate(ok);
  return importer.summary();
}

}  // namespace mediagate::store::sql
