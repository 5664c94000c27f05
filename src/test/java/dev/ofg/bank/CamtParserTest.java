package dev.ofg.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Covers camt rules beyond the sample files: versions, statuses, batch splitting, balance choice. */
class CamtParserTest {

  private final CamtParser parser = new CamtParser();

  private static byte[] doc(String version, String statementBody) {
    return ("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053." + version + "\"><BkToCstmrStmt>"
        + "<GrpHdr><MsgId>M1</MsgId><CreDtTm>2024-03-01T10:00:00Z</CreDtTm></GrpHdr><Stmt><Id>S1</Id>"
        + "<Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct>" + statementBody
        + "</Stmt></BkToCstmrStmt></Document>").getBytes(StandardCharsets.UTF_8);
  }

  private static String bal(String type, String amount, String indicator) {
    return "<Bal><Tp><CdOrPrtry><Cd>" + type + "</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">" + amount
        + "</Amt><CdtDbtInd>" + indicator + "</CdtDbtInd><Dt><Dt>2024-03-01</Dt></Dt></Bal>";
  }

  private static String entry(String amount, String indicator, String status, String details) {
    return "<Ntry><Amt Ccy=\"EUR\">" + amount + "</Amt><CdtDbtInd>" + indicator + "</CdtDbtInd><Sts>" + status
        + "</Sts><BookgDt><Dt>2024-03-01</Dt></BookgDt>" + details + "</Ntry>";
  }

  private static String tx(String amount, String indicator) {
    return "<TxDtls><Amt Ccy=\"EUR\">" + amount + "</Amt>" + (indicator == null ? "" : "<CdtDbtInd>" + indicator
        + "</CdtDbtInd>") + "<RmtInf><Ustrd>pay " + amount + "</Ustrd></RmtInf></TxDtls>";
  }

  @ParameterizedTest
  @ValueSource(strings = {"001.02", "001.03", "001.04", "001.05", "001.06", "001.07", "001.08", "001.09",
      "001.10", "001.11", "001.12", "001.13"})
  void readsEverySupportedVersion(String version) {
    String status = version.compareTo("001.08") >= 0 ? "<Cd>BOOK</Cd>" : "BOOK";
    BankStatement statement = parser.parse(doc(version,
        bal("OPBD", "10.00", "CRDT") + bal("CLBD", "12.50", "CRDT") + entry("2.50", "CRDT", status, ""))).get(0);

    assertThat(statement.lines()).extracting(StatementLine::amount).containsExactly(new BigDecimal("2.50"));
    assertThat(BalanceCheck.verify(statement)).isEqualTo(BalanceCheck.Result.VERIFIED);
  }

  @Test
  void keepsPendingAndInformationalEntriesOutOfTheImportedLines() {
    BankStatement statement = parser.parse(doc("001.02", bal("OPBD", "10.00", "CRDT") + bal("CLBD", "9.00", "CRDT")
        + entry("1.00", "DBIT", "BOOK", "") + entry("50.00", "CRDT", "PDNG", "") + entry("7.00", "DBIT", "INFO", "")))
        .get(0);

    assertThat(statement.lines()).extracting(StatementLine::amount).containsExactly(new BigDecimal("-1.00"));
    assertThat(statement.nonBookedEntries()).extracting(StatementLine::status)
        .containsExactly(EntryStatus.PENDING, EntryStatus.INFORMATION);
    assertThat(BalanceCheck.verify(statement)).isEqualTo(BalanceCheck.Result.VERIFIED);
  }

  @Test
  void rejectsUnknownOrMissingStatus() {
    assertThatThrownBy(() -> parser.parse(doc("001.02", entry("1.00", "CRDT", "DONE", ""))))
        .isInstanceOf(BankStatementException.class).hasMessageContaining("unknown entry status 'DONE'");
    assertThatThrownBy(() -> parser.parse(doc("001.02",
        "<Ntry><Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2024-03-01</Dt></BookgDt></Ntry>")))
        .isInstanceOf(BankStatementException.class).hasMessageContaining("no <Sts>");
  }

  @Test
  void splitsABatchWhoseDetailsAddUpIncludingOppositeSigns() {
    List<StatementLine> lines = parser.parse(doc("001.04", entry("7.00", "CRDT", "BOOK",
        "<NtryDtls>" + tx("10.00", "CRDT") + tx("3.00", "DBIT") + "</NtryDtls>"))).get(0).lines();

    assertThat(lines).extracting(StatementLine::amount).containsExactly(new BigDecimal("10.00"),
        new BigDecimal("-3.00"));
    assertThat(lines).extracting(StatementLine::creditDebit).containsExactly(CreditDebit.CREDIT, CreditDebit.DEBIT);
    assertThat(lines).extracting(StatementLine::remittanceInformation).containsExactly("pay 10.00", "pay 3.00");
  }

  @Test
  void keepsABatchWholeWhenDetailsDoNotAddUp() {
    List<StatementLine> lines = parser.parse(doc("001.04", entry("7.00", "CRDT", "BOOK",
        "<NtryDtls>" + tx("5.00", null) + tx("1.00", null) + "</NtryDtls>"))).get(0).lines();

    assertThat(lines).singleElement().satisfies(line -> {
      assertThat(line.amount()).isEqualByComparingTo("7.00");
      assertThat(line.detailIndex()).isZero();
      assertThat(line.remittanceInformation()).isEqualTo("pay 5.00 pay 1.00");
    });
  }

