// The whole store as one fixture document, written a section at a time (`mediagate export`):
// the same bytes as vendors::export_fixture(export_dataset(store)) (GET /admin/v1/export), while
// memory holds one batch of rows per open level and one entity's layout, never the catalogue.
// Each module's sections are read by vendors/fixture_sections.hpp, their entities written by the
// modules' fixture writers (vendors/<vendor>/<vendor>_fixture.hpp) and laid out by
// fixtures/fixture_stream.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

#include "store/store.hpp"

namespace mediagate::vendors {

struct FixtureExportOptions {
  std::size_t batch = 1000;      // rows read per statement (keyset pagination), at least 1
  int utc_offset_minutes = 480;  // dates are written at this offset, as the fixture format does
};

// Receives the document's text in order; false stops the export (the write failed).
using FixtureSink = std::function<bool(std::string_view)>;
// Told now and then (after each entity) how many rows are written of how many.
using FixtureProgress = std::function<void(std::int64_t done, std::int64_t total)>;

// Writes everything in `store` to `sink`, read in one snapshot; the rows written. A store
// without SQL (a test double) or a failing one is an error; so is a sink that says false.
store::StoreResult<std::int64_t> export_fixture_document(store::Engine& store,
                                                         const FixtureExportOptions& options,
                                                         const FixtureSink& sink,
                                                         const FixtureProgress& progress = {});

}  // namespace mediagate::vendors
