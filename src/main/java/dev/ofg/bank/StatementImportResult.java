package dev.ofg.bank;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reports the import of one statement: where it went, whether its balances were verified, and every line's result.
 *
 * @param statementRef the gateway's stable, opaque id of the statement (the events' aggregate id)
 * @param balanceCheck what the balance checkpoint established before anything was imported
 */
public record StatementImportResult(String statementRef, BankStatement statement, OdooJournal journal,
    BalanceCheck.Result balanceCheck, List<LineResult> lines) {

  public StatementImportResult {
    Objects.requireNonNull(statementRef, "statementRef");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(balanceCheck, "balanceCheck");
    lines = List.copyOf(lines);
  }

  /** Counts the lines with the given outcome. */
  public long count(LineOutcome outcome) {
    return lines.stream().filter(line -> line.outcome() == outcome).count();
  }

  /** Renders the statement part of the import answer. */
  public JsonObject toJson() {
    JsonArray lineResults = new JsonArray();
    BigDecimal credits = BigDecimal.ZERO;
    BigDecimal debits = BigDecimal.ZERO;
    for (LineResult result : lines) {
      lineResults.add(result.toJson());
      BigDecimal amount = result.line().amount();
      if (amount.signum() >= 0) {
        credits = credits.add(amount);
      } else {
        debits = debits.add(amount);
      }
    }
    return new JsonObject()
        .put("statementRef", statementRef)
        .put("statementId", statement.statementId() != null ? statement.statementId() : statement.messageId())
        .put("format", statement.format().displayName())
        .put("account", AccountNumberMask.mask(statement.account().identifier()))
        .put("journal", journal.toJson())
        .put("currency", journal.currency())
        .put("openingBalance", statement.openingBalance().map(b -> b.amount().toPlainString()).orElse(null))
        .put("closingBalance", statement.closingBalance().map(b -> b.amount().toPlainString()).orElse(null))
        .put("balanceCheck", balanceCheck.name().toLowerCase(Locale.ROOT))
        .put("totals", new JsonObject().put("lines", lines.size()).put("credits", credits.toPlainString())
            .put("debits", debits.toPlainString()).put("net", credits.add(debits).toPlainString()))
        .put("lines", lineResults);
  }
}
