-- Org units become a synced entity (shared/sync/entities.ts `orgUnit`, scope `public`): every
-- client keeps the catalogue, e.g. to hand a Vorgang to another unit. Rows written later get
-- their change seq from the default, inside the writer's transaction (which holds the write
-- lock, docs/sync-protocol.md); existing rows get one now.
ALTER TABLE org_units ADD COLUMN change_seq bigint;
UPDATE org_units SET change_seq = nextval('change_seq_seq');
ALTER TABLE org_units ALTER COLUMN change_seq SET DEFAULT nextval('change_seq_seq');
ALTER TABLE org_units ALTER COLUMN change_seq SET NOT NULL;
CREATE INDEX org_units_change_seq ON org_units (change_seq);
