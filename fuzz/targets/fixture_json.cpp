// The fixture document decoder (vendors/fixture_format.hpp): every document is refused with a
// JSON path or accepted, and an accepted one exports to a document that decodes to the same
// data.
#include <cstddef>
#include <cstdint>

#include "fuzz_check.hpp"
#include "vendors/fixture_format.hpp"

using namespace mediagate;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = fuzz::as_text(data, size);
  constexpr int kOffset = 480;  // UTC+8, the vendors' zone
  const auto dataset = vendors::parse_fixture(text, kOffset);
  if (!dataset) {
    FUZZ_CHECK(!dataset.error().path.empty() && dataset.error().path.front() == '$');
    FUZZ_CHECK(!dataset.error().message.empty());
    return 0;
  }
  const std::string exported = vendors::export_fixture(*dataset, kOffset);
  const auto again = vendors::parse_fixture(exported, kOffset);
  FUZZ_CHECK(again.has_value());
  FUZZ_CHECK(vendors::export_fixture(*again, kOffset) == exported);
  return 0;
}
