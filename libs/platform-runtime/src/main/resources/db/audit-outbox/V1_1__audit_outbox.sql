-- The transactional outbox of audit events (platform-runtime): a service writes the event in the same transaction
-- as the state change; AuditOutboxRelay sends it to Kafka and deletes it once the broker acknowledged.
-- Services that own PostgreSQL add db/audit-outbox to quarkus.flyway.locations; their own migrations start at V2.
CREATE TABLE audit_outbox (
    id         bigserial   PRIMARY KEY,
    event_id   uuid        NOT NULL UNIQUE,
    action     text        NOT NULL,
    record_key text        NOT NULL,
    payload    bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
