-- Workspaces, their uploaded claims, providers and members, the rule catalogue, rule hits, investigation cases and
-- pipeline runs. A workspace is one (tenant hash, workspace id); every other row carries its ws_key, a compact
-- surrogate of that pair (the claim tables hold millions of rows), and every query of the service resolves ws_key
-- from the caller's tenant hash and workspace first.

CREATE TABLE workspace (
    ws_key             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_hash        char(64)    NOT NULL,
    workspace_id       text        NOT NULL CHECK (char_length(workspace_id) BETWEEN 1 AND 64),
    needs_reprocessing boolean     NOT NULL DEFAULT false,
    last_pipeline_run  uuid,
    last_run_at        timestamptz,
    case_counter       bigint      NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_hash, workspace_id)
);

CREATE TABLE upload (
    id            uuid        PRIMARY KEY,
    ws_key        bigint      NOT NULL REFERENCES workspace (ws_key),
    kind          text        NOT NULL CHECK (kind IN ('medical', 'pharmacy', 'providers', 'members')),
    rows_total    integer     NOT NULL,
    rows_accepted integer     NOT NULL,
    rows_rejected integer     NOT NULL,
    bytes         bigint      NOT NULL,
    uploaded_by   char(64)    NOT NULL,
    created_at    timestamptz NOT NULL
);
CREATE INDEX upload_ws ON upload (ws_key, created_at DESC);

CREATE TABLE provider (
    ws_key    bigint NOT NULL REFERENCES workspace (ws_key),
    npi       char(10) NOT NULL,
    name      text,
    specialty text,
    state     char(2),
    upload_id uuid   NOT NULL,
    PRIMARY KEY (ws_key, npi)
);

-- Names and date of birth are AES-256-GCM ciphertexts made by compliance-service (field member.firstName,
-- member.lastName, member.dateOfBirth); the service never stores or logs them in the clear.
CREATE TABLE member (
    ws_key            bigint NOT NULL REFERENCES workspace (ws_key),
    member_id         text   NOT NULL,
    first_name_enc    text,
    last_name_enc     text,
    date_of_birth_enc text,
    coverage_end      date,
    upload_id         uuid   NOT NULL,
    PRIMARY KEY (ws_key, member_id)
);

-- Claims as uploaded: syntactically valid (types parse); empty cells are NULL, and the quality gate decides whether
-- that is acceptable. processed_run is the run that last processed the claim (NULL: not processed yet).
CREATE TABLE medical_claim (
    ws_key           bigint        NOT NULL REFERENCES workspace (ws_key),
    claim_id         text          NOT NULL,
    member_id        text,
    provider_npi     text,
    service_date     date,
    cpt_code         text,
    units            integer,
    amount_billed    numeric(12, 2),
    diagnosis_code   text,
    place_of_service text,
    upload_id        uuid          NOT NULL,
    quality_status   text          CHECK (quality_status IN ('passed', 'failed')),
    processed_run    uuid,
    PRIMARY KEY (ws_key, claim_id)
);
CREATE INDEX medical_claim_unprocessed ON medical_claim (ws_key) WHERE processed_run IS NULL;
CREATE INDEX medical_claim_provider ON medical_claim (ws_key, provider_npi);

CREATE TABLE pharmacy_claim (
    ws_key         bigint        NOT NULL REFERENCES workspace (ws_key),
    claim_id       text          NOT NULL,
    member_id      text,
    pharmacy_npi   text,
    prescriber_npi text,
    fill_date      date,
    ndc_code       text,
    quantity       numeric(12, 3),
    days_supply    integer,
    amount_billed  numeric(12, 2),
    upload_id      uuid          NOT NULL,
    quality_status text          CHECK (quality_status IN ('passed', 'failed')),
    processed_run  uuid,
    PRIMARY KEY (ws_key, claim_id)
);
CREATE INDEX pharmacy_claim_unprocessed ON pharmacy_claim (ws_key) WHERE processed_run IS NULL;
CREATE INDEX pharmacy_claim_pharmacy ON pharmacy_claim (ws_key, pharmacy_npi);

