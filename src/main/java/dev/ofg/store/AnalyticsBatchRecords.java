package dev.ofg.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Holds the SQL of analytics batches: the per-target watermark and its lease (one gateway instance cuts batches at a
 * time), the lineage row of each batch, and the PostgreSQL analytics target (ledger lines and routed events).
 */
public final class AnalyticsBatchRecords {
  private static final String ACQUIRE = "UPDATE analytics_watermarks SET lease_owner = $2,"
      + " lease_until = now() + make_interval(secs => $3)"
      + " WHERE target = $1 AND (lease_until IS NULL OR lease_until < now() OR lease_owner = $2)"
      + " RETURNING watermark";

  private static final String COMPLETE = "UPDATE analytics_batches SET status = 'delivered', attempts = attempts + 1,"
      + " row_count = $2, checksum = $3, debit_total = $4, credit_total = $5, balance_total = $6, reconciled = $7,"
      + " reconciliation = $8, last_error = NULL, delivered_at = now() WHERE batch_id = $1 AND status = 'pending'"
      + " RETURNING target, watermark_to";

  private static final String INSERT_LINE = "INSERT INTO analytics_ledger_lines (batch_id, line_id, move_id, move_name,"
      + " account, partner, line_date, parent_state, debit, credit, balance, currency, amount_currency, write_date)"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT DO NOTHING";

  private final Pool pool;

  public AnalyticsBatchRecords(Pool pool) {
    this.pool = pool;
  }

  /** Describes a batch's window and identity; a pending batch is resumed with both unchanged. */
  public record Batch(UUID batchId, String target, LocalDateTime from, LocalDateTime to, int attempts) {
  }

  /** Carries what a delivered batch held and how its reconciliation went. */
  public record Lineage(int rows, String checksum, BigDecimal debit, BigDecimal credit, BigDecimal balance,
      Boolean reconciled, String reconciliation) {
  }

  /** Carries the control totals the analytics table holds for one batch. */
  public record TableTotals(long rows, BigDecimal debit, BigDecimal credit, BigDecimal balance) {
  }

  /** Describes one ledger line as stored in the analytics table. */
  public record LineRow(long lineId, Long moveId, String moveName, String account, String partner,
      LocalDate date, String parentState, BigDecimal debit, BigDecimal credit, BigDecimal balance,
      String currency, BigDecimal amountCurrency, LocalDateTime writeDate) {
  }

  /**
   * Takes the target's lease for {@code lease} and returns its watermark, creating it at {@code since}; empty when
   * another gateway instance holds the lease.
   */
  public Future<Optional<LocalDateTime>> acquire(String target, String owner, Duration lease, LocalDateTime since) {
    return pool.preparedQuery("INSERT INTO analytics_watermarks (target, watermark) VALUES ($1, $2) "
            + "ON CONFLICT DO NOTHING").execute(Tuple.of(target, since))
        .compose(v -> pool.preparedQuery(ACQUIRE).execute(Tuple.of(target, owner, lease.toMillis() / 1000.0)))
        .map(rows -> rows.size() == 0 ? Optional.<LocalDateTime>empty()
            : Optional.of(rows.iterator().next().getLocalDateTime("watermark")));
  }

  public Future<Void> release(String target, String owner) {
    return pool.preparedQuery("UPDATE analytics_watermarks SET lease_owner = NULL, lease_until = NULL "
        + "WHERE target = $1 AND lease_owner = $2").execute(Tuple.of(target, owner)).mapEmpty();
  }

