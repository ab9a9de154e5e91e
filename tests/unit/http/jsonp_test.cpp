#include "http/jsonp.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace mediagate::http
