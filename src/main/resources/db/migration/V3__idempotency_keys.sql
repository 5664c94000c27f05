-- Idempotency-Key records (draft-ietf-httpapi-idempotency-key-header), scoped per client.
-- state: in_flight (being processed; lease_until says how long the owner may take), completed (response
-- stored for replay), uncertain (the owner stopped or timed out while Odoo may have applied the call).
CREATE TABLE idempotency_keys (
    client_id       TEXT         NOT NULL,
    idem_key        TEXT         NOT NULL,
    fingerprint     TEXT         NOT NULL,
    state           TEXT         NOT NULL CHECK (state IN ('in_flight', 'completed', 'uncertain')),
    owner_token     UUID         NOT NULL,
    lease_until     TIMESTAMPTZ  NOT NULL,
    status          INTEGER,
    content_type    TEXT,
    body            BYTEA,
    correlation_id  TEXT,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (client_id, idem_key)
);

CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at);
