// Polyv's data as plain values: its accounts (with their sub-accounts, category trees, videos,
// live channels and their sessions) and its groups (with their sub-accounts and allocations), as
// the fixture format describes them (../shared/spec/fixtures.md), independent of any storage
// engine or wire format; and its entities as the admin API names them, one at a time.
// Instants are epoch milliseconds. Every type compares by value (==).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace mediagate::vendors::polyv {

using core::EpochMs;

struct Category {
  std::int64_t cataid = 0;
  std::string name;
  std::optional<std::int64_t> parent;

  friend bool operator==(const Category&, const Category&) = default;
};

struct Video {
  std::string vid;
  std::int64_t cataid = 0;
  std::string title;
  std::string context;
  std::int64_t times = 0;
  std::string first_image;
  std::string tag;
  std::optional<std::string> aac_link;
  std::string status;  // "60","61","10","20","50","51","-1"
  std::string uploader_email;
  EpochMs ptime = 0;

  friend bool operator==(const Video&, const Video&) = default;
};

struct LiveSession {
  std::string session_id;
  EpochMs start_time = 0;
  std::optional<EpochMs> end_time;  // null while live
  std::optional<std::string> custom_id;

  friend bool operator==(const LiveSession&, const LiveSession&) = default;
};

struct Channel {
  std::string channel_id;  // digits
  std::vector<LiveSession> sessions;

  friend bool operator==(const Channel&, const Channel&) = default;
};

// The credentials and identity of a Polyv account, without its data.
struct PolyvAccountKeys {
  std::string user_id;
  std::string email;
  std::string secret_key;  // VOD v2 (SHA1)
  std::string app_id;      // live v3 (MD5 sandwich)
  std::string app_secret;

  friend bool operator==(const PolyvAccountKeys&, const PolyvAccountKeys&) = default;
};

struct PolyvAccount {
  PolyvAccountKeys keys;
  std::vector<std::string> sub_accounts;
  std::vector<Category> categories;
  std::vector<Video> videos;
  std::vector<Channel> channels;

  friend bool operator==(const PolyvAccount&, const PolyvAccount&) = default;
};

struct Allocation {
  std::string email;
  EpochMs date = 0;
  std::string type;  // "live" | "vod"
  std::string origin;
  std::string origin_text;
  std::optional<std::int64_t> space;
  std::optional<std::int64_t> flow;
  std::optional<std::int64_t> channels;
  std::optional<std::int64_t> concurrences;
  std::optional<std::int64_t> duration;

  friend bool operator==(const Allocation&, const Allocation&) = default;
};

struct PolyvGroupKeys {
  std::string app_id;
  std::string app_secret;
  bool forbidden = false;

  friend bool operator==(const PolyvGroupKeys&, const PolyvGroupKeys&) = default;
};

struct PolyvGroup {
  PolyvGroupKeys keys;
  std::vector<std::string> sub_accounts;
  std::vector<Allocation> allocations;

  friend bool operator==(const PolyvGroup&, const PolyvGroup&) = default;
};

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
