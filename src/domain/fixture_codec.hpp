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
//  - a JSON object with the same key twice keeps the last value (Boost.JSON's behaviour).
#pragma once

#include <string>
#include <string_view>

#include "core/expected.hpp"
#include "store/model.hpp"

namespace mediagate::domain {

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

}  // namespace mediagate::domain
