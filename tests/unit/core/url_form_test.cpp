#include "core/url_form.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/params.hpp"

namespace mediagate::core {
namespace {

TEST(DecodeForm, PlusIsSpaceAndEscapesAreBytes) {
  const auto fields = decode_form("startDate=2022-04-01+00%3A00%3A00&name=%E4%B8%AD");
  ASSERT_TRUE(fields);
  ASSERT_EQ(fields->size(), 2u);
  EXPECT_EQ((*fields)[0].second, "2022-04-01 00:00:00");
  EXPECT_EQ((*fields)[1].second, "\xE4\xB8\xAD");
}

TEST(DecodeForm, EmptySegmentsSkippedAndBareNamesHaveEmptyValues) {
  const auto fields = decode_form("&a=1&&b&c=");
  ASSERT_TRUE(fields);
  ASSERT_EQ(fields->size(), 3u);
  EXPECT_EQ((*fields)[1], (std::pair<std::string, std::string>{"b", ""}));
  EXPECT_EQ((*fields)[2].second, "");
}

TEST(DecodeForm, ValueMayContainEquals) {
  const auto fields = decode_form("sign=abc%3D=");
  ASSERT_TRUE(fields);
  EXPECT_EQ((*fields)[0].second, "abc==");
}

TEST(DecodeForm, BadPercentEncodingIsReported) {
  for (const char* bad : {"a=%", "a=%4", "a=%G1", "a=%%31", "%zz=1", "a=1%"}) {
    const auto fields = decode_form(bad);
    ASSERT_FALSE(fields) << bad;
    EXPECT_EQ(fields.error(), FormError::kBadPercentEncoding) << bad;
  }
}

TEST(DecodeForm, InvalidUtf8IsReported) {
  for (const char* bad : {"a=%FF", "a=%C0%AF", "a=%ED%A0%80", "a=%E4%B8", "%F4%90%80%80=x"}) {
    const auto fields = decode_form(bad);
    ASSERT_FALSE(fields) << bad;
    EXPECT_EQ(fields.error(), FormError::kInvalidUtf8) << bad;
  }
}

TEST(Utf8, AcceptsEveryWellFormedLength) {
  EXPECT_TRUE(is_valid_utf8("a"));
  EXPECT_TRUE(is_valid_utf8("\xC2\xA9"));
  EXPECT_TRUE(is_valid_utf8("\xE4\xB8\xAD"));
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));
  EXPECT_FALSE(is_valid_utf8("\x80"));
  EXPECT_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));
}

TEST(Utf8, ReplacesEachByteThatBeginsNoWellFormedSequence) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(replace_invalid_utf8("abc \xE4\xB8\xAD"), "abc \xE4\xB8\xAD");
  EXPECT_EQ(replace_invalid_utf8("offl\xC8ne"), "offl" + fffd + "ne");
  EXPECT_EQ(replace_invalid_utf8("\xFF\xFE"), fffd + fffd);
  EXPECT_EQ(replace_invalid_utf8("\xE4\xB8"), fffd + fffd);             // cut short
  EXPECT_EQ(replace_invalid_utf8("\xC0\xAF"), fffd + fffd);             // overlong '/'
  EXPECT_EQ(replace_invalid_utf8("\xED\xA0\x80"), fffd + fffd + fffd);  // a surrogate
  EXPECT_EQ(replace_invalid_utf8(std::string("a\0b", 3)), std::string("a\0b", 3));
  for (const char* text : {"\x80", "\xC8", "x\xF4\x90\x80\x80", "\xE4\xB8\xAD\xE4"}) {
    EXPECT_TRUE(is_valid_utf8(replace_invalid_utf8(text))) << text;
  }
}

TEST(Encode, FormAndRfc3986Differ) {
  EXPECT_EQ(encode_form_component("a b*~/中"), "a+b%2A~%2F%E4%B8%AD");
  EXPECT_EQ(rfc3986_encode("a b*~/中"), "a%20b%2A~%2F%E4%B8%AD");
  std::string appended = "x=";
  append_rfc3986(appended, "a b*~/中");
  append_rfc3986(appended, "");
  append_rfc3986(appended, "%");
  EXPECT_EQ(appended, "x=a%20b%2A~%2F%E4%B8%AD%25");
}

// append_rfc3986 and append_rfc3986_twice (sized once, written in place) against the
// byte-by-byte rule they implement, over random bytes appended to a random prefix.
TEST(Encode, AppendRfc3986IsTheByteByByteRule) {
  std::mt19937 rng(20261207);
  const auto reference = [](std::string_view raw) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : raw) {
      const auto c = static_cast<unsigned char>(ch);
      const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                              (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
                              c == '~';
      if (unreserved) {
        out.push_back(ch);
      } else {
        out += '%';
        out += kHex[c >> 4];
        out += kHex[c & 0x0F];
      }
    }
    return out;
  };
  for (int round = 0; round < 2000; ++round) {
    std::string prefix(rng() % 5, 'p');
    std::string raw;
    const auto length = rng() % 40;
    for (unsigned i = 0; i < length; ++i) raw.push_back(static_cast<char>(rng() % 256));
    std::string appended = prefix;
    append_rfc3986(appended, raw);
    EXPECT_EQ(appended, prefix + reference(raw)) << round;
    std::string twice = prefix;
    append_rfc3986_twice(twice, raw);
    EXPECT_EQ(twice, prefix + reference(reference(raw))) << round;
  }
}

