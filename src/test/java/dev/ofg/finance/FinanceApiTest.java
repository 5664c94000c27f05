package dev.ofg.finance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.testing.GatewayTestKit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Exercises the canonical finance API end to end: gateway over HTTP, sandbox Odoo, real PostgreSQL. */
@ExtendWith(VertxExtension.class)
class FinanceApiTest {
  private static GatewayTestKit kit;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    GatewayTestKit.start(vertx, GatewayTestKit.Options.defaults()).onComplete(test.succeeding(started -> {
      kit = started;
      test.completeNow();
    }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  private static HttpRequest<Buffer> request(HttpRequest<Buffer> request, String client) {
    return request.putHeader("Authorization", "Bearer " + kit.key(client))
        .putHeader("Idempotency-Key", UUID.randomUUID().toString());
  }

  private static Future<HttpResponse<Buffer>> putPartner(String ref, JsonObject body) {
    return request(kit.http().put("/api/v1/partners/" + ref), GatewayTestKit.ERP).sendJsonObject(body);
  }

  private static Future<HttpResponse<Buffer>> postInvoice(JsonObject body) {
    return request(kit.http().post("/api/v1/invoices"), GatewayTestKit.ERP).sendJsonObject(body);
  }

  private static JsonObject invoice(String ref, String partnerRef) {
    return new JsonObject().put("externalRef", ref).put("kind", "customer_invoice")
        .put("partner", new JsonObject().put("externalRef", partnerRef)).put("currency", "EUR")
        .put("invoiceDate", "2026-11-20").put("dueDate", "2026-12-20")
        .put("lines", new JsonArray()
            .add(new JsonObject().put("description", "Consulting").put("quantity", "3").put("unitPrice", "120.00"))
            .add(new JsonObject().put("description", "Travel").put("quantity", "1").put("unitPrice", "45.50")));
  }

  private static long recordsWithRef(String model, String field, String ref) {
    return kit.sandbox().count(model, new JsonArray().add(new JsonArray().add(field).add("=").add(ref)));
  }

  @Test
  void upsertsAPartnerByExternalReference(VertxTestContext test) {
    putPartner("CUST-UP", new JsonObject().put("name", "Acme BV").put("email", "ap@acme.example"))
        .compose(created -> putPartner("CUST-UP", new JsonObject().put("name", "Acme B.V.").put("city", "Utrecht"))
            .map(updated -> List.of(created, updated)))
        .onComplete(test.succeeding(responses -> test.verify(() -> {
          assertThat(responses.get(0).statusCode()).isEqualTo(201);
          assertThat(responses.get(1).statusCode()).isEqualTo(200);
          JsonObject partner = responses.get(1).bodyAsJsonObject();
          assertThat(partner.getString("name")).isEqualTo("Acme B.V.");
          assertThat(partner.getString("city")).isEqualTo("Utrecht");
          assertThat(partner.getLong("odooId")).isEqualTo(responses.get(0).bodyAsJsonObject().getLong("odooId"));
          assertThat(recordsWithRef("res.partner", "ref", "CUST-UP")).isEqualTo(1);
          test.completeNow();
        })));
  }

  @Test
  void createsAPostedInvoiceWithExactAmounts(VertxTestContext test) {
    putPartner("CUST-INV", new JsonObject().put("name", "Invoice Customer"))
        .compose(p -> postInvoice(invoice("SO-2001", "CUST-INV").put("post", true)))
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
          JsonObject body = response.bodyAsJsonObject();
          assertThat(body.getString("state")).isEqualTo("posted");
          assertThat(body.getString("amountUntaxed")).isEqualTo("405.50");
          assertThat(body.getString("currency")).isEqualTo("EUR");
          assertThat(body.getString("number")).isNotBlank();
          assertThat(body.getJsonArray("lines")).hasSize(2);
          test.completeNow();
        })));
  }

  @Test
  void aRetriedCreateReturnsTheFirstRecordAndCreatesNoSecond(VertxTestContext test) {
    putPartner("CUST-RETRY", new JsonObject().put("name", "Retry Customer"))
        .compose(p -> postInvoice(invoice("SO-RETRY", "CUST-RETRY")))
        .compose(first -> postInvoice(invoice("SO-RETRY", "CUST-RETRY")).map(second -> List.of(first, second)))
        .onComplete(test.succeeding(responses -> test.verify(() -> {
          assertThat(responses.get(0).statusCode()).isEqualTo(201);
          assertThat(responses.get(1).statusCode()).isEqualTo(200);
          assertThat(responses.get(1).bodyAsJsonObject().getLong("odooId"))
              .isEqualTo(responses.get(0).bodyAsJsonObject().getLong("odooId"));
          assertThat(recordsWithRef("account.move", "ref", "SO-RETRY")).isEqualTo(1);
          test.completeNow();
        })));
  }

  @Test
  void concurrentCreatesWithOneReferenceMakeOneRecord(VertxTestContext test) {
    putPartner("CUST-RACE", new JsonObject().put("name", "Race Customer")).compose(p -> {
      List<Future<HttpResponse<Buffer>>> attempts = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        attempts.add(postInvoice(invoice("SO-RACE", "CUST-RACE")));
      }
      return Future.join(attempts).map(all -> attempts);
    }).onComplete(test.succeeding(attempts -> test.verify(() -> {
      List<Integer> statuses = new ArrayList<>();
      attempts.forEach(attempt -> statuses.add(attempt.result().statusCode()));
      assertThat(statuses).isSubsetOf(201, 200, 409);
      assertThat(statuses).containsOnlyOnce(201);
      assertThat(recordsWithRef("account.move", "ref", "SO-RACE")).isEqualTo(1);
      assertThat(kit.sandbox().committedCallCount("account.move", "create")).isGreaterThanOrEqualTo(1);
      test.completeNow();
    })));
  }

  @Test
  void paysAnInvoiceThroughOdoosRegisterWizard(VertxTestContext test) {
    JsonObject payment = new JsonObject().put("externalRef", "PAY-3001").put("direction", "inbound")
        .put("partner", new JsonObject().put("externalRef", "CUST-PAY")).put("amount", "405.50").put("currency", "EUR")
        .put("date", "2026-11-23").put("invoice", new JsonObject().put("externalRef", "SO-3001"));
    putPartner("CUST-PAY", new JsonObject().put("name", "Paying Customer"))
        .compose(p -> postInvoice(invoice("SO-3001", "CUST-PAY").put("post", true)))
        .compose(i -> request(kit.http().post("/api/v1/payments"), GatewayTestKit.ERP).sendJsonObject(payment))
        .compose(paid -> request(kit.http().post("/api/v1/payments"), GatewayTestKit.ERP).sendJsonObject(payment)
            .map(again -> List.of(paid, again)))
        .compose(responses -> request(kit.http().get("/api/v1/invoices/SO-3001"), GatewayTestKit.ERP).send()
            .map(invoice -> List.of(responses.get(0), responses.get(1), invoice)))
        .onComplete(test.succeeding(responses -> test.verify(() -> {
          assertThat(responses.get(0).statusCode()).as(responses.get(0).bodyAsString()).isEqualTo(201);
          assertThat(responses.get(0).bodyAsJsonObject().getString("amount")).isEqualTo("405.50");
          assertThat(responses.get(1).statusCode()).isEqualTo(200);
          assertThat(recordsWithRef("account.payment", "payment_reference", "PAY-3001")).isEqualTo(1);
          JsonObject invoice = responses.get(2).bodyAsJsonObject();
          assertThat(invoice.getString("paymentState")).isIn("paid", "in_payment");
          assertThat(invoice.getString("amountResidual")).isEqualTo("0.00");
          test.completeNow();
        })));
  }

  @Test
  void listsEveryInvalidFieldInOneProblem(VertxTestContext test) {
    JsonObject bad = invoice("SO-BAD", "CUST-X").put("currency", "euro").put("colour", "red");
    bad.getJsonArray("lines").getJsonObject(0).put("quantity", 3);
    postInvoice(bad).onComplete(test.succeeding(response -> test.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
      JsonObject problem = response.bodyAsJsonObject();
      assertThat(problem.getString("code")).isEqualTo("VALIDATION_FAILED");
      assertThat(problem.getString("correlationId")).isEqualTo(response.getHeader("X-Correlation-Id"));
      List<String> pointers = new ArrayList<>();
      problem.getJsonArray("errors").forEach(error -> pointers.add(((JsonObject) error).getString("pointer")));
      assertThat(pointers).containsExactlyInAnyOrder("/currency", "/colour", "/lines/0/quantity");
      test.completeNow();
    })));
  }

  @Test
  void refusesAnInvoiceForAnUnknownPartner(VertxTestContext test) {
    postInvoice(invoice("SO-NOPARTNER", "NOBODY")).onComplete(test.succeeding(response -> test.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(422);
      assertThat(response.bodyAsJsonObject().getString("detail")).contains("PUT /api/v1/partners/NOBODY");
      assertThat(recordsWithRef("account.move", "ref", "SO-NOPARTNER")).isZero();
      test.completeNow();
    })));
  }

  @Test
  void aReadOnlyClientIsDeniedWrites(VertxTestContext test) {
    request(kit.http().post("/api/v1/invoices"), GatewayTestKit.READER).sendJsonObject(invoice("SO-RO", "CUST-1"))
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(403);
          assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("FORBIDDEN");
          test.completeNow();
        })));
  }

  @Test
  void rejectsRequestsWithoutCredentials(VertxTestContext test) {
    kit.http().get("/api/v1/invoices/SO-2001").send().onComplete(test.succeeding(response -> test.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
      assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("UNAUTHENTICATED");
      test.completeNow();
    })));
  }

  @Test
  void mapsOdooUserErrorsToUnprocessable(VertxTestContext test) {
    JsonObject zero = invoice("SO-ZERO", "CUST-ZERO").put("post", true);
    zero.put("lines", new JsonArray().add(new JsonObject().put("description", "Nothing").put("quantity", "1")
        .put("unitPrice", "0")));
    putPartner("CUST-ZERO", new JsonObject().put("name", "Zero"))
        .compose(p -> postInvoice(zero))
        .onComplete(test.succeeding(response -> test.verify(() -> {
          // Whatever Odoo decides about a zero invoice, the gateway answers without a 5xx.
          assertThat(response.statusCode()).isLessThan(500);
          test.completeNow();
        })));
  }
}
