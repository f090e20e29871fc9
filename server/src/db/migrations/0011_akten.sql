-- The E-Akte (docs/e-akte.md): every Vorgang is filed in its Fallakte under its Verfahren's
-- Aktenplaneinheit (the Kennzeichen that begins its Aktenzeichen, `32.10.05-2026/00042`). The
-- Fallakte carries the Vorgang's id. A synced entity (shared/sync/entities.ts `akte`, scope
-- `vorgang`): it enters and leaves a client's scope with its Vorgang.
CREATE TABLE akten (
  id uuid PRIMARY KEY,
  vorgang_id uuid NOT NULL UNIQUE REFERENCES vorgaenge (id),
  org_unit_id text NOT NULL REFERENCES org_units (id),
  kennzeichen text NOT NULL CHECK (kennzeichen ~ '^[0-9]{2}(\.[0-9]{2}){0,4}$'),
  status text NOT NULL CHECK (status IN ('laufend', 'zda')),
  -- Set at z.d.A. from the Aktenplan: 31 December of the z.d.A. year plus the Aufbewahrungsfrist.
  aufbewahrung_bis date,
  doc jsonb NOT NULL,
  change_seq bigint NOT NULL
);
CREATE INDEX akten_org_unit_change_seq ON akten (org_unit_id, change_seq);
CREATE INDEX akten_kennzeichen ON akten (kennzeichen);
-- The records manager's list of Akten whose retention has ended.
CREATE INDEX akten_retention ON akten (aufbewahrung_bis) WHERE status = 'zda';

-- The Fallakte of a Vorgang row, as the entity's JSON. A Vorgang stored already concluded
-- (demo data, Vorgänge from before the E-Akte) gets a closed Akte whose retention the server
-- fixes from the Aktenplan at start (server/src/modules/akte/store.ts).
CREATE FUNCTION fallakte_doc(v vorgaenge) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', v.id,
    'vorgangId', v.id,
    'aktenzeichen', v.aktenzeichen,
    'kennzeichen', split_part(v.aktenzeichen, '-', 1),
    'eroeffnetAm', to_char((v.doc->>'receivedAt')::timestamptz AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD'),
    'status', CASE WHEN v.status = 'abgeschlossen' THEN 'zda' ELSE 'laufend' END,
    'abschluss', CASE WHEN v.status = 'abgeschlossen' THEN jsonb_build_object(
        'am', to_char((v.doc->>'updatedAt')::timestamptz AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD'),
        'grund', CASE WHEN v.doc->'versand' IS NOT NULL AND v.doc->'versand' <> 'null'::jsonb
                      THEN 'bescheid_versandt' ELSE 'erledigung_anderweitig' END,
        'begruendung', NULL,
        'verfuegtVon', 'system:e-akte')
      ELSE NULL END,
    'aufbewahrungBis', NULL,
    'aussonderungsart', NULL,
    'dms', NULL,
    'version', 0,
    'updatedAt', v.doc->>'updatedAt'
  )
$$;

CREATE FUNCTION open_fallakte() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO akten (id, vorgang_id, org_unit_id, kennzeichen, status, doc, change_seq)
  VALUES (NEW.id, NEW.id, NEW.org_unit_id, split_part(NEW.aktenzeichen, '-', 1),
          CASE WHEN NEW.status = 'abgeschlossen' THEN 'zda' ELSE 'laufend' END,
          fallakte_doc(NEW), nextval('change_seq_seq'));
  RETURN NULL;
END;
$$;

-- Every Vorgang, whichever way it arrives, is filed at once: intake needs no step of its own.
CREATE TRIGGER vorgaenge_open_fallakte
  AFTER INSERT ON vorgaenge
  FOR EACH ROW EXECUTE FUNCTION open_fallakte();

INSERT INTO akten (id, vorgang_id, org_unit_id, kennzeichen, status, doc, change_seq)
SELECT v.id, v.id, v.org_unit_id, split_part(v.aktenzeichen, '-', 1),
       CASE WHEN v.status = 'abgeschlossen' THEN 'zda' ELSE 'laufend' END,
       fallakte_doc(v), nextval('change_seq_seq')
  FROM vorgaenge v
 ORDER BY v.change_seq;

-- z.d.A. makes the record read-only. A closed Akte changes only by a Wiederaufnahme (back to
-- laufend), by moving with its Vorgang's scope (org unit, change seq), by the retention the
-- server fixes once for Akten closed before the E-Akte, and by the state of its delivery to
-- the DMS (`dms`). Akten are not deleted (the
-- Aussonderung will record a deletion explicitly). TRUNCATE (test resets) is not affected.
CREATE FUNCTION akten_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'Akten are not deleted';
  END IF;
  IF OLD.status = 'zda' AND NEW.status = 'zda'
     AND (NEW.id, NEW.vorgang_id, NEW.kennzeichen, NEW.doc - 'aufbewahrungBis' - 'aussonderungsart' - 'dms' - 'version' - 'updatedAt')
         IS DISTINCT FROM (OLD.id, OLD.vorgang_id, OLD.kennzeichen, OLD.doc - 'aufbewahrungBis' - 'aussonderungsart' - 'dms' - 'version' - 'updatedAt') THEN
    RAISE EXCEPTION 'an Akte z.d.A. is read-only';
  END IF;
  IF OLD.status = 'zda' AND NEW.status = 'zda' AND OLD.aufbewahrung_bis IS NOT NULL
     AND NEW.aufbewahrung_bis IS DISTINCT FROM OLD.aufbewahrung_bis THEN
    RAISE EXCEPTION 'the retention of an Akte z.d.A. is fixed';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER akten_read_only
  BEFORE UPDATE OR DELETE ON akten
  FOR EACH ROW EXECUTE FUNCTION akten_refuse_change();

-- A concluded Vorgang is read-only too, down to its documents and notes: only its Wiederaufnahme
-- (a status other than abgeschlossen) and a new change seq (a re-announcement) are allowed.
CREATE FUNCTION vorgaenge_refuse_change_when_closed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'abgeschlossen' AND NEW.status = 'abgeschlossen'
     AND (NEW.doc, NEW.org_unit_id, NEW.assignee_id) IS DISTINCT FROM (OLD.doc, OLD.org_unit_id, OLD.assignee_id) THEN
    RAISE EXCEPTION 'a Vorgang z.d.A. is read-only';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER vorgaenge_closed_read_only
  BEFORE UPDATE ON vorgaenge
  FOR EACH ROW EXECUTE FUNCTION vorgaenge_refuse_change_when_closed();

CREATE FUNCTION refuse_write_to_closed_vorgang() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM vorgaenge WHERE id = NEW.vorgang_id AND status = 'abgeschlossen') THEN
    RAISE EXCEPTION 'a Vorgang z.d.A. is read-only';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER dokumente_closed_read_only
  BEFORE INSERT ON dokumente
  FOR EACH ROW EXECUTE FUNCTION refuse_write_to_closed_vorgang();

CREATE TRIGGER notes_closed_read_only_insert
  BEFORE INSERT ON notes
  FOR EACH ROW EXECUTE FUNCTION refuse_write_to_closed_vorgang();

-- A new change seq alone (a re-announcement) is no change of the note.
CREATE TRIGGER notes_closed_read_only_update
  BEFORE UPDATE ON notes
  FOR EACH ROW WHEN (OLD.doc IS DISTINCT FROM NEW.doc)
  EXECUTE FUNCTION refuse_write_to_closed_vorgang();
