package dev.ofg.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers MT940 shapes and rules beyond the sample files. */
class Mt940ParserTest {

  private final Mt940Parser parser = new Mt940Parser();

  private static byte[] mt(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String message(String lines) {
    return ":20:REF1\n:25:NL91ABNA0417164300\n:28C:7/1\n:60F:C240301EUR100,00\n" + lines;
  }

  @Test
  void readsReversalMarksAsTheBookedDirection() {
    List<StatementLine> lines = parser.parse(mt(message(
        ":61:2403010301RC10,00NTRFNONREF//B1\n:61:2403010301RD4,00NTRFNONREF//B2\n:62F:C240301EUR94,00\n")))
        .get(0).lines();

    // RC: reversal of a credit, booked as a debit; RD: reversal of a debit, booked as a credit.
    assertThat(lines).extracting(StatementLine::amount).containsExactly(new java.math.BigDecimal("-10.00"),
        new java.math.BigDecimal("4.00"));
    assertThat(lines).extracting(StatementLine::creditDebit).containsExactly(CreditDebit.DEBIT, CreditDebit.CREDIT);
    assertThat(lines).allMatch(StatementLine::reversal);
    assertThat(BalanceCheck.verify(parser.parse(mt(message(
        ":61:2403010301RC10,00NTRFNONREF//B1\n:61:2403010301RD4,00NTRFNONREF//B2\n:62F:C240301EUR94,00\n")))
        .get(0))).isEqualTo(BalanceCheck.Result.VERIFIED);
  }

  @Test
  void rollsTheEntryDateYearOverTheTurnOfTheYear() {
    List<StatementLine> lines = parser.parse(mt(message(
        ":61:2401021231D1,00NTRFNONREF//A\n:61:2312310102C1,00NTRFNONREF//B\n:62F:C240102EUR100,00\n")))
        .get(0).lines();

    assertThat(lines.get(0).valueDate()).isEqualTo(LocalDate.of(2024, 1, 2));
    assertThat(lines.get(0).bookingDate()).isEqualTo(LocalDate.of(2023, 12, 31));
    assertThat(lines.get(1).valueDate()).isEqualTo(LocalDate.of(2023, 12, 31));
    assertThat(lines.get(1).bookingDate()).isEqualTo(LocalDate.of(2024, 1, 2));
  }

  @Test
  void usesTheBankReferenceUnlessItIsNonref() {
    List<StatementLine> lines = parser.parse(mt(message(
        ":61:2403010301C1,00NTRFOWN1//BANK-77\n:61:2403010301C1,00NTRFOWN2//NONREF\n:62F:C240301EUR102,00\n")))
        .get(0).lines();

    assertThat(lines.get(0).importId()).isEqualTo("NL91ABNA0417164300:2024-03-01:BREF:BANK-77");
    assertThat(lines.get(1).importId()).startsWith("NL91ABNA0417164300:2024-03-01:H:");
    assertThat(lines.get(1).references().accountOwnerReference()).isEqualTo("OWN2");
  }

  @Test
  void splitsBicPrefixAndCurrencySuffixFromTheAccount() {
    BankStatement statement = parser.parse(mt(":20:R\n:25:ABNANL2A/NL91ABNA0417164300 EUR\n:28C:1\n"
        + ":60F:D240301EUR5,00\n:62F:D240301EUR5,00\n")).get(0);

    assertThat(statement.account().servicerBic()).isEqualTo("ABNANL2A");
    assertThat(statement.account().iban()).isEqualTo("NL91ABNA0417164300");
    assertThat(statement.openingBalance().orElseThrow().amount()).isEqualByComparingTo("-5.00");
  }

  @Test
  void keepsNonIbanAccountsAsOtherIdentifier() {
    BankStatement statement = parser.parse(mt(":20:R\n:25:123456789\n:28C:1\n:60F:C240301USD5,00\n"
        + ":62F:C240301USD5,00\n")).get(0);

    assertThat(statement.account().iban()).isNull();
    assertThat(statement.account().otherId()).isEqualTo("123456789");
  }

  @Test
  void readsSeveralEnvelopedMessagesAndIntermediateBalances() {
    String file = "{1:F01ABNANL2AAXXX0000000000}{2:O940ABNANL2AXXXXN}{3:{108:ABC}}{4:\n"
        + message(":61:2403010301C5,00NTRFX//R1\n:62M:C240301EUR105,00\n") + "-}{5:{CHK:123}}"
        + "{1:F01ABNANL2AAXXX0000000000}{2:O940ABNANL2AXXXXN}{4:\n:20:REF1\n:25:NL91ABNA0417164300\n:28C:7/2\n"
        + ":60M:C240301EUR105,00\n:61:2403010301D2,50NTRFX//R2\n:62F:C240301EUR102,50\n-}";
    List<BankStatement> statements = new BankStatementReader().read(mt(file));

    assertThat(statements).extracting(BankStatement::statementId).containsExactly("7/1", "7/2");
    assertThat(statements.get(0).closingBalance().orElseThrow().type()).isEqualTo("ITBD");
    assertThat(statements.get(1).openingBalance().orElseThrow().type()).isEqualTo("ITBD");
  }

  @Test
  void detectsAGapBetweenPagesOfOneAccount() {
    String file = message(":62M:C240301EUR100,00\n") + "-\n"
        + ":20:REF1\n:25:NL91ABNA0417164300\n:28C:7/2\n:60M:C240301EUR90,00\n:62F:C240301EUR90,00\n";

    assertThatThrownBy(() -> new BankStatementReader().read(mt(file)))
        .isInstanceOfSatisfying(BankStatementException.class,
            e -> assertThat(e.code()).isEqualTo(BankStatementException.Code.BALANCE_MISMATCH))
        .hasMessageContaining("7/2 opens with 90.00 EUR").hasMessageContaining("closed with 100.00 EUR");
  }

  @ParameterizedTest
  @ValueSource(strings = {":25:", ":28C:", ":60F:"})
  void rejectsMessagesWithoutAMandatoryTag(String tag) {
    String complete = ":20:R\n:25:NL91ABNA0417164300\n:28C:1\n:60F:C240301EUR5,00\n:62F:C240301EUR5,00\n";
    String without = complete.replaceAll("(?m)^" + tag + ".*\n", "");

    assertThatThrownBy(() -> parser.parse(mt(without))).isInstanceOfSatisfying(BankStatementException.class,
        e -> assertThat(e.code()).isEqualTo(BankStatementException.Code.MALFORMED_STATEMENT))
        .hasMessageContaining("missing mandatory tag " + tag.replace(":60F:", ":60F: or :60M:"));
  }

  @Test
  void rejectsUnknownAndOutOfOrderTags() {
    assertThatThrownBy(() -> parser.parse(mt(message(":99:X\n:62F:C240301EUR100,00\n"))))
        .isInstanceOf(BankStatementException.class).hasMessageContaining("unexpected tag :99:");
    assertThatThrownBy(() -> parser.parse(mt(message(":62F:C240301EUR100,00\n:61:2403010301C1,00NTRFX\n"))))
        .isInstanceOf(BankStatementException.class).hasMessageContaining("unexpected tag :61:");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      ":61:24030103X1C1,00NTRFX\n", ":61:2403010301X1,00NTRFX\n", ":61:2403010301C1.00NTRFX\n",
      ":61:2413010301C1,00NTRFX\n", ":61:2403010301C1,00QTRFX\n", ":61:2403010301C1,001NTRFX\n"})
  void rejectsMalformedLineFields(String line) {
    assertThatThrownBy(() -> parser.parse(mt(message(line + ":62F:C240301EUR101,00\n"))))
        .isInstanceOfSatisfying(BankStatementException.class,
            e -> assertThat(e.code()).isEqualTo(BankStatementException.Code.MALFORMED_STATEMENT))
        .hasMessageContaining(":61: line 1");
  }

