// The JSON-lines logger: each line is JSON text, hence UTF-8 whatever bytes a client sent.
#include "core/logger.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <functional>
#include <string>

#include "core/clock.hpp"

namespace mediagate::core {
namespace {

std::string written(const std::function<void(Logger&)>& write) {
  std::FILE* file = std::tmpfile();
  EXPECT_NE(file, nullptr);
  {
    ManualClock clock(1'700'000'000'000);
    Logger logger(file, clock);
    write(logger);
  }
  std::rewind(file);
  std::string text;
  char chunk[4096];
  for (std::size_t n = 0; (n = std::fread(chunk, 1, sizeof chunk, file)) > 0;)
    text.append(chunk, n);
  std::fclose(file);
  return text;
}

TEST(Logger, ALineStaysValidJsonForBytesThatAreNotUtf8) {
  const std::string line = written([](Logger& logger) {
    logger.info("request \xFF", {{"path", std::string_view("/media/offl\xC8ne_sync")},
                                 {"partner", std::string_view("\xFF\xFE")},
                                 {"remote", std::string_view("127.0.0.1")},
                                 {"status", std::int64_t{404}}});
  });
  boost::system::error_code ec;
  const auto parsed = boost::json::parse(line, ec);  // Boost.JSON refuses invalid UTF-8
  ASSERT_FALSE(ec) << line;
  EXPECT_EQ(parsed.at("msg").as_string(), "request \xEF\xBF\xBD");
  EXPECT_EQ(parsed.at("path").as_string(), "/media/offl\xEF\xBF\xBDne_sync");
  EXPECT_EQ(parsed.at("partner").as_string(), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(parsed.at("remote").as_string(), "127.0.0.1");
  EXPECT_EQ(parsed.at("status").as_int64(), 404);
}

TEST(Logger, WellFormedTextIsWrittenAsItIs) {
  const std::string line = written([](Logger& logger) {
    logger.warn("\xE4\xB8\xAD", {{"quote", std::string_view("a\"b\\c\n")}});
  });
  const auto parsed = boost::json::parse(line);
  EXPECT_EQ(parsed.at("msg").as_string(), "\xE4\xB8\xAD");
  EXPECT_EQ(parsed.at("quote").as_string(), "a\"b\\c\n");
  EXPECT_NE(line.find("\xE4\xB8\xAD"), std::string::npos);  // not escaped
}

}  // namespace
}  // namespace mediagate::core
