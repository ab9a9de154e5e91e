#include "vendors/pumpkin/pumpkin_schema.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace mediagate::vendors::pumpkin {
namespace {

// Both dialects make the same tables, keys and indexes. SQLite: STRICT tables, instants as
// INTEGER epoch milliseconds. PostgreSQL: text compares and sorts byte by byte (COLLATE "C"), as
// SQLite's BINARY collation does, so every list comes out in the same order from both engines;
// instants are BIGINT epoch milliseconds. Foreign keys are DEFERRABLE INITIALLY DEFERRED so that
// an import may list children before their parents; they are checked at COMMIT.

// Version 1 (the global list's version 1): partners, their actions and the offline media.
constexpr std::string_view kSqlite1 = R"sql(
CREATE TABLE pumpkin_partners (
  pid           TEXT NOT NULL PRIMARY KEY,
  access_secret TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE pumpkin_actions (
  pid    TEXT NOT NULL REFERENCES pumpkin_partners (pid) DEFERRABLE INITIALLY DEFERRED,
  action TEXT NOT NULL,
  PRIMARY KEY (pid, action)
) STRICT, WITHOUT ROWID;

CREATE TABLE pumpkin_media (
  movie_id    INTEGER PRIMARY KEY,
  movie_name  TEXT NOT NULL,
  delete_time INTEGER
) STRICT;
)sql";

constexpr std::string_view kPostgres1 = R"sql(
CREATE TABLE pumpkin_partners (
  pid           TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  access_secret TEXT COLLATE "C" NOT NULL
);

CREATE TABLE pumpkin_actions (
  pid    TEXT COLLATE "C" NOT NULL
    REFERENCES pumpkin_partners (pid) DEFERRABLE INITIALLY DEFERRED,
  action TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (pid, action)
);

CREATE TABLE pumpkin_media (
  movie_id    BIGINT NOT NULL PRIMARY KEY,
  movie_name  TEXT COLLATE "C" NOT NULL,
  delete_time BIGINT
);
)sql";

// Version 1's indexes: the same statements in both dialects.
constexpr std::string_view kIndexes1 = R"sql(
CREATE INDEX pumpkin_media_by_delete_time ON pumpkin_media (delete_time, movie_id);
)sql";

// The texts a media's details and each of its seasons carry (PumpkinTexts), one column list
// per dialect, put where a script says @TEXTS@.
constexpr std::string_view kSqliteTexts = R"sql(  movie_title        TEXT NOT NULL,
  movie_name_english TEXT NOT NULL,
  movie_alias        TEXT NOT NULL,
  movie_desc         TEXT NOT NULL,
  movie_director     TEXT NOT NULL,
  movie_actor        TEXT NOT NULL,
  movie_country      TEXT NOT NULL,
  movie_language     TEXT NOT NULL,
  movie_year         TEXT NOT NULL,)sql";
constexpr std::string_view kPostgresTexts = R"sql(  movie_title        TEXT COLLATE "C" NOT NULL,
  movie_name_english TEXT COLLATE "C" NOT NULL,
  movie_alias        TEXT COLLATE "C" NOT NULL,
  movie_desc         TEXT COLLATE "C" NOT NULL,
  movie_director     TEXT COLLATE "C" NOT NULL,
  movie_actor        TEXT COLLATE "C" NOT NULL,
  movie_country      TEXT COLLATE "C" NOT NULL,
  movie_language     TEXT COLLATE "C" NOT NULL,
  movie_year         TEXT COLLATE "C" NOT NULL,)sql";

// Version 2 (the global list's version 2): the catalogue (/media/sync, /movie/sync): a media's
// details, its seasons and their parts, each owned by the media (seasons and parts by position,
// as the fixture lists them).
constexpr std::string_view kSqlite2 = R"sql(
CREATE TABLE pumpkin_media_details (
  movie_id           INTEGER PRIMARY KEY
    REFERENCES pumpkin_media (movie_id) DEFERRABLE INITIALLY DEFERRED,
  movie_type         TEXT NOT NULL,
@TEXTS@
  vertical_pic       TEXT NOT NULL,
  horizontal_pic     TEXT NOT NULL,
  movie_duration     TEXT,
  create_time        INTEGER,
  update_time        INTEGER
) STRICT;

