-- Scopes as grants (docs/adr/0006-entity-registry-commands-scopes.md). A row is visible to the
-- org unit in its `org_unit_id` column (the owning unit's grant, indexed with change_seq for the
-- pull) and to every grantee of an extra grant on its Vorgang. What leaves a grantee's scope is
-- recorded as an exit, so clients drop it: pull sends entries and exits in one seq order.

-- Extra grants on a Vorgang beyond its owning org unit: `grantee` is 'org:<org unit id>' or
-- 'user:<user id>'; `entities` names which of the Vorgang's rows the grant shares (an Umlauf
-- shares the Vorgang header, the draft and chosen documents, not the notes).
CREATE TABLE scope_grants (
  vorgang_id uuid NOT NULL REFERENCES vorgaenge (id),
  grantee text NOT NULL CHECK (grantee ~ '^(org|user):.+$'),
  entities text[] NOT NULL,
  reason text NOT NULL,
  change_seq bigint NOT NULL,
  PRIMARY KEY (vorgang_id, grantee)
);
CREATE INDEX scope_grants_grantee ON scope_grants (grantee);

-- A row that left a grantee's scope (the Vorgang moved to another org unit, a grant ended).
-- `vorgang_id` lets the pull skip exits of rows the client still sees through another grant.
CREATE TABLE scope_exits (
  grantee text NOT NULL CHECK (grantee ~ '^(org|user):.+$'),
  entity text NOT NULL,
  row_id text NOT NULL,
  vorgang_id uuid NOT NULL,
  change_seq bigint NOT NULL
);
CREATE INDEX scope_exits_grantee_change_seq ON scope_exits (grantee, change_seq);

-- Documents stay immutable, but their grant moves with the Vorgang: only org_unit_id and
-- change_seq may change.
CREATE OR REPLACE FUNCTION dokumente_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'dokumente are immutable';
  END IF;
  IF (NEW.id, NEW.vorgang_id, NEW.sha256, NEW.doc) IS DISTINCT FROM (OLD.id, OLD.vorgang_id, OLD.sha256, OLD.doc) THEN
    RAISE EXCEPTION 'dokumente are immutable';
  END IF;
  RETURN NEW;
END;
$$;

-- A sealed Bescheid keeps what was sealed; its grant may move with the Vorgang.
CREATE OR REPLACE FUNCTION bescheide_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'bescheide are never deleted';
  END IF;
  IF OLD.state = 'gesiegelt' AND (NEW.id, NEW.vorgang_id, NEW.state, NEW.doc)
     IS DISTINCT FROM (OLD.id, OLD.vorgang_id, OLD.state, OLD.doc) THEN
    RAISE EXCEPTION 'a sealed Bescheid cannot change';
  END IF;
  RETURN NEW;
END;
$$;
