package dev.ofg.bank;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatementLineValuesTest {
  private static final OdooJournal EUR_JOURNAL = new OdooJournal(7, "BNK1", "EUR", 1);
  private static final Set<String> ALL_FIELDS = Set.of("date", "amount", "payment_ref", "journal_id", "partner_name",
      "account_number", "unique_import_id", "transaction_type", "amount_currency", "foreign_currency_id");
  private static final OdooStatementLines.Capabilities FULL = new OdooStatementLines.Capabilities(ALL_FIELDS, true);

  private static StatementLine line(String amount, Money original, Counterparty counterparty, String remittance,
      String additional, TransactionReferences references) {
    BigDecimal value = new BigDecimal(amount);
    return new StatementLine("NL91ABNA0417164300:2024-03-01:ASR:REF1", 1, 1, 0, LocalDate.of(2024, 3, 1), null, value,
        "EUR", original, value.signum() < 0 ? CreditDebit.DEBIT : CreditDebit.CREDIT, false, EntryStatus.BOOKED,
        new BankTransactionCode("PMNT", "RCDT", "ESCT", null, null), references, counterparty, remittance, null, null,
        additional, null);
  }

  @Test
  void sendsTheLineWithItsImportIdAndCounterparty() {
    StatementLine line = line("-12.30", null, new Counterparty("ACME BV", "NL02ABNA0123456789", null, null),
        "Invoice 42", null, TransactionReferences.NONE);

    JsonObject values = StatementLineValues.of(line, EUR_JOURNAL, FULL, Map.of());

    assertThat(values).isEqualTo(new JsonObject().put("date", "2024-03-01").put("amount", new BigDecimal("-12.30"))
        .put("payment_ref", "Invoice 42").put("journal_id", 7L).put("partner_name", "ACME BV")
        .put("account_number", "NL02ABNA0123456789").put("unique_import_id", "NL91ABNA0417164300:2024-03-01:ASR:REF1")
        .put("transaction_type", "PMNT/RCDT/ESCT"));
  }

  @Test
  void leavesOutFieldsThisOdooDoesNotHave() {
    StatementLine line = line("5.00", new Money(new BigDecimal("6.00"), "USD"),
        new Counterparty("ACME BV", "NL02ABNA0123456789", null, null), "Invoice 42", null, TransactionReferences.NONE);
    OdooStatementLines.Capabilities plain = new OdooStatementLines.Capabilities(
        Set.of("date", "amount", "payment_ref", "journal_id"), false);

    JsonObject values = StatementLineValues.of(line, EUR_JOURNAL, plain, Map.of("USD", 2L));

    assertThat(values.fieldNames()).containsExactlyInAnyOrder("date", "amount", "payment_ref", "journal_id");
  }

  @Test
  void sendsAForeignAmountWithTheLinesSignOnlyWhenOdooKnowsTheCurrency() {
    StatementLine debit = line("-92.50", new Money(new BigDecimal("100.00"), "USD"), null, "Card", null,
        TransactionReferences.NONE);

    JsonObject known = StatementLineValues.of(debit, EUR_JOURNAL, FULL, Map.of("USD", 2L));
    JsonObject unknown = StatementLineValues.of(debit, EUR_JOURNAL, FULL, Map.of());
    JsonObject sameCurrency = StatementLineValues.of(line("-92.50", new Money(new BigDecimal("92.50"), "EUR"), null,
        "Card", null, TransactionReferences.NONE), EUR_JOURNAL, FULL, Map.of("EUR", 1L));

    assertThat(known.getValue("amount_currency")).isEqualTo(new BigDecimal("-100.00"));
    assertThat(known.getValue("foreign_currency_id")).isEqualTo(2L);
    assertThat(unknown.containsKey("amount_currency")).isFalse();
    assertThat(sameCurrency.containsKey("foreign_currency_id")).isFalse();
  }

  @Test
  void labelsFallBackFromRemittanceToFreeTextToReferences() {
    TransactionReferences endToEnd = new TransactionReferences(null, null, "E2E-7", null, null, null, null, null);
    TransactionReferences notProvided = new TransactionReferences(null, null, "NOTPROVIDED", null, null, null, null,
        null);

    assertThat(StatementLineValues.label(line("1.00", null, null, "  Invoice 42 ", "Extra", endToEnd)))
        .isEqualTo("Invoice 42");
    assertThat(StatementLineValues.label(line("1.00", null, null, null, "SEPA credit", endToEnd)))
        .isEqualTo("SEPA credit");
    assertThat(StatementLineValues.label(line("1.00", null, null, null, null, endToEnd))).isEqualTo("E2E-7");
    assertThat(StatementLineValues.label(line("1.00", null, null, null, null, notProvided))).isEqualTo("/");
    assertThat(StatementLineValues.label(line("1.00", null, null, "x".repeat(5000), null, endToEnd)))
        .hasSize(StatementLineValues.MAX_LABEL_LENGTH);
  }

  @Test
  void rendersTransactionCodesAsOdooTransactionTypes() {
    assertThat(StatementLineValues.transactionType(new BankTransactionCode("PMNT", "ICDT", null, "X", null)))
        .isEqualTo("PMNT/ICDT");
    assertThat(StatementLineValues.transactionType(new BankTransactionCode(null, null, null, "NTRF", "SWIFT")))
        .isEqualTo("NTRF");
    assertThat(StatementLineValues.transactionType(BankTransactionCode.NONE)).isNull();
  }
}
