package dev.ofg.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Holds the operator-side SQL of deliveries: listing dead letters and parked events, replaying them under their
 * original event id, discarding a dead letter that can never be applied, and the history of an event (outbox row,
 * deliveries, every attempt, and the audit trail of its correlation id).
 */
public final class DeliveryInspection {
  /** Most rows one list or history answer carries. */
  public static final int MAX_ROWS = 500;

  private static final String DELIVERY_COLUMNS = "d.id, d.event_id, d.target, d.status, d.attempts, d.priority,"
      + " d.failure_class, d.last_error, d.waiting_for, d.parked_since, d.next_attempt_at, d.dead_lettered_at,"
      + " d.delivered_at, d.discarded_at, d.discarded_by, d.discard_reason, d.replays, d.created_at, o.event_type,"
      + " o.aggregate_type, o.aggregate_id, o.correlation_id, o.occurred_at";

  private static final String LIST = "SELECT " + DELIVERY_COLUMNS
      + " FROM deliveries d JOIN outbox o ON o.event_id = d.event_id"
      + " WHERE d.status = $1 AND ($2::text IS NULL OR d.target = $2)"
      + " AND CASE WHEN d.status = 'dead_lettered' THEN d.dead_lettered_at ELSE d.parked_since END"
      + "     BETWEEN $3 AND $4"
      + " ORDER BY d.id LIMIT $5";

  /*
   * A dead letter starts over (pending, attempt count zero) under the same event id; a parked delivery keeps its
   * parking clock and is only made due now.
   */
  private static final String REPLAY_SET = " SET status = CASE WHEN status = 'parked' THEN 'parked' ELSE 'pending' END,"
      + " attempts = CASE WHEN status = 'parked' THEN attempts ELSE 0 END,"
      + " failure_class = CASE WHEN status = 'parked' THEN failure_class ELSE NULL END,"
      + " dead_lettered_at = NULL, next_attempt_at = now(), replays = replays + 1, updated_at = now()";

  private static final String REPLAY_ONE = "UPDATE deliveries" + REPLAY_SET
      + " WHERE event_id = $1 AND ($2::text IS NULL OR target = $2) AND status IN ('dead_lettered', 'parked')";

  private static final String REPLAY_RANGE = "UPDATE deliveries" + REPLAY_SET
      + " WHERE status = ANY($1) AND ($2::text IS NULL OR target = $2)"
      + " AND CASE WHEN status = 'dead_lettered' THEN dead_lettered_at ELSE parked_since END BETWEEN $3 AND $4";

  private static final String DELIVERIES = "SELECT " + DELIVERY_COLUMNS
      + " FROM deliveries d JOIN outbox o ON o.event_id = d.event_id"
      + " WHERE d.event_id = $1 AND ($2::text IS NULL OR d.target = $2) ORDER BY d.id";

  /* Only a dead letter is discarded; last_error and dead_lettered_at keep what made it one. */
  private static final String DISCARD = "UPDATE deliveries SET status = 'discarded', discarded_at = now(),"
      + " discarded_by = $3, discard_reason = $4, updated_at = now()"
      + " WHERE event_id = $1 AND target = $2 AND status = 'dead_lettered'";

  private static final String DELIVERIES_WITH_HISTORY = "SELECT " + DELIVERY_COLUMNS + ","
      + " COALESCE((SELECT json_agg(json_build_object('claim', a.claim_no, 'attempt', a.attempt, 'relay', a.relay,"
      + "   'startedAt', a.started_at, 'finishedAt', a.finished_at, 'outcome', a.outcome, 'httpStatus', a.http_status,"
      + "   'detail', a.detail, 'nextAttemptAt', a.next_attempt_at) ORDER BY a.claim_no)"
      + "   FROM delivery_attempts a WHERE a.delivery_id = d.id), '[]'::json) AS history"
      + " FROM deliveries d JOIN outbox o ON o.event_id = d.event_id WHERE d.event_id = ANY($1) ORDER BY d.id";

  private static final String EVENTS = "SELECT seq, event_id, event_type, event_version, aggregate_type, aggregate_id,"
      + " source, source_event_id, correlation_id, occurred_at, recorded_at, published_at, payload, payload_ref"
      + " FROM outbox WHERE ";

  private static final String AUDIT = "SELECT occurred_at, client_id, route, http_method, odoo_model, odoo_method,"
      + " outcome, status, duration_ms, reason FROM audit_log WHERE correlation_id = $1"
      + " ORDER BY occurred_at, id LIMIT " + MAX_ROWS;

  private final Pool pool;

  public DeliveryInspection(Pool pool) {
    this.pool = pool;
  }

  /** Lists deliveries in one status (dead_lettered or parked) whose dead-letter or parking time is in a range. */
  public Future<JsonArray> list(String status, String target, Instant from, Instant to, int limit) {
    Tuple args = Tuple.tuple().addString(status).addString(target).addOffsetDateTime(DeliveryRecords.offset(from))
        .addOffsetDateTime(DeliveryRecords.offset(to)).addInteger(Math.min(Math.max(limit, 1), MAX_ROWS));
    return pool.preparedQuery(LIST).execute(args).map(DeliveryInspection::deliveries);
  }

  /** Replays one event's dead-lettered or parked deliveries (to one target, or all when null); returns the count. */
  public Future<Integer> replay(UUID eventId, String target) {
    return pool.preparedQuery(REPLAY_ONE).execute(Tuple.of(eventId, target)).map(RowSet::rowCount);
  }

