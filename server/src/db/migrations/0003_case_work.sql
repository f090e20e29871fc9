-- Case work (docs/documents.md, docs/sync-protocol.md): documents of a Vorgang, the index of
-- the blob store, absences with deputies, and the new members of the Vorgang document.

-- Document metadata. The bytes live in the blob store under their SHA-256; `sha256` is an
-- indexed copy of doc->>'sha256' for the download check ("does a document of the caller's
-- org unit reference this hash?"), `org_unit_id` a copy of the Vorgang's org unit (which that
-- row's foreign key checks; a second check per document would only slow bulk intake). Rows are
-- immutable: the trigger refuses UPDATE and DELETE (TRUNCATE, used by test resets, is not
-- affected).
CREATE TABLE dokumente (
  id uuid PRIMARY KEY,
  vorgang_id uuid NOT NULL REFERENCES vorgaenge (id),
  org_unit_id text NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  doc jsonb NOT NULL,
  change_seq bigint NOT NULL
);
CREATE INDEX dokumente_org_unit_change_seq ON dokumente (org_unit_id, change_seq);
CREATE INDEX dokumente_org_unit_sha256 ON dokumente (org_unit_id, sha256);

CREATE FUNCTION dokumente_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dokumente are immutable';
END;
$$;

CREATE TRIGGER dokumente_immutable
  BEFORE UPDATE OR DELETE ON dokumente
  FOR EACH ROW EXECUTE FUNCTION dokumente_refuse_change();

-- What the blob store holds: a row is written after the file was stored (fsync + rename), so
-- a row always has its file; a file without a row is an interrupted upload, stored again by
-- the next PUT of the same bytes.
CREATE TABLE blobs (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size >= 1),
  stored_at timestamptz NOT NULL
);

-- Absences are never deleted (cancelling keeps the record); they are pulled by the org unit.
CREATE TABLE absences (
  id uuid PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  org_unit_id text NOT NULL REFERENCES org_units (id),
  doc jsonb NOT NULL,
  change_seq bigint NOT NULL
);
CREATE INDEX absences_org_unit_change_seq ON absences (org_unit_id, change_seq);
CREATE INDEX absences_user_id ON absences (user_id);

-- Vorgänge and notes stored before this version get the new members with their empty values;
-- existing members win (`||` takes the right operand's keys). Such Vorgänge have no Prüfliste
-- version: the template they were received under is unknown. Change seqs stay: clients read
-- missing members as these same defaults (shared schemas), so there is nothing new to pull.
UPDATE vorgaenge
   SET doc = jsonb_build_object(
               'nachforderung', NULL,
               'prueflisteVersion', NULL,
               'pruefliste', jsonb_build_object('manual', '{}'::jsonb, 'overrides', '{}'::jsonb)
             ) || doc
 WHERE NOT (doc ? 'nachforderung' AND doc ? 'prueflisteVersion' AND doc ? 'pruefliste');

UPDATE notes
   SET doc = jsonb_build_object('updatedAt', NULL, 'deletedAt', NULL) || doc
 WHERE NOT (doc ? 'updatedAt' AND doc ? 'deletedAt');
