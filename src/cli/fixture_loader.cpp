#include "cli/fixture_loader.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "vendors/fixture_format.hpp"

namespace mediagate::cli {

core::Expected<store::ImportSummary, std::string> load_fixture_file(
    store::Store& store, const std::string& path, int utc_offset_minutes,
    store::ImportSummary* in_document) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::unexpected(path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  auto data = vendors::parse_fixture(text.str(), utc_offset_minutes);
  if (!data) {
    return core::unexpected(path + ": " + data.error().path + ": " + data.error().message);
  }
  if (in_document != nullptr) *in_document = rows_in(*data);
  auto summary = store.import(*data);
  if (!summary) return core::unexpected(path + ": import failed: " + summary.error().message);
  return *summary;
}

std::string describe(const store::ImportSummary& s) {
  std::ostringstream out;
  out << s.polyv_accounts << " polyv accounts, " << s.categories << " categories, " << s.videos
      << " videos, " << s.channels << " channels, " << s.sessions << " sessions, " << s.polyv_groups
      << " groups, " << s.allocations << " allocations, " << s.iqiyi_partners << " iqiyi partners, "
      << s.iqiyi_users << " iqiyi users, " << s.iqiyi_coupon_uses << " iqiyi coupon uses, "
      << s.pumpkin_partners << " pumpkin partners, " << s.pumpkin_media << " pumpkin media";
  return out.str();
}

store::ImportSummary rows_in(const store::Dataset& data) {
  store::ImportSummary n;
  n.polyv_accounts = static_cast<std::int64_t>(data.polyv_accounts.size());
  for (const auto& account : data.polyv_accounts) {
    n.categories += static_cast<std::int64_t>(account.categories.size());
    n.videos += static_cast<std::int64_t>(account.videos.size());
    n.channels += static_cast<std::int64_t>(account.channels.size());
    for (const auto& channel : account.channels) {
      n.sessions += static_cast<std::int64_t>(channel.sessions.size());
    }
  }
  n.polyv_groups = static_cast<std::int64_t>(data.polyv_groups.size());
  for (const auto& group : data.polyv_groups) {
    n.allocations += static_cast<std::int64_t>(group.allocations.size());
  }
  n.iqiyi_partners = static_cast<std::int64_t>(data.iqiyi_partners.size());
  for (const auto& partner : data.iqiyi_partners) {
    n.iqiyi_users += static_cast<std::int64_t>(partner.users.size());
  }
  n.pumpkin_partners = static_cast<std::int64_t>(data.pumpkin_partners.size());
  n.pumpkin_media = static_cast<std::int64_t>(data.pumpkin_media.size());
  return n;
}

namespace {

// The kinds with their counts, in describe()'s order.
std::vector<std::pair<const char*, std::int64_t>> kinds(const store::ImportSummary& s) {
  return {{"polyv accounts", s.polyv_accounts},
          {"categories", s.categories},
          {"videos", s.videos},
          {"channels", s.channels},
          {"sessions", s.sessions},
          {"groups", s.polyv_groups},
          {"allocations", s.allocations},
          {"iqiyi partners", s.iqiyi_partners},
          {"iqiyi users", s.iqiyi_users},
          {"pumpkin partners", s.pumpkin_partners},
          {"pumpkin media", s.pumpkin_media}};
}

// "2 videos, 1 channels": the kinds with a count above 0.
std::string nonzero(const std::vector<std::pair<const char*, std::int64_t>>& counts) {
  std::string out;
  for (const auto& [name, count] : counts) {
    if (count <= 0) continue;
    if (!out.empty()) out += ", ";
    out += std::to_string(count) + " " + name;
  }
  return out;
}

}  // namespace

std::string describe_import(const store::ImportSummary& changed,
                            const store::ImportSummary& in_document) {
  const auto done = kinds(changed);
  auto same = kinds(in_document);
  for (std::size_t i = 0; i < same.size(); ++i) {
    same[i].second = std::max<std::int64_t>(0, same[i].second - done[i].second);
  }
  const std::string imported = nonzero(done);
  const std::string unchanged = nonzero(same);
  if (imported.empty() && unchanged.empty()) return "an empty document, nothing imported";
  std::string out = imported.empty() ? "nothing changed" : "imported " + imported;
  if (!unchanged.empty()) out += "; unchanged: " + unchanged;
  return out;
}

}  // namespace mediagate::cli
