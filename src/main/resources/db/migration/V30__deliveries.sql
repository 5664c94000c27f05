-- Per-target delivery state for finance events (see dev.ofg.delivery and dev.ofg.store.DeliveryRecords).
-- The relay fans each published outbox row out into one delivery per routed target, then claims due
-- deliveries with FOR UPDATE SKIP LOCKED. claim_no is the fencing token: it grows with every claim, and an
-- outcome is recorded only by the holder of the current claim, so two gateway instances never both record
-- (or both make) the same attempt.

CREATE TABLE delivery_targets (
    target       TEXT         PRIMARY KEY,            -- treasury | bank | analytics
    paused       BOOLEAN      NOT NULL DEFAULT false, -- by an operator
    disabled     BOOLEAN      NOT NULL DEFAULT false, -- by the target itself (410 Gone)
    reason       TEXT,
    changed_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    changed_by   TEXT
);

CREATE TABLE deliveries (
    id                BIGSERIAL    PRIMARY KEY,
    event_id          UUID         NOT NULL REFERENCES outbox (event_id),
    target            TEXT         NOT NULL,
    outbox_seq        BIGINT       NOT NULL,          -- ordering key within one aggregate
    aggregate_type    TEXT         NOT NULL,
    aggregate_id      TEXT         NOT NULL,
    priority          SMALLINT     NOT NULL,          -- 0 high (payment status, alerts), 1 normal, 2 low
    status            TEXT         NOT NULL CHECK (status IN ('pending', 'in_flight', 'parked', 'delivered',
                                                              'dead_lettered')),
    attempts          INTEGER      NOT NULL DEFAULT 0, -- attempts that reached (or may have reached) the target
    claim_no          INTEGER      NOT NULL DEFAULT 0, -- fencing token, +1 per claim
    next_attempt_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    lease_until       TIMESTAMPTZ,                     -- an in_flight claim older than this is taken over
    claimed_by        TEXT,
    waiting_for       TEXT,                            -- parked: the missing prerequisite, e.g. invoice:SO-1001
    parked_since      TIMESTAMPTZ,
    failure_class     TEXT,                            -- business | technical | prerequisite | gone
    last_error        TEXT,
    replays           INTEGER      NOT NULL DEFAULT 0,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    delivered_at      TIMESTAMPTZ,
    dead_lettered_at  TIMESTAMPTZ,
    UNIQUE (event_id, target)
);

CREATE INDEX deliveries_due_idx ON deliveries (target, priority, outbox_seq)
    WHERE status IN ('pending', 'in_flight', 'parked');
CREATE INDEX deliveries_aggregate_idx ON deliveries (target, aggregate_type, aggregate_id, outbox_seq)
    WHERE status IN ('pending', 'in_flight', 'parked');
CREATE INDEX deliveries_waiting_idx ON deliveries (waiting_for) WHERE status = 'parked';
CREATE INDEX deliveries_dead_letter_idx ON deliveries (dead_lettered_at) WHERE status = 'dead_lettered';

-- One row per claim: what happened, when, and on which gateway instance; the primary key makes a claim's
-- outcome recordable once.
CREATE TABLE delivery_attempts (
    delivery_id      BIGINT       NOT NULL REFERENCES deliveries (id),
    claim_no         INTEGER      NOT NULL,
    attempt          INTEGER      NOT NULL,           -- the attempt number this claim counted as
    relay            TEXT         NOT NULL,
    started_at       TIMESTAMPTZ,                      -- null for an abandoned claim (its gateway died)
    finished_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    outcome          TEXT         NOT NULL,           -- delivered | technical | business | gone | parked | deferred | abandoned
    http_status      INTEGER,
    detail           TEXT,
    next_attempt_at  TIMESTAMPTZ,
    PRIMARY KEY (delivery_id, claim_no)
);
