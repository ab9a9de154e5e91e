// Strict JSON for operator input: Boost.JSON's strictness, plus no key twice in an object.
#include "core/json_strict.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <utility>

namespace mediagate::core {
namespace {

TEST(StrictJson, ParsesWhatBoostJsonParses) {
  const auto value = parse_strict_json(R"({"a":[1,{"b":null,"c":"\u4e2d"}],"d":{"a":1}})");
  ASSERT_TRUE(value);
  EXPECT_EQ(*value, boost::json::parse(R"({"a":[1,{"b":null,"c":"中"}],"d":{"a":1}})"));
  // The same key in different objects is fine.
  EXPECT_TRUE(parse_strict_json(R"([{"k":1},{"k":2},{"k":{"k":3}}])"));
}

TEST(StrictJson, ARepeatedKeyIsRefusedWithItsPath) {
  struct Case {
    const char* text;
    const char* path;
  };
  for (const auto& [text, path] :
       {Case{R"({"a":1,"a":2})", "$.a"}, Case{R"({"x":{"y":[0,{"z":1,"z":1}]}})", "$.x.y[1].z"},
        Case{R"([[],[{"odd key":1,"odd key":2}]])", R"($[1][0]["odd key"])"},
        Case{R"({"\u0061":1,"a":2})", "$.a"}}) {
    const auto result = parse_strict_json(text);
    ASSERT_FALSE(result) << text;
    EXPECT_TRUE(result.error().duplicate_key) << text;
    EXPECT_EQ(result.error().path, path) << text;
  }
  EXPECT_EQ(parse_strict_json(R"({"a":1,"a":2})").error().message, R"(duplicate key "a")");
}

// Found by fuzz/targets/strict_json.cpp: a number beyond the range of a double was read as
// infinity, which serialises as `Infinity` (not JSON), so an accepted value could not be
// written back. RFC 8259 §6 leaves such numbers to the implementation: refused, with a path.
TEST(StrictJson, ANumberBeyondTheRangeOfADoubleIsRefusedWithItsPath) {
  for (const auto& [text, path] : {std::pair{"1e316", "$"}, std::pair{"[0, -1e400]", "$[1]"},
                                   std::pair{R"({"a":{"b":[1E999]}})", "$.a.b[0]"}}) {
    const auto result = parse_strict_json(text);
    ASSERT_FALSE(result) << text;
    EXPECT_TRUE(result.error().out_of_range) << text;
    EXPECT_FALSE(result.error().duplicate_key) << text;
    EXPECT_EQ(result.error().path, path) << text;
    EXPECT_EQ(result.error().message, "number out of range") << text;
  }
  // Large but finite numbers, and integers beyond 64 bits (read as doubles), are kept.
  for (const char* text : {"1e308", "-1.7976931348623157e308", "184467440737095510616", "1e-400"}) {
    EXPECT_TRUE(parse_strict_json(text)) << text;
  }
}

TEST(StrictJson, SyntaxErrorsAreReportedAtTheRoot) {
  for (const char* text : {"", "{", R"({"a":1,})", "// c\n{}", "{\"a\":\"\xFF\"}", "[1] [2]"}) {
    const auto result = parse_strict_json(text);
    ASSERT_FALSE(result) << text;
    EXPECT_FALSE(result.error().duplicate_key) << text;
    EXPECT_EQ(result.error().path, "$") << text;
    EXPECT_FALSE(result.error().message.empty()) << text;
  }
}

TEST(StrictJson, PathKeysAreSpelledLikeTheFixtureErrors) {
  EXPECT_EQ(json_path_key("$", "pid"), "$.pid");
  EXPECT_EQ(json_path_key("$.a", "_x9"), "$.a._x9");
  EXPECT_EQ(json_path_key("$", "9x"), R"($["9x"])");
  EXPECT_EQ(json_path_key("$", ""), R"($[""])");
  EXPECT_EQ(json_path_key("$", "a\"b"), R"($["a\"b"])");
}

}  // namespace
}  // namespace mediagate::core
