-- The head of each Vorgang's journal chain (seq and hash of its last event), kept outside the
-- journal table in the Vorgang's row and written in the same transaction as every event. A
-- journal whose tail was cut (or that was rebuilt from a shorter history) no longer ends at
-- the head, so verification reports it (docs/fristen-journal.md). Existing chains get their
-- current head.
ALTER TABLE vorgaenge ADD COLUMN journal_seq integer NOT NULL DEFAULT 0;
ALTER TABLE vorgaenge ADD COLUMN journal_head text NOT NULL DEFAULT '';

UPDATE vorgaenge v SET journal_seq = j.seq, journal_head = j.hash
  FROM (SELECT DISTINCT ON (vorgang_id) vorgang_id, seq, hash FROM journal_events ORDER BY vorgang_id, seq DESC) j
 WHERE j.vorgang_id = v.id;
