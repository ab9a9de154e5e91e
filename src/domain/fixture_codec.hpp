// The fixture format (shared/spec/fixtures.md): one JSON document holding everything the five
// APIs read. parse_fixture() validates a whole document into a store::Dataset, reporting the
// first problem with its JSON path; export_fixture() writes a Dataset back as a document that
// parse_fixture() accepts and that parses to an equal Dataset.
//
// Beyond the spec's wording, these choices are made here:
//  - arrays (subAccounts, videos, sessions, ...) may be omitted (= empty), `forbidden` may be
//    omitted (= false), and a nullable field may be omitted (= null); every other field is
//    required;
//  - duplicates are refused inside subAccounts and actions lists, and among a group's
//    allocations with the same (email, date, origin, type), the key the store upserts on;
//  - a JSON object with the same key twice is refused (core/json_strict.hpp);
//  - every string has a length bound (below) so that whatever is stored can be addressed again:
//    an id is a segment of admin paths (/admin/v1/polyv/accounts/{userId}/channels/{channelId}/
//    sessions/{sessionId}), up to three characters a byte once percent-encoded, and three of
//    them must fit the request line (limits.max_request_line_bytes, 8 KiB by default); ids are
//    not empty either (an empty path segment matches no route);
//  - movie_id is >= 0: offline_sync renders it as a string of digits.
#pragma once

#include <boost/json/fwd.hpp>
#include <string>
#include <string_view>

#include "core/expected.hpp"
#include "store/model.hpp"

namespace mediagate::core {
class JsonWriter;
}

namespace mediagate::domain {

// The longest strings the fixture format takes, in bytes of UTF-8 (docs/fixtures.md).
inline constexpr std::size_t kMaxIdBytes = 256;     // ids, emails, secrets, codes
inline constexpr std::size_t kMaxTextBytes = 8192;  // titles, names, descriptions, URLs

struct FixtureError {
  std::string path;     // e.g. "$.polyv.accounts[0].videos[3].cataid"; "$" for invalid JSON
  std::string message;  // what is wrong there

  friend bool operator==(const FixtureError&, const FixtureError&) = default;
};

// Date strings ("yyyy-MM-dd HH:mm:ss") are read at `utc_offset_minutes` (480 for UTC+8).
core::Expected<store::Dataset, FixtureError> parse_fixture(std::string_view json_text,
                                                           int utc_offset_minutes);

// Pretty-printed, keys in the documented order. Instants written as date strings (allocation
// dates, media delete times) keep whole seconds only, as the format does.
std::string export_fixture(const store::Dataset& data, int utc_offset_minutes);

// One JSON value written compactly (core::JsonWriter) laid out as export_fixture() lays out a
// value at nesting `depth` (0: the document): on one line when it holds no non-empty container,
// else one member a line, indented two spaces a level. No final line break. For writers that
// produce the same layout a piece at a time (domain/fixture_stream.hpp).
std::string layout_fixture_value(std::string_view compact, int depth);

// --- One entity at a time (the admin API) ---------------------------------------------------
// `value` is one entity object exactly as it appears inside a fixture document (a video as in
// polyv.accounts[].videos[], a session as in ...channels[].sessions[], ...). It gets the checks
// parse_fixture() makes there, but not those that need the rest of the data: ids unique beyond
// the object, a video's category and uploader, an allocation's sub-account, a category's
// parent. Those are the caller's. Error paths start at "$", the object itself. An account or a
// group may carry its children, checked among themselves as in a document.
core::Expected<store::PolyvAccount, FixtureError> decode_polyv_account(
    const boost::json::value& value);
core::Expected<store::Category, FixtureError> decode_category(const boost::json::value& value);
core::Expected<store::Video, FixtureError> decode_video(const boost::json::value& value);
core::Expected<store::Channel, FixtureError> decode_channel(const boost::json::value& value);
core::Expected<store::LiveSession, FixtureError> decode_session(const boost::json::value& value);
core::Expected<store::PolyvGroup, FixtureError> decode_polyv_group(const boost::json::value& value,
                                                                   int utc_offset_minutes);
core::Expected<store::Allocation, FixtureError> decode_allocation(const boost::json::value& value,
                                                                  int utc_offset_minutes);
core::Expected<store::IqiyiPartner, FixtureError> decode_iqiyi_partner(
    const boost::json::value& value);
core::Expected<store::IqiyiUser, FixtureError> decode_iqiyi_user(const boost::json::value& value);
core::Expected<store::PumpkinPartner, FixtureError> decode_pumpkin_partner(
    const boost::json::value& value);
core::Expected<store::PumpkinMedia, FixtureError> decode_pumpkin_media(
    const boost::json::value& value, int utc_offset_minutes);
// A media with its `details`, when the object has them (decode_pumpkin_media refuses them).
struct MediaEntry {
  store::PumpkinMedia media;
  std::optional<store::PumpkinMediaDetails> details;
};
core::Expected<MediaEntry, FixtureError> decode_pumpkin_media_entry(const boost::json::value& value,
                                                                    int utc_offset_minutes);

// One entity's members, with the document's keys in its order, written into an object the
// caller has opened (so that it can add members of its own around them).
void write_category_fields(core::JsonWriter& w, const store::Category& category);
void write_video_fields(core::JsonWriter& w, const store::Video& video);
void write_session_fields(core::JsonWriter& w, const store::LiveSession& session);
void write_allocation_fields(core::JsonWriter& w, const store::Allocation& allocation,
                             int utc_offset_minutes);
void write_iqiyi_user_fields(core::JsonWriter& w, const store::IqiyiUser& user);
void write_iqiyi_coupon_use_fields(core::JsonWriter& w, const store::IqiyiCouponUseEntry& use);
void write_media_fields(core::JsonWriter& w, const store::PumpkinMedia& media,
                        int utc_offset_minutes);
// A media's details as the object a media's `details` key holds (opened and closed here).
void write_media_details(core::JsonWriter& w, const store::PumpkinMediaDetails& details,
                         int utc_offset_minutes);

}  // namespace mediagate::domain
