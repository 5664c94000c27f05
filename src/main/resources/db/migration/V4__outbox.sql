-- Transactional outbox: finance events written in the same transaction as the change that caused them
-- (an inbox row, an import, an API write). The relay claims pending rows with FOR UPDATE SKIP LOCKED and
-- publishes them on the event bus; see dev.ofg.store.OutboxRecords and dev.ofg.delivery.
CREATE TABLE outbox (
    seq              BIGSERIAL    PRIMARY KEY,          -- global insertion order
    event_id         UUID         NOT NULL UNIQUE,      -- stable id every target dedupes on
    event_type       TEXT         NOT NULL,             -- e.g. payment.succeeded
    event_version    INTEGER      NOT NULL,
    aggregate_type   TEXT         NOT NULL,             -- invoice | payment | statement | mandate | payout | ...
    aggregate_id     TEXT         NOT NULL,             -- ordering key: events of one aggregate go in sequence
    source           TEXT         NOT NULL,             -- api | webhook source name | bank import
    source_event_id  TEXT,
    correlation_id   TEXT         NOT NULL,
    occurred_at      TIMESTAMPTZ  NOT NULL,
    recorded_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    payload          JSONB        NOT NULL,
    payload_ref      TEXT,                              -- e.g. inbox:<id> for the raw provider payload
    published_at     TIMESTAMPTZ
);

CREATE INDEX outbox_unpublished_idx ON outbox (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_aggregate_idx ON outbox (aggregate_type, aggregate_id, seq);
CREATE INDEX outbox_correlation_idx ON outbox (correlation_id);
