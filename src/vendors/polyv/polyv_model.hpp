// Polyv's entities as the admin API names them, one at a time (vendors/polyv/polyv_writes.hpp
// removes them).
#pragma once

#include <cstdint>
#include <string>

namespace mediagate::vendors::polyv {

// Which entity to remove. Removing a parent removes its children (an account's sub-accounts,
// categories, videos, channels and their sessions; a group's sub-accounts and allocations).
// Removing a category, a sub-account or a group sub-account that is still referenced fails
// (deferred foreign key, or the caller checks).
struct PolyvAccountRef {
  std::string user_id;
};
struct PolyvSubAccountRef {
  std::string user_id;
  std::string email;
};
struct CategoryRef {
  std::string user_id;
  std::int64_t cataid = 0;
};
struct VideoRef {
  std::string vid;
};
struct ChannelRef {
  std::string channel_id;
};
struct SessionRef {
  std::string session_id;
};
struct PolyvGroupRef {
  std::string app_id;
};
struct GroupSubAccountRef {
  std::string app_id;
  std::string email;
};
struct AllocationRef {
  std::string app_id;
  std::int64_t id = 0;
};

}  // namespace mediagate::vendors::polyv
