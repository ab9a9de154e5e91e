#include "cli/config_loader.hpp"

#include "vendors/modules.hpp"

namespace mediagate::cli {

core::Expected<core::Config, std::string> load_config(const ParsedArguments& args,
                                                      core::ConfigBuilder* builder_out) {
  core::ConfigBuilder builder(vendors::config_sections());
  auto check = [](const core::Expected<core::Ok, core::ConfigError>& step)
      -> core::Expected<core::Ok, std::string> {
    if (!step) return core::unexpected(step.error().message);
    return core::Ok{};
  };
  for (const auto& path : args.all("config")) {
    if (auto r = check(builder.apply_file(path)); !r) return core::unexpected(r.error());
  }
  if (auto r = check(builder.apply_environment(core::mediagate_environment())); !r) {
    return core::unexpected(r.error());
  }
  for (const char* name : {"listen", "store", "threads"}) {
    for (const auto& value : args.all(name)) {
      if (auto r = check(builder.apply_setting(name, value, std::string("--") + name)); !r) {
        return core::unexpected(r.error());
      }
    }
  }
  for (const auto& value : args.all("shared-state")) {
    if (auto r = check(builder.apply_setting("shared_state.url", value, "--shared-state")); !r) {
      return core::unexpected(r.error());
    }
  }
  for (const auto& [flag, name] :
       {std::pair<const char*, const char*>{"tls-cert", "tls.cert_file"},
        std::pair<const char*, const char*>{"tls-key", "tls.key_file"}}) {
    for (const auto& value : args.all(flag)) {
      if (auto r = check(builder.apply_setting(name, value, std::string("--") + flag)); !r) {
        return core::unexpected(r.error());
      }
    }
  }
  const auto fixtures = args.all("fixtures");
  if (!fixtures.empty()) {
    std::string joined;
    for (const auto& path : fixtures) joined += (joined.empty() ? "" : ",") + path;
    if (auto r = check(builder.apply_setting("fixtures", joined, "--fixtures")); !r) {
      return core::unexpected(r.error());
    }
  }
  if (args.has("sandbox")) {
    if (auto r = check(builder.apply_setting("sandbox", "true", "--sandbox")); !r) {
      return core::unexpected(r.error());
    }
  }
  for (const auto& assignment : args.all("set")) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos) return core::unexpected("--set expects NAME=VALUE");
    if (auto r = check(
            builder.apply_setting(assignment.substr(0, eq), assignment.substr(eq + 1), "--set"));
        !r) {
      return core::unexpected(r.error());
    }
  }
  auto config = builder.build();
  if (!config) return core::unexpected(config.error().message);
  if (builder_out != nullptr) *builder_out = builder;
  return *config;
}

}  // namespace mediagate::cli
