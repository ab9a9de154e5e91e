#include "cli/import_command.hpp"

#include <iostream>

#include "cli/config_loader.hpp"
#include "cli/fixture_loader.hpp"
#include "cli/load_upkeep.hpp"
#include "store/store.hpp"
#include "vendors/import_summary_text.hpp"
#include "vendors/open_store.hpp"

namespace mediagate::cli {
namespace {

constexpr const char* kUsage =
    R"(Usage: mediagate import FILE... [--store URL] [--config FILE] [--set NAME=VALUE]...

Validates each fixture document (../shared/spec/fixtures.md format) and upserts it into the
store in one transaction per file: a file with any error changes nothing. Re-importing the
same ids updates them. Prints, per file, the rows it inserted or changed ("imported ...") and
the rows the store already held as the file has them ("unchanged: ..."): importing the same
file twice says "nothing changed". `mediagate export` writes such a document from a store.
After 1000 rows or more written, PostgreSQL's tables are vacuumed and analyzed at once, not
by its autovacuum under traffic a minute later.

  --store URL       sqlite:PATH or postgresql://... (default from config, else
                    sqlite:mediagate.db)
  --config FILE     JSON config file (for store and utc_offset_minutes)
  --set NAME=VALUE  override one setting
)";

}  // namespace

int run_import(const std::vector<std::string>& args) {
  auto parsed = parse_arguments(args, {"store", "config", "set"}, {"help"});
  if (!parsed) {
    std::cerr << "mediagate import: " << parsed.error() << "\n" << kUsage;
    return 2;
  }
  if (parsed->has("help")) {
    std::cout << kUsage;
    return 0;
  }
  if (parsed->positional.empty()) {
    std::cerr << "mediagate import: no fixture file given\n" << kUsage;
    return 2;
  }
  auto config = load_config(*parsed);
  if (!config) {
    std::cerr << "mediagate import: " << config.error() << "\n";
    return 2;
  }
  auto store = vendors::open_store(config->store, store::store_options(*config));
  if (!store) {
    std::cerr << "mediagate import: " << store.error().message << "\n";
    return 1;
  }
  std::int64_t written = 0;
  for (const auto& path : parsed->positional) {
    vendors::ImportSummary in_document;
    auto summary = load_fixture_file(**store, path, static_cast<int>(config->utc_offset_minutes),
                                     &in_document);
    if (!summary) {
      std::cerr << "mediagate import: " << summary.error() << "\n";
      upkeep_after_load(**store, written, "import", std::cerr);  // for the files before it
      return 1;
    }
    written += vendors::rows_total(*summary);
    std::cout << path << ": " << describe_import(*summary, in_document) << "\n";
  }
  upkeep_after_load(**store, written, "import", std::cerr);
  return 0;
}

}  // namespace mediagate::cli
