#include "cli/config_loader.hpp"

#include "core/error.hpp"
#include "core/expected.hpp"
#include "vendors/modules.hpp"

namespace mediagate::cli {

namespace {

// The settings from the files, the environment and the flags, in that order, the first refusal
// stopping them.
core::Expected<core::Config, core::ConfigError> build_config(const ParsedArguments& args,
                                                             core::ConfigBuilder& builder) {
  for (const auto& path : args.all("config")) {
    MG_TRY_VOID(builder.apply_file(path));
  }
  MG_TRY_VOID(builder.apply_environment(core::mediagate_environment()));
  for (const char* name : {"listen", "store", "threads"}) {
    for (const auto& value : args.all(name)) {
      MG_TRY_VOID(builder.apply_setting(name, value, std::string("--") + name));
    }
  }
  for (const auto& value : args.all("shared-state")) {
    MG_TRY_VOID(builder.apply_setting("shared_state.url", value, "--shared-state"));
  }
  for (const auto& [flag, name] :
       {std::pair<const char*, const char*>{"tls-cert", "tls.cert_file"},
        std::pair<const char*, const char*>{"tls-key", "tls.key_file"}}) {
    for (const auto& value : args.all(flag)) {
      MG_TRY_VOID(builder.apply_setting(name, value, std::string("--") + flag));
    }
  }
  const auto fixtures = args.all("fixtures");
  if (!fixtures.empty()) {
    std::string joined;
    for (const auto& path : fixtures) joined += (joined.empty() ? "" : ",") + path;
    MG_TRY_VOID(builder.apply_setting("fixtures", joined, "--fixtures"));
  }
  if (args.has("sandbox")) {
    MG_TRY_VOID(builder.apply_setting("sandbox", "true", "--sandbox"));
  }
  for (const auto& assignment : args.all("set")) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos) {
      return core::unexpected(core::ConfigError::config("--set expects NAME=VALUE"));
    }
    MG_TRY_VOID(
        builder.apply_setting(assignment.substr(0, eq), assignment.substr(eq + 1), "--set"));
  }
  return builder.build();
}

}  // namespace

core::Expected<core::Config, std::string> load_config(const ParsedArguments& args,
                                                      core::ConfigBuilder* builder_out) {
  core::ConfigBuilder builder(vendors::config_sections());
  auto config = build_config(args, builder);
  if (config && builder_out != nullptr) *builder_out = builder;
  return std::move(config).transform_error(
      [](core::ConfigError error) { return std::move(error.message); });
}

}  // namespace mediagate::cli
