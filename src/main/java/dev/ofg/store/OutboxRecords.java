package dev.ofg.store;

import dev.ofg.finance.FinanceEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Holds the SQL of the transactional outbox: writing finance events, and claiming them for publication.
 *
 * <p>Callers pass the {@link SqlClient} of their own transaction, so an event is committed together with the
 * change that caused it, or not at all. An event id already in the outbox is skipped, which makes re-running
 * a transaction after an ambiguous commit harmless.
 */
public final class OutboxRecords {
  private static final String INSERT = "INSERT INTO outbox (event_id, event_type, event_version, aggregate_type, "
      + "aggregate_id, source, source_event_id, correlation_id, occurred_at, payload, payload_ref) "
      + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (event_id) DO NOTHING";
  private static final String CLAIM_UNPUBLISHED = "WITH next AS (SELECT seq FROM outbox WHERE published_at IS NULL "
      + "ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED) "
      + "UPDATE outbox o SET published_at = now() FROM next WHERE o.seq = next.seq "
      + "RETURNING o.seq, o.event_id, o.event_type, o.aggregate_type, o.aggregate_id";

  private OutboxRecords() {
  }

  /** Appends events to the outbox inside the caller's transaction. */
  public static Future<Void> append(SqlClient transaction, List<FinanceEvent> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = new ArrayList<>(events.size());
    for (FinanceEvent event : events) {
      rows.add(Tuple.tuple()
          .addUUID(event.id())
          .addString(event.type())
          .addInteger(event.version())
          .addString(event.aggregateType())
          .addString(event.aggregateId())
          .addString(event.source())
          .addString(event.sourceEventId())
          .addString(event.correlationId())
          .addOffsetDateTime(OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC))
          .addValue(event.data())
          .addString(event.payloadRef()));
    }
    return transaction.preparedQuery(INSERT).executeBatch(rows).mapEmpty();
  }

  /** Names one outbox row a relay claimed for fan-out: enough to route it, not its payload. */
  public record Unpublished(long seq, UUID eventId, String type, String aggregateType, String aggregateId) {
  }

  /** Counts the rows no relay has published yet, and how long the oldest has waited. */
  public record Backlog(long rows, double oldestAgeSeconds) {
  }

  /**
   * Claims up to {@code limit} unpublished rows in insertion order and marks them published, inside the caller's
   * transaction: rows another relay holds are skipped, and a rollback leaves them unpublished.
   */
  public static Future<List<Unpublished>> claimUnpublished(SqlClient transaction, int limit) {
    return transaction.preparedQuery(CLAIM_UNPUBLISHED).execute(Tuple.of(limit)).map(rows -> {
      List<Unpublished> out = new ArrayList<>(rows.size());
      for (Row row : rows) {
        out.add(new Unpublished(row.getLong("seq"), row.getUUID("event_id"), row.getString("event_type"),
            row.getString("aggregate_type"), row.getString("aggregate_id")));
      }
      out.sort(Comparator.comparingLong(Unpublished::seq));
      return out;
    });
  }

  /** Measures the unpublished backlog. */
  public static Future<Backlog> backlog(SqlClient client) {
    return client.query("SELECT count(*) AS n, COALESCE(EXTRACT(EPOCH FROM now() - min(recorded_at)), 0) AS age "
        + "FROM outbox WHERE published_at IS NULL").execute().map(rows -> {
          Row row = rows.iterator().next();
          return new Backlog(row.getLong("n"), row.getNumeric("age").doubleValue());
        });
  }
}
