#include "cli/command_line.hpp"

namespace mediagate::cli {

std::vector<std::string> ParsedArguments::all(const std::string& name) const {
  std::vector<std::string> values;
  const auto [begin, end] = flags.equal_range(name);
  for (auto it = begin; it != end; ++it) values.push_back(it->second);
  return values;
}

core::Expected<ParsedArguments, std::string> parse_arguments(
    const std::vector<std::string>& args, const std::set<std::string>& with_value,
    const std::set<std::string>& switches) {
  ParsedArguments parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("--", 0) != 0 || arg == "--") {
      parsed.positional.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::string value;
    bool inline_value = false;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    if (switches.count(name) > 0) {
      if (inline_value) return core::unexpected("--" + name + " takes no value");
      parsed.flags.emplace(name, "");
    } else if (with_value.count(name) > 0) {
      if (!inline_value) {
        if (i + 1 >= args.size()) return core::unexpected("--" + name + " needs a value");
        value = args[++i];
      }
      parsed.flags.emplace(name, value);
    } else {
      return core::unexpected("unknown option --" + name);
    }
  }
  return parsed;
}

}  // namespace mediagate::cli