  /** Returns the target's unfinished batch, if a previous run left one. */
  public Future<Optional<Batch>> pending(String target) {
    return pool.preparedQuery("SELECT batch_id, watermark_from, watermark_to, attempts FROM analytics_batches "
        + "WHERE target = $1 AND status = 'pending'").execute(Tuple.of(target)).map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new Batch(row.getUUID("batch_id"), target, row.getLocalDateTime("watermark_from"),
              row.getLocalDateTime("watermark_to"), row.getInteger("attempts")));
        });
  }

  /** Records a new batch as pending, before anything is read or sent, so a crash resumes it under the same id. */
  public Future<Batch> create(String target, LocalDateTime from, LocalDateTime to) {
    UUID id = UUID.randomUUID();
    return pool.preparedQuery("INSERT INTO analytics_batches (batch_id, target, watermark_from, watermark_to, status) "
            + "VALUES ($1, $2, $3, $4, 'pending')").execute(Tuple.of(id, target, from, to))
        .map(v -> new Batch(id, target, from, to, 0));
  }

  /** Counts a failed attempt; with {@code last} the batch is given up (status failed) and its window redone anew. */
  public Future<Void> failed(UUID batchId, String error, boolean last) {
    return pool.preparedQuery("UPDATE analytics_batches SET attempts = attempts + 1, last_error = $2, "
            + "status = CASE WHEN $3 THEN 'failed' ELSE status END WHERE batch_id = $1 AND status = 'pending'")
        .execute(Tuple.of(batchId, error, last)).mapEmpty();
  }

  /** Marks a batch delivered with its lineage and moves the watermark to its cut-off, in the caller's transaction. */
  public static Future<Boolean> complete(SqlClient transaction, UUID batchId, Lineage lineage) {
    Tuple args = Tuple.of(batchId, lineage.rows(), lineage.checksum(), lineage.debit(), lineage.credit(),
        lineage.balance(), lineage.reconciled(), lineage.reconciliation());
    return transaction.preparedQuery(COMPLETE).execute(args).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(false);
      }
      Row row = rows.iterator().next();
      return transaction.preparedQuery("UPDATE analytics_watermarks SET watermark = $2 WHERE target = $1")
          .execute(Tuple.of(row.getString("target"), row.getLocalDateTime("watermark_to"))).map(true);
    });
  }

  /** Writes a batch's lines into the analytics table inside the caller's transaction (a resumed batch is a no-op). */
  public static Future<Void> insertLines(SqlClient transaction, UUID batchId, List<LineRow> lines) {
    if (lines.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = lines.stream().map(line -> Tuple.tuple().addUUID(batchId).addLong(line.lineId())
        .addLong(line.moveId()).addString(line.moveName()).addString(line.account()).addString(line.partner())
        .addLocalDate(line.date()).addString(line.parentState()).addBigDecimal(line.debit())
        .addBigDecimal(line.credit()).addBigDecimal(line.balance()).addString(line.currency())
        .addBigDecimal(line.amountCurrency()).addLocalDateTime(line.writeDate())).toList();
    return transaction.preparedQuery(INSERT_LINE).executeBatch(rows).mapEmpty();
  }

  /** Sums what the analytics table holds for a batch: the target side of the reconciliation. */
  public static Future<TableTotals> tableTotals(SqlClient client, UUID batchId) {
    return client.preparedQuery("SELECT count(*) AS n, COALESCE(sum(debit), 0) AS debit, "
            + "COALESCE(sum(credit), 0) AS credit, COALESCE(sum(balance), 0) AS balance "
            + "FROM analytics_ledger_lines WHERE batch_id = $1").execute(Tuple.of(batchId))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new TableTotals(row.getLong("n"), row.getBigDecimal("debit"), row.getBigDecimal("credit"),
              row.getBigDecimal("balance"));
        });
  }

  /** Stores one routed event in the analytics events table; an event id already there is a no-op. */
  public Future<Void> insertEvent(UUID eventId, String type, String aggregateType, String aggregateId,
      JsonObject body) {
    return pool.preparedQuery("INSERT INTO analytics_events (event_id, event_type, aggregate_type, aggregate_id, body) "
            + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO NOTHING")
        .execute(Tuple.of(eventId, type, aggregateType, aggregateId, body)).mapEmpty();
  }

  /** Lists the latest batches of a target, newest first: the lineage operators and auditors read. */
  public Future<JsonArray> lineage(String target, int limit) {
    return pool.preparedQuery("SELECT batch_id, watermark_from, watermark_to, status, attempts, row_count, checksum, "
            + "debit_total, credit_total, balance_total, reconciled, reconciliation, last_error, created_at, "
            + "delivered_at FROM analytics_batches WHERE target = $1 ORDER BY created_at DESC LIMIT $2")
        .execute(Tuple.of(target, Math.min(Math.max(limit, 1), DeliveryInspection.MAX_ROWS))).map(rows -> {
          JsonArray out = new JsonArray();
          for (Row row : rows) {
            out.add(new JsonObject()
                .put("batchId", row.getUUID("batch_id").toString())
                .put("watermarkFrom", text(row.getLocalDateTime("watermark_from")))
                .put("watermarkTo", text(row.getLocalDateTime("watermark_to")))
                .put("status", row.getString("status"))
                .put("attempts", row.getInteger("attempts"))
                .put("rows", row.getInteger("row_count"))
                .put("checksum", row.getString("checksum"))
                .put("debitTotal", plain(row.getBigDecimal("debit_total")))
                .put("creditTotal", plain(row.getBigDecimal("credit_total")))
                .put("balanceTotal", plain(row.getBigDecimal("balance_total")))
                .put("reconciled", row.getBoolean("reconciled"))
                .put("reconciliation", row.getString("reconciliation"))
                .put("lastError", row.getString("last_error"))
                .put("createdAt", DeliveryInspection.text(row.getOffsetDateTime("created_at")))
                .put("deliveredAt", DeliveryInspection.text(row.getOffsetDateTime("delivered_at"))));
          }
          return out;
        });
  }

  private static String text(LocalDateTime value) {
    return value == null ? null : value.toString();
  }

  private static String plain(BigDecimal value) {
    return value == null ? null : value.stripTrailingZeros().toPlainString();
  }
}