TEST(Encode, RoundTripsRandomBytesThatAreUtf8) {
  std::mt19937 rng(12345);
  for (int round = 0; round < 500; ++round) {
    std::string raw;
    const auto length = rng() % 12;
    for (unsigned i = 0; i < length; ++i) {
      // whole code points only, so that every generated string is valid UTF-8
      const std::vector<std::string> pieces = {"a", "Z", "0", "-",  "_",  ".",
                                               "~", " ", "+", "&",  "=",  "%",
                                               "/", "?", "#", "中", "文", "\xF0\x9F\x98\x80"};
      raw += pieces[rng() % pieces.size()];
    }
    const auto decoded = decode_form_component(encode_form_component(raw));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, raw);
  }
}

// Two decodings agree: both succeed with the same text or fields, or fail with the same error.
template <class Value>
void expect_same(const Expected<Value, FormError>& got, const Expected<Value, FormError>& want,
                 std::string_view input) {
  ASSERT_EQ(got.has_value(), want.has_value()) << input;
  if (got) {
    ASSERT_EQ(*got, *want) << input;
  } else {
    ASSERT_EQ(got.error(), want.error()) << input;
  }
}

// The plain reading of the rule for one component (each '+' a space, each %XX a byte, then the
// whole must be UTF-8), for the tests below.
Expected<std::string, FormError> reference_component(std::string_view encoded) {
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] == '+') {
      out.push_back(' ');
    } else if (encoded[i] == '%') {
      if (i + 2 >= encoded.size()) return unexpected(FormError::kBadPercentEncoding);
      const std::string hex(encoded.substr(i + 1, 2));
      if (hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
        return unexpected(FormError::kBadPercentEncoding);
      }
      out.push_back(static_cast<char>(std::stoi(hex, nullptr, 16)));
      i += 2;
    } else {
      out.push_back(encoded[i]);
    }
  }
  if (!is_valid_utf8(out)) return unexpected(FormError::kInvalidUtf8);
  return out;
}

// The decoder against the plain reading of the rule (each '+' a space, each %XX a byte, then
// the whole must be UTF-8), on random text made of the bytes that matter: escapes good and
// bad, pluses, ASCII and bytes above 0x7F, raw or escaped.
TEST(DecodeForm, ComponentAgreesWithByteByByteDecoding) {
  const std::vector<std::string> pieces = {
      "a",   "Z",  "9",  "+",    "%",    "%4",   "%41",          "%e4",  "%B8", "%AD",
      "%zz", "%8", "中", "\xE4", "\xB8", "\xAD", "%F0%9F%98%80", "\xFF", "%00", " "};
  std::mt19937 rng(1206);
  for (int round = 0; round < 5000; ++round) {
    std::string encoded;
    const auto length = rng() % 10;
    for (unsigned i = 0; i < length; ++i) encoded += pieces[rng() % pieces.size()];
    const auto got = decode_form_component(encoded);
    const auto want = reference_component(encoded);
    ASSERT_NO_FATAL_FAILURE(expect_same(got, want, encoded));
  }
}

// The form rule read plainly: split on '&', skip empty segments, split each on its first '=',
// decode the name, then the value, stopping at the first error.
Expected<FormFields, FormError> reference_form(std::string_view encoded) {
  FormFields fields;
  std::size_t start = 0;
  while (start <= encoded.size()) {
    auto amp = encoded.find('&', start);
    if (amp == std::string_view::npos) amp = encoded.size();
    const auto segment = encoded.substr(start, amp - start);
    start = amp + 1;
    if (segment.empty()) continue;
    const auto eq = segment.find('=');
    auto name = reference_component(segment.substr(0, eq));
    if (!name) return unexpected(name.error());
    auto value = reference_component(eq == std::string_view::npos ? std::string_view{}
                                                                  : segment.substr(eq + 1));
    if (!value) return unexpected(value.error());
    fields.emplace_back(std::move(*name), std::move(*value));
  }
  return fields;
}

// Random text from the pieces that matter to the word-at-a-time decoder: the separators, escapes
// good and bad, pluses, long plain runs (longer than a word), raw and escaped bytes above 0x7F
// that are or are not UTF-8.
std::string random_form_text(std::mt19937& rng, unsigned max_pieces) {
  static const std::vector<std::string> kPieces = {
      "a",      "Z9",  "&",    "=",  "+",   "%",    "%4",   "%41",      "%e4",
      "%B8",    "%AD", "%zz",  "%8", "中",  "\xE4", "\xB8", "\xAD",     "\xFF",
      "%00",    " ",   "&&",   "==", "%26", "%3D",  "%2B",  "abcdefgh", "0123456789ab",
      "%C3%A9", "é",   "\x7F", "%%", "\x01"};
  std::string text;
  const auto length = rng() % (max_pieces + 1);
  for (unsigned i = 0; i < length; ++i) text += kPieces[rng() % kPieces.size()];
  return text;
}

