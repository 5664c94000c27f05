-- Bank statement lines the gateway imported into Odoo, one row per stable import id (the value it writes to
-- Odoo's unique_import_id where that field exists). The row is the gateway's own proof that a line was
-- imported, so a re-import creates nothing even on an Odoo without the statement-import module.
--
-- A line is claimed ('pending', with the claim token of one import) right before its Odoo create, and settled
-- afterwards: 'done' with the Odoo id, 'rejected' with Odoo's reason (a later import may try it again), or
-- 'uncertain' when the create may or may not have happened (the next import searches Odoo before creating).
-- A 'pending' claim older than the stale limit belonged to an import that died; it is taken over the same way.
-- See dev.ofg.store.BankImportLines and dev.ofg.bank.BankStatementImporter.
CREATE TABLE bank_import_lines (
    import_id       TEXT         PRIMARY KEY,       -- starts with the account number: mask it in logs
    statement_ref   TEXT         NOT NULL,          -- opaque, stable id of the statement (outbox aggregate id)
    journal_id      BIGINT       NOT NULL,          -- Odoo account.journal the line was imported into
    status          TEXT         NOT NULL CHECK (status IN ('pending', 'uncertain', 'done', 'rejected')),
    odoo_id         BIGINT,                         -- account.bank.statement.line id once 'done'
    reason          TEXT,                           -- why Odoo rejected it ('rejected'), masked
    claim_token     UUID         NOT NULL,
    claimed_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    imported_at     TIMESTAMPTZ,
    correlation_id  TEXT         NOT NULL           -- of the import that last claimed or settled the line
);

CREATE INDEX bank_import_lines_statement_idx ON bank_import_lines (statement_ref);
CREATE INDEX bank_import_lines_odoo_idx ON bank_import_lines (odoo_id) WHERE odoo_id IS NOT NULL;
