#include "cli/seed_command.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/config_loader.hpp"
#include "cli/fixture_loader.hpp"
#include "cli/load_upkeep.hpp"
#include "cli/vendor_names.hpp"
#include "core/civil_time.hpp"
#include "core/clock.hpp"
#include "core/numbers.hpp"
#include "store/store.hpp"
#include "vendors/dataset_writes.hpp"
#include "vendors/demo_generator.hpp"
#include "vendors/demo_seed.hpp"
#include "vendors/import_summary_text.hpp"
#include "vendors/open_store.hpp"

namespace mediagate::cli {
namespace {

// The usage text; {size_flags}, {description} and {size_options} come from the modules
// (vendors::seed_options(), vendors::seed_description()).
constexpr const char* kUsage =
    R"({size_flags}                     [--anchor "yyyy-MM-dd HH:mm:ss" | --now] [--batch N]
                     [--config FILE] [--set NAME=VALUE]...

{description}Ids already in the store are updated; nothing else is removed.

  --store URL        sqlite:PATH or postgresql://... (default from config, else
                     sqlite:mediagate.db)
{size_options}  --seed S           the random seed, a non-negative integer (default 1)
  --anchor TIME      the end of the generated timeline, at utc_offset_minutes
                     (default "2026-01-01 00:00:00" UTC+8): ptimes cover the 3 years before
                     it, sessions the year before it (some still live), media deletions
                     up to 3 years before it
  --now              anchor the timeline at the current time instead (not reproducible)
  --batch N          rows generated and imported per transaction (default 50000)
  --config FILE      JSON config file (for store and utc_offset_minutes)
  --set NAME=VALUE   override one setting

A progress bar is drawn on stderr when it is a terminal. The summary and the demo
credentials are printed on stdout. After 1000 rows or more written, PostgreSQL's tables are
vacuumed and analyzed at once, not by its autovacuum under traffic a minute later.
)";

std::string usage_text() {
  constexpr std::size_t kOptionColumn = 21;
  std::string flags;
  std::string options;
  const vendors::DemoSize defaults;
  for (const auto& option : vendors::seed_options()) {
    flags += "[--" + std::string(option.flag) + " N] ";
    std::string head = "  --" + std::string(option.flag) + " N";
    head.append(head.size() + 1 < kOptionColumn ? kOptionColumn - head.size() : 1, ' ');
    options += head + std::string(option.help) + " (default " +
               std::to_string(defaults.*option.count) + ")\n";
  }
  flags += "[--seed S]";
  return with_parts(
      kUsage,
      {{"{size_flags}", wrapped("Usage: mediagate seed [--store URL] ", flags, kOptionColumn)},
       {"{description}", wrapped("",
                                 std::string(vendors::seed_description()) +
                                     " The same options always give the same data.",
                                 0)},
       {"{size_options}", options}});
}

// A non-negative integer flag into `out`; false (with a message) if malformed.
bool read_count(const ParsedArguments& parsed, const std::string& name, std::int64_t& out,
                std::string& error) {
  const auto values = parsed.all(name);
  if (values.empty()) return true;
  const auto value = core::parse_digits(values.back());
  if (!value) {
    error = "--" + name + " expects a non-negative integer, not '" + values.back() + "'";
    return false;
  }
  out = *value;
  return true;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string fixed1(double value) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(1);
  out << value;
  return out.str();
}

// "[########------------]  40%  400000/1000000 rows  videos  12.3 s", redrawn in place.
void draw_progress(const vendors::DemoGenerator& generator, double elapsed) {
  constexpr std::int64_t kWidth = 30;
  const std::int64_t done = generator.rows_done();
  const std::int64_t total = generator.rows_total();
  const std::int64_t filled = total == 0 ? kWidth : done * kWidth / total;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.append(static_cast<std::size_t>(kWidth - filled), '-');
  const std::int64_t percent = total == 0 ? 100 : done * 100 / total;
  const char* stream = done >= total ? "done" : vendors::demo_stream_name(generator.stream());
  std::cerr << "\r\033[K[" << bar << "] " << percent << "%  " << done << "/" << total << " rows  "
            << stream << "  " << fixed1(elapsed) << " s" << std::flush;
}

}  // namespace

