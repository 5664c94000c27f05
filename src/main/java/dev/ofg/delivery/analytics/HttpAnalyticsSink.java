package dev.ofg.delivery.analytics;

import dev.ofg.config.DeliveryConfig;
import dev.ofg.delivery.AttemptOutcome;
import dev.ofg.delivery.http.EventMessages;
import dev.ofg.delivery.http.SignedHttpSender;
import dev.ofg.delivery.http.StandardWebhooksSigner;
import dev.ofg.finance.FinanceEvent;
import dev.ofg.store.AnalyticsBatchRecords;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Map;

/**
 * Sends analytics data as NDJSON over HTTP: a batch is one POST under the batch id ({@code webhook-id}, so a resumed
 * batch can be deduped), with its window and control totals in {@code Ofg-Batch-*} headers; the target's receipt,
 * when it sends one, is reconciled against those totals.
 */
final class HttpAnalyticsSink implements AnalyticsSink {
  static final String BATCH_TYPE = "ledger.batch";

  private final SignedHttpSender sender;
  private final Pool pool;

  HttpAnalyticsSink(Vertx vertx, DeliveryConfig.Analytics config, Pool pool, Clock clock) {
    StandardWebhooksSigner signer = config.secret() == null ? null : StandardWebhooksSigner.of(config.secret());
    this.sender = new SignedHttpSender(vertx, config.url(), signer, config.policy().timeout(),
        config.policy().window(), clock);
    this.pool = pool;
  }

  @Override
  public Future<AttemptOutcome> sendEvent(FinanceEvent event) {
    return sender.send(EventMessages.ndjson(event)).map(SignedHttpSender.Sent::outcome);
  }

  @Override
  public Future<AttemptOutcome> sendBatch(LedgerBatch batch) {
    AnalyticsBatchRecords.Batch window = batch.batch();
    SignedHttpSender.Message message = new SignedHttpSender.Message(window.batchId().toString(), BATCH_TYPE,
        "ledger:" + window.from() + ".." + window.to(), null, EventMessages.NDJSON, batch.ndjson(), Map.of(
            "Ofg-Batch-Watermark-From", window.from().toString(),
            "Ofg-Batch-Watermark-To", window.to().toString(),
            "Ofg-Batch-Rows", Integer.toString(batch.rows()),
            "Ofg-Batch-Sha256", batch.checksum(),
            "Ofg-Batch-Debit", batch.debit().toPlainString(),
            "Ofg-Batch-Credit", batch.credit().toPlainString()));
    return sender.send(message).compose(sent -> {
      if (!(sent.outcome() instanceof AttemptOutcome.Delivered)) {
        return Future.succeededFuture(sent.outcome());
      }
      Reconciliation check = Reconciliation.ofReceipt(batch, sent.responseBody());
      if (Boolean.FALSE.equals(check.reconciled())) {
        return Future.succeededFuture(new AttemptOutcome.Technical(sent.outcome().status(),
            "reconciliation failed: " + check.text(), null));
      }
      return pool.withTransaction(tx -> AnalyticsBatchRecords.complete(tx, window.batchId(),
              batch.lineage(check.reconciled(), check.text())))
          .<AttemptOutcome>map(done -> new AttemptOutcome.Delivered(sent.outcome().status(), check.text()))
          .otherwise(failure -> new AttemptOutcome.Technical(null, "lineage not recorded: " + failure, null));
    });
  }

  @Override
  public Future<Void> close() {
    return sender.close();
  }
}
