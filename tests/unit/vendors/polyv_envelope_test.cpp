// Polyv's success envelope around a shared page (success_page): the same status, content type
// and body bytes as success_response, the page sent as it is unless JSONP must escape it.
#include "vendors/polyv/polyv_envelope.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

namespace mediagate::vendors::polyv {
namespace {

void expect_same_answer(const std::string& data, std::string_view message,
                        const std::optional<std::string>& jsonp, bool shared) {
  const auto page = std::make_shared<const std::string>(data);
  const http::Response copied = success_response(data, message, jsonp);
  const http::Response sent = success_page(page, message, jsonp);
  EXPECT_EQ(sent.status, copied.status);
  EXPECT_EQ(sent.content_type, copied.content_type);
  EXPECT_EQ(sent.whole_body(), copied.body);
  EXPECT_EQ(sent.body_size(), copied.body.size());
  EXPECT_EQ(sent.body_parts()[1].data() == page->data(), shared) << data;
}

TEST(PolyvEnvelope, APageIsSentAsItIsInTheSameEnvelope) {
  const std::string data = R"({"pageSize":20,"contents":[{"title":"中文 “quoted”"}]})";
  expect_same_answer(data, "success", std::nullopt, true);
  expect_same_answer(data, "", std::nullopt, true);
  expect_same_answer(data, "success", std::string("cb_1"), true);
  expect_same_answer(data, "", std::string("jQuery.x"), true);
  expect_same_answer("[]", "success", std::nullopt, true);
  EXPECT_EQ(success_page(std::make_shared<const std::string>("[]"), "success").whole_body(),
            R"({"code":200,"status":"success","message":"success","data":[]})");
  EXPECT_EQ(
      success_page(std::make_shared<const std::string>("[]"), "", std::string("f")).whole_body(),
      R"(f({"code":200,"status":"success","message":"","data":[]}))");
}

TEST(PolyvEnvelope, AJsonpPageWithSomethingToEscapeIsEscapedAsBefore) {
  for (const std::string& data :
       {std::string(R"({"title":"</script>"})"), std::string("{\"t\":\"a\xE2\x80\xA8\"}"),
        std::string("{\"t\":\"a\xE2\x80\xA9\"}")}) {
    expect_same_answer(data, "success", std::string("cb"), false);
    // Without JSONP nothing is escaped: the page is sent as it is.
    expect_same_answer(data, "success", std::nullopt, true);
  }
  EXPECT_EQ(success_page(std::make_shared<const std::string>(R"("<")"), "x", std::string("f"))
                .whole_body(),
            R"(f({"code":200,"status":"success","message":"x","data":"\u003c"}))");
}

TEST(PolyvEnvelope, RenderersNameTheMessageOrNot) {
  const auto page = std::make_shared<const std::string>("{}");
  endpoint::Reply reply;
  EXPECT_EQ(render_page(page, reply).whole_body(), success_response("{}", "success").body);
  EXPECT_EQ(render_page_unnamed(page, reply).whole_body(), success_response("{}", "").body);
  reply.callback = "cb";
  EXPECT_EQ(render_page(page, reply).whole_body(), render_success("{}", reply).body);
  EXPECT_EQ(render_page_unnamed(page, reply).whole_body(),
            render_success_unnamed("{}", reply).body);
}

}  // namespace
}  // namespace mediagate::vendors::polyv
