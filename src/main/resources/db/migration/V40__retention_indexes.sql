-- Indexes the retention job needs (dev.ofg.store.RetentionRecords, docs/retention.md). Without them each purge
-- batch would scan the whole outbox or inbox, because the rows it looks for are selected by age, not by key.
--
-- IF NOT EXISTS: on a store whose tables are already large, an operator may create these indexes beforehand with
-- CREATE INDEX CONCURRENTLY (same names and definitions; it cannot run inside this migration's transaction), so
-- that the upgrade does not block writes to the outbox and inbox while they are built.

-- Published outbox rows by age: the candidates for purging delivered events.
CREATE INDEX IF NOT EXISTS outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL;

-- Which outbox events an inbox row became (payload_ref = 'inbox:<id>'): an inbox row whose event is still
-- undelivered is kept.
CREATE INDEX IF NOT EXISTS outbox_payload_ref_idx ON outbox (payload_ref) WHERE payload_ref IS NOT NULL;

-- Inbox events by age.
CREATE INDEX IF NOT EXISTS inbox_received_idx ON inbox (received_at);
