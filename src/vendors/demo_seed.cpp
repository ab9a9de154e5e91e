#include "vendors/demo_seed.hpp"

namespace mediagate::vendors {
namespace {

constexpr SeedOption kSeedOptions[] = {
    {"videos", "Polyv videos", &DemoSize::videos},
    {"sessions", "Polyv live sessions, 250 per channel", &DemoSize::sessions},
    {"allocations", "Polyv group allocation records", &DemoSize::allocations},
    {"media", "Pumpkin media, 7 in 10 taken offline", &DemoSize::pumpkin_media},
    {"users", "iQiyi users", &DemoSize::iqiyi_users},
    {"accounts", "Polyv accounts", &DemoSize::accounts},
    {"groups", "Polyv groups with allocations, plus a forbidden one", &DemoSize::groups},
};

std::string joined(const std::vector<std::string>& items, std::size_t most) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < most; ++i) {
    if (i > 0) out += ", ";
    out += items[i];
  }
  if (items.size() > most) out += ", …";
  return out;
}

}  // namespace

std::span<const SeedOption> seed_options() {
  return kSeedOptions;
}

std::string_view seed_description() {
  return "Generates realistic demo data for the five APIs and writes it straight into the store: "
         "Polyv accounts (the first with fixtures/sample.json's credentials), sub-accounts, "
         "category trees, videos, channels and live sessions; Polyv groups and allocations; "
         "iQiyi partners and users; Pumpkin partners and offline media.";
}

void DemoCredentials::note(const vendors::Dataset& batch) {
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

void DemoCredentials::print(std::ostream& out) const {
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

}  // namespace mediagate::vendors
