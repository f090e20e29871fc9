-- Journal per Vorgang (docs/fristen-journal.md): one hash-chained event per accepted
-- mutation, written in the transaction of the mutation's effects.
--
-- Append-only: the server only ever INSERTs here. The trigger refuses UPDATE and DELETE so
-- that a slip in server code cannot rewrite history; it does not stop a database owner (who
-- can disable it), which is what the hash chain is for. TRUNCATE (test resets) is not affected.
CREATE TABLE journal_events (
  vorgang_id uuid NOT NULL REFERENCES vorgaenge (id),
  seq integer NOT NULL CHECK (seq >= 1),
  actor_id text NOT NULL,
  action text NOT NULL,
  -- Stored as an instant: the device's UTC offset is normalised away before hashing.
  device_time timestamptz,
  server_time timestamptz NOT NULL,
  summary jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (vorgang_id, seq)
);

CREATE FUNCTION journal_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'journal_events is append-only';
END;
$$;

CREATE TRIGGER journal_events_append_only
  BEFORE UPDATE OR DELETE ON journal_events
  FOR EACH ROW EXECUTE FUNCTION journal_events_refuse_change();
