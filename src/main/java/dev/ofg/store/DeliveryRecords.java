package dev.ofg.store;

import dev.ofg.finance.FinanceEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Holds the SQL of per-target delivery state on the relay's path: fan-out of published outbox rows into
 * deliveries, claiming due deliveries (one claim per attempt, fenced by {@code claim_no}), recording outcomes
 * with their attempt history, and the paused/disabled state of targets.
 */
public final class DeliveryRecords {
  static final String NON_FINAL = "('pending', 'in_flight', 'parked')";

  private static final String INSERT = "INSERT INTO deliveries (event_id, target, outbox_seq, aggregate_type, "
      + "aggregate_id, priority, status) VALUES ($1, $2, $3, $4, $5, $6, 'pending') "
      + "ON CONFLICT (event_id, target) DO NOTHING";

  private static final String WAKE = "UPDATE deliveries SET next_attempt_at = now(), updated_at = now() "
      + "WHERE status = 'parked' AND waiting_for = ANY($1) AND next_attempt_at > now()";

  /*
   * A delivery is due when it is pending or parked and its time has come, or in flight under an expired lease.
   * It is claimable only as the head of its aggregate for this target: no earlier delivery of the aggregate is
   * unfinished, and no earlier outbox row of the aggregate is still unpublished (another relay may be fanning it
   * out right now). FOR UPDATE SKIP LOCKED lets concurrent relays claim disjoint rows; claim_no + 1 is the fence.
   */
  private static final String CLAIM = "WITH due AS ("
      + " SELECT d.id, d.status AS previous_status, d.claim_no AS previous_claim, d.attempts AS previous_attempts,"
      + "   d.lease_until AS previous_lease, d.claimed_by AS previous_owner"
      + " FROM deliveries d"
      + " WHERE d.target = $1"
      + "   AND ((d.status IN ('pending', 'parked') AND d.next_attempt_at <= now())"
      + "        OR (d.status = 'in_flight' AND d.lease_until < now()))"
      + "   AND NOT EXISTS (SELECT 1 FROM deliveries p WHERE p.target = d.target"
      + "        AND p.aggregate_type = d.aggregate_type AND p.aggregate_id = d.aggregate_id"
      + "        AND p.outbox_seq < d.outbox_seq AND p.status IN " + NON_FINAL + ")"
      + "   AND NOT EXISTS (SELECT 1 FROM outbox u WHERE u.aggregate_type = d.aggregate_type"
      + "        AND u.aggregate_id = d.aggregate_id AND u.seq < d.outbox_seq AND u.published_at IS NULL)"
      + " ORDER BY d.priority, d.outbox_seq LIMIT $2 FOR UPDATE OF d SKIP LOCKED"
      + "), abandoned AS ("
      + " INSERT INTO delivery_attempts (delivery_id, claim_no, attempt, relay, outcome, detail)"
      + " SELECT id, previous_claim, previous_attempts + 1, COALESCE(previous_owner, 'unknown'), 'abandoned',"
      + "   'lease expired at ' || previous_lease || ': the gateway holding the claim stopped answering'"
      + " FROM due WHERE previous_status = 'in_flight' ON CONFLICT DO NOTHING"
      + "), claimed AS ("
      + " UPDATE deliveries d SET status = 'in_flight', claim_no = d.claim_no + 1,"
      + "   attempts = d.attempts + CASE WHEN due.previous_status = 'in_flight' THEN 1 ELSE 0 END,"
      + "   lease_until = now() + make_interval(secs => $3), claimed_by = $4, updated_at = now()"
      + " FROM due WHERE d.id = due.id"
      + " RETURNING d.id, d.claim_no, d.attempts, d.parked_since, d.waiting_for, d.priority, d.outbox_seq, d.event_id"
      + ") SELECT c.id, c.claim_no, c.attempts, c.parked_since, c.waiting_for, now() AS claimed_at,"
      + "   o.event_id, o.event_type, o.event_version, o.aggregate_type, o.aggregate_id, o.source, o.source_event_id,"
      + "   o.correlation_id, o.occurred_at, o.payload, o.payload_ref"
      + " FROM claimed c JOIN outbox o ON o.event_id = c.event_id ORDER BY c.priority, c.outbox_seq";

