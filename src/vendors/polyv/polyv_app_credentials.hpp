// The credentials of the Polyv endpoints signed with an app's id and secret: live v3 (the
// account's appId) and the group (the group master's appId).
#pragma once

#include <string>

namespace mediagate::client {

struct PolyvAppCredentials {
  std::string app_id{};
  std::string app_secret{};  // MD5 sandwich rule
};

}  // namespace mediagate::client
