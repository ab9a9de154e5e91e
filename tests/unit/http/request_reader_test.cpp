#include "http/request_reader.hpp"

#include <gtest/gtest.h>

#include <string_view>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>

namespace mediagate::http {
namespace {

namespace bhttp = boost::beast::http;

void append(boost::beast::flat_buffer& buffer, std::string_view bytes) {
  const auto room = buffer.prepare(bytes.size());
  boost::asio::buffer_copy(room, boost::asio::buffer(bytes.data(), bytes.size()));
  buffer.commit(bytes.size());
}

std::string_view held(const boost::beast::flat_buffer& buffer) {
  return {static_cast<const char*>(buffer.data().data()), buffer.size()};
}

TEST(ParseBuffered, AnEmptyBufferAsksForARead) {
  RequestParser parser;
  boost::beast::flat_buffer buffer;
  EXPECT_FALSE(parse_buffered(parser, buffer, false).has_value());
  EXPECT_FALSE(parser.got_some());
}

TEST(ParseBuffered, AHeaderInTheBufferIsParsedAndWhatFollowsStays) {
  RequestParser parser;
  boost::beast::flat_buffer buffer;
  append(buffer, "GET /a?b=1 HTTP/1.1\r\nHost: x\r\n\r\nGET /next");
  const auto parsed = parse_buffered(parser, buffer, false);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_FALSE(*parsed);
  EXPECT_TRUE(parser.is_done());
  EXPECT_EQ(parser.get().target(), "/a?b=1");
  EXPECT_EQ(held(buffer), "GET /next");
}

TEST(ParseBuffered, APartialHeaderAsksForAReadAndKeepsWhatTheParserLeft) {
  RequestParser parser;
  boost::beast::flat_buffer buffer;
  append(buffer, "GET / HTTP/1.1\r\nHo");
  EXPECT_FALSE(parse_buffered(parser, buffer, false).has_value());
  EXPECT_TRUE(parser.got_some());
  EXPECT_FALSE(parser.is_header_done());
  EXPECT_EQ(held(buffer), "Ho");  // the parser took the request line, the field waits
  append(buffer, "st: x\r\n\r\n");
  const auto parsed = parse_buffered(parser, buffer, false);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_FALSE(*parsed);
  EXPECT_EQ(parser.get()[bhttp::field::host], "x");
  EXPECT_EQ(buffer.size(), 0U);
}

TEST(ParseBuffered, TheHeaderAloneLeavesTheBodyForTheWholeMessage) {
  RequestParser parser;
  boost::beast::flat_buffer buffer;
  append(buffer, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nab");
  const auto header = parse_buffered(parser, buffer, false);
  ASSERT_TRUE(header.has_value());
  EXPECT_FALSE(*header);
  EXPECT_TRUE(parser.is_header_done());
  EXPECT_FALSE(parser.is_done());
  EXPECT_EQ(held(buffer), "ab");
  EXPECT_FALSE(parse_buffered(parser, buffer, true).has_value());  // 4 bytes missing
  append(buffer, "cdef");
  const auto whole = parse_buffered(parser, buffer, true);
  ASSERT_TRUE(whole.has_value());
  EXPECT_FALSE(*whole);
  EXPECT_EQ(parser.get().body(), "abcdef");
}

TEST(ParseBuffered, AMalformedRequestIsTheParsersError) {
  RequestParser parser;
  boost::beast::flat_buffer buffer;
  append(buffer, "GET / HTTP/1.1\r\nBad Header\r\n\r\n");
  const auto parsed = parse_buffered(parser, buffer, false);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(*parsed, bhttp::error::bad_field);
}

TEST(ParseBuffered, AHeaderOverTheLimitIsHeaderLimit) {
  RequestParser parser;
  parser.header_limit(16);
  boost::beast::flat_buffer buffer;
  append(buffer, "GET /a-rather-long-target HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto parsed = parse_buffered(parser, buffer, false);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(*parsed, bhttp::error::header_limit);
}

}  // namespace
}  // namespace mediagate::http
