package dev.ofg.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulates {@code account.move}: invoices, bills, credit notes and journal entries with their
 * lines, totals, residual and payment state, and the draft -> posted -> cancel workflow with the
 * UserErrors of {@code AccountMove._post} for the targeted series.
 */
final class AccountMoveModel extends SandboxModel {
  static final String NAME = "account.move";
  /** Hidden row key: amount already paid, in the document currency. */
  static final String PAID = "_paid_amount";

  // AccountMove.write "Disallow modifying readonly fields on a posted move" (odoo 19 account_move.py)
  private static final List<String> UNMODIFIABLE_WHEN_POSTED = List.of("invoice_line_ids", "line_ids",
      "invoice_date", "date", "partner_id", "invoice_payment_term_id", "currency_id", "fiscal_position_id",
      "invoice_cash_rounding_id");

  private final MoveSequence sequence;

  AccountMoveModel(MoveSequence sequence) {
    super(NAME, "Journal Entry", "date desc, name desc, id desc", "company_id", moveFields());
    this.sequence = sequence;
  }

  private static List<FieldSpec> moveFields() {
    return List.of(
        FieldSpec.chars("name", "Number"),
        FieldSpec.chars("ref", "Reference"),
        FieldSpec.chars("payment_reference", "Payment Reference"),
        FieldSpec.selection("move_type", "Type", ReferenceModels.options("entry", "Journal Entry", "out_invoice",
            "Customer Invoice", "out_refund", "Customer Credit Note", "in_invoice", "Vendor Bill", "in_refund",
            "Vendor Credit Note", "out_receipt", "Sales Receipt", "in_receipt", "Purchase Receipt")).asRequired(),
        FieldSpec.selection("state", "Status", ReferenceModels.options("draft", "Draft", "posted", "Posted",
            "cancel", "Cancelled")).asRequired().asReadonly(),
        FieldSpec.of("date", FieldType.DATE, "Date").asRequired(),
        FieldSpec.of("invoice_date", FieldType.DATE, "Invoice/Bill Date"),
        FieldSpec.of("invoice_date_due", FieldType.DATE, "Due Date"),
        FieldSpec.many2one("partner_id", "Partner", "res.partner"),
        FieldSpec.many2one("journal_id", "Journal", "account.journal").asRequired(),
        FieldSpec.many2one("company_id", "Company", "res.company").asRequired().asReadonly(),
        FieldSpec.many2one("currency_id", "Currency", "res.currency").asRequired(),
        FieldSpec.one2many("line_ids", "Journal Items", "account.move.line", "move_id"),
        FieldSpec.one2many("invoice_line_ids", "Invoice lines", "account.move.line", "move_id"),
        FieldSpec.monetary("amount_untaxed", "Untaxed Amount").asComputed(),
        FieldSpec.monetary("amount_tax", "Tax").asComputed(),
        FieldSpec.monetary("amount_total", "Total").asComputed(),
        FieldSpec.monetary("amount_residual", "Amount Due").asComputed(),
        FieldSpec.selection("payment_state", "Payment Status", ReferenceModels.options("not_paid", "Not Paid",
            "in_payment", "In Payment", "paid", "Paid", "partial", "Partially Paid", "reversed", "Reversed",
            "invoicing_legacy", "Invoicing App Legacy")).asComputed(),
        FieldSpec.of("posted_before", FieldType.BOOLEAN, "Posted Before").asReadonly(),
        FieldSpec.chars("invoice_origin", "Origin"),
        FieldSpec.of("narration", FieldType.TEXT, "Terms and Conditions"));
  }

  static boolean isInvoice(String moveType) {
    return moveType != null && !"entry".equals(moveType);
  }

  static boolean isSale(String moveType) {
    return moveType != null && moveType.startsWith("out_");
  }

  @Override
  protected void registerMethods() {
    register("action_post", MethodSignature.records("AccountMove.action_post"), AccessMode.WRITE, (ctx, ids, a) -> {
      registry().accessRules().checkRecords(ctx, this, ids, AccessMode.WRITE);
      new MovePosting(this, sequence).post(ctx, ids);
      return false;
    });
    register("button_draft", MethodSignature.records("AccountMove.button_draft"), AccessMode.WRITE,
        (ctx, ids, a) -> {
          registry().accessRules().checkRecords(ctx, this, ids, AccessMode.WRITE);
          new MovePosting(this, sequence).resetToDraft(ctx, ids);
          return null;
        });
    register("button_cancel", MethodSignature.records("AccountMove.button_cancel"), AccessMode.WRITE,
        (ctx, ids, a) -> {
          registry().accessRules().checkRecords(ctx, this, ids, AccessMode.WRITE);
          new MovePosting(this, sequence).cancel(ctx, ids);
          return null;
        });
  }

  @Override
  protected Map<String, Object> defaults(CallContext ctx, Map<String, Object> vals) {
    Map<String, Object> d = new LinkedHashMap<>();
    String moveType = vals.get("move_type") instanceof String s ? s : "entry";
    d.put("move_type", "entry");
    d.put("state", "draft");
    d.put("name", "/");
    d.put("date", registry().today().toString());
    Long journal = defaultJournal(ctx, moveType);
    if (journal != null) {
      d.put("journal_id", journal);
    }
    return d;
  }

