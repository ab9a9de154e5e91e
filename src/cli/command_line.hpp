// A small, strict command-line reader: --name value, --name=value, repeated flags, positional
// arguments. Unknown flags are errors; nothing is guessed.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/expected.hpp"

namespace mediagate::cli {

struct ParsedArguments {
  std::multimap<std::string, std::string> flags;  // name without "--" -> value ("" for switches)
  std::vector<std::string> positional;

  bool has(const std::string& name) const { return flags.count(name) > 0; }
  std::vector<std::string> all(const std::string& name) const;
};

// `with_value` flags take a value; `switches` take none. Anything else starting with "--" is
// an error naming the flag.
core::Expected<ParsedArguments, std::string> parse_arguments(
    const std::vector<std::string>& args, const std::set<std::string>& with_value,
    const std::set<std::string>& switches);

}  // namespace mediagate::cli