-- The rule catalogue as configured (written at start-up from parley.pipeline.rules.*), for listing and joins.
CREATE TABLE rule (
    rule_id     text    PRIMARY KEY CHECK (rule_id ~ '^RULE-[A-Z]{2,4}-[0-9]{3}$'),
    name        text    NOT NULL,
    description text    NOT NULL,
    claim_kind  text    NOT NULL CHECK (claim_kind IN ('medical', 'pharmacy')),
    weight      numeric NOT NULL,
    cap         numeric NOT NULL,
    enabled     boolean NOT NULL,
    thresholds  jsonb   NOT NULL
);

-- One hit per (rule, claim): re-running a rule never duplicates it. provider_npi is who the hit counts against
-- (the billing provider; for pharmacy claims the pharmacy).
CREATE TABLE rule_hit (
    ws_key       bigint      NOT NULL REFERENCES workspace (ws_key),
    rule_id      text        NOT NULL REFERENCES rule (rule_id),
    claim_kind   text        NOT NULL CHECK (claim_kind IN ('medical', 'pharmacy')),
    claim_id     text        NOT NULL,
    provider_npi text        NOT NULL,
    detail       text        NOT NULL CHECK (char_length(detail) <= 200),
    run_id       uuid        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (ws_key, rule_id, claim_id)
);
CREATE INDEX rule_hit_provider ON rule_hit (ws_key, provider_npi);

-- One case per provider and workspace: re-running the pipeline updates its score and evidence, never duplicates it.
CREATE TABLE investigation_case (
    ws_key       bigint        NOT NULL REFERENCES workspace (ws_key),
    case_id      text          NOT NULL CHECK (case_id ~ '^CASE-[0-9]{6,}$'),
    provider_npi text          NOT NULL,
    risk_score   numeric(6, 2) NOT NULL,
    risk_level   text          NOT NULL CHECK (risk_level IN ('low', 'medium', 'high', 'critical')),
    status       text          NOT NULL CHECK (status IN ('open', 'in_review', 'escalated', 'closed')),
    assignee     text          CHECK (char_length(assignee) <= 128),
    hit_count    integer       NOT NULL,
    run_id       uuid          NOT NULL,
    created_at   timestamptz   NOT NULL,
    updated_at   timestamptz   NOT NULL,
    PRIMARY KEY (ws_key, case_id),
    UNIQUE (ws_key, provider_npi)
);
CREATE INDEX investigation_case_risk ON investigation_case (ws_key, risk_score DESC, case_id);

CREATE TABLE case_evidence (
    ws_key     bigint NOT NULL,
    case_id    text   NOT NULL,
    claim_kind text   NOT NULL CHECK (claim_kind IN ('medical', 'pharmacy')),
    claim_id   text   NOT NULL,
    rule_ids   text[] NOT NULL,
    PRIMARY KEY (ws_key, case_id, claim_id),
    FOREIGN KEY (ws_key, case_id) REFERENCES investigation_case (ws_key, case_id)
);

CREATE TABLE case_comment (
    id         uuid        PRIMARY KEY,
    ws_key     bigint      NOT NULL,
    case_id    text        NOT NULL,
    author     char(64)    NOT NULL,
    body       text        NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
    created_at timestamptz NOT NULL,
    FOREIGN KEY (ws_key, case_id) REFERENCES investigation_case (ws_key, case_id)
);
CREATE INDEX case_comment_case ON case_comment (ws_key, case_id, created_at);

CREATE TABLE pipeline_run (
    id              uuid        PRIMARY KEY,
    ws_key          bigint      NOT NULL REFERENCES workspace (ws_key),
    job_id          uuid        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    quality_mode    text        NOT NULL CHECK (quality_mode IN ('skip_invalid', 'halt_on_errors', 'flag_only')),
    force_reprocess boolean     NOT NULL,
    config_snapshot jsonb       NOT NULL,
    stats           jsonb,
    quality_report  jsonb,
    error           text        CHECK (char_length(error) <= 500),
    started_at      timestamptz NOT NULL,
    completed_at    timestamptz
);
CREATE INDEX pipeline_run_ws ON pipeline_run (ws_key, started_at DESC, id DESC);
