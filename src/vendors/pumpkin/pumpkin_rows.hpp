// Pumpkin's columns, the mapping of a row of them to a model value (..._of) and of a value to the
// parameters that write them (values_of), written once for every query of both SQL backends (its
// reads, vendors/pumpkin/pumpkin_queries.hpp; its writes and export,
// vendors/pumpkin/pumpkin_writes.hpp). A mapper reads the columns in the order of its k...Columns
// from `first` on, on any backend's Row (store/sql/rows.hpp); values_of gives the same columns, in
// the same order, as references.
//
// A column added: the module's migrations (one per engine), then here its k...Columns, its mapper
// and its values_of; every query, the upsert and the export follow.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>

#include "vendors/pumpkin/pumpkin_model.hpp"

namespace mediagate::vendors::pumpkin {

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

}  // namespace mediagate::vendors::pumpkin
