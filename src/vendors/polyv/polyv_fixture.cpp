#include "vendors/polyv/polyv_fixture.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/civil_time.hpp"
#include "core/json_writer.hpp"
#include "fixtures/fixture_reader.hpp"
#include "vendors/polyv/category_tree.hpp"
#include "vendors/polyv/video_placement.hpp"

namespace mediagate::vendors::polyv {
namespace {

namespace json = boost::json;
using fixtures::all_digits;
using fixtures::Kind;
using fixtures::Path;
using fixtures::quoted;

constexpr std::array<std::string_view, 7> kStatuses = {"60", "61", "10", "20", "50", "51", "-1"};

// Reads the section into a Dataset (the document's, or one of its own for a lone entity).
class Decoder : public fixtures::Reader {
 public:
  explicit Decoder(const fixtures::Reader& reader, vendors::Dataset* data = nullptr)
      : Reader(reader), data_(data == nullptr ? &own_ : data) {}

  bool polyv(const json::value& value, const Path& path) {
    const auto* object = as_object(value, path, {"accounts", "groups"});
    if (object == nullptr) return false;
    const json::array* accounts = nullptr;
    const json::array* groups = nullptr;
    if (!array_field(*object, path, "accounts", accounts) ||
        !array_field(*object, path, "groups", groups)) {
      return false;
    }
    const Path accounts_path = path.key("accounts");
    for (std::size_t i = 0; i < accounts->size(); ++i) {
      if (!account((*accounts)[i], accounts_path.index(i))) return false;
    }
    const Path groups_path = path.key("groups");
    for (std::size_t i = 0; i < groups->size(); ++i) {
      if (!group((*groups)[i], groups_path.index(i))) return false;
    }
    return true;
  }

  bool account(const json::value& value, const Path& path) {
    const auto* object = as_object(value, path,
                                   {"userId", "email", "secretKey", "appId", "appSecret",
                                    "subAccounts", "categories", "videos", "channels"});
    if (object == nullptr) return false;
    vendors::polyv::PolyvAccount account;
    auto& keys = account.keys;
    if (!string_field(*object, path, "userId", keys.user_id, Kind::kId) ||
        !string_field(*object, path, "email", keys.email, Kind::kShort) ||
        !string_field(*object, path, "secretKey", keys.secret_key, Kind::kShort) ||
        !string_field(*object, path, "appId", keys.app_id, Kind::kId) ||
        !string_field(*object, path, "appSecret", keys.app_secret, Kind::kShort)) {
      return false;
    }
    if (!unique(user_ids_, keys.user_id, path.key("userId"), "userId", quoted(keys.user_id)) ||
        !unique(account_app_ids_, keys.app_id, path.key("appId"), "appId", quoted(keys.app_id)) ||
        !string_list(*object, path, "subAccounts", account.sub_accounts, Kind::kId)) {
      return false;
    }

    const json::array* categories = nullptr;
    const json::array* videos = nullptr;
    const json::array* channels = nullptr;
    if (!array_field(*object, path, "categories", categories) ||
        !array_field(*object, path, "videos", videos) ||
        !array_field(*object, path, "channels", channels)) {
      return false;
    }
    const Path categories_path = path.key("categories");
    std::map<std::int64_t, std::size_t> category_index;  // cataid -> position
    account.categories.reserve(categories->size());
    for (std::size_t i = 0; i < categories->size(); ++i) {
      if (!category((*categories)[i], categories_path.index(i), account, category_index)) {
        return false;
      }
    }
    if (!category_tree(account.categories, categories_path)) return false;

    const Path videos_path = path.key("videos");
    account.videos.reserve(videos->size());
    for (std::size_t i = 0; i < videos->size(); ++i) {
      if (!video((*videos)[i], videos_path.index(i), account, category_index)) return false;
    }
    const Path channels_path = path.key("channels");
    for (std::size_t i = 0; i < channels->size(); ++i) {
      if (!channel((*channels)[i], channels_path.index(i), account)) return false;
    }
    data_->polyv_accounts.push_back(std::move(account));
    return true;
  }

