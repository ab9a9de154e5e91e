// The data mediagate serves, as plain values: what the fixture format describes
// (../shared/spec/fixtures.md), independent of any storage engine or wire format.
// Instants are epoch milliseconds; wall-clock strings exist only at the edges.
// Every type compares by value (==), so tests and round trips can compare whole Datasets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace mediagate::store {

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

struct IqiyiUser {
  std::string user_id;
  std::string area;  // "CN" | "TW"
  std::int64_t vod_coupons = 0;

  friend bool operator==(const IqiyiUser&, const IqiyiUser&) = default;
};

// A spent VOD coupon and the viewing right it opened (a row of iqiyi_coupon_uses, written by
// useVodCoupon; docs/decisions/iqiyi-coupons.md), as the fixture format carries it: of one of
// the partner's users, without the store's id. (user_id, area, content_id, use_time) names it.
struct IqiyiCouponUseEntry {
  std::string user_id;
  std::string area;  // "CN" | "TW"
  std::int64_t content_id = 0;
  EpochMs use_time = 0;
  EpochMs vod_deadline = 0;  // the end of the right

  friend bool operator==(const IqiyiCouponUseEntry&, const IqiyiCouponUseEntry&) = default;
};

struct IqiyiPartner {
  std::string partner_code;
  std::string md5_key;
  std::vector<IqiyiUser> users;
  // Uses of the users' coupons (the fixture format's couponUses); import adds them, never
  // removes any, and does not touch the balances (vod_coupons is what is left).
  std::vector<IqiyiCouponUseEntry> coupon_uses = {};

  friend bool operator==(const IqiyiPartner&, const IqiyiPartner&) = default;
};

struct PumpkinPartner {
  std::string pid;
  std::string access_secret;
  std::vector<std::string> actions;  // paths this pid may call

  friend bool operator==(const PumpkinPartner&, const PumpkinPartner&) = default;
};

struct PumpkinMedia {
  std::int64_t movie_id = 0;
  std::string movie_name;
  std::optional<EpochMs> delete_time;  // null while online

  friend bool operator==(const PumpkinMedia&, const PumpkinMedia&) = default;
};

// The texts a Pumpkin media and each of its seasons carry (/media/sync, /movie/sync).
struct PumpkinTexts {
  std::string movie_title;
  std::string movie_name_english;
  std::string movie_alias;
  std::string movie_desc;
  std::string movie_director;
  std::string movie_actor;  // comma list
  std::string movie_country;
  std::string movie_language;
  std::string movie_year;

  friend bool operator==(const PumpkinTexts&, const PumpkinTexts&) = default;
};

struct PumpkinPart {
  std::int64_t movie_id = 0;
  std::string movie_number;  // "1", "2", ...

  friend bool operator==(const PumpkinPart&, const PumpkinPart&) = default;
};

struct PumpkinSeason {
  std::int64_t movie_id = 0;
  std::string movie_name;
  PumpkinTexts texts;
  std::vector<PumpkinPart> parts;  // in the order given

  friend bool operator==(const PumpkinSeason&, const PumpkinSeason&) = default;
};

// What the catalogue endpoints tell of a media beyond its id, name and delete time; owned by
// the PumpkinMedia with the same movie_id (a media without details is listed with empty texts).
struct PumpkinMediaDetails {
  std::int64_t movie_id = 0;
  std::string movie_type = "1";  // "1" film, "2" season series
  PumpkinTexts texts;
  std::string vertical_pic;
  std::string horizontal_pic;
  std::optional<std::string> movie_duration;
  std::optional<EpochMs> create_time;
  std::optional<EpochMs> update_time;  // what a /media/sync batch window looks at
  std::vector<PumpkinSeason> seasons;  // type "2", in the order given

  friend bool operator==(const PumpkinMediaDetails&, const PumpkinMediaDetails&) = default;
};

// A whole fixture document's worth of data.
struct Dataset {
  std::vector<PolyvAccount> polyv_accounts;
  std::vector<PolyvGroup> polyv_groups;
  std::vector<IqiyiPartner> iqiyi_partners;
  std::vector<PumpkinPartner> pumpkin_partners;
  std::vector<PumpkinMedia> pumpkin_media;
  // Each for a media of pumpkin_media (the fixture format writes them inside it).
  std::vector<PumpkinMediaDetails> pumpkin_details;

  friend bool operator==(const Dataset&, const Dataset&) = default;
};

}  // namespace mediagate::store
