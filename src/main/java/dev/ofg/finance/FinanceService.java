package dev.ofg.finance;

import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.TraceContext;
import dev.ofg.odoo.OdooCall;
import dev.ofg.odoo.OdooClient;
import dev.ofg.store.ExternalRefLedger;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Carries out the canonical finance operations against Odoo, creating each record at most once per
 * external reference and answering in the canonical shapes documented in docs/api.md.
 */
public final class FinanceService {
  static final String PARTNER = "res.partner";
  static final String MOVE = "account.move";
  static final String PAYMENT = "account.payment";
  private static final List<String> PARTNER_FIELDS = List.of("ref", "name", "is_company", "email", "phone", "vat",
      "street", "city", "zip");
  private static final List<String> MOVE_FIELDS = List.of("name", "ref", "move_type", "state", "payment_state",
      "partner_id", "currency_id", "invoice_date", "invoice_date_due", "amount_untaxed", "amount_total",
      "amount_residual", "payment_reference", "invoice_line_ids");
  private static final List<String> LINE_FIELDS = List.of("name", "quantity", "price_unit", "price_subtotal");
  private static final List<String> PAYMENT_FIELDS = List.of("name", "payment_reference", "payment_type", "state",
      "amount", "currency_id", "date", "partner_id", "journal_id");

  /** Pairs a canonical answer with whether this call created the record (201) or found it (200). */
  public record Outcome(JsonObject body, boolean created) {
  }

  private final OdooClient odoo;
  private final ExternalRefLedger ledger;
  private final Map<String, Future<Long>> currencyIds;

  public FinanceService(OdooClient odoo, ExternalRefLedger ledger) {
    this(odoo, ledger, new ConcurrentHashMap<>());
  }

  private FinanceService(OdooClient odoo, ExternalRefLedger ledger, Map<String, Future<Long>> currencyIds) {
    this.odoo = odoo;
    this.ledger = ledger;
    this.currencyIds = currencyIds;
  }

  /**
   * Returns a view of this service whose Odoo calls go through {@code decorate(odoo)} (e.g. confined to one
   * client's companies); the ledger and the currency cache (currencies are not per company) are shared.
   */
  public FinanceService withOdoo(UnaryOperator<OdooClient> decorate) {
    OdooClient decorated = decorate.apply(odoo);
    return decorated == odoo ? this : new FinanceService(decorated, ledger, currencyIds);
  }

  /** Creates the partner for the reference, or updates it; never creates a second one. */
  public Future<Outcome> upsertPartner(PartnerInput input, TraceContext trace) {
    JsonObject values = input.odooValues();
    return ledger.createOnce(PARTNER, input.externalRef(),
            () -> findByRef(PARTNER, new JsonArray().add(leaf("ref", "=", input.externalRef())), trace),
            () -> create(PARTNER, values, trace))
        .compose(resolution -> (resolution.created()
            ? Future.succeededFuture()
            : call(OdooCall.of(PARTNER, "write", new JsonArray().add(resolution.odooId()), values), trace))
            .compose(v -> readPartner(resolution.odooId(), trace))
            .map(body -> new Outcome(body, resolution.created())));
  }

  public Future<JsonObject> partner(String externalRef, TraceContext trace) {
    return resolve(PARTNER, externalRef, new JsonArray().add(leaf("ref", "=", externalRef)), trace)
        .compose(id -> readPartner(id, trace));
  }

  /** Creates the invoice (optionally posting it); a retry with the same reference returns the first one. */
  public Future<Outcome> createInvoice(InvoiceInput input, TraceContext trace) {
    return partnerId(input.partnerRef(), trace)
        .compose(partnerId -> currencyId(input.currency(), trace).map(currencyId ->
            input.odooValues(partnerId, currencyId)))
        .compose(values -> ledger.createOnce(MOVE, input.externalRef(),
            () -> findByRef(MOVE, moveDomain(input.externalRef()), trace),
            () -> create(MOVE, values, trace)))
        .compose(resolution -> (input.post() ? postIfDraft(resolution.odooId(), trace) : Future.<Void>succeededFuture())
            .compose(v -> readInvoice(resolution.odooId(), trace))
            .map(body -> new Outcome(body, resolution.created())));
  }

  public Future<JsonObject> invoice(String externalRef, TraceContext trace) {
    return resolve(MOVE, externalRef, moveDomain(externalRef), trace).compose(id -> readInvoice(id, trace));
  }

  /** Posts a draft invoice; posting an already posted one is a no-op, so the call is safe to retry. */
  public Future<JsonObject> postInvoice(String externalRef, TraceContext trace) {
    return resolve(MOVE, externalRef, moveDomain(externalRef), trace)
        .compose(id -> postIfDraft(id, trace).compose(v -> readInvoice(id, trace)));
  }