  private static final String RECORD = "WITH updated AS ("
      + " UPDATE deliveries SET status = $3, attempts = attempts + $4,"
      + "   next_attempt_at = COALESCE($5, next_attempt_at), lease_until = NULL,"
      + "   failure_class = $6, last_error = $7, waiting_for = $8,"
      + "   parked_since = CASE WHEN $3 = 'parked' THEN COALESCE(parked_since, now())"
      + "                       WHEN $3 IN ('delivered', 'dead_lettered') THEN NULL ELSE parked_since END,"
      + "   delivered_at = CASE WHEN $3 = 'delivered' THEN now() ELSE delivered_at END,"
      + "   dead_lettered_at = CASE WHEN $3 = 'dead_lettered' THEN now() ELSE NULL END,"
      + "   updated_at = now()"
      + " WHERE id = $1 AND claim_no = $2 AND status = 'in_flight'"
      + " RETURNING id, claim_no"
      + ") INSERT INTO delivery_attempts (delivery_id, claim_no, attempt, relay, started_at, outcome, http_status,"
      + "   detail, next_attempt_at)"
      + " SELECT id, claim_no, $9, $10, $11, $12, $13, $14, $5 FROM updated";

  private final Pool pool;

  public DeliveryRecords(Pool pool) {
    this.pool = pool;
  }

  /** Describes one delivery to create when an outbox row is fanned out. */
  public record NewDelivery(UUID eventId, String target, long outboxSeq, String aggregateType, String aggregateId,
      int priority) {
  }

  /**
   * Describes a claimed delivery: the event, the fencing token, and what the policy needs to decide.
   *
   * @param claimNo the fencing token; only this claim may record the outcome
   * @param attempts attempts counted before this one
   * @param parkedSince when the delivery was first parked, or null
   */
  public record Claimed(long deliveryId, String target, int claimNo, int attempts, Instant parkedSince,
      String waitingFor, Instant claimedAt, FinanceEvent event) {
    /** The number of the attempt this claim makes. */
    public int attemptNumber() {
      return attempts + 1;
    }
  }

  /**
   * Describes the outcome of one claim as it is recorded: the delivery's next state and one history row.
   *
   * @param status the delivery's next status (pending, parked, delivered, dead_lettered; an operator may later
   *     discard a dead letter)
   * @param countedAttempts 1 when the claim counts as an attempt, 0 when the target was not tried (parked,
   *     deferred, gone)
   * @param nextAttemptAt when it is due again (null: unchanged)
   * @param outcome what happened, for the history (delivered, technical, business, gone, parked, deferred)
   */
  public record Outcome(long deliveryId, int claimNo, String status, int countedAttempts, Instant nextAttemptAt,
      String failureClass, String error, String waitingFor, int attemptNumber, String relay, Instant startedAt,
      String outcome, Integer httpStatus, String detail) {
  }

  /** Holds a target's operator state. */
  public record TargetState(String target, boolean paused, boolean disabled, String reason, Instant changedAt,
      String changedBy) {
    public boolean active() {
      return !paused && !disabled;
    }
  }

  /** Counts a target's deliveries by state, with the age of the oldest unfinished one and the due lag. */
  public record TargetBacklog(String target, long pending, long inFlight, long parked, long deadLettered,
      long discarded, double oldestAgeSeconds, double lagSeconds) {
  }

