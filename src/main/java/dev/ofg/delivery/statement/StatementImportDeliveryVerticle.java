package dev.ofg.delivery.statement;

import dev.ofg.bank.BankImportRequest;
import dev.ofg.bank.BankStatementImporter;
import dev.ofg.config.DeliveryConfig;
import dev.ofg.delivery.AttemptOutcome;
import dev.ofg.delivery.DeliveryTargetVerticle;
import dev.ofg.finance.FinanceEvent;
import dev.ofg.http.TraceContext;
import dev.ofg.store.InboxRecords;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * Imports the bank statement files that webhook sources received ({@code bank.statement.file.received}): reads the
 * file from the webhook inbox and hands it to the {@link BankStatementImporter}, which creates each line in Odoo at
 * most once (its {@code unique_import_id} and the gateway's own record), so a re-delivery or a replay adds nothing.
 * Odoo or the store failing midway is retried and resumes the import; a file the importer refuses is dead-lettered.
 */
public final class StatementImportDeliveryVerticle extends DeliveryTargetVerticle {
  private final BankStatementImporter importer;
  private final Pool pool;

  public StatementImportDeliveryVerticle(BankStatementImporter importer, Pool pool) {
    super(DeliveryConfig.STATEMENTS);
    this.importer = importer;
    this.pool = pool;
  }

  @Override
  protected AttemptOutcome classify(Throwable failure) {
    return StatementOutcomes.classify(failure);
  }

  /** Imports one event's file; the future fails only with failures {@link StatementOutcomes} classifies. */
  @Override
  protected Future<AttemptOutcome> apply(FinanceEvent event) {
    StatementFile file;
    try {
      file = StatementFile.of(event);
    } catch (IllegalArgumentException invalid) {
      return Future.succeededFuture(new AttemptOutcome.Business(null,
          "event is not a statement file received by a webhook source: " + invalid.getMessage()));
    }
    TraceContext trace = TraceContext.from(event.correlationId(), null);
    return InboxRecords.payload(pool, file.inboxId(), file.source()).compose(raw -> raw == null
        ? Future.succeededFuture(new AttemptOutcome.Business(null, file.payloadRef() + " of source " + file.source()
            + " is not in the webhook inbox"))
        : importer.importFile(raw, BankImportRequest.webhook(file.source(), file.payloadRef(), file.journal()), trace)
            .map(StatementOutcomes::of));
  }
}
