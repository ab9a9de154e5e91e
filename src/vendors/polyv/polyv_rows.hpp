// Polyv's columns, the mapping of a row of them to a model value (..._of) and of a value to the
// parameters that write them (values_of), written once for every query of both SQL backends (its
// reads, vendors/polyv/polyv_queries.hpp; its writes and export, vendors/polyv/polyv_writes.hpp). A
// mapper reads the columns in the order of its k...Columns from `first` on, on any backend's Row
// (store/sql/rows.hpp); values_of gives the same columns, in the same order, as references.
//
// A column added: the module's migrations (one per engine), then here its k...Columns, its mapper
// and its values_of; every query, the upsert and the export follow.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>

#include "vendors/polyv/polyv_model.hpp"

namespace mediagate::vendors::polyv {

// polyv_accounts
inline constexpr std::string_view kAccountColumns =
    "user_id, email, secret_key, app_id, app_secret";
inline constexpr auto account_keys_of = [](const auto& s, int first = 0) {
  return PolyvAccountKeys{s.text(first), s.text(first + 1), s.text(first + 2), s.text(first + 3),
                          s.text(first + 4)};
};
inline auto values_of(const PolyvAccountKeys& k) {
  return std::tie(k.user_id, k.email, k.secret_key, k.app_id, k.app_secret);
}

// polyv_categories (of one user_id)
inline constexpr std::string_view kCategoryColumns = "cataid, name, parent";
inline constexpr auto category_of = [](const auto& s, int first = 0) {
  return Category{s.int64(first), s.text(first + 1), s.optional_int64(first + 2)};
};
inline auto values_of(const Category& c) {
  return std::tie(c.cataid, c.name, c.parent);
}

// polyv_videos (of one user_id)
inline constexpr std::string_view kVideoColumns =
    "vid, cataid, title, context, times, first_image, tag, aac_link, status, uploader_email,"
    " ptime";
inline constexpr auto video_of = [](const auto& s, int first = 0) {
  return Video{s.text(first),     s.int64(first + 1),         s.text(first + 2),
               s.text(first + 3), s.int64(first + 4),         s.text(first + 5),
               s.text(first + 6), s.optional_text(first + 7), s.text(first + 8),
               s.text(first + 9), s.int64(first + 10)};
};
inline auto values_of(const Video& v) {
  return std::tie(v.vid, v.cataid, v.title, v.context, v.times, v.first_image, v.tag, v.aac_link,
                  v.status, v.uploader_email, v.ptime);
}

// polyv_sessions (of one channel_id)
inline constexpr std::string_view kSessionColumns = "session_id, start_time, end_time, custom_id";
inline constexpr auto session_of = [](const auto& s, int first = 0) {
  return LiveSession{s.text(first), s.int64(first + 1), s.optional_int64(first + 2),
                     s.optional_text(first + 3)};
};
inline auto values_of(const LiveSession& s) {
  return std::tie(s.session_id, s.start_time, s.end_time, s.custom_id);
}

// polyv_groups
inline constexpr std::string_view kGroupColumns = "app_id, app_secret, forbidden";
inline constexpr auto group_keys_of = [](const auto& s, int first = 0) {
  return PolyvGroupKeys{s.text(first), s.text(first + 1), s.int64(first + 2) != 0};
};
inline auto values_of(const PolyvGroupKeys& g) {
  return std::tuple<const std::string&, const std::string&, std::int64_t>(g.app_id, g.app_secret,
                                                                          g.forbidden ? 1 : 0);
}

// polyv_allocations (of one app_id; their insertion order is the column `id`)
inline constexpr std::string_view kAllocationColumns =
    "email, date, type, origin, origin_text, space, flow, channels, concurrences, duration";
inline constexpr auto allocation_of = [](const auto& s, int first = 0) {
  return Allocation{s.text(first),
                    s.int64(first + 1),
                    s.text(first + 2),
                    s.text(first + 3),
                    s.text(first + 4),
                    s.optional_int64(first + 5),
                    s.optional_int64(first + 6),
                    s.optional_int64(first + 7),
                    s.optional_int64(first + 8),
                    s.optional_int64(first + 9)};
};
inline auto values_of(const Allocation& a) {
  return std::tie(a.email, a.date, a.type, a.origin, a.origin_text, a.space, a.flow, a.channels,
                  a.concurrences, a.duration);
}

}  // namespace mediagate::vendors::polyv
