-- Webhook inbox: every verified webhook delivery is committed here before the gateway answers 2xx.
-- See dev.ofg.store.InboxRecords (SQL) and dev.ofg.webhook.ingest (group commit, normalisation).
--
-- inbox_delivery holds the request exactly as received (one row per accepted request that carried at
-- least one new event); inbox holds one row per provider event, deduplicated on (source, provider_event_id).
-- A re-sent event therefore adds no row to either table, and no outbox event.

CREATE TABLE inbox_delivery (
    id               UUID         PRIMARY KEY,
    source           TEXT         NOT NULL,              -- configured source name, e.g. stripe
    received_at      TIMESTAMPTZ  NOT NULL,
    correlation_id   TEXT         NOT NULL,
    headers          JSONB        NOT NULL,              -- the subset worth keeping: signature, ids, content type
    body             BYTEA        NOT NULL,              -- raw bytes, exactly as signed
    verifier         TEXT         NOT NULL,              -- verifier type that accepted the signature
    signed_at        TIMESTAMPTZ,                        -- signed timestamp, for schemes that carry one
    event_count      INTEGER      NOT NULL
);

CREATE TABLE inbox (
    id                   BIGSERIAL    PRIMARY KEY,       -- payloadRef of finance events: inbox:<id>
    delivery_id          UUID         NOT NULL REFERENCES inbox_delivery (id) DEFERRABLE INITIALLY DEFERRED,
    source               TEXT         NOT NULL,
    provider_event_id    TEXT         NOT NULL,
    provider_event_type  TEXT         NOT NULL,
    item_index           INTEGER      NOT NULL,          -- position in the delivery (batches: Adyen, GoCardless)
    payload              BYTEA,                          -- the event's own JSON when it is not the whole body
    received_at          TIMESTAMPTZ  NOT NULL,
    correlation_id       TEXT         NOT NULL,
    routing              TEXT         NOT NULL CHECK (routing IN ('routed', 'unrouted')),
    finance_event_type   TEXT,                           -- canonical type when routed
    routing_reason       TEXT,                           -- why it is unrouted
    CONSTRAINT inbox_source_event_key UNIQUE (source, provider_event_id)
);

CREATE INDEX inbox_delivery_idx ON inbox (delivery_id);
CREATE INDEX inbox_unrouted_idx ON inbox (id) WHERE routing = 'unrouted';
CREATE INDEX inbox_delivery_received_idx ON inbox_delivery (received_at);
