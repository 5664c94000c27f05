package dev.ofg.delivery.analytics;

import dev.ofg.store.AnalyticsBatchRecords;
import dev.ofg.store.AnalyticsBatchRecords.LineRow;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Holds one batch's content: its lines as NDJSON (one JSON object per line, in id order, each naming the batch), the
 * SHA-256 of those bytes, and the control totals (row count, debit, credit, balance in company currency).
 */
record LedgerBatch(AnalyticsBatchRecords.Batch batch, List<LineRow> lines, Buffer ndjson, String checksum,
    BigDecimal debit, BigDecimal credit, BigDecimal balance, long sourceCount) {

  /**
   * Builds a batch's content.
   *
   * @param sourceCount how many lines Odoo counted in the window after they were read
   */
  static LedgerBatch of(AnalyticsBatchRecords.Batch batch, List<LineRow> lines, long sourceCount) {
    Buffer body = Buffer.buffer();
    BigDecimal debit = BigDecimal.ZERO;
    BigDecimal credit = BigDecimal.ZERO;
    BigDecimal balance = BigDecimal.ZERO;
    for (LineRow line : lines) {
      body.appendBuffer(json(batch, line).toBuffer()).appendString("\n");
      debit = debit.add(line.debit());
      credit = credit.add(line.credit());
      balance = balance.add(line.balance());
    }
    return new LedgerBatch(batch, List.copyOf(lines), body, sha256(body.getBytes()), debit, credit, balance,
        sourceCount);
  }

  int rows() {
    return lines.size();
  }

  /** The lineage as recorded once the target confirmed (or could not confirm) the batch. */
  AnalyticsBatchRecords.Lineage lineage(Boolean reconciled, String reconciliation) {
    return new AnalyticsBatchRecords.Lineage(rows(), checksum, debit, credit, balance, reconciled, reconciliation);
  }

  static JsonObject json(AnalyticsBatchRecords.Batch batch, LineRow line) {
    return new JsonObject()
        .put("batchId", batch.batchId().toString())
        .put("lineId", line.lineId())
        .put("moveId", line.moveId())
        .put("moveName", line.moveName())
        .put("account", line.account())
        .put("partner", line.partner())
        .put("date", line.date() == null ? null : line.date().toString())
        .put("parentState", line.parentState())
        .put("debit", line.debit().toPlainString())
        .put("credit", line.credit().toPlainString())
        .put("balance", line.balance().toPlainString())
        .put("currency", line.currency())
        .put("amountCurrency", line.amountCurrency().toPlainString())
        .put("writeDate", line.writeDate().toString());
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
    }
  }
}