  bool category(const json::value& value, const Path& path, vendors::polyv::PolyvAccount& account,
                std::map<std::int64_t, std::size_t>& index) {
    const auto* object = as_object(value, path, {"cataid", "name", "parent"});
    if (object == nullptr) return false;
    vendors::polyv::Category category;
    if (!int_field(*object, path, "cataid", category.cataid) ||
        !string_field(*object, path, "name", category.name, Kind::kText) ||
        !nullable_int_field(*object, path, "parent", category.parent)) {
      return false;
    }
    if (!index.emplace(category.cataid, account.categories.size()).second) {
      return fail(path.key("cataid"), "duplicate cataid " + std::to_string(category.cataid));
    }
    account.categories.push_back(std::move(category));
    return true;
  }

  // Every parent exists in the account and no category is its own ancestor.
  bool category_tree(const std::vector<vendors::polyv::Category>& categories, const Path& path) {
    const auto problem = find_category_tree_problem(categories);
    if (!problem) return true;
    const auto& category = categories[problem->index];
    if (problem->kind == CategoryTreeProblem::Kind::kUnknownParent) {
      return fail(
          path.index(problem->index).key("parent"),
          "parent " + std::to_string(*category.parent) + " is not a category of this account");
    }
    return fail(path.index(problem->index).key("parent"),
                "category " + std::to_string(category.cataid) + " is its own ancestor (cycle)");
  }

  bool video(const json::value& value, const Path& path, vendors::polyv::PolyvAccount& account,
             const std::map<std::int64_t, std::size_t>& category_index) {
    vendors::polyv::Video video;
    if (!video_fields(value, path, video)) return false;
    if (!unique(vids_, video.vid, path.key("vid"), "vid", quoted(video.vid))) return false;
    const auto& subs = account.sub_accounts;
    const VideoOwner owner{account.keys.email,
                           [&](std::int64_t cataid) -> store::StoreResult<bool> {
                             return category_index.contains(cataid);
                           },
                           [&](std::string_view email) -> store::StoreResult<bool> {
                             return std::find(subs.begin(), subs.end(), email) != subs.end();
                           }};
    // The lookups above read memory and cannot fail.
    const auto problem = find_video_placement_problem(video, owner).value();
    if (problem == VideoPlacementProblem::kUnknownCategory) {
      return fail(path.key("cataid"),
                  "cataid " + std::to_string(video.cataid) + " is not a category of this account");
    }
    if (!video_status(video, path)) return false;
    if (problem == VideoPlacementProblem::kUnknownUploader) {
      return fail(path.key("uploaderEmail"),
                  quoted(video.uploader_email) +
                      " is neither the account's email nor one of its subAccounts");
    }
    account.videos.push_back(std::move(video));
    return true;
  }

  bool lone_account(const json::value& value, vendors::polyv::PolyvAccount& out) {
    if (!account(value, Path::root())) return false;
    out = std::move(data_->polyv_accounts.back());
    return true;
  }

  bool lone_group(const json::value& value, vendors::polyv::PolyvGroup& out) {
    if (!group(value, Path::root())) return false;
    out = std::move(data_->polyv_groups.back());
    return true;
  }

  bool lone_category(const json::value& value, vendors::polyv::Category& out) {
    vendors::polyv::PolyvAccount scratch;
    std::map<std::int64_t, std::size_t> index;
    if (!category(value, Path::root(), scratch, index)) return false;
    out = std::move(scratch.categories.back());
    return true;
  }

  bool lone_video(const json::value& value, vendors::polyv::Video& out) {
    return video_fields(value, Path::root(), out) && video_status(out, Path::root());
  }

  bool lone_channel(const json::value& value, vendors::polyv::Channel& out) {
    vendors::polyv::PolyvAccount scratch;
    if (!channel(value, Path::root(), scratch)) return false;
    out = std::move(scratch.channels.back());
    return true;
  }

  bool lone_session(const json::value& value, vendors::polyv::LiveSession& out) {
    return session_fields(value, Path::root(), out);
  }

  bool lone_allocation(const json::value& value, vendors::polyv::Allocation& out) {
    return allocation(value, Path::root(), out);
  }

