// The decoders on the vendors' own examples (vendor-spec §1.5, §2.5, §3.5, §4.5, §5.5) and on
// what is not a vendor answer.
#include <gtest/gtest.h>

#include "vendors/iqiyi/iqiyi_client.hpp"
#include "vendors/polyv/polyv_group_client.hpp"
#include "vendors/polyv/polyv_live_client.hpp"
#include "vendors/polyv/polyv_vod_client.hpp"
#include "vendors/pumpkin/pumpkin_client.hpp"

namespace mediagate::client {
namespace {

ClientResponse answer(std::string body, unsigned status = 200) {
  ClientResponse response;
  response.status = status;
  response.headers = {{"content-type", "application/json;charset=UTF-8"}};
  response.body = std::move(body);
  return response;
}

TEST(DecodeTest, PolyvVodSeedExample) {
  const auto page = decode_video_page(answer(
      R"({"code":200,"status":"success","message":"success",
 "data":{"pageSize":20,"pageNumber":1,"totalItems":2,"contents":[
   {"vid":"b0f7041324d864436f410f581444542a_b","cataid":1,"title":"test","context":"dasdasdadasd","times":0,
    "firstImage":"http://img.videocc.net/uimage/b/b0f7041324/a/b0f7041324d864436f410f581444542a_b.jpg",
    "tag":"1","aacLink":null,"status":"61","uploaderEmail":"test1@zzs.com","ptime":1540780829403}]}})"));
  ASSERT_TRUE(page) << page.error().describe();
  EXPECT_EQ(page->page_size, 20);
  EXPECT_EQ(page->page_number, 1);
  EXPECT_EQ(page->total_items, 2);
  EXPECT_EQ(page->total_pages, 1);
  ASSERT_EQ(page->contents.size(), 1u);
  const Video expected{"b0f7041324d864436f410f581444542a_b",
                       1,
                       "test",
                       "dasdasdadasd",
                       0,
                       "http://img.videocc.net/uimage/b/b0f7041324/a/"
                       "b0f7041324d864436f410f581444542a_b.jpg",
                       "1",
                       std::nullopt,
                       "61",
                       "test1@zzs.com",
                       1540780829403};
  EXPECT_EQ(page->contents[0], expected);
}

TEST(DecodeTest, PolyvErrorEnvelopeIsAVendorErrorWithTheExactText) {
  const auto page = decode_video_page(
      answer(R"({"code":400,"status":"error","message":"the sign is not right.","data":""})", 400));
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().kind, ClientError::Kind::kVendor);
  EXPECT_EQ(page.error().code, "400");
  EXPECT_EQ(page.error().numeric_code(), 400);
  EXPECT_EQ(page.error().message, "the sign is not right.");
  EXPECT_EQ(page.error().vendor_status, "error");
  EXPECT_EQ(page.error().http_status, 400u);
  EXPECT_EQ(page.error().describe(), "vendor error 400: the sign is not right.");

  const auto forbidden = decode_session_page(
      answer(R"({"code":500,"status":"fail","message":"access forbidden","data":""})", 500));
  ASSERT_FALSE(forbidden);
  EXPECT_EQ(forbidden.error().kind, ClientError::Kind::kVendor);
  EXPECT_EQ(forbidden.error().vendor_status, "fail");
}

TEST(DecodeTest, PolyvLiveSeedExampleWithItsPaginationBlock) {
  const auto page =
      decode_session_page(answer(R"({"code":200,"status":"success","message":"","data":{
  "pageSize":10,"pageNumber":1,"totalItems":4,
  "contents":[{"sessionId":"g9lv2ghv2x","channelId":2272655,"userId":"1b448be323",
               "startTime":1652062574000,"endTime":1652062643000,"customId":null},
              {"sessionId":"live","channelId":"2272655","userId":"1b448be323",
               "startTime":1652062574001,"endTime":null,"customId":"c-1"}],
  "limit":4,"nextPageNumber":1,"startRow":1,"firstPage":true,"lastPage":true,
  "prePageNumber":1,"endRow":4,"totalPages":1,"offset":0}})"));
  ASSERT_TRUE(page) << page.error().describe();
  EXPECT_EQ(page->total_pages, 1);
  EXPECT_EQ(page->limit, 4);
  EXPECT_EQ(page->end_row, 4);
  EXPECT_TRUE(page->first_page);
  EXPECT_TRUE(page->last_page);
  ASSERT_EQ(page->contents.size(), 2u);
  EXPECT_EQ(page->contents[0],
            (LiveSession{"g9lv2ghv2x", "2272655", "1b448be323", 1652062574000, 1652062643000, {}}));
  EXPECT_EQ(page->contents[1].channel_id, "2272655");
  EXPECT_EQ(page->contents[1].end_time, std::nullopt);
  EXPECT_EQ(page->contents[1].custom_id, "c-1");
}

TEST(DecodeTest, PolyvGroupSeedExample) {
  const auto page =
      decode_allocation_page(answer(R"({"code":200,"status":"success","message":"success","data":{
  "pageNumber":1,"totalPages":11,"pageSize":1,
  "contents":[{"email":"testdata@polyv.com","date":"2019-11-18 18:21:38","origin":"ADD_CONCURRENCES",
               "originText":"添加并发数","space":null,"flow":null,"channels":null,"concurrences":970,"duration":null}],
  "totalItems":11}})"));
  ASSERT_TRUE(page) << page.error().describe();
  EXPECT_EQ(page->total_pages, 11);
  EXPECT_EQ(page->total_items, 11);
  ASSERT_EQ(page->contents.size(), 1u);
  EXPECT_EQ(page->contents[0], (Allocation{"testdata@polyv.com", "2019-11-18 18:21:38",
                                           "ADD_CONCURRENCES", "添加并发数", std::nullopt,
                                           std::nullopt, std::nullopt, 970, std::nullopt}));
}

