package dev.ofg.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulates the {@code account.payment.register} wizard: created with context
 * {@code active_model='account.move'} (or account.move.line) and {@code active_ids}, its defaults
 * come from the invoices' open receivable/payable lines; {@code action_create_payments} creates
 * posted payments and lowers the invoices' residual, returning the same window action as Odoo.
 */
final class PaymentRegisterModel extends SandboxModel {
  static final String NAME = "account.payment.register";

  private final OdooVersion version;

  PaymentRegisterModel(OdooVersion version) {
    super(NAME, "Pay", "id", "company_id", List.of(
        FieldSpec.of("payment_date", FieldType.DATE, "Payment Date").asRequired(),
        FieldSpec.monetary("amount", "Amount"),
        FieldSpec.chars("communication", "Memo"),
        FieldSpec.of("group_payment", FieldType.BOOLEAN, "Group Payments"),
        FieldSpec.many2one("currency_id", "Currency", "res.currency"),
        FieldSpec.many2one("journal_id", "Journal", "account.journal"),
        FieldSpec.many2many("line_ids", "Journal items", AccountMoveLineModel.NAME),
        FieldSpec.selection("payment_type", "Payment Type", ReferenceModels.options("outbound", "Send",
            "inbound", "Receive")),
        FieldSpec.selection("partner_type", "Partner Type", ReferenceModels.options("customer", "Customer",
            "supplier", "Vendor")),
        FieldSpec.many2one("partner_id", "Customer/Vendor", "res.partner"),
        FieldSpec.many2one("company_id", "Company", "res.company")));
    this.version = version;
  }

  static Long firstBankJournal(ModelRegistry registry, long companyId) {
    SandboxModel journals = registry.model("account.journal");
    for (long id : journals.allIds()) {
      Map<String, Object> j = journals.row(id);
      if (("bank".equals(j.get("type")) || "cash".equals(j.get("type")))
          && Long.valueOf(companyId).equals(j.get("company_id")) && Boolean.TRUE.equals(j.get("active"))) {
        return id;
      }
    }
    return null;
  }

  @Override
  protected void registerMethods() {
    register("action_create_payments", MethodSignature.records("AccountPaymentRegister.action_create_payments"),
        AccessMode.WRITE, (ctx, ids, a) -> {
          registry().accessRules().checkRecords(ctx, this, ids, AccessMode.WRITE);
          List<Long> payments = new ArrayList<>();
          for (long id : ids) {
            payments.addAll(createPayments(ctx, id));
          }
          return Boolean.TRUE.equals(ctx.context().get("dont_redirect_to_payments")) ? true : action(payments);
        });
  }

  // AccountPaymentRegister.action_create_payments
  private static Map<String, Object> action(List<Long> payments) {
    Map<String, Object> action = new LinkedHashMap<>();
    action.put("name", "Payments");
    action.put("type", "ir.actions.act_window");
    action.put("res_model", AccountPaymentModel.NAME);
    action.put("context", Map.of("create", false));
    if (payments.size() == 1) {
      action.put("view_mode", "form");
      action.put("res_id", payments.get(0));
    } else {
      action.put("view_mode", "list,form");
      action.put("domain", List.of(new PyTuple(List.of("id", "in", payments))));
    }
    return action;
  }

