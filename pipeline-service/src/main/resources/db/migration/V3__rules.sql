-- What the rules and quality gates need beyond V2.

-- The NPI check of the quality gate (README: Quality gates): ten digits passing the Luhn check with the prefix 80840.
-- The prefix adds a constant 24 to the Luhn sum of the ten digits, doubling the 1st, 3rd, 5th, 7th and 9th (a
-- doubled digit d counts 2d, less 9 from 5 on). Plain SQL, so the planner inlines it into set-based queries.
CREATE FUNCTION npi_valid(npi text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT npi ~ '^[0-9]{10}$' AND (24
        + (2 * (ascii(substr(npi, 1, 1)) - 48) - 9 * ((ascii(substr(npi, 1, 1)) - 48) / 5))
        + (ascii(substr(npi, 2, 1)) - 48)
        + (2 * (ascii(substr(npi, 3, 1)) - 48) - 9 * ((ascii(substr(npi, 3, 1)) - 48) / 5))
        + (ascii(substr(npi, 4, 1)) - 48)
        + (2 * (ascii(substr(npi, 5, 1)) - 48) - 9 * ((ascii(substr(npi, 5, 1)) - 48) / 5))
        + (ascii(substr(npi, 6, 1)) - 48)
        + (2 * (ascii(substr(npi, 7, 1)) - 48) - 9 * ((ascii(substr(npi, 7, 1)) - 48) / 5))
        + (ascii(substr(npi, 8, 1)) - 48)
        + (2 * (ascii(substr(npi, 9, 1)) - 48) - 9 * ((ascii(substr(npi, 9, 1)) - 48) / 5))
        + (ascii(substr(npi, 10, 1)) - 48)) % 10 = 0
$$;

-- A medical and a pharmacy claim may carry the same claim id (two tables, two keys), and one NPI may bill both
-- kinds: the evidence of a case is keyed by kind and claim id, as the claims are.
ALTER TABLE case_evidence DROP CONSTRAINT case_evidence_pkey;
ALTER TABLE case_evidence ADD PRIMARY KEY (ws_key, case_id, claim_kind, claim_id);

-- Every run rewrites each claim in scope twice: the quality gate sets quality_status, the job sets processed_run.
-- With half of each page left free (pages are written so by COPY and INSERT), both updates stay on the claim's page
-- and touch no index (HOT updates): over a million claims on a small server that is ~2 s per update instead of
-- ~15 s, at the price of tables twice the size (a sequential scan reads 2x the pages, still ~0.4 s per million).
ALTER TABLE medical_claim SET (fillfactor = 50);
ALTER TABLE pharmacy_claim SET (fillfactor = 50);

-- An index whose predicate names processed_run makes every processed_run update a non-HOT one (a new index entry in
-- every index of the table for every claim). Unprocessed claims are found by scanning the workspace, which the gate
-- does anyway (duplicates and outliers are judged against all of the workspace's claims).
DROP INDEX medical_claim_unprocessed;
DROP INDEX pharmacy_claim_unprocessed;
