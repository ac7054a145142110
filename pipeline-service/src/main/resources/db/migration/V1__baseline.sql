-- Baseline of parley_pipeline: nobody but the owning role may create objects in the public schema.
-- Later migrations of this service add its tables; other services never read them.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
COMMENT ON SCHEMA public IS 'Owned by pipeline-service; no other service reads or writes it.';
