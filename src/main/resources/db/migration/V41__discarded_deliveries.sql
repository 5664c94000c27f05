-- A dead letter an operator discards (POST /admin/delivery/discard) because it can never be applied: status
-- discarded is final like delivered. It is never claimed or replayed, is not counted as a dead letter, and its event
-- ages out with the retention of delivered events (dev.ofg.store.RetentionRecords, docs/retention.md).
-- V30 declared the status CHECK inline, so PostgreSQL named it deliveries_status_check.

ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check CHECK (status IN ('pending', 'in_flight', 'parked',
    'delivered', 'dead_lettered', 'discarded'));

ALTER TABLE deliveries
    ADD COLUMN discarded_at    TIMESTAMPTZ,
    ADD COLUMN discarded_by    TEXT,               -- the admin's subject
    ADD COLUMN discard_reason  TEXT;               -- why it can never be applied; last_error keeps the failure

-- Per-target discarded counts (GET /admin/delivery/targets) and the retention of discarded events.
CREATE INDEX deliveries_discarded_idx ON deliveries (discarded_at) WHERE status = 'discarded';
