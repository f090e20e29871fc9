-- Rows that leave the authority (docs/e-akte.md, "Abgabe" and "Aussonderung"): a Vorgang
-- handed to another authority (xdomea Abgabe.Abgabe.0401), or an Akte whose retention ended
-- and that the archive took over or let go (Aussonderung 0501–0506). Both end the same way:
-- the Vorgang with its Akte, documents, notes, Bescheide, journal and grants is deleted, and a
-- deletion record without personal data stays. Deleting is allowed only for a Vorgang that has
-- that record, written first in the same transaction.

-- The deletion record: what was deleted, when, why, on whose order, and which message. No
-- personal data: no names, no Antragsdaten, no document titles (the Aktenzeichen and the
-- Aktenplan name the matter, not the person).
CREATE TABLE loeschungen (
  vorgang_id uuid PRIMARY KEY,
  aktenzeichen text NOT NULL,
  kennzeichen text NOT NULL,
  org_unit_id text NOT NULL,
  eroeffnet_am date NOT NULL,
  zda_am date,
  aufbewahrung_bis date,
  anlass text NOT NULL CHECK (anlass IN ('abgabe', 'archiviert', 'vernichtet')),
  prozess_id uuid NOT NULL,
  -- The user (or system actor) whose act led to it: the lead of the Abgabe, the records manager.
  veranlasst_von text NOT NULL,
  geloescht_am timestamptz NOT NULL,
  dokumente integer NOT NULL CHECK (dokumente >= 0)
);
CREATE INDEX loeschungen_prozess_id ON loeschungen (prozess_id);

CREATE FUNCTION deletion_recorded(id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM loeschungen WHERE vorgang_id = id)
$$;

-- The immutable tables keep refusing every change, and refuse deletion unless recorded.
CREATE OR REPLACE FUNCTION journal_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND deletion_recorded(OLD.vorgang_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'journal_events is append-only';
END;
$$;

CREATE OR REPLACE FUNCTION dokumente_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF deletion_recorded(OLD.vorgang_id) THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'dokumente are immutable';
  END IF;
  IF (NEW.id, NEW.vorgang_id, NEW.sha256, NEW.doc) IS DISTINCT FROM (OLD.id, OLD.vorgang_id, OLD.sha256, OLD.doc) THEN
    RAISE EXCEPTION 'dokumente are immutable';
  END IF;
  RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION bescheide_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF deletion_recorded(OLD.vorgang_id) THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'bescheide are never deleted';
  END IF;
  IF OLD.state = 'gesiegelt' AND (NEW.id, NEW.vorgang_id, NEW.org_unit_id, NEW.state, NEW.doc)
     IS DISTINCT FROM (OLD.id, OLD.vorgang_id, OLD.org_unit_id, OLD.state, OLD.doc) THEN
    RAISE EXCEPTION 'a sealed Bescheid cannot change';
  END IF;
  RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION akten_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF deletion_recorded(OLD.vorgang_id) THEN
      RETURN OLD;
    END IF;
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

-- Vorgänge and notes were deletable so far; now only with the record.
CREATE FUNCTION vorgaenge_refuse_unrecorded_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF deletion_recorded(OLD.id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'a Vorgang is deleted only with a deletion record';
END;
$$;

CREATE TRIGGER vorgaenge_recorded_delete
  BEFORE DELETE ON vorgaenge
  FOR EACH ROW EXECUTE FUNCTION vorgaenge_refuse_unrecorded_delete();

CREATE FUNCTION rows_refuse_unrecorded_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF deletion_recorded(OLD.vorgang_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% rows are deleted only with a deletion record', TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER notes_recorded_delete
  BEFORE DELETE ON notes
  FOR EACH ROW EXECUTE FUNCTION rows_refuse_unrecorded_delete();

-- A Vorgang handed over (abgegeben) is read-only for good, like one z.d.A.; only a new change
-- seq (a re-announcement) is allowed.
CREATE OR REPLACE FUNCTION vorgaenge_refuse_change_when_closed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'abgeschlossen' AND NEW.status = 'abgeschlossen'
     AND (NEW.doc, NEW.org_unit_id, NEW.assignee_id) IS DISTINCT FROM (OLD.doc, OLD.org_unit_id, OLD.assignee_id) THEN
    RAISE EXCEPTION 'a Vorgang z.d.A. is read-only';
  END IF;
  IF OLD.status = 'abgegeben'
     AND (NEW.doc, NEW.org_unit_id, NEW.assignee_id, NEW.status) IS DISTINCT FROM (OLD.doc, OLD.org_unit_id, OLD.assignee_id, OLD.status) THEN
    RAISE EXCEPTION 'a Vorgang handed to another authority is read-only';
  END IF;
  RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION refuse_write_to_closed_vorgang() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM vorgaenge WHERE id = NEW.vorgang_id AND status IN ('abgeschlossen', 'abgegeben')) THEN
    RAISE EXCEPTION 'a Vorgang z.d.A. or handed over is read-only';
  END IF;
  RETURN NEW;
END;
$$;

-- Abgaben to other authorities: one row per Abgabe.Abgabe.0401, from the lead's order to the
-- recipient's answers. `sent` is the record of the message the answers are checked against;
-- `zip_sha256` the delivered message in the blob store, kept as the hand-over copy until the
-- recipient confirms the import (0402), then released. The row outlives the Vorgang.
CREATE TABLE abgaben (
  prozess_id uuid PRIMARY KEY,
  vorgang_id uuid NOT NULL UNIQUE,
  aktenzeichen text NOT NULL,
  org_unit_id text NOT NULL,
  empfaenger jsonb NOT NULL,
  veranlasst_von text NOT NULL,
  state text NOT NULL CHECK (state IN ('vorbereitet', 'uebermittelt', 'empfangen', 'importiert', 'fehler')),
  grund text,
  sent jsonb,
  zip_sha256 text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
