package dev.ofg.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Asserts what each published sample file really says: counts, amounts, balances, reversals,
 * batches, and whether its balances add up. Expected values are read off the files by hand (and,
 * for the OCA files, agree with OCA's own golden test data), never computed by the parser.
 */
class BankFixtureTest {

  private final CamtParser camt = new CamtParser();
  private final Mt940Parser mt940 = new Mt940Parser();
  private final BankStatementReader reader = new BankStatementReader();
  private final BankStatementReader lenientReader =
      new BankStatementReader(new BankStatementReaderOptions(BankStatementLimits.defaults(), true));

  private static BigDecimal amount(String value) {
    return new BigDecimal(value);
  }

  @Test
  void camt053OcaHasFourLinesWithBatchedReversalSplitInTwo() {
    BankStatement statement = single(camt.parse(StatementFiles.load("camt053-oca.xml")));

    assertThat(statement.format()).isEqualTo(BankStatementFormat.CAMT_053);
    assertThat(statement.messageId()).isEqualTo("TESTBANK/NL/1420561226673");
    assertThat(statement.statementId()).isEqualTo("1234Test/1");
    assertThat(statement.sequenceNumber()).isEqualTo("2");
    assertThat(statement.account().iban()).isEqualTo("NL77ABNA0574908765");
    assertThat(statement.account().servicerBic()).isEqualTo("ABNANL2A");
    assertThat(statement.periodFrom()).isEqualTo(LocalDate.of(2014, 1, 5));
    assertThat(statement.openingBalance()).get().extracting(Balance::type, Balance::amount)
        .containsExactly("OPBD", amount("15568.27"));
    assertThat(statement.closingBalance()).get().extracting(Balance::type, Balance::amount)
        .containsExactly("CLBD", amount("15121.12"));
    // Three entries; the second (RvslInd, DBIT 664.05) batches two TxDtls of 564.05 + 100.00.
    assertThat(statement.lines()).extracting(StatementLine::amount)
        .containsExactly(amount("-754.25"), amount("-564.05"), amount("-100.00"), amount("1405.31"));
    assertThat(statement.lines()).extracting(StatementLine::entrySequence).containsExactly(1, 2, 2, 3);
    assertThat(statement.lines()).extracting(StatementLine::detailIndex).containsExactly(0, 1, 2, 0);
    assertThat(statement.lines()).extracting(StatementLine::reversal).containsExactly(false, true, true, false);
    StatementLine returned = statement.lines().get(1);
    assertThat(returned.creditDebit()).isEqualTo(CreditDebit.DEBIT);
    assertThat(returned.returnReason()).isEqualTo("AC06");
    assertThat(returned.references().mandateId()).isEqualTo("NL22ZZZ524885430000-C0125.1");
    assertThat(returned.references().paymentInformationId()).isEqualTo("2018/125-20141229-NORM");
    assertThat(returned.transactionCode()).isEqualTo(new BankTransactionCode("PMNT", "IDDT", "UPDD", "EIST", null));
    assertThat(statement.lines().get(0).counterparty().name()).isEqualTo("INSURANCE COMPANY TESTX");
    assertThat(statement.lines().get(3).counterparty())
        .isEqualTo(new Counterparty("3rd party Media", "NL69ABNA0522123643", null, "ABNANL2A"));
    assertThat(statement.lines().get(3).references().endToEndId()).isEqualTo("115");
  }

  @Test
  void camt053OcaBalancesDoNotAddUpBecauseEntriesAreMissing() {
    // 15568.27 - 754.25 - 664.05 + 1405.31 = 15555.28, not the stated 15121.12: the sample is an
    // excerpt (no entry explains the missing -434.16), so import must refuse it, naming both values.
    assertThatThrownBy(() -> reader.read(StatementFiles.load("camt053-oca.xml")))
        .isInstanceOfSatisfying(BankStatementException.class,
            e -> assertThat(e.code()).isEqualTo(BankStatementException.Code.BALANCE_MISMATCH))
        .hasMessageContaining("stated 15121.12").hasMessageContaining("computed 15555.28")
        .hasMessageContaining("difference -434.16");
  }

  @Test
  void camt053TxDtlsOcaSplitsTheSwissBatchAndBalances() {
    BankStatement statement = single(reader.read(StatementFiles.load("camt053-txdtls-oca.xml")));

    assertThat(statement.account().iban()).isEqualTo("CH1111000000123456789");
    assertThat(statement.sequenceNumber()).isEqualTo("58");
    assertThat(statement.openingBalance().orElseThrow().amount()).isEqualByComparingTo("75960.15");
    assertThat(statement.closingBalance().orElseThrow().amount()).isEqualByComparingTo("79443.15");
    assertThat(statement.lines()).extracting(StatementLine::amount)
        .containsExactly(amount("2187.00"), amount("1296.00"));
    assertThat(statement.lines()).extracting(StatementLine::creditorReference)
        .containsExactly("302388292000011111111111111", "302388292000022222222222222");
    assertThat(statement.lines()).extracting(l -> l.counterparty().iban())
        .containsExactly("CH2222000000123456789", "CH3333000000123456789");
    // Both TxDtls repeat AcctSvcrRef 123456CHCAFEBABE, so ids come from the entry's reference + index.
    assertThat(statement.lines()).extracting(StatementLine::importId).containsExactly(
        "CH1111000000123456789:2017-03-22:ASR:20170323001234567891234567891234/1",
        "CH1111000000123456789:2017-03-22:ASR:20170323001234567891234567891234/2");
    assertThat(statement.lines().get(0).transactionCode().subFamily()).isEqualTo("AUTT");
    assertThat(statement.lines().get(0).additionalEntryInformation()).startsWith("CRÉDIT GROUPÉ BVR");
  }

  @Test
  void camt054OcaIsOneCreditWithoutBalances() {
    BankStatement notification = single(reader.read(StatementFiles.load("camt054-oca.xml")));

    assertThat(notification.format()).isEqualTo(BankStatementFormat.CAMT_054);
    assertThat(notification.openingBalances()).isEmpty();
    assertThat(notification.closingBalances()).isEmpty();
    assertThat(BalanceCheck.verify(notification)).isEqualTo(BalanceCheck.Result.NOT_APPLICABLE);
    StatementLine line = single(notification.lines());
    assertThat(line.amount()).isEqualByComparingTo("5.00");
    assertThat(line.importId()).isEqualTo("NL77ABNA0574908765:2022-01-26:ASR:98888208N8");
    assertThat(line.references().endToEndId()).isEqualTo("ENDTOENDID-01");
    assertThat(line.creditorReference()).isEqualTo("000000000000000000000000003");
    assertThat(line.counterparty().name()).isEqualTo("Test Customer");
    assertThat(line.additionalEntryInformation()).isEqualTo("Additional entry info");
  }

  @Test
  void mt940IngHasEightLinesThatMatchItsOwnSumLine() {
    BankStatement statement = single(reader.read(StatementFiles.load("mt940-ing-oca.940")));

    assertThat(statement.account().iban()).isEqualTo("NL77INGB0574908765");
    assertThat(statement.account().currency()).isEqualTo("EUR");
    assertThat(statement.openingBalance().orElseThrow().amount()).isEqualByComparingTo("662.23");
    assertThat(statement.closingBalance().orElseThrow().amount()).isEqualByComparingTo("564.35");
    assertThat(statement.lines()).extracting(StatementLine::amount).containsExactly(amount("1.56"),
        amount("-1.57"), amount("1.57"), amount("-1.14"), amount("1.45"), amount("-12.75"), amount("32.00"),
        amount("-119.00"));
    // The statement's closing :86:/SUM/4/4/134,46/36,58/ states 4 debits of 134.46 and 4 credits of 36.58.
    assertThat(statement.additionalInformation()).isEqualTo("/SUM/4/4/134,46/36,58/");
    assertThat(statement.lines().stream().filter(l -> l.amount().signum() < 0)
        .map(StatementLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("-134.46");
    assertThat(statement.lines().stream().filter(l -> l.amount().signum() > 0)
        .map(StatementLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("36.58");
    assertThat(statement.otherBalances()).extracting(Balance::type).containsExactly("CLAV", "FWAV", "FWAV");
  }

  @Test
  void mt940IngStructuredInformationFillsCounterpartyAndReferences() {
    List<StatementLine> lines = single(reader.read(StatementFiles.load("mt940-ing-oca.940"))).lines();

    // Names as OCA's ING test expects them; "ING\nBANK NV" is one wrapped word: "INGBANK NV".
    assertThat(lines).extracting(l -> l.counterparty() == null ? null : l.counterparty().name()).containsExactly(
        "ING BANK NV INZAKE WEB", null, "J.Janssen", "ING Bank N.V. inzake WeB", null, "J.Janssen", "J.Janssen",
        "INGBANK NV");
    assertThat(lines.get(0).counterparty().iban()).isEqualTo("NL32INGB0000012345");
    assertThat(lines.get(0).counterparty().bic()).isEqualTo("INGBNL2A");
    assertThat(lines.get(0).references().endToEndId()).isEqualTo("EV12341REP1231456T1234");
    assertThat(lines.get(0).remittanceInformation()).isEqualTo("EV10001REP1000000T1000");
    assertThat(lines.get(1).references().paymentInformationId()).isEqualTo("M000000003333333");
    assertThat(lines.get(1).remittanceInformation()).isEqualTo("TOTAAL 1 VZ");
    assertThat(lines.get(2).returnReason()).isEqualTo("MS03");
    assertThat(lines.get(3).references().mandateId()).isEqualTo("MND-EV01");
    assertThat(lines.get(3).references().endToEndId()).isEqualTo("EV123REP123412T1234");
    assertThat(lines.get(4).remittanceInformation()).isEqualTo("TOTAAL 1 POSTEN");
    assertThat(lines.get(5).remittanceInformation()).isEqualTo("CONTRIBUTIE FEB 2014");
    assertThat(lines.get(6).creditorReference()).isEqualTo("9001123412341234");
    assertThat(lines.get(2).transactionCode().proprietaryCode()).isEqualTo("NRTI");
    // The first :61: wraps its bank reference after 11 digits; SWIFT puts the next line into the
    // supplementary details, so the reference is what stands on the :61: line itself.
    assertThat(lines.get(0).references().accountServicerReference()).isEqualTo("00000000001");
    assertThat(lines.get(1).importId()).isEqualTo("NL77INGB0574908765:2014-02-20:BREF:00000000001006");
  }

  @Test
  void mt940SnsHasThreeDailyStatementsAndTheLastHasNoClosingBalance() {
    byte[] file = StatementFiles.load("mt940-sns-oca.940");
    List<BankStatement> statements = mt940.parse(file);

    assertThat(statements).extracting(BankStatement::statementId).containsExactly("361/1", "362/1", "363/1");
    assertThat(statements).extracting(s -> s.lines().size()).containsExactly(4, 2, 2);
    assertThat(statements.get(0).lines()).extracting(StatementLine::amount)
        .containsExactly(amount("-713.13"), amount("-10.18"), amount("-13.52"), amount("-25.61"));
    assertThat(statements.get(1).lines().get(1).amount()).isEqualByComparingTo("0.00");
    assertThat(statements.get(2).lines()).extracting(StatementLine::amount)
        .containsExactly(amount("-907.29"), amount("-35.00"));
    assertThat(statements.get(2).openingBalance().orElseThrow().amount()).isEqualByComparingTo("2253.57");
    assertThat(statements.get(2).closingBalances()).isEmpty();

    // :62a: is mandatory; the third message ends right after its last :86:, so by default the file is refused.
    assertThatThrownBy(() -> reader.read(file)).isInstanceOfSatisfying(BankStatementException.class,
        e -> assertThat(e.code()).isEqualTo(BankStatementException.Code.MALFORMED_STATEMENT))
        .hasMessageContaining("363/1").hasMessageContaining("no closing balance");
  }

  @Test
  void mt940SnsFirstTwoDaysBalanceAndChainWhenMissingBalancesAreAllowed() {
    List<BankStatement> statements = lenientReader.read(StatementFiles.load("mt940-sns-oca.940"));

    assertThat(BalanceCheck.verify(statements.get(0))).isEqualTo(BalanceCheck.Result.VERIFIED);
    assertThat(BalanceCheck.verify(statements.get(1))).isEqualTo(BalanceCheck.Result.VERIFIED);
    assertThat(BalanceCheck.verify(statements.get(2), true)).isEqualTo(BalanceCheck.Result.UNVERIFIED);
    assertThat(statements.get(0).closingBalance().orElseThrow().amount()).isEqualByComparingTo("2264.52");
    assertThat(statements.get(1).openingBalance().orElseThrow().amount()).isEqualByComparingTo("2264.52");
    StatementLine first = statements.get(0).lines().get(0);
    assertThat(first.counterparty()).isEqualTo(new Counterparty("gerrits glas en schilderwerk", "NL49RABO0166416932",
        null, null));
    assertThat(first.remittanceInformation()).isEqualTo("Factuur 17227/248/20");
    assertThat(statements.get(0).lines().get(1).references().accountServicerReference()).isEqualTo("228ohu/972795");
    assertThat(statements.get(0).lines().get(2).remittanceInformation())
        .contains("VNKlantnr 00000000000");
  }

  @Test
  void mt940WrongFileIsRefusedWithAClearMessage() {
    byte[] file = StatementFiles.load("mt940-wrong-file-oca.940");

    assertThat(BankStatementFormat.detect(file)).isEmpty();
    assertThatThrownBy(() -> mt940.parse(file)).isInstanceOfSatisfying(BankStatementException.class,
        e -> assertThat(e.code()).isEqualTo(BankStatementException.Code.MALFORMED_STATEMENT))
        .hasMessageContaining(":9401:");
    assertThatThrownBy(() -> reader.read(file)).isInstanceOfSatisfying(BankStatementException.class,
        e -> assertThat(e.code()).isEqualTo(BankStatementException.Code.UNSUPPORTED_FORMAT));
    assertThatThrownBy(() -> reader.read(file, BankStatementFormat.MT940))
        .isInstanceOfSatisfying(BankStatementException.class,
            e -> assertThat(e.code()).isEqualTo(BankStatementException.Code.MALFORMED_STATEMENT));
  }

  @Test
  void mt940RaboHasFourChainedDailyStatementsWithTheCounterpartyFromSupplementaryDetails() {
    List<BankStatement> statements = reader.read(StatementFiles.load("mt940-rabo-oca.swi"));

    assertThat(statements).hasSize(4);
    assertThat(statements).extracting(s -> s.closingBalance().orElseThrow().amount())
        .containsExactly(amount("4833.52"), amount("4833.52"), amount("4798.91"), amount("4798.91"));
    assertThat(statements).extracting(s -> s.lines().size()).containsExactly(1, 0, 1, 0);
    StatementLine received = statements.get(0).lines().get(0);
    assertThat(received.amount()).isEqualByComparingTo("400.00");
    assertThat(received.counterparty()).isEqualTo(new Counterparty("R. SMITH", "NL66RABO0160878799", null, null));
    assertThat(received.remittanceInformation()).isEqualTo("Test money paid by other partner:");
    // Back-valued cost line: value date 2014-01-01 in the statement of 2014-01-06, no entry date.
    StatementLine cost = statements.get(2).lines().get(0);
    assertThat(cost.bookingDate()).isEqualTo(LocalDate.of(2014, 1, 1));
    assertThat(cost.amount()).isEqualByComparingTo("-34.61");
    assertThat(cost.counterparty().name()).isEqualTo("Kosten");
    assertThat(cost.importId()).startsWith("NL34RABO0142623393:2014-01-01:H:");
  }

  @Test
  void genkgoMultiStatementHasTwoChainedStatements() {
    List<BankStatement> statements = reader.read(StatementFiles.load("genkgo-camt053-v02-multi-statement.xml"));

    assertThat(statements).extracting(BankStatement::statementId)
        .containsExactly("253EURNL26VAYB8060476890", "254EURNL26VAYB8060476890");
    assertThat(statements.get(0).lines().get(0).amount()).isEqualByComparingTo("8.85");
    assertThat(statements.get(1).lines().get(0).amount()).isEqualByComparingTo("-7.00");
    assertThat(statements.get(1).lines().get(0).counterparty().name()).isEqualTo("Company Name 2");
    assertThat(statements.get(1).additionalInformation()).isEqualTo("Additional Information");
  }

  @Test
  void genkgoV08ReadsNestedStatusAndPartiesButItsBalancesAreInOtherCurrencies() {
    BankStatement statement = single(camt.parse(StatementFiles.load("genkgo-camt053-v08.xml")));

    StatementLine line = single(statement.lines());
    assertThat(line.status()).isEqualTo(EntryStatus.BOOKED);
    assertThat(line.bookingDate()).isEqualTo(LocalDate.of(2014, 12, 31));
    assertThat(line.counterparty().name()).isEqualTo("NAME NAME");
    assertThat(line.creditorReference()).isEqualTo("4654654654654654");
    assertThat(statement.account().otherId()).isEqualTo("NL26VAYB8060476890");
    assertThat(statement.openingBalances()).extracting(Balance::currency).containsExactly("EUR");
    assertThat(statement.closingBalances()).extracting(Balance::currency, Balance::amount)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("SEK", amount("-27.00")));
    assertThat(statement.otherBalances()).extracting(Balance::type).containsExactly("OPAV", "CLAV");
    // A library test file: opening in EUR, closing in SEK. There is no EUR closing to check against.
    assertThatThrownBy(() -> BalanceCheck.verify(statement)).isInstanceOfSatisfying(BankStatementException.class,
        e -> assertThat(e.code()).isEqualTo(BankStatementException.Code.BALANCE_MISMATCH));
  }

  @Test
  void genkgoCamt054KeepsTheBatchWholeBecauseDetailsAreInAnotherCurrency() {
    BankStatement notification = single(reader.read(StatementFiles.load("genkgo-camt054-v08.xml")));

    // Entry: 200000 SEK DBIT; its three TxDtls say 3.1 + 3.2 + 3.2 CHF CRDT: they cannot replace it.
    StatementLine line = single(notification.lines());
    assertThat(line.amount()).isEqualByComparingTo("-200000.00");
    assertThat(line.detailIndex()).isZero();
    assertThat(line.counterparty()).isNull();
    assertThat(line.references().paymentInformationId()).isEqualTo("UXC06170000006PI00001");
    assertThat(line.importId()).isEqualTo("CH2801234000123456789:2007-10-18:ASR:ACSR160617103200001");
    assertThat(notification.account().servicerBic()).isEqualTo("UBSWCHZH80A");
  }

  private static <T> T single(List<T> items) {
    assertThat(items).hasSize(1);
    return items.get(0);
  }
}
