package dev.ofg.sandbox;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulates {@code account.payment}. Series differ: 17.0 payments are journal entries (states
 * draft/posted/cancel, memo field {@code ref}); 18.0 has draft/in_process/paid/canceled and
 * {@code memo}; 19.0 adds rejected. The sandbox's bank journals book payments straight on the bank
 * account, so posting yields {@code paid} on 18.0+ (account.payment.action_post: outstanding account
 * of type asset_cash -> 'paid').
 */
final class AccountPaymentModel extends SandboxModel {
  static final String NAME = "account.payment";

  private final MoveSequence sequence;
  private final OdooVersion version;

  AccountPaymentModel(OdooVersion version, MoveSequence sequence) {
    super(NAME, "Payments", "date desc, name desc", "company_id", paymentFields(version));
    this.sequence = sequence;
    this.version = version;
  }

  private static List<FieldSpec> paymentFields(OdooVersion version) {
    List<FieldSpec> f = new ArrayList<>(List.of(
        FieldSpec.chars("name", "Number").asReadonly(),
        FieldSpec.monetary("amount", "Amount"),
        FieldSpec.selection("payment_type", "Payment Type", ReferenceModels.options("outbound", "Send",
            "inbound", "Receive")).asRequired(),
        FieldSpec.selection("partner_type", "Partner Type", ReferenceModels.options("customer", "Customer",
            "supplier", "Vendor")),
        FieldSpec.many2one("partner_id", "Customer/Vendor", "res.partner"),
        FieldSpec.many2one("currency_id", "Currency", "res.currency"),
        FieldSpec.many2one("journal_id", "Journal", "account.journal").asRequired(),
        FieldSpec.many2one("company_id", "Company", "res.company").asReadonly(),
        FieldSpec.of("date", FieldType.DATE, "Date").asRequired(),
        FieldSpec.chars("payment_reference", "Payment Reference"),
        FieldSpec.chars(version.atLeast(OdooVersion.V18) ? "memo" : "ref", version.atLeast(OdooVersion.V18)
            ? "Memo" : "Reference"),
        FieldSpec.selection("state", "Status", states(version)).asRequired().asReadonly(),
        FieldSpec.many2many("reconciled_invoice_ids", "Reconciled Invoices", AccountMoveModel.NAME).asComputed()));
    return f;
  }

  private static List<List<String>> states(OdooVersion version) {
    if (!version.atLeast(OdooVersion.V18)) {
      return ReferenceModels.options("draft", "Draft", "posted", "Posted", "cancel", "Cancelled");
    }
    List<List<String>> s = new ArrayList<>(ReferenceModels.options("draft", "Draft", "in_process", "In Process",
        "paid", "Paid", "canceled", "Canceled"));
    if (version.atLeast(OdooVersion.V19)) {
      s.add(List.of("rejected", "Rejected"));
    }
    return s;
  }

  @Override
  protected void registerMethods() {
    register("action_post", MethodSignature.records("AccountPayment.action_post"), AccessMode.WRITE,
        (ctx, ids, a) -> {
          registry().accessRules().checkRecords(ctx, this, ids, AccessMode.WRITE);
          post(ctx, ids);
          return null;
        });
    register("action_draft", MethodSignature.records("AccountPayment.action_draft"), AccessMode.WRITE,
        (ctx, ids, a) -> setState(ctx, ids, "draft"));
    register("action_cancel", MethodSignature.records("AccountPayment.action_cancel"), AccessMode.WRITE,
        (ctx, ids, a) -> setState(ctx, ids, version.atLeast(OdooVersion.V18) ? "canceled" : "cancel"));
  }

  private Object setState(CallContext ctx, List<Long> ids, String state) {
    registry().accessRules().checkRecords(ctx, this, ids, AccessMode.WRITE);
    for (long id : ids) {
      update(ctx, id, "state", state);
    }
    return null;
  }

  void post(CallContext ctx, List<Long> ids) {
    for (long id : ids) {
      Map<String, Object> row = row(id);
      if (row.get("name") == null || "/".equals(row.get("name"))) {
        Map<String, Object> journal = registry().model("account.journal").row((Long) row.get("journal_id"));
        int year = LocalDate.parse((String) row.get("date")).getYear();
        update(ctx, id, "name", sequence.next(registry(), "P" + journal.get("code"), year));
      }
      update(ctx, id, "state", version.atLeast(OdooVersion.V18) ? "paid" : "posted");
    }
  }

  @Override
  protected Map<String, Object> defaults(CallContext ctx, Map<String, Object> vals) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("state", "draft");
    d.put("payment_type", "inbound");
    d.put("partner_type", "customer");
    d.put("date", registry().today().toString());
    if (!version.atLeast(OdooVersion.V18)) {
      d.put("name", "/");
    }
    Long journal = PaymentRegisterModel.firstBankJournal(registry(), ctx.companyId());
    if (journal != null) {
      d.put("journal_id", journal);
    }
    return d;
  }

  @Override
  protected void prepareCreate(CallContext ctx, Map<String, Object> vals) {
    Object journal = JsonValues.plainShallow(vals.get("journal_id"));
    SandboxModel journals = registry().model("account.journal");
    if (journal instanceof Long j && journals.exists(j)) {
      Long company = (Long) journals.row(j).get("company_id");
      vals.put("company_id", company);
      if (ValueConverter.isUnset(vals.get("currency_id"))) {
        Object currency = journals.row(j).get("currency_id");
        vals.put("currency_id", currency != null ? currency : new Currencies(registry()).companyCurrency(company));
      }
    }
  }

  // models.Constraint('CHECK(amount >= 0.0)', 'The payment amount cannot be negative.')
  @Override
  protected void afterChange(CallContext ctx, long id) {
    if (row(id).get("amount") instanceof Number n && n.doubleValue() < 0) {
      throw OdooError.validationError("The operation cannot be completed: The payment amount cannot be negative.");
    }
  }

  @Override
  protected String displayName(long id, Map<String, Object> row) {
    Object name = row.get("name");
    return name == null || "/".equals(name) ? "Draft Payment" : name.toString();
  }
}
