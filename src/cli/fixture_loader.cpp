#include "cli/fixture_loader.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/expected.hpp"
#include "vendors/dataset_writes.hpp"
#include "vendors/fixture_format.hpp"
#include "vendors/import_summary_text.hpp"

namespace mediagate::cli {

core::Expected<vendors::ImportSummary, std::string> load_fixture_file(
    store::Store& store, const std::string& path, int utc_offset_minutes,
    vendors::ImportSummary* in_document) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::unexpected(path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  MG_TRY(const auto data, vendors::parse_fixture(text.str(), utc_offset_minutes)
                              .transform_error([&](const fixtures::FixtureError& error) {
                                return path + ": " + error.path + ": " + error.message;
                              }));
  if (in_document != nullptr) *in_document = vendors::rows_in(data);
  return vendors::import_dataset(store, data)
      .transform_error(core::prefix_message(path + ": import failed: "));
}

namespace {

// "2 videos, 1 channels": the kinds with a count above 0.
std::string nonzero(const std::vector<std::pair<std::string_view, std::int64_t>>& counts) {
  std::string out;
  for (const auto& [name, count] : counts) {
    if (count <= 0) continue;
    if (!out.empty()) out += ", ";
    out += std::to_string(count) + " ";
    out += name;
  }
  return out;
}

}  // namespace

std::string describe_import(const vendors::ImportSummary& changed,
                            const vendors::ImportSummary& in_document) {
  const auto done = vendors::document_counts(changed);
  auto same = vendors::document_counts(in_document);
  for (std::size_t i = 0; i < same.size(); ++i) {
    same[i].second = std::max<std::int64_t>(0, same[i].second - done[i].second);
  }
  const std::string imported = nonzero(done);
  const std::string unchanged = nonzero(same);
  if (imported.empty() && unchanged.empty()) return "an empty document, nothing imported";
  std::string out = imported.empty() ? "nothing changed" : "imported " + imported;
  if (!unchanged.empty()) out += "; unchanged: " + unchanged;
  return out;
}

}  // namespace mediagate::cli
