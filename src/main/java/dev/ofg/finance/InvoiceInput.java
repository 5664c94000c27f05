package dev.ofg.finance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/** Describes a customer invoice, vendor bill or credit note to create in Odoo, with its lines. */
public record InvoiceInput(
    String externalRef,
    Kind kind,
    String partnerRef,
    Currency currency,
    LocalDate invoiceDate,
    LocalDate dueDate,
    String paymentReference,
    List<Line> lines,
    boolean post) {

  public static final int MAX_LINES = 500;

  /** Names the kind of document, mapped to Odoo's {@code move_type}. */
  public enum Kind {
    CUSTOMER_INVOICE("out_invoice"),
    VENDOR_BILL("in_invoice"),
    CUSTOMER_CREDIT_NOTE("out_refund"),
    VENDOR_CREDIT_NOTE("in_refund");

    private final String moveType;

    Kind(String moveType) {
      this.moveType = moveType;
    }

    public String moveType() {
      return moveType;
    }

    public static Kind ofMoveType(String moveType) {
      for (Kind kind : values()) {
        if (kind.moveType.equals(moveType)) {
          return kind;
        }
      }
      return null;
    }
  }

  /** Describes one invoice line. */
  public record Line(String description, BigDecimal quantity, BigDecimal unitPrice) {
  }

  public static InvoiceInput parse(JsonObject body) {
    FieldErrors errors = new FieldErrors();
    RequestFields in = RequestFields.root(body, errors);
    in.rejectUnknown("externalRef", "kind", "partner", "currency", "invoiceDate", "dueDate", "paymentReference",
        "lines", "post");
    String ref = in.externalRef("externalRef", true);
    Kind kind = in.enumValue("kind", Kind.class, null);
    RequestFields partner = in.object("partner", true);
    String partnerRef = null;
    if (partner != null) {
      partner.rejectUnknown("externalRef");
      partnerRef = partner.externalRef("externalRef", true);
    }
    Currency currency = in.currency("currency", true);
    LocalDate invoiceDate = in.date("invoiceDate", false);
    LocalDate dueDate = in.date("dueDate", false);
    if (invoiceDate != null && dueDate != null && dueDate.isBefore(invoiceDate)) {
      errors.add("/dueDate", "must not be before invoiceDate");
    }
    String paymentReference = in.string("paymentReference", false, 120);
    List<Line> lines = in.list("lines", 1, MAX_LINES, line -> {
      line.rejectUnknown("description", "quantity", "unitPrice");
      return new Line(line.string("description", true, 1024), line.decimal("quantity", true, 6, true),
          line.decimal("unitPrice", true, 6, false));
    });
    boolean post = in.bool("post", false);
    errors.throwIfAny();
    return new InvoiceInput(ref, kind, partnerRef, currency, invoiceDate, dueDate, paymentReference, lines, post);
  }

  /** Maps to {@code account.move} values; the external reference goes to {@code ref}. */
  public JsonObject odooValues(long partnerId, long currencyId) {
    JsonArray lineCommands = new JsonArray();
    for (Line line : lines) {
      // (0, 0, values): Odoo's x2many command "create this line".
      lineCommands.add(new JsonArray().add(0).add(0).add(new JsonObject()
          .put("name", line.description())
          .put("quantity", line.quantity())
          .put("price_unit", line.unitPrice())));
    }
    JsonObject values = new JsonObject()
        .put("move_type", kind.moveType())
        .put("ref", externalRef)
        .put("partner_id", partnerId)
        .put("currency_id", currencyId)
        .put("invoice_line_ids", lineCommands);
    PartnerInput.putIfPresent(values, "invoice_date", invoiceDate == null ? null : invoiceDate.toString());
    PartnerInput.putIfPresent(values, "invoice_date_due", dueDate == null ? null : dueDate.toString());
    PartnerInput.putIfPresent(values, "payment_reference", paymentReference);
    return values;
  }
}
