// The modules' part of `mediagate seed` (vendors/demo_generator.hpp generates the data): the
// options sizing each module's data, what the data is, and the credentials an operator needs
// to call the seeded APIs.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"
#include "vendors/demo_generator.hpp"

namespace mediagate::vendors {

// One `mediagate seed --FLAG N` option: a count of DemoSize (whose default is the
// option's).
struct SeedOption {
  std::string_view flag;  // without "--"
  std::string_view help;  // what is counted
  std::int64_t DemoSize::*count;
};

// In the order `mediagate seed --help` lists them.
std::span<const SeedOption> seed_options();

// What the generated data is, for `mediagate seed --help`: one paragraph, unwrapped.
std::string_view seed_description();

// Collects, batch by batch, every credential and a few ids, then prints them.
class DemoCredentials {
 public:
  void note(const vendors::Dataset& batch);
  void print(std::ostream& out) const;

 private:
  struct AccountNote {
    vendors::polyv::PolyvAccountKeys keys;
    std::vector<std::string> sub_accounts;
    std::vector<std::string> channels;
  };
  std::vector<AccountNote> accounts_;
  std::vector<vendors::polyv::PolyvGroup> groups_;
  std::set<std::string> group_names_;
  std::vector<vendors::iqiyi::IqiyiPartner> iqiyi_;
  std::set<std::string> iqiyi_names_;
  std::map<std::string, std::string> iqiyi_examples_;
  std::vector<vendors::pumpkin::PumpkinPartner> pumpkin_;
};

}  // namespace mediagate::vendors
