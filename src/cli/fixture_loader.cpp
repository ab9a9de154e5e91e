#include "cli/fixture_loader.hpp"

#include <fstream>
#include <sstream>

#include "domain/fixture_codec.hpp"

namespace mediagate::cli {

core::Expected<store::ImportSummary, std::string> load_fixture_file(store::Store& store,
                                                                    const std::string& path,
                                                                    int utc_offset_minutes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::unexpected(path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  auto data = domain::parse_fixture(text.str(), utc_offset_minutes);
  if (!data) {
    return core::unexpected(path + ": " + data.error().path + ": " + data.error().message);
  }
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

}  // namespace mediagate::cli
