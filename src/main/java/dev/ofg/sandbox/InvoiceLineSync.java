package dev.ofg.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes a journal entry after a change, like Odoo's dynamic line synchronisation: product line
 * subtotals and taxes, one tax line per tax, one receivable/payable (payment_term) line carrying the
 * total and the residual, company-currency debit/credit/balance, the move totals and payment state.
 * Plain journal entries keep the lines the client entered.
 */
final class InvoiceLineSync {
  private final ModelRegistry registry;
  private final CallContext ctx;
  private final Currencies currencies;
  private final SandboxModel moves;
  private final SandboxModel lines;

  InvoiceLineSync(ModelRegistry registry, CallContext ctx) {
    this.registry = registry;
    this.ctx = ctx.sudo();
    this.currencies = new Currencies(registry);
    this.moves = registry.model(AccountMoveModel.NAME);
    this.lines = registry.model(AccountMoveLineModel.NAME);
  }

  void sync(long moveId) {
    syncHeader(moveId);
    Map<String, Object> move = moves.row(moveId);
    if (AccountMoveModel.isInvoice((String) move.get("move_type"))) {
      syncInvoice(moveId);
    } else {
      syncEntry(moveId);
    }
    syncLineHeaders(moveId);
  }

  private void set(SandboxModel model, long id, String field, Object value) {
    Object current = model.row(id).get(field);
    if (current == null ? value != null : !current.equals(value)) {
      model.update(ctx, id, field, value);
    }
  }

  private void syncHeader(long moveId) {
    Map<String, Object> move = moves.row(moveId);
    Object journal = move.get("journal_id");
    SandboxModel journals = registry.model("account.journal");
    if (journal instanceof Long j && journals.exists(j)) {
      set(moves, moveId, "company_id", journals.row(j).get("company_id"));
    }
  }

  private void syncLineHeaders(long moveId) {
    Map<String, Object> move = moves.row(moveId);
    Long companyCurrency = currencies.companyCurrency((Long) move.get("company_id"));
    for (long lineId : lines.idsWhere("move_id", moveId)) {
      set(lines, lineId, "date", move.get("date"));
      set(lines, lineId, "parent_state", move.get("state"));
      set(lines, lineId, "company_id", move.get("company_id"));
      set(lines, lineId, "journal_id", move.get("journal_id"));
      set(lines, lineId, "move_name", move.get("name"));
      set(lines, lineId, "ref", move.get("ref"));
      set(lines, lineId, "company_currency_id", companyCurrency);
    }
  }

  // Product lines: credit for customer invoices / vendor credit notes, debit otherwise.
  private static int productSign(String moveType) {
    return "out_invoice".equals(moveType) || "in_refund".equals(moveType) || "out_receipt".equals(moveType)
        ? -1 : 1;
  }

  private void syncInvoice(long moveId) {
    Map<String, Object> move = moves.row(moveId);
    String moveType = (String) move.get("move_type");
    int sign = productSign(moveType);
    Long currency = (Long) move.get("currency_id");
    int dp = currencies.decimals(currency);
    double untaxed = 0;
    Map<Long, Double> taxes = new LinkedHashMap<>();
    for (long lineId : lines.idsWhere("move_id", moveId)) {
      Map<String, Object> line = lines.row(lineId);
      if (!"product".equals(line.get("display_type"))) {
        continue;
      }
      double subtotal = Money.round(num(line.get("quantity")) * num(line.get("price_unit"))
          * (1 - num(line.get("discount")) / 100.0), dp);
      double lineTax = 0;
      for (Object taxId : (List<?>) line.get("tax_ids")) {
        double amount = taxAmount((Long) taxId, subtotal, num(line.get("quantity")), dp);
        taxes.merge((Long) taxId, amount, Double::sum);
        lineTax += amount;
      }
      untaxed += subtotal;
      set(lines, lineId, "price_subtotal", subtotal);
      set(lines, lineId, "price_total", Money.round(subtotal + lineTax, dp));
      setAmounts(lineId, sign * subtotal, currency, move);
      if (line.get("account_id") == null) {
        set(lines, lineId, "account_id", productAccount(move));
      }
      set(lines, lineId, "partner_id", move.get("partner_id"));
      set(lines, lineId, "currency_id", currency);
    }
    double taxTotal = syncTaxLines(moveId, taxes, sign, currency, move);
    double total = Money.round(untaxed + taxTotal, dp);
    syncPaymentTermLine(moveId, total, -sign, currency, move);
    double paid = move.get(AccountMoveModel.PAID) instanceof Number n ? n.doubleValue() : 0.0;
    set(moves, moveId, "amount_untaxed", Money.round(untaxed, dp));
    set(moves, moveId, "amount_tax", Money.round(taxTotal, dp));
    set(moves, moveId, "amount_total", total);
    double residual = "cancel".equals(move.get("state")) ? 0.0 : Money.round(Math.max(total - paid, 0), dp);
    set(moves, moveId, "amount_residual", residual);
    set(moves, moveId, "payment_state", paymentState(move, total, residual, dp));
  }

