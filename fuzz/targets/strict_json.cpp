// core::parse_strict_json: RFC 8259 text, duplicate keys refused, errors located in the text.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstddef>
#include <cstdint>

#include "core/json_strict.hpp"
#include "fuzz_check.hpp"

using namespace mediagate;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = fuzz::as_text(data, size);
  const auto parsed = core::parse_strict_json(text);
  if (parsed) {
    // What is accepted is JSON, and its serialisation is accepted again as the same value.
    const auto again = core::parse_strict_json(boost::json::serialize(*parsed));
    FUZZ_CHECK(again && *again == *parsed);
  } else {
    const auto& error = parsed.error();
    FUZZ_CHECK(!error.path.empty() && error.path.front() == '$');
    FUZZ_CHECK(!error.message.empty());
    FUZZ_CHECK(error.offset <= text.size());
    if (!error.duplicate_key && !error.out_of_range) FUZZ_CHECK(error.path == "$");
  }
  return 0;
}
