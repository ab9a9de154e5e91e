// Polyv's section of the fixture format (docs/fixtures.md): "polyv": {"accounts": [...],
// "groups": [...]}, read and written here, and the same entities one at a time for the admin API.
//
// The section's own rules, beyond those of every section (fixtures/fixture_reader.hpp):
//  - userId, an account's appId, vid, channelId, sessionId and a group's appId are unique in the
//    document; a cataid within its account;
//  - an account's categories form a forest and a video sits in its account (category_tree.hpp,
//    video_placement.hpp: the rules the admin API applies too);
//  - a channelId is digits; a video's status one of Polyv's; an allocation's type "live" or
//    "vod", its email one of the group's subAccounts;
//  - duplicates are refused inside subAccounts lists, and among a group's allocations with the
//    same (email, date, origin, type), the key the store upserts on.
#pragma once

#include <boost/json/fwd.hpp>

#include "core/expected.hpp"
#include "fixtures/fixture_document.hpp"
#include "fixtures/fixture_error.hpp"
#include "vendors/dataset.hpp"

namespace mediagate::core {
class JsonWriter;
}

namespace mediagate::vendors::polyv {

// The "polyv" section of a document (vendors/fixture_format.cpp lists the sections).
const fixtures::FixtureSection<Dataset>& fixture_section();

// --- One entity at a time (the admin API) ---------------------------------------------------
// `value` is one entity object exactly as it appears inside a fixture document (a video as in
// polyv.accounts[].videos[], a session as in ...channels[].sessions[], ...). It gets the checks
// the document makes there, but not those that need the rest of the data: ids unique beyond
// the object, a video's category and uploader, an allocation's sub-account, a category's
// parent. Those are the caller's. Error paths start at "$", the object itself. An account or a
// group may carry its children, checked among themselves as in a document.
core::Expected<vendors::polyv::PolyvAccount, fixtures::FixtureError> decode_polyv_account(
    const boost::json::value& value);
core::Expected<vendors::polyv::Category, fixtures::FixtureError> decode_category(
    const boost::json::value& value);
core::Expected<vendors::polyv::Video, fixtures::FixtureError> decode_video(
    const boost::json::value& value);
core::Expected<vendors::polyv::Channel, fixtures::FixtureError> decode_channel(
    const boost::json::value& value);
core::Expected<vendors::polyv::LiveSession, fixtures::FixtureError> decode_session(
    const boost::json::value& value);
core::Expected<vendors::polyv::PolyvGroup, fixtures::FixtureError> decode_polyv_group(
    const boost::json::value& value, int utc_offset_minutes);
core::Expected<vendors::polyv::Allocation, fixtures::FixtureError> decode_allocation(
    const boost::json::value& value, int utc_offset_minutes);

// One entity's members, with the document's keys in its order, written into an object the
// caller has opened (so that it can add members of its own around them).
void write_category_fields(core::JsonWriter& w, const vendors::polyv::Category& category);
void write_video_fields(core::JsonWriter& w, const vendors::polyv::Video& video);
void write_session_fields(core::JsonWriter& w, const vendors::polyv::LiveSession& session);
void write_allocation_fields(core::JsonWriter& w, const vendors::polyv::Allocation& allocation,
                             int utc_offset_minutes);

}  // namespace mediagate::vendors::polyv
