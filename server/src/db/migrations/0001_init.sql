-- Amtsplatz server schema v1. Runs unchanged on PostgreSQL 15+ and PGlite.
--
-- change_seq: one global sequence orders every change a client can pull. Writers take
-- pg_advisory_xact_lock(WRITE_LOCK_KEY) before nextval, so allocation order equals commit
-- order and a pull cursor never skips a change that commits late (docs/sync-protocol.md).
CREATE SEQUENCE change_seq_seq AS bigint;

CREATE TABLE org_units (
  id text PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE users (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  roles jsonb NOT NULL CHECK (jsonb_typeof(roles) = 'array'),
  org_unit_id text NOT NULL REFERENCES org_units (id),
  -- Demo accounts (password "demo") can only log in while the server runs with --demo.
  is_demo boolean NOT NULL DEFAULT false,
  change_seq bigint NOT NULL
);
CREATE INDEX users_org_unit_change_seq ON users (org_unit_id, change_seq);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user_id ON sessions (user_id);

-- Failed logins inside the throttle window; a successful login deletes its username's rows.
CREATE TABLE login_failures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL,
  ip text NOT NULL,
  failed_at timestamptz NOT NULL
);
CREATE INDEX login_failures_username ON login_failures (username, failed_at);
CREATE INDEX login_failures_ip ON login_failures (ip, failed_at);

CREATE TABLE vorgaenge (
  id uuid PRIMARY KEY,
  aktenzeichen text NOT NULL UNIQUE,
  verfahren_id text NOT NULL,
  org_unit_id text NOT NULL REFERENCES org_units (id),
  assignee_id text REFERENCES users (id),
  status text NOT NULL,
  frist date NOT NULL,
  version integer NOT NULL,
  -- The full shared Vorgang as clients receive it; the columns above are indexed copies.
  doc jsonb NOT NULL,
  change_seq bigint NOT NULL
);
CREATE INDEX vorgaenge_org_unit_change_seq ON vorgaenge (org_unit_id, change_seq);
CREATE INDEX vorgaenge_assignee ON vorgaenge (assignee_id);

CREATE TABLE notes (
  id uuid PRIMARY KEY,
  vorgang_id uuid NOT NULL REFERENCES vorgaenge (id),
  org_unit_id text NOT NULL REFERENCES org_units (id),
  doc jsonb NOT NULL,
  change_seq bigint NOT NULL
);
CREATE INDEX notes_org_unit_change_seq ON notes (org_unit_id, change_seq);
CREATE INDEX notes_vorgang_id ON notes (vorgang_id);

-- A client id belongs to the first user who used it.
CREATE TABLE sync_clients (
  client_id uuid PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  last_mutation_seq bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL
);

CREATE TABLE mutation_rejections (
  client_id uuid NOT NULL REFERENCES sync_clients (client_id),
  mutation_seq bigint NOT NULL,
  user_id text NOT NULL REFERENCES users (id),
  name text NOT NULL,
  code text NOT NULL,
  message text NOT NULL,
  rejected_at timestamptz NOT NULL,
  change_seq bigint NOT NULL,
  PRIMARY KEY (client_id, mutation_seq)
);
CREATE INDEX mutation_rejections_client_change_seq ON mutation_rejections (client_id, change_seq);
