-- Conversations, their append-only messages, page contexts and reminders. Every row carries the tenant hash (and
-- the owner's subject hash) it belongs to; every query of the service filters by them.

CREATE TABLE conversation (
    id            uuid        PRIMARY KEY,
    tenant_hash   char(64)    NOT NULL,
    owner         char(64)    NOT NULL,
    workspace_id  text        NOT NULL,
    mode          text        NOT NULL CHECK (mode IN ('global', 'page')),
    page_key      text,
    resource_type text,
    resource_id   text,
    title         text        CHECK (char_length(title) <= 80),
    case_id       text,
    last_seq      bigint      NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    deleted_at    timestamptz,
    CHECK (mode = 'global' OR page_key IS NOT NULL)
);
-- the owner's list, newest first
CREATE INDEX conversation_owner_recent ON conversation (tenant_hash, owner, workspace_id, updated_at DESC, id DESC)
    WHERE deleted_at IS NULL;
-- page mode: the one active conversation of an owner's page
CREATE INDEX conversation_owner_page ON conversation (tenant_hash, owner, page_key, updated_at DESC)
    WHERE deleted_at IS NULL AND mode = 'page';
-- the purge job
CREATE INDEX conversation_expiry ON conversation (expires_at);

-- Append-only: rows are inserted with the next gap-free seq of their conversation and never updated.
CREATE TABLE message (
    id              uuid        PRIMARY KEY,
    conversation_id uuid        NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    seq             bigint      NOT NULL CHECK (seq > 0),
    role            text        NOT NULL CHECK (role IN ('user', 'assistant', 'system', 'tool')),
    content         text        NOT NULL,
    sources         jsonb,
    model           text,
    prompt_version  text,
    confidence      text        CHECK (confidence IN ('high', 'medium', 'low')),
    usage           jsonb,
    created_at      timestamptz NOT NULL,
    UNIQUE (conversation_id, seq)
);

CREATE FUNCTION message_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'message rows are append-only';
END $$;
CREATE TRIGGER message_no_update BEFORE UPDATE ON message
    FOR EACH ROW EXECUTE FUNCTION message_is_append_only();

CREATE TABLE page_context (
    conversation_id uuid        PRIMARY KEY REFERENCES conversation (id) ON DELETE CASCADE,
    resource_type   text        NOT NULL,
    resource_id     text        NOT NULL,
    context_hash    char(64)    NOT NULL,
    summary         text        NOT NULL,
    facts           jsonb       NOT NULL,
    context_version text,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX page_context_resource ON page_context (resource_type, resource_id);

CREATE TABLE reminder (
    id              uuid        PRIMARY KEY,
    tenant_hash     char(64)    NOT NULL,
    owner           char(64)    NOT NULL,
    conversation_id uuid        REFERENCES conversation (id) ON DELETE CASCADE,
    due_at          timestamptz NOT NULL,
    text            text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'fired', 'cancelled')),
    created_at      timestamptz NOT NULL
);
CREATE INDEX reminder_due ON reminder (due_at) WHERE status = 'pending';
CREATE INDEX reminder_owner ON reminder (tenant_hash, owner, due_at);