TEST(DecodeTest, IqiyiSuccessAndErrors) {
  const auto count = decode_vod_count(
      answer(
          R"({"code":"A00000","msg":"成功","result":{"code":"A00000","message":"成功","data":{"sendGiftSize":3}}})"),
      "app_1");
  ASSERT_TRUE(count) << count.error().describe();
  EXPECT_EQ(count->send_gift_size, 3);
  EXPECT_EQ(count->message_id, "app_1");

  const auto sign = decode_vod_count(answer(R"({"code":"Q00307","msg":"签名错误"})"));
  ASSERT_FALSE(sign);
  EXPECT_EQ(sign.error().kind, ClientError::Kind::kVendor);
  EXPECT_EQ(sign.error().code, "Q00307");
  EXPECT_EQ(sign.error().message, "签名错误");
  EXPECT_EQ(sign.error().numeric_code(), std::nullopt);

  // A business failure inside a successful envelope (vendor-spec §3.6).
  const auto business = decode_vod_count(
      answer(R"({"code":"A00000","msg":"成功","result":{"code":"Q00401","message":"无可用券"}})"));
  ASSERT_FALSE(business);
  EXPECT_EQ(business.error().code, "Q00401");
  EXPECT_EQ(business.error().message, "无可用券");
}

TEST(DecodeTest, PumpkinSuccessAndErrors) {
  const auto list = decode_offline_media(answer(R"({"message":"获取成功","content":{"mediaList":[
      {"movie_name":"测试w","movie_id":"11332","delete_time":"2019-05-09 19:18:33"}],
      "total_movie_number":1,"data_generate_timestamp":"1555673163000","data_generate_time":"2019-04-19 19:26:03"},
      "status_code":200,"timestamp":"1557816111972","date":"2019-05-14 14:41:51"})"));
  ASSERT_TRUE(list) << list.error().describe();
  ASSERT_EQ(list->media.size(), 1u);
  EXPECT_EQ(list->media[0], (OfflineMedia{"11332", "测试w", "2019-05-09 19:18:33"}));
  EXPECT_EQ(list->total_movie_number, 1);
  EXPECT_EQ(list->data_generate_timestamp, "1555673163000");
  EXPECT_EQ(list->data_generate_time, "2019-04-19 19:26:03");
  EXPECT_EQ(list->timestamp, "1557816111972");
  EXPECT_EQ(list->date, "2019-05-14 14:41:51");

  const auto sign = decode_offline_media(answer(
      R"({"message":"sign不正确","content":{},"status_code":17006,"timestamp":"1","date":"x"})"));
  ASSERT_FALSE(sign);
  EXPECT_EQ(sign.error().kind, ClientError::Kind::kVendor);
  EXPECT_EQ(sign.error().numeric_code(), 17006);
  EXPECT_EQ(sign.error().message, "sign不正确");
}

TEST(DecodeTest, AnswersThatAreNotEnvelopes) {
  // A transport answer of the server (no vendor envelope): the HTTP status is the error.
  for (const unsigned status : {404u, 405u, 413u, 414u, 431u, 500u}) {
    const auto page = decode_video_page(answer("Not Found", status));
    ASSERT_FALSE(page);
    EXPECT_EQ(page.error().kind, ClientError::Kind::kHttpStatus);
    EXPECT_EQ(page.error().http_status, status);
    EXPECT_EQ(page.error().body, "Not Found");
  }
  // 200 with something else.
  for (const char* body : {"", "hello", "[]", R"({"code":"200"})", "cb({\"code\":200})",
                           R"({"status_code":200})", R"({"code":200,"status":"success"})"}) {
    const auto page = decode_video_page(answer(body));
    ASSERT_FALSE(page) << body;
    EXPECT_EQ(page.error().kind, ClientError::Kind::kMalformedResponse) << body;
  }
  EXPECT_EQ(decode_vod_count(answer(R"({"code":3})")).error().kind,
            ClientError::Kind::kMalformedResponse);
  EXPECT_EQ(decode_offline_media(answer(R"({"message":"x","status_code":"200"})")).error().kind,
            ClientError::Kind::kMalformedResponse);
}

TEST(DecodeTest, WrongFieldTypesNameTheirPath) {
  const auto page = decode_video_page(answer(
      R"({"code":200,"status":"success","message":"success","data":{"pageSize":20,"pageNumber":1,
          "totalItems":1,"contents":[{"vid":7}]}})"));
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().kind, ClientError::Kind::kMalformedResponse);
  EXPECT_EQ(page.error().message, "data.contents[0].vid: expected a string");

  const auto missing = decode_allocation_page(
      answer(R"({"code":200,"status":"success","message":"success","data":{"pageNumber":1}})"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "data.totalPages: missing");

  const auto no_data =
      decode_session_page(answer(R"({"code":200,"status":"success","message":"","data":""})"));
  ASSERT_FALSE(no_data);
  EXPECT_EQ(no_data.error().message, "data: expected an object");

  const auto fraction = decode_vod_count(
      answer(R"({"code":"A00000","msg":"成功","result":{"data":{"sendGiftSize":1.5}}})"));
  ASSERT_FALSE(fraction);
  EXPECT_EQ(fraction.error().message, "result.data.sendGiftSize: expected an integer");
}

}  // namespace
}  // namespace mediagate::client
