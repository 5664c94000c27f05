package dev.ofg.delivery.analytics;

import dev.ofg.store.AnalyticsBatchRecords;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a batch's control totals against what the target holds: the PostgreSQL table's count and sums for the
 * batch, or the HTTP target's receipt ({@code {"rows": n, "sha256": "...", "debit": "...", "credit": "..."}}). A
 * target that answers without a receipt leaves the batch unreconciled (null), not failed: the totals travel in the
 * request headers for it to check.
 *
 * @param reconciled true when every compared total matched, false on any mismatch, null when nothing was compared
 * @param text what was compared and found, for the lineage record
 */
record Reconciliation(Boolean reconciled, String text) {

  static Reconciliation ofTable(LedgerBatch batch, AnalyticsBatchRecords.TableTotals table) {
    List<String> mismatches = new ArrayList<>();
    compare(mismatches, "rows", BigDecimal.valueOf(batch.rows()), BigDecimal.valueOf(table.rows()));
    compare(mismatches, "debit", batch.debit(), table.debit());
    compare(mismatches, "credit", batch.credit(), table.credit());
    compare(mismatches, "balance", batch.balance(), table.balance());
    return result(batch, "table", mismatches);
  }

  static Reconciliation ofReceipt(LedgerBatch batch, Buffer response) {
    JsonObject receipt = receipt(response);
    if (receipt == null || !(receipt.getValue("rows") instanceof Number)) {
      return new Reconciliation(null, source(batch) + "; target returned no receipt (totals sent in headers)");
    }
    List<String> mismatches = new ArrayList<>();
    compare(mismatches, "rows", BigDecimal.valueOf(batch.rows()), new BigDecimal(receipt.getValue("rows").toString()));
    if (!batch.checksum().equalsIgnoreCase(String.valueOf(receipt.getValue("sha256")))) {
      mismatches.add("sha256 sent " + batch.checksum() + ", received " + receipt.getValue("sha256"));
    }
    compareIfPresent(mismatches, "debit", batch.debit(), receipt.getValue("debit"));
    compareIfPresent(mismatches, "credit", batch.credit(), receipt.getValue("credit"));
    return result(batch, "receipt", mismatches);
  }

  private static Reconciliation result(LedgerBatch batch, String against, List<String> mismatches) {
    if (batch.sourceCount() != batch.rows()) {
      mismatches.add(0, "Odoo counted " + batch.sourceCount() + " lines in the window, " + batch.rows() + " were read");
    }
    if (mismatches.isEmpty()) {
      return new Reconciliation(true, source(batch) + "; " + against + " matches: rows " + batch.rows() + ", debit "
          + batch.debit().toPlainString() + ", credit " + batch.credit().toPlainString() + ", balance "
          + batch.balance().toPlainString());
    }
    return new Reconciliation(false, against + " mismatch: " + String.join("; ", mismatches));
  }

  private static String source(LedgerBatch batch) {
    return "Odoo counted " + batch.sourceCount() + " lines";
  }

  private static void compare(List<String> mismatches, String name, BigDecimal sent, BigDecimal held) {
    if (held == null || sent.compareTo(held) != 0) {
      mismatches.add(name + " sent " + sent.toPlainString() + ", held "
          + (held == null ? "none" : held.toPlainString()));
    }
  }

  private static void compareIfPresent(List<String> mismatches, String name, BigDecimal sent, Object held) {
    if (held == null) {
      return;
    }
    try {
      compare(mismatches, name, sent, new BigDecimal(held.toString()));
    } catch (NumberFormatException e) {
      mismatches.add(name + " in the receipt is not a number");
    }
  }

  private static JsonObject receipt(Buffer response) {
    if (response == null || response.length() == 0) {
      return null;
    }
    try {
      return new JsonObject(response);
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }
}
