package dev.ofg.bank;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Reports what an import did with one statement line.
 *
 * @param line the parsed line
 * @param outcome what happened
 * @param odooId the {@code account.bank.statement.line} id when the line exists in Odoo, else null
 * @param reason why Odoo refused it ({@link LineOutcome#REJECTED}), account numbers masked; else null
 */
public record LineResult(StatementLine line, LineOutcome outcome, Long odooId, String reason) {

  public LineResult {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(outcome, "outcome");
  }

  static LineResult notProcessed(StatementLine line) {
    return new LineResult(line, LineOutcome.NOT_PROCESSED, null, null);
  }

  /** Renders the line result for the import answer (the client's own data: the import id is not masked). */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("sequence", line.sequence())
        .put("importId", line.importId())
        .put("date", line.bookingDate().toString())
        .put("amount", line.amount().toPlainString())
        .put("currency", line.currency())
        .put("outcome", outcome.label());
    if (odooId != null) {
      json.put("odooId", odooId);
    }
    if (reason != null) {
      json.put("reason", reason);
    }
    return json;
  }

  @Override
  public String toString() {
    return "LineResult[" + line + ", " + outcome.label() + (odooId == null ? "" : ", odooId=" + odooId) + "]";
  }
}
