package dev.ofg.bank;

import dev.ofg.finance.FinanceEvent;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Builds the finance events of an import: {@code bank.statement.received} per statement and
 * {@code bank.statement.line.imported} per line that now exists in Odoo, both on the statement aggregate.
 *
 * <p>Event ids are derived from the statement ref and the line's import id, so importing a file again (or a
 * takeover after a crash) produces the same ids, which the outbox skips: each event is published once.
 */
final class StatementEvents {
  static final String STATEMENT_RECEIVED = "bank.statement.received";
  static final String LINE_IMPORTED = "bank.statement.line.imported";
  static final String AGGREGATE_TYPE = "statement";

  private StatementEvents() {
  }

  static UUID statementEventId(String statementRef) {
    return UUID.nameUUIDFromBytes((STATEMENT_RECEIVED + "|" + statementRef).getBytes(StandardCharsets.UTF_8));
  }

  static UUID lineEventId(String importId) {
    return UUID.nameUUIDFromBytes((LINE_IMPORTED + "|" + importId).getBytes(StandardCharsets.UTF_8));
  }

  /** Announces a statement whose lines were all settled (created, found, rejected or left to a running import). */
  static FinanceEvent received(ImportScope scope, StatementImportResult result) {
    BankStatement statement = result.statement();
    JsonObject data = new JsonObject()
        .put("statementRef", result.statementRef())
        .put("statementId", AccountNumberMask.maskAccountNumbersIn(statement.statementId()))
        .put("format", statement.format().displayName())
        .put("account", AccountNumberMask.mask(statement.account().identifier()))
        .put("journal", result.journal().toJson())
        .put("currency", result.journal().currency())
        .put("openingBalance", statement.openingBalance().map(b -> b.amount().toPlainString()).orElse(null))
        .put("closingBalance", statement.closingBalance().map(b -> b.amount().toPlainString()).orElse(null))
        .put("balanceCheck", result.balanceCheck().name().toLowerCase(Locale.ROOT))
        .put("periodFrom", statement.periodFrom() == null ? null : statement.periodFrom().toString())
        .put("periodTo", statement.periodTo() == null ? null : statement.periodTo().toString())
        .put("lineCount", statement.lines().size());
    return new FinanceEvent(statementEventId(result.statementRef()), STATEMENT_RECEIVED, 1, AGGREGATE_TYPE,
        result.statementRef(), scope.request().source(), statement.statementId() == null ? null
            : AccountNumberMask.maskAccountNumbersIn(statement.statementId()),
        scope.trace().correlationId(), Instant.now(), data, scope.request().payloadRef());
  }

  /**
   * Announces a line that now exists in Odoo. The counterparty's account number is left out; the import id (the
   * value of Odoo's {@code unique_import_id}) starts with the statement's account number.
   */
  static FinanceEvent lineImported(ImportScope scope, PreparedStatement statement, StatementLine line, long odooId) {
    JsonObject data = new JsonObject()
        .put("statementRef", statement.statementRef())
        .put("importId", line.importId())
        .put("odooId", odooId)
        .put("journal", statement.journal().toJson())
        .put("date", line.bookingDate().toString())
        .put("valueDate", line.valueDate() == null ? null : line.valueDate().toString())
        .put("amount", line.amount().toPlainString())
        .put("currency", line.currency())
        .put("reversal", line.reversal())
        .put("label", StatementLineValues.label(line))
        .put("counterpartyName", line.counterparty() == null ? null : line.counterparty().name())
        .put("transactionType", StatementLineValues.transactionType(line.transactionCode()));
    return new FinanceEvent(lineEventId(line.importId()), LINE_IMPORTED, 1, AGGREGATE_TYPE, statement.statementRef(),
        scope.request().source(), line.importId(), scope.trace().correlationId(), Instant.now(), data,
        scope.request().payloadRef());
  }
}