  /** Inserts deliveries inside the fan-out transaction; an (event, target) pair already present is skipped. */
  public static Future<Void> insertPending(SqlClient transaction, List<NewDelivery> deliveries) {
    if (deliveries.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = new ArrayList<>(deliveries.size());
    for (NewDelivery d : deliveries) {
      rows.add(Tuple.of(d.eventId(), d.target(), d.outboxSeq(), d.aggregateType(), d.aggregateId(),
          (short) d.priority()));
    }
    return transaction.preparedQuery(INSERT).executeBatch(rows).mapEmpty();
  }

  /** Makes parked deliveries waiting for any of these prerequisites (e.g. {@code invoice:SO-1}) due now. */
  public static Future<Integer> wakeParked(SqlClient transaction, List<String> prerequisites) {
    if (prerequisites.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return transaction.preparedQuery(WAKE).execute(Tuple.of(prerequisites.toArray(new String[0])))
        .map(rows -> rows.rowCount());
  }

  /** Claims up to {@code limit} due deliveries of a target for {@code relay}, each under a lease. */
  public Future<List<Claimed>> claimDue(String target, int limit, Duration lease, String relay) {
    if (limit <= 0) {
      return Future.succeededFuture(List.of());
    }
    double leaseSeconds = lease.toMillis() / 1000.0;
    return pool.preparedQuery(CLAIM).execute(Tuple.of(target, limit, leaseSeconds, relay)).map(rows -> {
      List<Claimed> out = new ArrayList<>(rows.size());
      for (Row row : rows) {
        out.add(new Claimed(row.getLong("id"), target, row.getInteger("claim_no"), row.getInteger("attempts"),
            instant(row.getOffsetDateTime("parked_since")), row.getString("waiting_for"),
            instant(row.getOffsetDateTime("claimed_at")), event(row)));
      }
      return out;
    });
  }

  /**
   * Records a claim's outcome; returns false when the claim is stale (its lease expired and another relay took
   * the delivery over), in which case nothing is written.
   */
  public Future<Boolean> record(Outcome o) {
    Tuple values = Tuple.tuple()
        .addLong(o.deliveryId()).addInteger(o.claimNo()).addString(o.status()).addInteger(o.countedAttempts())
        .addOffsetDateTime(offset(o.nextAttemptAt())).addString(o.failureClass()).addString(o.error())
        .addString(o.waitingFor()).addInteger(o.attemptNumber()).addString(o.relay())
        .addOffsetDateTime(offset(o.startedAt())).addString(o.outcome()).addInteger(o.httpStatus())
        .addString(o.detail());
    return pool.preparedQuery(RECORD).execute(values).map(rows -> rows.rowCount() == 1);
  }

  /** Creates the state row of each target that has none (targets start active). */
  public Future<Void> ensureTargets(List<String> targets) {
    List<Tuple> rows = new ArrayList<>();
    for (String target : targets) {
      rows.add(Tuple.of(target));
    }
    return rows.isEmpty() ? Future.succeededFuture()
        : pool.preparedQuery("INSERT INTO delivery_targets (target) VALUES ($1) ON CONFLICT DO NOTHING")
            .executeBatch(rows).mapEmpty();
  }

  public Future<List<TargetState>> targetStates() {
    return pool.query("SELECT target, paused, disabled, reason, changed_at, changed_by FROM delivery_targets "
        + "ORDER BY target").execute().map(rows -> {
          List<TargetState> out = new ArrayList<>();
          for (Row row : rows) {
            out.add(new TargetState(row.getString("target"), row.getBoolean("paused"), row.getBoolean("disabled"),
                row.getString("reason"), instant(row.getOffsetDateTime("changed_at")), row.getString("changed_by")));
          }
          return out;
        });
  }

  /** Pauses a target (the relay stops claiming for it); false when the target is unknown. */
  public Future<Boolean> pause(String target, String by, String reason) {
    return pool.preparedQuery("UPDATE delivery_targets SET paused = true, reason = $2, changed_at = now(), "
            + "changed_by = $3 WHERE target = $1")
        .execute(Tuple.of(target, reason, by)).map(rows -> rows.rowCount() == 1);
  }

  /** Resumes a paused or disabled target; false when the target is unknown. */
  public Future<Boolean> resume(String target, String by) {
    return pool.preparedQuery("UPDATE delivery_targets SET paused = false, disabled = false, reason = NULL, "
            + "changed_at = now(), changed_by = $2 WHERE target = $1")
        .execute(Tuple.of(target, by)).map(rows -> rows.rowCount() == 1);
  }

  /** Disables a target on its own request (410 Gone); true only for the call that changed the state. */
  public Future<Boolean> disable(String target, String reason) {
    return pool.preparedQuery("UPDATE delivery_targets SET disabled = true, reason = $2, changed_at = now(), "
            + "changed_by = 'target' WHERE target = $1 AND NOT disabled")
        .execute(Tuple.of(target, reason)).map(rows -> rows.rowCount() == 1);
  }

  /** Counts unfinished, dead-lettered and discarded deliveries per target. */
  public Future<List<TargetBacklog>> backlog() {
    return pool.query("SELECT target,"
        + " count(*) FILTER (WHERE status = 'pending') AS pending,"
        + " count(*) FILTER (WHERE status = 'in_flight') AS in_flight,"
        + " count(*) FILTER (WHERE status = 'parked') AS parked,"
        + " COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) AS oldest,"
        + " COALESCE(EXTRACT(EPOCH FROM now() - min(next_attempt_at) FILTER (WHERE status = 'pending'"
        + "   AND next_attempt_at <= now())), 0) AS lag,"
        + " 0 AS dead, 0 AS discarded FROM deliveries WHERE status IN " + NON_FINAL + " GROUP BY target"
        + " UNION ALL SELECT target, 0, 0, 0, 0, 0, count(*) FILTER (WHERE status = 'dead_lettered'),"
        + " count(*) FILTER (WHERE status = 'discarded') FROM deliveries"
        + " WHERE status IN ('dead_lettered', 'discarded') GROUP BY target")
        .execute().map(DeliveryRecords::backlogRows);
  }

  /** Counts high-priority deliveries (priority 0) that are due or in flight on any target. */
  public Future<Long> highPriorityBacklog() {
    return pool.query("SELECT count(*) FROM deliveries WHERE priority = 0 AND status IN ('pending', 'in_flight') "
        + "AND next_attempt_at <= now()").execute().map(rows -> rows.iterator().next().getLong(0));
  }

  private static List<TargetBacklog> backlogRows(Iterable<Row> rows) {
    Map<String, TargetBacklog> byTarget = new TreeMap<>();
    for (Row row : rows) {
      TargetBacklog part = new TargetBacklog(row.getString("target"), row.getLong("pending"),
          row.getLong("in_flight"), row.getLong("parked"), row.getLong("dead"), row.getLong("discarded"),
          row.getNumeric("oldest").doubleValue(), row.getNumeric("lag").doubleValue());
      byTarget.merge(part.target(), part, (a, b) -> new TargetBacklog(a.target(), a.pending() + b.pending(),
          a.inFlight() + b.inFlight(), a.parked() + b.parked(), a.deadLettered() + b.deadLettered(),
          a.discarded() + b.discarded(), Math.max(a.oldestAgeSeconds(), b.oldestAgeSeconds()),
          Math.max(a.lagSeconds(), b.lagSeconds())));
    }
    return new ArrayList<>(byTarget.values());
  }

  static FinanceEvent event(Row row) {
    return new FinanceEvent(row.getUUID("event_id"), row.getString("event_type"), row.getInteger("event_version"),
        row.getString("aggregate_type"), row.getString("aggregate_id"), row.getString("source"),
        row.getString("source_event_id"), row.getString("correlation_id"),
        row.getOffsetDateTime("occurred_at").toInstant(), row.getJsonObject("payload"), row.getString("payload_ref"));
  }

  static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }

  static OffsetDateTime offset(Instant value) {
    return value == null ? null : OffsetDateTime.ofInstant(value, ZoneOffset.UTC);
  }
}
