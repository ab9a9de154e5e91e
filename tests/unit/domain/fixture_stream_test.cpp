// FixtureStreamWriter lays a document out byte for byte as export_fixture() does, however the
// document is cut into pieces: containers opened and closed one by one, or given whole.
#include "domain/fixture_stream.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "domain/fixture_codec.hpp"

namespace mediagate::domain {
namespace {

namespace json = boost::json;

// Feeds `value` to `w` under `key`: containers at depth < `whole_from` member by member, deeper
// ones whole (as one compact value).
void feed(FixtureStreamWriter& w, std::string_view key, const json::value& value, int depth,
          int whole_from) {
  if (depth >= whole_from || !(value.is_object() || value.is_array())) {
    w.value(key, json::serialize(value));
    return;
  }
  if (value.is_object()) {
    w.begin_object(key);
    for (const auto& member : value.as_object()) {
      feed(w, member.key(), member.value(), depth + 1, whole_from);
    }
  } else {
    w.begin_array(key);
    for (const auto& item : value.as_array()) feed(w, {}, item, depth + 1, whole_from);
  }
  w.end();
}

std::string streamed(const json::value& document, int whole_from) {
  std::string out;
  FixtureStreamWriter w([&out](std::string_view text) { out += text; });
  feed(w, {}, document, 0, whole_from);
  EXPECT_EQ(w.depth(), 0u);
  return out;
}

std::string expected(const json::value& document) {
  return layout_fixture_value(json::serialize(document), 0) + "\n";
}

TEST(FixtureStreamWriter, TheSampleFixturesAsExportFixtureLaysThemOut) {
  std::ifstream in(std::string(MEDIAGATE_SOURCE_DIR) + "/fixtures/sample.json");
  std::ostringstream text;
  text << in.rdbuf();
  auto data = parse_fixture(text.str(), 480);
  ASSERT_TRUE(data);
  const std::string document = export_fixture(*data, 480);
  const auto parsed = json::parse(document);
  for (int whole_from = 1; whole_from <= 8; ++whole_from) {
    EXPECT_EQ(streamed(parsed, whole_from), document) << "whole from depth " << whole_from;
  }
}

TEST(FixtureStreamWriter, EmptyAndFlatContainersStayOnOneLine) {
  for (const char* text : {
           R"({})",
           R"([])",
           R"({"a":[],"b":{}})",
           R"({"a":[1,2],"b":"x, y: z"})",
           R"({"a":[[]],"b":[{}]})",
           R"({"a":[[1]],"b":[]})",
           R"([{"k":[]},{"k":["v"]},{"k":[]}])",
           R"({"x":{"y":{"z":[{"deep":[1,{"deeper":[]}]}]}},"after":1})",
           R"({"s":"with \"quotes\", commas: and [brackets]","t":[]})",
       }) {
    const auto value = json::parse(text);
    for (int whole_from = 1; whole_from <= 6; ++whole_from) {
      EXPECT_EQ(streamed(value, whole_from), expected(value)) << text << " / " << whole_from;
    }
  }
}

}  // namespace
}  // namespace mediagate::domain