CREATE TABLE pumpkin_seasons (
  media_id           INTEGER NOT NULL
    REFERENCES pumpkin_media (movie_id) DEFERRABLE INITIALLY DEFERRED,
  position           INTEGER NOT NULL,
  movie_id           INTEGER NOT NULL UNIQUE,
  movie_name         TEXT NOT NULL,
@TEXTS@
  PRIMARY KEY (media_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE pumpkin_parts (
  media_id     INTEGER NOT NULL
    REFERENCES pumpkin_media (movie_id) DEFERRABLE INITIALLY DEFERRED,
  season       INTEGER NOT NULL,
  position     INTEGER NOT NULL,
  movie_id     INTEGER NOT NULL UNIQUE,
  movie_number TEXT NOT NULL,
  PRIMARY KEY (media_id, season, position)
) STRICT, WITHOUT ROWID;
)sql";

constexpr std::string_view kPostgres2 = R"sql(
CREATE TABLE pumpkin_media_details (
  movie_id           BIGINT NOT NULL PRIMARY KEY
    REFERENCES pumpkin_media (movie_id) DEFERRABLE INITIALLY DEFERRED,
  movie_type         TEXT COLLATE "C" NOT NULL,
@TEXTS@
  vertical_pic       TEXT COLLATE "C" NOT NULL,
  horizontal_pic     TEXT COLLATE "C" NOT NULL,
  movie_duration     TEXT COLLATE "C",
  create_time        BIGINT,
  update_time        BIGINT
);

CREATE TABLE pumpkin_seasons (
  media_id           BIGINT NOT NULL
    REFERENCES pumpkin_media (movie_id) DEFERRABLE INITIALLY DEFERRED,
  position           BIGINT NOT NULL,
  movie_id           BIGINT NOT NULL UNIQUE,
  movie_name         TEXT COLLATE "C" NOT NULL,
@TEXTS@
  PRIMARY KEY (media_id, position)
);

CREATE TABLE pumpkin_parts (
  media_id     BIGINT NOT NULL
    REFERENCES pumpkin_media (movie_id) DEFERRABLE INITIALLY DEFERRED,
  season       BIGINT NOT NULL,
  position     BIGINT NOT NULL,
  movie_id     BIGINT NOT NULL UNIQUE,
  movie_number TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (media_id, season, position)
);
)sql";

// Version 2's indexes: the same statements in both dialects.
constexpr std::string_view kIndexes2 = R"sql(
CREATE INDEX pumpkin_media_details_by_update_time ON pumpkin_media_details (update_time, movie_id);
)sql";

// `script` with each @TEXTS@ line replaced by `texts`.
std::string with_texts(std::string_view script, std::string_view texts) {
  constexpr std::string_view kMarker = "@TEXTS@";
  std::string out;
  for (std::size_t at = 0;;) {
    const std::size_t marker = script.find(kMarker, at);
    out.append(script.substr(at, marker - at));
    if (marker == std::string_view::npos) return out;
    out.append(texts);
    at = marker + kMarker.size();
  }
}

}  // namespace

store::ModuleSchema pumpkin_schema() {
  static const std::string kSqlite2Script = with_texts(kSqlite2, kSqliteTexts);
  static const std::string kPostgres2Script = with_texts(kPostgres2, kPostgresTexts);
  static const std::array kSteps{
      store::SchemaStep{.version = 1,
                        .sqlite = kSqlite1,
                        .postgres = kPostgres1,
                        .global_version = 1,
                        .both = kIndexes1},
      store::SchemaStep{.version = 2,
                        .sqlite = kSqlite2Script,
                        .postgres = kPostgres2Script,
                        .global_version = 2,
                        .both = kIndexes2},
  };
  return {.module = "pumpkin", .steps = kSteps};
}

}  // namespace mediagate::vendors::pumpkin
