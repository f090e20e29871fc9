-- Deliveries of closed Akten to the authority's DMS (FVDaten.SGOAblegen.0605, docs/e-akte.md).
-- One row per message sent: its ProzessID (the name of the file the connector delivers, and
-- what the DMS's answers name) and the record of the message the answers are checked against.
-- The state the clerks see lives in the Akte (`doc.dms`); this table is the server's memory of
-- what it sent. Rows are kept (they are the delivery's evidence) and never change but `state`.
CREATE TABLE dms_ablagen (
  prozess_id uuid PRIMARY KEY,
  akte_id uuid NOT NULL REFERENCES akten (id),
  sent jsonb NOT NULL,
  state text NOT NULL CHECK (state IN ('ausstehend', 'empfangen', 'abgelegt', 'fehler')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX dms_ablagen_akte_id ON dms_ablagen (akte_id);
