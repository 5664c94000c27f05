package dev.ofg.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.RetentionConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the retention job against real PostgreSQL on rows of every kind, old and recent, finished and not: exactly the
 * old finished ones go; batches, the per-run cap and concurrent runs neither fail nor count a row twice.
 */
@ExtendWith(VertxExtension.class)
class RetentionJobTest {
  /** The defaults, with audit rows kept 90 days: the ages seeded below are chosen around these cut-offs. */
  private static final RetentionConfig DEFAULTS = new RetentionConfig(true, Duration.ofHours(1), 5000, 1_000_000,
      Duration.ofDays(90), RetentionConfig.DEFAULT.webhookInbox(), RetentionConfig.DEFAULT.deliveredEvents(),
      RetentionConfig.DEFAULT.analyticsLineage());
  private static TestDatabase testDatabase;
  private static Database database;
  private static Vertx vertx;

  @BeforeAll
  static void open(Vertx shared, VertxTestContext test) {
    vertx = shared;
    testDatabase = TestDatabase.create();
    Database.open(vertx, testDatabase.config()).onComplete(test.succeeding(opened -> {
      database = opened;
      test.completeNow();
    }));
  }

  @AfterAll
  static void close(VertxTestContext test) {
    testDatabase.close(database).onComplete(test.succeedingThenComplete());
  }

  @BeforeEach
  void empty(VertxTestContext test) {
    sql("TRUNCATE audit_log, external_refs, bank_import_lines, delivery_attempts, deliveries, outbox, inbox,"
        + " inbox_delivery, analytics_ledger_lines, analytics_batches").onComplete(test.succeedingThenComplete());
  }

  private static RetentionConfig config(int batchSize, long maxRowsPerRun, Duration analyticsLineage) {
    return new RetentionConfig(true, Duration.ofHours(1), batchSize, maxRowsPerRun, DEFAULTS.audit(),
        DEFAULTS.webhookInbox(), DEFAULTS.deliveredEvents(), analyticsLineage);
  }

  private static RetentionJob job(RetentionConfig config) {
    return new RetentionJob(vertx, database.pool(), config, new SimpleMeterRegistry());
  }

  private static Future<List<Row>> sql(String statement) {
    return database.pool().query(statement).execute().map(rows -> {
      List<Row> out = new ArrayList<>();
      rows.forEach(out::add);
      return out;
    });
  }

  private static Future<Void> audit(String correlationId, int daysAgo, int rows) {
    return sql("INSERT INTO audit_log (occurred_at, correlation_id, route, outcome, status, duration_ms)"
        + " SELECT now() - make_interval(days => " + daysAgo + "), '" + correlationId + "', '/api/v1/payments',"
        + " 'ok', 200, 1 FROM generate_series(1, " + rows + ")").mapEmpty();
  }

  /** Stores a raw webhook request received {@code daysAgo}. */
  private static Future<UUID> inboxDelivery(int daysAgo) {
    UUID id = UUID.randomUUID();
    return sql("INSERT INTO inbox_delivery (id, source, received_at, correlation_id, headers, body, verifier,"
        + " event_count) VALUES ('" + id + "', 'stripe', now() - make_interval(days => " + daysAgo + "), 'c', '{}',"
        + " 'raw'::bytea, 'stripe', 1)").map(id);
  }

  /** Stores one provider event of a request; returns its payload reference ({@code inbox:<id>}). */
  private static Future<String> inbox(String eventId, UUID delivery, int daysAgo) {
    return sql("INSERT INTO inbox (delivery_id, source, provider_event_id, provider_event_type, item_index,"
        + " received_at, correlation_id, routing, finance_event_type) VALUES ('" + delivery + "', 'stripe', '"
        + eventId + "', 'payment_intent.succeeded', 0, now() - make_interval(days => " + daysAgo + "), 'c',"
        + " 'routed', 'payment.succeeded') RETURNING id").map(rows -> "inbox:" + rows.get(0).getLong("id"));
  }

