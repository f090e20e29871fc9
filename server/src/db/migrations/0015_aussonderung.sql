-- The Aussonderung (docs/e-akte.md, "Aussonderung"): one row per Prozess from the offer
-- (Anbieteverzeichnis 0501) through the archive's Bewertung (0502), the hand-over (0503) and
-- the archive's import confirmation (0506) to the deletion. The messages' records (`sent_*`)
-- are what the archive's answers are checked against; the rows outlive the Akten they name.
CREATE TABLE aussonderungen (
  prozess_id uuid PRIMARY KEY,
  state text NOT NULL CHECK (state IN ('angelegt', 'angeboten', 'bewertet', 'uebergeben', 'importiert', 'abgeschlossen', 'fehler')),
  veranlasst_von text NOT NULL,
  sent_0501 jsonb,
  sent_0503 jsonb,
  grund text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- The Akten of an Aussonderung: offered, then decided by the archive (A: archivieren, V:
-- vernichten), then deleted here. An Akte is in at most one running Aussonderung.
CREATE TABLE aussonderung_akten (
  prozess_id uuid NOT NULL REFERENCES aussonderungen (prozess_id),
  akte_id uuid NOT NULL,
  xdomea_id uuid NOT NULL,
  entscheidung text CHECK (entscheidung IN ('A', 'V')),
  geloescht boolean NOT NULL DEFAULT false,
  PRIMARY KEY (prozess_id, akte_id)
);
CREATE INDEX aussonderung_akten_akte_id ON aussonderung_akten (akte_id);