  // AccountMove._search_default_journal: the first journal of the matching type in the current company
  private Long defaultJournal(CallContext ctx, String moveType) {
    String type = isSale(moveType) ? "sale" : moveType.startsWith("in_") ? "purchase" : "general";
    SandboxModel journals = registry().model("account.journal");
    for (long id : journals.allIds()) {
      Map<String, Object> j = journals.row(id);
      if (type.equals(j.get("type")) && Long.valueOf(ctx.companyId()).equals(j.get("company_id"))
          && Boolean.TRUE.equals(j.get("active"))) {
        return id;
      }
    }
    return null;
  }

  @Override
  protected void prepareCreate(CallContext ctx, Map<String, Object> vals) {
    Object journal = JsonValues.plainShallow(vals.get("journal_id"));
    SandboxModel journals = registry().model("account.journal");
    if (journal instanceof Long j && journals.exists(j)) {
      Long company = (Long) journals.row(j).get("company_id");
      vals.put("company_id", company);
      if (ValueConverter.isUnset(vals.get("currency_id"))) {
        Object journalCurrency = journals.row(j).get("currency_id");
        vals.put("currency_id", journalCurrency != null ? journalCurrency
            : new Currencies(registry()).companyCurrency(company));
      }
    }
  }

  @Override
  protected void checkWrite(CallContext ctx, long id, Map<String, Object> vals) {
    Object newState = vals.getOrDefault("state", row(id).get("state"));
    List<String> readonly = new ArrayList<>();
    for (String key : vals.keySet()) {
      if (UNMODIFIABLE_WHEN_POSTED.contains(key)) {
        readonly.add(key);
      }
    }
    if ("posted".equals(newState) && !readonly.isEmpty()) {
      throw OdooError.userError("You cannot modify the following readonly fields on a posted move: "
          + String.join(", ", readonly));
    }
  }

  @Override
  protected void checkUnlink(CallContext ctx, long id) {
    if ("posted".equals(row(id).get("state"))) {
      throw OdooError.userError("You can't delete a posted journal item. Don\u2019t play games with your accounting"
          + " records; reset the journal entry to draft before deleting it.");
    }
  }

  @Override
  protected void afterChange(CallContext ctx, long id) {
    new InvoiceLineSync(registry(), ctx).sync(id);
    if (!isInvoice((String) row(id).get("move_type"))) {
      checkBalanced(id);
    }
  }

  // AccountMove._check_balanced: one unbalanced move -> "The entry is not balanced."
  void checkBalanced(long id) {
    SandboxModel lines = registry().model(AccountMoveLineModel.NAME);
    double sum = 0;
    List<Long> lineIds = lines.idsWhere("move_id", id);
    for (long lineId : lineIds) {
      Map<String, Object> line = lines.row(lineId);
      sum += ((Number) line.get("debit")).doubleValue() - ((Number) line.get("credit")).doubleValue();
    }
    Long companyCurrency = new Currencies(registry()).companyCurrency((Long) row(id).get("company_id"));
    if (!lineIds.isEmpty() && !Money.isZero(sum, new Currencies(registry()).decimals(companyCurrency))) {
      throw OdooError.userError("The entry is not balanced.");
    }
  }

  @Override
  protected List<Long> one2manyIds(FieldSpec field, long id) {
    List<Long> all = registry().model(AccountMoveLineModel.NAME).idsWhere("move_id", id);
    if (!"invoice_line_ids".equals(field.name())) {
      return all;
    }
    SandboxModel lines = registry().model(AccountMoveLineModel.NAME);
    List<Long> product = new ArrayList<>();
    for (long lineId : all) {
      Object type = lines.row(lineId).get("display_type");
      if ("product".equals(type) || "line_section".equals(type) || "line_note".equals(type)) {
        product.add(lineId);
      }
    }
    return product;
  }

  // AccountMove._get_move_display_name: "Draft Invoice" / "INV/2026/00001" / "Draft Invoice INV/2026/00001"
  @Override
  protected String displayName(long id, Map<String, Object> row) {
    String name = "";
    if ("draft".equals(row.get("state"))) {
      name = switch (String.valueOf(row.get("move_type"))) {
        case "out_invoice" -> "Draft Invoice";
        case "out_refund" -> "Draft Credit Note";
        case "in_invoice" -> "Draft Bill";
        case "in_refund" -> "Draft Vendor Credit Note";
        case "out_receipt" -> "Draft Sales Receipt";
        case "in_receipt" -> "Draft Purchase Receipt";
        default -> "Draft Entry";
      };
    }
    Object number = row.get("name");
    if (number != null && !"/".equals(number)) {
      name = (name + " " + number).trim();
    }
    return name;
  }

  /** Records a payment of {@code amount} (document currency) against the invoice. */
  void registerPayment(CallContext ctx, long id, double amount) {
    double paid = row(id).get(PAID) instanceof Number n ? n.doubleValue() : 0.0;
    update(ctx, id, PAID, paid + amount);
    new InvoiceLineSync(registry(), ctx).sync(id);
  }
}
