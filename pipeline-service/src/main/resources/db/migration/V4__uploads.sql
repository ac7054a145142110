-- Uploads load claims a million at a time (COPY into staging, then one INSERT ... SELECT). The row-level foreign keys
-- from the two claim tables to workspace cost 40% of the database's time for that insert (one lookup and lock of the
-- workspace row per claim: 4.4 s of backend CPU per 333,333 claims with them, 2.5 s without, on the 2-core machine).
-- What they guarded stays guarded: ClaimsLoader is the only writer of claim rows, it inserts a ws_key it has just
-- read from workspace in the same transaction and locks that workspace row FOR KEY SHARE (the lock each row's check
-- took, taken once), and workspaces are never deleted. provider, member and upload keep their foreign keys.
ALTER TABLE medical_claim DROP CONSTRAINT medical_claim_ws_key_fkey;
ALTER TABLE pharmacy_claim DROP CONSTRAINT pharmacy_claim_ws_key_fkey;
