// Reads fixture files and imports them into a store, reporting errors with the file and the
// JSON path. Shared by `mediagate import` and `mediagate serve --fixtures`.
#pragma once

#include <string>

#include "core/expected.hpp"
#include "store/store.hpp"
#include "vendors/dataset.hpp"

namespace mediagate::cli {

// What the import changed (inserted or updated rows); `in_document`, when given, receives how
// many rows of each kind the document holds.
core::Expected<vendors::ImportSummary, std::string> load_fixture_file(
    store::Store& store, const std::string& path, int utc_offset_minutes,
    vendors::ImportSummary* in_document = nullptr);

// An import's counts on one line, and a document's rows: vendors/import_summary_text.hpp.

// What `mediagate import` says of one file: the rows it changed and the rows already as the
// document has them, e.g. "imported 2 videos; unchanged: 3 categories, 198 videos", or
// "nothing changed; unchanged: ..." when importing the same file again.
std::string describe_import(const vendors::ImportSummary& changed,
                            const vendors::ImportSummary& in_document);

}  // namespace mediagate::cli
