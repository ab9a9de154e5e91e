-- The change tracking src/store/postgres/schema.cpp installed at every open before the modules
-- owned their tables.
CREATE TABLE IF NOT EXISTS mediagate_data_generation (
  only_row   BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
  generation BIGINT NOT NULL,
  last_xact  BIGINT
);
INSERT INTO mediagate_data_generation (only_row, generation) VALUES (TRUE, 1)
  ON CONFLICT (only_row) DO NOTHING;
DO $install$
DECLARE
  data_table regclass;
BEGIN
  EXECUTE format($function$
    CREATE OR REPLACE FUNCTION %1$I.mediagate_data_changed() RETURNS trigger
    LANGUAGE plpgsql AS $body$
    BEGIN
      -- Once per transaction: later statements of the same transaction find last_xact set.
      UPDATE %1$I.mediagate_data_generation
         SET generation = generation + 1, last_xact = txid_current()
       WHERE last_xact IS DISTINCT FROM txid_current();
      IF FOUND THEN
        PERFORM pg_notify('mediagate_data', %2$L);
      END IF;
      RETURN NULL;
    END
    $body$ $function$, current_schema(), current_schema());
  FOR data_table IN
    SELECT c.oid::regclass
      FROM pg_class c
     WHERE c.relnamespace = current_schema()::regnamespace
       AND c.relkind IN ('r', 'p')
       AND c.relname NOT IN ('schema_migrations', 'mediagate_data_generation')
       AND NOT EXISTS (SELECT 1 FROM pg_trigger t
                        WHERE t.tgrelid = c.oid AND t.tgname = 'mediagate_data_changed')
  LOOP
    EXECUTE format('CREATE TRIGGER mediagate_data_changed'
                   ' AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION %I.mediagate_data_changed()',
                   data_table, current_schema());
  END LOOP;
END
$install$;
