#include "domain/fixture_codec.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "core/civil_time.hpp"
#include "core/json_strict.hpp"
#include "core/json_writer.hpp"
#include "vendors/polyv/category_tree.hpp"
#include "vendors/polyv/video_placement.hpp"

namespace mediagate::domain {
namespace {

namespace json = boost::json;

// --- JSON paths -----------------------------------------------------------------------------

// One step of a path, linked to its parent on the stack: building a child path costs nothing
// until an error needs it spelled out.
class Path {
 public:
  static Path root() { return Path(nullptr, {}, 0, false); }
  Path key(std::string_view name) const { return Path(this, name, 0, false); }
  Path index(std::size_t i) const { return Path(this, {}, i, true); }

  std::string str() const {
    std::string out = parent_ == nullptr ? "$" : parent_->str();
    if (parent_ == nullptr) return out;
    if (is_index_) return out + "[" + std::to_string(index_) + "]";
    return core::json_path_key(out, key_);
  }

 private:
  Path(const Path* parent, std::string_view key, std::size_t index, bool is_index)
      : parent_(parent), key_(key), index_(index), is_index_(is_index) {}

  const Path* parent_;
  std::string_view key_;
  std::size_t index_;
  bool is_index_;
};

std::string quoted(std::string_view text) {
  return json::serialize(json::string(text));
}

// --- the decoder ----------------------------------------------------------------------------

// The largest iQiyi content id: 18 decimal digits (useVodCoupon's contentId).
constexpr std::int64_t kMaxContentId = 999'999'999'999'999'999;
constexpr std::array<std::string_view, 7> kStatuses = {"60", "61", "10", "20", "50", "51", "-1"};

// What a string field may hold (fixture_codec.hpp): an id (not empty, at most kMaxIdBytes), a
// short value (at most kMaxIdBytes) or text (at most kMaxTextBytes).
enum class Kind { kId, kShort, kText };

std::size_t max_bytes(Kind kind) {
  return kind == Kind::kText ? kMaxTextBytes : kMaxIdBytes;
}

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Walks the document, filling a Dataset. Every check returns false after recording the first
// error; the caller stops at the first false.
class Decoder {
 public:
  explicit Decoder(int utc_offset_minutes) : offset_(utc_offset_minutes) {}

  bool document(const json::value& root) {
    const Path path = Path::root();
    const auto* object = as_object(root, path, {"polyv", "iqiyi", "pumpkin"});
    if (object == nullptr) return false;
    if (const auto* polyv_value = object->if_contains("polyv")) {
      if (!polyv(*polyv_value, path.key("polyv"))) return false;
    }
    if (const auto* iqiyi_value = object->if_contains("iqiyi")) {
      if (!iqiyi(*iqiyi_value, path.key("iqiyi"))) return false;
    }
    if (const auto* pumpkin_value = object->if_contains("pumpkin")) {
      if (!pumpkin(*pumpkin_value, path.key("pumpkin"))) return false;
    }
    return true;
  }

  store::Dataset take_dataset() && { return std::move(data_); }
  FixtureError take_error() && { return std::move(error_); }

 private:
  bool fail(const Path& path, std::string message) {
    error_ = {path.str(), std::move(message)};
    return false;
  }

  // --- shapes and fields ---

  // `value` as an object whose keys are all in `allowed`; null after an error.
  const json::object* as_object(const json::value& value, const Path& path,
                                std::initializer_list<std::string_view> allowed) {
    const auto* object = value.if_object();
    if (object == nullptr) {
      fail(path, "expected an object");
      return nullptr;
    }
    for (const auto& entry : *object) {
      if (std::find(allowed.begin(), allowed.end(), entry.key()) == allowed.end()) {
        fail(path.key(entry.key()), "unknown key");
        return nullptr;
      }
    }
    return object;
  }

  // The array at `key`: absent means empty; anything but an array is an error.
  bool array_field(const json::object& object, const Path& path, std::string_view key,
                   const json::array*& out) {
    static const json::array kEmpty;
    out = &kEmpty;
    const auto* value = object.if_contains(key);
    if (value == nullptr) return true;
    out = value->if_array();
    if (out == nullptr) return fail(path.key(key), "expected an array");
    return true;
  }

  // The length bound of `kind` on `text`, found at `path`.
  bool bounded(std::string_view text, Kind kind, const Path& path) {
    if (kind == Kind::kId && text.empty()) return fail(path, "must not be empty");
    if (text.size() > max_bytes(kind)) {
      return fail(path, "longer than " + std::to_string(max_bytes(kind)) + " bytes");
    }
    return true;
  }

  bool string_field(const json::object& object, const Path& path, std::string_view key,
                    std::string& out, Kind kind) {
    const auto* value = object.if_contains(key);
    if (value == nullptr) return fail(path.key(key), "missing required field");
    const auto* text = value->if_string();
    if (text == nullptr) return fail(path.key(key), "expected a string");
    if (!bounded(*text, kind, path.key(key))) return false;
    out.assign(text->data(), text->size());
    return true;
  }

  // string | null; absent = null.
  bool nullable_string_field(const json::object& object, const Path& path, std::string_view key,
                             std::optional<std::string>& out, Kind kind) {
    out.reset();
    const auto* value = object.if_contains(key);
    if (value == nullptr || value->is_null()) return true;
    const auto* text = value->if_string();
    if (text == nullptr) return fail(path.key(key), "expected a string or null");
    if (!bounded(*text, kind, path.key(key))) return false;
    out.emplace(text->data(), text->size());
    return true;
  }

