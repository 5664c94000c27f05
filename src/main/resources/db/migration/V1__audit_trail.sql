-- Audit trail: one row per call through the gateway (facade, canonical API, webhooks, admin).
-- Written in batches off the request path; see dev.ofg.store.PgAuditTrail.
CREATE TABLE audit_log (
    id              BIGSERIAL    PRIMARY KEY,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    correlation_id  TEXT         NOT NULL,
    client_id       TEXT,
    route           TEXT         NOT NULL,
    http_method     TEXT,
    odoo_model      TEXT,
    odoo_method     TEXT,
    outcome         TEXT         NOT NULL,
    status          INTEGER      NOT NULL,
    duration_ms     INTEGER      NOT NULL,
    reason          TEXT
);

CREATE INDEX audit_log_correlation_idx ON audit_log (correlation_id);
CREATE INDEX audit_log_client_time_idx ON audit_log (client_id, occurred_at);
CREATE INDEX audit_log_time_idx ON audit_log (occurred_at);
