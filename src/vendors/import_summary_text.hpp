// What the modules' entities amount to in an import (vendors::ImportSummary) or a document
// (vendors::Dataset), as the CLI and the admin API tell it: the modules' part of `mediagate
// import/seed/serve --fixtures` and of POST /admin/v1/import's answer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json_writer.hpp"
#include "store/store.hpp"
#include "vendors/dataset.hpp"

namespace mediagate::vendors {

// Every kind with its count, on one line: "1 polyv accounts, 3 categories, 4 videos, ...".
std::string describe_summary(const vendors::ImportSummary& summary);

// The kinds a document's rows are counted in (rows_in), with their counts, in
// describe_summary's order.
std::vector<std::pair<std::string_view, std::int64_t>> document_counts(
    const vendors::ImportSummary& summary);

// How many rows of each kind `data` holds (as an import counts them).
vendors::ImportSummary rows_in(const vendors::Dataset& data);

// Every kind's count added up.
std::int64_t rows_total(const vendors::ImportSummary& summary);

// Adds `more`'s counts to `total`'s.
void add_summary(vendors::ImportSummary& total, const vendors::ImportSummary& more);

// The counts as JSON members, one object per module ("polyv":{"accounts":1,...},...), written
// into the object `w` is in.
void write_summary_members(core::JsonWriter& w, const vendors::ImportSummary& summary);

}  // namespace mediagate::vendors
