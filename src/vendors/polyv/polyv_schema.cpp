#include "vendors/polyv/polyv_schema.hpp"

#include <array>
#include <string_view>

namespace mediagate::vendors::polyv {
namespace {

// Both dialects make the same tables, keys and indexes. SQLite: STRICT tables, instants as
// INTEGER epoch milliseconds. PostgreSQL: text compares and sorts byte by byte (COLLATE "C"), as
// SQLite's BINARY collation does, so every list comes out in the same order from both engines;
// instants are BIGINT epoch milliseconds. Foreign keys are DEFERRABLE INITIALLY DEFERRED so that
// an import may list children before their parents; they are checked at COMMIT.

// Version 1 (the global list's version 1): accounts, sub-accounts, categories, videos, live
// channels and sessions, groups and their allocations.
constexpr std::string_view kSqlite1 = R"sql(
CREATE TABLE polyv_accounts (
  user_id    TEXT NOT NULL PRIMARY KEY,
  email      TEXT NOT NULL,
  secret_key TEXT NOT NULL,
  app_id     TEXT NOT NULL UNIQUE,
  app_secret TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE polyv_sub_accounts (
  user_id TEXT NOT NULL REFERENCES polyv_accounts (user_id) DEFERRABLE INITIALLY DEFERRED,
  email   TEXT NOT NULL,
  PRIMARY KEY (user_id, email)
) STRICT, WITHOUT ROWID;

CREATE TABLE polyv_categories (
  user_id TEXT NOT NULL REFERENCES polyv_accounts (user_id) DEFERRABLE INITIALLY DEFERRED,
  cataid  INTEGER NOT NULL,
  name    TEXT NOT NULL,
  parent  INTEGER,
  PRIMARY KEY (user_id, cataid),
  FOREIGN KEY (user_id, parent) REFERENCES polyv_categories (user_id, cataid)
    DEFERRABLE INITIALLY DEFERRED
) STRICT, WITHOUT ROWID;

CREATE TABLE polyv_videos (
  vid            TEXT NOT NULL PRIMARY KEY,
  user_id        TEXT NOT NULL REFERENCES polyv_accounts (user_id) DEFERRABLE INITIALLY DEFERRED,
  cataid         INTEGER NOT NULL,
  title          TEXT NOT NULL,
  context        TEXT NOT NULL,
  times          INTEGER NOT NULL,
  first_image    TEXT NOT NULL,
  tag            TEXT NOT NULL,
  aac_link       TEXT,
  status         TEXT NOT NULL CHECK (status IN ('60', '61', '10', '20', '50', '51', '-1')),
  uploader_email TEXT NOT NULL,
  ptime          INTEGER NOT NULL,
  FOREIGN KEY (user_id, cataid) REFERENCES polyv_categories (user_id, cataid)
    DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE TABLE polyv_channels (
  channel_id TEXT NOT NULL PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES polyv_accounts (user_id) DEFERRABLE INITIALLY DEFERRED
) STRICT, WITHOUT ROWID;

CREATE TABLE polyv_sessions (
  session_id TEXT NOT NULL PRIMARY KEY,
  channel_id TEXT NOT NULL REFERENCES polyv_channels (channel_id) DEFERRABLE INITIALLY DEFERRED,
  start_time INTEGER NOT NULL,
  end_time   INTEGER,
  custom_id  TEXT
) STRICT;

CREATE TABLE polyv_groups (
  app_id     TEXT NOT NULL PRIMARY KEY,
  app_secret TEXT NOT NULL,
  forbidden  INTEGER NOT NULL CHECK (forbidden IN (0, 1))
) STRICT, WITHOUT ROWID;

CREATE TABLE polyv_group_sub_accounts (
  app_id TEXT NOT NULL REFERENCES polyv_groups (app_id) DEFERRABLE INITIALLY DEFERRED,
  email  TEXT NOT NULL,
  PRIMARY KEY (app_id, email)
) STRICT, WITHOUT ROWID;

-- id is the insertion order (the tie-break of the group query). The UNIQUE key's index,
-- (app_id, email, date, ...), also serves the query's (app_id, email IN ..., date range).
CREATE TABLE polyv_allocations (
  id           INTEGER PRIMARY KEY,
  app_id       TEXT NOT NULL,
  email        TEXT NOT NULL,
  date         INTEGER NOT NULL,
  type         TEXT NOT NULL CHECK (type IN ('live', 'vod')),
  origin       TEXT NOT NULL,
  origin_text  TEXT NOT NULL,
  space        INTEGER,
  flow         INTEGER,
  channels     INTEGER,
  concurrences INTEGER,
  duration     INTEGER,
  UNIQUE (app_id, email, date, origin, type),
  FOREIGN KEY (app_id, email) REFERENCES polyv_group_sub_accounts (app_id, email)
    DEFERRABLE INITIALLY DEFERRED
) STRICT;
)sql";

constexpr std::string_view kPostgres1 = R"sql(
CREATE TABLE polyv_accounts (
  user_id    TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  email      TEXT COLLATE "C" NOT NULL,
  secret_key TEXT COLLATE "C" NOT NULL,
  app_id     TEXT COLLATE "C" NOT NULL UNIQUE,
  app_secret TEXT COLLATE "C" NOT NULL
);

CREATE TABLE polyv_sub_accounts (
  user_id TEXT COLLATE "C" NOT NULL
    REFERENCES polyv_accounts (user_id) DEFERRABLE INITIALLY DEFERRED,
  email   TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (user_id, email)
);

CREATE TABLE polyv_categories (
  user_id TEXT COLLATE "C" NOT NULL
    REFERENCES polyv_accounts (user_id) DEFERRABLE INITIALLY DEFERRED,
  cataid  BIGINT NOT NULL,
  name    TEXT COLLATE "C" NOT NULL,
  parent  BIGINT,
  PRIMARY KEY (user_id, cataid),
  FOREIGN KEY (user_id, parent) REFERENCES polyv_categories (user_id, cataid)
    DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE polyv_videos (
  vid            TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  user_id        TEXT COLLATE "C" NOT NULL
    REFERENCES polyv_accounts (user_id) DEFERRABLE INITIALLY DEFERRED,
  cataid         BIGINT NOT NULL,
  title          TEXT COLLATE "C" NOT NULL,
  context        TEXT COLLATE "C" NOT NULL,
  times          BIGINT NOT NULL,
  first_image    TEXT COLLATE "C" NOT NULL,
  tag            TEXT COLLATE "C" NOT NULL,
  aac_link       TEXT COLLATE "C",
  status         TEXT COLLATE "C" NOT NULL
    CHECK (status IN ('60', '61', '10', '20', '50', '51', '-1')),
  uploader_email TEXT COLLATE "C" NOT NULL,
  ptime          BIGINT NOT NULL,
  FOREIGN KEY (user_id, cataid) REFERENCES polyv_categories (user_id, cataid)
    DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE polyv_channels (
  channel_id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  user_id    TEXT COLLATE "C" NOT NULL
    REFERENCES polyv_accounts (user_id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE polyv_sessions (
  session_id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  channel_id TEXT COLLATE "C" NOT NULL
    REFERENCES polyv_channels (channel_id) DEFERRABLE INITIALLY DEFERRED,
  start_time BIGINT NOT NULL,
  end_time   BIGINT,
  custom_id  TEXT COLLATE "C"
);

CREATE TABLE polyv_groups (
  app_id     TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  app_secret TEXT COLLATE "C" NOT NULL,
  forbidden  BIGINT NOT NULL CHECK (forbidden IN (0, 1))
);

CREATE TABLE polyv_group_sub_accounts (
  app_id TEXT COLLATE "C" NOT NULL
    REFERENCES polyv_groups (app_id) DEFERRABLE INITIALLY DEFERRED,
  email  TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (app_id, email)
);

-- id is the insertion order (the tie-break of the group query).
CREATE TABLE polyv_allocations (
  id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  app_id       TEXT COLLATE "C" NOT NULL,
  email        TEXT COLLATE "C" NOT NULL,
  date         BIGINT NOT NULL,
  type         TEXT COLLATE "C" NOT NULL CHECK (type IN ('live', 'vod')),
  origin       TEXT COLLATE "C" NOT NULL,
  origin_text  TEXT COLLATE "C" NOT NULL,
  space        BIGINT,
  flow         BIGINT,
  channels     BIGINT,
  concurrences BIGINT,
  duration     BIGINT,
  UNIQUE (app_id, email, date, origin, type),
  FOREIGN KEY (app_id, email) REFERENCES polyv_group_sub_accounts (app_id, email)
    DEFERRABLE INITIALLY DEFERRED
);
)sql";

// Version 1's indexes: the same statements in both dialects.
constexpr std::string_view kIndexes1 = R"sql(
CREATE INDEX polyv_categories_by_parent ON polyv_categories (user_id, parent);
-- The two orders of get-by-uploader, ties by vid; then one index per filter, each ending in
-- the default order so that a filtered page can still be read in order.
CREATE INDEX polyv_videos_by_ptime ON polyv_videos (user_id, ptime, vid);
CREATE INDEX polyv_videos_by_times ON polyv_videos (user_id, times, vid);
CREATE INDEX polyv_videos_by_uploader ON polyv_videos (user_id, uploader_email, ptime, vid);
CREATE INDEX polyv_videos_by_cataid ON polyv_videos (user_id, cataid, ptime, vid);
CREATE INDEX polyv_videos_by_status ON polyv_videos (user_id, status, ptime, vid);
CREATE INDEX polyv_channels_by_user ON polyv_channels (user_id, channel_id);
CREATE INDEX polyv_sessions_by_start ON polyv_sessions (channel_id, start_time);
)sql";

constexpr std::array kSteps{
    store::SchemaStep{.version = 1,
                      .sqlite = kSqlite1,
                      .postgres = kPostgres1,
                      .global_version = 1,
                      .both = kIndexes1},
};

}  // namespace

store::ModuleSchema polyv_schema() {
  return {.module = "polyv", .steps = kSteps};
}

}  // namespace mediagate::vendors::polyv