  // default_get fills line_ids from the context only when the caller did not give them.
  @Override
  protected Map<String, Object> defaults(CallContext ctx, Map<String, Object> vals) {
    if (vals.containsKey("line_ids")) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("payment_date", registry().today().toString());
      return d;
    }
    List<Long> lines = openLines(ctx);
    SandboxModel lineModel = registry().model(AccountMoveLineModel.NAME);
    SandboxModel moves = registry().model(AccountMoveModel.NAME);
    Map<String, Object> first = moves.row((Long) lineModel.row(lines.get(0)).get("move_id"));
    double amount = 0;
    for (long line : lines) {
      amount += Math.abs(((Number) lineModel.row(line).get("amount_residual_currency")).doubleValue());
    }
    boolean sale = AccountMoveModel.isSale((String) first.get("move_type"));
    boolean refund = String.valueOf(first.get("move_type")).endsWith("_refund");
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("line_ids", lines);
    d.put("payment_date", registry().today().toString());
    d.put("amount", Money.round(amount, new Currencies(registry()).decimals((Long) first.get("currency_id"))));
    d.put("communication", communication(first));
    d.put("currency_id", first.get("currency_id"));
    d.put("partner_id", first.get("partner_id"));
    d.put("company_id", first.get("company_id"));
    d.put("payment_type", sale != refund ? "inbound" : "outbound");
    d.put("partner_type", sale ? "customer" : "supplier");
    d.put("journal_id", firstBankJournal(registry(), (Long) first.get("company_id")));
    d.put("group_payment", false);
    return d;
  }

  // AccountMove._get_invoice_reference / wizard _get_communication: payment_reference, ref or name
  private static Object communication(Map<String, Object> move) {
    for (String f : List.of("payment_reference", "ref", "name")) {
      if (move.get(f) != null && !"/".equals(move.get(f))) {
        return move.get(f);
      }
    }
    return null;
  }

  private List<Long> openLines(CallContext ctx) {
    Object activeModel = ctx.context().get("active_model");
    List<Object> activeIds = JsonValues.asList(ctx.context().get("active_ids"));
    SandboxModel lineModel = registry().model(AccountMoveLineModel.NAME);
    List<Long> candidates = new ArrayList<>();
    if (AccountMoveModel.NAME.equals(activeModel)) {
      for (Object id : activeIds == null ? List.of() : activeIds) {
        long moveId = ((Number) id).longValue();
        registry().accessRules().checkRecords(ctx, registry().model(AccountMoveModel.NAME), List.of(moveId),
            AccessMode.READ);
        candidates.addAll(lineModel.idsWhere("move_id", moveId));
      }
    } else if (AccountMoveLineModel.NAME.equals(activeModel)) {
      for (Object id : activeIds == null ? List.of() : activeIds) {
        candidates.add(((Number) id).longValue());
      }
    } else {
      throw OdooError.userError("The register payment wizard should only be called on account.move or"
          + " account.move.line records.");
    }
    return filterOpen(candidates, lineModel);
  }

  private List<Long> filterOpen(List<Long> candidates, SandboxModel lineModel) {
    List<Long> open = new ArrayList<>();
    for (long line : candidates) {
      Map<String, Object> row = lineModel.row(line);
      if (row == null || !"payment_term".equals(row.get("display_type"))) {
        continue;
      }
      if (!version.atLeast(OdooVersion.V18) && !"posted".equals(row.get("parent_state"))) {
        throw OdooError.userError("You can only register payment for posted journal entries.");
      }
      if (((Number) row.get("amount_residual_currency")).doubleValue() != 0) {
        open.add(line);
      }
    }
    if (open.isEmpty()) {
      throw OdooError.userError(version.atLeast(OdooVersion.V19)
          ? "There's nothing left to pay for the selected journal items, so no payment registration is necessary."
              + " You've got your finances under control like a boss!"
          : "You can't register a payment because there is nothing left to pay on the selected journal items.");
    }
    return open;
  }

  @SuppressWarnings("unchecked")
  private List<Long> createPayments(CallContext ctx, long wizardId) {
    Map<String, Object> wizard = row(wizardId);
    SandboxModel lineModel = registry().model(AccountMoveLineModel.NAME);
    AccountMoveModel moves = (AccountMoveModel) registry().model(AccountMoveModel.NAME);
    AccountPaymentModel payments = (AccountPaymentModel) registry().model(AccountPaymentModel.NAME);
    List<Long> lines = (List<Long>) wizard.get("line_ids");
    double remaining = ((Number) wizard.get("amount")).doubleValue();
    List<Long> created = new ArrayList<>();
    for (long line : lines) {
      long moveId = (Long) lineModel.row(line).get("move_id");
      double due = Math.abs(((Number) lineModel.row(line).get("amount_residual_currency")).doubleValue());
      double pay = lines.size() == 1 ? remaining : due;
      Map<String, Object> vals = new LinkedHashMap<>();
      vals.put("amount", pay);
      vals.put("payment_type", wizard.get("payment_type"));
      vals.put("partner_type", wizard.get("partner_type"));
      vals.put("partner_id", wizard.get("partner_id"));
      vals.put("currency_id", wizard.get("currency_id"));
      vals.put("journal_id", wizard.get("journal_id"));
      vals.put("date", wizard.get("payment_date"));
      vals.put(version.atLeast(OdooVersion.V18) ? "memo" : "ref", wizard.get("communication"));
      long paymentId = payments.create(ctx.sudo(), List.of(vals)).get(0);
      payments.update(ctx, paymentId, "reconciled_invoice_ids", List.of(moveId));
      payments.post(ctx, List.of(paymentId));
      moves.registerPayment(ctx, moveId, Math.min(pay, due));
      created.add(paymentId);
    }
    return created;
  }
}
