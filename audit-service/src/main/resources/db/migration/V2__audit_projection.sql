-- The audit projection: append-only, hash-chained per tenant, with signed checkpoints.
-- Runs as the migration login (it needs CREATEROLE); creates both roles of this database:
--   ${owner_role}   NOLOGIN, owns every object below;
--   ${runtime_role} LOGIN, what the service connects as: SELECT and INSERT only on the audit records.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${owner_role}') THEN
    CREATE ROLE ${owner_role} NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${runtime_role}') THEN
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', '${runtime_role}', '${runtime_password}');
  END IF;
END $$;

GRANT ${owner_role} TO CURRENT_USER;
GRANT USAGE, CREATE ON SCHEMA public TO ${owner_role};
GRANT USAGE ON SCHEMA public TO ${runtime_role};
SET ROLE ${owner_role};

CREATE TABLE audit_event (
    tenant_hash   char(64)    NOT NULL,
    seq           bigint      NOT NULL CHECK (seq > 0),
    event_id      uuid        NOT NULL,
    occurred_at   timestamptz NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    service       text        NOT NULL,
    actor         char(64),
    action        text        NOT NULL,
    resource_type text,
    resource_id   text,
    outcome       text        NOT NULL CHECK (outcome IN ('success', 'denied', 'error')),
    request_id    text,
    details       jsonb       NOT NULL,
    prev_hash     char(64)    NOT NULL,
    hash          char(64)    NOT NULL,
    PRIMARY KEY (tenant_hash, seq),
    CONSTRAINT audit_event_id_once UNIQUE (event_id)
);
CREATE INDEX audit_event_by_time ON audit_event (tenant_hash, occurred_at);
CREATE INDEX audit_event_by_action ON audit_event (tenant_hash, action, seq);
CREATE INDEX audit_event_by_resource ON audit_event (tenant_hash, resource_type, resource_id, seq);
CREATE INDEX audit_event_by_recorded ON audit_event (tenant_hash, recorded_at);

-- The head of each tenant's chain: the only mutable table (the ingest serializes on its row lock).
CREATE TABLE audit_chain_head (
    tenant_hash        char(64)    PRIMARY KEY,
    last_seq           bigint      NOT NULL,
    last_hash          char(64)    NOT NULL,
    since_checkpoint   integer     NOT NULL,
    last_checkpoint_at timestamptz NOT NULL
);

CREATE TABLE audit_checkpoint (
    tenant_hash char(64)    NOT NULL,
    seq         bigint      NOT NULL,
    hash        char(64)    NOT NULL,
    kid         text        NOT NULL,
    mac         char(64)    NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_hash, seq)
);

-- Kafka records that were not audit events at all: where they were, and why; never their content.
CREATE TABLE audit_ingest_rejection (
    id           bigserial   PRIMARY KEY,
    topic        text        NOT NULL,
    partition_no integer     NOT NULL,
    record_offset bigint     NOT NULL,
    reason       text        NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT audit_ingest_rejection_once UNIQUE (topic, partition_no, record_offset)
);

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit records are append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

GRANT SELECT, INSERT ON audit_event, audit_checkpoint, audit_ingest_rejection TO ${runtime_role};
GRANT SELECT, INSERT, UPDATE ON audit_chain_head TO ${runtime_role};
GRANT USAGE ON SEQUENCE audit_ingest_rejection_id_seq TO ${runtime_role};

RESET ROLE;
