// The JSON-lines logger: each line is JSON text, hence UTF-8 whatever bytes a client sent.
#include "core/logger.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <functional>
#include <random>
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

// append_json_string finds the bytes to escape eight at a time: against the byte-by-byte rule
// (control characters, '"' and '\\' escaped, everything else as it is), on random text of every
// length around a word, with the bytes next to the escaped ones (0x1F, 0x20, '!', '#', '[', ']',
// 0x7F, 0x80, 0xFF) in it.
TEST(JsonString, AgreesWithTheByteByByteRule) {
  const auto reference = [](std::string_view text) {
    std::string out = "\"";
    for (const char ch : text) {
      const auto c = static_cast<unsigned char>(ch);
      if (c == '"') {
        out += "\\\"";
      } else if (c == '\\') {
        out += "\\\\";
      } else if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else if (c == '\t') {
        out += "\\t";
      } else if (c < 0x20) {
        out += "\\u00";
        out += "0123456789abcdef"[c >> 4];
        out += "0123456789abcdef"[c & 0x0F];
      } else {
        out += ch;
      }
    }
    return out + "\"";
  };
  static constexpr char kBytes[] = "\x00\x01\x1F\x20!\"#[\\]\x7F\x80\xFF\n\r\tab\xE4\xB8\xAD";
  const std::string bytes(kBytes, sizeof kBytes - 1);  // the leading NUL included
  std::mt19937 rng(2026);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const auto length = rng() % 40;
    for (unsigned i = 0; i < length; ++i) {
      text.push_back(rng() % 3 == 0 ? bytes[rng() % bytes.size()] : 'x');
    }
    std::string out = "prefix";
    append_json_string(out, text);
    ASSERT_EQ(out, "prefix" + reference(text)) << round;
  }
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
