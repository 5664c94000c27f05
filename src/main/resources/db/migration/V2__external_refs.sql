-- External references: which Odoo record a client's external reference became.
-- A row is claimed ('pending') before the Odoo create and completed ('done') with the Odoo id after it,
-- so concurrent or retried creates across gateway instances produce one Odoo record.
CREATE TABLE external_refs (
    kind          TEXT         NOT NULL,
    external_ref  TEXT         NOT NULL,
    state         TEXT         NOT NULL CHECK (state IN ('pending', 'done')),
    odoo_id       BIGINT,
    claim_token   UUID         NOT NULL,
    claimed_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    completed_at  TIMESTAMPTZ,
    PRIMARY KEY (kind, external_ref)
);
