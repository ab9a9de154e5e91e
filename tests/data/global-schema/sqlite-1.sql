-- Global schema version 1, as src/store/sqlite/schema.cpp applied it up to commit 6ec8314,
-- before the modules owned their tables: the upgrade tests build such a database.
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
CREATE INDEX polyv_categories_by_parent ON polyv_categories (user_id, parent);

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
-- The two orders of get-by-uploader, ties by vid; then one index per filter, each ending in
-- the default order so that a filtered page can still be read in order.
CREATE INDEX polyv_videos_by_ptime ON polyv_videos (user_id, ptime, vid);
CREATE INDEX polyv_videos_by_times ON polyv_videos (user_id, times, vid);
CREATE INDEX polyv_videos_by_uploader ON polyv_videos (user_id, uploader_email, ptime, vid);
CREATE INDEX polyv_videos_by_cataid ON polyv_videos (user_id, cataid, ptime, vid);
CREATE INDEX polyv_videos_by_status ON polyv_videos (user_id, status, ptime, vid);

CREATE TABLE polyv_channels (
  channel_id TEXT NOT NULL PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES polyv_accounts (user_id) DEFERRABLE INITIALLY DEFERRED
) STRICT, WITHOUT ROWID;
CREATE INDEX polyv_channels_by_user ON polyv_channels (user_id, channel_id);

CREATE TABLE polyv_sessions (
  session_id TEXT NOT NULL PRIMARY KEY,
  channel_id TEXT NOT NULL REFERENCES polyv_channels (channel_id) DEFERRABLE INITIALLY DEFERRED,
  start_time INTEGER NOT NULL,
  end_time   INTEGER,
  custom_id  TEXT
) STRICT;
CREATE INDEX polyv_sessions_by_start ON polyv_sessions (channel_id, start_time);

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

CREATE TABLE iqiyi_partners (
  partner_code TEXT NOT NULL PRIMARY KEY,
  md5_key      TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE iqiyi_users (
  partner_code TEXT NOT NULL REFERENCES iqiyi_partners (partner_code)
    DEFERRABLE INITIALLY DEFERRED,
  user_id      TEXT NOT NULL,
  area         TEXT NOT NULL CHECK (area IN ('CN', 'TW')),
  vod_coupons  INTEGER NOT NULL CHECK (vod_coupons >= 0),
  PRIMARY KEY (partner_code, user_id, area)
) STRICT, WITHOUT ROWID;

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
CREATE INDEX pumpkin_media_by_delete_time ON pumpkin_media (delete_time, movie_id);
