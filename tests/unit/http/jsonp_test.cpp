#include "http/jsonp.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

namespace mediagate::http {
namespace {

TEST(JsonpTest, AcceptsValidCallbackNames) {
  for (const char* name : {"cb", "_", "$", "jQuery123_456", "a.b.c", "$jsonp.cb_1", "A", "x$"}) {
    EXPECT_TRUE(is_valid_jsonp_callback(name)) << name;
  }
}

TEST(JsonpTest, RefusesInvalidCallbackNames) {
  for (const char* name : {"", "1abc", ".a", "a-b", "a b", "a(b", "a)", "alert(1)//", "a;b", "a\"b",
                           "a<b", "a\nb", "\xE4\xB8\xAD", "a\xE4\xB8\xAD", "[a]"}) {
    EXPECT_FALSE(is_valid_jsonp_callback(name)) << name;
  }
  EXPECT_FALSE(is_valid_jsonp_callback(std::string("a\0b", 3)));
}

TEST(JsonpTest, LengthLimitIs64) {
  EXPECT_TRUE(is_valid_jsonp_callback(std::string(64, 'a')));
  EXPECT_FALSE(is_valid_jsonp_callback(std::string(65, 'a')));
  EXPECT_TRUE(is_valid_jsonp_callback("_" + std::string(63, '9')));
  EXPECT_FALSE(is_valid_jsonp_callback("_" + std::string(64, '9')));
}

TEST(JsonpTest, Wraps) {
  EXPECT_EQ(wrap_jsonp("cb", R"({"a":1})"), R"(cb({"a":1}))");
  EXPECT_EQ(wrap_jsonp("jQuery.x", "[]"), "jQuery.x([])");
  EXPECT_EQ(kJsonpContentType, "application/javascript;charset=UTF-8");
}

TEST(JsonpTest, EscapesWhatEndsAScriptOrALineInJavaScript) {
  // U+2028 and U+2029 end a line in JavaScript before ES2019; "</script>" (and "<!--") end or
  // change an inline script. Each is escaped inside the JSON strings, which stay equal.
  const std::string json =
      "{\"t\":\"a\xE2\x80\xA8"
      "b\xE2\x80\xA9"
      "c</script><!--\"}";
  const std::string wrapped = wrap_jsonp("cb", json);
  EXPECT_EQ(wrapped, R"(cb({"t":"a\u2028b\u2029c\u003c/script>\u003c!--"}))");
  const std::string inner = wrapped.substr(3, wrapped.size() - 4);
  EXPECT_EQ(boost::json::parse(inner), boost::json::parse(json));
  // Other characters, U+2027 and U+202A around them included, are left as they are.
  const std::string others = "{\"t\":\"\xE2\x80\xA7\xE2\x80\xAA\xE4\xB8\xAD>\"}";
  EXPECT_EQ(wrap_jsonp("f", others), "f(" + others + ")");
}

TEST(JsonpTest, TellsWhetherWrappingEscapesAnything) {
  for (const std::string& json : {std::string(R"({"a":"b"})"),
                                  std::string("{\"t\":\"\xE2\x80\xA7\xE2\x80\xAA\xE4\xB8\xAD>\"}"),
                                  std::string("\xE2\x80"), std::string("\xE2"), std::string()}) {
    EXPECT_FALSE(needs_jsonp_escapes(json)) << json;
    EXPECT_EQ(wrap_jsonp("cb", json), "cb(" + json + ")") << json;
  }
  for (const std::string& json :
       {std::string(R"({"a":"<"})"), std::string("<"), std::string("\xE2\x80\xA8"),
        std::string("{\"t\":\"\xE2\x80\xA7\xE2\x80\xA9\"}"), std::string("\xE2\xE2\x80\xA8")}) {
    EXPECT_TRUE(needs_jsonp_escapes(json)) << json;
    EXPECT_NE(wrap_jsonp("cb", json), "cb(" + json + ")") << json;
  }
}

}  // namespace
}  // namespace mediagate::http