  @Test
  void keepsABatchWholeWhenADetailHasNoAmount() {
    List<StatementLine> lines = parser.parse(doc("001.02", entry("7.00", "CRDT", "BOOK",
        "<NtryDtls>" + tx("7.00", null) + "<TxDtls><Refs><EndToEndId>E</EndToEndId></Refs></TxDtls></NtryDtls>")))
        .get(0).lines();

    assertThat(lines).singleElement().extracting(StatementLine::amount).isEqualTo(new BigDecimal("7.00"));
  }

  @Test
  void takesAForeignTransactionAmountAsTheOriginalAmount() {
    StatementLine line = parser.parse(doc("001.02", entry("345.34", "CRDT", "BOOK",
        "<NtryDtls><TxDtls><AmtDtls><TxAmt><Amt Ccy=\"USD\">32.00</Amt></TxAmt></AmtDtls></TxDtls></NtryDtls>")))
        .get(0).lines().get(0);

    assertThat(line.amount()).isEqualByComparingTo("345.34");
    assertThat(line.originalAmount()).isEqualTo(new Money(new BigDecimal("32.00"), "USD"));
  }

  @Test
  void prefersOpeningBookedOverPreviouslyClosedAndUsesInterimBalancesOfPages() {
    BankStatement withBoth = parser.parse(doc("001.02",
        bal("PRCD", "1.00", "CRDT") + bal("OPBD", "2.00", "CRDT") + bal("CLBD", "2.00", "CRDT")
            + bal("CLAV", "2.00", "CRDT"))).get(0);
    BankStatement page = parser.parse(doc("001.02",
        bal("ITBD", "2.00", "DBIT") + bal("ITBD", "1.00", "CRDT") + entry("3.00", "CRDT", "BOOK", ""))).get(0);

    assertThat(withBoth.openingBalance().orElseThrow().type()).isEqualTo("OPBD");
    assertThat(withBoth.otherBalances()).extracting(Balance::type).containsExactly("PRCD", "CLAV");
    assertThat(page.openingBalance().orElseThrow().amount()).isEqualByComparingTo("-2.00");
    assertThat(page.closingBalance().orElseThrow().amount()).isEqualByComparingTo("1.00");
    assertThat(BalanceCheck.verify(page)).isEqualTo(BalanceCheck.Result.VERIFIED);
  }

  @Test
  void rejectsMalformedValues() {
    assertThatThrownBy(() -> parser.parse(doc("001.02", entry("-1.00", "CRDT", "BOOK", ""))))
        .isInstanceOf(BankStatementException.class).hasMessageContaining("amount '-1.00'");
    assertThatThrownBy(() -> parser.parse(doc("001.02", entry("1.001", "CRDT", "BOOK", ""))))
        .isInstanceOf(BankStatementException.class).hasMessageContaining("at most 2 decimals");
    assertThatThrownBy(() -> parser.parse(doc("001.02", entry("1.00", "CRED", "BOOK", ""))))
        .isInstanceOf(BankStatementException.class).hasMessageContaining("expected: CRDT or DBIT");
    assertThatThrownBy(() -> parser.parse(doc("001.02", entry("1.00", "CRDT", "BOOK", "")
        .replace("2024-03-01", "2024-02-30")))).isInstanceOf(BankStatementException.class)
        .hasMessageContaining("expected: YYYY-MM-DD");
  }

  @Test
  void acceptsTrailingZeroDecimalsBeyondTheCurrencyScale() {
    StatementLine line = parser.parse(doc("001.02", entry("1.50000", "CRDT", "BOOK", ""))).get(0).lines().get(0);

    assertThat(line.amount()).isEqualTo(new BigDecimal("1.50"));
  }

  @Test
  void requiresTheAccountBeforeEntries() {
    byte[] noAccount = ("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt>"
        + "<GrpHdr><MsgId>M</MsgId></GrpHdr><Stmt><Id>S</Id>" + entry("1.00", "CRDT", "BOOK", "")
        + "</Stmt></BkToCstmrStmt></Document>").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> parser.parse(noAccount)).isInstanceOf(BankStatementException.class)
        .hasMessageContaining("<Acct> must come before the first <Ntry>");
  }

  @Test
  void honoursTheDeclaredEncodingAndReadsMislabelledUtf8AsLatin9() {
    String body = "<?xml version=\"1.0\" encoding=\"%s\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">"
        + "<BkToCstmrStmt><GrpHdr><MsgId>M</MsgId></GrpHdr><Stmt><Id>S</Id><Acct><Id><IBAN>NL91ABNA0417164300</IBAN>"
        + "</Id><Ownr><Nm>Société Générale</Nm></Ownr></Acct></Stmt></BkToCstmrStmt></Document>";
    byte[] latin1 = String.format(body, "ISO-8859-1").getBytes(StandardCharsets.ISO_8859_1);
    byte[] mislabelled = String.format(body, "UTF-8").getBytes(StandardCharsets.ISO_8859_1);

    assertThat(parser.parse(latin1).get(0).account().ownerName()).isEqualTo("Société Générale");
    assertThat(parser.parse(mislabelled).get(0).account().ownerName()).isEqualTo("Société Générale");
    assertThatThrownBy(() -> parser.parse(String.format(body, "X-NO-SUCH").getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOfSatisfying(BankStatementException.class,
            e -> assertThat(e.code()).isEqualTo(BankStatementException.Code.UNSUPPORTED_FORMAT));
  }
}