int run_seed(const std::vector<std::string>& args) {
  std::set<std::string> valued{"store", "config", "set", "seed", "anchor", "batch"};
  for (const auto& option : vendors::seed_options()) valued.emplace(option.flag);
  auto parsed = parse_arguments(args, valued, {"help", "now"});
  if (!parsed) {
    std::cerr << "mediagate seed: " << parsed.error() << "\n" << usage_text();
    return 2;
  }
  if (parsed->has("help")) {
    std::cout << usage_text();
    return 0;
  }
  if (!parsed->positional.empty()) {
    std::cerr << "mediagate seed: unexpected argument '" << parsed->positional.front() << "'\n"
              << usage_text();
    return 2;
  }
  auto config = load_config(*parsed);
  if (!config) {
    std::cerr << "mediagate seed: " << config.error() << "\n";
    return 2;
  }
  const int offset = static_cast<int>(config->utc_offset_minutes);

  vendors::DemoOptions options;
  auto& size = options.size;
  std::int64_t seed = 1;
  std::string error;
  bool counts_read = true;
  for (const auto& option : vendors::seed_options()) {
    counts_read =
        counts_read && read_count(*parsed, std::string(option.flag), size.*option.count, error);
  }
  if (!counts_read || !read_count(*parsed, "seed", seed, error) ||
      !read_count(*parsed, "batch", options.batch_rows, error)) {
    std::cerr << "mediagate seed: " << error << "\n";
    return 2;
  }
  options.seed = static_cast<std::uint64_t>(seed);
  if (parsed->has("now") && parsed->has("anchor")) {
    std::cerr << "mediagate seed: --now and --anchor exclude each other\n";
    return 2;
  }
  if (parsed->has("anchor")) {
    const auto text = parsed->all("anchor").back();
    const auto anchor = core::parse_wall_time(text, offset);
    if (!anchor) {
      std::cerr << "mediagate seed: --anchor expects \"yyyy-MM-dd HH:mm:ss\", not '" << text
                << "'\n";
      return 2;
    }
    options.anchor = *anchor;
  }
  if (parsed->has("now")) options.anchor = core::SystemClock().now_ms() / 1000 * 1000;
  if (auto problem = vendors::check_demo_options(options)) {
    std::cerr << "mediagate seed: " << *problem << "\n";
    return 2;
  }

  auto store = vendors::open_store(config->store, store::store_options(*config));
  if (!store) {
    std::cerr << "mediagate seed: " << store.error().message << "\n";
    return 1;
  }
  const bool progress = isatty(STDERR_FILENO) == 1;
  const auto start = std::chrono::steady_clock::now();
  vendors::DemoGenerator generator(options);
  vendors::DemoCredentials credentials;
  vendors::ImportSummary total;
  std::int64_t kept = 0;  // rows of the batches imported so far
  if (progress) draw_progress(generator, 0);
  while (auto batch = generator.next()) {
    credentials.note(*batch);
    auto summary = vendors::import_dataset(*(*store), *batch);
    if (!summary) {
      if (progress) std::cerr << "\n";
      std::cerr << "mediagate seed: import failed after " << kept << " of "
                << generator.rows_total() << " rows (those are kept): " << summary.error().message
                << "\n";
      upkeep_after_load(**store, vendors::rows_total(total), "seed", std::cerr);  // for those
      return 1;
    }
    kept = generator.rows_done();
    vendors::add_summary(total, *summary);
    if (progress) draw_progress(generator, seconds_since(start));
  }
  if (progress) std::cerr << "\n";
  upkeep_after_load(**store, vendors::rows_total(total), "seed", std::cerr);

  std::cout << "seeded " << store::redact_store_url(config->store) << " in "
            << fixed1(seconds_since(start)) << " s (seed " << options.seed << ", anchor "
            << core::format_wall_time(options.anchor, offset)
            << "): " << vendors::describe_summary(total) << " written\n";
  credentials.print(std::cout);
  return 0;
}

}  // namespace mediagate::cli
