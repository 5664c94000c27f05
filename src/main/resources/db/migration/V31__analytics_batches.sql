-- Analytics batches of ledger lines (account.move.line changed in Odoo, by write_date), with lineage and a
-- reconciliation result per batch; see dev.ofg.delivery.analytics and dev.ofg.store.AnalyticsBatchRecords.

-- One row per analytics target: the watermark reached and a lease, so one gateway instance runs a batch at a time.
CREATE TABLE analytics_watermarks (
    target        TEXT         PRIMARY KEY,
    watermark     TIMESTAMP    NOT NULL,               -- Odoo write_date (UTC, no zone, as Odoo stores it)
    lease_owner   TEXT,
    lease_until   TIMESTAMPTZ
);

-- Lineage: what each batch covered and carried. A batch left 'pending' (crash, target down) is resumed with the
-- same id and window, so the target can dedupe on the batch id.
CREATE TABLE analytics_batches (
    batch_id          UUID         PRIMARY KEY,
    target            TEXT         NOT NULL,
    watermark_from    TIMESTAMP    NOT NULL,           -- inclusive
    watermark_to      TIMESTAMP    NOT NULL,           -- exclusive: the cut-off
    status            TEXT         NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts          INTEGER      NOT NULL DEFAULT 0,
    row_count         INTEGER,
    checksum          TEXT,                            -- sha256 hex of the NDJSON body
    debit_total       NUMERIC(20, 6),
    credit_total      NUMERIC(20, 6),
    balance_total     NUMERIC(20, 6),
    reconciled        BOOLEAN,
    reconciliation    TEXT,                            -- what was compared and the result
    last_error        TEXT,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    delivered_at      TIMESTAMPTZ
);

CREATE UNIQUE INDEX analytics_batches_one_pending_idx ON analytics_batches (target) WHERE status = 'pending';
CREATE INDEX analytics_batches_window_idx ON analytics_batches (target, watermark_from);

-- The PostgreSQL analytics target: ledger lines as delivered, one row per (batch, line).
CREATE TABLE analytics_ledger_lines (
    batch_id        UUID           NOT NULL REFERENCES analytics_batches (batch_id),
    line_id         BIGINT         NOT NULL,
    move_id         BIGINT,
    move_name       TEXT,
    account         TEXT,
    partner         TEXT,
    line_date       DATE,
    parent_state    TEXT,
    debit           NUMERIC(20, 6) NOT NULL,
    credit          NUMERIC(20, 6) NOT NULL,
    balance         NUMERIC(20, 6) NOT NULL,
    currency        TEXT,
    amount_currency NUMERIC(20, 6),
    write_date      TIMESTAMP      NOT NULL,
    PRIMARY KEY (batch_id, line_id)
);

-- The PostgreSQL analytics target for routed events: one row per event id (replays are no-ops).
CREATE TABLE analytics_events (
    event_id        UUID           PRIMARY KEY,
    event_type      TEXT           NOT NULL,
    aggregate_type  TEXT           NOT NULL,
    aggregate_id    TEXT           NOT NULL,
    body            JSONB          NOT NULL,
    received_at     TIMESTAMPTZ    NOT NULL DEFAULT now()
);
