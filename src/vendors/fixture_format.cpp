#include "vendors/fixture_format.hpp"

#include <array>

#include "vendors/iqiyi/iqiyi_fixture.hpp"
#include "vendors/polyv/polyv_fixture.hpp"
#include "vendors/pumpkin/pumpkin_fixture.hpp"

namespace mediagate::vendors {

std::span<const fixtures::FixtureSection<Dataset>> fixture_sections() {
  static const std::array<fixtures::FixtureSection<Dataset>, 3> kSections = {
      polyv::fixture_section(),
      iqiyi::fixture_section(),
      pumpkin::fixture_section(),
  };
  return kSections;
}

core::Expected<vendors::Dataset, fixtures::FixtureError> parse_fixture(std::string_view json_text,
                                                                       int utc_offset_minutes) {
  return fixtures::parse_document(json_text, utc_offset_minutes, fixture_sections());
}

std::string export_fixture(const vendors::Dataset& data, int utc_offset_minutes) {
  return fixtures::write_document(data, utc_offset_minutes, fixture_sections());
}

}  // namespace mediagate::vendors
