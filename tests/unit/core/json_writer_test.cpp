#include "core/json_writer.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace mediagate::core
