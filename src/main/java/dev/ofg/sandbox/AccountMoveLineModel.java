package dev.ofg.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulates {@code account.move.line}: invoice lines (display_type product) entered by clients and
 * the tax and receivable/payable lines the move generates, with debit/credit/balance in company
 * currency, amount_currency in the document currency and the parent's state and date.
 */
final class AccountMoveLineModel extends SandboxModel {
  static final String NAME = "account.move.line";

  AccountMoveLineModel() {
    super(NAME, "Journal Item", "date desc, move_name desc, id", "company_id", List.of(
        FieldSpec.many2one("move_id", "Journal Entry", AccountMoveModel.NAME).asRequired(),
        FieldSpec.chars("move_name", "Number").asComputed(),
        FieldSpec.chars("name", "Label"),
        FieldSpec.selection("display_type", "Display Type", ReferenceModels.options("product", "Product",
            "cogs", "Cost of Goods Sold", "tax", "Tax", "discount", "Discount", "rounding", "Rounding",
            "payment_term", "Payment Term", "line_section", "Section", "line_note", "Note", "epd",
            "Early Payment Discount")).asRequired(),
        FieldSpec.many2one("account_id", "Account", "account.account"),
        FieldSpec.many2one("partner_id", "Partner", "res.partner"),
        FieldSpec.of("quantity", FieldType.FLOAT, "Quantity"),
        FieldSpec.of("price_unit", FieldType.FLOAT, "Unit Price"),
        FieldSpec.of("discount", FieldType.FLOAT, "Discount (%)"),
        FieldSpec.many2many("tax_ids", "Taxes", "account.tax"),
        FieldSpec.many2one("tax_line_id", "Originator Tax", "account.tax").asReadonly(),
        FieldSpec.monetary("price_subtotal", "Subtotal").asComputed(),
        FieldSpec.monetary("price_total", "Total").asComputed(),
        FieldSpec.monetary("debit", "Debit").withCurrencyField("company_currency_id"),
        FieldSpec.monetary("credit", "Credit").withCurrencyField("company_currency_id"),
        FieldSpec.monetary("balance", "Balance").withCurrencyField("company_currency_id"),
        FieldSpec.monetary("amount_currency", "Amount in Currency"),
        FieldSpec.many2one("currency_id", "Currency", "res.currency"),
        FieldSpec.many2one("company_currency_id", "Company Currency", "res.currency").asComputed(),
        FieldSpec.monetary("amount_residual", "Residual Amount").withCurrencyField("company_currency_id")
            .asComputed(),
        FieldSpec.monetary("amount_residual_currency", "Residual Amount in Currency").asComputed(),
        FieldSpec.of("reconciled", FieldType.BOOLEAN, "Reconciled").asComputed(),
        FieldSpec.of("date", FieldType.DATE, "Date").asComputed(),
        FieldSpec.of("date_maturity", FieldType.DATE, "Due Date"),
        FieldSpec.selection("parent_state", "Status", ReferenceModels.options("draft", "Draft", "posted",
            "Posted", "cancel", "Cancelled")).asComputed(),
        FieldSpec.many2one("journal_id", "Journal", "account.journal").asComputed(),
        FieldSpec.many2one("company_id", "Company", "res.company").asComputed(),
        FieldSpec.chars("ref", "Reference").asComputed()));
  }

  @Override
  protected Map<String, Object> defaults(CallContext ctx, Map<String, Object> vals) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("display_type", "product");
    d.put("quantity", 1.0);
    return d;
  }

  @Override
  protected void prepareCreate(CallContext ctx, Map<String, Object> vals) {
    if (JsonValues.plainShallow(vals.get("move_id")) instanceof Long moveId
        && registry().model(AccountMoveModel.NAME).exists(moveId)) {
      Map<String, Object> move = registry().model(AccountMoveModel.NAME).row(moveId);
      if ("posted".equals(move.get("state")) && !ctx.su()) {
        throw OdooError.userError("You cannot modify the following readonly fields on a posted move: line_ids");
      }
    }
  }

  @Override
  protected void checkWrite(CallContext ctx, long id, Map<String, Object> vals) {
    if (!"posted".equals(row(id).get("parent_state")) || ctx.su()) {
      return;
    }
    if (vals.containsKey("tax_ids")) {
      throw OdooError.userError("You cannot modify the taxes related to a posted journal item, you should reset"
          + " the journal entry to draft to do so.");
    }
    List<String> locked = vals.keySet().stream().filter(k -> List.of("account_id", "debit", "credit", "balance",
        "amount_currency", "currency_id", "price_unit", "quantity", "discount", "partner_id", "move_id").contains(k))
        .toList();
    if (!locked.isEmpty()) {
      throw OdooError.userError("You cannot modify the following readonly fields on a posted move: "
          + String.join(", ", locked));
    }
  }

  @Override
  protected void checkUnlink(CallContext ctx, long id) {
    if ("posted".equals(row(id).get("parent_state")) && !ctx.su()) {
      throw OdooError.userError("You can't delete a posted journal item. Don\u2019t play games with your accounting"
          + " records; reset the journal entry to draft before deleting it.");
    }
  }

  @Override
  protected void afterChange(CallContext ctx, long id) {
    if (registry().inCommands()) {
      return; // the parent move recomputes once all its commands are applied
    }
    Object moveId = row(id).get("move_id");
    if (moveId instanceof Long m && registry().model(AccountMoveModel.NAME).exists(m)) {
      AccountMoveModel moves = (AccountMoveModel) registry().model(AccountMoveModel.NAME);
      moves.afterChange(ctx, m);
    }
  }

  @Override
  protected void afterUnlink(CallContext ctx, long id, Map<String, Object> row) {
    Object moveId = row.get("move_id");
    if (!registry().inCommands() && moveId instanceof Long m && registry().model(AccountMoveModel.NAME).exists(m)) {
      registry().model(AccountMoveModel.NAME).afterChange(ctx, m);
    }
  }

  @Override
  protected String displayName(long id, Map<String, Object> row) {
    Object move = row.get("move_name");
    Object label = row.get("name");
    String text = (move == null ? "" : move.toString()) + (label == null ? "" : " " + label);
    return text.trim();
  }
}
