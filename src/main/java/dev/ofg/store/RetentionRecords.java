package dev.ofg.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Holds the SQL of the retention job: the run lock, and one bounded DELETE per data class (see docs/retention.md
 * and {@code V40__retention_indexes.sql}).
 *
 * <p>Every purge is one statement that picks at most {@code limit} of the oldest eligible rows with
 * {@code FOR UPDATE SKIP LOCKED} (it never waits for a row another transaction holds) and deletes them together with
 * the rows that depend on them, so foreign keys hold at the end of each statement and each statement is short.
 * Rows are deleted by key ({@code = ANY (ARRAY(...))}), which keeps the plan an index lookup even when PostgreSQL
 * switches the cached statement to a generic plan; {@code IN (subquery)} would then scan the whole table.
 *
 * <p>{@code external_refs} and {@code bank_import_lines} are never touched: they are the exactly-once guarantees of
 * Odoo writes and statement lines. Neither are the analytics target's own tables ({@code analytics_ledger_lines},
 * {@code analytics_events}), which hold delivered data, nor {@code idempotency_keys}, which has its own reaper.
 */
public final class RetentionRecords {
  /** First key of the run lock; the second is the schema, so gateways in other schemas do not exclude each other. */
  private static final int LOCK_SPACE = 0x4f464752;

  private static final String LOCK = "SELECT pg_try_advisory_lock(" + LOCK_SPACE + ", hashtext(current_schema()))"
      + " AS locked, now() AS now";
  private static final String UNLOCK = "SELECT pg_advisory_unlock(" + LOCK_SPACE + ", hashtext(current_schema()))";

  /** Delivery statuses nothing ever changes again. */
  private static final String FINAL = "('delivered', 'discarded')";

  /*
   * An outbox event goes when it was published before the cut-off and every delivery it has was delivered or
   * discarded before the cut-off (an event no route sends anywhere has none). Dead-lettered, parked, pending and
   * in-flight deliveries keep their event. "delivered" and "discarded" are final (replay only restarts dead-lettered
   * and parked deliveries), and the delivery delete re-checks it on the row it deletes; the outbox row goes only when
   * none of its deliveries is left.
   */
  private static final String DELIVERED_EVENTS = "WITH events AS ("
      + " SELECT o.seq, o.event_id FROM outbox o"
      + " WHERE o.published_at < $1"
      + "   AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = o.event_id"
      + "        AND NOT ((d.status = 'delivered' AND d.delivered_at < $1)"
      + "              OR (d.status = 'discarded' AND d.discarded_at < $1)))"
      + " ORDER BY o.published_at LIMIT $2 FOR UPDATE OF o SKIP LOCKED"
      + "), gone AS ("
      + " DELETE FROM deliveries d WHERE d.event_id = ANY (ARRAY(SELECT event_id FROM events))"
      + "   AND d.status IN " + FINAL + " RETURNING d.id"
      + "), attempts AS ("
      + " DELETE FROM delivery_attempts a WHERE a.delivery_id = ANY (ARRAY(SELECT id FROM gone)) RETURNING 1"
      + "), purged AS ("
      + " DELETE FROM outbox o WHERE o.seq = ANY (ARRAY(SELECT seq FROM events))"
      + "   AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = o.event_id"
      + "        AND d.id NOT IN (SELECT id FROM gone))"
      + " RETURNING 1"
      + ") SELECT (SELECT count(*) FROM purged) AS outbox, (SELECT count(*) FROM gone) AS deliveries,"
      + "   (SELECT count(*) FROM attempts) AS delivery_attempts";

  /*
   * An inbox event goes when it was received before the cut-off, unless a finance event made from it
   * (payload_ref inbox:<id>) is still unpublished or has a delivery that is neither delivered nor discarded. Its raw
   * request (inbox_delivery) goes with the last event that names it.
   */
  private static final String WEBHOOK_INBOX = "WITH doomed AS ("
      + " SELECT i.id FROM inbox i WHERE i.received_at < $1"
      + "   AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.payload_ref = 'inbox:' || i.id"
      + "        AND (o.published_at IS NULL OR EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = o.event_id"
      + "             AND d.status NOT IN " + FINAL + ")))"
      + " ORDER BY i.received_at LIMIT $2 FOR UPDATE SKIP LOCKED"
      + "), events AS ("
      + " DELETE FROM inbox WHERE id = ANY (ARRAY(SELECT id FROM doomed)) RETURNING id, delivery_id"
      + "), bodies AS ("
      + " DELETE FROM inbox_delivery d WHERE d.id = ANY (ARRAY(SELECT DISTINCT delivery_id FROM events))"
      + "   AND NOT EXISTS (SELECT 1 FROM inbox i WHERE i.delivery_id = d.id AND i.id NOT IN (SELECT id FROM events))"
      + " RETURNING 1"
      + ") SELECT (SELECT count(*) FROM events) AS inbox, (SELECT count(*) FROM bodies) AS inbox_delivery";

