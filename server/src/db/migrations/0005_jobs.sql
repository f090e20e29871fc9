-- Durable jobs (docs/adr/0005-durable-jobs.md, docs/operations.md): side effects of a command
-- (sealing an approved Bescheid) are written here in the command's own transaction and run by a
-- worker loop afterwards, with retries, so a crash after the commit loses none of them.
--
-- pending: waits for run_after (NULL: as soon as possible); running: claimed by the worker
-- locked_by until locked_until (the lease; afterwards any worker may claim it again); done;
-- dead: failed for good (attempts used up or a permanent error), kept with its last error for
-- the admins, who can set it pending again.
CREATE TABLE jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9-]{0,62}$'),
  -- A second enqueue of the same side effect (a retried command) is a no-op.
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  payload jsonb NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'dead')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  run_after timestamptz,
  locked_by text,
  locked_until timestamptz,
  -- Code and a system message only (no payload values, no personal data).
  last_error_code text,
  last_error_message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  UNIQUE (kind, idempotency_key),
  CHECK ((state = 'running') = (locked_by IS NOT NULL AND locked_until IS NOT NULL)),
  CHECK ((state IN ('done', 'dead')) = (finished_at IS NOT NULL))
);

-- The worker's claim scans only unfinished jobs; done and dead ones pile up outside this index.
CREATE INDEX jobs_unfinished ON jobs (run_after NULLS FIRST, id) WHERE state IN ('pending', 'running');
-- The admin list by state, newest first.
CREATE INDEX jobs_state_id ON jobs (state, id);

-- Approvals from before this migration were sealed right after the approving push; one that
-- failed then (no seal configured, a TSA outage) gets its job now rather than waiting for a
-- manual POST /api/bescheid/seal.
INSERT INTO jobs (kind, idempotency_key, payload)
SELECT 'seal-bescheid', id::text, jsonb_build_object('bescheidId', id::text)
FROM bescheide WHERE state = 'freigegeben'
ORDER BY id;
