package dev.ofg.sandbox;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the sandbox's starting data: currencies, the companies and partners of the configured
 * users and the users themselves (always), plus demo data on request: a second company, customers
 * and a vendor with {@code ref}, a chart of accounts, taxes and the INV/BILL/BNK1/MISC journals.
 */
final class SeedData {
  private final ModelRegistry registry;
  private final CallContext root;

  SeedData(ModelRegistry registry, SandboxUser superuser) {
    this.registry = registry;
    this.root = CallContext.of(superuser, registry.version(), Map.of()).sudo();
  }

  void load(List<SandboxUser> users, boolean demo) {
    registry.inTransaction(() -> {
      currencies();
      companies(users, demo);
      users(users);
      if (demo) {
        demo();
      }
      return null;
    });
  }

  private long create(String model, Object... keyValues) {
    Map<String, Object> vals = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      vals.put((String) keyValues[i], keyValues[i + 1]);
    }
    return registry.model(model).create(root, List.of(vals)).get(0);
  }

  private void currencies() {
    create("res.currency", "name", "EUR", "full_name", "Euro", "symbol", "\u20ac", "rate", 1.0);
    create("res.currency", "name", "USD", "full_name", "United States dollar", "symbol", "$", "rate", 1.08,
        "position", "before");
    create("res.currency", "name", "GBP", "full_name", "Pound sterling", "symbol", "\u00a3", "rate", 0.85,
        "position", "before");
    create("res.currency", "name", "CHF", "full_name", "Swiss franc", "symbol", "CHF", "rate", 0.95);
    create("res.currency", "name", "JPY", "full_name", "Japanese yen", "symbol", "\u00a5", "rate", 162.0,
        "decimal_places", 0L, "rounding", 1.0, "position", "before");
  }

  private void companies(List<SandboxUser> users, boolean demo) {
    Set<Long> ids = new LinkedHashSet<>();
    ids.add(1L);
    if (demo) {
      ids.add(2L);
    }
    users.forEach(u -> ids.addAll(u.companyIds()));
    long max = ids.stream().mapToLong(Long::longValue).max().orElse(1);
    for (long id = 1; id <= max; id++) {
      String name = !demo || id > 2 ? "Company " + id : id == 1 ? "OFG Europe SA" : "OFG Americas Inc";
      long currency = id == 2 ? 2L : 1L;
      long partner = create("res.partner", "name", name, "is_company", true);
      create("res.company", "name", name, "currency_id", currency, "partner_id", partner, "sequence", id * 10);
    }
  }

  private void users(List<SandboxUser> users) {
    SandboxModel model = registry.model("res.users");
    for (SandboxUser u : users) {
      long partner = create("res.partner", "name", u.name(), "email", u.login());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", u.name());
      row.put("login", u.login());
      row.put("partner_id", partner);
      row.put("company_id", u.defaultCompanyId());
      row.put("company_ids", List.copyOf(u.companyIds()));
      row.put("share", false);
      row.put("active", true);
      model.insertWithId(root, u.uid(), row);
    }
  }

  private void demo() {
    create("res.partner", "name", "Azure Interior", "ref", "AZURE", "email", "azure.interior24@example.com",
        "is_company", true, "customer_rank", 1L, "vat", "BE0477472701", "city", "Fremont");
    long deco = create("res.partner", "name", "Deco Addict", "ref", "DECO", "email", "deco.addict82@example.com",
        "is_company", true, "customer_rank", 1L, "city", "Pleasant Hill");
    create("res.partner", "name", "Gemini Furniture", "ref", "GEMINI", "email", "gemini.furniture39@example.com",
        "is_company", true, "customer_rank", 1L);
    create("res.partner", "name", "Lumber Inc", "ref", "LUMBER", "email", "lumber-inv92@example.com",
        "is_company", true, "supplier_rank", 1L);
    create("res.partner", "name", "Addison Olson", "parent_id", deco, "email", "addison.olson28@example.com");
    create("res.partner", "name", "Wood Corner", "ref", "WOOD", "is_company", true, "company_id", 2L,
        "customer_rank", 1L);
    chart(1L, "VAT 21%", 21.0);
    chart(2L, "Sales Tax 8%", 8.0);
  }

  private void chart(long company, String taxName, double rate) {
    long bank = account(company, "101401", "Bank", "asset_cash", false);
    account(company, "121000", "Account Receivable", "asset_receivable", true);
    account(company, "211000", "Account Payable", "liability_payable", true);
    long taxReceived = account(company, "251000", "Tax Received", "liability_current", false);
    long taxPaid = account(company, "131000", "Tax Paid", "asset_current", false);
    long income = account(company, "400000", "Product Sales", "income", false);
    long expense = account(company, "600000", "Expenses", "expense", false);
    journal(company, "Customer Invoices", "INV", "sale", income);
    journal(company, "Vendor Bills", "BILL", "purchase", expense);
    journal(company, "Bank", "BNK1", "bank", bank);
    journal(company, "Miscellaneous Operations", "MISC", "general", null);
    create("account.tax", "name", taxName, "amount", rate, "type_tax_use", "sale", "account_id", taxReceived,
        "company_id", company);
    create("account.tax", "name", taxName + " (purchase)", "amount", rate, "type_tax_use", "purchase",
        "account_id", taxPaid, "company_id", company);
  }

  private long account(long company, String code, String name, String type, boolean reconcile) {
    return create("account.account", "code", code, "name", name, "account_type", type, "reconcile", reconcile,
        "company_id", company);
  }

  private void journal(long company, String name, String code, String type, Long defaultAccount) {
    create("account.journal", "name", name, "code", code, "type", type, "company_id", company,
        "default_account_id", defaultAccount == null ? false : defaultAccount);
  }
}