  private static final String AUDIT = "WITH purged AS ("
      + " DELETE FROM audit_log WHERE id = ANY (ARRAY("
      + "   SELECT id FROM audit_log WHERE occurred_at < $1 ORDER BY occurred_at LIMIT $2 FOR UPDATE SKIP LOCKED))"
      + " RETURNING 1"
      + ") SELECT count(*) AS audit_log FROM purged";

  /* Finished batches only (a pending one is resumed), and never one whose delivered ledger lines name it. */
  private static final String ANALYTICS_LINEAGE = "WITH purged AS ("
      + " DELETE FROM analytics_batches WHERE batch_id = ANY (ARRAY("
      + "   SELECT b.batch_id FROM analytics_batches b WHERE b.status IN ('delivered', 'failed')"
      + "     AND COALESCE(b.delivered_at, b.created_at) < $1"
      + "     AND NOT EXISTS (SELECT 1 FROM analytics_ledger_lines l WHERE l.batch_id = b.batch_id)"
      + "   ORDER BY b.created_at LIMIT $2 FOR UPDATE SKIP LOCKED))"
      + " RETURNING 1"
      + ") SELECT count(*) AS analytics_batches FROM purged";

  private RetentionRecords() {
  }

  /**
   * Counts the rows one purge statement deleted, per table.
   *
   * @param leading rows of the class's own table (outbox, inbox, audit_log, analytics_batches); fewer than the
   *     limit means nothing eligible is left
   * @param byTable rows per table, the leading table first
   */
  public record Purged(long leading, Map<String, Long> byTable) {
    public Purged {
      byTable = Collections.unmodifiableMap(new LinkedHashMap<>(byTable));
    }
  }

  /**
   * Takes the run lock on this connection (a session-level advisory lock, released by {@link #unlock} or when the
   * connection closes) and reads the database clock.
   *
   * @return the database's current time when the lock was taken, or null when another session holds it
   */
  public static Future<OffsetDateTime> tryLock(SqlConnection connection) {
    return connection.query(LOCK).execute().map(rows -> {
      Row row = rows.iterator().next();
      return row.getBoolean("locked") ? row.getOffsetDateTime("now") : null;
    });
  }

  public static Future<Void> unlock(SqlConnection connection) {
    return connection.query(UNLOCK).execute().mapEmpty();
  }

  /**
   * Deletes up to {@code limit} outbox events published before {@code cutoff} whose deliveries are all delivered or
   * discarded, with those deliveries.
   */
  public static Future<Purged> deliveredEvents(SqlClient client, OffsetDateTime cutoff, int limit) {
    return purge(client, DELIVERED_EVENTS, cutoff, limit);
  }

  /**
   * Deletes up to {@code limit} inbox events received before {@code cutoff} whose finance events are delivered (or
   * discarded).
   */
  public static Future<Purged> webhookInbox(SqlClient client, OffsetDateTime cutoff, int limit) {
    return purge(client, WEBHOOK_INBOX, cutoff, limit);
  }

  /** Deletes up to {@code limit} audit rows that occurred before {@code cutoff}. */
  public static Future<Purged> audit(SqlClient client, OffsetDateTime cutoff, int limit) {
    return purge(client, AUDIT, cutoff, limit);
  }

  /** Deletes up to {@code limit} finished analytics batch rows older than {@code cutoff} that no ledger line names. */
  public static Future<Purged> analyticsLineage(SqlClient client, OffsetDateTime cutoff, int limit) {
    return purge(client, ANALYTICS_LINEAGE, cutoff, limit);
  }

  private static Future<Purged> purge(SqlClient client, String sql, OffsetDateTime cutoff, int limit) {
    return client.preparedQuery(sql).execute(Tuple.of(cutoff, limit)).map(rows -> {
      Row row = rows.iterator().next();
      Map<String, Long> byTable = new LinkedHashMap<>();
      for (int i = 0; i < row.size(); i++) {
        byTable.put(row.getColumnName(i), row.getLong(i));
      }
      return new Purged(row.getLong(0), byTable);
    });
  }
}
