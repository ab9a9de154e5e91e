-- Global schema version 2, as src/store/sqlite/schema.cpp applied it up to commit 6ec8314,
-- before the modules owned their tables: the upgrade tests build such a database.
CREATE TABLE pumpkin_media_details (
  movie_id           INTEGER PRIMARY KEY
    REFERENCES pumpkin_media (movie_id) DEFERRABLE INITIALLY DEFERRED,
  movie_type         TEXT NOT NULL,
  movie_title        TEXT NOT NULL,
  movie_name_english TEXT NOT NULL,
  movie_alias        TEXT NOT NULL,
  movie_desc         TEXT NOT NULL,
  movie_director     TEXT NOT NULL,
  movie_actor        TEXT NOT NULL,
  movie_country      TEXT NOT NULL,
  movie_language     TEXT NOT NULL,
  movie_year         TEXT NOT NULL,
  vertical_pic       TEXT NOT NULL,
  horizontal_pic     TEXT NOT NULL,
  movie_duration     TEXT,
  create_time        INTEGER,
  update_time        INTEGER
) STRICT;
CREATE INDEX pumpkin_media_details_by_update_time ON pumpkin_media_details (update_time, movie_id);

CREATE TABLE pumpkin_seasons (
  media_id           INTEGER NOT NULL
    REFERENCES pumpkin_media (movie_id) DEFERRABLE INITIALLY DEFERRED,
  position           INTEGER NOT NULL,
  movie_id           INTEGER NOT NULL UNIQUE,
  movie_name         TEXT NOT NULL,
  movie_title        TEXT NOT NULL,
  movie_name_english TEXT NOT NULL,
  movie_alias        TEXT NOT NULL,
  movie_desc         TEXT NOT NULL,
  movie_director     TEXT NOT NULL,
  movie_actor        TEXT NOT NULL,
  movie_country      TEXT NOT NULL,
  movie_language     TEXT NOT NULL,
  movie_year         TEXT NOT NULL,
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
