package dev.ofg.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the reference models an accounting integration reads: {@code res.company},
 * {@code res.currency}, {@code res.users} (a read-only view of the configured users),
 * {@code account.account}, {@code account.journal} and {@code account.tax}. Descriptions are the
 * models' {@code _description} (used in access error messages).
 */
final class ReferenceModels {
  private ReferenceModels() {}

  static List<List<String>> options(String... valueLabelPairs) {
    java.util.ArrayList<List<String>> out = new java.util.ArrayList<>();
    for (int i = 0; i < valueLabelPairs.length; i += 2) {
      out.add(List.of(valueLabelPairs[i], valueLabelPairs[i + 1]));
    }
    return out;
  }

  static SandboxModel company() {
    return new SandboxModel("res.company", "Companies", "sequence, name", null, List.of(
        FieldSpec.chars("name", "Company Name").asRequired(),
        FieldSpec.many2one("currency_id", "Currency", "res.currency").asRequired(),
        FieldSpec.many2one("parent_id", "Parent Company", "res.company"),
        FieldSpec.many2one("partner_id", "Partner", "res.partner"),
        FieldSpec.of("sequence", FieldType.INTEGER, "Sequence"),
        FieldSpec.chars("vat", "Tax ID"),
        FieldSpec.of("active", FieldType.BOOLEAN, "Active"))) {
      @Override
      protected Map<String, Object> defaults(CallContext ctx, Map<String, Object> vals) {
        return withActive();
      }
    };
  }

  static SandboxModel currency() {
    return new SandboxModel("res.currency", "Currency", "active desc, name", null, List.of(
        FieldSpec.chars("name", "Currency").asRequired().asUnique("The currency code must be unique!"),
        FieldSpec.chars("full_name", "Name"),
        FieldSpec.chars("symbol", "Symbol").asRequired(),
        FieldSpec.of("decimal_places", FieldType.INTEGER, "Decimal Places"),
        FieldSpec.of("rounding", FieldType.FLOAT, "Rounding Factor"),
        FieldSpec.of("rate", FieldType.FLOAT, "Current Rate"),
        FieldSpec.selection("position", "Symbol Position", options("after", "After Amount", "before", "Before Amount")),
        FieldSpec.of("active", FieldType.BOOLEAN, "Active"))) {
      @Override
      protected Map<String, Object> defaults(CallContext ctx, Map<String, Object> vals) {
        Map<String, Object> d = withActive();
        d.put("decimal_places", 2L);
        d.put("rounding", 0.01);
        d.put("rate", 1.0);
        d.put("position", "after");
        return d;
      }
    };
  }

  static SandboxModel users() {
    return new SandboxModel("res.users", "User", "name, login", null, List.of(
        FieldSpec.chars("name", "Name").asRequired(),
        FieldSpec.chars("login", "Login").asRequired(),
        FieldSpec.many2one("partner_id", "Related Partner", "res.partner"),
        FieldSpec.many2one("company_id", "Company", "res.company").asRequired(),
        FieldSpec.many2many("company_ids", "Companies", "res.company"),
        FieldSpec.of("share", FieldType.BOOLEAN, "Share User"),
        FieldSpec.of("active", FieldType.BOOLEAN, "Active"))) {
      @Override
      protected boolean readOnlyModel() {
        return true;
      }
    };
  }

