#include "cli/seed_command.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "cli/config_loader.hpp"
#include "cli/fixture_loader.hpp"
#include "core/civil_time.hpp"
#include "core/clock.hpp"
#include "core/numbers.hpp"
#include "store/store.hpp"
#include "vendors/demo_generator.hpp"

namespace mediagate::cli {
namespace {

constexpr const char* kUsage =
    R"(Usage: mediagate seed [--store URL] [--videos N] [--sessions N] [--allocations N]
                     [--media N] [--users N] [--accounts N] [--groups N] [--seed S]
                     [--anchor "yyyy-MM-dd HH:mm:ss" | --now] [--batch N]
                     [--config FILE] [--set NAME=VALUE]...

Generates realistic demo data for the five APIs and writes it straight into the store:
Polyv accounts (the first with fixtures/sample.json's credentials), sub-accounts, category
trees, videos, channels and live sessions; Polyv groups and allocations; iQiyi partners and
users; Pumpkin partners and offline media. The same options always give the same data.
Ids already in the store are updated; nothing else is removed.

  --store URL        sqlite:PATH (default from config, else sqlite:mediagate.db)
  --videos N         Polyv videos (default 10000)
  --sessions N       Polyv live sessions, 250 per channel (default 10000)
  --allocations N    Polyv group allocation records (default 10000)
  --media N          Pumpkin media, 7 in 10 taken offline (default 10000)
  --users N          iQiyi users (default 10000)
  --accounts N       Polyv accounts (default 4)
  --groups N         Polyv groups with allocations, plus a forbidden one (default 3)
  --seed S           the random seed, a non-negative integer (default 1)
  --anchor TIME      the end of the generated timeline, at utc_offset_minutes
                     (default "2026-01-01 00:00:00" UTC+8): ptimes cover the 3 years before
                     it, sessions the year before it (some still live), media deletions
                     up to 3 years before it
  --now              anchor the timeline at the current time instead (not reproducible)
  --batch N          rows generated and imported per transaction (default 50000)
  --config FILE      JSON config file (for store and utc_offset_minutes)
  --set NAME=VALUE   override one setting

A progress bar is drawn on stderr when it is a terminal. The summary and the demo
credentials are printed on stdout.
)";

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

void add(store::ImportSummary& total, const store::ImportSummary& s) {
  total.polyv_accounts += s.polyv_accounts;
  total.videos += s.videos;
  total.categories += s.categories;
  total.channels += s.channels;
  total.sessions += s.sessions;
  total.polyv_groups += s.polyv_groups;
  total.allocations += s.allocations;
  total.iqiyi_partners += s.iqiyi_partners;
  total.iqiyi_users += s.iqiyi_users;
  total.iqiyi_coupon_uses += s.iqiyi_coupon_uses;
  total.pumpkin_partners += s.pumpkin_partners;
  total.pumpkin_media += s.pumpkin_media;
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

std::string joined(const std::vector<std::string>& items, std::size_t most) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < most; ++i) {
    if (i > 0) out += ", ";
    out += items[i];
  }
  if (items.size() > most) out += ", …";
  return out;
}

// What an operator needs to call the seeded APIs: every credential, and a few ids.
class Credentials {
 public:
  void note(const store::Dataset& batch) {
    for (const auto& account : batch.polyv_accounts) {
      if (account.categories.empty()) continue;  // only the skeleton's copy has them
      AccountNote note{account.keys, account.sub_accounts, {}};
      for (const auto& channel : account.channels) note.channels.push_back(channel.channel_id);
      accounts_.push_back(std::move(note));
    }
    for (const auto& group : batch.polyv_groups) {
      if (group_names_.insert(group.keys.app_id).second) {
        groups_.push_back({group.keys, group.sub_accounts, {}});
      }
    }
    for (const auto& partner : batch.iqiyi_partners) {
      auto& example = iqiyi_examples_[partner.partner_code];
      if (example.empty() && !partner.users.empty()) {
        example = partner.users.front().user_id + " (" + partner.users.front().area + ")";
      }
      if (iqiyi_names_.insert(partner.partner_code).second) {
        iqiyi_.push_back({partner.partner_code, partner.md5_key, {}});
      }
    }
    for (const auto& partner : batch.pumpkin_partners) pumpkin_.push_back(partner);
  }

