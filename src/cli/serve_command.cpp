#include "cli/serve_command.hpp"

#include <malloc.h>

#include <iostream>

#include "cli/app.hpp"
#include "cli/config_loader.hpp"
#include "store/store.hpp"
#include "vendors/modules.hpp"

namespace mediagate::cli {
namespace {

constexpr const char* kUsage = R"(Usage: mediagate serve [options]

Serves the vendor APIs until SIGINT or SIGTERM (in-flight requests are finished first).
With --tls-cert/--tls-key it serves HTTPS; SIGHUP reloads the certificate and key.

  --config FILE       JSON config file (unknown keys are refused)
  --listen HOST:PORT  address to listen on (default 127.0.0.1:8080)
  --store URL         sqlite:PATH (default sqlite:mediagate.db)
  --fixtures FILE     load a fixture document at start-up (repeatable; all-or-nothing each)
  --threads N         worker threads (default 2)
  --shared-state URL  memory (default) or redis://HOST:PORT[/DB]: replay and rate-limit
                      memory shared by every instance using that Redis
  --tls-cert FILE     serve HTTPS: the certificate chain (PEM; tls.cert_file)
  --tls-key FILE      and its private key (PEM, mode 0600; tls.key_file); SIGHUP reloads both
  --sandbox           sandbox mode (integrator aids; never in production)
  --set NAME=VALUE    override any setting, e.g. --set {set_example}
  --print-config      print the effective configuration as JSON and exit

Precedence: defaults < --config < MEDIAGATE_* environment < flags. Every setting's name is
its JSON path; its environment variable is MEDIAGATE_ + the name upper-cased with '.' -> '_'.
Settings:
)";

// An example for --set: switching off the first module setting that switches something
// ("SECTION.….enabled=false"), else a setting of the server's own.
std::string set_example() {
  const auto sections = vendors::config_sections();
  const auto names = core::ConfigBuilder(sections).setting_names();
  for (const auto& section : sections) {
    for (const auto& name : names) {
      if (name.starts_with(section.name + ".") && name.ends_with(".enabled")) {
        return name + "=false";
      }
    }
  }
  return "threads=4";
}

// The usage text with its example.
std::string usage_text() {
  std::string text = kUsage;
  constexpr std::string_view kPlaceholder = "{set_example}";
  text.replace(text.find(kPlaceholder), kPlaceholder.size(), set_example());
  return text;
}

}  // namespace

int run_serve(const std::vector<std::string>& args) {
  auto parsed = parse_arguments(args,
                                {"config", "listen", "store", "fixtures", "threads", "shared-state",
                                 "set", "tls-cert", "tls-key"},
                                {"help", "print-config", "sandbox"});
  if (!parsed) {
    std::cerr << "mediagate serve: " << parsed.error() << "\n" << usage_text();
    return 2;
  }
  if (parsed->has("help")) {
    std::cout << usage_text();
    for (const auto& name : core::ConfigBuilder(vendors::config_sections()).setting_names())
      std::cout << "  " << name << "\n";
    return 0;
  }
  if (!parsed->positional.empty()) {
    std::cerr << "mediagate serve: unexpected argument " << parsed->positional.front() << "\n";
    return 2;
  }
  core::ConfigBuilder builder(vendors::config_sections());
  auto config = load_config(*parsed, &builder);
  if (!config) {
    std::cerr << "mediagate serve: " << config.error() << "\n";
    return 2;
  }
  if (parsed->has("print-config")) {
    std::cout << builder.to_json() << "\n";
    return 0;
  }

  // glibc gives memory at the top of a heap back to the system as soon as more than 128 KiB is
  // free there, and a serving thread asks for it again on its next request (mprotect and
  // sysmalloc: ~3 % of a small request's CPU, docs/benchmarks.md). A server keeps up to 32 MiB.
  mallopt(M_TRIM_THRESHOLD, 32 << 20);

  AppOptions options;
  options.config = *config;
  options.handle_signals = true;
  auto app = App::create(options);
  if (!app) {
    std::cerr << "mediagate serve: " << app.error() << "\n";
    return 1;
  }
  auto started = (*app)->start();
  if (!started) {
    std::cerr << "mediagate serve: " << started.error() << "\n";
    return 1;
  }
  std::cerr << "mediagate: serving on " << config->listen << " (port " << (*app)->port()
            << "), store " << store::redact_store_url(config->store) << "\n";
  if ((*app)->admin_port() != 0) {
    std::cerr << "mediagate: admin API and console on " << config->admin.listen << " (admin port "
              << (*app)->admin_port() << "); the console is at /console/\n";
  }
  (*app)->wait();
  std::cerr << "mediagate: stopped\n";
  return 0;
}

}  // namespace mediagate::cli
