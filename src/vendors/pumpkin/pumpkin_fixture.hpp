// Pumpkin's section of the fixture format (docs/fixtures.md): "pumpkin": {"partners": [...],
// "media": [...]}, a media with its catalogue `details` (seasons and parts) when it has them,
// read and written here, and the same entities one at a time for the admin API.
//
// The section's own rules, beyond those of every section (fixtures/fixture_reader.hpp): pid
// unique in the document, duplicates refused inside actions lists; movie_id >= 0 (offline_sync
// renders it as a string of digits) and unique in the document among the media, their seasons
// and parts; movie_type "1" (film) or "2" (series), only a series with seasons.
#pragma once

#include <boost/json/fwd.hpp>
#include <optional>

#include "core/expected.hpp"
#include "fixtures/fixture_document.hpp"
#include "fixtures/fixture_error.hpp"
#include "vendors/dataset.hpp"

namespace mediagate::core {
class JsonWriter;
}

namespace mediagate::vendors::pumpkin {

// The "pumpkin" section of a document (vendors/fixture_format.cpp lists the sections).
const fixtures::FixtureSection<Dataset>& fixture_section();

// One entity as it appears inside a fixture document, checked as there but for what needs the
// rest of the data (the caller's); error paths start at "$".
core::Expected<vendors::pumpkin::PumpkinPartner, fixtures::FixtureError> decode_pumpkin_partner(
    const boost::json::value& value);
core::Expected<vendors::pumpkin::PumpkinMedia, fixtures::FixtureError> decode_pumpkin_media(
    const boost::json::value& value, int utc_offset_minutes);
// A media with its `details`, when the object has them (decode_pumpkin_media refuses them).
struct MediaEntry {
  vendors::pumpkin::PumpkinMedia media;
  std::optional<vendors::pumpkin::PumpkinMediaDetails> details;
};
core::Expected<MediaEntry, fixtures::FixtureError> decode_pumpkin_media_entry(
    const boost::json::value& value, int utc_offset_minutes);

// A media's members, with the document's keys in its order, written into an open object.
void write_media_fields(core::JsonWriter& w, const vendors::pumpkin::PumpkinMedia& media,
                        int utc_offset_minutes);
// A catalogue entry's texts but its title (movie_name_english to movie_year, in this order), as
// both the fixture format and the catalogue's answers (/media/sync, /movie/sync) list them after
// the title, into an open object.
void write_texts_after_title(core::JsonWriter& w, const vendors::pumpkin::PumpkinTexts& texts);
// A media's details as the object a media's `details` key holds (opened and closed here).
void write_media_details(core::JsonWriter& w, const vendors::pumpkin::PumpkinMediaDetails& details,
                         int utc_offset_minutes);

}  // namespace mediagate::vendors::pumpkin
