-- Global schema version 3, as src/store/sqlite/schema.cpp applied it up to commit 6ec8314,
-- before the modules owned their tables: the upgrade tests build such a database.
CREATE TABLE iqiyi_coupon_uses (
  id           INTEGER PRIMARY KEY,
  partner_code TEXT NOT NULL,
  user_id      TEXT NOT NULL,
  area         TEXT NOT NULL CHECK (area IN ('CN', 'TW')),
  content_id   INTEGER NOT NULL,
  use_time     INTEGER NOT NULL,
  vod_deadline INTEGER NOT NULL,
  FOREIGN KEY (partner_code, user_id, area) REFERENCES iqiyi_users (partner_code, user_id, area)
    DEFERRABLE INITIALLY DEFERRED
) STRICT;
CREATE INDEX iqiyi_coupon_uses_by_user
  ON iqiyi_coupon_uses (partner_code, user_id, area, content_id, vod_deadline);
