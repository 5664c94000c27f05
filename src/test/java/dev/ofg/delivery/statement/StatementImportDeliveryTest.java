package dev.ofg.delivery.statement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.bank.BankImportTestSupport;
import dev.ofg.bank.BankStatementReader;
import dev.ofg.bank.StatementLine;
import dev.ofg.delivery.DeliveryTestKit;
import dev.ofg.testing.GatewayTestKit;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports statement files posted to a webhook source, end to end: signed file over HTTP, inbox, outbox, relay,
 * the statements target, the sandbox Odoo (with {@code unique_import_id}) and real PostgreSQL. Every line lands in
 * Odoo once, through re-sends, re-exports, an Odoo outage, retries that run out and an operator's replay; a file
 * that is not a statement is dead-lettered with a reason that quotes none of it.
 */
@ExtendWith(VertxExtension.class)
class StatementImportDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SOURCE = "bank-statements";
  private static final String SECRET = "statement-secret-" + UUID.randomUUID();
  private static final String JOURNAL = BankImportTestSupport.uniqueCode("SW");
  private static final String LINE_MODEL = BankImportTestSupport.LINE_MODEL;

  @TempDir
  static Path temp;

  private static GatewayTestKit kit;
  private static BankImportTestSupport odoo;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) throws Exception {
    Path secretFile = Files.writeString(temp.resolve("statement-secret"), SECRET);
    String yaml = String.join("\n",
        "bankImport:",
        "  createBatchSize: 5",
        "webhooks:",
        "  sources:",
        "    " + SOURCE + ":",
        "      type: hmac",
        "      secrets:",
        "        - valueFile: " + secretFile,
        "      settings:",
        "        signatureHeader: X-Statement-Signature",
        "        signaturePrefix: 'sha256='",
        "        eventId: body:sha256",
        "        eventType: const:bank.statement.file",
        "      statementImport:",
        "        journal: " + JOURNAL,
        "delivery:",
        "  relay:",
        "    pollInterval: 50ms",
        "    leaseMargin: 2s",
        "  routes:",
        "    - events: [bank.statement.file.received]",
        "      targets: [statements]",
        "  targets:",
        "    statements:",
        "      timeout: 20s",
        "      retry:",
        "        schedule: [500ms, 1s]",            // Odoo's Retry-After (5 s) stretches each wait
        "        jitter: none",
        "      breaker:",
        "        failureThreshold: 20",
        "        resetTimeout: 1s",
        "");
    GatewayTestKit.start(vertx, GatewayTestKit.Options.defaults().withJwt().withYaml(yaml))
        .compose(started -> {
          kit = started;
          odoo = new BankImportTestSupport(started);
          // The source names this journal; it is created after the gateway starts, as an operator might.
          return odoo.createJournal(JOURNAL, null, "EUR");
        })
        .onComplete(test.succeedingThenComplete());
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  @AfterEach
  void odooBackToNormal() {
    kit.sandbox().faults().reset();
  }

  private static String signature(byte[] file) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(file));
  }

  private static Future<HttpResponse<Buffer>> post(byte[] file) {
    try {
      return kit.http().post("/webhooks/" + SOURCE).putHeader("Content-Type", "application/xml")
          .putHeader("X-Statement-Signature", signature(file)).sendBuffer(Buffer.buffer(file));
    } catch (GeneralSecurityException e) {
      return Future.failedFuture(e);
    }
  }

  /** Posts a file and returns its finance event id, failing unless the gateway stored it as a new event. */
  private static Future<UUID> postNew(byte[] file) {
    return post(file).map(response -> {
      JsonObject event = response.bodyAsJsonObject().getJsonArray("events").getJsonObject(0);
      if (response.statusCode() != 200 || !"stored".equals(event.getString("status"))) {
        throw new AssertionError("file not stored as a new event: " + response.statusCode() + " "
            + response.bodyAsString());
      }
      return UUID.fromString(event.getString("financeEventId"));
    });
  }

  private static Future<Row> delivery(UUID eventId) {
    return rows("SELECT * FROM deliveries WHERE event_id = $1 AND target = 'statements'", Tuple.of(eventId))
        .map(rows -> rows.isEmpty() ? null : rows.get(0));
  }

  private static Future<List<Row>> attempts(UUID eventId) {
    return rows("SELECT a.* FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id "
        + "WHERE d.event_id = $1 AND d.target = 'statements' ORDER BY a.claim_no", Tuple.of(eventId));
  }

  private static Future<List<Row>> rows(String sql, Tuple args) {
    return kit.gateway().database().pool().preparedQuery(sql).execute(args).map(rows -> {
      List<Row> out = new ArrayList<>();
      rows.forEach(out::add);
      return out;
    });
  }

  private static Future<Row> awaitStatus(Vertx vertx, UUID eventId, String status) {
    return DeliveryTestKit.await(vertx, "statements delivery " + status, WAIT, () -> delivery(eventId)
            .map(row -> row != null && status.equals(row.getString("status"))))
        .compose(v -> delivery(eventId));
  }

  private static List<String> importIds(byte[] file) {
    return new BankStatementReader().read(file).get(0).lines().stream().map(StatementLine::importId).toList();
  }

  private static long linesInOdoo(List<String> importIds) {
    return odoo.countWithImportIds(importIds);
  }

  @Test
  void importsASignedCamt053FileIntoOdooOnceWithItsImportIds(Vertx vertx, VertxTestContext test) {
    byte[] file = BankImportTestSupport.camt053(BankImportTestSupport.dutchIban(2001), "WA", 4);
    List<String> importIds = importIds(file);
    Map<String, Object> seen = new ConcurrentHashMap<>();
    postNew(file)
        .compose(eventId -> {
          seen.put("eventId", eventId);
          return awaitStatus(vertx, eventId, "delivered");
        })
        .compose(delivered -> {
          seen.put("delivery", delivered);
          return rows("SELECT o.payload_ref, (SELECT count(*) FROM outbox l WHERE l.event_type = "
              + "'bank.statement.line.imported' AND l.source = $2 AND l.payload_ref = o.payload_ref) AS lines "
              + "FROM outbox o WHERE o.event_id = $1", Tuple.of(seen.get("eventId"), SOURCE));
        })
        .onComplete(test.succeeding(outbox -> test.verify(() -> {
          Row delivered = (Row) seen.get("delivery");
          assertThat(delivered.getInteger("attempts")).isEqualTo(1);
          List<JsonObject> inOdoo = kit.sandbox().records(LINE_MODEL).stream()
              .filter(line -> importIds.contains(line.getString("unique_import_id"))).toList();
          assertThat(inOdoo).extracting(line -> line.getString("unique_import_id"))
              .containsExactlyInAnyOrderElementsOf(importIds);
          assertThat(inOdoo).extracting(line -> line.getJsonArray("journal_id").getString(1))
              .allSatisfy(journal -> assertThat(journal).contains(JOURNAL));
          assertThat(outbox.get(0).getString("payload_ref")).startsWith("inbox:");
          assertThat(outbox.get(0).getLong("lines")).as("the importer announces each line, with the file's ref")
              .isEqualTo(4);
          Counter deliveredCount = kit.gateway().registry().find("gateway_delivery_outcomes")
              .tags("target", "statements", "outcome", "delivered").counter();
          assertThat(deliveredCount).isNotNull();
          assertThat(deliveredCount.count()).isGreaterThanOrEqualTo(1);
          test.completeNow();
        })));
  }

  @Test
  void aResentFileIsOneEventAndAReExportedCopyImportsNothingNew(Vertx vertx, VertxTestContext test) {
    byte[] file = BankImportTestSupport.camt053(BankImportTestSupport.dutchIban(2002), "WB", 6);
    // The bank exports the same statement again: other bytes (so another event), the same lines.
    byte[] reExported = (new String(file, StandardCharsets.UTF_8) + "<!-- exported again -->\n")
        .getBytes(StandardCharsets.UTF_8);
    List<String> importIds = importIds(file);
    Map<String, Object> seen = new ConcurrentHashMap<>();
    postNew(file)
        .compose(first -> awaitStatus(vertx, first, "delivered"))
        .compose(first -> {
          seen.put("createsAfterFirst", kit.sandbox().committedCallCount(LINE_MODEL, "create"));
          return post(file);
        })
        .compose(resent -> {
          seen.put("resent", resent.bodyAsJsonObject());
          return postNew(reExported);
        })
        .compose(second -> awaitStatus(vertx, second, "delivered").compose(row -> attempts(second)))
        .onComplete(test.succeeding(secondAttempts -> test.verify(() -> {
          JsonObject resent = (JsonObject) seen.get("resent");
          assertThat(resent.getInteger("duplicates")).isEqualTo(1);
          assertThat(resent.getJsonArray("events").getJsonObject(0).getString("status")).isEqualTo("duplicate");
          assertThat(secondAttempts).hasSize(1);
          assertThat(secondAttempts.get(0).getString("outcome")).isEqualTo("delivered");
          assertThat(secondAttempts.get(0).getString("detail")).endsWith("6 lines: 0 created, 6 already imported");
          assertThat(linesInOdoo(importIds)).isEqualTo(6);
          assertThat(kit.sandbox().committedCallCount(LINE_MODEL, "create")).isEqualTo(seen.get("createsAfterFirst"));
          test.completeNow();
        })));
  }

  @Test
  void retriesThroughAnOdooOutageAndImportsEveryLineOnce(Vertx vertx, VertxTestContext test) {
    byte[] file = BankImportTestSupport.camt053(BankImportTestSupport.dutchIban(2003), "WC", 7);
    List<String> importIds = importIds(file);
    kit.sandbox().faults().down(true);
    postNew(file)
        .compose(eventId -> DeliveryTestKit.await(vertx, "a technical failure", WAIT, () -> attempts(eventId)
                .map(rows -> rows.stream().anyMatch(row -> "technical".equals(row.getString("outcome")))))
            .compose(v -> {
              kit.sandbox().faults().down(false);
              return awaitStatus(vertx, eventId, "delivered");
            })
            .compose(v -> attempts(eventId)))
        .onComplete(test.succeeding(rows -> test.verify(() -> {
          assertThat(rows.get(0).getString("outcome")).isEqualTo("technical");
          assertThat(rows.get(rows.size() - 1).getString("outcome")).isEqualTo("delivered");
          assertThat(rows.get(rows.size() - 1).getString("detail")).endsWith("7 lines: 7 created");
          assertThat(linesInOdoo(importIds)).isEqualTo(7);
          test.completeNow();
        })));
  }

  @Test
  void anImportInterruptedUntilItsRetriesRunOutIsReplayedWithoutDuplicates(Vertx vertx, VertxTestContext test) {
    byte[] warmUp = BankImportTestSupport.camt053(BankImportTestSupport.dutchIban(2004), "WU", 1);
    byte[] file = BankImportTestSupport.camt053(BankImportTestSupport.dutchIban(2005), "WD", 12);
    List<String> importIds = importIds(file);
    Map<String, Object> seen = new ConcurrentHashMap<>();
    postNew(warmUp)
        .compose(warm -> awaitStatus(vertx, warm, "delivered"))
        .compose(warm -> {
          // Odoo's fields are known now: the import asks for the journal, creates the first 5 lines, then Odoo
          // closes every connection and stays down while every retry runs out.
          kit.sandbox().faults().downAfterRequests(2);
          return postNew(file);
        })
        .compose(eventId -> {
          seen.put("eventId", eventId);
          return awaitStatus(vertx, eventId, "dead_lettered");
        })
        .compose(deadLetter -> {
          seen.put("deadLetter", deadLetter);
          seen.put("linesBeforeReplay", linesInOdoo(importIds));
          kit.sandbox().faults().reset();
          return kit.management().post("/admin/delivery/replay")
              .putHeader("Authorization", "Bearer " + kit.adminToken())
              .sendJsonObject(new JsonObject().put("eventId", seen.get("eventId").toString())
                  .put("target", "statements"));
        })
        .compose(replay -> {
          seen.put("replay", replay.bodyAsJsonObject());
          return awaitStatus(vertx, (UUID) seen.get("eventId"), "delivered");
        })
        .compose(delivered -> attempts((UUID) seen.get("eventId")))
        .onComplete(test.succeeding(rows -> test.verify(() -> {
          Row deadLetter = (Row) seen.get("deadLetter");
          assertThat(deadLetter.getString("failure_class")).isEqualTo("technical");
          assertThat(deadLetter.getInteger("attempts")).isEqualTo(3);
          assertThat(rows.get(0).getString("detail")).contains("import interrupted by ODOO_UNAVAILABLE")
              .contains("12 lines: 5 created");
          assertThat(seen.get("linesBeforeReplay")).isEqualTo(5L);
          assertThat(((JsonObject) seen.get("replay")).getInteger("replayed")).isEqualTo(1);
          assertThat(rows.get(rows.size() - 1).getString("outcome")).isEqualTo("delivered");
          assertThat(rows.get(rows.size() - 1).getString("detail")).endsWith("12 lines: 7 created, 5 already imported");
          assertThat(linesInOdoo(importIds)).isEqualTo(12);
          test.completeNow();
        })));
  }

  @Test
  void deadLettersASignedFileThatIsNoStatementWithAReasonQuotingNoneOfIt(Vertx vertx, VertxTestContext test) {
    byte[] garbage = ("Dear customer, your statement is attached. IBAN NL93DEMO0123456789 " + UUID.randomUUID())
        .getBytes(StandardCharsets.UTF_8);
    postNew(garbage)
        .compose(eventId -> awaitStatus(vertx, eventId, "dead_lettered")
            .compose(row -> attempts(eventId).map(history -> Map.entry(row, history))))
        .onComplete(test.succeeding(result -> test.verify(() -> {
          Row deadLetter = result.getKey();
          assertThat(deadLetter.getString("failure_class")).isEqualTo("business");
          assertThat(deadLetter.getInteger("attempts")).isEqualTo(1);
          assertThat(deadLetter.getString("last_error")).isEqualTo("business failure: statement file refused (unsupported_format): "
              + "content is not a camt.053, camt.054 or MT940 file");
          assertThat(result.getValue()).hasSize(1);
          assertThat(result.getValue().get(0).getString("detail")).doesNotContain("Dear customer", "NL93DEMO");
          test.completeNow();
        })));
  }
}