  // AccountMove._compute_payment_state, without the bank-reconciliation 'in_payment' nuance.
  private static String paymentState(Map<String, Object> move, double total, double residual, int dp) {
    if (!"posted".equals(move.get("state"))) {
      return "not_paid";
    }
    if (Money.isZero(residual, dp)) {
      return "paid";
    }
    return Money.isZero(total - residual, dp) ? "not_paid" : "partial";
  }

  private double taxAmount(long taxId, double subtotal, double quantity, int dp) {
    Map<String, Object> tax = registry.model("account.tax").row(taxId);
    if (tax == null) {
      return 0;
    }
    double amount = num(tax.get("amount"));
    return "fixed".equals(tax.get("amount_type")) ? Money.round(amount * quantity, dp)
        : Money.round(subtotal * amount / 100.0, dp);
  }

  private double syncTaxLines(long moveId, Map<Long, Double> taxes, int sign, Long currency,
      Map<String, Object> move) {
    Map<Long, Long> existing = new LinkedHashMap<>();
    for (long lineId : lines.idsWhere("move_id", moveId)) {
      Map<String, Object> line = lines.row(lineId);
      if ("tax".equals(line.get("display_type"))) {
        Long taxId = (Long) line.get("tax_line_id");
        if (taxId == null || !taxes.containsKey(taxId) || existing.containsKey(taxId)) {
          lines.delete(lineId);
        } else {
          existing.put(taxId, lineId);
        }
      }
    }
    double total = 0;
    for (Map.Entry<Long, Double> e : taxes.entrySet()) {
      Long lineId = existing.get(e.getKey());
      if (lineId == null) {
        Map<String, Object> tax = registry.model("account.tax").row(e.getKey());
        lineId = newLine(moveId, "tax", String.valueOf(tax.get("name")), taxAccount(tax, move));
        set(lines, lineId, "tax_line_id", e.getKey());
      }
      setAmounts(lineId, sign * e.getValue(), currency, move);
      set(lines, lineId, "partner_id", move.get("partner_id"));
      set(lines, lineId, "currency_id", currency);
      total += e.getValue();
    }
    return total;
  }

  private void syncPaymentTermLine(long moveId, double total, int sign, Long currency, Map<String, Object> move) {
    List<Long> terms = new ArrayList<>();
    boolean hasProducts = false;
    for (long lineId : lines.idsWhere("move_id", moveId)) {
      Object type = lines.row(lineId).get("display_type");
      if ("payment_term".equals(type)) {
        terms.add(lineId);
      } else if ("product".equals(type)) {
        hasProducts = true;
      }
    }
    while (terms.size() > (hasProducts ? 1 : 0)) {
      lines.delete(terms.remove(terms.size() - 1));
    }
    if (!hasProducts) {
      return;
    }
    long termId = terms.isEmpty()
        ? newLine(moveId, "payment_term", "", counterpartAccount(move)) : terms.get(0);
    set(lines, termId, "name", move.get("payment_reference") == null ? "" : move.get("payment_reference"));
    set(lines, termId, "partner_id", move.get("partner_id"));
    set(lines, termId, "currency_id", currency);
    set(lines, termId, "date_maturity", move.get("invoice_date_due") != null ? move.get("invoice_date_due")
        : move.get("invoice_date"));
    setAmounts(termId, sign * total, currency, move);
    double paid = move.get(AccountMoveModel.PAID) instanceof Number n ? n.doubleValue() : 0.0;
    int dp = currencies.decimals(currency);
    double residualCurrency = Money.round(sign * Math.max(total - paid, 0), dp);
    set(lines, termId, "amount_residual_currency", residualCurrency);
    set(lines, termId, "amount_residual",
        currencies.toCompany(residualCurrency, currency, (Long) move.get("company_id")));
    set(lines, termId, "reconciled", Money.isZero(residualCurrency, dp));
  }