  /** Registers a payment, settling the referenced invoice when one is given. */
  public Future<Outcome> registerPayment(PaymentInput input, TraceContext trace) {
    Future<Long> partner = partnerId(input.partnerRef(), trace);
    Future<Long> currency = currencyId(input.currency(), trace);
    Future<Long> journal = journalId(input.journalCode(), trace);
    Future<Optional<Long>> invoice = input.invoiceRef() == null
        ? Future.succeededFuture(Optional.empty())
        : resolve(MOVE, input.invoiceRef(), moveDomain(input.invoiceRef()), trace).map(Optional::of);
    return Future.all(partner, currency, journal, invoice)
        .compose(all -> ledger.createOnce(PAYMENT, input.externalRef(),
            () -> findByRef(PAYMENT, new JsonArray().add(leaf("payment_reference", "=", input.externalRef())), trace),
            () -> invoice.result().isPresent()
                ? payInvoice(input, invoice.result().get(), journal.result(), trace)
                : createPayment(input, partner.result(), currency.result(), journal.result(), trace)))
        .compose(resolution -> readPayment(resolution.odooId(), trace)
            .map(body -> new Outcome(body, resolution.created())));
  }

  public Future<JsonObject> payment(String externalRef, TraceContext trace) {
    return resolve(PAYMENT, externalRef, new JsonArray().add(leaf("payment_reference", "=", externalRef)), trace)
        .compose(id -> readPayment(id, trace));
  }

  private Future<Long> createPayment(PaymentInput input, long partnerId, long currencyId, long journalId,
      TraceContext trace) {
    JsonObject values = new JsonObject()
        .put("payment_type", input.direction().paymentType())
        .put("partner_type", input.direction().partnerType())
        .put("partner_id", partnerId)
        .put("amount", input.amount())
        .put("currency_id", currencyId)
        .put("date", input.date().toString())
        .put("journal_id", journalId)
        .put("payment_reference", input.externalRef());
    PartnerInput.putIfPresent(values, "memo", input.memo());
    return create(PAYMENT, values, trace)
        .compose(id -> call(OdooCall.of(PAYMENT, "action_post", new JsonArray().add(id)), trace).map(id));
  }

  /**
   * Pays an invoice the way Odoo's UI does, through the {@code account.payment.register} wizard, so Odoo
   * reconciles the payment with the invoice; then stamps the external reference on the payment.
   */
  private Future<Long> payInvoice(PaymentInput input, long invoiceId, long journalId, TraceContext trace) {
    JsonObject context = new JsonObject().put("active_model", MOVE).put("active_ids", new JsonArray().add(invoiceId));
    JsonObject values = new JsonObject()
        .put("amount", input.amount())
        .put("payment_date", input.date().toString())
        .put("journal_id", journalId)
        .put("communication", input.memo() == null ? input.externalRef() : input.memo());
    OdooCall createWizard = new OdooCall("account.payment.register", "create", new JsonArray().add(values),
        new JsonObject().put("context", context));
    return call(createWizard, trace)
        .compose(wizardId -> call(new OdooCall("account.payment.register", "action_create_payments",
            new JsonArray().add(new JsonArray().add(wizardId)), new JsonObject().put("context", context)), trace))
        .compose(action -> {
          if (!(action instanceof JsonObject) || !(((JsonObject) action).getValue("res_id") instanceof Number)) {
            return Future.failedFuture(GatewayException.of(ProblemCode.ODOO_BAD_GATEWAY,
                "Odoo created the payment but did not say which one"));
          }
          long paymentId = ((JsonObject) action).getLong("res_id");
          return call(OdooCall.of(PAYMENT, "write", new JsonArray().add(paymentId),
              new JsonObject().put("payment_reference", input.externalRef())), trace).map(paymentId);
        });
  }

  private Future<Void> postIfDraft(long moveId, TraceContext trace) {
    return read(MOVE, moveId, List.of("state"), trace).compose(move -> "draft".equals(move.getString("state"))
        ? call(OdooCall.of(MOVE, "action_post", new JsonArray().add(moveId)), trace).mapEmpty()
        : Future.succeededFuture());
  }

  private Future<Long> partnerId(String externalRef, TraceContext trace) {
    return resolve(PARTNER, externalRef, new JsonArray().add(leaf("ref", "=", externalRef)), trace)
        .recover(failure -> Future.failedFuture(failure instanceof GatewayException
            && ((GatewayException) failure).code() == ProblemCode.NOT_FOUND
            ? GatewayException.of(ProblemCode.UNPROCESSABLE, "partner '" + externalRef
                + "' is unknown; create it first with PUT /api/v1/partners/" + externalRef)
            : failure));
  }

