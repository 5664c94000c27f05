package dev.ofg.bank;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * Reports the import of one statement file: per statement and per line what was created, found already imported,
 * rejected by Odoo, left to a concurrent import, or not reached because the import stopped.
 *
 * @param complete false when the import stopped early (Odoo or the store unavailable): a retry completes it
 */
public record BankImportReport(BankStatementFormat format, List<StatementImportResult> statements, boolean complete) {

  public BankImportReport {
    Objects.requireNonNull(format, "format");
    statements = List.copyOf(statements);
  }

  /** Counts the lines of every statement with the given outcome. */
  public long count(LineOutcome outcome) {
    return statements.stream().mapToLong(statement -> statement.count(outcome)).sum();
  }

  /** Counts every line of the file. */
  public long lineCount() {
    return statements.stream().mapToLong(statement -> statement.lines().size()).sum();
  }

  /**
   * Names the file's outcome: {@code imported} (every line exists in Odoo), {@code partial} (some lines were
   * rejected or are still being imported elsewhere) or {@code interrupted}.
   */
  public String outcome() {
    if (!complete) {
      return "interrupted";
    }
    return count(LineOutcome.REJECTED) + count(LineOutcome.IN_PROGRESS) + count(LineOutcome.NOT_PROCESSED) == 0
        ? "imported" : "partial";
  }

  /** Returns the HTTP status of a finished import: 200 when every line exists in Odoo, else 207 (multi-status). */
  public int httpStatus() {
    return "imported".equals(outcome()) ? 200 : 207;
  }

  /** Renders the import answer. */
  public JsonObject toJson() {
    JsonArray results = new JsonArray();
    statements.forEach(statement -> results.add(statement.toJson()));
    JsonObject summary = new JsonObject().put("lines", lineCount());
    for (LineOutcome outcome : LineOutcome.values()) {
      summary.put(outcome.label(), count(outcome));
    }
    return new JsonObject()
        .put("format", format.displayName())
        .put("outcome", outcome())
        .put("summary", summary)
        .put("statements", results);
  }
}
