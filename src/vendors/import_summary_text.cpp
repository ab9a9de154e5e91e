#include "vendors/import_summary_text.hpp"

#include <sstream>

namespace mediagate::vendors {

std::string describe_summary(const vendors::ImportSummary& s) {
  std::ostringstream out;
  out << s.polyv_accounts << " polyv accounts, " << s.categories << " categories, " << s.videos
      << " videos, " << s.channels << " channels, " << s.sessions << " sessions, " << s.polyv_groups
      << " groups, " << s.allocations << " allocations, " << s.iqiyi_partners << " iqiyi partners, "
      << s.iqiyi_users << " iqiyi users, " << s.iqiyi_coupon_uses << " iqiyi coupon uses, "
      << s.pumpkin_partners << " pumpkin partners, " << s.pumpkin_media << " pumpkin media";
  return out.str();
}

std::vector<std::pair<std::string_view, std::int64_t>> document_counts(
    const vendors::ImportSummary& s) {
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

vendors::ImportSummary rows_in(const vendors::Dataset& data) {
  vendors::ImportSummary n;
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

std::int64_t rows_total(const vendors::ImportSummary& s) {
  return s.polyv_accounts + s.videos + s.categories + s.channels + s.sessions + s.polyv_groups +
         s.allocations + s.iqiyi_partners + s.iqiyi_users + s.iqiyi_coupon_uses +
         s.pumpkin_partners + s.pumpkin_media;
}

void add_summary(vendors::ImportSummary& total, const vendors::ImportSummary& s) {
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

void write_summary_members(core::JsonWriter& w, const vendors::ImportSummary& s) {
  w.key("polyv")
      .begin_object()
      .field("accounts", s.polyv_accounts)
      .field("categories", s.categories)
      .field("videos", s.videos)
      .field("channels", s.channels)
      .field("sessions", s.sessions)
      .field("groups", s.polyv_groups)
      .field("allocations", s.allocations)
      .end_object();
  w.key("iqiyi")
      .begin_object()
      .field("partners", s.iqiyi_partners)
      .field("users", s.iqiyi_users)
      .field("couponUses", s.iqiyi_coupon_uses)
      .end_object();
  w.key("pumpkin")
      .begin_object()
      .field("partners", s.pumpkin_partners)
      .field("media", s.pumpkin_media)
      .end_object();
}

}  // namespace mediagate::vendors