  private Future<Long> currencyId(Currency currency, TraceContext trace) {
    String code = currency.getCurrencyCode();
    Future<Long> cached = currencyIds.get(code);
    if (cached != null && !cached.failed()) {
      return cached;
    }
    Future<Long> lookup = findByRef("res.currency", new JsonArray().add(leaf("name", "=", code)), trace)
        .map(found -> found.orElseThrow(() -> GatewayException.of(ProblemCode.UNPROCESSABLE,
            "currency " + code + " is not available in Odoo")));
    currencyIds.put(code, lookup);
    return lookup;
  }

  private Future<Long> journalId(String code, TraceContext trace) {
    JsonArray domain = code == null
        ? new JsonArray().add(leaf("type", "=", "bank"))
        : new JsonArray().add(leaf("code", "=", code));
    return findByRef("account.journal", domain, trace).map(found -> found.orElseThrow(() ->
        GatewayException.of(ProblemCode.UNPROCESSABLE, code == null
            ? "Odoo has no bank journal" : "journal '" + code + "' is unknown in Odoo")));
  }

  /** Finds a record by external reference: the gateway's ledger first, then Odoo itself. */
  private Future<Long> resolve(String model, String externalRef, JsonArray domain, TraceContext trace) {
    return ledger.lookup(model, externalRef).compose(known -> known.isPresent()
        ? Future.succeededFuture(known.get())
        : findByRef(model, domain, trace).map(found -> found.orElseThrow(() ->
            GatewayException.of(ProblemCode.NOT_FOUND, model + " with external reference '" + externalRef
                + "' does not exist"))));
  }

  private Future<Optional<Long>> findByRef(String model, JsonArray domain, TraceContext trace) {
    OdooCall search = new OdooCall(model, "search", new JsonArray().add(domain),
        new JsonObject().put("limit", 2).put("order", "id asc"));
    return call(search, trace).map(result -> {
      JsonArray ids = result instanceof JsonArray ? (JsonArray) result : new JsonArray();
      return ids.isEmpty() ? Optional.<Long>empty() : Optional.of(((Number) ids.getValue(0)).longValue());
    });
  }

  private Future<Long> create(String model, JsonObject values, TraceContext trace) {
    return call(OdooCall.of(model, "create", values), trace).map(result -> {
      if (result instanceof Number) {
        return ((Number) result).longValue();
      }
      if (result instanceof JsonArray && ((JsonArray) result).size() == 1) {
        return ((Number) ((JsonArray) result).getValue(0)).longValue();
      }
      throw GatewayException.of(ProblemCode.ODOO_BAD_GATEWAY, "Odoo answered create with something other than an id");
    });
  }

  private Future<JsonObject> read(String model, long id, List<String> fields, TraceContext trace) {
    OdooCall read = new OdooCall(model, "read", new JsonArray().add(new JsonArray().add(id)),
        new JsonObject().put("fields", new JsonArray(fields)));
    return call(read, trace).map(result -> {
      if (result instanceof JsonArray && !((JsonArray) result).isEmpty()) {
        return ((JsonArray) result).getJsonObject(0);
      }
      throw GatewayException.of(ProblemCode.NOT_FOUND, model + " " + id + " does not exist in Odoo");
    });
  }

  private Future<Object> call(OdooCall call, TraceContext trace) {
    return odoo.execute(call, trace);
  }

  private Future<JsonObject> readPartner(long id, TraceContext trace) {
    return read(PARTNER, id, PARTNER_FIELDS, trace).map(p -> new JsonObject()
        .put("externalRef", text(p.getValue("ref")))
        .put("odooId", id)
        .put("name", text(p.getValue("name")))
        .put("isCompany", Boolean.TRUE.equals(p.getValue("is_company")))
        .put("email", text(p.getValue("email")))
        .put("phone", text(p.getValue("phone")))
        .put("vat", text(p.getValue("vat")))
        .put("street", text(p.getValue("street")))
        .put("city", text(p.getValue("city")))
        .put("zip", text(p.getValue("zip"))));
  }

  private Future<JsonObject> readInvoice(long id, TraceContext trace) {
    return read(MOVE, id, MOVE_FIELDS, trace).compose(move -> {
      JsonArray lineIds = move.getValue("invoice_line_ids") instanceof JsonArray
          ? move.getJsonArray("invoice_line_ids") : new JsonArray();
      Future<Object> lines = lineIds.isEmpty() ? Future.succeededFuture(new JsonArray())
          : call(new OdooCall("account.move.line", "read", new JsonArray().add(lineIds),
              new JsonObject().put("fields", new JsonArray(LINE_FIELDS))), trace);
      return lines.map(lineRows -> invoiceView(id, move, lineRows instanceof JsonArray ? (JsonArray) lineRows
          : new JsonArray()));
    });
  }

