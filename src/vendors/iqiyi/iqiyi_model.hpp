// iQiyi's entities as the admin API names them, one at a time (vendors/iqiyi/iqiyi_writes.hpp
// removes them).
#pragma once

#include <string>

namespace mediagate::vendors::iqiyi {

// Which entity to remove. Removing a partner removes its users and their coupon uses; removing
// a user, its coupon uses.
struct IqiyiPartnerRef {
  std::string partner_code;
};
struct IqiyiUserRef {
  std::string partner_code;
  std::string user_id;
  std::string area;
};

}  // namespace mediagate::vendors::iqiyi