  /**
   * Stores an outbox event recorded 60 days ago with one delivery and one attempt per {@code deliveries} entry
   * ({@code "<target> <status> <days ago>"}).
   *
   * @param publishedDaysAgo null: not published yet
   */
  private static Future<Void> event(String name, Integer publishedDaysAgo, String payloadRef, String... deliveries) {
    String published = publishedDaysAgo == null ? "NULL" : "now() - make_interval(days => " + publishedDaysAgo + ")";
    String ref = payloadRef == null ? "NULL" : "'" + payloadRef + "'";
    Future<Void> chain = sql("INSERT INTO outbox (event_id, event_type, event_version, aggregate_type, aggregate_id,"
        + " source, correlation_id, occurred_at, recorded_at, payload, payload_ref, published_at) VALUES ('"
        + UUID.randomUUID() + "', 'payment.succeeded', 1, 'payment', '" + name + "', 'test', 'c',"
        + " now() - interval '60 days', now() - interval '60 days', '{}', " + ref + ", " + published + ")").mapEmpty();
    for (String delivery : deliveries) {
      String[] spec = delivery.split(" ");
      String at = "now() - make_interval(days => " + spec[2] + ")";
      chain = chain.compose(v -> sql("WITH d AS (INSERT INTO deliveries (event_id, target, outbox_seq,"
          + " aggregate_type, aggregate_id, priority, status, attempts, claim_no, delivered_at, dead_lettered_at,"
          + " discarded_at, parked_since, waiting_for) SELECT event_id, '" + spec[0] + "', seq, 'payment',"
          + " aggregate_id, 1, '" + spec[1] + "', 1, 1, CASE WHEN '" + spec[1] + "' = 'delivered' THEN " + at + " END,"
          + " CASE WHEN '" + spec[1] + "' IN ('dead_lettered', 'discarded') THEN " + at + " END,"
          + " CASE WHEN '" + spec[1] + "' = 'discarded' THEN " + at + " END,"
          + " CASE WHEN '" + spec[1] + "' = 'parked' THEN " + at + " END,"
          + " CASE WHEN '" + spec[1] + "' = 'parked' THEN 'invoice:SO-1' END"
          + " FROM outbox WHERE aggregate_id = '" + name + "' RETURNING id)"
          + " INSERT INTO delivery_attempts (delivery_id, claim_no, attempt, relay, started_at, finished_at, outcome)"
          + " SELECT id, 1, 1, 'relay-1', " + at + ", " + at + ", '" + spec[1] + "' FROM d").mapEmpty());
    }
    return chain;
  }

  private static Future<Void> analyticsBatch(String status, int daysAgo, boolean withLines) {
    UUID id = UUID.randomUUID();
    String at = "now() - make_interval(days => " + daysAgo + ")";
    Future<Void> batch = sql("INSERT INTO analytics_batches (batch_id, target, watermark_from, watermark_to, status,"
        + " created_at, delivered_at) VALUES ('" + id + "', 'analytics', '2024-01-01', '2024-01-02', '" + status
        + "', " + at + ", " + ("delivered".equals(status) ? at : "NULL") + ")").mapEmpty();
    return !withLines ? batch : batch.compose(v -> sql("INSERT INTO analytics_ledger_lines (batch_id, line_id,"
        + " debit, credit, balance, write_date) VALUES ('" + id + "', 1, 10, 0, 10, '2024-01-01')").mapEmpty());
  }

  /** Counts rows per key, e.g. outbox rows per aggregate id. */
  private static Future<Map<String, Long>> counts(String query) {
    return sql(query).map(rows -> {
      Map<String, Long> out = new TreeMap<>();
      rows.forEach(row -> out.put(row.getString(0), row.getLong(1)));
      return out;
    });
  }

