-- The outbox also carries a service's own domain events (such as parley.conversations.v1), committed with the change
-- like its audit events. NULL keeps the audit topic.
ALTER TABLE audit_outbox ADD COLUMN topic text;
