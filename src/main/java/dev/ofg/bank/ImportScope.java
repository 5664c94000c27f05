package dev.ofg.bank;

import dev.ofg.http.TraceContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Carries what every step of one file import needs: the request, its trace, what this Odoo supports, and the Odoo
 * context of the caller's companies.
 */
record ImportScope(BankImportRequest request, TraceContext trace, OdooStatementLines.Capabilities capabilities) {

  /** Returns the Odoo context of every call: the caller's companies, when it is bound to some. */
  JsonObject context() {
    JsonObject context = new JsonObject();
    if (!request.companies().isEmpty()) {
      context.put("allowed_company_ids", new JsonArray(request.companies()));
    }
    return context;
  }
}
