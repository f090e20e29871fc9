-- Full-text search over the E-Akte (docs/search.md): the Antragsdaten of every Vorgang and the
-- text of every filed document, searched with the `german` text search configuration and
-- scoped like the rows themselves (the owning org unit and the extra grants, migration 0007).
--
-- Two sources, each deleted with what it comes from:
--  * volltext_antraege: one row per Vorgang (ON DELETE CASCADE from vorgaenge), written by the
--    database when the Vorgang is stored, like its Fallakte: no intake path can forget it.
--  * volltext_dateien / volltext_seiten: the text of the bytes, once per SHA-256 (documents are
--    content-addressed: bytes filed under many Vorgänge are read once), extracted in the
--    background from the queue volltext_auftraege, never in a request. The text lives exactly as long as the bytes
--    (ON DELETE CASCADE from blobs); a document is found only through its `dokumente` row, so
--    deleting the Dokument makes it unfindable at once.

-- The text as it is indexed and shown in snippets: control characters (C0 and C1) other than
-- line breaks and tabs become spaces (the snippet marks use two of them), and a `/` or `-` between digits
-- gets spaces around it, so that the parser splits Aktenzeichen, dates and numbers into their
-- parts ("32.10.05-2026/00042" is found by "00042" and by "2026/00042"). The search query and
-- the documents' text go through the same rule (server/src/modules/search/text.ts; a test
-- keeps the two in step).
CREATE FUNCTION volltext_normalize(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT regexp_replace(regexp_replace(t, '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]', ' ', 'g'),
                        '([0-9])([/-])(?=[0-9])', '\1 \2 ', 'g')
$$;

-- What of a Vorgang is searchable: its Aktenzeichen, the applicant and the values of the
-- Antragsdaten (texts and numbers; yes/no answers say nothing to a search). At most 20,000
-- characters: Antragsdaten are short, and a runaway value must not make every search slower.
CREATE FUNCTION volltext_antrag_text(doc jsonb) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT volltext_normalize(left(concat_ws(' · ',
           doc->>'aktenzeichen',
           nullif(btrim(concat_ws(' ', doc#>>'{applicant,givenName}', doc#>>'{applicant,familyName}')), ''),
           nullif(btrim(concat_ws(' ', doc#>>'{applicant,street}', doc#>>'{applicant,postalCode}',
                                  doc#>>'{applicant,city}')), ''),
           nullif(btrim(doc#>>'{applicant,email}'), ''),
           (SELECT string_agg(e.value, ' · ')
              FROM jsonb_each_text(CASE WHEN jsonb_typeof(doc->'antragsdaten') = 'object'
                                        THEN doc->'antragsdaten' ELSE '{}'::jsonb END) AS e
             WHERE e.value NOT IN ('true', 'false') AND btrim(e.value) <> '')
         ), 20000))
$$;

CREATE TABLE volltext_antraege (
  vorgang_id uuid PRIMARY KEY REFERENCES vorgaenge (id) ON DELETE CASCADE,
  text text NOT NULL,
  tsv tsvector NOT NULL
);
CREATE INDEX volltext_antraege_tsv ON volltext_antraege USING gin (tsv);

-- Statement-level with a transition table: a bulk intake of 100,000 Vorgänge is one INSERT here.
CREATE FUNCTION volltext_antraege_eintragen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO volltext_antraege (vorgang_id, text, tsv)
  SELECT t.id, t.text, to_tsvector('german', t.text)
    -- OFFSET 0: the text once per row, not once more inside to_tsvector.
    FROM (SELECT n.id, volltext_antrag_text(n.doc) AS text FROM neu n OFFSET 0) AS t
  ON CONFLICT (vorgang_id) DO UPDATE SET text = EXCLUDED.text, tsv = EXCLUDED.tsv;
  RETURN NULL;
END;
$$;

CREATE TRIGGER vorgaenge_volltext
  AFTER INSERT ON vorgaenge
  REFERENCING NEW TABLE AS neu
  FOR EACH STATEMENT EXECUTE FUNCTION volltext_antraege_eintragen();

-- The Antragsdaten do not change after intake; a repeated intake that corrects them does.
CREATE FUNCTION volltext_antrag_aktualisieren() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t text := volltext_antrag_text(NEW.doc);
BEGIN
  INSERT INTO volltext_antraege (vorgang_id, text, tsv) VALUES (NEW.id, t, to_tsvector('german', t))
  ON CONFLICT (vorgang_id) DO UPDATE SET text = EXCLUDED.text, tsv = EXCLUDED.tsv;
  RETURN NULL;
END;
$$;

CREATE TRIGGER vorgaenge_volltext_update
  AFTER UPDATE ON vorgaenge
  FOR EACH ROW
  WHEN ((OLD.doc->'antragsdaten', OLD.doc->'applicant', OLD.aktenzeichen)
        IS DISTINCT FROM (NEW.doc->'antragsdaten', NEW.doc->'applicant', NEW.aktenzeichen))
  EXECUTE FUNCTION volltext_antrag_aktualisieren();

-- The extraction of one file (docs/search.md, "Extraction"). state: indexed (text found, by
-- its text layer or OCR), no_text (nothing readable, OCR included), ocr_unavailable (no text
-- layer and no OCR installed: the marker "OCR nicht verfügbar"), failed (unreadable or
-- malformed, or the tools failed on every attempt; `reason` says how, never with content),
-- unsupported (a type without extraction).
CREATE TABLE volltext_dateien (
  sha256 text PRIMARY KEY REFERENCES blobs (sha256) ON DELETE CASCADE,
  state text NOT NULL CHECK (state IN ('indexed', 'no_text', 'ocr_unavailable', 'failed', 'unsupported')),
  -- As sniffed from the bytes (shared/domain/media-sniff.ts); null when none is known.
  media_type text,
  -- Pages of the file (1 for an image or a text file), pages read (the limit may stop it),
  -- pages read by OCR, and pages that needed OCR but got none (not installed, over the limit).
  pages integer NOT NULL CHECK (pages >= 0),
  pages_read integer NOT NULL CHECK (pages_read >= 0),
  ocr_pages integer NOT NULL CHECK (ocr_pages >= 0),
  ocr_missing integer NOT NULL CHECK (ocr_missing >= 0),
  chars integer NOT NULL CHECK (chars >= 0),
  -- The text limit cut it short.
  truncated boolean NOT NULL,
  reason text CHECK (reason ~ '^[a-z_]{1,40}$'),
  tsv tsvector,
  extracted_at timestamptz NOT NULL,
  CHECK ((state = 'indexed') = (tsv IS NOT NULL)),
  CHECK ((state = 'failed') = (reason IS NOT NULL))
);
CREATE INDEX volltext_dateien_tsv ON volltext_dateien USING gin (tsv);
-- The few files a search reports as not searchable.
CREATE INDEX volltext_dateien_not_indexed ON volltext_dateien (state) WHERE state <> 'indexed';

-- The text page by page, for the snippet (the page that matches best) and the page number.
CREATE TABLE volltext_seiten (
  sha256 text NOT NULL REFERENCES volltext_dateien (sha256) ON DELETE CASCADE,
  seite integer NOT NULL CHECK (seite >= 1),
  -- How this page was read: its text layer, OCR (a scanned page), or a plain text file.
  method text NOT NULL CHECK (method IN ('text_layer', 'ocr', 'plain_text')),
  text text NOT NULL,
  tsv tsvector NOT NULL,
  PRIMARY KEY (sha256, seite)
);

-- The extraction queue: one row per SHA-256 whose text is asked for and not read yet, written
-- in the transaction that files the document. A durable job queue of its own, not rows in
-- `jobs`: a backfill of thousands of documents must neither crowd the admins' job list nor
-- make sealing and filing wait behind OCR (the full-text worker is a lane of its own,
-- server/src/modules/search/worker.ts). Leases, retries and backoff as in `jobs` (0005); the
-- row is deleted with the extraction's record, or after its last attempt with a `failed` one.
CREATE TABLE volltext_auftraege (
  sha256 text PRIMARY KEY REFERENCES blobs (sha256) ON DELETE CASCADE,
  requested_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  run_after timestamptz,
  locked_by text,
  locked_until timestamptz,
  -- A code and a system message only (tool and failure), never the file's content.
  last_error text,
  CHECK ((locked_by IS NULL) = (locked_until IS NULL))
);
CREATE INDEX volltext_auftraege_due ON volltext_auftraege (run_after NULLS FIRST, requested_at);

-- Asks for the extraction of the given bytes: stored, not extracted and not asked for yet.
-- Returns how many were asked for; the worker is woken on PostgreSQL (PGlite polls).
CREATE FUNCTION volltext_anfordern(hashes text[]) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  n integer;
BEGIN
  INSERT INTO volltext_auftraege (sha256)
  SELECT x.h
    FROM (SELECT DISTINCT h FROM unnest(hashes) AS u(h)) AS x
   WHERE EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = x.h)
     AND NOT EXISTS (SELECT 1 FROM volltext_dateien f WHERE f.sha256 = x.h)
   ORDER BY x.h
  ON CONFLICT (sha256) DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n > 0 THEN
    PERFORM pg_notify('amtsplatz_volltext', '');
  END IF;
  RETURN n;
END;
$$;

-- Every filed document, whichever path files it (intake, Nachreichung, upload, Bescheid, demo
-- seed), asks for its text in the transaction that files it.
CREATE FUNCTION volltext_dokumente_anfordern() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM volltext_anfordern(ARRAY(SELECT DISTINCT n.sha256 FROM neu n));
  RETURN NULL;
END;
$$;

CREATE TRIGGER dokumente_volltext
  AFTER INSERT ON dokumente
  REFERENCING NEW TABLE AS neu
  FOR EACH STATEMENT EXECUTE FUNCTION volltext_dokumente_anfordern();

-- The search reaches the documents shared by a grant through their Vorgang (and the Löschung
-- deletes by it).
CREATE INDEX IF NOT EXISTS dokumente_vorgang_id ON dokumente (vorgang_id);

-- What is there already: the Antragsdaten now, the documents' text by the worker.
INSERT INTO volltext_antraege (vorgang_id, text, tsv)
SELECT t.id, t.text, to_tsvector('german', t.text)
  FROM (SELECT v.id, volltext_antrag_text(v.doc) AS text FROM vorgaenge v OFFSET 0) AS t;

SELECT volltext_anfordern(ARRAY(SELECT DISTINCT sha256 FROM dokumente));
