package dev.ofg.delivery.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.delivery.DeliveryTestKit;
import dev.ofg.finance.FinanceEvent;
import dev.ofg.finance.InvoiceInput;
import dev.ofg.finance.PartnerInput;
import dev.ofg.http.TraceContext;
import dev.ofg.sandbox.DeliverySink;
import dev.ofg.sandbox.DeliverySinks;
import dev.ofg.sandbox.OdooSandbox;
import dev.ofg.sandbox.SinkMode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cuts analytics batches of the sandbox's ledger lines into the analytics sink (NDJSON over HTTP) and checks them
 * against Odoo's own records: rows, debit and credit totals, checksum and lineage; resumption of a failed batch under
 * its id; and analytics yielding to payment status and alerts.
 */
@ExtendWith(VertxExtension.class)
class AnalyticsDeliveryTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  private static final String DELIVERY = String.join("\n",
      "delivery:",
      "  relay:",
      "    pollInterval: 50ms",
      "  retry:",
      "    schedule: [100ms, 100ms]",
      "  timeout: 5s",
      "  routes:",
      "    - events: [alert.*]",
      "      targets: [treasury]",
      "      priority: high",
      "  targets:",
      DeliveryTestKit.TREASURY_TARGET,
      "    analytics:",
      "      url: ${SANDBOX_URL}/sinks/analytics",
      "      interval: 1h",
      "      cutoffLag: 1s",
      "      pageSize: 7");

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

  @AfterEach
  void restore(VertxTestContext test) {
    sink().mode(SinkMode.ACCEPT);
    kit.delivery().records().resume("treasury", "test").onComplete(test.succeedingThenComplete());
  }

  private static DeliverySink sink() {
    return kit.sink(DeliverySinks.ANALYTICS);
  }

  /** Creates a partner and a posted invoice in Odoo, which writes ledger lines. */
  static Future<Void> invoice(DeliveryTestKit kit, String ref, String unitPrice) {
    String partner = "CUST-" + ref;
    JsonObject body = new JsonObject().put("externalRef", ref).put("kind", "customer_invoice")
        .put("partner", new JsonObject().put("externalRef", partner)).put("currency", "EUR")
        .put("invoiceDate", LocalDate.now().toString()).put("post", true)
        .put("lines", new JsonArray().add(new JsonObject().put("description", "Analytics").put("quantity", "2")
            .put("unitPrice", unitPrice)));
    return kit.finance().upsertPartner(PartnerInput.parse(partner, new JsonObject().put("name", partner)),
            TraceContext.generate())
        .compose(p -> kit.finance().createInvoice(InvoiceInput.parse(body), TraceContext.generate())).mapEmpty();
  }

  /** Waits until the cut-off (now - 1s lag, at a whole second) has passed every line Odoo holds. */
  static Future<Void> cutoffPastEveryLine(Vertx vertx, OdooSandbox sandbox) {
    LocalDateTime latest = lines(sandbox).stream().map(AnalyticsDeliveryTest::writeDate)
        .max(LocalDateTime::compareTo).orElseThrow();
    return DeliveryTestKit.awaitTrue(vertx, "cut-off past " + latest, WAIT, () -> LocalDateTime.now(ZoneOffset.UTC)
        .minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).isAfter(latest));
  }

  static List<JsonObject> lines(OdooSandbox sandbox) {
    return sandbox.records("account.move.line");
  }

  static LocalDateTime writeDate(JsonObject line) {
    return LocalDateTime.parse(line.getString("write_date").replace(' ', 'T'));
  }

  /** Odoo's own totals for the lines written in {@code [from, to)}: row count, debit, credit. */
  static BigDecimal[] odooTotals(OdooSandbox sandbox, String from, String to) {
    LocalDateTime low = LocalDateTime.parse(from);
    LocalDateTime high = LocalDateTime.parse(to);
    BigDecimal rows = BigDecimal.ZERO;
    BigDecimal debit = BigDecimal.ZERO;
    BigDecimal credit = BigDecimal.ZERO;
    for (JsonObject line : lines(sandbox)) {
      LocalDateTime written = writeDate(line);
      if (!written.isBefore(low) && written.isBefore(high)) {
        rows = rows.add(BigDecimal.ONE);
        debit = debit.add(new BigDecimal(line.getValue("debit").toString()));
        credit = credit.add(new BigDecimal(line.getValue("credit").toString()));
      }
    }
    return new BigDecimal[] {rows, debit, credit};
  }

  private static Future<JsonObject> latestLineage() {
    return kit.delivery().analytics().lineage("analytics", 1).map(rows -> rows.getJsonObject(0));
  }

  @Test
  void eachBatchCarriesExactlyOdoosChangedLinesWithMatchingTotals(Vertx vertx, VertxTestContext test) {
    JsonObject[] batches = new JsonObject[2];
    invoice(kit, "SO-AN-1", "120.00")
        .compose(v -> invoice(kit, "SO-AN-2", "45.50"))
        .compose(v -> cutoffPastEveryLine(vertx, kit.sandbox()))
        .compose(v -> kit.delivery().runAnalyticsBatch())
        .compose(result -> {
          test.verify(() -> assertThat(result.getString("status")).as(result.encode()).isEqualTo("delivered"));
          return latestLineage();
        })
        .compose(first -> {
          batches[0] = first;
          return invoice(kit, "SO-AN-3", "999.99");
        })
        .compose(v -> cutoffPastEveryLine(vertx, kit.sandbox()))
        .compose(v -> kit.delivery().runAnalyticsBatch())
        .compose(result -> latestLineage())
        .onComplete(test.succeeding(second -> test.verify(() -> {
          batches[1] = second;
          for (JsonObject batch : batches) {
            BigDecimal[] odoo = odooTotals(kit.sandbox(), batch.getString("watermarkFrom"),
                batch.getString("watermarkTo"));
            assertThat(batch.getString("status")).isEqualTo("delivered");
            assertThat(batch.getInteger("rows")).isEqualTo(odoo[0].intValue()).isPositive();
            assertThat(new BigDecimal(batch.getString("debitTotal"))).isEqualByComparingTo(odoo[1]);
            assertThat(new BigDecimal(batch.getString("creditTotal"))).isEqualByComparingTo(odoo[2]);
            assertThat(batch.getBoolean("reconciled")).as(batch.encode()).isTrue();
            DeliverySink.Received received = sink().received(batch.getString("batchId")).orElseThrow();
            assertThat(received.timesReceived()).isEqualTo(1);
            assertThat(received.type()).isEqualTo("ledger.batch");
            assertThat(LedgerBatch.sha256(received.body().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(batch.getString("checksum"));
            assertThat(received.body().split("\n")).hasSize(batch.getInteger("rows"));
          }
          assertThat(batches[1].getString("watermarkFrom")).isEqualTo(batches[0].getString("watermarkTo"));
          // The second batch holds only the third invoice's lines: one move.
          String body = sink().received(batches[1].getString("batchId")).orElseThrow().body();
          assertThat(body.lines().map(line -> new JsonObject(line).getLong("moveId")).distinct()).hasSize(1);
          test.completeNow();
        })));
  }

  @Test
  void resumesAFailedBatchUnderTheSameIdAndWindow(Vertx vertx, VertxTestContext test) {
    sink().mode(SinkMode.of(SinkMode.Behaviour.ERROR));
    invoice(kit, "SO-AN-RETRY", "10.00")
        .compose(v -> cutoffPastEveryLine(vertx, kit.sandbox()))
        .compose(v -> kit.delivery().runAnalyticsBatch())
        .compose(failed -> {
          test.verify(() -> assertThat(failed.getString("status")).as(failed.encode()).isEqualTo("retry"));
          sink().mode(SinkMode.ACCEPT);
          return kit.delivery().runAnalyticsBatch().map(resumed -> new JsonObject[] {failed, resumed});
        })
        .compose(results -> latestLineage().map(lineage -> {
          test.verify(() -> {
            String batchId = results[0].getJsonObject("batch").getString("batchId");
            assertThat(results[1].getString("status")).isEqualTo("delivered");
            assertThat(results[1].getJsonObject("batch").getString("batchId")).isEqualTo(batchId);
            assertThat(lineage.getString("batchId")).isEqualTo(batchId);
            assertThat(lineage.getInteger("attempts")).isEqualTo(2);
            assertThat(sink().received(batchId).orElseThrow().timesReceived()).isEqualTo(1);
          });
          return lineage;
        }))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void yieldsToDuePaymentStatusAndAlertsAtMostThreeTimesInARow(Vertx vertx, VertxTestContext test) {
    FinanceEvent alert = DeliveryTestKit.event("alert.raised", "alert", "AN-ALERT", new JsonObject());
    kit.delivery().records().pause("treasury", "test", "hold the alert")
        .compose(v -> kit.append(List.of(alert)))
        .compose(v -> DeliveryTestKit.await(vertx, "alert fanned out", WAIT, () -> kit.status(alert.id(), "treasury")
            .map("pending"::equals)))
        .compose(v -> kit.delivery().runAnalyticsBatch())
        .compose(first -> kit.delivery().runAnalyticsBatch().map(second -> List.of(first, second)))
        .compose(two -> kit.delivery().runAnalyticsBatch().map(third -> List.of(two.get(0), two.get(1), third)))
        .compose(three -> kit.delivery().runAnalyticsBatch().map(fourth -> {
          test.verify(() -> {
            assertThat(three).extracting(r -> r.getString("status")).containsOnly("deferred");
            assertThat(fourth.getString("status")).isNotEqualTo("deferred");
          });
          return fourth;
        }))
        .onComplete(test.succeedingThenComplete());
  }
}
