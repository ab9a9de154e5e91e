// The fixture format (docs/fixtures.md, shared/spec/fixtures.md): one JSON document holding
// everything the vendor APIs read, a section a module: "polyv", "iqiyi", "pumpkin", in this
// order (fixture_format.cpp). parse_fixture() validates a whole document into a
// vendors::Dataset, reporting the first problem with its JSON path; export_fixture() writes a
// Dataset back as a document that parse_fixture() accepts and that parses to an equal Dataset.
//
// What every section shares (field readers, error paths, bounds, layout, the loop over the
// sections) is fixtures/ (fixture_reader.hpp, fixture_document.hpp); each section's own
// entities and rules are its module's (vendors/<vendor>/<vendor>_fixture.hpp), with the
// decoders and writers of one entity at a time the admin API uses.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/expected.hpp"
#include "fixtures/fixture_document.hpp"
#include "fixtures/fixture_error.hpp"
#include "vendors/dataset.hpp"

namespace mediagate::vendors {

// The document's sections, in the order export_fixture() writes them.
std::span<const fixtures::FixtureSection<Dataset>> fixture_sections();

// Date strings ("yyyy-MM-dd HH:mm:ss") are read at `utc_offset_minutes` (480 for UTC+8).
core::Expected<vendors::Dataset, fixtures::FixtureError> parse_fixture(std::string_view json_text,
                                                                       int utc_offset_minutes);

// Pretty-printed, keys in the documented order. Instants written as date strings (allocation
// dates, media delete times) keep whole seconds only, as the format does.
std::string export_fixture(const vendors::Dataset& data, int utc_offset_minutes);

}  // namespace mediagate::vendors