// decode_form (word-at-a-time, one pass, decoding into the fields in place) against the plain
// reading of the rule, error kinds included, on random text of every length around a word.
TEST(DecodeForm, AgreesWithSplittingThenDecodingEachComponent) {
  std::mt19937 rng(20261207);
  for (int round = 0; round < 20000; ++round) {
    const std::string encoded = random_form_text(rng, round % 2 == 0 ? 6 : 24);
    const auto got = decode_form(encoded);
    const auto want = reference_form(encoded);
    ASSERT_NO_FATAL_FAILURE(expect_same(got, want, encoded));
  }
}

// A component decoded alone: '&' and '=' are text there, and an error is the first one met (a
// malformed escape anywhere outranks text that is not UTF-8).
TEST(DecodeForm, ComponentAloneAgreesWithTheReferenceOnLongText) {
  std::mt19937 rng(1207);
  for (int round = 0; round < 20000; ++round) {
    const std::string encoded = random_form_text(rng, round % 2 == 0 ? 5 : 30);
    const auto got = decode_form_component(encoded);
    const auto want = reference_component(encoded);
    ASSERT_NO_FATAL_FAILURE(expect_same(got, want, encoded));
  }
  // The cases that tell "the first error" from "either error".
  EXPECT_EQ(decode_form_component("%FF&%zz").error(), FormError::kBadPercentEncoding);
  EXPECT_EQ(decode_form("a=%FF%zz").error(), FormError::kBadPercentEncoding);
  EXPECT_EQ(decode_form("a=%FF&b=%zz").error(), FormError::kInvalidUtf8);
  EXPECT_EQ(decode_form("%FF=%zz").error(), FormError::kInvalidUtf8);
}

// Every prefix of a query, each in a buffer of its own that ends right after it: the decoder
// reads whole words, never past the text (an address-sanitized build, -DMEDIAGATE_SANITIZE=ON,
// would see it), and finds the same fields whatever the text's length modulo a word.
TEST(DecodeForm, EveryLengthAroundAWord) {
  const std::string query = "pid=TEST_PID&signature_nonce=bench_1-2-3&action=%2Fmedia%2Fsync&x=+";
  for (std::size_t length = 0; length <= query.size(); ++length) {
    const auto buffer = std::make_unique<char[]>(length);  // NOLINT(*-avoid-c-arrays)
    std::copy_n(query.data(), length, buffer.get());
    const std::string_view prefix(buffer.get(), length);
    const auto got = decode_form(prefix);
    const auto want = reference_form(prefix);
    ASSERT_NO_FATAL_FAILURE(expect_same(got, want, prefix));
  }
}

TEST(Params, DuplicateNamesAreRefused) {
  const auto params = parse_params("a=1&b=2&a=3");
  ASSERT_FALSE(params);
  EXPECT_EQ(params.error().kind, ParamError::Kind::kDuplicateName);
  EXPECT_EQ(params.error().name, "a");
}

TEST(Params, SortedByteOrder) {
  const auto params = parse_params("user_id=1&partnerCode=2&page=3&pageSize=4&Z=5");
  ASSERT_TRUE(params);
  std::string order;
  for (const auto& [name, value] : *params) order += name + ",";
  EXPECT_EQ(order, "Z,page,pageSize,partnerCode,user_id,");
}

TEST(PercentDecode, KeepsPlusAndRefusesBadEscapes) {
  EXPECT_EQ(percent_decode("a+b%20c%2Bd%e4%B8%ad"), "a+b c+d\xE4\xB8\xAD");
  EXPECT_EQ(percent_decode(""), "");
  for (const char* bad : {"%", "%4", "%G0", "a%2", "%%41"}) {
    EXPECT_FALSE(percent_decode(bad)) << bad;
  }
}

TEST(UrlForm, FormContentType) {
  EXPECT_TRUE(is_form_content_type("application/x-www-form-urlencoded"));
  EXPECT_TRUE(is_form_content_type("application/x-www-form-urlencoded;charset=UTF-8"));
  EXPECT_TRUE(is_form_content_type("APPLICATION/X-WWW-FORM-URLENCODED ; charset=gbk"));
  EXPECT_TRUE(is_form_content_type(" application/x-www-form-urlencoded\t"));
  EXPECT_FALSE(is_form_content_type(""));
  EXPECT_FALSE(is_form_content_type("application/json"));
  EXPECT_FALSE(is_form_content_type("application/x-www-form-urlencoded2"));
  EXPECT_FALSE(is_form_content_type("multipart/form-data; boundary=x"));
  EXPECT_FALSE(is_form_content_type(";application/x-www-form-urlencoded"));
}

}  // namespace
}  // namespace mediagate::core
