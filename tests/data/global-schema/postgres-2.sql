-- Global schema version 2, as src/store/postgres/schema.cpp applied it up to commit 6ec8314,
-- before the modules owned their tables: the upgrade tests build such a database.
CREATE TABLE pumpkin_media_details (
  movie_id           BIGINT NOT NULL PRIMARY KEY
    REFERENCES pumpkin_media (movie_id) DEFERRABLE INITIALLY DEFERRED,
  movie_type         TEXT COLLATE "C" NOT NULL,
  movie_title        TEXT COLLATE "C" NOT NULL,
  movie_name_english TEXT COLLATE "C" NOT NULL,
  movie_alias        TEXT COLLATE "C" NOT NULL,
  movie_desc         TEXT COLLATE "C" NOT NULL,
  movie_director     TEXT COLLATE "C" NOT NULL,
  movie_actor        TEXT COLLATE "C" NOT NULL,
  movie_country      TEXT COLLATE "C" NOT NULL,
  movie_language     TEXT COLLATE "C" NOT NULL,
  movie_year         TEXT COLLATE "C" NOT NULL,
  vertical_pic       TEXT COLLATE "C" NOT NULL,
  horizontal_pic     TEXT COLLATE "C" NOT NULL,
  movie_duration     TEXT COLLATE "C",
  create_time        BIGINT,
  update_time        BIGINT
);
CREATE INDEX pumpkin_media_details_by_update_time ON pumpkin_media_details (update_time, movie_id);

CREATE TABLE pumpkin_seasons (
  media_id           BIGINT NOT NULL
    REFERENCES pumpkin_media (movie_id) DEFERRABLE INITIALLY DEFERRED,
  position           BIGINT NOT NULL,
  movie_id           BIGINT NOT NULL UNIQUE,
  movie_name         TEXT COLLATE "C" NOT NULL,
  movie_title        TEXT COLLATE "C" NOT NULL,
  movie_name_english TEXT COLLATE "C" NOT NULL,
  movie_alias        TEXT COLLATE "C" NOT NULL,
  movie_desc         TEXT COLLATE "C" NOT NULL,
  movie_director     TEXT COLLATE "C" NOT NULL,
  movie_actor        TEXT COLLATE "C" NOT NULL,
  movie_country      TEXT COLLATE "C" NOT NULL,
  movie_language     TEXT COLLATE "C" NOT NULL,
  movie_year         TEXT COLLATE "C" NOT NULL,
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
