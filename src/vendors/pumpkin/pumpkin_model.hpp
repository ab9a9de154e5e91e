// Pumpkin's data as plain values: its partners, its media and their details (seasons and their
// parts), as the fixture format describes them (../shared/spec/fixtures.md), independent of any
// storage engine or wire format; and its entities as the admin API names them, one at a time.
// Instants are epoch milliseconds. Every type compares by value (==).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace mediagate::vendors::pumpkin {

using core::EpochMs;

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

// Which entity to remove. Removing a partner removes its actions; a media, its details.
struct PumpkinPartnerRef {
  std::string pid;
};
struct PumpkinActionRef {
  std::string pid;
  std::string action;
};
struct PumpkinMediaRef {
  std::int64_t movie_id = 0;
};
// A media's details with its seasons and parts (the media stays).
struct PumpkinMediaDetailsRef {
  std::int64_t movie_id = 0;
};

}  // namespace mediagate::vendors::pumpkin
