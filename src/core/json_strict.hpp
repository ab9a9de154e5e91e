// Strict JSON for what operators send (admin bodies, fixture documents): RFC 8259 text in
// UTF-8, no comments, no trailing commas (Boost.JSON's defaults), and no object naming the same
// key twice. RFC 8259 §4 leaves the meaning of a repeated name open and Boost.JSON keeps the
// last one, so `{"pid":"a","pid":"b"}` would be read silently as "b"; it is refused instead.
// So is a number beyond the range of a double (RFC 8259 §6), which would be read as infinity.
// Other numbers with a fraction or an exponent are read correctly rounded (std::from_chars).
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/expected.hpp"

namespace mediagate::core {

struct JsonTextError {
  std::string path;     // "$" for a syntax error; the repeated key's path, e.g. "$.videos[2].vid"
  std::string message;  // e.g. "duplicate key \"vid\"", or Boost.JSON's message for a syntax error
  std::size_t offset = 0;  // where in the text the error was found
  bool duplicate_key = false;
  // A number beyond the range of a double ("1e400"): Boost.JSON reads it as infinity, which no
  // JSON text can carry back out, so it is refused ("number out of range", at its path).
  bool out_of_range = false;
};

Expected<boost::json::value, JsonTextError> parse_strict_json(std::string_view text);

// The JSON path of `key` below `parent` as the fixture errors spell it: `$.name` for an
// identifier, `$["odd key"]` otherwise.
std::string json_path_key(std::string_view parent, std::string_view key);

}  // namespace mediagate::core
