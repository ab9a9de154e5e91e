// The mediagate binary: one subcommand per file (serve_command, import_command, ...).
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/call_command.hpp"
#include "cli/cert_command.hpp"
#include "cli/export_command.hpp"
#include "cli/import_command.hpp"
#include "cli/seed_command.hpp"
#include "cli/serve_command.hpp"
#include "cli/sign_command.hpp"
#include "vendors/modules.hpp"

namespace {

constexpr const char* kUsage = R"(Usage: mediagate COMMAND [options]

Commands:
  serve    serve the vendor APIs ({apis})
  import   validate fixture documents and load them into a store
  export   write the whole store as one fixture document (what import reads)
  seed     generate deterministic demo data of any size into a store
  sign     print a vendor signature: canonical string, string signed, signature
  call     sign a request with the client SDK, send it, print the response
  cert     make a local CA and a server certificate for HTTPS (development, sandbox)
  help     show this text

Run `mediagate COMMAND --help` for a command's options.
)";

// The usage text, naming the APIs the vendor modules serve.
std::string usage_text() {
  std::string text = kUsage;
  constexpr std::string_view kPlaceholder = "{apis}";
  text.replace(text.find(kPlaceholder), kPlaceholder.size(), mediagate::vendors::served_apis());
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> all(argv + 1, argv + argc);
  if (all.empty()) {
    std::cerr << usage_text();
    return 2;
  }
  const std::string& command = all.front();
  const std::vector<std::string> rest(all.begin() + 1, all.end());
  if (command == "serve") return mediagate::cli::run_serve(rest);
  if (command == "import") return mediagate::cli::run_import(rest);
  if (command == "export") return mediagate::cli::run_export(rest);
  if (command == "seed") return mediagate::cli::run_seed(rest);
  if (command == "sign") return mediagate::cli::run_sign(rest);
  if (command == "call") return mediagate::cli::run_call(rest);
  if (command == "cert") return mediagate::cli::run_cert(rest);
  if (command == "help" || command == "--help" || command == "-h") {
    std::cout << usage_text();
    return 0;
  }
  std::cerr << "mediagate: unknown command '" << command << "'\n" << usage_text();
  return 2;
}
