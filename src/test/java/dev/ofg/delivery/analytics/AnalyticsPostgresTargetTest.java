package dev.ofg.delivery.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.delivery.DeliveryTestKit;
import dev.ofg.finance.FinanceEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writes analytics into the gateway's PostgreSQL: a batch's lines, lineage and watermark in one transaction, the
 * table's sums reconciled against the batch and against Odoo; routed events once per event id.
 */
@ExtendWith(VertxExtension.class)
class AnalyticsPostgresTargetTest {
  private static final String DELIVERY = String.join("\n",
      "delivery:",
      "  relay:",
      "    pollInterval: 50ms",
      "  routes:",
      "    - events: [ledger.*]",
      "      targets: [analytics]",
      "      priority: low",
      "  targets:",
      "    analytics:",
      "      mode: postgres",
      "      interval: 1h",
      "      cutoffLag: 1s");

  private static DeliveryTestKit kit;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    DeliveryTestKit.start(vertx, DELIVERY).onComplete(test.succeeding(started -> {
      kit = started;
      test.completeNow();
    }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  @Test
  void theTableHoldsTheBatchWithTotalsMatchingOdooAndTheLineage(Vertx vertx, VertxTestContext test) {
    AnalyticsDeliveryTest.invoice(kit, "SO-PG-1", "250.00")
        .compose(v -> AnalyticsDeliveryTest.invoice(kit, "SO-PG-2", "12.34"))
        .compose(v -> AnalyticsDeliveryTest.cutoffPastEveryLine(vertx, kit.sandbox()))
        .compose(v -> kit.delivery().runAnalyticsBatch())
        .compose(result -> kit.delivery().analytics().lineage("analytics", 1))
        .compose(lineage -> {
          JsonObject batch = lineage.getJsonObject(0);
          return kit.rows("SELECT count(*) AS n, sum(debit) AS debit, sum(credit) AS credit "
                  + "FROM analytics_ledger_lines WHERE batch_id = $1", Tuple.of(UUID.fromString(batch.getString("batchId"))))
              .map(rows -> new Object[] {batch, rows.get(0)});
        })
        .onComplete(test.succeeding(pair -> test.verify(() -> {
          JsonObject batch = (JsonObject) pair[0];
          Row table = (Row) pair[1];
          BigDecimal[] odoo = AnalyticsDeliveryTest.odooTotals(kit.sandbox(), batch.getString("watermarkFrom"),
              batch.getString("watermarkTo"));
          assertThat(batch.getString("status")).isEqualTo("delivered");
          assertThat(batch.getBoolean("reconciled")).isTrue();
          assertThat(table.getLong("n")).isEqualTo(odoo[0].longValue()).isEqualTo(batch.getLong("rows"));
          assertThat(table.getBigDecimal("debit")).isEqualByComparingTo(odoo[1])
              .isEqualByComparingTo(new BigDecimal(batch.getString("debitTotal")));
          assertThat(table.getBigDecimal("credit")).isEqualByComparingTo(odoo[2])
              .isEqualByComparingTo(new BigDecimal(batch.getString("creditTotal")));
          test.completeNow();
        })));
  }

  @Test
  void storesARoutedEventOnceEvenWhenReplayed(Vertx vertx, VertxTestContext test) {
    FinanceEvent event = DeliveryTestKit.event("ledger.closed", "period", "2026-11", new JsonObject().put("n", 1));
    kit.append(List.of(event))
        .compose(v -> DeliveryTestKit.await(vertx, "delivered", AnalyticsDeliveryTest.WAIT,
            () -> kit.status(event.id(), "analytics").map("delivered"::equals)))
        .compose(v -> kit.rows("UPDATE deliveries SET status = 'dead_lettered', dead_lettered_at = now() "
            + "WHERE event_id = $1", Tuple.of(event.id())))
        .compose(v -> kit.delivery().inspection().replay(event.id(), "analytics"))
        .compose(v -> {
          kit.delivery().wake();
          return DeliveryTestKit.await(vertx, "delivered again", AnalyticsDeliveryTest.WAIT,
              () -> kit.status(event.id(), "analytics").map("delivered"::equals));
        })
        .compose(v -> kit.rows("SELECT event_type, aggregate_id, body FROM analytics_events WHERE event_id = $1",
            Tuple.of(event.id())))
        .onComplete(test.succeeding(rows -> test.verify(() -> {
          assertThat(rows).hasSize(1);
          assertThat(rows.get(0).getString("event_type")).isEqualTo("ledger.closed");
          assertThat(rows.get(0).getJsonObject("body").getJsonObject("data").getString("id"))
              .isEqualTo(event.id().toString());
          test.completeNow();
        })));
  }
}