  private static JsonObject invoiceView(long id, JsonObject move, JsonArray lineRows) {
    String currency = relationName(move.getValue("currency_id"));
    InvoiceInput.Kind kind = InvoiceInput.Kind.ofMoveType(move.getString("move_type"));
    JsonArray lines = new JsonArray();
    for (int i = 0; i < lineRows.size(); i++) {
      JsonObject line = lineRows.getJsonObject(i);
      lines.add(new JsonObject()
          .put("description", text(line.getValue("name")))
          .put("quantity", decimal(line.getValue("quantity"), -1))
          .put("unitPrice", decimal(line.getValue("price_unit"), -1))
          .put("subtotal", money(line.getValue("price_subtotal"), currency)));
    }
    return new JsonObject()
        .put("externalRef", text(move.getValue("ref")))
        .put("odooId", id)
        .put("number", text(move.getValue("name")))
        .put("kind", kind == null ? move.getString("move_type") : kind.name().toLowerCase(java.util.Locale.ROOT))
        .put("state", move.getString("state"))
        .put("paymentState", text(move.getValue("payment_state")))
        .put("partner", relation(move.getValue("partner_id")))
        .put("currency", currency)
        .put("invoiceDate", text(move.getValue("invoice_date")))
        .put("dueDate", text(move.getValue("invoice_date_due")))
        .put("paymentReference", text(move.getValue("payment_reference")))
        .put("amountUntaxed", money(move.getValue("amount_untaxed"), currency))
        .put("amountTotal", money(move.getValue("amount_total"), currency))
        .put("amountResidual", money(move.getValue("amount_residual"), currency))
        .put("lines", lines);
  }

  private Future<JsonObject> readPayment(long id, TraceContext trace) {
    return read(PAYMENT, id, PAYMENT_FIELDS, trace).map(p -> {
      String currency = relationName(p.getValue("currency_id"));
      return new JsonObject()
          .put("externalRef", text(p.getValue("payment_reference")))
          .put("odooId", id)
          .put("number", text(p.getValue("name")))
          .put("direction", text(p.getValue("payment_type")))
          .put("state", text(p.getValue("state")))
          .put("amount", money(p.getValue("amount"), currency))
          .put("currency", currency)
          .put("date", text(p.getValue("date")))
          .put("partner", relation(p.getValue("partner_id")))
          .put("journal", relation(p.getValue("journal_id")));
    });
  }

  static JsonArray leaf(String field, String operator, Object value) {
    return new JsonArray().add(field).add(operator).add(value);
  }

  private static JsonArray moveDomain(String externalRef) {
    return new JsonArray().add(leaf("ref", "=", externalRef))
        .add(leaf("move_type", "in", new JsonArray().add("out_invoice").add("in_invoice").add("out_refund")
            .add("in_refund")));
  }

  /** Odoo sends False for an empty field; the canonical API sends null. */
  static String text(Object value) {
    return value instanceof String ? (String) value : null;
  }

  /** Renders a many2one ({@code [id, display_name]} or False). */
  static JsonObject relation(Object value) {
    if (value instanceof JsonArray && ((JsonArray) value).size() == 2) {
      JsonArray pair = (JsonArray) value;
      return new JsonObject().put("odooId", pair.getValue(0)).put("name", pair.getValue(1));
    }
    return null;
  }

  static String relationName(Object value) {
    JsonObject relation = relation(value);
    return relation == null ? null : relation.getString("name");
  }

  /** Renders Odoo's float amount as a decimal string with the currency's number of decimals. */
  static String money(Object value, String currencyCode) {
    int digits = 2;
    try {
      if (currencyCode != null) {
        digits = Math.max(0, Currency.getInstance(currencyCode).getDefaultFractionDigits());
      }
    } catch (IllegalArgumentException e) {
      digits = 2;
    }
    return decimal(value, digits);
  }

  static String decimal(Object value, int digits) {
    if (!(value instanceof Number)) {
      return null;
    }
    BigDecimal decimal = new BigDecimal(value.toString());
    if (digits >= 0) {
      decimal = decimal.setScale(digits, RoundingMode.HALF_EVEN);
    } else {
      decimal = decimal.stripTrailingZeros();
      if (decimal.scale() < 0) {
        decimal = decimal.setScale(0);
      }
    }
    return decimal.toPlainString();
  }
}
