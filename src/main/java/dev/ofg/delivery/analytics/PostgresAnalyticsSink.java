package dev.ofg.delivery.analytics;

import dev.ofg.delivery.AttemptOutcome;
import dev.ofg.delivery.http.EventMessages;
import dev.ofg.finance.FinanceEvent;
import dev.ofg.store.AnalyticsBatchRecords;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.UUID;

/**
 * Writes analytics data into the gateway's PostgreSQL ({@code analytics_ledger_lines}, {@code analytics_events}): a
 * batch's lines, the reconciliation of the table's sums against the batch's totals, the lineage and the watermark
 * all commit in one transaction, or none of them does.
 */
final class PostgresAnalyticsSink implements AnalyticsSink {
  private final Pool pool;
  private final AnalyticsBatchRecords records;

  PostgresAnalyticsSink(Pool pool) {
    this.pool = pool;
    this.records = new AnalyticsBatchRecords(pool);
  }

  @Override
  public Future<AttemptOutcome> sendEvent(FinanceEvent event) {
    return records.insertEvent(event.id(), event.type(), event.aggregateType(), event.aggregateId(),
            EventMessages.payload(event))
        .<AttemptOutcome>map(v -> new AttemptOutcome.Delivered(null, "stored in analytics_events"))
        .otherwise(failure -> new AttemptOutcome.Technical(null, "analytics_events insert failed: " + failure, null));
  }

  @Override
  public Future<AttemptOutcome> sendBatch(LedgerBatch batch) {
    UUID id = batch.batch().batchId();
    return pool.withTransaction(tx -> AnalyticsBatchRecords.insertLines(tx, id, batch.lines())
            .compose(v -> AnalyticsBatchRecords.tableTotals(tx, id))
            .compose(totals -> {
              Reconciliation check = Reconciliation.ofTable(batch, totals);
              if (!Boolean.TRUE.equals(check.reconciled())) {
                return Future.failedFuture(new IllegalStateException("reconciliation failed: " + check.text()));
              }
              return AnalyticsBatchRecords.complete(tx, id, batch.lineage(true, check.text())).map(check);
            }))
        .<AttemptOutcome>map(check -> new AttemptOutcome.Delivered(null, check.text()))
        .otherwise(failure -> new AttemptOutcome.Technical(null, failure.getMessage(), null));
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
