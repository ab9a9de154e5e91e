#include "vendors/pumpkin/pumpkin_fixture.hpp"

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/civil_time.hpp"
#include "core/json_writer.hpp"
#include "fixtures/fixture_reader.hpp"

namespace mediagate::vendors::pumpkin {
namespace {

namespace json = boost::json;
using fixtures::Kind;
using fixtures::Path;
using fixtures::quoted;

// Reads the section into a Dataset (the document's, or one of its own for a lone entity).
class Decoder : public fixtures::Reader {
 public:
  explicit Decoder(const fixtures::Reader& reader, vendors::Dataset* data = nullptr)
      : Reader(reader), data_(data == nullptr ? &own_ : data) {}

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
      vendors::pumpkin::PumpkinPartner partner;
      if (!pumpkin_partner((*partners)[i], partners_path.index(i), partner, &pids)) return false;
      data_->pumpkin_partners.push_back(std::move(partner));
    }
    const Path media_path = path.key("media");
    std::set<std::int64_t> movie_ids;
    data_->pumpkin_media.reserve(media->size());
    std::vector<std::size_t> details_of;  // the index of each details' media
    for (std::size_t i = 0; i < media->size(); ++i) {
      const Path item = media_path.index(i);
      vendors::pumpkin::PumpkinMedia m;
      std::optional<vendors::pumpkin::PumpkinMediaDetails> details;
      if (!media_fields((*media)[i], item, m, &details) ||
          !unique(movie_ids, m.movie_id, item.key("movie_id"), "movie_id",
                  std::to_string(m.movie_id))) {
        return false;
      }
      data_->pumpkin_media.push_back(std::move(m));
      if (details) {
        data_->pumpkin_details.push_back(std::move(*details));
        details_of.push_back(i);
      }
    }
    // Season and part ids: unique in the document, and none the id of a media.
    for (std::size_t i = 0; i < data_->pumpkin_details.size(); ++i) {
      const Path item = media_path.index(details_of[i]);  // Paths point at their parents
      const Path details_path = item.key("details");
      if (!catalogue_ids(data_->pumpkin_details[i], details_path, movie_ids)) return false;
    }
    return true;
  }

  // A partner object; `pids` (when given) collects pids to refuse duplicates.
  bool pumpkin_partner(const json::value& value, const Path& item,
                       vendors::pumpkin::PumpkinPartner& partner, std::set<std::string>* pids) {
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
  bool media_fields(const json::value& value, const Path& item, vendors::pumpkin::PumpkinMedia& m,
                    std::optional<vendors::pumpkin::PumpkinMediaDetails>* details = nullptr) {
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
  bool catalogue_ids(const vendors::pumpkin::PumpkinMediaDetails& details, const Path& path,
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
  bool pumpkin_texts(const json::object& object, const Path& path,
                     vendors::pumpkin::PumpkinTexts& t) {
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

  bool media_details(const json::value& value, const Path& path,
                     vendors::pumpkin::PumpkinMediaDetails& d) {
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
      vendors::pumpkin::PumpkinSeason season;
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
        vendors::pumpkin::PumpkinPart part;
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

  vendors::Dataset own_;
  vendors::Dataset* data_;
};

void write_nullable_time(core::JsonWriter& w, std::string_view key,
                         const std::optional<core::EpochMs>& at, int utc_offset_minutes) {
  w.key(key);
  if (at) {
    w.value(core::format_wall_time(*at, utc_offset_minutes));
  } else {
    w.null();
  }
}

void write_texts(core::JsonWriter& w, const vendors::pumpkin::PumpkinTexts& t) {
  w.field("movie_title", t.movie_title);
  write_texts_after_title(w, t);
}

bool read_section(const fixtures::Reader& reader, const json::value& value, const Path& path,
                  vendors::Dataset& data) {
  return Decoder(reader, &data).pumpkin(value, path);
}

void write_section(core::JsonWriter& w, const vendors::Dataset& data, int utc_offset_minutes) {
  w.begin_object().key("partners").begin_array();
  for (const auto& partner : data.pumpkin_partners) {
    w.begin_object().field("pid", partner.pid).field("accessSecret", partner.access_secret);
    fixtures::write_strings(w, "actions", partner.actions);
    w.end_object();
  }
  w.end_array().key("media").begin_array();
  std::map<std::int64_t, const vendors::pumpkin::PumpkinMediaDetails*> details;
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
  w.end_array().end_object();
}

}  // namespace

const fixtures::FixtureSection<Dataset>& fixture_section() {
  static const fixtures::FixtureSection<Dataset> kSection{"pumpkin", read_section, write_section};
  return kSection;
}

core::Expected<vendors::pumpkin::PumpkinPartner, fixtures::FixtureError> decode_pumpkin_partner(
    const json::value& value) {
  return fixtures::decode_one<Decoder, vendors::pumpkin::PumpkinPartner>(
      0, [&](Decoder& d, vendors::pumpkin::PumpkinPartner& out) {
        return d.pumpkin_partner(value, Path::root(), out, nullptr);
      });
}

core::Expected<vendors::pumpkin::PumpkinMedia, fixtures::FixtureError> decode_pumpkin_media(
    const json::value& value, int utc_offset_minutes) {
  return fixtures::decode_one<Decoder, vendors::pumpkin::PumpkinMedia>(
      utc_offset_minutes, [&](Decoder& d, vendors::pumpkin::PumpkinMedia& out) {
        return d.media_fields(value, Path::root(), out);
      });
}

core::Expected<MediaEntry, fixtures::FixtureError> decode_pumpkin_media_entry(
    const json::value& value, int utc_offset_minutes) {
  return fixtures::decode_one<Decoder, MediaEntry>(
      utc_offset_minutes, [&](Decoder& d, MediaEntry& out) {
        return d.media_fields(value, Path::root(), out.media, &out.details);
      });
}

void write_media_fields(core::JsonWriter& w, const vendors::pumpkin::PumpkinMedia& m,
                        int utc_offset_minutes) {
  w.field("movie_id", m.movie_id).field("movie_name", m.movie_name).key("delete_time");
  if (m.delete_time) {
    w.value(core::format_wall_time(*m.delete_time, utc_offset_minutes));
  } else {
    w.null();
  }
}

void write_texts_after_title(core::JsonWriter& w, const vendors::pumpkin::PumpkinTexts& t) {
  w.field("movie_name_english", t.movie_name_english)
      .field("movie_alias", t.movie_alias)
      .field("movie_desc", t.movie_desc)
      .field("movie_director", t.movie_director)
      .field("movie_actor", t.movie_actor)
      .field("movie_country", t.movie_country)
      .field("movie_language", t.movie_language)
      .field("movie_year", t.movie_year);
}

void write_media_details(core::JsonWriter& w, const vendors::pumpkin::PumpkinMediaDetails& d,
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

}  // namespace mediagate::vendors::pumpkin