  bool integer_value(const json::value& value, const Path& path, bool nullable, std::int64_t& out) {
    if (const auto* number = value.if_int64()) {
      out = *number;
      return true;
    }
    if (value.is_uint64()) return fail(path, "integer out of range (int64)");
    return fail(path, nullable ? "expected an integer or null" : "expected an integer");
  }

  bool int_field(const json::object& object, const Path& path, std::string_view key,
                 std::int64_t& out) {
    const auto* value = object.if_contains(key);
    if (value == nullptr) return fail(path.key(key), "missing required field");
    return integer_value(*value, path.key(key), false, out);
  }

  // int64 | null; absent = null.
  bool nullable_int_field(const json::object& object, const Path& path, std::string_view key,
                          std::optional<std::int64_t>& out) {
    out.reset();
    const auto* value = object.if_contains(key);
    if (value == nullptr || value->is_null()) return true;
    std::int64_t number = 0;
    if (!integer_value(*value, path.key(key), true, number)) return false;
    out = number;
    return true;
  }

  // bool; absent = false.
  bool bool_field(const json::object& object, const Path& path, std::string_view key, bool& out) {
    out = false;
    const auto* value = object.if_contains(key);
    if (value == nullptr) return true;
    const auto* flag = value->if_bool();
    if (flag == nullptr) return fail(path.key(key), "expected true or false");
    out = *flag;
    return true;
  }

  bool date_field(const json::object& object, const Path& path, std::string_view key,
                  std::int64_t& out) {
    std::string text;
    if (!string_field(object, path, key, text, Kind::kShort)) return false;
    return parse_date(text, path.key(key), out);
  }

  // "yyyy-MM-dd HH:mm:ss" | null; absent = null.
  bool nullable_date_field(const json::object& object, const Path& path, std::string_view key,
                           std::optional<std::int64_t>& out) {
    std::optional<std::string> text;
    if (!nullable_string_field(object, path, key, text, Kind::kShort)) return false;
    out.reset();
    if (!text) return true;
    std::int64_t at = 0;
    if (!parse_date(*text, path.key(key), at)) return false;
    out = at;
    return true;
  }

  bool parse_date(std::string_view text, const Path& path, std::int64_t& out) {
    const auto at = core::parse_wall_time(text, offset_);
    if (!at) return fail(path, "expected a date \"yyyy-MM-dd HH:mm:ss\", got " + quoted(text));
    out = *at;
    return true;
  }

  // A list of unique strings (subAccounts, actions), each of `kind`.
  bool string_list(const json::object& object, const Path& path, std::string_view key,
                   std::vector<std::string>& out, Kind kind) {
    const json::array* array = nullptr;
    if (!array_field(object, path, key, array)) return false;
    const Path list_path = path.key(key);
    std::set<std::string_view> seen;
    out.reserve(array->size());
    for (std::size_t i = 0; i < array->size(); ++i) {
      const auto* text = (*array)[i].if_string();
      if (text == nullptr) return fail(list_path.index(i), "expected a string");
      const std::string_view view(text->data(), text->size());
      if (!bounded(view, kind, list_path.index(i))) return false;
      if (!seen.insert(view).second) return fail(list_path.index(i), "duplicate " + quoted(view));
      out.emplace_back(view);
    }
    return true;
  }

  // Records `id` in `seen`; false (with an error at `path`) if it was there already.
  template <class Key>
  bool unique(std::set<Key>& seen, const Key& id, const Path& path, std::string_view what,
              const std::string& shown) {
    if (seen.insert(id).second) return true;
    return fail(path, "duplicate " + std::string(what) + " " + shown);
  }

  // --- polyv ---

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
    store::PolyvAccount account;
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
    data_.polyv_accounts.push_back(std::move(account));
    return true;
  }