  bool video_fields(const json::value& value, const Path& path, vendors::polyv::Video& video) {
    const auto* object = as_object(value, path,
                                   {"vid", "cataid", "title", "context", "times", "firstImage",
                                    "tag", "aacLink", "status", "uploaderEmail", "ptime"});
    if (object == nullptr) return false;
    if (!string_field(*object, path, "vid", video.vid, Kind::kId) ||
        !int_field(*object, path, "cataid", video.cataid) ||
        !string_field(*object, path, "title", video.title, Kind::kText) ||
        !string_field(*object, path, "context", video.context, Kind::kText) ||
        !int_field(*object, path, "times", video.times) ||
        !string_field(*object, path, "firstImage", video.first_image, Kind::kText) ||
        !string_field(*object, path, "tag", video.tag, Kind::kText) ||
        !nullable_string_field(*object, path, "aacLink", video.aac_link, Kind::kText) ||
        !string_field(*object, path, "status", video.status, Kind::kShort) ||
        !string_field(*object, path, "uploaderEmail", video.uploader_email, Kind::kShort) ||
        !int_field(*object, path, "ptime", video.ptime)) {
      return false;
    }
    return true;
  }

  bool video_status(const vendors::polyv::Video& video, const Path& path) {
    if (std::find(kStatuses.begin(), kStatuses.end(), video.status) != kStatuses.end()) return true;
    return fail(path.key("status"),
                "status must be one of \"60\", \"61\", \"10\", \"20\", \"50\", \"51\", \"-1\"");
  }

  bool session_fields(const json::value& value, const Path& session_path,
                      vendors::polyv::LiveSession& session) {
    const auto* session_object =
        as_object(value, session_path, {"sessionId", "startTime", "endTime", "customId"});
    if (session_object == nullptr) return false;
    return string_field(*session_object, session_path, "sessionId", session.session_id,
                        Kind::kId) &&
           int_field(*session_object, session_path, "startTime", session.start_time) &&
           nullable_int_field(*session_object, session_path, "endTime", session.end_time) &&
           nullable_string_field(*session_object, session_path, "customId", session.custom_id,
                                 Kind::kShort);
  }

  bool channel(const json::value& value, const Path& path, vendors::polyv::PolyvAccount& account) {
    const auto* object = as_object(value, path, {"channelId", "sessions"});
    if (object == nullptr) return false;
    vendors::polyv::Channel channel;
    if (!string_field(*object, path, "channelId", channel.channel_id, Kind::kId)) return false;
    if (!all_digits(channel.channel_id)) {
      return fail(path.key("channelId"), "channelId must be digits");
    }
    if (!unique(channel_ids_, channel.channel_id, path.key("channelId"), "channelId",
                quoted(channel.channel_id))) {
      return false;
    }
    const json::array* sessions = nullptr;
    if (!array_field(*object, path, "sessions", sessions)) return false;
    const Path sessions_path = path.key("sessions");
    channel.sessions.reserve(sessions->size());
    for (std::size_t i = 0; i < sessions->size(); ++i) {
      const Path session_path = sessions_path.index(i);
      vendors::polyv::LiveSession session;
      if (!session_fields((*sessions)[i], session_path, session)) return false;
      if (!unique(session_ids_, session.session_id, session_path.key("sessionId"), "sessionId",
                  quoted(session.session_id))) {
        return false;
      }
      channel.sessions.push_back(std::move(session));
    }
    account.channels.push_back(std::move(channel));
    return true;
  }

  bool group(const json::value& value, const Path& path) {
    const auto* object =
        as_object(value, path, {"appId", "appSecret", "forbidden", "subAccounts", "allocations"});
    if (object == nullptr) return false;
    vendors::polyv::PolyvGroup group;
    if (!string_field(*object, path, "appId", group.keys.app_id, Kind::kId) ||
        !string_field(*object, path, "appSecret", group.keys.app_secret, Kind::kShort) ||
        !bool_field(*object, path, "forbidden", group.keys.forbidden)) {
      return false;
    }
    if (!unique(group_app_ids_, group.keys.app_id, path.key("appId"), "group appId",
                quoted(group.keys.app_id)) ||
        !string_list(*object, path, "subAccounts", group.sub_accounts, Kind::kId)) {
      return false;
    }
    const json::array* allocations = nullptr;
    if (!array_field(*object, path, "allocations", allocations)) return false;
    const Path allocations_path = path.key("allocations");
    using Key = std::tuple<std::string, std::int64_t, std::string, std::string>;
    std::set<Key> keys;
    group.allocations.reserve(allocations->size());
    for (std::size_t i = 0; i < allocations->size(); ++i) {
      const Path item = allocations_path.index(i);
      vendors::polyv::Allocation a;
      if (!allocation((*allocations)[i], item, a)) return false;
      const auto& subs = group.sub_accounts;
      if (std::find(subs.begin(), subs.end(), a.email) == subs.end()) {
        return fail(item.key("email"), quoted(a.email) + " is not one of this group's subAccounts");
      }
      if (!keys.emplace(a.email, a.date, a.origin, a.type).second) {
        return fail(item, "duplicate allocation (same email, date, origin and type)");
      }
      group.allocations.push_back(std::move(a));
    }
    data_->polyv_groups.push_back(std::move(group));
    return true;
  }

