package dev.ofg.delivery.analytics;

import dev.ofg.delivery.AttemptOutcome;
import dev.ofg.finance.FinanceEvent;
import io.vertx.core.Future;

/**
 * Writes analytics data to its target: routed events one by one, and ledger batches together with their lineage
 * and reconciliation. Futures never fail: failures come back as outcomes.
 */
interface AnalyticsSink {
  Future<AttemptOutcome> sendEvent(FinanceEvent event);

  /** Delivers a batch; on success its lineage is recorded and the watermark moved to the batch's cut-off. */
  Future<AttemptOutcome> sendBatch(LedgerBatch batch);

  Future<Void> close();
}
