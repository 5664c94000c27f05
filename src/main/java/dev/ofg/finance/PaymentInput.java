package dev.ofg.finance;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

/** Describes a payment received or sent, optionally settling one invoice or bill identified by its reference. */
public record PaymentInput(
    String externalRef,
    Direction direction,
    String partnerRef,
    BigDecimal amount,
    Currency currency,
    LocalDate date,
    String journalCode,
    String invoiceRef,
    String memo) {

  /** Says whether money comes in (from a customer) or goes out (to a vendor). */
  public enum Direction {
    INBOUND("inbound", "customer"),
    OUTBOUND("outbound", "supplier");

    private final String paymentType;
    private final String partnerType;

    Direction(String paymentType, String partnerType) {
      this.paymentType = paymentType;
      this.partnerType = partnerType;
    }

    public String paymentType() {
      return paymentType;
    }

    public String partnerType() {
      return partnerType;
    }
  }

  public static PaymentInput parse(JsonObject body) {
    FieldErrors errors = new FieldErrors();
    RequestFields in = RequestFields.root(body, errors);
    in.rejectUnknown("externalRef", "direction", "partner", "amount", "currency", "date", "journalCode", "invoice",
        "memo");
    String ref = in.externalRef("externalRef", true);
    Direction direction = in.enumValue("direction", Direction.class, null);
    RequestFields partner = in.object("partner", true);
    String partnerRef = null;
    if (partner != null) {
      partner.rejectUnknown("externalRef");
      partnerRef = partner.externalRef("externalRef", true);
    }
    Currency currency = in.currency("currency", true);
    BigDecimal amount = in.decimal("amount", true, 6, true);
    if (amount != null && currency != null && currency.getDefaultFractionDigits() >= 0
        && amount.scale() > currency.getDefaultFractionDigits()) {
      errors.add("/amount", "must have at most " + currency.getDefaultFractionDigits() + " decimals in "
          + currency.getCurrencyCode());
    }
    LocalDate date = in.date("date", true);
    String journalCode = in.string("journalCode", false, 16);
    RequestFields invoice = in.object("invoice", false);
    String invoiceRef = null;
    if (invoice != null) {
      invoice.rejectUnknown("externalRef");
      invoiceRef = invoice.externalRef("externalRef", true);
    }
    String memo = in.string("memo", false, 256);
    errors.throwIfAny();
    return new PaymentInput(ref, direction, partnerRef, amount, currency, date, journalCode, invoiceRef, memo);
  }
}