  void print(std::ostream& out) const {
    out << "Polyv accounts (VOD userid secretkey | live appId appSecret):\n";
    for (const auto& a : accounts_) {
      out << "  " << a.keys.user_id << " " << a.keys.secret_key << " | " << a.keys.app_id << " "
          << a.keys.app_secret << "\n    owner " << a.keys.email << "; " << a.sub_accounts.size()
          << " sub-accounts: " << joined(a.sub_accounts, 3) << "\n";
      if (!a.channels.empty()) {
        out << "    channels (" << a.channels.size() << "): " << joined(a.channels, 5) << "\n";
      }
    }
    out << "Polyv groups (appId appSecret):\n";
    for (const auto& g : groups_) {
      out << "  " << g.keys.app_id << " " << g.keys.app_secret;
      if (g.keys.forbidden) {
        out << " (forbidden)\n";
      } else {
        out << "; " << g.sub_accounts.size() << " sub-accounts: " << joined(g.sub_accounts, 3)
            << "\n";
      }
    }
    out << "iQiyi partners (partnerCode md5Key):\n";
    for (const auto& p : iqiyi_) {
      out << "  " << p.partner_code << " " << p.md5_key;
      const auto example = iqiyi_examples_.find(p.partner_code);
      if (example != iqiyi_examples_.end() && !example->second.empty()) {
        out << "; e.g. user " << example->second;
      }
      out << "\n";
    }
    out << "Pumpkin partners (pid accessSecret):\n";
    for (const auto& p : pumpkin_) {
      out << "  " << p.pid << " " << p.access_secret;
      if (p.actions.empty()) out << " (no actions allowed)";
      out << "\n";
    }
  }

 private:
  struct AccountNote {
    store::PolyvAccountKeys keys;
    std::vector<std::string> sub_accounts;
    std::vector<std::string> channels;
  };
  std::vector<AccountNote> accounts_;
  std::vector<store::PolyvGroup> groups_;
  std::set<std::string> group_names_;
  std::vector<store::IqiyiPartner> iqiyi_;
  std::set<std::string> iqiyi_names_;
  std::map<std::string, std::string> iqiyi_examples_;
  std::vector<store::PumpkinPartner> pumpkin_;
};

}  // namespace

int run_seed(const std::vector<std::string>& args) {
  auto parsed = parse_arguments(args,
                                {"store", "config", "set", "videos", "sessions", "allocations",
                                 "media", "users", "accounts", "groups", "seed", "anchor", "batch"},
                                {"help", "now"});
  if (!parsed) {
    std::cerr << "mediagate seed: " << parsed.error() << "\n" << kUsage;
    return 2;
  }
  if (parsed->has("help")) {
    std::cout << kUsage;
    return 0;
  }
  if (!parsed->positional.empty()) {
    std::cerr << "mediagate seed: unexpected argument '" << parsed->positional.front() << "'\n"
              << kUsage;
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
  if (!read_count(*parsed, "videos", size.videos, error) ||
      !read_count(*parsed, "sessions", size.sessions, error) ||
      !read_count(*parsed, "allocations", size.allocations, error) ||
      !read_count(*parsed, "media", size.pumpkin_media, error) ||
      !read_count(*parsed, "users", size.iqiyi_users, error) ||
      !read_count(*parsed, "accounts", size.accounts, error) ||
      !read_count(*parsed, "groups", size.groups, error) ||
      !read_count(*parsed, "seed", seed, error) ||
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

  auto store = store::open_store(config->store, store::store_options(*config));
  if (!store) {
    std::cerr << "mediagate seed: " << store.error().message << "\n";
    return 1;
  }
  const bool progress = isatty(STDERR_FILENO) == 1;
  const auto start = std::chrono::steady_clock::now();
  vendors::DemoGenerator generator(options);
  Credentials credentials;
  store::ImportSummary total;
  std::int64_t kept = 0;  // rows of the batches imported so far
  if (progress) draw_progress(generator, 0);
  while (auto batch = generator.next()) {
    credentials.note(*batch);
    auto summary = (*store)->import(*batch);
    if (!summary) {
      if (progress) std::cerr << "\n";
      std::cerr << "mediagate seed: import failed after " << kept << " of "
                << generator.rows_total() << " rows (those are kept): " << summary.error().message
                << "\n";
      return 1;
    }
    kept = generator.rows_done();
    add(total, *summary);
    if (progress) draw_progress(generator, seconds_since(start));
  }
  if (progress) std::cerr << "\n";

  std::cout << "seeded " << store::redact_store_url(config->store) << " in "
            << fixed1(seconds_since(start)) << " s (seed " << options.seed << ", anchor "
            << core::format_wall_time(options.anchor, offset) << "): " << describe(total)
            << " written\n";
  credentials.print(std::cout);
  return 0;
}

}  // namespace mediagate::cli
