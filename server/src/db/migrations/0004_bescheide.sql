-- Bescheide (docs/bescheid-freigabe.md): the decision letter of a Vorgang from draft through
-- 4-eyes Freigabe to the sealed document. `doc` is the shared Bescheid as clients receive it;
-- `state` is an indexed copy of doc->>'state'.
CREATE TABLE bescheide (
  id uuid PRIMARY KEY,
  vorgang_id uuid NOT NULL REFERENCES vorgaenge (id),
  org_unit_id text NOT NULL REFERENCES org_units (id),
  state text NOT NULL CHECK (state IN ('entwurf', 'eingereicht', 'zurueckgegeben', 'freigegeben', 'gesiegelt')),
  doc jsonb NOT NULL,
  change_seq bigint NOT NULL
);
CREATE INDEX bescheide_org_unit_change_seq ON bescheide (org_unit_id, change_seq);
CREATE INDEX bescheide_vorgang_id ON bescheide (vorgang_id);

-- A sealed Bescheid is final: its sealed PDF is an immutable Dokument, and the row must keep
-- saying what was sealed. Only a new change_seq is allowed (a rejected push re-announces the
-- authoritative row). Bescheide are never deleted. TRUNCATE (test resets) is not affected.
CREATE FUNCTION bescheide_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'bescheide are never deleted';
  END IF;
  IF OLD.state = 'gesiegelt' AND (NEW.id, NEW.vorgang_id, NEW.org_unit_id, NEW.state, NEW.doc)
     IS DISTINCT FROM (OLD.id, OLD.vorgang_id, OLD.org_unit_id, OLD.state, OLD.doc) THEN
    RAISE EXCEPTION 'a sealed Bescheid cannot change';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER bescheide_sealed_final
  BEFORE UPDATE OR DELETE ON bescheide
  FOR EACH ROW EXECUTE FUNCTION bescheide_refuse_change();
