#include "core/json_writer.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace mediagate::core {
namespace {

TEST(JsonWriter, KeepsOrderAndEscapes) {
  JsonWriter w;
  w.begin_object()
      .field("code", 200)
      .field("message", "a\"b\\c\n中")
      .key("data")
      .begin_array()
      .value(std::int64_t{1540780829403})
      .null()
      .value(true)
      .begin_object()
      .end_object()
      .end_array()
      .field("aacLink", std::optional<std::string>{})
      .end_object();
  EXPECT_EQ(
      w.str(),
      R"({"code":200,"message":"a\"b\\c\n中","data":[1540780829403,null,true,{}],"aacLink":null})");
}

TEST(JsonWriter, ControlCharactersAreEscaped) {
  JsonWriter w;
  w.value(std::string_view("\x01\x1f", 2));
  EXPECT_EQ(w.str(), R"("\u0001\u001f")");
}

// Escapes at the start, the end and side by side, between runs of plain text (escaping
// appends the plain runs whole).
TEST(JsonWriter, EscapesAnywhereInTheText) {
  JsonWriter w;
  w.begin_array()
      .value("\"start")
      .value("end\\")
      .value("\r\t")
      .value("a\tb\"c中\x7f")
      .value("")
      .value(std::string_view("x\0y", 3))
      .end_array();
  EXPECT_EQ(w.str(), R"(["\"start","end\\","\r\t","a\tb\"c中","","x\u0000y"])");
}

TEST(JsonWriter, Int64Extremes) {
  JsonWriter w;
  w.begin_array()
      .value(std::numeric_limits<std::int64_t>::min())
      .value(std::int64_t{0})
      .value(std::numeric_limits<std::int64_t>::max())
      .end_array();
  EXPECT_EQ(w.str(), "[-9223372036854775808,0,9223372036854775807]");
}

}  // namespace
}  // namespace mediagate::core