  bool category(const json::value& value, const Path& path, store::PolyvAccount& account,
                std::map<std::int64_t, std::size_t>& index) {
    const auto* object = as_object(value, path, {"cataid", "name", "parent"});
    if (object == nullptr) return false;
    store::Category category;
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
  bool category_tree(const std::vector<store::Category>& categories, const Path& path) {
    const auto problem = vendors::polyv::find_category_tree_problem(categories);
    if (!problem) return true;
    const auto& category = categories[problem->index];
    if (problem->kind == vendors::polyv::CategoryTreeProblem::Kind::kUnknownParent) {
      return fail(
          path.index(problem->index).key("parent"),
          "parent " + std::to_string(*category.parent) + " is not a category of this account");
    }
    return fail(path.index(problem->index).key("parent"),
                "category " + std::to_string(category.cataid) + " is its own ancestor (cycle)");
  }

  bool video(const json::value& value, const Path& path, store::PolyvAccount& account,
             const std::map<std::int64_t, std::size_t>& category_index) {
    store::Video video;
    if (!video_fields(value, path, video)) return false;
    if (!unique(vids_, video.vid, path.key("vid"), "vid", quoted(video.vid))) return false;
    const auto& subs = account.sub_accounts;
    const vendors::polyv::VideoOwner owner{account.keys.email,
                                           [&](std::int64_t cataid) -> store::StoreResult<bool> {
                                             return category_index.contains(cataid);
                                           },
                                           [&](std::string_view email) -> store::StoreResult<bool> {
                                             return std::find(subs.begin(), subs.end(), email) !=
                                                    subs.end();
                                           }};
    // The lookups above read memory and cannot fail.
    const auto problem = vendors::polyv::find_video_placement_problem(video, owner).value();
    if (problem == vendors::polyv::VideoPlacementProblem::kUnknownCategory) {
      return fail(path.key("cataid"),
                  "cataid " + std::to_string(video.cataid) + " is not a category of this account");
    }
    if (!video_status(video, path)) return false;
    if (problem == vendors::polyv::VideoPlacementProblem::kUnknownUploader) {
      return fail(path.key("uploaderEmail"),
                  quoted(video.uploader_email) +
                      " is neither the account's email nor one of its subAccounts");
    }
    account.videos.push_back(std::move(video));
    return true;
  }

 public:
  // --- single entities at the root path "$": the checks the entity alone allows ---

  bool lone_account(const json::value& value, store::PolyvAccount& out) {
    if (!account(value, Path::root())) return false;
    out = std::move(data_.polyv_accounts.back());
    return true;
  }

  bool lone_group(const json::value& value, store::PolyvGroup& out) {
    if (!group(value, Path::root())) return false;
    out = std::move(data_.polyv_groups.back());
    return true;
  }

  bool lone_category(const json::value& value, store::Category& out) {
    store::PolyvAccount scratch;
    std::map<std::int64_t, std::size_t> index;
    if (!category(value, Path::root(), scratch, index)) return false;
    out = std::move(scratch.categories.back());
    return true;
  }

  bool lone_video(const json::value& value, store::Video& out) {
    return video_fields(value, Path::root(), out) && video_status(out, Path::root());
  }

  bool lone_channel(const json::value& value, store::Channel& out) {
    store::PolyvAccount scratch;
    if (!channel(value, Path::root(), scratch)) return false;
    out = std::move(scratch.channels.back());
    return true;
  }

  bool lone_session(const json::value& value, store::LiveSession& out) {
    return session_fields(value, Path::root(), out);
  }

  bool lone_allocation(const json::value& value, store::Allocation& out) {
    return allocation(value, Path::root(), out);
  }

  bool video_fields(const json::value& value, const Path& path, store::Video& video) {
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

  bool video_status(const store::Video& video, const Path& path) {
    if (std::find(kStatuses.begin(), kStatuses.end(), video.status) != kStatuses.end()) return true;
    return fail(path.key("status"),
                "status must be one of \"60\", \"61\", \"10\", \"20\", \"50\", \"51\", \"-1\"");
  }

  bool session_fields(const json::value& value, const Path& session_path,
                      store::LiveSession& session) {
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

  // A partner object; `codes` (when given) collects partnerCodes to refuse duplicates. Only a
  // document's partners (`with_uses`) may carry couponUses: the admin API records a use through
  // …/coupon-uses, never with the partner.
  bool iqiyi_partner(const json::value& value, const Path& item, store::IqiyiPartner& partner,
                     std::set<std::string>* codes, bool with_uses) {
    const auto* partner_object =
        with_uses ? as_object(value, item, {"partnerCode", "md5Key", "users", "couponUses"})
                  : as_object(value, item, {"partnerCode", "md5Key", "users"});
    if (partner_object == nullptr) return false;
    return string_field(*partner_object, item, "partnerCode", partner.partner_code, Kind::kId) &&
           string_field(*partner_object, item, "md5Key", partner.md5_key, Kind::kShort) &&
           (codes == nullptr || unique(*codes, partner.partner_code, item.key("partnerCode"),
                                       "partnerCode", quoted(partner.partner_code))) &&
           iqiyi_users(*partner_object, item, partner) &&
           (!with_uses || iqiyi_coupon_uses(*partner_object, item, partner));
  }

  // A partner's couponUses: each of one of its users above, named by (user, area, content, use
  // time) once; contentId as useVodCoupon reads it (1 to 18 digits, above 0).
  bool iqiyi_coupon_uses(const json::object& object, const Path& path,
                         store::IqiyiPartner& partner) {
    const json::array* uses = nullptr;
    if (!array_field(object, path, "couponUses", uses)) return false;
    const Path uses_path = path.key("couponUses");
    std::set<std::pair<std::string_view, std::string_view>> users;
    for (const auto& u : partner.users) users.emplace(u.user_id, u.area);
    std::set<std::tuple<std::string, std::string, std::int64_t, std::int64_t>> seen;
    for (std::size_t i = 0; i < uses->size(); ++i) {
      const Path item = uses_path.index(i);
      const auto* use_object =
          as_object((*uses)[i], item, {"user_id", "area", "contentId", "useTime", "vodDeadline"});
      if (use_object == nullptr) return false;
      store::IqiyiCouponUseEntry use;
      if (!string_field(*use_object, item, "user_id", use.user_id, Kind::kId) ||
          !string_field(*use_object, item, "area", use.area, Kind::kId) ||
          !int_field(*use_object, item, "contentId", use.content_id) ||
          !int_field(*use_object, item, "useTime", use.use_time) ||
          !int_field(*use_object, item, "vodDeadline", use.vod_deadline)) {
        return false;
      }
      if (use.area != "CN" && use.area != "TW") {
        return fail(item.key("area"), "area must be \"CN\" or \"TW\"");
      }
      if (use.content_id <= 0 || use.content_id > kMaxContentId) {
        return fail(item.key("contentId"), "contentId must be 1 to 999999999999999999");
      }
      if (use.use_time < 0) return fail(item.key("useTime"), "useTime must be >= 0");
      if (use.vod_deadline < use.use_time) {
        return fail(item.key("vodDeadline"), "vodDeadline must be >= useTime");
      }
      if (!users.contains({use.user_id, use.area})) {
        return fail(item.key("user_id"), "no user " + quoted(use.user_id) + " in area " + use.area +
                                             " among this partner's users");
      }
      if (!seen.emplace(use.user_id, use.area, use.content_id, use.use_time).second) {
        return fail(item, "duplicate coupon use of " + quoted(use.user_id) + " in area " +
                              use.area + " on contentId " + std::to_string(use.content_id) +
                              " at useTime " + std::to_string(use.use_time));
      }
      partner.coupon_uses.push_back(std::move(use));
    }
    return true;
  }

  bool iqiyi_user(const json::value& value, const Path& item, store::IqiyiUser& user) {
    const auto* user_object = as_object(value, item, {"user_id", "area", "vodCoupons"});
    if (user_object == nullptr) return false;
    if (!string_field(*user_object, item, "user_id", user.user_id, Kind::kId) ||
        !string_field(*user_object, item, "area", user.area, Kind::kId) ||
        !int_field(*user_object, item, "vodCoupons", user.vod_coupons)) {
      return false;
    }
    if (user.area != "CN" && user.area != "TW") {
      return fail(item.key("area"), "area must be \"CN\" or \"TW\"");
    }
    if (user.vod_coupons < 0) return fail(item.key("vodCoupons"), "vodCoupons must be >= 0");
    return true;
  }

  // A partner object; `pids` (when given) collects pids to refuse duplicates.
  bool pumpkin_partner(const json::value& value, const Path& item, store::PumpkinPartner& partner,
                       std::set<std::string>* pids) {
    const auto* partner_object = as_object(value, item, {"pid", "accessSecret", "actions"});
    if (partner_object == nullptr) return false;
    return string_field(*partner_object, item, "pid", partner.pid, Kind::kId) &&
           string_field(*partner_object, item, "accessSecret", partner.access_secret,
                        Kind::kShort) &&
           (pids == nullptr ||
            unique(*pids, partner.pid, item.key("pid"), "pid", quoted(partner.pid))) &&
           string_list(*partner_object, item, "actions", partner.actions, Kind::kShort);
  }

  // A media object; its `details` (if any) into `details`, with the media's movie_id.
  bool media_fields(const json::value& value, const Path& item, store::PumpkinMedia& m,
                    std::optional<store::PumpkinMediaDetails>* details = nullptr) {
    const auto* media_object =
        as_object(value, item, {"movie_id", "movie_name", "delete_time", "details"});
    if (media_object == nullptr) return false;
    if (!int_field(*media_object, item, "movie_id", m.movie_id)) return false;
    if (m.movie_id < 0) return fail(item.key("movie_id"), "movie_id must be >= 0");
    if (!string_field(*media_object, item, "movie_name", m.movie_name, Kind::kText) ||
        !nullable_date_field(*media_object, item, "delete_time", m.delete_time)) {
      return false;
    }
    const auto* details_value = media_object->if_contains("details");
    if (details_value == nullptr || details_value->is_null()) return true;
    if (details == nullptr) return fail(item.key("details"), "unknown key");
    details->emplace();
    (*details)->movie_id = m.movie_id;
    return media_details(*details_value, item.key("details"), **details);
  }

  // The media's own id and those of its seasons and parts, all different (the vendor's note:
  // a series, its seasons and their parts are distinct ids).
  bool catalogue_ids(const store::PumpkinMediaDetails& details, const Path& path,
                     std::set<std::int64_t>& seen) {
    const Path seasons_path = path.key("seasons");
    for (std::size_t i = 0; i < details.seasons.size(); ++i) {
      const auto& season = details.seasons[i];
      const Path season_path = seasons_path.index(i);  // Paths point at their parents
      if (!unique(seen, season.movie_id, season_path.key("movie_id"), "movie_id",
                  std::to_string(season.movie_id))) {
        return false;
      }
      const Path parts_path = season_path.key("parts");
      for (std::size_t j = 0; j < season.parts.size(); ++j) {
        if (!unique(seen, season.parts[j].movie_id, parts_path.index(j).key("movie_id"), "movie_id",
                    std::to_string(season.parts[j].movie_id))) {
          return false;
        }
      }
    }
    return true;
  }

 private:
  // string; absent = "".
  bool text_or_empty(const json::object& object, const Path& path, std::string_view key,
                     std::string& out, Kind kind) {
    out.clear();
    if (object.if_contains(key) == nullptr) return true;
    return string_field(object, path, key, out, kind);
  }

  bool pumpkin_texts(const json::object& object, const Path& path, store::PumpkinTexts& t) {
    return text_or_empty(object, path, "movie_title", t.movie_title, Kind::kText) &&
           text_or_empty(object, path, "movie_name_english", t.movie_name_english, Kind::kText) &&
           text_or_empty(object, path, "movie_alias", t.movie_alias, Kind::kText) &&
           text_or_empty(object, path, "movie_desc", t.movie_desc, Kind::kText) &&
           text_or_empty(object, path, "movie_director", t.movie_director, Kind::kText) &&
           text_or_empty(object, path, "movie_actor", t.movie_actor, Kind::kText) &&
           text_or_empty(object, path, "movie_country", t.movie_country, Kind::kShort) &&
           text_or_empty(object, path, "movie_language", t.movie_language, Kind::kShort) &&
           text_or_empty(object, path, "movie_year", t.movie_year, Kind::kShort);
  }

  bool non_negative_id(const json::object& object, const Path& path, std::int64_t& out) {
    if (!int_field(object, path, "movie_id", out)) return false;
    if (out < 0) return fail(path.key("movie_id"), "movie_id must be >= 0");
    return true;
  }

  bool media_details(const json::value& value, const Path& path, store::PumpkinMediaDetails& d) {
    const auto* object =
        as_object(value, path,
                  {"movie_type", "movie_title", "movie_name_english", "movie_alias", "movie_desc",
                   "movie_director", "movie_actor", "movie_country", "movie_language", "movie_year",
                   "vertical_pic", "horizontal_pic", "movie_duration", "create_time", "update_time",
                   "seasons"});
    if (object == nullptr) return false;
    d.movie_type = "1";
    if (object->if_contains("movie_type") != nullptr &&
        !string_field(*object, path, "movie_type", d.movie_type, Kind::kShort)) {
      return false;
    }
    if (d.movie_type != "1" && d.movie_type != "2") {
      return fail(path.key("movie_type"), "movie_type must be \"1\" (film) or \"2\" (series)");
    }
    if (!pumpkin_texts(*object, path, d.texts) ||
        !text_or_empty(*object, path, "vertical_pic", d.vertical_pic, Kind::kText) ||
        !text_or_empty(*object, path, "horizontal_pic", d.horizontal_pic, Kind::kText) ||
        !nullable_string_field(*object, path, "movie_duration", d.movie_duration, Kind::kShort) ||
        !nullable_date_field(*object, path, "create_time", d.create_time) ||
        !nullable_date_field(*object, path, "update_time", d.update_time)) {
      return false;
    }
    const json::array* seasons = nullptr;
    if (!array_field(*object, path, "seasons", seasons)) return false;
    if (!seasons->empty() && d.movie_type != "2") {
      return fail(path.key("seasons"), "only a series (movie_type \"2\") has seasons");
    }
    const Path seasons_path = path.key("seasons");
    for (std::size_t i = 0; i < seasons->size(); ++i) {
      const Path item = seasons_path.index(i);
      const auto* season_object =
          as_object((*seasons)[i], item,
                    {"movie_id", "movie_name", "movie_title", "movie_name_english", "movie_alias",
                     "movie_desc", "movie_director", "movie_actor", "movie_country",
                     "movie_language", "movie_year", "parts"});
      if (season_object == nullptr) return false;
      store::PumpkinSeason season;
      if (!non_negative_id(*season_object, item, season.movie_id) ||
          !string_field(*season_object, item, "movie_name", season.movie_name, Kind::kText) ||
          !pumpkin_texts(*season_object, item, season.texts)) {
        return false;
      }
      const json::array* parts = nullptr;
      if (!array_field(*season_object, item, "parts", parts)) return false;
      const Path parts_path = item.key("parts");
      for (std::size_t j = 0; j < parts->size(); ++j) {
        const Path part_path = parts_path.index(j);
        const auto* part_object = as_object((*parts)[j], part_path, {"movie_id", "movie_number"});
        if (part_object == nullptr) return false;
        store::PumpkinPart part;
        if (!non_negative_id(*part_object, part_path, part.movie_id) ||
            !string_field(*part_object, part_path, "movie_number", part.movie_number,
                          Kind::kShort)) {
          return false;
        }
        season.parts.push_back(std::move(part));
      }
      d.seasons.push_back(std::move(season));
    }
    std::set<std::int64_t> ids{d.movie_id};
    return catalogue_ids(d, path, ids);
  }

  bool channel(const json::value& value, const Path& path, store::PolyvAccount& account) {
    const auto* object = as_object(value, path, {"channelId", "sessions"});
    if (object == nullptr) return false;
    store::Channel channel;
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
      store::LiveSession session;
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
    store::PolyvGroup group;
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
      store::Allocation a;
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
    data_.polyv_groups.push_back(std::move(group));
    return true;
  }

  bool allocation(const json::value& value, const Path& path, store::Allocation& a) {
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

  // --- iqiyi ---

  bool iqiyi(const json::value& value, const Path& path) {
    const auto* object = as_object(value, path, {"partners"});
    if (object == nullptr) return false;
    const json::array* partners = nullptr;
    if (!array_field(*object, path, "partners", partners)) return false;
    const Path partners_path = path.key("partners");
    std::set<std::string> codes;
    for (std::size_t i = 0; i < partners->size(); ++i) {
      store::IqiyiPartner partner;
      if (!iqiyi_partner((*partners)[i], partners_path.index(i), partner, &codes, true)) {
        return false;
      }
      data_.iqiyi_partners.push_back(std::move(partner));
    }
    return true;
  }

  bool iqiyi_users(const json::object& object, const Path& path, store::IqiyiPartner& partner) {
    const json::array* users = nullptr;
    if (!array_field(object, path, "users", users)) return false;
    const Path users_path = path.key("users");
    std::set<std::pair<std::string, std::string>> seen;
    for (std::size_t i = 0; i < users->size(); ++i) {
      const Path item = users_path.index(i);
      store::IqiyiUser user;
      if (!iqiyi_user((*users)[i], item, user)) return false;
      if (!seen.emplace(user.user_id, user.area).second) {
        return fail(item.key("user_id"),
                    "duplicate user " + quoted(user.user_id) + " in area " + user.area);
      }
      partner.users.push_back(std::move(user));
    }
    return true;
  }

  // --- pumpkin ---

  bool pumpkin(const json::value& value, const Path& path) {
    const auto* object = as_object(value, path, {"partners", "media"});
    if (object == nullptr) return false;
    const json::array* partners = nullptr;
    const json::array* media = nullptr;
    if (!array_field(*object, path, "partners", partners) ||
        !array_field(*object, path, "media", media)) {
      return false;
    }
    const Path partners_path = path.key("partners");
    std::set<std::string> pids;
    for (std::size_t i = 0; i < partners->size(); ++i) {
      store::PumpkinPartner partner;
      if (!pumpkin_partner((*partners)[i], partners_path.index(i), partner, &pids)) return false;
      data_.pumpkin_partners.push_back(std::move(partner));
    }
    const Path media_path = path.key("media");
    std::set<std::int64_t> movie_ids;
    data_.pumpkin_media.reserve(media->size());
    std::vector<std::size_t> details_of;  // the index of each details' media
    for (std::size_t i = 0; i < media->size(); ++i) {
      const Path item = media_path.index(i);
      store::PumpkinMedia m;
      std::optional<store::PumpkinMediaDetails> details;
      if (!media_fields((*media)[i], item, m, &details) ||
          !unique(movie_ids, m.movie_id, item.key("movie_id"), "movie_id",
                  std::to_string(m.movie_id))) {
        return false;
      }
      data_.pumpkin_media.push_back(std::move(m));
      if (details) {
        data_.pumpkin_details.push_back(std::move(*details));
        details_of.push_back(i);
      }
    }
    // Season and part ids: unique in the document, and none the id of a media.
    for (std::size_t i = 0; i < data_.pumpkin_details.size(); ++i) {
      const Path item = media_path.index(details_of[i]);  // Paths point at their parents
      const Path details_path = item.key("details");
      if (!catalogue_ids(data_.pumpkin_details[i], details_path, movie_ids)) return false;
    }
    return true;
  }

  int offset_;
  store::Dataset data_;
  FixtureError error_;
  // Uniqueness across the whole document.
  std::set<std::string> user_ids_;
  std::set<std::string> account_app_ids_;
  std::set<std::string> vids_;
  std::set<std::string> channel_ids_;
  std::set<std::string> session_ids_;
  std::set<std::string> group_app_ids_;
};

// "line 3, column 14" for a byte offset into `text`.
std::string position_of(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

template <class T, class Run>
core::Expected<T, FixtureError> decode_one(int utc_offset_minutes, Run&& run) {
  Decoder decoder(utc_offset_minutes);
  T out{};
  if (!run(decoder, out)) return core::unexpected(std::move(decoder).take_error());
  return out;
}

// --- the encoder ----------------------------------------------------------------------------

// Re-indents compact JSON: a container holding no non-empty container stays on one line
// (a video, a session, a list of e-mails); any other container gets one line per element.
class Prettifier {
 public:
  explicit Prettifier(std::string_view compact) : in_(compact) { out_.reserve(compact.size() * 2); }

  std::string run() && {
    value(0, 0);
    out_ += '\n';
    return std::move(out_);
  }

  // The value alone, laid out as it is at nesting `depth` (no final line break).
  std::string at_depth(int depth) && {
    value(0, depth);
    return std::move(out_);
  }

 private:
  // The index just past the token (scalar, string or container) starting at `at`.
  std::size_t skip(std::size_t at) const {
    const char c = in_[at];
    if (c == '"') {
      for (std::size_t i = at + 1; i < in_.size(); ++i) {
        if (in_[i] == '\\') {
          ++i;
        } else if (in_[i] == '"') {
          return i + 1;
        }
      }
      return in_.size();
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      for (std::size_t i = at; i < in_.size(); ++i) {
        if (in_[i] == '"') {
          i = skip(i) - 1;
        } else if (in_[i] == '{' || in_[i] == '[') {
          ++depth;
        } else if (in_[i] == '}' || in_[i] == ']') {
          if (--depth == 0) return i + 1;
        }
      }
      return in_.size();
    }
    std::size_t i = at;
    while (i < in_.size() && in_[i] != ',' && in_[i] != '}' && in_[i] != ']') ++i;
    return i;
  }

  // True when the container [at, end) holds no non-empty container.
  bool flat(std::size_t at, std::size_t end) const {
    for (std::size_t i = at + 1; i + 1 < end; ++i) {
      if (in_[i] == '"') {
        i = skip(i) - 1;
      } else if ((in_[i] == '{' || in_[i] == '[') && in_[i + 1] != '}' && in_[i + 1] != ']') {
        return false;
      }
    }
    return true;
  }

  // Copies [at, end) adding a space after each ',' and ':' outside strings.
  void inline_copy(std::size_t at, std::size_t end) {
    for (std::size_t i = at; i < end; ++i) {
      if (in_[i] == '"') {
        const std::size_t stop = skip(i);
        out_.append(in_.substr(i, stop - i));
        i = stop - 1;
        continue;
      }
      out_ += in_[i];
      if (in_[i] == ',' || in_[i] == ':') out_ += ' ';
    }
  }

  void newline(int depth) {
    out_ += '\n';
    out_.append(static_cast<std::size_t>(depth) * 2, ' ');
  }

  // Writes the value at `at`; returns the index past it.
  std::size_t value(std::size_t at, int depth) {
    const std::size_t end = skip(at);
    const char open = in_[at];
    if ((open != '{' && open != '[') || end - at <= 2 || flat(at, end)) {
      inline_copy(at, end);
      return end;
    }
    out_ += open;
    std::size_t i = at + 1;
    while (i < end - 1) {
      newline(depth + 1);
      if (open == '{') {  // "key":
        const std::size_t key_end = skip(i);
        out_.append(in_.substr(i, key_end - i));
        out_ += ": ";
        i = key_end + 1;
      }
      i = value(i, depth + 1);
      if (in_[i] == ',') {
        out_ += ',';
        ++i;
      }
    }
    newline(depth);
    out_ += in_[end - 1];
    return end;
  }

  std::string_view in_;
  std::string out_;
};

void write_strings(core::JsonWriter& w, std::string_view key,
                   const std::vector<std::string>& list) {
  w.key(key).begin_array();
  for (const auto& item : list) w.value(item);
  w.end_array();
}

void write_account(core::JsonWriter& w, const store::PolyvAccount& account) {
  const auto& keys = account.keys;
  w.begin_object()
      .field("userId", keys.user_id)
      .field("email", keys.email)
      .field("secretKey", keys.secret_key)
      .field("appId", keys.app_id)
      .field("appSecret", keys.app_secret);
  write_strings(w, "subAccounts", account.sub_accounts);
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

void write_group(core::JsonWriter& w, const store::PolyvGroup& group, int offset) {
  w.begin_object()
      .field("appId", group.keys.app_id)
      .field("appSecret", group.keys.app_secret)
      .field("forbidden", group.keys.forbidden);
  write_strings(w, "subAccounts", group.sub_accounts);
  w.key("allocations").begin_array();
  for (const auto& a : group.allocations) {
    w.begin_object();
    write_allocation_fields(w, a, offset);
    w.end_object();
  }
  w.end_array().end_object();
}

}  // namespace

// --- one entity at a time -------------------------------------------------------------------

core::Expected<store::PolyvAccount, FixtureError> decode_polyv_account(const json::value& value) {
  return decode_one<store::PolyvAccount>(
      0, [&](Decoder& d, store::PolyvAccount& out) { return d.lone_account(value, out); });
}

core::Expected<store::Category, FixtureError> decode_category(const json::value& value) {
  return decode_one<store::Category>(
      0, [&](Decoder& d, store::Category& out) { return d.lone_category(value, out); });
}

core::Expected<store::Video, FixtureError> decode_video(const json::value& value) {
  return decode_one<store::Video>(
      0, [&](Decoder& d, store::Video& out) { return d.lone_video(value, out); });
}

core::Expected<store::Channel, FixtureError> decode_channel(const json::value& value) {
  return decode_one<store::Channel>(
      0, [&](Decoder& d, store::Channel& out) { return d.lone_channel(value, out); });
}

core::Expected<store::LiveSession, FixtureError> decode_session(const json::value& value) {
  return decode_one<store::LiveSession>(
      0, [&](Decoder& d, store::LiveSession& out) { return d.lone_session(value, out); });
}

core::Expected<store::PolyvGroup, FixtureError> decode_polyv_group(const json::value& value,
                                                                   int utc_offset_minutes) {
  return decode_one<store::PolyvGroup>(utc_offset_minutes, [&](Decoder& d, store::PolyvGroup& out) {
    return d.lone_group(value, out);
  });
}

core::Expected<store::Allocation, FixtureError> decode_allocation(const json::value& value,
                                                                  int utc_offset_minutes) {
  return decode_one<store::Allocation>(utc_offset_minutes, [&](Decoder& d, store::Allocation& out) {
    return d.lone_allocation(value, out);
  });
}

core::Expected<store::IqiyiPartner, FixtureError> decode_iqiyi_partner(const json::value& value) {
  return decode_one<store::IqiyiPartner>(0, [&](Decoder& d, store::IqiyiPartner& out) {
    return d.iqiyi_partner(value, Path::root(), out, nullptr, false);
  });
}

core::Expected<store::IqiyiUser, FixtureError> decode_iqiyi_user(const json::value& value) {
  return decode_one<store::IqiyiUser>(
      0, [&](Decoder& d, store::IqiyiUser& out) { return d.iqiyi_user(value, Path::root(), out); });
}

core::Expected<store::PumpkinPartner, FixtureError> decode_pumpkin_partner(
    const json::value& value) {
  return decode_one<store::PumpkinPartner>(0, [&](Decoder& d, store::PumpkinPartner& out) {
    return d.pumpkin_partner(value, Path::root(), out, nullptr);
  });
}

core::Expected<store::PumpkinMedia, FixtureError> decode_pumpkin_media(const json::value& value,
                                                                       int utc_offset_minutes) {
  return decode_one<store::PumpkinMedia>(utc_offset_minutes,
                                         [&](Decoder& d, store::PumpkinMedia& out) {
                                           return d.media_fields(value, Path::root(), out);
                                         });
}

core::Expected<MediaEntry, FixtureError> decode_pumpkin_media_entry(const json::value& value,
                                                                    int utc_offset_minutes) {
  return decode_one<MediaEntry>(utc_offset_minutes, [&](Decoder& d, MediaEntry& out) {
    return d.media_fields(value, Path::root(), out.media, &out.details);
  });
}

void write_category_fields(core::JsonWriter& w, const store::Category& c) {
  w.field("cataid", c.cataid).field("name", c.name).field("parent", c.parent);
}

void write_video_fields(core::JsonWriter& w, const store::Video& v) {
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

void write_session_fields(core::JsonWriter& w, const store::LiveSession& s) {
  w.field("sessionId", s.session_id)
      .field("startTime", s.start_time)
      .field("endTime", s.end_time)
      .field("customId", s.custom_id);
}

void write_allocation_fields(core::JsonWriter& w, const store::Allocation& a,
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

void write_iqiyi_user_fields(core::JsonWriter& w, const store::IqiyiUser& u) {
  w.field("user_id", u.user_id).field("area", u.area).field("vodCoupons", u.vod_coupons);
}

void write_iqiyi_coupon_use_fields(core::JsonWriter& w, const store::IqiyiCouponUseEntry& use) {
  w.field("user_id", use.user_id)
      .field("area", use.area)
      .field("contentId", use.content_id)
      .field("useTime", use.use_time)
      .field("vodDeadline", use.vod_deadline);
}

void write_media_fields(core::JsonWriter& w, const store::PumpkinMedia& m, int utc_offset_minutes) {
  w.field("movie_id", m.movie_id).field("movie_name", m.movie_name).key("delete_time");
  if (m.delete_time) {
    w.value(core::format_wall_time(*m.delete_time, utc_offset_minutes));
  } else {
    w.null();
  }
}

namespace {

void write_nullable_time(core::JsonWriter& w, std::string_view key,
                         const std::optional<core::EpochMs>& at, int utc_offset_minutes) {
  w.key(key);
  if (at) {
    w.value(core::format_wall_time(*at, utc_offset_minutes));
  } else {
    w.null();
  }
}

void write_texts(core::JsonWriter& w, const store::PumpkinTexts& t) {
  w.field("movie_title", t.movie_title)
      .field("movie_name_english", t.movie_name_english)
      .field("movie_alias", t.movie_alias)
      .field("movie_desc", t.movie_desc)
      .field("movie_director", t.movie_director)
      .field("movie_actor", t.movie_actor)
      .field("movie_country", t.movie_country)
      .field("movie_language", t.movie_language)
      .field("movie_year", t.movie_year);
}

}  // namespace

void write_media_details(core::JsonWriter& w, const store::PumpkinMediaDetails& d,
                         int utc_offset_minutes) {
  w.begin_object().field("movie_type", d.movie_type);
  write_texts(w, d.texts);
  w.field("vertical_pic", d.vertical_pic)
      .field("horizontal_pic", d.horizontal_pic)
      .field("movie_duration", d.movie_duration);
  write_nullable_time(w, "create_time", d.create_time, utc_offset_minutes);
  write_nullable_time(w, "update_time", d.update_time, utc_offset_minutes);
  w.key("seasons").begin_array();
  for (const auto& season : d.seasons) {
    w.begin_object().field("movie_id", season.movie_id).field("movie_name", season.movie_name);
    write_texts(w, season.texts);
    w.key("parts").begin_array();
    for (const auto& part : season.parts) {
      w.begin_object()
          .field("movie_id", part.movie_id)
          .field("movie_number", part.movie_number)
          .end_object();
    }
    w.end_array().end_object();
  }
  w.end_array().end_object();
}

core::Expected<store::Dataset, FixtureError> parse_fixture(std::string_view json_text,
                                                           int utc_offset_minutes) {
  // Strict JSON: no comments, no trailing commas, UTF-8 only, no key twice in an object.
  auto parsed = core::parse_strict_json(json_text);
  if (!parsed) {
    const auto& error = parsed.error();
    if (error.duplicate_key) return core::unexpected(FixtureError{error.path, error.message});
    return core::unexpected(FixtureError{
        "$", "invalid JSON at " + position_of(json_text, error.offset) + ": " + error.message});
  }
  const json::value root = std::move(*parsed);
  Decoder decoder(utc_offset_minutes);
  if (!decoder.document(root)) return core::unexpected(std::move(decoder).take_error());
  return std::move(decoder).take_dataset();
}

std::string layout_fixture_value(std::string_view compact, int depth) {
  return Prettifier(compact).at_depth(depth);
}

std::string export_fixture(const store::Dataset& data, int utc_offset_minutes) {
  core::JsonWriter w;
  w.begin_object().key("polyv").begin_object().key("accounts").begin_array();
  for (const auto& account : data.polyv_accounts) write_account(w, account);
  w.end_array().key("groups").begin_array();
  for (const auto& group : data.polyv_groups) write_group(w, group, utc_offset_minutes);
  w.end_array().end_object();

  w.key("iqiyi").begin_object().key("partners").begin_array();
  for (const auto& partner : data.iqiyi_partners) {
    w.begin_object()
        .field("partnerCode", partner.partner_code)
        .field("md5Key", partner.md5_key)
        .key("users")
        .begin_array();
    for (const auto& u : partner.users) {
      w.begin_object();
      write_iqiyi_user_fields(w, u);
      w.end_object();
    }
    w.end_array();
    // Only when there are any: a document without uses reads as before they existed.
    if (!partner.coupon_uses.empty()) {
      w.key("couponUses").begin_array();
      for (const auto& use : partner.coupon_uses) {
        w.begin_object();
        write_iqiyi_coupon_use_fields(w, use);
        w.end_object();
      }
      w.end_array();
    }
    w.end_object();
  }
  w.end_array().end_object();

  w.key("pumpkin").begin_object().key("partners").begin_array();
  for (const auto& partner : data.pumpkin_partners) {
    w.begin_object().field("pid", partner.pid).field("accessSecret", partner.access_secret);
    write_strings(w, "actions", partner.actions);
    w.end_object();
  }
  w.end_array().key("media").begin_array();
  std::map<std::int64_t, const store::PumpkinMediaDetails*> details;
  for (const auto& d : data.pumpkin_details) details.emplace(d.movie_id, &d);
  for (const auto& m : data.pumpkin_media) {
    w.begin_object();
    write_media_fields(w, m, utc_offset_minutes);
    if (const auto it = details.find(m.movie_id); it != details.end()) {
      w.key("details");
      write_media_details(w, *it->second, utc_offset_minutes);
    }
    w.end_object();
  }
  w.end_array().end_object().end_object();
  return Prettifier(w.str()).run();
}

}  // namespace mediagate::domain
