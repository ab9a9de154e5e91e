// Reads fixture files and imports them into a store, reporting errors with the file and the
// JSON path. Shared by `mediagate import` and `mediagate serve --fixtures`.
#pragma once

#include <string>

#include "core/expected.hpp"
#include "store/store.hpp"

namespace mediagate::cli {

core::Expected<store::ImportSummary, std::string> load_fixture_file(store::Store& store,
                                                                    const std::string& path,
                                                                    int utc_offset_minutes);

std::string describe(const store::ImportSummary& summary);

}  // namespace mediagate::cli