  bool allocation(const json::value& value, const Path& path, vendors::polyv::Allocation& a) {
    const auto* object = as_object(value, path,
                                   {"email", "date", "type", "origin", "originText", "space",
                                    "flow", "channels", "concurrences", "duration"});
    if (object == nullptr) return false;
    if (!string_field(*object, path, "email", a.email, Kind::kShort) ||
        !date_field(*object, path, "date", a.date) ||
        !string_field(*object, path, "type", a.type, Kind::kShort) ||
        !string_field(*object, path, "origin", a.origin, Kind::kShort) ||
        !string_field(*object, path, "originText", a.origin_text, Kind::kText) ||
        !nullable_int_field(*object, path, "space", a.space) ||
        !nullable_int_field(*object, path, "flow", a.flow) ||
        !nullable_int_field(*object, path, "channels", a.channels) ||
        !nullable_int_field(*object, path, "concurrences", a.concurrences) ||
        !nullable_int_field(*object, path, "duration", a.duration)) {
      return false;
    }
    if (a.type != "live" && a.type != "vod") {
      return fail(path.key("type"), "type must be \"live\" or \"vod\"");
    }
    return true;
  }

 private:
  vendors::Dataset own_;
  vendors::Dataset* data_;
  // Uniqueness across the whole document.
  std::set<std::string> user_ids_;
  std::set<std::string> account_app_ids_;
  std::set<std::string> vids_;
  std::set<std::string> channel_ids_;
  std::set<std::string> session_ids_;
  std::set<std::string> group_app_ids_;
};

void write_account(core::JsonWriter& w, const vendors::polyv::PolyvAccount& account) {
  const auto& keys = account.keys;
  w.begin_object()
      .field("userId", keys.user_id)
      .field("email", keys.email)
      .field("secretKey", keys.secret_key)
      .field("appId", keys.app_id)
      .field("appSecret", keys.app_secret);
  fixtures::write_strings(w, "subAccounts", account.sub_accounts);
  w.key("categories").begin_array();
  for (const auto& c : account.categories) {
    w.begin_object();
    write_category_fields(w, c);
    w.end_object();
  }
  w.end_array().key("videos").begin_array();
  for (const auto& v : account.videos) {
    w.begin_object();
    write_video_fields(w, v);
    w.end_object();
  }
  w.end_array().key("channels").begin_array();
  for (const auto& channel : account.channels) {
    w.begin_object().field("channelId", channel.channel_id).key("sessions").begin_array();
    for (const auto& s : channel.sessions) {
      w.begin_object();
      write_session_fields(w, s);
      w.end_object();
    }
    w.end_array().end_object();
  }
  w.end_array().end_object();
}

void write_group(core::JsonWriter& w, const vendors::polyv::PolyvGroup& group, int offset) {
  w.begin_object()
      .field("appId", group.keys.app_id)
      .field("appSecret", group.keys.app_secret)
      .field("forbidden", group.keys.forbidden);
  fixtures::write_strings(w, "subAccounts", group.sub_accounts);
  w.key("allocations").begin_array();
  for (const auto& a : group.allocations) {
    w.begin_object();
    write_allocation_fields(w, a, offset);
    w.end_object();
  }
  w.end_array().end_object();
}

bool read_section(const fixtures::Reader& reader, const json::value& value, const Path& path,
                  vendors::Dataset& data) {
  return Decoder(reader, &data).polyv(value, path);
}

void write_section(core::JsonWriter& w, const vendors::Dataset& data, int utc_offset_minutes) {
  w.begin_object().key("accounts").begin_array();
  for (const auto& account : data.polyv_accounts) write_account(w, account);
  w.end_array().key("groups").begin_array();
  for (const auto& group : data.polyv_groups) write_group(w, group, utc_offset_minutes);
  w.end_array().end_object();
}

}  // namespace

const fixtures::FixtureSection<Dataset>& fixture_section() {
  static const fixtures::FixtureSection<Dataset> kSection{"polyv", read_section, write_section};
  return kSection;
}

// --- one entity at a time -------------------------------------------------------------------

core::Expected<vendors::polyv::PolyvAccount, fixtures::FixtureError> decode_polyv_account(
    const json::value& value) {
  return fixtures::decode_one<Decoder, vendors::polyv::PolyvAccount>(
      0, [&](Decoder& d, vendors::polyv::PolyvAccount& out) { return d.lone_account(value, out); });
}

core::Expected<vendors::polyv::Category, fixtures::FixtureError> decode_category(
    const json::value& value) {
  return fixtures::decode_one<Decoder, vendors::polyv::Category>(
      0, [&](Decoder& d, vendors::polyv::Category& out) { return d.lone_category(value, out); });
}

core::Expected<vendors::polyv::Video, fixtures::FixtureError> decode_video(
    const json::value& value) {
  return fixtures::decode_one<Decoder, vendors::polyv::Video>(
      0, [&](Decoder& d, vendors::polyv::Video& out) { return d.lone_video(value, out); });
}

core::Expected<vendors::polyv::Channel, fixtures::FixtureError> decode_channel(
    const json::value& value) {
  return fixtures::decode_one<Decoder, vendors::polyv::Channel>(
      0, [&](Decoder& d, vendors::polyv::Channel& out) { return d.lone_channel(value, out); });
}

core::Expected<vendors::polyv::LiveSession, fixtures::FixtureError> decode_session(
    const json::value& value) {
  return fixtures::decode_one<Decoder, vendors::polyv::LiveSession>(
      0, [&](Decoder& d, vendors::polyv::LiveSession& out) { return d.lone_session(value, out); });
}

core::Expected<vendors::polyv::PolyvGroup, fixtures::FixtureError> decode_polyv_group(
    const json::value& value, int utc_offset_minutes) {
  return fixtures::decode_one<Decoder, vendors::polyv::PolyvGroup>(
      utc_offset_minutes,
      [&](Decoder& d, vendors::polyv::PolyvGroup& out) { return d.lone_group(value, out); });
}

core::Expected<vendors::polyv::Allocation, fixtures::FixtureError> decode_allocation(
    const json::value& value, int utc_offset_minutes) {
  return fixtures::decode_one<Decoder, vendors::polyv::Allocation>(
      utc_offset_minutes,
      [&](Decoder& d, vendors::polyv::Allocation& out) { return d.lone_allocation(value, out); });
}

void write_category_fields(core::JsonWriter& w, const vendors::polyv::Category& c) {
  w.field("cataid", c.cataid).field("name", c.name).field("parent", c.parent);
}

void write_video_fields(core::JsonWriter& w, const vendors::polyv::Video& v) {
  w.field("vid", v.vid)
      .field("cataid", v.cataid)
      .field("title", v.title)
      .field("context", v.context)
      .field("times", v.times)
      .field("firstImage", v.first_image)
      .field("tag", v.tag)
      .field("aacLink", v.aac_link)
      .field("status", v.status)
      .field("uploaderEmail", v.uploader_email)
      .field("ptime", v.ptime);
}

void write_session_fields(core::JsonWriter& w, const vendors::polyv::LiveSession& s) {
  w.field("sessionId", s.session_id)
      .field("startTime", s.start_time)
      .field("endTime", s.end_time)
      .field("customId", s.custom_id);
}

void write_allocation_fields(core::JsonWriter& w, const vendors::polyv::Allocation& a,
                             int utc_offset_minutes) {
  w.field("email", a.email)
      .field("date", core::format_wall_time(a.date, utc_offset_minutes))
      .field("type", a.type)
      .field("origin", a.origin)
      .field("originText", a.origin_text)
      .field("space", a.space)
      .field("flow", a.flow)
      .field("channels", a.channels)
      .field("concurrences", a.concurrences)
      .field("duration", a.duration);
}

}  // namespace mediagate::vendors::polyv
