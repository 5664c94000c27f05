package dev.ofg.bank;

import io.vertx.core.json.JsonObject;

/**
 * Identifies the Odoo bank journal a statement is imported into.
 *
 * @param id the {@code account.journal} id
 * @param code the journal's short code, e.g. {@code BNK1}
 * @param currency ISO code of the currency the journal books in (its own, else its company's)
 * @param companyId the journal's company
 */
public record OdooJournal(long id, String code, String currency, long companyId) {

  JsonObject toJson() {
    return new JsonObject().put("odooId", id).put("code", code);
  }
}
