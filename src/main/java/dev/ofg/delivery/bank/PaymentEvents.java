package dev.ofg.delivery.bank;

import dev.ofg.finance.FinanceEvent;
import dev.ofg.finance.PaymentInput;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Reads a payment or settlement event as a canonical payment: its {@code data} carries the same fields as
 * {@code POST /api/v1/payments} ({@code externalRef}, {@code direction}, {@code partner.externalRef},
 * {@code amount}, {@code currency}, {@code date}, optional {@code invoice.externalRef}, {@code journalCode},
 * {@code memo}); other fields of the event data are ignored.
 */
final class PaymentEvents {
  private static final List<String> FIELDS = List.of("externalRef", "direction", "partner", "amount", "currency",
      "date", "journalCode", "invoice", "memo");

  private PaymentEvents() {
  }

  /**
   * Returns the payment the event describes.
   *
   * @param defaultJournal the journal code used when the event names none (null: Odoo's first bank journal)
   * @throws dev.ofg.http.GatewayException (VALIDATION_FAILED) when the data is not a canonical payment
   */
  static PaymentInput toPayment(FinanceEvent event, String defaultJournal) {
    JsonObject data = event.data();
    JsonObject payment = new JsonObject();
    for (String field : FIELDS) {
      if (data.containsKey(field)) {
        payment.put(field, data.getValue(field));
      }
    }
    if (!payment.containsKey("journalCode") && defaultJournal != null) {
      payment.put("journalCode", defaultJournal);
    }
    return PaymentInput.parse(payment);
  }
}
