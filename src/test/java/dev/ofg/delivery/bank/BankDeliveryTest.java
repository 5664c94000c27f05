package dev.ofg.delivery.bank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.delivery.DeliveryTestKit;
import dev.ofg.finance.FinanceEvent;
import dev.ofg.finance.InvoiceInput;
import dev.ofg.finance.PartnerInput;
import dev.ofg.http.TraceContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Applies payment events to the Odoo sandbox through the whole gateway: out-of-order payments are parked and applied
 * once their invoice arrives, or dead-lettered after the deadline; Odoo's refusals are business failures; an Odoo
 * outage is retried.
 */
@ExtendWith(VertxExtension.class)
class BankDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String DELIVERY = String.join("\n",
      "delivery:",
      "  relay:",
      "    pollInterval: 50ms",
      "    leaseMargin: 2s",
      "  retry:",
      "    schedule: [100ms, 200ms, 500ms, 1s, 1s, 2s, 2s, 5s, 5s, 5s]",
      "  timeout: 10s",
      "  routes:",
      "    - events: [payment.*]",
      "      targets: [bank]",
      "      priority: high",
      "    - events: [invoice.*]",
      "      targets: [treasury]",
      "  targets:",
      DeliveryTestKit.TREASURY_TARGET,
      "    bank:",
      "      park:",
      "        deadline: 5s",
      "        recheck: 5s");

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

  private static Future<Void> partner(String ref) {
    return kit.finance().upsertPartner(PartnerInput.parse(ref, new JsonObject().put("name", "Customer " + ref)),
        TraceContext.generate()).mapEmpty();
  }

  private static Future<Void> postedInvoice(String ref, String partnerRef, String unitPrice) {
    JsonObject body = new JsonObject().put("externalRef", ref).put("kind", "customer_invoice")
        .put("partner", new JsonObject().put("externalRef", partnerRef)).put("currency", "EUR")
        .put("invoiceDate", LocalDate.now().toString()).put("post", true)
        .put("lines", new JsonArray().add(new JsonObject().put("description", "Consulting").put("quantity", "1")
            .put("unitPrice", unitPrice)));
    return kit.finance().createInvoice(InvoiceInput.parse(body), TraceContext.generate()).mapEmpty();
  }

  private static FinanceEvent payment(String ref, String partnerRef, String invoiceRef, String amount) {
    JsonObject data = new JsonObject().put("externalRef", ref).put("direction", "inbound")
        .put("partner", new JsonObject().put("externalRef", partnerRef)).put("amount", amount).put("currency", "EUR")
        .put("date", LocalDate.now().toString()).put("providerFee", "0.30");
    if (invoiceRef != null) {
      data.put("invoice", new JsonObject().put("externalRef", invoiceRef));
    }
    return DeliveryTestKit.event("payment.succeeded", "payment", ref, data);
  }

  private static long payments(String ref) {
    return kit.sandbox().count("account.payment", new JsonArray().add(new JsonArray().add("payment_reference")
        .add("=").add(ref)));
  }

  private static Future<Row> bankDelivery(UUID eventId) {
    return kit.rows("SELECT * FROM deliveries WHERE event_id = $1 AND target = 'bank'", Tuple.of(eventId))
        .map(rows -> rows.isEmpty() ? null : rows.get(0));
  }

  private static Future<Void> awaitStatus(Vertx vertx, UUID eventId, String status) {
    return DeliveryTestKit.await(vertx, "bank delivery " + status, WAIT, () -> bankDelivery(eventId)
        .map(row -> row != null && status.equals(row.getString("status"))));
  }

  private static Future<List<Row>> attempts(UUID eventId) {
    return kit.rows("SELECT a.* FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id "
        + "WHERE d.event_id = $1 AND d.target = 'bank' ORDER BY a.claim_no", Tuple.of(eventId));
  }

  @Test
  void parksAPaymentThatArrivesBeforeItsInvoiceAndAppliesItOnceTheInvoiceArrives(Vertx vertx,
      VertxTestContext test) {
    FinanceEvent early = payment("PAY-P1", "CUST-P1", "SO-P1", "360.00");
    Map<String, Object> seen = new ConcurrentHashMap<>();
    partner("CUST-P1")
        .compose(v -> kit.append(List.of(early)))
        .compose(v -> awaitStatus(vertx, early.id(), "parked"))
        .compose(v -> kit.delivery().inspection().list("parked", "bank", Instant.EPOCH, Instant.now().plusSeconds(60),
            100))
        .compose(listed -> {
          seen.put("listedParked", listed.stream().map(row -> ((JsonObject) row).getString("eventId")).toList());
          return bankDelivery(early.id());
        })
        .compose(parked -> {
          seen.put("waitingFor", parked.getString("waiting_for"));
          seen.put("recheckAt", parked.getOffsetDateTime("next_attempt_at"));
          seen.put("paymentsWhileParked", payments("PAY-P1"));
          return postedInvoice("SO-P1", "CUST-P1", "360.00");
        })
        .compose(v -> kit.append(List.of(DeliveryTestKit.event("invoice.posted", "invoice", "SO-P1",
            new JsonObject()))))
        .compose(v -> awaitStatus(vertx, early.id(), "delivered"))
        .compose(v -> bankDelivery(early.id()))
        .compose(delivered -> {
          seen.put("deliveredAt", delivered.getOffsetDateTime("delivered_at"));
          FinanceEvent again = payment("PAY-P1", "CUST-P1", "SO-P1", "360.00");
          seen.put("again", again.id());
          return kit.append(List.of(again)).compose(v -> awaitStatus(vertx, again.id(), "delivered"));
        })
        .compose(v -> kit.finance().invoice("SO-P1", TraceContext.generate()))
        .onComplete(test.succeeding(invoice -> test.verify(() -> {
          assertThat(seen.get("waitingFor")).isEqualTo("invoice:SO-P1");
          assertThat(seen.get("listedParked").toString()).contains(early.id().toString());
          assertThat(seen.get("paymentsWhileParked")).isEqualTo(0L);
          // Woken by the invoice's event, not by the periodic re-check.
          assertThat((OffsetDateTime) seen.get("deliveredAt")).isBefore((OffsetDateTime) seen.get("recheckAt"));
          assertThat(payments("PAY-P1")).isEqualTo(1);
          assertThat(invoice.getString("paymentState")).isIn("paid", "in_payment");
          assertThat(invoice.getString("amountResidual")).isEqualTo("0.00");
          test.completeNow();
        })));
  }

  @Test
  void deadLettersAParkedPaymentWhoseInvoiceNeverArrives(Vertx vertx, VertxTestContext test) {
    FinanceEvent orphan = payment("PAY-NEVER", "CUST-NEVER", "SO-NEVER", "10.00");
    partner("CUST-NEVER")
        .compose(v -> kit.append(List.of(orphan)))
        .compose(v -> awaitStatus(vertx, orphan.id(), "parked"))
        .compose(v -> awaitStatus(vertx, orphan.id(), "dead_lettered"))
        .compose(v -> bankDelivery(orphan.id()))
        .onComplete(test.succeeding(row -> test.verify(() -> {
          assertThat(row.getString("failure_class")).isEqualTo("prerequisite");
          assertThat(row.getString("last_error")).contains("invoice:SO-NEVER").contains("not in Odoo yet");
          assertThat(row.getInteger("attempts")).isZero();
          assertThat(payments("PAY-NEVER")).isZero();
          test.completeNow();
        })));
  }

  @Test
  void treatsOdoosRefusalAsABusinessFailureWithoutRetrying(Vertx vertx, VertxTestContext test) {
    FinanceEvent first = payment("PAY-F1", "CUST-F", "SO-FULL", "100.00");
    FinanceEvent second = payment("PAY-F2", "CUST-F", "SO-FULL", "100.00");
    partner("CUST-F")
        .compose(v -> postedInvoice("SO-FULL", "CUST-F", "100.00"))
        .compose(v -> kit.append(List.of(first)))
        .compose(v -> awaitStatus(vertx, first.id(), "delivered"))
        .compose(v -> kit.append(List.of(second)))
        .compose(v -> awaitStatus(vertx, second.id(), "dead_lettered"))
        .compose(v -> bankDelivery(second.id()))
        .onComplete(test.succeeding(row -> test.verify(() -> {
          assertThat(row.getString("failure_class")).isEqualTo("business");
          assertThat(row.getString("last_error")).contains("UserError").contains("nothing left to pay");
          assertThat(row.getInteger("attempts")).isEqualTo(1);
          assertThat(payments("PAY-F1")).isEqualTo(1);
          assertThat(payments("PAY-F2")).isZero();
          test.completeNow();
        })));
  }

  @Test
  void retriesThroughAnOdooOutage(Vertx vertx, VertxTestContext test) {
    FinanceEvent payment = payment("PAY-OUT", "CUST-OUT", "SO-OUT", "50.00");
    partner("CUST-OUT")
        .compose(v -> postedInvoice("SO-OUT", "CUST-OUT", "50.00"))
        .compose(v -> {
          kit.sandbox().faults().down(true);
          return kit.append(List.of(payment));
        })
        .compose(v -> DeliveryTestKit.await(vertx, "a technical failure", WAIT, () -> attempts(payment.id())
            .map(rows -> rows.stream().anyMatch(r -> "technical".equals(r.getString("outcome"))))))
        .compose(v -> {
          kit.sandbox().faults().down(false);
          return awaitStatus(vertx, payment.id(), "delivered");
        })
        .compose(v -> attempts(payment.id()))
        .onComplete(test.succeeding(rows -> test.verify(() -> {
          kit.sandbox().faults().reset();
          assertThat(rows.get(0).getString("outcome")).isEqualTo("technical");
          assertThat(rows.get(rows.size() - 1).getString("outcome")).isEqualTo("delivered");
          assertThat(payments("PAY-OUT")).isEqualTo(1);
          test.completeNow();
        })));
  }
}