  static SandboxModel account() {
    return new SandboxModel("account.account", "Account", "code, id", "company_id", List.of(
        FieldSpec.chars("code", "Code").asRequired(),
        FieldSpec.chars("name", "Account Name").asRequired(),
        FieldSpec.selection("account_type", "Type", options(
            "asset_receivable", "Receivable", "asset_cash", "Bank and Cash", "asset_current", "Current Assets",
            "liability_payable", "Payable", "liability_current", "Current Liabilities", "income", "Income",
            "expense", "Expenses", "equity", "Equity")).asRequired(),
        FieldSpec.of("reconcile", FieldType.BOOLEAN, "Allow Reconciliation"),
        FieldSpec.many2one("currency_id", "Account Currency", "res.currency"),
        FieldSpec.many2one("company_id", "Company", "res.company").asRequired(),
        FieldSpec.of("active", FieldType.BOOLEAN, "Active"))) {
      @Override
      protected Map<String, Object> defaults(CallContext ctx, Map<String, Object> vals) {
        Map<String, Object> d = withActive();
        d.put("company_id", ctx.companyId());
        return d;
      }

      @Override
      protected String displayName(long id, Map<String, Object> row) {
        return row.get("code") + " " + row.get("name");
      }
    };
  }

  static SandboxModel journal() {
    return new SandboxModel("account.journal", "Journal", "sequence, type, code", "company_id", List.of(
        FieldSpec.chars("name", "Journal Name").asRequired(),
        FieldSpec.chars("code", "Short Code").asRequired(),
        FieldSpec.selection("type", "Type", options("sale", "Sales", "purchase", "Purchase", "cash", "Cash",
            "bank", "Bank", "credit", "Credit Card", "general", "Miscellaneous")).asRequired(),
        FieldSpec.many2one("company_id", "Company", "res.company").asRequired(),
        FieldSpec.many2one("currency_id", "Currency", "res.currency"),
        FieldSpec.many2one("default_account_id", "Default Account", "account.account"),
        // Odoo: related to bank_account_id.acc_number (res.partner.bank), writable on create.
        FieldSpec.chars("bank_acc_number", "Account Number"),
        FieldSpec.of("sequence", FieldType.INTEGER, "Sequence"),
        FieldSpec.of("active", FieldType.BOOLEAN, "Active"))) {
      @Override
      protected Map<String, Object> defaults(CallContext ctx, Map<String, Object> vals) {
        Map<String, Object> d = withActive();
        d.put("company_id", ctx.companyId());
        d.put("sequence", 10L);
        return d;
      }

      // account.journal _compute_display_name: "Name (CUR)" when the journal has a foreign currency
      @Override
      protected String displayName(long id, Map<String, Object> row) {
        Object currency = row.get("currency_id");
        Object company = row.get("company_id");
        Object companyCurrency = company == null ? null
            : registry().value("res.company", (Long) company, "currency_id");
        if (currency != null && !currency.equals(companyCurrency)) {
          return row.get("name") + " (" + registry().displayName("res.currency", (Long) currency) + ")";
        }
        return String.valueOf(row.get("name"));
      }
    };
  }

  static SandboxModel tax() {
    return new SandboxModel("account.tax", "Tax", "sequence, id", "company_id", List.of(
        FieldSpec.chars("name", "Tax Name").asRequired(),
        FieldSpec.selection("amount_type", "Tax Computation", options("fixed", "Fixed", "percent",
            "Percentage")).asRequired(),
        FieldSpec.of("amount", FieldType.FLOAT, "Amount"),
        FieldSpec.selection("type_tax_use", "Tax Type", options("sale", "Sales", "purchase", "Purchases",
            "none", "None")).asRequired(),
        FieldSpec.of("price_include", FieldType.BOOLEAN, "Included in Price"),
        FieldSpec.many2one("account_id", "Tax Account", "account.account"),
        FieldSpec.many2one("company_id", "Company", "res.company").asRequired(),
        FieldSpec.of("sequence", FieldType.INTEGER, "Sequence"),
        FieldSpec.of("active", FieldType.BOOLEAN, "Active"))) {
      @Override
      protected Map<String, Object> defaults(CallContext ctx, Map<String, Object> vals) {
        Map<String, Object> d = withActive();
        d.put("amount_type", "percent");
        d.put("type_tax_use", "sale");
        d.put("company_id", ctx.companyId());
        d.put("sequence", 1L);
        return d;
      }
    };
  }

  static Map<String, Object> withActive() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("active", true);
    return d;
  }
}