  @Test
  void rejectsUnknownCurrencyAndTooManyDecimals() {
    assertThatThrownBy(() -> parser.parse(mt(":20:R\n:25:X1\n:28C:1\n:60F:C240301XYZ5,00\n")))
        .isInstanceOf(BankStatementException.class).hasMessageContaining("currency XYZ");
    assertThatThrownBy(() -> parser.parse(mt(":20:R\n:25:X1\n:28C:1\n:60F:C240301JPY5,5\n")))
        .isInstanceOf(BankStatementException.class).hasMessageContaining("at most 0 decimals");
  }

  @Test
  void rejectsAnUnterminatedEnvelopeAndEmptyInput() {
    assertThatThrownBy(() -> parser.parse(mt("{1:F01X}{2:O940X}{4:\n:20:R\n:25:X\n")))
        .isInstanceOf(BankStatementException.class).hasMessageContaining("not closed");
    assertThatThrownBy(() -> parser.parse(new byte[0])).isInstanceOf(BankStatementException.class);
  }

  @Test
  void decodesLatin1WhenTheFileIsNotUtf8() {
    byte[] file = (message(":61:2403010301C1,00NTRFX//R\n:86:Caf\u00e9 M\u00fcller\n:62F:C240301EUR101,00\n"))
        .getBytes(StandardCharsets.ISO_8859_1);

    assertThat(parser.parse(file).get(0).lines().get(0).remittanceInformation()).isEqualTo("Café Müller");
  }

  @Test
  void parsesAbnAmroStyleCodeWords() {
    String info = ":86:/TRTP/SEPA OVERBOEKING/IBAN/NL91ABNA0417164300/BIC/ABNANL2A/NAME/ACME BV/REMI/INV 42/EREF/E2E-1\n";
    StatementLine line = parser.parse(mt(message(":61:2403010301C1,00NTRFX//R\n" + info + ":62F:C240301EUR101,00\n")))
        .get(0).lines().get(0);

    assertThat(line.counterparty()).isEqualTo(new Counterparty("ACME BV", "NL91ABNA0417164300", null, "ABNANL2A"));
    assertThat(line.remittanceInformation()).isEqualTo("INV 42");
    assertThat(line.references().endToEndId()).isEqualTo("E2E-1");
  }

  @Test
  void rejectsTagValuesLongerThanTheTextLimit() {
    Mt940Parser limited = new Mt940Parser(new BankStatementLimits(1 << 20, 10, 48, 100));

    assertThatThrownBy(() -> limited.parse(mt(message(":61:2403010301C1,00NTRFX//R\n:86:" + "A".repeat(200)
        + "\n:62F:C240301EUR101,00\n")))).isInstanceOfSatisfying(BankStatementException.class,
            e -> assertThat(e.code()).isEqualTo(BankStatementException.Code.LIMIT_EXCEEDED));
  }
}
