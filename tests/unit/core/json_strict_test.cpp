// Strict JSON for operator input: Boost.JSON's strictness, plus no key twice in an object.
#include "core/json_strict.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <charconv>
#include <cstring>
#include <string>
#include <string_view>
#include <system_error>
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

// Found by fuzz/targets/strict_json.cpp: Boost.JSON 1.81 reads some long numbers a few units in
// the last place away from the nearest double, so the value written back out read as another
// value (an export re-imported would not be "unchanged"). Numbers are read correctly rounded.
TEST(StrictJson, NumbersAreReadCorrectlyRoundedAndSurviveARoundTrip) {
  for (const char* text : {"18446000000378446000000379224022", "1.8446000000378446e31", "0.1",
                           "-0.0", "2.2250738585072011e-308", "9007199254740993.0", "1e23", "8.5",
                           "123456789012345678901234567890"}) {
    const auto value = parse_strict_json(text);
    ASSERT_TRUE(value) << text;
    ASSERT_TRUE(value->is_double()) << text;
    const std::string_view digits(text);
    double nearest = 0;
    ASSERT_EQ(std::from_chars(digits.data(), digits.data() + digits.size(), nearest).ec,
              std::errc{})
        << text;
    const double read = value->get_double();
    EXPECT_EQ(std::memcmp(&nearest, &read, sizeof nearest), 0) << text;
    const auto again = parse_strict_json(boost::json::serialize(*value));
    ASSERT_TRUE(again) << text;
    EXPECT_EQ(*again, *value) << text;
  }
  // Inside an array, an object and beside other values, as the fuzzer found it.
  const auto found = parse_strict_json(
      R"(["\u2028\ud83d\ude00\u0000", 1e308, -0.0, 108, -0.0, 18446000000378446000000379224022])");
  ASSERT_TRUE(found);
  EXPECT_EQ(parse_strict_json(boost::json::serialize(*found)).value(), *found);
  // Integers stay integers.
  EXPECT_TRUE(parse_strict_json("-9223372036854775808")->is_int64());
  EXPECT_TRUE(parse_strict_json("18446744073709551615")->is_uint64());
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