  private long newLine(long moveId, String displayType, String label, Long account) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (FieldSpec f : lines.fields().values()) {
      if (!f.type().x2many() && !"id".equals(f.name()) && !"display_name".equals(f.name())) {
        row.put(f.name(), f.type().numeric() ? (f.type() == FieldType.INTEGER ? (Object) 0L : (Object) 0.0)
            : f.type() == FieldType.BOOLEAN ? false : null);
      }
    }
    row.put("tax_ids", new ArrayList<Long>());
    row.put("move_id", moveId);
    row.put("display_type", displayType);
    row.put("name", label);
    row.put("account_id", account);
    row.put("quantity", 1.0);
    return lines.insert(ctx, row);
  }

  private void setAmounts(long lineId, double amountCurrency, Long currency, Map<String, Object> move) {
    int dp = currencies.decimals(currency);
    double amount = Money.round(amountCurrency, dp);
    double balance = currencies.toCompany(amount, currency, (Long) move.get("company_id"));
    set(lines, lineId, "amount_currency", amount);
    set(lines, lineId, "balance", balance);
    set(lines, lineId, "debit", balance > 0 ? balance : 0.0);
    set(lines, lineId, "credit", balance < 0 ? -balance : 0.0);
  }

  // Journal entries: debit/credit entered by the client are the source of truth.
  private void syncEntry(long moveId) {
    Map<String, Object> move = moves.row(moveId);
    Long company = (Long) move.get("company_id");
    Long companyCurrency = currencies.companyCurrency(company);
    int dp = currencies.decimals(companyCurrency);
    double debits = 0;
    for (long lineId : lines.idsWhere("move_id", moveId)) {
      Map<String, Object> line = lines.row(lineId);
      double balance = Money.round(num(line.get("debit")) - num(line.get("credit")), dp);
      set(lines, lineId, "balance", balance);
      Long lineCurrency = (Long) line.get("currency_id");
      if (lineCurrency == null || lineCurrency.equals(companyCurrency)) {
        set(lines, lineId, "currency_id", companyCurrency);
        set(lines, lineId, "amount_currency", balance);
      }
      debits += Math.max(balance, 0);
    }
    set(moves, moveId, "amount_untaxed", Money.round(debits, dp));
    set(moves, moveId, "amount_tax", 0.0);
    set(moves, moveId, "amount_total", Money.round(debits, dp));
    set(moves, moveId, "amount_residual", 0.0);
    set(moves, moveId, "payment_state", "not_paid");
  }

  private Long productAccount(Map<String, Object> move) {
    Object journal = move.get("journal_id");
    if (journal instanceof Long j && registry.model("account.journal").exists(j)) {
      Object account = registry.model("account.journal").row(j).get("default_account_id");
      if (account != null) {
        return (Long) account;
      }
    }
    return accountOfType(move, AccountMoveModel.isSale((String) move.get("move_type")) ? "income" : "expense");
  }

  private Long counterpartAccount(Map<String, Object> move) {
    return accountOfType(move, AccountMoveModel.isSale((String) move.get("move_type"))
        ? "asset_receivable" : "liability_payable");
  }

  private Long taxAccount(Map<String, Object> tax, Map<String, Object> move) {
    Object account = tax.get("account_id");
    return account != null ? (Long) account : accountOfType(move, "liability_current");
  }

  private Long accountOfType(Map<String, Object> move, String type) {
    SandboxModel accounts = registry.model("account.account");
    for (long id : accounts.allIds()) {
      Map<String, Object> a = accounts.row(id);
      if (type.equals(a.get("account_type")) && move.get("company_id") != null
          && move.get("company_id").equals(a.get("company_id"))) {
        return id;
      }
    }
    return null;
  }

  private static double num(Object v) {
    return v instanceof Number n ? n.doubleValue() : 0.0;
  }
}