  /** Discards one event's dead-lettered delivery to a target; false when it is not (or no longer) dead-lettered. */
  public Future<Boolean> discard(UUID eventId, String target, String by, String reason) {
    return pool.preparedQuery(DISCARD).execute(Tuple.of(eventId, target, by, reason)).map(rows -> rows.rowCount() == 1);
  }

  /** Lists one event's deliveries (to one target, or all when null), without their attempts. */
  public Future<JsonArray> deliveries(UUID eventId, String target) {
    return pool.preparedQuery(DELIVERIES).execute(Tuple.of(eventId, target)).map(DeliveryInspection::deliveries);
  }

  /** Replays every delivery in the given statuses dead-lettered (or parked) within a time range. */
  public Future<Integer> replayRange(List<String> statuses, String target, Instant from, Instant to) {
    Tuple args = Tuple.tuple().addArrayOfString(statuses.toArray(new String[0])).addString(target)
        .addOffsetDateTime(DeliveryRecords.offset(from)).addOffsetDateTime(DeliveryRecords.offset(to));
    return pool.preparedQuery(REPLAY_RANGE).execute(args).map(RowSet::rowCount);
  }

  /** Returns the history of one event, or null when the outbox has no such event. */
  public Future<JsonObject> eventHistory(UUID eventId) {
    return pool.preparedQuery(EVENTS + "event_id = $1").execute(Tuple.of(eventId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(null);
      }
      Row row = rows.iterator().next();
      return history(row.getString("correlation_id"), List.of(row));
    });
  }

  /** Returns every event of a correlation id with its deliveries, attempts and audit trail. */
  public Future<JsonObject> correlationHistory(String correlationId) {
    return pool.preparedQuery(EVENTS + "correlation_id = $1 ORDER BY seq LIMIT " + MAX_ROWS)
        .execute(Tuple.of(correlationId))
        .compose(rows -> {
          List<Row> events = new ArrayList<>();
          rows.forEach(events::add);
          return history(correlationId, events);
        });
  }

  private Future<JsonObject> history(String correlationId, List<Row> events) {
    UUID[] ids = events.stream().map(row -> row.getUUID("event_id")).toArray(UUID[]::new);
    Future<RowSet<Row>> deliveries = pool.preparedQuery(DELIVERIES_WITH_HISTORY).execute(Tuple.of(ids));
    Future<RowSet<Row>> audit = pool.preparedQuery(AUDIT).execute(Tuple.of(correlationId));
    return Future.all(deliveries, audit).map(all -> {
      JsonArray eventsJson = new JsonArray();
      for (Row event : events) {
        JsonArray ofEvent = new JsonArray();
        for (Row delivery : deliveries.result()) {
          if (delivery.getUUID("event_id").equals(event.getUUID("event_id"))) {
            ofEvent.add(delivery(delivery).put("history", delivery.getValue("history")));
          }
        }
        eventsJson.add(outboxEvent(event).put("deliveries", ofEvent));
      }
      JsonArray auditJson = new JsonArray();
      for (Row row : audit.result()) {
        auditJson.add(new JsonObject().put("occurredAt", text(row.getOffsetDateTime("occurred_at")))
            .put("clientId", row.getString("client_id")).put("route", row.getString("route"))
            .put("httpMethod", row.getString("http_method")).put("odooModel", row.getString("odoo_model"))
            .put("odooMethod", row.getString("odoo_method")).put("outcome", row.getString("outcome"))
            .put("status", row.getInteger("status")).put("durationMs", row.getInteger("duration_ms"))
            .put("reason", row.getString("reason")));
      }
      return new JsonObject().put("correlationId", correlationId).put("events", eventsJson).put("audit", auditJson);
    });
  }

  private static JsonArray deliveries(RowSet<Row> rows) {
    JsonArray out = new JsonArray();
    for (Row row : rows) {
      out.add(delivery(row));
    }
    return out;
  }

  private static JsonObject outboxEvent(Row row) {
    return DeliveryRecords.event(row).toJson()
        .put("seq", row.getLong("seq"))
        .put("recordedAt", text(row.getOffsetDateTime("recorded_at")))
        .put("publishedAt", text(row.getOffsetDateTime("published_at")));
  }

  private static JsonObject delivery(Row row) {
    return new JsonObject()
        .put("deliveryId", row.getLong("id"))
        .put("eventId", row.getUUID("event_id").toString())
        .put("target", row.getString("target"))
        .put("status", row.getString("status"))
        .put("attempts", row.getInteger("attempts"))
        .put("priority", row.getInteger("priority"))
        .put("failureClass", row.getString("failure_class"))
        .put("lastError", row.getString("last_error"))
        .put("waitingFor", row.getString("waiting_for"))
        .put("parkedSince", text(row.getOffsetDateTime("parked_since")))
        .put("nextAttemptAt", text(row.getOffsetDateTime("next_attempt_at")))
        .put("deadLetteredAt", text(row.getOffsetDateTime("dead_lettered_at")))
        .put("deliveredAt", text(row.getOffsetDateTime("delivered_at")))
        .put("discardedAt", text(row.getOffsetDateTime("discarded_at")))
        .put("discardedBy", row.getString("discarded_by"))
        .put("discardReason", row.getString("discard_reason"))
        .put("replays", row.getInteger("replays"))
        .put("createdAt", text(row.getOffsetDateTime("created_at")))
        .put("eventType", row.getString("event_type"))
        .put("aggregateType", row.getString("aggregate_type"))
        .put("aggregateId", row.getString("aggregate_id"))
        .put("correlationId", row.getString("correlation_id"))
        .put("occurredAt", text(row.getOffsetDateTime("occurred_at")));
  }

  static String text(OffsetDateTime value) {
    return value == null ? null : value.toInstant().toString();
  }
}
