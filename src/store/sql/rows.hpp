// Each entity's columns, the mapping of a row of them to a model value (..._of) and of a value
// to the parameters that write them (values_of), written once for every query of every SQL
// backend (entity access, import, export, the stores' vendor reads). A mapper reads the
// columns in the order of its k...Columns from `first` on; it works on any backend's Row
// (text / int64 / optional_text / optional_int64), inlined, per row. values_of gives the
// same columns, in the same order, as references (no copy).
//
// A column added to an entity: the migrations (one per engine), then here its k...Columns,
// its mapper and its values_of; every query, the upsert and the export follow.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>

#include "store/store.hpp"

namespace mediagate::store::sql {

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

// iqiyi_partners (without their users)
inline constexpr std::string_view kIqiyiPartnerColumns = "partner_code, md5_key";
inline constexpr auto iqiyi_partner_of = [](const auto& s, int first = 0) {
  return IqiyiPartner{s.text(first), s.text(first + 1), {}, {}};
};
inline auto values_of(const IqiyiPartner& p) {
  return std::tie(p.partner_code, p.md5_key);
}

// iqiyi_users (of one partner_code)
inline constexpr std::string_view kIqiyiUserColumns = "user_id, area, vod_coupons";
inline constexpr auto iqiyi_user_of = [](const auto& s, int first = 0) {
  return IqiyiUser{s.text(first), s.text(first + 1), s.int64(first + 2)};
};
inline auto values_of(const IqiyiUser& u) {
  return std::tie(u.user_id, u.area, u.vod_coupons);
}

// iqiyi_coupon_uses as the fixture format carries them (of one partner_code, without the id)
inline constexpr std::string_view kIqiyiCouponUseEntryColumns =
    "user_id, area, content_id, use_time, vod_deadline";
inline constexpr auto iqiyi_coupon_use_entry_of = [](const auto& s, int first = 0) {
  return IqiyiCouponUseEntry{s.text(first), s.text(first + 1), s.int64(first + 2),
                             s.int64(first + 3), s.int64(first + 4)};
};

// pumpkin_partners (without their actions)
inline constexpr std::string_view kPumpkinPartnerColumns = "pid, access_secret";
inline constexpr auto pumpkin_partner_of = [](const auto& s, int first = 0) {
  return PumpkinPartner{s.text(first), s.text(first + 1), {}};
};
inline auto values_of(const PumpkinPartner& p) {
  return std::tie(p.pid, p.access_secret);
}

// pumpkin_media
inline constexpr std::string_view kMediaColumns = "movie_id, movie_name, delete_time";
inline constexpr auto media_of = [](const auto& s, int first = 0) {
  return PumpkinMedia{s.int64(first), s.text(first + 1), s.optional_int64(first + 2)};
};
inline auto values_of(const PumpkinMedia& m) {
  return std::tie(m.movie_id, m.movie_name, m.delete_time);
}

// The texts of a media's details and of a season, in this order.
inline constexpr std::string_view kPumpkinTextColumns =
    "movie_title, movie_name_english, movie_alias, movie_desc, movie_director, movie_actor, "
    "movie_country, movie_language, movie_year";
inline constexpr auto pumpkin_texts_of = [](const auto& s, int first = 0) {
  return PumpkinTexts{s.text(first),     s.text(first + 1), s.text(first + 2),
                      s.text(first + 3), s.text(first + 4), s.text(first + 5),
                      s.text(first + 6), s.text(first + 7), s.text(first + 8)};
};
inline auto values_of(const PumpkinTexts& t) {
  return std::tie(t.movie_title, t.movie_name_english, t.movie_alias, t.movie_desc,
                  t.movie_director, t.movie_actor, t.movie_country, t.movie_language, t.movie_year);
}

// pumpkin_media_details (without the seasons)
inline constexpr std::string_view kMediaDetailColumns =
    "movie_id, movie_type, movie_title, movie_name_english, movie_alias, movie_desc, "
    "movie_director, movie_actor, movie_country, movie_language, movie_year, vertical_pic, "
    "horizontal_pic, movie_duration, create_time, update_time";
inline constexpr auto media_details_of = [](const auto& s, int first = 0) {
  PumpkinMediaDetails d;
  d.movie_id = s.int64(first);
  d.movie_type = s.text(first + 1);
  d.texts = pumpkin_texts_of(s, first + 2);
  d.vertical_pic = s.text(first + 11);
  d.horizontal_pic = s.text(first + 12);
  d.movie_duration = s.optional_text(first + 13);
  d.create_time = s.optional_int64(first + 14);
  d.update_time = s.optional_int64(first + 15);
  return d;
};
inline auto values_of(const PumpkinMediaDetails& d) {
  return std::tuple_cat(
      std::tie(d.movie_id, d.movie_type), values_of(d.texts),
      std::tie(d.vertical_pic, d.horizontal_pic, d.movie_duration, d.create_time, d.update_time));
}

// pumpkin_seasons (of one media_id, at one position; without the parts)
inline constexpr std::string_view kSeasonColumns =
    "movie_id, movie_name, movie_title, movie_name_english, movie_alias, movie_desc, "
    "movie_director, movie_actor, movie_country, movie_language, movie_year";
inline constexpr auto season_of = [](const auto& s, int first = 0) {
  PumpkinSeason season;
  season.movie_id = s.int64(first);
  season.movie_name = s.text(first + 1);
  season.texts = pumpkin_texts_of(s, first + 2);
  return season;
};
inline auto values_of(const PumpkinSeason& season) {
  return std::tuple_cat(std::tie(season.movie_id, season.movie_name), values_of(season.texts));
}

// pumpkin_parts (of one media_id, season and position)
inline constexpr std::string_view kPartColumns = "movie_id, movie_number";
inline constexpr auto part_of = [](const auto& s, int first = 0) {
  return PumpkinPart{s.int64(first), s.text(first + 1)};
};
inline auto values_of(const PumpkinPart& p) {
  return std::tie(p.movie_id, p.movie_number);
}

// One text column (an email, a channel id, an owner).
inline constexpr auto text_of = [](const auto& s, int first = 0) { return s.text(first); };

// "SELECT <columns>" and "SELECT <columns> <rest>" (the SQL of one query, built once).
inline std::string select(std::string_view columns, std::string_view rest = {}) {
  std::string sql = "SELECT ";
  sql += columns;
  if (!rest.empty()) {
    sql += ' ';
    sql += rest;
  }
  return sql;
}

}  // namespace mediagate::store::sql
