-- The Umlauf (Mitzeichnung) of a Bescheid draft (docs/umlauf.md): a synced entity
-- (shared/sync/entities.ts `umlauf`, scope `vorgang`), one per Bescheid (it carries the
-- Bescheid's id). Its participants see it, with the Vorgang and the Bescheid, through grants
-- (scope_grants) opened step by step.
CREATE TABLE umlaeufe (
  id uuid PRIMARY KEY,
  vorgang_id uuid NOT NULL REFERENCES vorgaenge (id),
  org_unit_id text NOT NULL REFERENCES org_units (id),
  state text NOT NULL CHECK (state IN ('laufend', 'abgeschlossen', 'einwand', 'wartet')),
  doc jsonb NOT NULL,
  change_seq bigint NOT NULL
);
CREATE INDEX umlaeufe_org_unit_change_seq ON umlaeufe (org_unit_id, change_seq);
CREATE INDEX umlaeufe_vorgang_id ON umlaeufe (vorgang_id);

-- Like notes: a concluded Vorgang's Umlauf is part of the record and does not change.
CREATE TRIGGER umlaeufe_closed_read_only_insert
  BEFORE INSERT ON umlaeufe
  FOR EACH ROW EXECUTE FUNCTION refuse_write_to_closed_vorgang();

CREATE TRIGGER umlaeufe_closed_read_only_update
  BEFORE UPDATE ON umlaeufe
  FOR EACH ROW WHEN (OLD.doc IS DISTINCT FROM NEW.doc)
  EXECUTE FUNCTION refuse_write_to_closed_vorgang();

CREATE TRIGGER umlaeufe_recorded_delete
  BEFORE DELETE ON umlaeufe
  FOR EACH ROW EXECUTE FUNCTION rows_refuse_unrecorded_delete();
