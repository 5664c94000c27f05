package dev.ofg.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulates {@code account.bank.statement.line}; with the statement-import module installed it also
 * has the {@code unique_import_id} column and its SQL constraint from that module
 * ({@code unique (unique_import_id)}, "A bank account transactions can be imported only once!"),
 * which is what makes statement imports idempotent in Odoo itself.
 */
final class BankStatementLineModel extends SandboxModel {
  static final String NAME = "account.bank.statement.line";
  static final String UNIQUE_IMPORT_MESSAGE = "A bank account transactions can be imported only once!";

  BankStatementLineModel(boolean statementImportModule) {
    super(NAME, "Bank Statement Line", "date desc, id desc", "company_id", fields(statementImportModule));
  }

  private static List<FieldSpec> fields(boolean statementImportModule) {
    List<FieldSpec> fields = new ArrayList<>(List.of(
        FieldSpec.of("date", FieldType.DATE, "Date").asRequired(),
        FieldSpec.chars("payment_ref", "Label"),
        FieldSpec.many2one("partner_id", "Partner", "res.partner"),
        FieldSpec.chars("partner_name", "Partner Name"),
        FieldSpec.chars("account_number", "Bank Account Number"),
        FieldSpec.monetary("amount", "Amount"),
        FieldSpec.monetary("amount_currency", "Amount in Currency").withCurrencyField("foreign_currency_id"),
        FieldSpec.many2one("foreign_currency_id", "Foreign Currency", "res.currency"),
        FieldSpec.many2one("currency_id", "Journal Currency", "res.currency").asComputed(),
        FieldSpec.many2one("journal_id", "Journal", "account.journal").asRequired(),
        FieldSpec.many2one("company_id", "Company", "res.company").asComputed(),
        FieldSpec.chars("transaction_type", "Transaction Type"),
        FieldSpec.of("is_reconciled", FieldType.BOOLEAN, "Is Reconciled").asComputed(),
        FieldSpec.of("narration", FieldType.TEXT, "Notes")));
    if (statementImportModule) {
      fields.add(FieldSpec.chars("unique_import_id", "Import ID").asReadonly().asUnique(UNIQUE_IMPORT_MESSAGE));
    }
    return fields;
  }

  @Override
  protected Map<String, Object> defaults(CallContext ctx, Map<String, Object> vals) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("date", registry().today().toString());
    Long journal = PaymentRegisterModel.firstBankJournal(registry(), ctx.companyId());
    if (journal != null) {
      d.put("journal_id", journal);
    }
    return d;
  }

  // The line's company and currency follow its journal; checked by record rules like any company field.
  @Override
  protected void afterChange(CallContext ctx, long id) {
    Object journal = row(id).get("journal_id");
    SandboxModel journals = registry().model("account.journal");
    if (journal instanceof Long j && journals.exists(j)) {
      Long company = (Long) journals.row(j).get("company_id");
      Object currency = journals.row(j).get("currency_id");
      if (!company.equals(row(id).get("company_id"))) {
        update(ctx, id, "company_id", company);
        checkRecordRule(ctx, row(id), AccessMode.CREATE);
      }
      Object effective = currency != null ? currency : new Currencies(registry()).companyCurrency(company);
      if (effective != null && !effective.equals(row(id).get("currency_id"))) {
        update(ctx, id, "currency_id", effective);
      }
    }
  }

  @Override
  protected String displayName(long id, Map<String, Object> row) {
    Object ref = row.get("payment_ref");
    return ref == null ? "/" : ref.toString();
  }
}
