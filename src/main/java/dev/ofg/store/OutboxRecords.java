package dev.ofg.store;

import dev.ofg.finance.FinanceEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds the SQL that writes finance events into the transactional outbox.
 *
 * <p>Callers pass the {@link SqlClient} of their own transaction, so an event is committed together with the
 * change that caused it, or not at all. An event id already in the outbox is skipped, which makes re-running
 * a transaction after an ambiguous commit harmless.
 */
public final class OutboxRecords {
  private static final String INSERT = "INSERT INTO outbox (event_id, event_type, event_version, aggregate_type, "
      + "aggregate_id, source, source_event_id, correlation_id, occurred_at, payload, payload_ref) "
      + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (event_id) DO NOTHING";

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

}