  private static Map<String, Long> deleted(long outbox, long deliveries, long attempts, long inbox, long bodies,
      long audit, long lineage) {
    return Map.of("outbox", outbox, "deliveries", deliveries, "delivery_attempts", attempts, "inbox", inbox,
        "inbox_delivery", bodies, "audit_log", audit, "analytics_batches", lineage);
  }

  @Test
  void deletesExactlyTheOldFinishedRowsAndKeepsEverythingElse(VertxTestContext test) {
    Future<Void> seeded = Future.all(List.of(
        audit("old-audit", 100, 3), audit("edge-audit", 89, 1), audit("recent-audit", 1, 2),
        sql("INSERT INTO external_refs (kind, external_ref, state, odoo_id, claim_token, claimed_at, completed_at)"
            + " VALUES ('payment', 'P-OLD', 'done', 7, gen_random_uuid(), now() - interval '400 days',"
            + " now() - interval '400 days')"),
        sql("INSERT INTO bank_import_lines (import_id, statement_ref, journal_id, status, odoo_id, claim_token,"
            + " claimed_at, imported_at, correlation_id) VALUES ('NL00TEST0000000001:old', 'stmt', 1, 'done', 9,"
            + " gen_random_uuid(), now() - interval '400 days', now() - interval '400 days', 'c')"),
        analyticsBatch("delivered", 500, false))).mapEmpty();
    seeded
        .compose(v -> inboxDelivery(40)).compose(a -> inbox("evt_A", a, 40))
        .compose(a -> event("delivered-old", 40, a, "treasury delivered 40", "bank delivered 39"))
        .compose(v -> event("unrouted-old", 40, null))
        .compose(v -> inboxDelivery(40)).compose(b -> inbox("evt_B", b, 40))
        .compose(b -> event("dead-letter", 40, b, "treasury delivered 40", "bank dead_lettered 40"))
        .compose(v -> inboxDelivery(40)).compose(c -> inbox("evt_C", c, 40))
        .compose(c -> event("parked", 40, c, "bank parked 40"))
        .compose(v -> inboxDelivery(40)).compose(d -> inbox("evt_D", d, 40))
        .compose(d -> event("unpublished", null, d))
        .compose(v -> event("delivered-recent", 2, null, "treasury delivered 2"))
        .compose(v -> event("redelivered", 40, null, "treasury delivered 1"))
        .compose(v -> inboxDelivery(40)).compose(e -> inbox("evt_E_unrouted", e, 40))
        // One request carrying two events (a batch, as Adyen sends): the raw body stays while one event stays.
        .compose(v -> inboxDelivery(40)).compose(f -> inbox("evt_F1", f, 40).compose(f1 -> inbox("evt_F2", f, 40)))
        .compose(f2 -> event("pending", 40, f2, "treasury pending 40"))
        .compose(v -> inboxDelivery(2)).compose(g -> inbox("evt_G_recent", g, 2))
        .compose(v -> job(DEFAULTS).run())
        .compose(report -> Future.all(List.of(
            counts("SELECT aggregate_id, count(*) FROM outbox GROUP BY 1"),
            counts("SELECT o.aggregate_id, count(*) FROM deliveries d JOIN outbox o USING (event_id) GROUP BY 1"),
            counts("SELECT o.aggregate_id, count(*) FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id"
                + " JOIN outbox o USING (event_id) GROUP BY 1"),
            counts("SELECT provider_event_id, count(*) FROM inbox GROUP BY 1"),
            counts("SELECT 'bodies', count(*) FROM inbox_delivery UNION ALL SELECT 'orphans', count(*)"
                + " FROM inbox_delivery d WHERE NOT EXISTS (SELECT 1 FROM inbox i WHERE i.delivery_id = d.id)"),
            counts("SELECT correlation_id, count(*) FROM audit_log GROUP BY 1"),
            counts("SELECT 'external_refs', count(*) FROM external_refs UNION ALL SELECT 'bank_import_lines',"
                + " count(*) FROM bank_import_lines UNION ALL SELECT 'analytics_batches', count(*)"
                + " FROM analytics_batches")))
            .map(all -> List.<Object>of(report, all.resultAt(0), all.resultAt(1), all.resultAt(2), all.resultAt(3),
                all.resultAt(4), all.resultAt(5), all.resultAt(6))))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          RetentionJob.Report report = (RetentionJob.Report) results.get(0);
          assertThat(report.outcome()).isEqualTo(RetentionJob.COMPLETED);
          assertThat(report.deleted()).isEqualTo(deleted(2, 2, 2, 3, 2, 3, 0));
          assertThat(report.cutoffs()).containsOnlyKeys("deliveredEvents", "webhookInbox", "audit");
          assertThat(results.get(1)).isEqualTo(Map.of("dead-letter", 1L, "parked", 1L, "pending", 1L,
              "unpublished", 1L, "delivered-recent", 1L, "redelivered", 1L));
          assertThat(results.get(2)).isEqualTo(Map.of("dead-letter", 2L, "parked", 1L, "pending", 1L,
              "delivered-recent", 1L, "redelivered", 1L));
          assertThat(results.get(3)).isEqualTo(results.get(2));
          assertThat(results.get(4)).isEqualTo(Map.of("evt_B", 1L, "evt_C", 1L, "evt_D", 1L, "evt_F2", 1L,
              "evt_G_recent", 1L));
          assertThat(results.get(5)).isEqualTo(Map.of("bodies", 5L, "orphans", 0L));
          assertThat(results.get(6)).isEqualTo(Map.of("edge-audit", 1L, "recent-audit", 2L));
          assertThat(results.get(7)).isEqualTo(Map.of("external_refs", 1L, "bank_import_lines", 1L,
              "analytics_batches", 1L));
          assertThat(report.toJson().getJsonObject("deleted"))
              .isEqualTo(new JsonObject().put("outbox", 2L).put("deliveries", 2L).put("delivery_attempts", 2L)
                  .put("inbox", 3L).put("inbox_delivery", 2L).put("audit_log", 3L).put("analytics_batches", 0L));
          test.completeNow();
        })));
  }

  @Test
  void aDiscardedDeadLetterAgesOutWithItsEventAndInboxRowWhileAKeptDeadLetterStays(VertxTestContext test) {
    inboxDelivery(40).compose(d -> inbox("evt_discarded", d, 40))
        .compose(ref -> event("discarded", 40, ref, "treasury delivered 40", "bank discarded 35"))
        .compose(v -> inboxDelivery(40)).compose(d -> inbox("evt_dead_letter", d, 40))
        .compose(ref -> event("dead-letter", 40, ref, "treasury delivered 40", "bank dead_lettered 35"))
        .compose(v -> event("discarded-recent", 40, null, "bank discarded 2"))
        .compose(v -> job(DEFAULTS).run())
        .compose(report -> Future.all(counts("SELECT aggregate_id, count(*) FROM outbox GROUP BY 1"),
                counts("SELECT provider_event_id, count(*) FROM inbox GROUP BY 1"),
                counts("SELECT status, count(*) FROM deliveries GROUP BY 1"))
            .map(all -> List.<Object>of(report, all.resultAt(0), all.resultAt(1), all.resultAt(2))))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          RetentionJob.Report report = (RetentionJob.Report) results.get(0);
          assertThat(report.deleted()).isEqualTo(deleted(1, 2, 2, 1, 1, 0, 0));
          assertThat(results.get(1)).isEqualTo(Map.of("dead-letter", 1L, "discarded-recent", 1L));
          assertThat(results.get(2)).isEqualTo(Map.of("evt_dead_letter", 1L));
          assertThat(results.get(3)).isEqualTo(Map.of("delivered", 1L, "dead_lettered", 1L, "discarded", 1L));
          test.completeNow();
        })));
  }

  @Test
  void analyticsLineageGoesOnlyWhenFinishedOldAndNamedByNoLedgerLine(VertxTestContext test) {
    Future.all(List.of(analyticsBatch("delivered", 500, false), analyticsBatch("failed", 500, false),
            analyticsBatch("delivered", 500, true), analyticsBatch("pending", 500, false),
            analyticsBatch("delivered", 100, false)))
        .compose(v -> job(config(5000, 1_000_000, Duration.ofDays(400))).run())
        .compose(report -> counts("SELECT status || CASE WHEN EXISTS (SELECT 1 FROM analytics_ledger_lines l"
            + " WHERE l.batch_id = b.batch_id) THEN '+lines' ELSE '' END, count(*) FROM analytics_batches b GROUP BY 1")
            .map(left -> Map.entry(report, left)))
        .onComplete(test.succeeding(result -> test.verify(() -> {
          assertThat(result.getKey().deleted()).containsEntry("analytics_batches", 2L);
          assertThat(result.getValue()).isEqualTo(Map.of("delivered+lines", 1L, "pending", 1L, "delivered", 1L));
          test.completeNow();
        })));
  }

  @Test
  void aClassThatFailsDoesNotStopTheOthers(VertxTestContext test) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // The first class (delivered events) cannot delete from the outbox; inbox and audit rows must still go.
    sql("CREATE FUNCTION refuse_delete() RETURNS trigger LANGUAGE plpgsql AS "
        + "$$ BEGIN RAISE EXCEPTION 'outbox deletes refused by the test'; END $$")
        .compose(v -> sql("CREATE TRIGGER refuse_outbox_delete BEFORE DELETE ON outbox FOR EACH ROW "
            + "EXECUTE FUNCTION refuse_delete()"))
        .compose(v -> inboxDelivery(40).compose(d -> inbox("evt_stuck", d, 40))
            .compose(ref -> event("stuck", 40, ref, "treasury delivered 40")))
        .compose(v -> inboxDelivery(40).compose(d -> inbox("evt_old", d, 40)))
        .compose(v -> audit("old-audit", 100, 4))
        .compose(v -> new RetentionJob(vertx, database.pool(), config(5000, 1_000_000, null), registry).run()
            .transform(Future::succeededFuture))
        .compose(run -> Future.all(
                counts("SELECT 'outbox', count(*) FROM outbox"),
                counts("SELECT 'audit', count(*) FROM audit_log WHERE correlation_id = 'old-audit'"),
                counts("SELECT 'inbox', count(*) FROM inbox WHERE provider_event_id = 'evt_old'"))
            .map(all -> Map.entry(run, all.<Map<String, Long>>list())))
        .eventually(() -> sql("DROP TRIGGER refuse_outbox_delete ON outbox")
            .compose(v -> sql("DROP FUNCTION refuse_delete()")))
        .onComplete(test.succeeding(result -> test.verify(() -> {
          assertThat(result.getKey().failed()).as("the run reports the failure").isTrue();
          assertThat(result.getKey().cause().getMessage()).contains("outbox deletes refused by the test");
          assertThat(result.getValue().get(0)).isEqualTo(Map.of("outbox", 1L));
          assertThat(result.getValue().get(1)).as("audit purged after the failed class")
              .isEqualTo(Map.of("audit", 0L));
          assertThat(result.getValue().get(2)).as("inbox purged after the failed class")
              .isEqualTo(Map.of("inbox", 0L));
          assertThat(registry.get("gateway_retention_run").tag("outcome", "failed").timer().count()).isEqualTo(1);
          test.completeNow();
        })));
  }

  @Test
  void deletesInBatchesUntilNothingIsLeft(VertxTestContext test) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Future<Void> events = Future.succeededFuture();
    for (int i = 0; i < 12; i++) {
      String name = "batch-" + i;
      events = events.compose(v -> inboxDelivery(40).compose(d -> inbox("evt_" + name, d, 40))
          .compose(ref -> event(name, 40, ref, "treasury delivered 40", "bank delivered 40")));
    }
    events.compose(v -> audit("old-audit", 100, 23))
        .compose(v -> RetentionRecords.audit(database.pool(), OffsetDateTime.now().minusDays(90), 5))
        .compose(first -> new RetentionJob(vertx, database.pool(), config(5, 1_000_000, null), registry).run()
            .map(report -> Map.entry(first, report)))
        .onComplete(test.succeeding(result -> test.verify(() -> {
          assertThat(result.getKey().leading()).isEqualTo(5);
          RetentionJob.Report report = result.getValue();
          assertThat(report.outcome()).isEqualTo(RetentionJob.COMPLETED);
          assertThat(report.deleted()).isEqualTo(deleted(12, 24, 24, 12, 12, 18, 0));
          for (Map.Entry<String, Long> table : report.deleted().entrySet()) {
            assertThat(registry.get("gateway_retention_deleted").tag("table", table.getKey()).counter().count())
                .as(table.getKey()).isEqualTo(table.getValue().doubleValue());
          }
          assertThat(registry.get("gateway_retention_run").tag("outcome", "completed").timer().count())
              .isEqualTo(1);
          test.completeNow();
        })));
  }

  @Test
  void stopsAtTheCapPerRunAndTheNextRunGoesOn(VertxTestContext test) {
    RetentionJob job = job(config(5, 10, null));
    audit("old-audit", 100, 23)
        .compose(v -> job.run()).compose(first -> job.run().compose(second -> job.run()
            .map(third -> List.of(first, second, third))))
        .onComplete(test.succeeding(reports -> test.verify(() -> {
          assertThat(reports).extracting(RetentionJob.Report::outcome)
              .containsExactly(RetentionJob.PARTIAL, RetentionJob.PARTIAL, RetentionJob.COMPLETED);
          assertThat(reports).extracting(report -> report.deleted().get("audit_log")).containsExactly(10L, 10L, 3L);
          test.completeNow();
        })));
  }

  @Test
  void twoGatewaysRunningAtOnceNeitherFailNorCountARowTwice(VertxTestContext test) {
    RetentionJob first = job(config(100, 1_000_000, null));
    RetentionJob second = job(config(100, 1_000_000, null));
    audit("old-audit", 100, 2000)
        .compose(v -> Future.all(first.run(), second.run(), first.run()))
        .compose(all -> counts("SELECT 'left', count(*) FROM audit_log").map(left -> Map.entry(all, left)))
        .onComplete(test.succeeding(result -> test.verify(() -> {
          List<RetentionJob.Report> reports = result.getKey().list();
          assertThat(reports.get(2).skipped()).as("second run of the same gateway").isTrue();
          assertThat(reports.get(0).skipped() && reports.get(1).skipped()).isFalse();
          assertThat(reports).extracting(RetentionJob.Report::outcome)
              .allMatch(outcome -> outcome.equals(RetentionJob.COMPLETED) || outcome.equals(RetentionJob.SKIPPED));
          assertThat(reports.stream().mapToLong(report -> report.deleted().get("audit_log")).sum()).isEqualTo(2000);
          assertThat(result.getValue()).containsEntry("left", 0L);
          test.completeNow();
        })));
  }

  @Test
  void concurrentPurgeStatementsWithoutTheLockNeverDeleteOrCountARowTwice(VertxTestContext test) {
    OffsetDateTime cutoff = OffsetDateTime.now().minusDays(90);
    audit("old-audit", 100, 400)
        .compose(v -> Future.all(List.of(RetentionRecords.audit(database.pool(), cutoff, 300),
            RetentionRecords.audit(database.pool(), cutoff, 300),
            RetentionRecords.audit(database.pool(), cutoff, 300))))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          List<RetentionRecords.Purged> purged = all.list();
          assertThat(purged.stream().mapToLong(RetentionRecords.Purged::leading).sum()).isEqualTo(400);
          test.completeNow();
        })));
  }
}
