package dev.ofg.bank;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Turns a parsed line into the values of an Odoo {@code account.bank.statement.line}, sending only the optional
 * fields this Odoo has. The counterparty's account number goes to Odoo ({@code account_number}) and nowhere else.
 */
final class StatementLineValues {
  /** Longest label sent to Odoo: a full camt remittance block, far beyond what a bank UI shows. */
  static final int MAX_LABEL_LENGTH = 2000;
  static final String NO_LABEL = "/";

  private StatementLineValues() {
  }

  /**
   * Builds the create values.
   *
   * @param journal the journal the line goes to; its currency is the line's
   * @param currencyIds Odoo ids of foreign currencies, by ISO code; a foreign amount in a currency Odoo does not
   *     know is left out (the line itself is still right in the journal currency)
   */
  static JsonObject of(StatementLine line, OdooJournal journal, OdooStatementLines.Capabilities odoo,
      Map<String, Long> currencyIds) {
    JsonObject values = new JsonObject()
        .put("date", line.bookingDate().toString())
        .put("amount", line.amount())
        .put("payment_ref", label(line))
        .put("journal_id", journal.id());
    Counterparty counterparty = line.counterparty();
    if (counterparty != null && counterparty.name() != null && odoo.has("partner_name")) {
      values.put("partner_name", counterparty.name());
    }
    String accountNumber = counterparty == null ? null
        : counterparty.iban() != null ? counterparty.iban() : counterparty.accountId();
    if (accountNumber != null && odoo.has("account_number")) {
      values.put("account_number", accountNumber);
    }
    if (odoo.uniqueImportId()) {
      values.put(OdooStatementLines.UNIQUE_IMPORT_ID, line.importId());
    }
    String transactionType = transactionType(line.transactionCode());
    if (transactionType != null && odoo.has("transaction_type")) {
      values.put("transaction_type", transactionType);
    }
    Money foreign = foreignAmount(line, journal);
    if (foreign != null && currencyIds.containsKey(foreign.currency()) && odoo.has("amount_currency")
        && odoo.has("foreign_currency_id")) {
      values.put("amount_currency", line.amount().signum() < 0 ? foreign.amount().abs().negate()
          : foreign.amount().abs());
      values.put("foreign_currency_id", currencyIds.get(foreign.currency()));
    }
    return values;
  }

  /** Returns the original amount when it is in another currency than the journal's (Odoo's "foreign currency"). */
  static Money foreignAmount(StatementLine line, OdooJournal journal) {
    Money original = line.originalAmount();
    return original != null && !original.currency().equals(journal.currency()) ? original : null;
  }

  /** Chooses the line's label: remittance information, else the bank's free texts, else references, else "/". */
  static String label(StatementLine line) {
    String endToEnd = line.references().endToEndId();
    String label = firstPresent(line.remittanceInformation(), line.additionalTransactionInformation(),
        line.additionalEntryInformation(), line.creditorReference(),
        "NOTPROVIDED".equalsIgnoreCase(endToEnd) ? null : endToEnd);
    if (label == null) {
      return NO_LABEL;
    }
    return label.length() <= MAX_LABEL_LENGTH ? label : label.substring(0, MAX_LABEL_LENGTH);
  }

  private static String firstPresent(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null && !candidate.isBlank()) {
        return candidate.strip();
      }
    }
    return null;
  }

  /** Renders the bank transaction code as Odoo's free-text transaction type, e.g. {@code PMNT/RCDT/ESCT}. */
  static String transactionType(BankTransactionCode code) {
    if (code.domain() != null) {
      StringBuilder type = new StringBuilder(code.domain());
      if (code.family() != null) {
        type.append('/').append(code.family());
        if (code.subFamily() != null) {
          type.append('/').append(code.subFamily());
        }
      }
      return type.toString();
    }
    return code.proprietaryCode();
  }
}
