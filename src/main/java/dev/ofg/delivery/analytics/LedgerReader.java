package dev.ofg.delivery.analytics;

import dev.ofg.config.RateLimitConfig.PriorityTier;
import dev.ofg.http.TraceContext;
import dev.ofg.odoo.OdooCall;
import dev.ofg.odoo.OdooClient;
import dev.ofg.store.AnalyticsBatchRecords.LineRow;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads ledger lines ({@code account.move.line}) changed in Odoo within a write_date window, in id order with keyset
 * paging (so a line changed while pages are read is neither skipped nor repeated within the window), at the bulk
 * priority tier so that payment traffic to Odoo goes first.
 */
final class LedgerReader {
  static final String MODEL = "account.move.line";
  /** Odoo's datetime format (UTC, no zone). */
  static final DateTimeFormatter ODOO_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final JsonArray FIELDS = new JsonArray(List.of("id", "move_id", "move_name", "account_id",
      "partner_id", "date", "parent_state", "debit", "credit", "balance", "currency_id", "amount_currency",
      "write_date"));

  private final OdooClient odoo;
  private final int pageSize;

  LedgerReader(OdooClient odoo, int pageSize) {
    this.odoo = odoo;
    this.pageSize = pageSize;
  }

  /** Counts the lines whose write_date is in {@code [from, to)}. */
  Future<Long> count(LocalDateTime from, LocalDateTime to, TraceContext trace) {
    OdooCall call = new OdooCall(MODEL, "search_count", new JsonArray().add(window(from, to)), new JsonObject());
    return odoo.execute(call, trace, PriorityTier.BULK).map(result -> ((Number) result).longValue());
  }

  /** Reads every line whose write_date is in {@code [from, to)}, ordered by id. */
  Future<List<LineRow>> read(LocalDateTime from, LocalDateTime to, TraceContext trace) {
    return page(from, to, 0, new ArrayList<>(), trace);
  }

  private Future<List<LineRow>> page(LocalDateTime from, LocalDateTime to, long afterId, List<LineRow> acc,
      TraceContext trace) {
    JsonArray domain = window(from, to).add(new JsonArray().add("id").add(">").add(afterId));
    OdooCall call = new OdooCall(MODEL, "search_read", new JsonArray().add(domain), new JsonObject()
        .put("fields", FIELDS).put("order", "id asc").put("limit", pageSize));
    return odoo.execute(call, trace, PriorityTier.BULK).compose(result -> {
      JsonArray rows = result instanceof JsonArray ? (JsonArray) result : new JsonArray();
      for (int i = 0; i < rows.size(); i++) {
        acc.add(line(rows.getJsonObject(i)));
      }
      return rows.size() < pageSize ? Future.succeededFuture(acc)
          : page(from, to, acc.get(acc.size() - 1).lineId(), acc, trace);
    });
  }

  static JsonArray window(LocalDateTime from, LocalDateTime to) {
    return new JsonArray()
        .add(new JsonArray().add("write_date").add(">=").add(ODOO_DATETIME.format(from)))
        .add(new JsonArray().add("write_date").add("<").add(ODOO_DATETIME.format(to)));
  }

  static LineRow line(JsonObject row) {
    return new LineRow(row.getLong("id"), relationId(row.getValue("move_id")), text(row.getValue("move_name")),
        relationName(row.getValue("account_id")), relationName(row.getValue("partner_id")),
        row.getValue("date") instanceof String date ? LocalDate.parse(date) : null,
        text(row.getValue("parent_state")), amount(row.getValue("debit")), amount(row.getValue("credit")),
        amount(row.getValue("balance")), relationName(row.getValue("currency_id")),
        amount(row.getValue("amount_currency")),
        LocalDateTime.parse(row.getString("write_date").replace(' ', 'T')));
  }

  /** Converts Odoo's float to the exact decimal of its shortest representation (360.0 -> 360, 0.1 -> 0.1). */
  static BigDecimal amount(Object value) {
    if (!(value instanceof Number)) {
      return BigDecimal.ZERO;
    }
    BigDecimal decimal = new BigDecimal(value.toString()).stripTrailingZeros();
    return decimal.scale() < 0 ? decimal.setScale(0) : decimal;
  }

  private static String text(Object value) {
    return value instanceof String ? (String) value : null;
  }

  private static Long relationId(Object value) {
    return value instanceof JsonArray pair && !pair.isEmpty() && pair.getValue(0) instanceof Number id
        ? id.longValue() : null;
  }

  private static String relationName(Object value) {
    return value instanceof JsonArray pair && pair.size() == 2 ? String.valueOf(pair.getValue(1)) : null;
  }
}
